"""Loading external event files (GDELT 1.0/2.0, ICEWS, POLECAT) into `external_events` with DuckDB's CSV
reader: one INSERT ... SELECT per file, CAMEO -> PLOVER and Goldstein by a join, bad lines named.
Split from reference.py, whose transaction helpers it shares.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa

from multipolar.errors import InputError
from multipolar.external import gdelt, icews, polecat
from multipolar.external._common import open_text
from multipolar.external.events import EventLayout, cameo_domain
from multipolar.model import Skipped
from multipolar.store.db import Store
from multipolar.store.reference_schema import LoadResult, _begin, _finish, _q


def _sql_str(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _scan(path: str, names: tuple[str, ...], header: bool, layout: EventLayout, rejects: str | None) -> str:
    date_col = layout.fields["date"]
    cols = "{" + ", ".join(f"{_sql_str(c)}: {_sql_str('DATE' if c == date_col else 'VARCHAR')}"
                           for c in names) + "}"
    errors = (f"store_rejects=true, rejects_table='_rej_{rejects}', rejects_scan='_rejscan_{rejects}'"
              if rejects else "ignore_errors=true")
    return (f"read_csv({_sql_str(path)}, delim='\t', header={str(header).lower()}, columns={cols}, quote='', "
            f"escape='', auto_detect=false, parallel=true, dateformat={_sql_str(layout.date_format)}, "
            f"force_not_null=[{_sql_str(date_col)}], {errors})")


def _field(layout: EventLayout, present: set[str], name: str) -> str | None:
    raw = layout.fields.get(name)
    return f"r.{_q(raw)}" if raw and raw in present else None


def _event_select(layout: EventLayout, present: set[str], path: str) -> str:
    """The SELECT that turns one raw scan `r` into external_events rows (joins: a, b countries; p CAMEO)."""
    def f(name: str, cast: str | None = None) -> str:
        col = _field(layout, present, name)
        if col is None:
            return "NULL"
        return f"try_cast({col} AS {cast})" if cast else col

    def mapped(name: str, raw_sql: str) -> str:
        has_raw = raw_sql != "NULL"
        if not layout.cameo_to_plover:
            return raw_sql
        out = [raw_sql] if has_raw else []
        out.append(f"p.{name}")
        if name == "contexts" and _field(layout, present, "cameo"):    # a code with no mapping: no contexts
            out.append(f"CASE WHEN {_field(layout, present, 'cameo')} IS NOT NULL THEN []::VARCHAR[] END")
        return out[0] if len(out) == 1 else f"coalesce({', '.join(out)})"

    contexts = _field(layout, present, "contexts")
    ctx_sql = (f"list_filter(string_split({contexts}, {_sql_str(layout.contexts_sep)}), lambda x: x <> '')"
               if contexts else "NULL")
    def iso3(role: str, alias: str) -> str:
        col = _field(layout, present, role + "_country")
        if col is None:
            return "NULL"
        if layout.country_codes is None:
            return f"{alias}.iso3"
        # a finite vocabulary: a position lookup in two constant lists costs less than a hash join per row
        keys, values = zip(*sorted(layout.country_codes().items()))
        return (f"[{', '.join(map(_sql_str, values))}][list_position([{', '.join(map(_sql_str, keys))}], "
                f"{col})]")

    actor_iso, recip_iso = iso3("actor", "a"), iso3("recipient", "b")
    cols = [_sql_str(layout.source), f("source_id"), f("date"), f("actor_code"), f("actor_name"), actor_iso,
            f("actor_sector"), f("recipient_code"), f("recipient_name"), recip_iso, f("recipient_sector"),
            f("cameo"), mapped("event", f("event")), mapped("mode", f("mode")), mapped("contexts", ctx_sql),
            mapped("gold", f("goldstein", "DOUBLE")), f("quad_class", "INTEGER"), f("intensity", "DOUBLE"),
            f("location_name"), f("location_country"), f("lat", "DOUBLE"), f("lon", "DOUBLE"), f("url"),
            _sql_str(Path(path).name)]
    joins = []
    if actor_iso == "a.iso3":
        joins.append(f"LEFT JOIN _cmap a ON a.raw = {_field(layout, present, 'actor_country')}")
    if recip_iso == "b.iso3":
        joins.append(f"LEFT JOIN _cmap b ON b.raw = {_field(layout, present, 'recipient_country')}")
    if layout.cameo_to_plover:
        cameo = _field(layout, present, "cameo") or "NULL"
        joins.append(f"LEFT JOIN _pmap p ON p.cameo = {cameo}")
    return f"SELECT {', '.join(cols)} FROM {{scan}} r {' '.join(joins)} WHERE {f('source_id')} IS NOT NULL"


def _register_maps(con, layout: EventLayout, path: str, passes) -> None:
    """_cmap (raw country -> ISO3) and _pmap (CAMEO -> event, mode, contexts, gold) as in-memory views."""
    pairs: list[tuple[str, str | None]] = []
    if layout.country_codes is None:
        values: set[str] = set()
        for names, header in passes:
            present = set(names)
            cols = [c for c in (_field(layout, present, "actor_country"),
                                _field(layout, present, "recipient_country")) if c]
            if cols:
                scan = _scan(path, names, header, layout, None)
                values |= {v for (v,) in con.execute(
                    f"SELECT DISTINCT unnest([{', '.join(cols)}]) FROM {scan} r").fetchall() if v}
        pairs = [(v, layout.country(v)) for v in sorted(values)]
    con.register("_cmap", pa.table({"raw": pa.array([p[0] for p in pairs], pa.string()),
                                    "iso3": pa.array([p[1] for p in pairs], pa.string())}))
    mapped = cameo_domain() if layout.cameo_to_plover else ()
    con.register("_pmap", pa.table({
        "cameo": pa.array([m[0] for m in mapped], pa.string()), "event": pa.array([m[1] for m in mapped], pa.string()),
        "mode": pa.array([m[2] for m in mapped], pa.string()),
        "contexts": pa.array([m[3] for m in mapped], pa.list_(pa.string())),
        "gold": pa.array([m[4] for m in mapped], pa.float64())}))


def _unregister_maps(con) -> None:
    for view in ("_cmap", "_pmap"):
        try:
            con.unregister(view)
        except Exception:  # noqa: BLE001 - an aborted transaction refuses; the view goes with the rollback
            pass


_GLOB_CHARS = re.compile(r"[*?\[\]{}]")


def load_events(store: Store, layout: EventLayout, path: str | Path) -> LoadResult:
    """Bulk-load one GDELT/ICEWS/POLECAT file with DuckDB's CSV reader; bad lines are skipped by number.

    `path` is one file, never a pattern: DuckDB's reader expands * ? [ ] in a path as a glob, so a name
    holding them is read through a link with a plain name (issue 15 F8: "2025082016300?.export.CSV" loaded
    two files)."""
    path = str(path)
    if _GLOB_CHARS.search(path):
        return _load_literal(store, layout, path)
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
        _register_maps(con, layout, path, passes)
        if con.execute("SELECT 1 FROM external_events WHERE source = ? LIMIT 1", [layout.source]).fetchone():
            for names, header_row in passes:     # a reload: drop the stored rows this file replaces
                ident = _field(layout, set(names), "source_id")
                con.execute(f"DELETE FROM external_events WHERE source = ? AND source_id IN (SELECT {ident} "
                            f"FROM {_scan(path, names, header_row, layout, None)} r)", [layout.source])
        bad: dict[int, str] = {}
        n = 0
        for i, (names, header_row) in enumerate(passes):
            sql = _event_select(layout, set(names), path).format(scan=_scan(path, names, header_row, layout, str(i)))
            n += con.execute("INSERT INTO external_events " + sql).fetchone()[0]
            rej = con.execute(f"SELECT line, arg_min(error_type, error_type = 'CAST'), arg_min(column_name, "
                              f"error_type = 'CAST'), arg_min(error_message, error_type = 'CAST') FROM _rej_{i} "
                              f"GROUP BY line").fetchall()      # a wrong column count first, then a bad date
            now = {int(line): _reject_reason(kind, col, msg, layout) for line, kind, col, msg in rej}
            bad = now if i == 0 else {k: v for k, v in bad.items() if k in now}
            con.execute(f"DROP TABLE IF EXISTS _rej_{i}; DROP TABLE IF EXISTS _rejscan_{i}")
        _unregister_maps(con)
        skipped = [Skipped(f"{path}:{line}", f"{layout.source}: {msg}") for line, msg in sorted(bad.items())]
        if n == 0:
            first = f" (first bad line: {skipped[0].source}: {skipped[0].reason})" if skipped else ""
            raise InputError(f"{path}: no usable {layout.source} rows{first}; nothing was changed")
        return _finish(store, LoadResult(layout.source, path, n, skipped, list(layout.notes)))
    except BaseException:
        con.execute("ROLLBACK")
        _unregister_maps(con)
        raise


def _reject_reason(kind: str, column: str | None, message: str, layout: EventLayout) -> str:
    message = (message or "").strip()
    if kind == "CAST" and column == layout.fields["date"]:
        value = re.search(r'string "(.*)" to', message)
        return (f"{column}: {value.group(1)!r} is not a date in {layout.date_format}" if value
                else f"{column}: empty date")
    return message


def _load_literal(store: Store, layout: EventLayout, path: str) -> LoadResult:
    """Load the one file named `path` (whose name holds glob characters) through a plainly named link."""
    if not Path(path).is_file():
        raise InputError(f"cannot read {path}: no such file. File arguments are paths, not patterns: "
                         "name each file (your shell expands patterns)")
    with tempfile.TemporaryDirectory() as tmp:
        link = Path(tmp) / ("events" + "".join(Path(path).suffixes[-2:]).replace("?", "").replace("*", ""))
        try:
            os.symlink(os.path.abspath(path), link)
        except OSError:
            shutil.copyfile(path, link)
        result = load_events(store, layout, link)
    result.source = path
    result.skipped = [Skipped(s.source.replace(str(link), path, 1), s.reason) for s in result.skipped]
    return result


def _load_zip(store: Store, layout: EventLayout, path: str) -> LoadResult:
    with tempfile.TemporaryDirectory() as tmp, open_text(path) as src:
        out = Path(tmp) / (Path(path).stem or "events.tsv")
        with open(out, "w", encoding="utf-8") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        result = load_events(store, layout, out)
    result.source = path
    return result


def load_gdelt(store: Store, path: str | Path) -> LoadResult:
    return load_events(store, gdelt.layout(path), path)


def load_icews(store: Store, path: str | Path) -> LoadResult:
    return load_events(store, icews.LAYOUT, path)


def load_polecat(store: Store, path: str | Path) -> LoadResult:
    return load_events(store, polecat.LAYOUT, path)


# ---- queries --------------------------------------------------------------------------------------
