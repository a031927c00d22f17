"""Blocs and their members with dates (data/blocs.tsv, written for multipolar with a named source per row).

Columns: bloc, iso3, start, end, status, note, source. status is member, ambiguous (e.g. Saudi Arabia in
BRICS: invited, never confirmed), partner or participant. "GLOBAL_SOUTH" is not stored: it is derived as the
G77 plus China (which sits with the group as "G77 and China" without being a member).
"""
from __future__ import annotations

from pathlib import Path

from multipolar.external._common import Table, data_file, dict_rows, open_text, parse_date, skip
from multipolar.external.countries import is_iso3

COLUMNS = ("bloc", "iso3", "start", "end", "status", "note", "source_name")
REQUIRED = ("bloc", "iso3", "start", "end", "status", "source")
STATUSES = ("member", "ambiguous", "partner", "participant")
BLOC_CODES = {"EU", "AU"}
DERIVED = {"GLOBAL_SOUTH": ("G77", ("CHN",))}


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else data_file("blocs.tsv")
    with open_text(path) as f:
        comments = 0
        for ln in f:
            if not ln.startswith("#"):
                break
            comments += 1

    def rows():
        for line, r in dict_rows(path, REQUIRED, delimiter="\t", skip_lines=comments):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            code = r["iso3"].strip().upper()
            if not (code in BLOC_CODES or is_iso3(code)):
                yield skip(path, line, f"{code!r} is not an ISO3 code (or EU/AU)")
                continue
            status = r["status"].strip() or "member"
            if status not in STATUSES:
                yield skip(path, line, f"status {status!r} is not one of {', '.join(STATUSES)}")
                continue
            try:
                start, end = parse_date(r["start"]), parse_date(r["end"])
            except ValueError:
                yield skip(path, line, f"dates {r['start']!r}/{r['end']!r} are not YYYY-MM-DD")
                continue
            if start is None or (end is not None and end < start):
                yield skip(path, line, "no start date, or end before start")
                continue
            yield (r["bloc"].strip().upper(), code, start, end, status, r.get("note") or None, r["source"].strip())
    return Table("blocs", COLUMNS, rows(), str(path))
