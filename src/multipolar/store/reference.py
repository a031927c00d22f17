"""Reference and external data in the store: UN votes, ideal points, sanctions, WDI, leaders, blocs and
external event files (GDELT, ICEWS, POLECAT).

Every table keeps the source of each row. Loads are transactional and idempotent: rows are keyed, a reload
replaces the rows it carries and adds nothing twice; a load that fails rolls back and leaves what was stored.
Rows a reader cannot use are returned as Skipped (file:line and reason) and recorded in the `skipped` table.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa

from multipolar.errors import InputError, QueryError
from multipolar.external import blocs as _blocs
from multipolar.external._common import Table, open_text
from multipolar.external.events import EVENT_FIELDS, EventLayout, plover_rows
from multipolar.model import Skipped
from multipolar.store.db import Store, as_date

_DDL = [
    """CREATE TABLE IF NOT EXISTS un_votes (undl_id VARCHAR, resolution VARCHAR NOT NULL, date DATE,
        body VARCHAR, iso3 VARCHAR NOT NULL, ms_name VARCHAR, vote VARCHAR NOT NULL, source VARCHAR)""",
    """CREATE OR REPLACE VIEW un_resolutions AS SELECT resolution, any_value(undl_id) AS undl_id,
        min(date) AS date, any_value(body) AS body, count(*) FILTER (vote = 'Y') AS yes,
        count(*) FILTER (vote = 'N') AS no, count(*) FILTER (vote = 'A') AS abstain,
        count(*) FILTER (vote = 'X') AS absent FROM un_votes GROUP BY resolution""",
    """CREATE TABLE IF NOT EXISTS ideal_points (ccode INTEGER, iso3 VARCHAR NOT NULL, country VARCHAR,
        year INTEGER NOT NULL, idealpoint_fp DOUBLE, idealpoint_all DOUBLE, idealpoint_legacy DOUBLE,
        nvotes_fp INTEGER, nvotes_all INTEGER, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS sanctions (sender VARCHAR NOT NULL, target VARCHAR NOT NULL,
        program VARCHAR NOT NULL, "start" DATE NOT NULL, "end" DATE, scope VARCHAR, source_name VARCHAR NOT NULL,
        source_url VARCHAR, note VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS wdi_values (iso3 VARCHAR NOT NULL, year INTEGER NOT NULL,
        indicator VARCHAR NOT NULL, value DOUBLE, country VARCHAR, aggregate BOOLEAN, source VARCHAR)""",
    """CREATE OR REPLACE VIEW wdi AS SELECT iso3, year, any_value(country) AS country,
        max(value) FILTER (indicator = 'population') AS population,
        max(value) FILTER (indicator = 'gdp_usd') AS gdp_usd, bool_or(aggregate) AS aggregate
        FROM wdi_values GROUP BY iso3, year""",
    """CREATE TABLE IF NOT EXISTS leaders (iso3 VARCHAR NOT NULL, name VARCHAR NOT NULL, "start" DATE NOT NULL,
        "end" DATE, ccode INTEGER, leader_id VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS bloc_members (bloc VARCHAR NOT NULL, iso3 VARCHAR NOT NULL,
        "start" DATE NOT NULL, "end" DATE, status VARCHAR, note VARCHAR, source_name VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS external_events (source VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
        date DATE, actor_code VARCHAR, actor_name VARCHAR, actor_iso3 VARCHAR, actor_sector VARCHAR,
        recipient_code VARCHAR, recipient_name VARCHAR, recipient_iso3 VARCHAR, recipient_sector VARCHAR,
        cameo VARCHAR, event VARCHAR, mode VARCHAR, contexts VARCHAR[], goldstein DOUBLE, quad_class INTEGER,
        intensity DOUBLE, location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, url VARCHAR,
        file VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS data_loads (dataset VARCHAR, source VARCHAR, loaded_at TIMESTAMP,
        rows BIGINT, skipped BIGINT)""",
]

# dataset -> (table, key columns, columns to keep from the stored row when the new one has NULL)
SPECS = {
    "unvotes": ("un_votes", ("resolution", "iso3"), ("undl_id", "date")),
    "idealpoints": ("ideal_points", ("ccode", "year"), ()),
    "sanctions": ("sanctions", ("sender", "target", "program", "start"), ()),
    "wdi": ("wdi_values", ("iso3", "year", "indicator"), ()),
    "leaders": ("leaders", ("iso3", "name", "start"), ()),
    "blocs": ("bloc_members", ("bloc", "iso3", "start"), ()),
}
CHUNK = 200_000


@dataclass
class LoadResult:
    dataset: str
    source: str
    rows: int
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def ensure_tables(store: Store) -> None:
    for stmt in _DDL:
        store.con.execute(stmt)


def _q(name: str) -> str:
    return f'"{name}"'


def _begin(store: Store):
    ensure_tables(store)
    store.con.execute("BEGIN TRANSACTION")


def _finish(store: Store, result: LoadResult) -> LoadResult:
    store.con.execute("INSERT INTO data_loads VALUES (?, ?, current_timestamp, ?, ?)",
                      [result.dataset, result.source, result.rows, len(result.skipped)])
    store.add_skipped(result.skipped)
    store.con.execute("COMMIT")
    return result


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
    from multipolar.external import unvotes
    return load_table(store, _rows_or_path("unvotes", unvotes.read, rows_or_path, unvotes.COLUMNS))


def load_idealpoints(store: Store, rows_or_path) -> LoadResult:
    from multipolar.external import idealpoints
    return load_table(store, _rows_or_path("idealpoints", idealpoints.read, rows_or_path, idealpoints.COLUMNS))


def load_sanctions(store: Store, rows_or_path=None) -> LoadResult:
    """The bundled sanctions table when no path is given; else our TSV layout or OpenSanctions metadata."""
    from multipolar.external import sanctions
    return load_table(store, _rows_or_path("sanctions", sanctions.read, rows_or_path, sanctions.COLUMNS))


def load_wdi(store: Store, rows_or_path) -> LoadResult:
    from multipolar.external import wdi
    return load_table(store, _rows_or_path("wdi", wdi.read, rows_or_path, wdi.COLUMNS))


def load_leaders(store: Store, rows_or_path) -> LoadResult:
    from multipolar.external import leaders_archigos
    return load_table(store, _rows_or_path("leaders", leaders_archigos.read, rows_or_path,
                                           leaders_archigos.COLUMNS))


def load_blocs(store: Store, rows_or_path=None) -> LoadResult:
    return load_table(store, _rows_or_path("blocs", _blocs.read, rows_or_path, _blocs.COLUMNS))


# ---- external event files -------------------------------------------------------------------------

def _sql_str(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _scan(path: str, names: tuple[str, ...], header: bool, tag: str) -> str:
    cols = "{" + ", ".join(f"{_sql_str(c)}: 'VARCHAR'" for c in names) + "}"
    return (f"read_csv({_sql_str(path)}, delim='\t', header={str(header).lower()}, columns={cols}, quote='', "
            f"escape='', auto_detect=false, store_rejects=true, rejects_table='_rej_{tag}', "
            f"rejects_scan='_rejscan_{tag}')")


def _select(layout: EventLayout, present: set[str]) -> str:
    parts = []
    for f in EVENT_FIELDS:
        raw = layout.fields.get(f)
        parts.append(f"{_q(raw)} AS {f}" if raw and raw in present else f"NULL::VARCHAR AS {f}")
    return ", ".join(parts)


def load_events(store: Store, layout: EventLayout, path: str | Path) -> LoadResult:
    """Bulk-load one GDELT/ICEWS/POLECAT file with DuckDB's CSV reader; bad lines are skipped by number."""
    path = str(path)
    if path.endswith(".zip"):
        return _load_zip(store, layout, path)
    con = store.con
    if layout.columns is None:
        with open_text(path) as f:
            header = tuple(h.strip() for h in f.readline().rstrip("\r\n").split("\t"))
        missing = [c for c in layout.required if c not in header]
        if missing:
            raise InputError(f"cannot read {path}:1: missing column(s) {', '.join(missing)} for a "
                             f"{layout.source} file (found {', '.join(header[:8])} ...)")
        passes = [(header, True)]
    else:
        passes = [(layout.columns[:w], False) for w in sorted(layout.widths, reverse=True)]
    _begin(store)
    try:
        bad: dict[int, str] = {}
        for i, (names, header_row) in enumerate(passes):
            sql = f"SELECT {_select(layout, set(names))} FROM {_scan(path, names, header_row, str(i))}"
            verb = "CREATE OR REPLACE TEMP TABLE _raw AS " if i == 0 else "INSERT INTO _raw "
            con.execute(verb + sql)
            rej = con.execute(f"SELECT line, any_value(error_message) FROM _rej_{i} GROUP BY line").fetchall()
            now = {int(line): msg for line, msg in rej}
            bad = now if i == 0 else {k: v for k, v in bad.items() if k in now}
            con.execute(f"DROP TABLE IF EXISTS _rej_{i}; DROP TABLE IF EXISTS _rejscan_{i}")
        skipped = [Skipped(f"{path}:{line}", f"{layout.source}: {msg}") for line, msg in sorted(bad.items())]
        n = _insert_events(con, layout, path, skipped)
        con.execute("DROP TABLE IF EXISTS _raw")
        if n == 0:
            raise InputError(f"{path}: no usable {layout.source} rows; nothing was changed")
        return _finish(store, LoadResult(layout.source, path, n, skipped, list(layout.notes)))
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _insert_events(con, layout: EventLayout, path: str, skipped: list[Skipped]) -> int:
    fmt = _sql_str(layout.date_format)
    undated = con.execute(f"SELECT count(*), list(source_id)[1:5] FROM _raw "
                          f"WHERE try_strptime(date, {fmt}) IS NULL").fetchone()
    if undated[0]:
        skipped.append(Skipped(path, f"{undated[0]} rows with a date not in {layout.date_format} "
                                     f"(event ids {', '.join(map(str, undated[1]))} ...)"))
    countries = [r[0] for r in con.execute("SELECT DISTINCT actor_country FROM _raw UNION "
                                           "SELECT DISTINCT recipient_country FROM _raw").fetchall() if r[0]]
    con.register("_cmap_src", pa.table({"raw": pa.array(countries, pa.string()),
                                        "iso3": pa.array([layout.country(c) for c in countries], pa.string())}))
    codes = [r[0] for r in con.execute("SELECT DISTINCT cameo FROM _raw WHERE cameo IS NOT NULL").fetchall()]
    mapped = plover_rows(codes) if layout.cameo_to_plover else [(c, None, None, [], None) for c in codes]
    con.register("_pmap_src", pa.table({
        "cameo": pa.array([m[0] for m in mapped], pa.string()), "event": pa.array([m[1] for m in mapped], pa.string()),
        "mode": pa.array([m[2] for m in mapped], pa.string()),
        "contexts": pa.array([m[3] for m in mapped], pa.list_(pa.string())),
        "gold": pa.array([m[4] for m in mapped], pa.float64())}))
    try:
        con.execute("DELETE FROM external_events WHERE source = ? AND source_id IN (SELECT source_id FROM _raw)",
                    [layout.source])
        sep = _sql_str(layout.contexts_sep)
        before = con.execute("SELECT count(*) FROM external_events").fetchone()[0]
        con.execute(f"""INSERT INTO external_events SELECT ?, r.source_id, try_strptime(r.date, {fmt})::DATE,
            r.actor_code, r.actor_name, a.iso3, r.actor_sector, r.recipient_code, r.recipient_name, b.iso3,
            r.recipient_sector, r.cameo, coalesce(r.event, p.event), coalesce(r.mode, p.mode),
            coalesce(list_filter(string_split(r.contexts, {sep}), lambda x: x <> ''), p.contexts),
            coalesce(try_cast(r.goldstein AS DOUBLE), p.gold), try_cast(r.quad_class AS INTEGER),
            try_cast(r.intensity AS DOUBLE), r.location_name, r.location_country, try_cast(r.lat AS DOUBLE),
            try_cast(r.lon AS DOUBLE), r.url, ?
            FROM _raw r LEFT JOIN _cmap_src a ON a.raw = r.actor_country
            LEFT JOIN _cmap_src b ON b.raw = r.recipient_country LEFT JOIN _pmap_src p ON p.cameo = r.cameo
            WHERE try_strptime(r.date, {fmt}) IS NOT NULL AND r.source_id IS NOT NULL""",
                    [layout.source, Path(path).name])
        return con.execute("SELECT count(*) FROM external_events").fetchone()[0] - before
    finally:
        for view in ("_cmap_src", "_pmap_src"):
            try:
                con.unregister(view)
            except Exception:  # noqa: BLE001 - an aborted transaction refuses; the view goes with the rollback
                pass


def _load_zip(store: Store, layout: EventLayout, path: str) -> LoadResult:
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory() as tmp, open_text(path) as src:
        out = Path(tmp) / (Path(path).stem or "events.tsv")
        with open(out, "w", encoding="utf-8") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        result = load_events(store, layout, out)
    result.source = path
    return result


def load_gdelt(store: Store, path: str | Path) -> LoadResult:
    from multipolar.external import gdelt
    return load_events(store, gdelt.layout(path), path)


def load_icews(store: Store, path: str | Path) -> LoadResult:
    from multipolar.external import icews
    return load_events(store, icews.LAYOUT, path)


def load_polecat(store: Store, path: str | Path) -> LoadResult:
    from multipolar.external import polecat
    return load_events(store, polecat.LAYOUT, path)


# ---- queries --------------------------------------------------------------------------------------

def _date(on_date) -> date:
    return as_date(on_date, "on_date") or date.today()


def votes_on(store: Store, resolution: str) -> dict:
    """{"resolution", "date", "body", "undl_id", "tally": {yes, no, abstain, absent}, "votes": {ISO3: vote}}."""
    from multipolar.external.unvotes import normalise_resolution
    ensure_tables(store)
    res = normalise_resolution(resolution)
    head = store.con.execute("SELECT resolution, date, body, undl_id, yes, no, abstain, absent FROM un_resolutions"
                             " WHERE resolution = ?", [res]).fetchone()
    if head is None:
        raise QueryError(f"no votes stored for {res}: load them with `multipolar data fetch unvotes`, "
                         f"or check the symbol (e.g. A/RES/ES-11/1 or ES-11/1)")
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
              "wdi": "wdi_values", "leaders": "leaders", "blocs": "bloc_members"}
    out = []
    for dataset in ("unvotes", "idealpoints", "sanctions", "wdi", "leaders", "blocs", "gdelt", "icews", "polecat"):
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
