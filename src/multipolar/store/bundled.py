"""The reference data shipped inside the package, loaded into a store so that every indicator works offline.

    from multipolar.store.bundled import load_defaults
    results = load_defaults(store)          # LoadResult per dataset loaded; datasets already present are kept

What is shipped (origins and licences: multipolar/refdata/README.md): every UN roll-call vote 1946-2025 (GA and
SC), Bailey-Strezhnev-Voeten ideal points, WDI population and GDP, multipolar's own sanctions and bloc tables
(multipolar/external/data), and the heads of state and government of multipolar's actor roster
(multipolar/actors/data/leaders.tsv) as the `leaders` table. `multipolar data fetch NAME` refreshes a dataset from
its original source; `multipolar data load NAME FILE` replaces it with a file of your own.

A dataset whose table already holds rows is left alone (a user's own load is never overwritten) unless
`force=True`, which replaces the rows the bundled copy carries, keyed as every load is (store.reference.SPECS).
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from multipolar.actors.roster import Roster
from multipolar.errors import DataFileError
from multipolar.external.countries import is_iso3
from multipolar.store import evidence, reference
from multipolar.store.db import Store

REFDATA = "multipolar.refdata"
PARQUET = {"unvotes": "unvotes.parquet", "idealpoints": "idealpoints.parquet", "wdi": "wdi.parquet"}
DATASETS = ("unvotes", "idealpoints", "wdi", "sanctions", "blocs", "leaders", "suspensions", "cosponsors", "summits",
            "ukraine_aid", "arms_imports")
NO_DEFAULTS_ENV = "MULTIPOLAR_NO_DEFAULTS"     # set to 1: a new store starts without the bundled data
SOURCE = "bundled:"          # data_loads.source and each row's source start with this


def refdata_path(name: str) -> Path:
    return Path(str(resources.files(REFDATA) / name))


def available() -> tuple[str, ...]:
    """The bundled datasets this version knows how to load."""
    evidence.register()
    return tuple(d for d in DATASETS if d in reference.SPECS)


def present(store: Store) -> dict[str, int]:
    """Rows stored per bundled dataset (0 = missing)."""
    reference.ensure_tables(store)
    return {d: store.con.execute(f"SELECT count(*) FROM {reference.SPECS[d][0]}").fetchone()[0] for d in available()}


def open_store(path: str | Path, *, skip: tuple[str, ...] = ()) -> tuple[Store, list[reference.LoadResult]]:
    """Open (or create) a store for writing; a store this call creates gets the bundled data (all datasets but
    `skip`), unless $MULTIPOLAR_NO_DEFAULTS is set. A creation killed half-way leaves the mark 'defaults pending'
    in the meta table, and the next call finishes the load. Returns the store and what was loaded."""
    new = str(path) != ":memory:" and not Path(path).exists()
    store = Store.open(path)
    try:
        if new and os.environ.get(NO_DEFAULTS_ENV, "").strip() in ("", "0"):
            store.con.execute("INSERT OR REPLACE INTO meta VALUES ('bundled_defaults', 'pending')")
        mark = store.con.execute("SELECT value FROM meta WHERE key = 'bundled_defaults'").fetchone()
        if not mark or mark[0] != "pending":
            return store, []
        results = load_defaults(store, datasets=tuple(d for d in available() if d not in skip))
        store.con.execute("INSERT OR REPLACE INTO meta VALUES ('bundled_defaults', 'loaded')")
        return store, results
    except BaseException:
        store.close()
        raise


def load_defaults(store: Store, *, force: bool = False, datasets=None) -> list[reference.LoadResult]:
    """Load each bundled dataset whose table is empty (all of them with force); returns what was loaded."""
    have = present(store)
    out = []
    for name in datasets or available():
        if have[name] and not force:
            continue
        if name in PARQUET:
            out.append(_load_parquet(store, name, refdata_path(PARQUET[name])))
        elif name == "leaders":
            out.append(reference.load_leaders(store, _roster_leaders()))
        else:                   # sanctions, blocs, suspensions and the evidence tables: files in external/data
            from importlib import import_module
            reader = import_module(f"multipolar.external.{name}").read
            table = reader(None)
            out.append(reference.load_table(store, table, source=SOURCE + "multipolar/external/data/"
                                             + Path(table.source).name))
    return out


def _load_parquet(store: Store, name: str, path: Path) -> reference.LoadResult:
    """One bundled Parquet file into its table, in SQL (a million UN votes load in about a second)."""
    if not path.is_file():
        raise DataFileError(f"bundled file {path} is missing: reinstall multipolar (`make install`), or load the "
                            f"data with `multipolar data fetch {name}`")
    table, key, _ = reference.SPECS[name]
    con = store.con
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "source"]
    q = ", ".join(f'"{c}"' for c in cols)
    on = " AND ".join(f't."{k}" = s."{k}"' for k in key)
    source = SOURCE + f"multipolar/refdata/{path.name}"
    reference.ensure_tables(store)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _bundled AS SELECT {q} FROM read_parquet(?)", [str(path)])
        n = con.execute("SELECT count(*) FROM _bundled").fetchone()[0]
        con.execute(f"DELETE FROM {table} t USING _bundled s WHERE {on}")
        con.execute(f"INSERT INTO {table} ({q}, source) SELECT {q}, ? FROM _bundled", [source])
        con.execute("DROP TABLE _bundled")
        con.execute("INSERT INTO data_loads VALUES (?, ?, current_timestamp, ?, 0)", [name, source, n])
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise DataFileError(f"bundled file {path} could not be loaded ({exc}): reinstall multipolar, or load the "
                            f"data with `multipolar data fetch {name}`") from exc
    return reference.LoadResult(name, source, n)


def _roster_leaders() -> reference.Table:
    """Heads of state and government of the actor roster (offices of rank 0-2, states only) as leaders rows."""
    rows = [(t.code, t.name, t.start, t.end, None, t.role) for t in Roster.load().terms()
            if t.rank <= 2 and len(t.code) == 3 and is_iso3(t.code)]
    return reference.Table("leaders", ("iso3", "name", "start", "end", "ccode", "leader_id"), iter(rows),
                           SOURCE + "multipolar/actors/data/leaders.tsv")
