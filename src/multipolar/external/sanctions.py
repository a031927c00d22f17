"""Sanctions: who (state or body) sanctions which target state, under which program, since when.

Two inputs:
- multipolar's own dated table (data/sanctions.tsv, shipped with the package; one named source per row), or a
  user file in the same layout;
- OpenSanctions program metadata supplied by the user, as JSON (a list of programs, {"programs": [...]} or JSON
  lines) or CSV. Countries there are ISO 3166 alpha-2 codes in lower case ("ru", "us") or "eu"; the fields read
  are id / program_id, title, url, issuer.country (or issuer_country / country), target_countries
  (or targets / target_country) and start_date / end_date when given. A program with no target country is skipped.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pycountry

from multipolar.errors import InputError
from multipolar.external._common import Table, comment_lines, data_file, dict_rows, open_text, parse_date, skip
from multipolar.external.countries import is_iso3

COLUMNS = ("sender", "target", "program", "start", "end", "scope", "source_name", "source_url", "note")
REQUIRED = ("sender", "target", "program", "start", "end", "source")
BODIES = {"EU", "UN", "ARAB_LEAGUE", "AU", "ECOWAS", "OAS", "G7"}


def _code(value: str) -> str | None:
    v = value.strip().upper()
    if v in BODIES or (len(v) == 3 and is_iso3(v)):
        return v
    if len(v) == 2:
        c = pycountry.countries.get(alpha_2=v)
        if c:
            return c.alpha_3
    return None


def read(path: str | Path | None = None) -> Table:
    """Our TSV layout, or OpenSanctions metadata (detected by extension / first character)."""
    path = Path(path) if path else data_file("sanctions.tsv")
    with open_text(path) as f:
        head = f.read(4096).lstrip()
    if head.startswith(("[", "{")):
        return read_opensanctions_json(path)
    first = next((ln for ln in head.splitlines() if ln and not ln.startswith("#")), "")
    if "\t" in first and "sender" in first:
        return read_table(path)
    if "," in first and ("program_id" in first or "target_countries" in first):
        return read_opensanctions_csv(path)
    raise InputError(f"cannot read {path}: not multipolar's sanctions.tsv layout (sender, target, program, start, "
                     f"end, ...) nor OpenSanctions program metadata (JSON, or CSV with program_id)")


def read_table(path: str | Path) -> Table:
    comments = comment_lines(path)
    def rows():
        for line, r in dict_rows(path, REQUIRED, delimiter="\t", skip_lines=comments):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            sender, target = _code(r["sender"]), _code(r["target"])
            if not sender or not target:
                yield skip(path, line, f"unknown sender/target {r['sender']!r}/{r['target']!r}: use ISO3 or "
                                       f"one of {', '.join(sorted(BODIES))}")
                continue
            if not r["source"].strip():
                yield skip(path, line, "no source named: every sanctions row needs one")
                continue
            try:
                start, end = parse_date(r["start"]), parse_date(r["end"])
            except ValueError:
                yield skip(path, line, f"dates {r['start']!r}/{r['end']!r} are not YYYY-MM-DD")
                continue
            if start is None:
                yield skip(path, line, "no start date")
                continue
            yield (sender, target, r["program"].strip(), start, end, r.get("scope") or None,
                   r["source"].strip(), r.get("source_url") or None, r.get("note") or None)
    return Table("sanctions", COLUMNS, rows(), str(path))


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", ";").split(";") if v.strip()]
    if isinstance(value, dict):
        return [value.get("code") or value.get("country") or ""]
    return [v if isinstance(v, str) else (v.get("code") or v.get("country") or "") for v in value]


def _program_rows(path, items):
    for i, p in items:
        pid = p.get("id") or p.get("program_id") or p.get("key")
        issuer = p.get("issuer") if isinstance(p.get("issuer"), dict) else {}
        senders = _as_list(issuer.get("country") or p.get("issuer_country") or p.get("country"))
        targets = _as_list(p.get("target_countries") or p.get("targets") or p.get("target_country"))
        if not pid or not senders or not targets:
            yield skip(path, i, f"program {pid or '?'}: needs an id, an issuer country and target countries")
            continue
        try:
            start = parse_date(p.get("start_date") or p.get("startDate"))
            end = parse_date(p.get("end_date") or p.get("endDate"))
        except ValueError:
            yield skip(path, i, f"program {pid}: dates are not YYYY-MM-DD")
            continue
        source = "OpenSanctions program metadata: " + (p.get("title") or p.get("label") or pid)
        for s in senders:
            for t in targets:
                sc, tc = _code(s), _code(t)
                if not sc or not tc:
                    yield skip(path, i, f"program {pid}: unknown country code {s!r} or {t!r}")
                    continue
                yield (sc, tc, pid, start, end, p.get("summary") or None, source, p.get("url") or None,
                       None if start else "start date unknown")


def read_opensanctions_json(path: str | Path) -> Table:
    with open_text(path) as f:
        text = f.read()
    try:
        doc = json.loads(text)
        items = doc.get("programs", doc.get("results", [])) if isinstance(doc, dict) else doc
        numbered = list(enumerate(items, start=1))
    except json.JSONDecodeError:
        numbered = []
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    numbered.append((i, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise InputError(f"cannot read {path}:{i}: not JSON ({exc.msg})") from None
    return Table("sanctions", COLUMNS, _rows_with_start(path, numbered), str(path))


def _rows_with_start(path, numbered):
    for row in _program_rows(path, numbered):
        if isinstance(row, tuple) and row[3] is None:
            yield skip(path, 0, f"program {row[2]}: no start date, cannot say since when "
                                f"({row[0]} -> {row[1]}); add start_date")
            continue
        yield row


def read_opensanctions_csv(path: str | Path) -> Table:
    with open_text(path) as f:
        numbered = [(i + 2, r) for i, r in enumerate(csv.DictReader(f))]
    return Table("sanctions", COLUMNS, _rows_with_start(path, numbered), str(path))
