"""The share of a state's arms imports from one supplier over a multi-year period (data/arms_imports_russia.tsv:
shares from Russia as published from the SIPRI Arms Transfers Database, written for multipolar with a source URL per
row; a user file in the same layout loads the same way).

Columns: state (ISO3), supplier (ISO3), period_start, period_end (years), share_pct (0-100), published (the day the
figure was released), source_name, source_url, note.
"""
from __future__ import annotations

from pathlib import Path

from multipolar.external._common import Table, data_file, parse_date, sourced_table, to_float, to_int
from multipolar.external.countries import is_iso3

COLUMNS = ("state", "supplier", "period_start", "period_end", "share_pct", "published", "source_name", "source_url",
           "note")
REQUIRED = ("state", "supplier", "period_start", "period_end", "share_pct", "published", "source_url")


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else data_file("arms_imports_russia.tsv")
    return sourced_table("arms_imports", COLUMNS, path, REQUIRED, _row)


def _row(r: dict[str, str]) -> tuple | str:
    state, supplier = r["state"].strip().upper(), r["supplier"].strip().upper()
    if not (is_iso3(state) and is_iso3(supplier)):
        return f"state {state!r} or supplier {supplier!r} is not an ISO3 code"
    try:
        start, end = to_int(r["period_start"]), to_int(r["period_end"])
        share, published = to_float(r["share_pct"]), parse_date(r["published"])
    except ValueError:
        return "years, share or published date unreadable"
    if None in (start, end, share, published) or end < start or not 0 <= share <= 100 \
            or not r["source_url"].strip():
        return "missing period, share or published date, share outside 0-100, or no source_url"
    return (state, supplier, start, end, share, published, (r.get("source_name") or "").strip(),
            r["source_url"].strip(), r.get("note") or None)
