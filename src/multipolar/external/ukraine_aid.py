"""Government aid to a state at war by donor (data/ukraine_aid.tsv: aid to Ukraine as published from the Kiel
Institute's Ukraine Support Tracker, written for multipolar with a source URL per row; a user file in the same layout
loads the same way).

Columns: donor (ISO3), recipient (ISO3), period_start, period_end, military, financial, humanitarian, total (EUR
billion; empty = not given), gdp_share_pct (bilateral commitments in per cent of the donor's GDP), source_name,
source_url, source_date (release or report date; empty = unknown, period_end stands for it), note.
"""
from __future__ import annotations

from pathlib import Path

from multipolar.external._common import Table, data_file, parse_date, sourced_table, to_float
from multipolar.external.countries import is_iso3

COLUMNS = ("donor", "recipient", "period_start", "period_end", "military", "financial", "humanitarian", "total",
           "gdp_share_pct", "source_name", "source_url", "source_date", "note")
REQUIRED = ("donor", "period_start", "period_end", "total", "source_url")
AMOUNTS = ("military", "financial", "humanitarian", "total", "gdp_share_pct")


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else data_file("ukraine_aid.tsv")
    return sourced_table("ukraine_aid", COLUMNS, path, REQUIRED, _row)


def _row(r: dict[str, str]) -> tuple | str:
    donor, recipient = r["donor"].strip().upper(), (r.get("recipient") or "UKR").strip().upper() or "UKR"
    if not (is_iso3(donor) and is_iso3(recipient)):
        return f"donor {donor!r} or recipient {recipient!r} is not an ISO3 code"
    try:
        start, end = parse_date(r["period_start"]), parse_date(r["period_end"])
        published = parse_date(r.get("source_date"))
        amounts = {k: to_float(r.get(k)) for k in AMOUNTS}
    except ValueError:
        return "a date is not YYYY-MM-DD or an amount is not a number"
    if start is None or end is None or end < start or not r["source_url"].strip():
        return "no period, period ends before it starts, or no source_url"
    if all(v is None for v in amounts.values()) or any(v is not None and v < 0 for v in amounts.values()):
        return "no amount given, or a negative amount"
    return (donor, recipient, start, end, *(amounts[k] for k in AMOUNTS), (r.get("source_name") or "").strip(),
            r["source_url"].strip(), published, r.get("note") or None)
