"""Sponsors of UN General Assembly resolutions (data/es11_cosponsors.tsv: the ES-11 resolutions on Russia's war
against Ukraine, written for multipolar with a source URL per row; a user file in the same layout loads the same way).

Columns: resolution (A/RES/...), draft (A/.../L.n), adopted (date), state (ISO3), sponsor_list (draft: the sponsor
line printed on the draft; initial: the first co-sponsors published before the vote; final: the UN's final list),
source_name, source_url, note.
"""
from __future__ import annotations

from pathlib import Path

from multipolar.external._common import Table, data_file, parse_date, sourced_table
from multipolar.external.countries import is_iso3

COLUMNS = ("resolution", "draft", "adopted", "state", "sponsor_list", "source_name", "source_url", "note")
REQUIRED = ("resolution", "adopted", "state", "source_url")
LISTS = ("draft", "initial", "final")


def read(path: str | Path | None = None) -> Table:
    path = Path(path) if path else data_file("es11_cosponsors.tsv")
    return sourced_table("cosponsors", COLUMNS, path, REQUIRED, _row)


def _row(r: dict[str, str]) -> tuple | str:
    state = r["state"].strip().upper()
    resolution = r["resolution"].strip().upper().replace(" ", "")
    kind = (r.get("sponsor_list") or "final").strip() or "final"
    if not is_iso3(state) or not resolution.startswith("A/"):
        return f"state {state!r} is not an ISO3 code or resolution {resolution!r} is not A/..."
    if kind not in LISTS:
        return f"sponsor_list {kind!r} is not one of {', '.join(LISTS)}"
    try:
        adopted = parse_date(r["adopted"])
    except ValueError:
        return "adopted is not YYYY-MM-DD"
    if adopted is None or not r["source_url"].strip():
        return "no adoption date or no source_url"
    return (resolution, (r.get("draft") or "").strip() or None, adopted, state, kind,
            (r.get("source_name") or "").strip(), r["source_url"].strip(), r.get("note") or None)
