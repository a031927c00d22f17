"""Suspensions and expulsions of states from intergovernmental bodies (data/suspensions.csv, written for multipolar
with a source URL and a source date per row; a user file in the same layout loads the same way).

Columns: state (ISO3), body (an acronym: COE, UNHRC, G8, AU ...), action (suspended, voting_rights_suspended,
expelled), start, end (empty = in force), note, source_name, source_url, source_date.
"""
from __future__ import annotations

from pathlib import Path

from multipolar.external._common import Table, data_file, parse_date, sourced_table
from multipolar.external.countries import is_iso3

COLUMNS = ("state", "body", "action", "start", "end", "note", "source_name", "source_url", "source_date")
REQUIRED = ("state", "body", "action", "start", "end", "source_name", "source_url", "source_date")
ACTIONS = ("suspended", "voting_rights_suspended", "expelled")


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else data_file("suspensions.csv")
    return sourced_table("suspensions", COLUMNS, path, REQUIRED, _row, delimiter=",")


def _row(r: dict[str, str]) -> tuple | str:
    state = r["state"].strip().upper()
    if not is_iso3(state):
        return f"state {state!r} is not an ISO3 code"
    action = r["action"].strip()
    if action not in ACTIONS:
        return f"action {action!r} is not one of {', '.join(ACTIONS)}"
    try:
        start, end, when = parse_date(r["start"]), parse_date(r["end"]), parse_date(r["source_date"])
    except ValueError:
        return "start/end/source_date are not YYYY-MM-DD"
    if start is None or (end is not None and end < start) or not r["source_url"].strip():
        return "no start date, end before start, or no source_url"
    return (state, r["body"].strip().upper(), action, start, end, r.get("note") or None,
            r["source_name"].strip(), r["source_url"].strip(), when)
