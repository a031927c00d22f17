"""Attendance at summits a state hosts with a region (data/russia_africa_summits.tsv: the Russia-Africa summits of
2019 and 2023, written for multipolar with a source URL per row; a user file in the same layout loads the same way).

Columns: summit (a name), date (its first day), host (ISO3), state (ISO3), level (head_of_state, head_of_government,
deputy, minister, ambassador), representative, source_name, source_url, source_date.
"""
from __future__ import annotations

from pathlib import Path

from multipolar.external._common import Table, data_file, parse_date, sourced_table
from multipolar.external.countries import is_iso3

COLUMNS = ("summit", "date", "host", "state", "level", "representative", "source_name", "source_url", "source_date")
REQUIRED = ("summit", "date", "host", "state", "level", "source_url")
LEVELS = ("head_of_state", "head_of_government", "deputy", "minister", "ambassador")
TOP_LEVELS = ("head_of_state", "head_of_government")


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else data_file("russia_africa_summits.tsv")
    return sourced_table("summits", COLUMNS, path, REQUIRED, _row)


def _row(r: dict[str, str]) -> tuple | str:
    host, state, level = r["host"].strip().upper(), r["state"].strip().upper(), r["level"].strip()
    if not (is_iso3(host) and is_iso3(state)):
        return f"host {host!r} or state {state!r} is not an ISO3 code"
    if level not in LEVELS:
        return f"level {level!r} is not one of {', '.join(LEVELS)}"
    try:
        when, published = parse_date(r["date"]), parse_date(r.get("source_date"))
    except ValueError:
        return "date/source_date are not YYYY-MM-DD"
    if when is None or not r["source_url"].strip():
        return "no date or no source_url"
    return (r["summit"].strip(), when, host, state, level, (r.get("representative") or "").strip() or None,
            (r.get("source_name") or "").strip(), r["source_url"].strip(), published)
