"""Tables that keep the common queries fast on 100-million-event stores, and the Parquet merge ledger.

- agg_actor_events: one row per (participant, event) with the event's date, type and score, sorted by
  code then date, so DuckDB's per-row-group min/max statistics skip almost everything for
  "events of X between D1 and D2"; the page's full records are then read by event id.
- agg_actor_month: events per code, role, month and type (activity timelines).
- agg_dyad_month: directed actor -> recipient monthly counts and score sums (dyad series).
- parquet_merges: the Parquet chunks already merged into this store (multipolar.scale.merge).

`build` (re)creates the aggregates from the events; `append` adds the events of newly stored articles
(after an ingest or a merge) without a rebuild. The aggregates are derived data: drop and rebuild at will.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from multipolar.model import Skipped
from multipolar.store.db import Store, as_date

_LEDGER = """CREATE TABLE IF NOT EXISTS parquet_merges (chunk VARCHAR PRIMARY KEY, articles INTEGER,
    merged_at TIMESTAMP DEFAULT current_timestamp)"""

_ACTOR_EVENTS = """SELECT a.code, a.role, e.date, e.id AS event_id, e.event, e.modality, e.intensity, e.confidence
    FROM event_actors a JOIN events e ON e.id = a.event_id
    WHERE a.role IN ('actor', 'recipient') {where}"""
_ACTOR_MONTH = """SELECT a.code, a.role, date_trunc('month', e.date)::DATE AS month, e.event, count(*) AS n
    FROM event_actors a JOIN events e ON e.id = a.event_id
    WHERE a.role IN ('actor', 'recipient') AND e.date IS NOT NULL {where} GROUP BY ALL"""
_DYAD_MONTH = """SELECT a.code AS actor, r.code AS recipient, date_trunc('month', e.date)::DATE AS month,
    count(*) AS n, sum(e.intensity) AS intensity_sum, count(*) FILTER (e.intensity < 0) AS conflictual
    FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
    JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'
    WHERE a.code <> r.code AND e.date IS NOT NULL {where} GROUP BY ALL"""
_NEW = "AND e.article_hash IN (SELECT hash FROM _agg_new)"


# ---- the merge ledger ------------------------------------------------------------------------------

def merged_chunks(store: Store) -> set[str]:
    store.con.execute(_LEDGER)
    return {r[0] for r in store.con.execute("SELECT chunk FROM parquet_merges").fetchall()}


def record_merge(store: Store, chunk: str, articles: int, skipped: Iterable[Skipped]) -> None:
    """Mark a chunk merged and store its skipped inputs, in one transaction (a re-merge adds nothing)."""
    con = store.con
    con.execute(_LEDGER)
    con.execute("BEGIN TRANSACTION")
    try:
        rows = [(s.source, s.reason) for s in skipped]
        if rows:
            con.executemany("INSERT INTO skipped (source, reason) VALUES (?, ?)", rows)
        con.execute("INSERT INTO parquet_merges (chunk, articles) VALUES (?, ?)", [chunk, articles])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


# ---- building and appending ------------------------------------------------------------------------

def exists(store: Store) -> bool:
    return bool(store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'agg_dyad_month'"
                                  ).fetchone()[0])


def build(store: Store) -> dict[str, int]:
    """(Re)create the three aggregate tables from all stored events; returns their row counts."""
    con = store.con
    con.execute("CREATE OR REPLACE TABLE agg_actor_events AS " + _ACTOR_EVENTS.format(where="")
                + " ORDER BY code, date, event_id")
    con.execute("CREATE OR REPLACE TABLE agg_actor_month AS " + _ACTOR_MONTH.format(where="")
                + " ORDER BY code, month")
    con.execute("CREATE OR REPLACE TABLE agg_dyad_month AS " + _DYAD_MONTH.format(where="")
                + " ORDER BY actor, recipient, month")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("agg_actor_events", "agg_actor_month", "agg_dyad_month")}


def append(store: Store, article_hashes: list[str]) -> None:
    """Add the events of these (newly stored) articles to the aggregates, if they have been built."""
    if not article_hashes or not exists(store):
        return
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _agg_new AS SELECT unnest(?::VARCHAR[]) AS hash", [article_hashes])
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("INSERT INTO agg_actor_events " + _ACTOR_EVENTS.format(where=_NEW))
        for table, select, keys in (("agg_actor_month", _ACTOR_MONTH, "code, role, month, event"),
                                    ("agg_dyad_month", _DYAD_MONTH, "actor, recipient, month")):
            con.execute(f"CREATE OR REPLACE TEMP TABLE _agg_add AS {select.format(where=_NEW)}")
            cols = [r[0] for r in con.execute("SELECT * FROM _agg_add LIMIT 0").description]
            sums = [c for c in cols if c not in keys.split(", ")]
            con.execute(f"""CREATE OR REPLACE TEMP TABLE _agg_sum AS
                SELECT {keys}, {', '.join(f'sum({c})::{_type(c)} AS {c}' for c in sums)}
                FROM (SELECT * FROM {table} WHERE ({keys}) IN (SELECT ({keys}) FROM _agg_add)
                      UNION ALL SELECT * FROM _agg_add) GROUP BY ALL""")
            con.execute(f"DELETE FROM {table} WHERE ({keys}) IN (SELECT ({keys}) FROM _agg_add)")
            con.execute(f"INSERT INTO {table} SELECT * FROM _agg_sum")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("DROP TABLE IF EXISTS _agg_new; DROP TABLE IF EXISTS _agg_add; DROP TABLE IF EXISTS _agg_sum")


def _type(col: str) -> str:
    return "DOUBLE" if col == "intensity_sum" else "BIGINT"


# ---- the common queries ----------------------------------------------------------------------------

def actor_events(store: Store, code: str, *, since: str | date | None = None, until: str | date | None = None,
                 role: str = "actor", limit: int = 50, offset: int = 0) -> list[dict]:
    """A page of the events in which `code` plays `role` (actor or recipient), newest first, as records."""
    from multipolar.store.events import _record

    where, params = ["code = ?", "role = ?"], [code.upper(), role]
    for clause, value in (("date >= ?", as_date(since, "since")), ("date <= ?", as_date(until, "until"))):
        if value is not None:
            where.append(clause)
            params.append(value)
    con = store.con
    ids = [r[0] for r in con.execute(
        f"SELECT event_id FROM agg_actor_events WHERE {' AND '.join(where)} "
        "ORDER BY date DESC NULLS LAST, event_id LIMIT ? OFFSET ?", params + [int(limit), int(offset)]).fetchall()]
    # point lookups: each one is an index probe (events and articles by primary key, participants by
    # actors_event), so a page costs the same on 1M and on 100M events; an IN list would scan
    out = []
    for event_id in ids:
        cur = con.execute("SELECT * FROM events WHERE id = ?", [event_id])
        cols = [d[0] for d in cur.description]
        row = dict(zip(cols, cur.fetchone()))
        url_title = con.execute("SELECT url, title FROM articles WHERE hash = ?", [row["article_hash"]]).fetchone()
        row["url"], row["title"] = url_title or (None, None)
        parties: dict[str, list[dict]] = {}
        for role, code_, sector, text, name in con.execute(
                "SELECT role, code, sector, text, name FROM event_actors WHERE event_id = ? "
                "ORDER BY role, position", [event_id]).fetchall():
            d = {"code": code_, "sector": sector, "text": text}
            if name:
                d["name"] = name
            parties.setdefault(role, []).append(d)
        out.append(_record(row, parties))
    return out


def actor_months(store: Store, code: str, *, since: str | date | None = None, until: str | date | None = None,
                 role: str = "actor") -> list[tuple[date, str, int]]:
    """(month, event type, count) for `code` in `role`, oldest first."""
    where, params = ["code = ?", "role = ?"], [code.upper(), role]
    for clause, value in (("month >= date_trunc('month', ?::DATE)", as_date(since, "since")),
                          ("month <= ?", as_date(until, "until"))):
        if value is not None:
            where.append(clause)
            params.append(value)
    return store.con.execute(f"SELECT month, event, n FROM agg_actor_month WHERE {' AND '.join(where)} "
                             "ORDER BY month, event", params).fetchall()


def dyad_series(store: Store, actor: str, recipient: str) -> list[tuple[date, int, float | None, int]]:
    """(month, events, mean score, conflictual events) for actor -> recipient, oldest first."""
    return store.con.execute(
        "SELECT month, n, round(intensity_sum / n, 3), conflictual FROM agg_dyad_month "
        "WHERE actor = ? AND recipient = ? ORDER BY month", [actor.upper(), recipient.upper()]).fetchall()
