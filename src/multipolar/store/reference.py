"""Reference and external data in the store: UN votes, ideal points, sanctions, WDI, leaders, blocs and
external event files (GDELT, ICEWS, POLECAT).

Every table keeps the source of each row. Loads are transactional and idempotent: rows are keyed, a reload
replaces the rows it carries and adds nothing twice; a load that fails rolls back and leaves what was stored.
Rows a reader cannot use are returned as Skipped (file:line and reason) and recorded in the `skipped` table.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa

from multipolar.errors import InputError, QueryError
from multipolar.external import blocs as _blocs
from multipolar.external import idealpoints, leaders_archigos, sanctions, suspensions, unvotes, wdi
from multipolar.external._common import Table
from multipolar.model import Skipped
from multipolar.store.db import Store, as_date
from multipolar.store.reference_schema import LoadResult, _begin, _finish, _q, ensure_tables  # noqa: F401


# dataset -> (table, key columns, columns to keep from the stored row when the new one has NULL)
SPECS = {
    "unvotes": ("un_votes", ("resolution", "iso3"), ("undl_id", "date")),
    "idealpoints": ("ideal_points", ("ccode", "year"), ()),
    "sanctions": ("sanctions", ("sender", "target", "program", "start"), ()),
    "wdi": ("wdi_values", ("iso3", "year", "indicator"), ()),
    "leaders": ("leaders", ("iso3", "name", "start"), ()),
    "blocs": ("bloc_members", ("bloc", "iso3", "start"), ()),
    "suspensions": ("suspensions", ("state", "body", "action", "start"), ()),
}
CHUNK = 200_000


def load_table(store: Store, table: Table, *, source: str | None = None) -> LoadResult:
    """Write a reader's Table: stage it, replace rows with the same key, insert; all in one transaction."""
    name, key, preserve = SPECS[table.dataset]
    cols = table.columns
    source = source or table.source
    con, skipped, n = store.con, [], 0
    _begin(store)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _stage AS SELECT {', '.join(map(_q, cols))} FROM {name} LIMIT 0")
        chunk: list[tuple] = []
        for item in table.rows:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            chunk.append(item)
            if len(chunk) >= CHUNK:
                n += _stage(con, cols, chunk)
                chunk = []
        n += _stage(con, cols, chunk)
        if n == 0:
            first = f" (first: {skipped[0].source}: {skipped[0].reason})" if skipped else ""
            raise InputError(f"{source}: no usable {table.dataset} rows{first}; nothing was changed")
        on = " AND ".join(f"t.{_q(k)} = s.{_q(k)}" for k in key)
        for col in preserve:
            con.execute(f"UPDATE _stage s SET {_q(col)} = t.{_q(col)} FROM {name} t WHERE {on} "
                        f"AND s.{_q(col)} IS NULL")
        con.execute(f"DELETE FROM {name} t USING _stage s WHERE {on}")
        keys = ", ".join(_q(k) for k in key)
        con.execute(f"INSERT INTO {name} ({', '.join(map(_q, cols))}, source) "
                    f"SELECT DISTINCT ON ({keys}) *, ? FROM _stage", [source])
        con.execute("DROP TABLE _stage")
        return _finish(store, LoadResult(table.dataset, source, n, skipped, list(table.notes)))
    except (EOFError, UnicodeDecodeError, OSError, csv.Error) as exc:
        con.execute("ROLLBACK")
        raise InputError(f"cannot read {source}: {exc} (truncated or not a text file?); nothing was changed") from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _stage(con, cols, chunk: list[tuple]) -> int:
    if not chunk:
        return 0
    arrays = {c: pa.array(list(v)) for c, v in zip(cols, zip(*chunk))}
    batch = pa.table(arrays)
    con.register("_chunk", batch)
    try:
        con.execute("INSERT INTO _stage SELECT * FROM _chunk")
    finally:
        con.unregister("_chunk")
    return len(chunk)


def _rows_or_path(dataset: str, reader, rows_or_path, columns) -> Table:
    if isinstance(rows_or_path, (str, Path)) or rows_or_path is None:
        return reader(rows_or_path) if rows_or_path is not None else reader()
    if isinstance(rows_or_path, Table):
        return rows_or_path
    rows = (tuple(r[c] for c in columns) if isinstance(r, dict) else tuple(r) for r in rows_or_path)
    return Table(dataset, tuple(columns), rows, "rows")


def load_unvotes(store: Store, rows_or_path) -> LoadResult:
    return load_table(store, _rows_or_path("unvotes", unvotes.read, rows_or_path, unvotes.COLUMNS))


def load_idealpoints(store: Store, rows_or_path) -> LoadResult:
    return load_table(store, _rows_or_path("idealpoints", idealpoints.read, rows_or_path, idealpoints.COLUMNS))


def load_sanctions(store: Store, rows_or_path=None) -> LoadResult:
    """The bundled sanctions table when no path is given; else our TSV layout or OpenSanctions metadata."""
    return load_table(store, _rows_or_path("sanctions", sanctions.read, rows_or_path, sanctions.COLUMNS))


def load_wdi(store: Store, rows_or_path) -> LoadResult:
    return load_table(store, _rows_or_path("wdi", wdi.read, rows_or_path, wdi.COLUMNS))


def load_leaders(store: Store, rows_or_path) -> LoadResult:
    return load_table(store, _rows_or_path("leaders", leaders_archigos.read, rows_or_path,
                                           leaders_archigos.COLUMNS))


def load_blocs(store: Store, rows_or_path=None) -> LoadResult:
    return load_table(store, _rows_or_path("blocs", _blocs.read, rows_or_path, _blocs.COLUMNS))


def load_suspensions(store: Store, rows_or_path=None) -> LoadResult:
    """The bundled suspensions/expulsions from intergovernmental bodies when no path is given."""
    return load_table(store, _rows_or_path("suspensions", suspensions.read, rows_or_path, suspensions.COLUMNS))


# ---- external event files -------------------------------------------------------------------------
#
# One file is loaded by one INSERT INTO external_events SELECT ... FROM read_csv(...) per accepted column
# count (GDELT 1.0 files have 57 or 58 columns), with the column types given (no sniffing), the date parsed by
# the CSV reader (a bad or empty date rejects its line, which is then reported by number), and the Python
# mappings applied in SQL: CAMEO -> PLOVER and Goldstein through a small table joined on the code (every CAMEO
# code, computed once per process), country -> ISO3 by position in two constant lists when the layout has a
# finite code table (GDELT) or through a table of the file's distinct values (ICEWS, POLECAT names). The table has no index to maintain. A reload first deletes
# the rows of the same source whose ids the file carries, and only when that source has rows at all.


def _date(on_date) -> date:
    return as_date(on_date, "on_date") or date.today()


def votes_on(store: Store, resolution: str) -> dict:
    """{"resolution", "date", "body", "undl_id", "tally": {yes, no, abstain, absent}, "votes": {ISO3: vote}}."""
    ensure_tables(store)
    res = unvotes.normalise_resolution(resolution)
    head = store.con.execute("SELECT resolution, date, body, undl_id, yes, no, abstain, absent FROM un_resolutions"
                             " WHERE resolution = ?", [res]).fetchone()
    if head is None:
        n, last = store.con.execute("SELECT count(*), max(date) FROM un_resolutions").fetchone()
        if not n:
            raise QueryError(f"no UN votes are stored, so none for {res}: run `multipolar data defaults` (the "
                             f"votes shipped with multipolar) or `multipolar data fetch unvotes`")
        near = [r[0] for r in store.con.execute(
            "SELECT resolution FROM un_resolutions WHERE resolution LIKE ? ORDER BY date DESC NULLS LAST LIMIT 3",
            [res.rsplit("/", 1)[0] + "/%"]).fetchall()]
        raise QueryError(f"no resolution {res} among the {n:,} stored (votes to {last}): check the symbol "
                         f"(e.g. A/RES/ES-11/1 or ES-11/1)" + (f"; stored in that series: {', '.join(near)}"
                                                             if near else ""))
    votes = dict(store.con.execute("SELECT iso3, vote FROM un_votes WHERE resolution = ? ORDER BY iso3",
                                   [res]).fetchall())
    return {"resolution": head[0], "date": head[1].isoformat() if head[1] else None, "body": head[2],
            "undl_id": head[3], "tally": dict(zip(("yes", "no", "abstain", "absent"), head[4:])), "votes": votes}


def find_resolutions(store: Store, pattern: str = "%", limit: int = 50) -> list[dict]:
    ensure_tables(store)
    cur = store.con.execute("SELECT * FROM un_resolutions WHERE resolution LIKE ? ORDER BY date DESC NULLS LAST "
                            "LIMIT ?", [pattern, limit])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def population_gdp(store: Store, year: int, *, aggregates: bool = False) -> list[dict]:
    """[{iso3, country, population, gdp_usd, aggregate}] for one year; aggregates (WLD, EUU ...) on request."""
    ensure_tables(store)
    cur = store.con.execute("SELECT iso3, country, population, gdp_usd, aggregate FROM wdi WHERE year = ? "
                            "AND (? OR NOT coalesce(aggregate, false)) ORDER BY iso3", [int(year), aggregates])
    return [dict(zip(("iso3", "country", "population", "gdp_usd", "aggregate"), r)) for r in cur.fetchall()]


def members(store: Store, bloc: str, on_date=None, *, statuses: Iterable[str] = ("member",)) -> list[str]:
    """Codes in a bloc on a date (default today). GLOBAL_SOUTH is the G77 plus China."""
    ensure_tables(store)
    bloc, day = bloc.upper(), _date(on_date)
    base, extra = _blocs.DERIVED.get(bloc, (bloc, ()))
    rows = store.con.execute(
        'SELECT DISTINCT iso3 FROM bloc_members WHERE bloc = ? AND "start" <= ? AND ("end" IS NULL OR "end" > ?)'
        " AND status IN (SELECT unnest(?))", [base, day, day, list(statuses)]).fetchall()
    return sorted({r[0] for r in rows} | (set(extra) if rows else set()))


def blocs_of(store: Store, iso3: str, on_date=None) -> list[str]:
    ensure_tables(store)
    day = _date(on_date)
    return [r[0] for r in store.con.execute(
        'SELECT DISTINCT bloc FROM bloc_members WHERE iso3 = ? AND "start" <= ? AND ("end" IS NULL OR "end" > ?)'
        " AND status = 'member' ORDER BY bloc", [iso3.upper(), day, day]).fetchall()]


def sanctions_on(store: Store, target: str, on_date=None) -> list[dict]:
    """Sanctions in force against `target` on a date: sender, program, start, end, source_name."""
    ensure_tables(store)
    day = _date(on_date)
    cur = store.con.execute(
        'SELECT sender, program, "start", "end", scope, source_name, source_url FROM sanctions WHERE target = ? '
        'AND "start" <= ? AND ("end" IS NULL OR "end" > ?) ORDER BY sender, program', [target.upper(), day, day])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def sanctioners(store: Store, target: str, on_date=None, *, states_only: bool = False) -> list[str]:
    """Who sanctions `target` on a date (ISO3 states, and bodies such as EU/UN unless states_only)."""
    out = {r["sender"] for r in sanctions_on(store, target, on_date)}
    return sorted(c for c in out if not states_only or len(c) == 3 and c.isalpha() and c.isupper())


def leaders_on(store: Store, iso3: str, on_date=None) -> list[dict]:
    ensure_tables(store)
    day = _date(on_date)
    cur = store.con.execute('SELECT name, "start", "end", source FROM leaders WHERE iso3 = ? AND "start" <= ? '
                            'AND ("end" IS NULL OR "end" >= ?) ORDER BY "start"', [iso3.upper(), day, day])
    return [dict(zip(("name", "start", "end", "source"), r)) for r in cur.fetchall()]


def ideal_points(store: Store, year: int) -> dict[str, float]:
    ensure_tables(store)
    return dict(store.con.execute("SELECT iso3, idealpoint_fp FROM ideal_points WHERE year = ? AND "
                                  "idealpoint_fp IS NOT NULL ORDER BY iso3", [int(year)]).fetchall())


def loaded(store: Store) -> list[dict]:
    """One row per dataset: rows stored now, the last source loaded and when."""
    ensure_tables(store)
    counts = {"unvotes": "un_votes", "idealpoints": "ideal_points", "sanctions": "sanctions",
              "wdi": "wdi_values", "leaders": "leaders", "blocs": "bloc_members", "suspensions": "suspensions"}
    out = []
    for dataset in ("unvotes", "idealpoints", "sanctions", "wdi", "leaders", "blocs", "suspensions", "gdelt",
                    "icews", "polecat"):
        if dataset in counts:
            n = store.con.execute(f"SELECT count(*) FROM {counts[dataset]}").fetchone()[0]
            like = dataset
        else:
            n = store.con.execute("SELECT count(*) FROM external_events WHERE source LIKE ?",
                                  [dataset + "%"]).fetchone()[0]
            like = dataset + "%"
        last = store.con.execute("SELECT source, loaded_at, rows FROM data_loads WHERE dataset LIKE ? "
                                 "ORDER BY loaded_at DESC LIMIT 1", [like]).fetchone()
        out.append({"dataset": dataset, "rows": n, "last_source": last[0] if last else None,
                    "loaded_at": last[1].isoformat(sep=" ", timespec="seconds") if last else None})
    return out


# The event-file loaders live in event_files.py; they are part of this module's public API.
from multipolar.store.event_files import load_events, load_gdelt, load_icews, load_polecat  # noqa: E402,F401
