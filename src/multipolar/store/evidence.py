"""Tables of dated public facts used as evidence of ties toward or against a state (docs/indicators.md, section 7):
co-sponsors of UN resolutions, attendance at summits, aid to a state at war, and shares of arms imports from a
supplier. Each has a reader in multipolar.external (cosponsors, summits, ukraine_aid, arms_imports) and a bundled
file in multipolar/external/data; `multipolar data load NAME FILE` loads a file of the same layout.

    from multipolar.store import evidence
    evidence.load_cosponsors(store)                 # the bundled table; or load_cosponsors(store, path)
    frame = evidence.rows(store, "summits")         # the stored rows, or the bundled ones while the table is empty

The schema (DDL) is created with the other reference tables (store.reference_schema.ensure_tables); the datasets
are registered in store.reference.SPECS by `register()` so that loads use the shared, transactional load_table.
"""
from __future__ import annotations

from importlib import import_module

import pandas as pd

from multipolar.store import reference
from multipolar.store.db import Store
from multipolar.store.reference_schema import EVIDENCE_DDL, ensure_tables

DDL = EVIDENCE_DDL              # the tables' schema lives with the other reference tables (store.reference_schema)

# dataset -> (table, key columns, columns kept from the stored row when the new one has NULL), as store.reference.SPECS
SPECS = {
    "cosponsors": ("resolution_sponsors", ("resolution", "state"), ()),
    "summits": ("summit_attendance", ("summit", "state"), ()),
    "ukraine_aid": ("war_aid", ("donor", "recipient", "period_start", "period_end"), ()),
    "arms_imports": ("arms_import_shares", ("state", "supplier", "period_start", "period_end"), ()),
}
DATASETS = tuple(SPECS)


def register() -> None:
    """Make the datasets known to store.reference (load_table, the bundled loads). Idempotent."""
    for k, v in SPECS.items():
        reference.SPECS.setdefault(k, v)


def _load(store: Store, name: str, path=None):
    register()
    reader = import_module(f"multipolar.external.{name}")
    return reference.load_table(store, reader.read(path) if path is not None else reader.read())


def load_cosponsors(store: Store, path=None):
    """Sponsors of UN resolutions; the bundled ES-11 table when no path is given."""
    return _load(store, "cosponsors", path)


def load_summits(store: Store, path=None):
    """Attendance at summits; the bundled Russia-Africa table when no path is given."""
    return _load(store, "summits", path)


def load_ukraine_aid(store: Store, path=None):
    """Aid to a state at war by donor; the bundled Ukraine Support Tracker figures when no path is given."""
    return _load(store, "ukraine_aid", path)


def load_arms_imports(store: Store, path=None):
    """Shares of arms imports from a supplier; the bundled SIPRI shares from Russia when no path is given."""
    return _load(store, "arms_imports", path)


def counts(store: Store) -> dict[str, int]:
    ensure_tables(store)
    return {d: store.con.execute(f"SELECT count(*) FROM {SPECS[d][0]}").fetchone()[0] for d in DATASETS}


def rows(store: Store, dataset: str) -> pd.DataFrame:
    """Every stored row of a dataset (without the load's `source` column); while the store's table is empty, the
    bundled rows instead (they are facts multipolar carries, like the suspensions)."""
    table = SPECS[dataset][0]
    reader = import_module(f"multipolar.external.{dataset}")
    if counts(store)[dataset]:
        cols = ", ".join(f'"{c}"' for c in reader.COLUMNS)
        return store.con.execute(f"SELECT {cols} FROM {table}").df()
    t = reader.read()
    frame = pd.DataFrame([r for r in t.rows if isinstance(r, tuple)], columns=list(t.columns))
    return frame


def loaded(store: Store) -> list[dict]:
    """One row per evidence dataset, as store.reference.loaded: rows stored now, the last source loaded and when."""
    have = counts(store)
    out = []
    for d in DATASETS:
        last = store.con.execute("SELECT source, loaded_at FROM data_loads WHERE dataset = ? ORDER BY loaded_at DESC "
                                 "LIMIT 1", [d]).fetchone()
        out.append({"dataset": d, "rows": have[d], "last_source": last[0] if last else None,
                    "loaded_at": last[1].isoformat(sep=" ", timespec="seconds") if last else None})
    return out
