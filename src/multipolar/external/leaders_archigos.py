"""Archigos-style leader files (Archigos 4.1, PLAD merges): ccode, leader, startdate, enddate [, idacr, obsid, exit].

COW codes map to ISO3 with multipolar.external.countries. Archigos-style builds write the build date as the end
of every term still running; an end equal to `build_date` (by default the most frequent end date when it also
carries exit "Still in Office") is stored as NULL: the term is open.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from multipolar.external._common import Table, dict_rows, parse_date, skip
from multipolar.external.countries import COW_NO_ISO, cow_to_iso3

COLUMNS = ("iso3", "name", "start", "end", "ccode", "leader_id")
REQUIRED = ("ccode", "leader", "startdate", "enddate")
STILL = ("still in office", "current")


def detect_build_date(path: str | Path) -> date | None:
    """The end date written on terms marked still in office (the file's build date), if any."""
    ends = Counter()
    for _, r in dict_rows(path, REQUIRED):
        if "__error__" not in r and r.get("exit", "").strip().lower() in STILL:
            ends[r["enddate"].strip()] += 1
    if not ends:
        return None
    try:
        return parse_date(ends.most_common(1)[0][0])
    except ValueError:
        return None


def read(path: str | Path, build_date: date | str | None = "detect") -> Table:
    if build_date == "detect":
        build_date = detect_build_date(path)
    elif isinstance(build_date, str):
        build_date = date.fromisoformat(build_date)
    notes = [f"open terms: end date {build_date} read as still in office"] if build_date else []

    def rows():
        for line, r in dict_rows(path, REQUIRED):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            try:
                ccode = int(r["ccode"])
            except ValueError:
                yield skip(path, line, f"COW code {r['ccode']!r} is not a number")
                continue
            iso3 = cow_to_iso3(ccode)
            if iso3 is None:
                why = "a historical entity with no ISO3" if ccode in COW_NO_ISO else "not in the COW table"
                yield skip(path, line, f"COW code {ccode} ({r.get('country', '?')}) is {why}")
                continue
            try:
                start, end = parse_date(r["startdate"]), parse_date(r["enddate"])
            except ValueError:
                yield skip(path, line, f"dates {r['startdate']!r}/{r['enddate']!r} are not YYYY-MM-DD")
                continue
            if start is None:
                yield skip(path, line, "no start date")
                continue
            if end is not None and build_date is not None and end == build_date:
                end = None
            leader_id = r.get("obsid") or r.get("leadid") or None
            yield (iso3, r["leader"].strip(), start, end, ccode, leader_id)
    return Table("leaders", COLUMNS, rows(), str(path), notes)
