"""Attendance at summits a state hosts with a region (data/russia_africa_summits.tsv: the Russia-Africa summits of
2019 and 2023, written for multipolar with a source URL per row; a user file in the same layout loads the same way).

Columns: summit (a name), date (its first day), host (ISO3), state (ISO3), level (head_of_state, head_of_government,
deputy, minister, ambassador), representative, source_name, source_url, source_date.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from multipolar.external._common import Table, comment_lines, dict_rows, parse_date, skip
from multipolar.external.countries import is_iso3

COLUMNS = ("summit", "date", "host", "state", "level", "representative", "source_name", "source_url", "source_date")
REQUIRED = ("summit", "date", "host", "state", "level", "source_url")
LEVELS = ("head_of_state", "head_of_government", "deputy", "minister", "ambassador")
TOP_LEVELS = ("head_of_state", "head_of_government")


def bundled_path() -> Path:
    return Path(str(resources.files("multipolar.external") / "data" / "russia_africa_summits.tsv"))


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else bundled_path()
    comments = comment_lines(path)

    def rows():
        for line, r in dict_rows(path, REQUIRED, skip_lines=comments):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            host, state, level = r["host"].strip().upper(), r["state"].strip().upper(), r["level"].strip()
            if not (is_iso3(host) and is_iso3(state)):
                yield skip(path, line, f"host {host!r} or state {state!r} is not an ISO3 code")
                continue
            if level not in LEVELS:
                yield skip(path, line, f"level {level!r} is not one of {', '.join(LEVELS)}")
                continue
            try:
                when, published = parse_date(r["date"]), parse_date(r.get("source_date"))
            except ValueError:
                yield skip(path, line, "date/source_date are not YYYY-MM-DD")
                continue
            if when is None or not r["source_url"].strip():
                yield skip(path, line, "no date or no source_url")
                continue
            yield (r["summit"].strip(), when, host, state, level, (r.get("representative") or "").strip() or None,
                   (r.get("source_name") or "").strip(), r["source_url"].strip(), published)
    return Table("summits", COLUMNS, rows(), str(path))
