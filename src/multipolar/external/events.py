"""What the store needs to load an external event file (GDELT, ICEWS, POLECAT) in bulk.

A layout names the raw columns, which raw column fills which column of the store's external_events table,
how dates are written, and how raw country values become ISO3. The store reads the file with DuckDB's CSV
reader (fast, parallel, streaming) in one INSERT ... SELECT and applies the Python mappings through small
mapping tables joined in SQL: CAMEO -> PLOVER and Goldstein for every 2-4 digit code (computed once per
process), and raw country -> ISO3 either from the layout's finite code table (GDELT's CAMEO country codes) or,
for layouts whose countries are free names (ICEWS, POLECAT), from the distinct values of the file.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

# Columns of the store's external_events table that a layout can fill from raw columns.
EVENT_FIELDS = ("source_id", "date", "actor_code", "actor_name", "actor_country", "actor_sector",
                "recipient_code", "recipient_name", "recipient_country", "recipient_sector", "cameo",
                "event", "mode", "contexts", "goldstein", "quad_class", "intensity", "location_name",
                "location_country", "lat", "lon", "url")


@dataclass(frozen=True)
class EventLayout:
    source: str                              # gdelt1, gdelt2, icews, polecat: kept on every row
    fields: dict[str, str]                   # EVENT_FIELDS name -> raw column name
    date_format: str                         # strptime format of the date column
    country: Callable[[str], str | None]     # raw actor/recipient country -> ISO3
    columns: tuple[str, ...] | None = None   # headerless files: every raw column, in order
    widths: tuple[int, ...] = ()             # headerless files: accepted column counts
    required: tuple[str, ...] = ()           # files with a header: columns that must be there
    contexts_sep: str = ";"
    cameo_to_plover: bool = False            # fill event/mode/contexts from the CAMEO code
    notes: tuple[str, ...] = field(default_factory=tuple)
    # raw country value -> ISO3 for every value the layout knows (a finite vocabulary); None: map the
    # distinct values found in each file with `country` instead
    country_codes: Callable[[], dict[str, str]] | None = None


def plover_mapper() -> Callable[[str], tuple[str | None, str | None, tuple[str, ...]]] | None:
    """multipolar.ontology.cameo_to_plover when the ontology package provides it, else None."""
    try:
        from multipolar.ontology import cameo_to_plover  # noqa: PLC0415
    except ImportError:
        return None
    return cameo_to_plover


@lru_cache(maxsize=1)
def _goldstein():
    try:
        from multipolar.ontology import goldstein  # noqa: PLC0415
    except ImportError:
        return None
    return goldstein


def plover_rows(codes: list[str]) -> list[tuple[str, str | None, str | None, list[str], float | None]]:
    """(cameo, event, mode, contexts, goldstein) for each distinct CAMEO code; unknown codes map to None."""
    mapper, gold = plover_mapper(), _goldstein()
    out = []
    for code in codes:
        event = mode = None
        contexts: tuple[str, ...] = ()
        score = None
        if mapper is not None and code:
            try:
                event, mode, contexts = mapper(code)
            except (KeyError, ValueError, LookupError):
                pass
        if gold is not None and code:
            try:
                score = gold(code)
            except (KeyError, ValueError, LookupError):
                score = None
        out.append((code, event, mode, list(contexts or ()), score))
    return out


@lru_cache(maxsize=1)
def cameo_domain() -> tuple[tuple[str, str | None, str | None, list[str], float | None], ...]:
    """plover_rows for every CAMEO code shape (2, 3 and 4 digits) that maps to anything: the mapping table
    the store joins on, so no CAMEO code is looked up per row. About 0.1 s, once per process."""
    codes = [f"{i:0{w}d}" for w in (2, 3, 4) for i in range(10 ** w)]
    return tuple(r for r in plover_rows(codes) if r[1] or r[2] or r[3] or r[4] is not None)
