"""Tables that keep the common queries fast on 100-million-event stores, and the Parquet merge ledger.

- agg_actor_events: one row per (code, role, event) for actors and recipients, carrying everything a
  PLOVER record shows (the event's columns and its participants as a list), sorted by code, role, date
  and id. A page of "events of X between D1 and D2" is then one range read: DuckDB's per-row-group
  min/max statistics (zone maps) on the sorted columns skip every row group of other codes and dates,
  and no other table is touched.
- agg_actor_month: rows of agg_actor_events per code, role, month and type (activity timelines); the
  page query also uses it to narrow its date window to the few newest months that hold the page.
- agg_dyad_month: directed actor -> recipient monthly counts and score sums (dyad series).
- agg_state: how many events and participants the aggregates were built from; a store that has had
  events added behind the aggregates' back (an ingest without `append`) is seen as stale, and the
  fast path steps aside until the next `build` (events are only ever inserted, never updated).
- parquet_merges: the Parquet chunks already merged into this store (multipolar.scale.merge).

`build` (re)creates the aggregates from the events; `append` adds the events of newly stored articles
(after an ingest or a merge) without a rebuild. The aggregates are derived data: drop and rebuild at will.
`list_events` (multipolar.store.events) answers from them whenever they are current and the filters fit
(one actor or one recipient, dates, type, modality, confidence; not `party`, not `distinct`), with the
same records in the same order as the plain path.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from datetime import date

from multipolar.model import Skipped
from multipolar.store.db import Store, as_date, insert_skipped
from multipolar.store.filters import Filters
from multipolar.store.records import event_record, parties_by_role

_LEDGER = """CREATE TABLE IF NOT EXISTS parquet_merges (chunk VARCHAR PRIMARY KEY, articles INTEGER,
    merged_at TIMESTAMP DEFAULT current_timestamp)"""

# the event columns a record (multipolar.store.records.event_record) is made of, and its article's hash
_EVENT_COLS = ("id", "article_hash", "doc_id", "date", "date_precision", "event", "mode", "context", "location_name",
               "location_country", "lat", "lon", "modality", "cameo", "intensity", "sentence", "span_start",
               "span_end", "trigger", "confidence", "coder")
# one row per (code, role, event): an event naming the same code twice as actor appears once, as in list_events;
# parties sorted by (role, position) with list_sort (twice as fast as an ordered list() aggregate)
_ACTOR_EVENTS = f"""WITH k AS (SELECT DISTINCT event_id, code, role FROM event_actors
        WHERE role IN ('actor', 'recipient') {{where_k}}),
    p AS (SELECT event_id, list_sort(list(struct_pack(role := role, position := position, code := code,
                                                      sector := sector, text := text, name := name))) AS parties
        FROM event_actors WHERE event_id IN (SELECT event_id FROM k) GROUP BY event_id)
    SELECT k.code, k.role, {', '.join('e.' + c for c in _EVENT_COLS)}, p.parties
    FROM k JOIN events e ON e.id = k.event_id JOIN p ON p.event_id = k.event_id"""
_ACTOR_MONTH = """SELECT code, role, date_trunc('month', date)::DATE AS month, event, count(*) AS n
    FROM {source} WHERE date IS NOT NULL GROUP BY ALL"""
# an event counts once per (actor code, recipient code), even when it names the same state twice as actor
_DYAD_MONTH = """SELECT actor, recipient, month, count(*) AS n, sum(intensity) AS intensity_sum,
    count(*) FILTER (intensity < 0) AS conflictual
    FROM (SELECT DISTINCT e.id, a.code AS actor, r.code AS recipient, date_trunc('month', e.date)::DATE AS month,
                 e.intensity
          FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
          JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'
          WHERE a.code <> r.code AND e.date IS NOT NULL {where}) GROUP BY ALL"""
_NEW_EVENTS = "AND e.article_hash IN (SELECT hash FROM _agg_new)"
_NEW_K = "AND event_id IN (SELECT id FROM events WHERE article_hash IN (SELECT hash FROM _agg_new))"
_STATE = "CREATE TABLE IF NOT EXISTS agg_state (events BIGINT, participants BIGINT)"
_COUNTS = "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_actors)"


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
        insert_skipped(con, skipped)
        con.execute("INSERT INTO parquet_merges (chunk, articles) VALUES (?, ?)", [chunk, articles])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


# ---- building and appending ------------------------------------------------------------------------

def _has(store: Store, table: str) -> bool:
    return bool(store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0])


def exists(store: Store) -> bool:
    return _has(store, "agg_state")


def current(store: Store) -> bool:
    """The aggregates exist, carry what a record needs, and were built from (or kept up to date with) every
    stored event."""
    if not exists(store) or not _carries_articles(store):
        return False
    built = store.con.execute("SELECT events, participants FROM agg_state").fetchone()
    return built is not None and tuple(built) == tuple(store.con.execute(_COUNTS).fetchone())


def _carries_articles(store: Store) -> bool:
    """agg_actor_events has the article hash (tables built before records carried their article lack it: they
    stay stale, and unused, until the next `build`)."""
    return bool(store.con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'agg_actor_events' AND column_name = "
        "'article_hash' AND schema_name = 'main'").fetchone()[0])


BATCH_ROWS = 20_000_000


def _code_batches(store: Store, batch_rows: int) -> list[list[str]]:
    """Actor/recipient codes in sorted order, cut into runs of at most `batch_rows` participant rows
    (one code larger than that is a run of its own)."""
    counts = store.con.execute("SELECT code, count(*) FROM event_actors WHERE role IN ('actor', 'recipient') "
                               "GROUP BY code ORDER BY code").fetchall()
    batches: list[list[str]] = [[]]
    size = 0
    for code, n in counts:
        if batches[-1] and size + n > batch_rows:
            batches.append([])
            size = 0
        batches[-1].append(code)
        size += n
    return [b for b in batches if b]


def build(store: Store, *, batch_rows: int = BATCH_ROWS) -> dict[str, int]:
    """(Re)create the aggregate tables from all stored events; returns their row counts.

    agg_actor_events is written in runs of codes (sorted, so the table stays sorted by code, role, date,
    id): one sort over 200 million wide rows spilled 55 GB to disk on a 100M-event store; a run of
    `batch_rows` rows sorts within a few GB."""
    con = store.con
    con.execute("CREATE OR REPLACE TABLE agg_actor_events AS " + _ACTOR_EVENTS.format(where_k="AND false"))
    for codes in _code_batches(store, batch_rows):
        con.execute("INSERT INTO agg_actor_events " + _ACTOR_EVENTS.format(
            where_k="AND code IN (SELECT unnest(?::VARCHAR[]))") + " ORDER BY k.code, k.role, e.date, e.id", [codes])
    con.execute("CREATE OR REPLACE TABLE agg_actor_month AS " + _ACTOR_MONTH.format(source="agg_actor_events")
                + " ORDER BY code, role, month")
    con.execute("CREATE OR REPLACE TABLE agg_dyad_month AS " + _DYAD_MONTH.format(where="")
                + " ORDER BY actor, recipient, month")
    con.execute("CREATE OR REPLACE TABLE agg_state AS " + _COUNTS.replace("), (", ") AS events, (")
                + " AS participants")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("agg_actor_events", "agg_actor_month", "agg_dyad_month")}


def append(store: Store, article_hashes: list[str]) -> None:
    """Add the events of these (newly stored) articles to the aggregates, if they have been built."""
    if not article_hashes or not exists(store) or not _carries_articles(store):
        return
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _agg_new AS SELECT unnest(?::VARCHAR[]) AS hash", [article_hashes])
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _agg_rows AS " + _ACTOR_EVENTS.format(where_k=_NEW_K))
        con.execute("INSERT INTO agg_actor_events SELECT * FROM _agg_rows ORDER BY code, role, date, id")
        for table, select, keys in (
                ("agg_actor_month", _ACTOR_MONTH.format(source="_agg_rows"), "code, role, month, event"),
                ("agg_dyad_month", _DYAD_MONTH.format(where=_NEW_EVENTS), "actor, recipient, month")):
            con.execute(f"CREATE OR REPLACE TEMP TABLE _agg_add AS {select}")
            cols = [r[0] for r in con.execute("SELECT * FROM _agg_add LIMIT 0").description]
            sums = [c for c in cols if c not in keys.split(", ")]
            con.execute(f"""CREATE OR REPLACE TEMP TABLE _agg_sum AS
                SELECT {keys}, {', '.join(f'sum({c})::{_type(c)} AS {c}' for c in sums)}
                FROM (SELECT * FROM {table} WHERE ({keys}) IN (SELECT ({keys}) FROM _agg_add)
                      UNION ALL SELECT * FROM _agg_add) GROUP BY ALL""")
            con.execute(f"DELETE FROM {table} WHERE ({keys}) IN (SELECT ({keys}) FROM _agg_add)")
            con.execute(f"INSERT INTO {table} SELECT * FROM _agg_sum")
        # count what was added, not the table totals: events stored without `append` keep the state stale
        con.execute("""UPDATE agg_state SET
            events = events + (SELECT count(*) FROM events WHERE article_hash IN (SELECT hash FROM _agg_new)),
            participants = participants + (SELECT count(*) FROM event_actors WHERE event_id IN
                (SELECT id FROM events WHERE article_hash IN (SELECT hash FROM _agg_new)))""")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for t in ("_agg_new", "_agg_rows", "_agg_add", "_agg_sum"):
            con.execute(f"DROP TABLE IF EXISTS {t}")


def _type(col: str) -> str:
    return "DOUBLE" if col == "intensity_sum" else "BIGINT"


# ---- the common queries ----------------------------------------------------------------------------

def page(store: Store, code: str, role: str = "actor", *, since: date | None = None, until: date | None = None,
         type: str | None = None, modality: str | None = None, min_confidence: float | None = None,
         limit: int | None = 50, offset: int = 0) -> list[dict]:
    """The events in which `code` plays `role`, newest first (date, then id), as records: one range read of
    agg_actor_events. Assumes the aggregates are current (see `current`)."""
    code = code.upper()
    filters = [("code = ?", code), ("role = ?", role), ("date <= ?", until), ("event = ?", type),
               ("modality = ?", modality), ("confidence >= ?", min_confidence)]
    low = _window(store, code, role, since, until, type, int(offset) + int(limit)) \
        if limit is not None and modality is None and min_confidence is None else since
    filters.append(("date >= ?", low))
    where = [(c, v) for c, v in filters if v is not None]
    sql = (f"SELECT * EXCLUDE (code, role) FROM agg_actor_events WHERE {' AND '.join(c for c, _ in where)} "
           "ORDER BY date DESC NULLS LAST, id")
    params = [v for _, v in where]
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    articles = {h: (url, title) for h, url, title in store.con.execute(
        "SELECT hash, url, title FROM articles WHERE hash IN (SELECT unnest(?))",
        [sorted({r["article_hash"] for r in rows})]).fetchall()} if rows else {}
    out = []
    for row in rows:
        row["url"], row["title"] = articles.get(row["article_hash"], (None, None))
        out.append(event_record(row, parties_by_role(row.pop("parties"))))
    return out


def _window(store: Store, code: str, role: str, since: date | None, until: date | None, type: str | None,
            need: int) -> date | None:
    """The latest first day of a month M such that [M, until] surely holds `need` rows (or `since` when no
    such month is later): whole months strictly before until's month are counted from agg_actor_month,
    which counts agg_actor_events rows exactly, so the newest `need` rows lie inside the window."""
    where, params = ["code = ?", "role = ?"], [code, role]
    for clause, value in (("month >= date_trunc('month', ?::DATE)", since), ("event = ?", type),
                          ("month < date_trunc('month', ?::DATE)", until)):
        if value is not None:
            where.append(clause)
            params.append(value)
    total = 0
    for month, n in store.con.execute(f"SELECT month, sum(n) FROM agg_actor_month WHERE {' AND '.join(where)} "
                                      "GROUP BY month ORDER BY month DESC", params).fetchall():
        total += n
        if total >= need:
            return max(month, since) if since is not None else month
    return since


def fast_list(store: Store, f: Filters, *, limit: int | None, offset: int) -> list[dict] | None:
    """list_events' answer from the aggregates, or None when they cannot give it (missing, stale, or a
    filter they do not carry: party, both actor and recipient, distinct, dated)."""
    who = [(k, getattr(f, k)) for k in ("actor", "recipient") if getattr(f, k) is not None]
    if f.distinct or f.dated is not None or f.party is not None or len(who) != 1 or not current(store):
        return None
    role, code = who[0]
    return page(store, code, role, since=f.since, until=f.until, type=f.type, modality=f.modality,
                min_confidence=f.min_confidence, limit=limit, offset=offset)


def actor_events(store: Store, code: str, *, since: str | date | None = None, until: str | date | None = None,
                 role: str = "actor", limit: int = 50, offset: int = 0) -> list[dict]:
    """A page of the events in which `code` plays `role` (actor or recipient), newest first, as records."""
    return page(store, code, role, since=as_date(since, "since"), until=as_date(until, "until"), limit=limit,
                offset=offset)


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


def main(argv: list[str] | None = None) -> None:
    """python -m multipolar.store.aggregates STORE.duckdb: (re)build the aggregates of a store."""
    paths = sys.argv[1:] if argv is None else argv
    if len(paths) != 1:
        raise SystemExit("usage: python -m multipolar.store.aggregates STORE.duckdb")
    t = time.perf_counter()
    with Store.open(paths[0]) as store:
        counts = build(store)
    print(", ".join(f"{k} {v:,} rows" for k, v in counts.items()) + f" ({time.perf_counter() - t:.0f}s)")


if __name__ == "__main__":
    main()
