"""UN roll-call votes (UN Digital Library voting data), long or wide layout -> un_votes rows.

Long layout (one row per state and vote): undl_id, resolution, date, body, ms_name[, iso3], vote.
Wide layout (one row per state): iso3, ms_name, then one column per resolution ("68/262", "ES-11/1", ...).
Votes are Y (yes), N (no), A (abstain), X (non-voting / absent). Names map to ISO3 with
multipolar.external.countries; an iso3 column, when present, must agree with a known name or stands alone.
"""
from __future__ import annotations

import re
from pathlib import Path

from multipolar.errors import InputError
from multipolar.external._common import Table, dict_rows, open_text, parse_date, skip
from multipolar.external.countries import is_iso3, name_to_iso3

COLUMNS = ("undl_id", "resolution", "date", "body", "iso3", "ms_name", "vote")
LONG_REQUIRED = ("resolution", "date", "ms_name", "vote")
# Column names of the UN Digital Library's own voting-data export, read as ours.
ALIASES = {"ms_vote": "vote", "ms_code": "iso3", "Resolution": "resolution", "Date": "date"}
VOTES = {"Y": "Y", "YES": "Y", "N": "N", "NO": "N", "A": "A", "ABSTAIN": "A", "ABSTENTION": "A",
         "X": "X", "": "X", "NON-VOTING": "X", "ABSENT": "X", "NV": "X"}
# Dates of the resolutions the wide Ukraine file carries (it has no date column).
KNOWN_DATES = {"A/RES/68/262": "2014-03-27", "A/RES/ES-11/1": "2022-03-02", "A/RES/ES-11/2": "2022-03-24",
               "A/RES/ES-11/3": "2022-04-07", "A/RES/ES-11/4": "2022-10-12", "A/RES/ES-11/5": "2022-11-14",
               "A/RES/ES-11/6": "2023-02-23", "A/RES/ES-11/7": "2025-02-24", "A/RES/ES-11/8": "2025-02-24"}


def normalise_resolution(text: str) -> str:
    """'ES-11/1' -> 'A/RES/ES-11/1'; '68/262' -> 'A/RES/68/262'; 'S/RES/2623 (2022)' -> 'S/RES/2623(2022)'."""
    t = re.sub(r"\s+", "", text.strip().upper())
    if t.startswith(("A/RES/", "S/RES/")):
        return t
    if t.startswith("RES/"):
        return "A/" + t
    if re.fullmatch(r"\d+\(\d{4}\)", t):
        return "S/RES/" + t
    return "A/RES/" + t


def body_of(resolution: str) -> str:
    return "SC" if resolution.startswith("S/") else "GA"


def read(path: str | Path) -> Table:
    """Detect the layout from the header and read it."""
    with open_text(path) as f:
        header = f.readline().lower()
    if "resolution" in header and ("vote" in header or "ms_vote" in header):
        return read_long(path)
    if "iso3" in header and "ms_name" in header:
        return read_wide(path)
    raise InputError(f"cannot read {path}: not a UN votes file (expected a header with resolution, date, "
                     f"ms_name, vote, or the wide iso3, ms_name, <resolution>... layout)")


def _state(path, line, name: str, iso3: str | None):
    """ISO3 from the printed name (our table), or from an iso3 column; a Skipped when neither works."""
    code = name_to_iso3(name) if name else None
    given = (iso3 or "").strip().upper()
    if code is None and given and is_iso3(given):
        code = given
    if code is None:
        return skip(path, line, f"unknown member-state name {name!r}: add it to multipolar.external.countries")
    return code


def read_long(path: str | Path) -> Table:
    def rows():
        # ~1M rows share a few thousand names, dates and symbols: each is resolved once (a dict per read)
        states: dict[tuple[str, str | None], str] = {}
        days: dict[str, object] = {}
        symbols: dict[str, str] = {}
        for line, r in dict_rows(path, LONG_REQUIRED, aliases=ALIASES):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            key = (r["ms_name"], r.get("iso3"))
            state = states.get(key)
            if state is None:
                state = _state(path, line, *key)
                if not isinstance(state, str):
                    yield state
                    continue
                states[key] = state
            vote = VOTES.get(r["vote"].strip().upper())
            if vote is None:
                yield skip(path, line, f"vote {r['vote']!r} is not Y, N, A or X")
                continue
            day = days.get(r["date"], days)
            if day is days:
                try:
                    day = days[r["date"]] = parse_date(r["date"])
                except ValueError:
                    yield skip(path, line, f"date {r['date']!r} is not YYYY-MM-DD")
                    continue
            res = symbols.get(r["resolution"])
            if res is None:
                res = symbols[r["resolution"]] = normalise_resolution(r["resolution"])
            yield (r.get("undl_id") or None, res, day, r.get("body") or body_of(res), state,
                   r["ms_name"], vote)
    return Table("unvotes", COLUMNS, rows(), str(path))


def read_wide(path: str | Path) -> Table:
    with open_text(path) as f:
        header = f.readline().strip().split(",")
    resolutions = [h for h in header if h not in ("iso3", "ms_name")]
    if not resolutions:
        raise InputError(f"cannot read {path}: no resolution columns after iso3, ms_name")

    def rows():
        for line, r in dict_rows(path, ("iso3", "ms_name")):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            state = _state(path, line, r["ms_name"], r["iso3"])
            if not isinstance(state, str):
                yield state
                continue
            for col in resolutions:
                res = normalise_resolution(col)
                vote = VOTES.get(r[col].strip().upper())
                if vote is None:
                    yield skip(path, line, f"vote {r[col]!r} in column {col} is not Y, N, A or X")
                    continue
                known = KNOWN_DATES.get(res)
                yield (None, res, parse_date(known) if known else None, body_of(res), state, r["ms_name"], vote)
    return Table("unvotes", COLUMNS, rows(), str(path))
