"""Suspensions and expulsions of states from intergovernmental bodies (data/suspensions.csv, written for multipolar
with a source URL and a source date per row; a user file in the same layout loads the same way).

Columns: state (ISO3), body (an acronym: COE, UNHRC, G8, AU ...), action (suspended, voting_rights_suspended,
expelled), start, end (empty = in force), note, source_name, source_url, source_date.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from multipolar.external._common import Table, comment_lines, dict_rows, parse_date, skip
from multipolar.external.countries import is_iso3

COLUMNS = ("state", "body", "action", "start", "end", "note", "source_name", "source_url", "source_date")
REQUIRED = ("state", "body", "action", "start", "end", "source_name", "source_url", "source_date")
ACTIONS = ("suspended", "voting_rights_suspended", "expelled")


def bundled_path() -> Path:
    return Path(str(resources.files("multipolar.external") / "data" / "suspensions.csv"))


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else bundled_path()
    comments = comment_lines(path)

    def rows():
        for line, r in dict_rows(path, REQUIRED, delimiter=",", skip_lines=comments):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            state = r["state"].strip().upper()
            if not is_iso3(state):
                yield skip(path, line, f"state {state!r} is not an ISO3 code")
                continue
            action = r["action"].strip()
            if action not in ACTIONS:
                yield skip(path, line, f"action {action!r} is not one of {', '.join(ACTIONS)}")
                continue
            try:
                start, end, when = parse_date(r["start"]), parse_date(r["end"]), parse_date(r["source_date"])
            except ValueError:
                yield skip(path, line, "start/end/source_date are not YYYY-MM-DD")
                continue
            if start is None or (end is not None and end < start) or not r["source_url"].strip():
                yield skip(path, line, "no start date, end before start, or no source_url")
                continue
            yield (state, r["body"].strip().upper(), action, start, end, r.get("note") or None,
                   r["source_name"].strip(), r["source_url"].strip(), when)
    return Table("suspensions", COLUMNS, rows(), str(path))
