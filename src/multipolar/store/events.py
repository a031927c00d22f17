"""Listing events: the one path behind `multipolar events`, the API's `/api/v1/events` and the report.

`list_events(store, Filters, limit=, offset=)` gives the events matching the filters (store.filters, one
vocabulary for CLI and API), newest first (date, then id), as PLOVER records (store.records) with the article
they came from. It answers from whichever tables hold every stored event, all giving the same records:

- the pre-aggregates (store.aggregates) for one actor or one recipient, when they are current (a range read
  on 100M events);
- else the web summaries (`web_events`/`web_pairs`, store.web_queries) when they are current, or built for this
  connection by a server (TEMP tables, store.serving.temp_summaries);
- else joins over events, event_actors and articles. `distinct` (deduplicated events with their source counts)
  always takes this path.
"""
from __future__ import annotations

from multipolar.store import aggregates
from multipolar.store.db import Store
from multipolar.store.filters import Filters, check_page
from multipolar.store.records import event_record, parties_by_role, party
from multipolar.store.serving import summaries_current
from multipolar.store.web_queries import _rows, _sql_where, _where

_PLAIN = {
    "type": "e.event = ?",
    "modality": "e.modality = ?",
    "since": "e.date >= ?",
    "until": "e.date <= ?",
    "min_confidence": "e.confidence >= ?",
    "actor": "e.id IN (SELECT event_id FROM event_actors WHERE role = 'actor' AND code = ?)",
    "recipient": "e.id IN (SELECT event_id FROM event_actors WHERE role = 'recipient' AND code = ?)",
    "party": "e.id IN (SELECT event_id FROM event_actors WHERE role IN ('actor', 'recipient') AND code = ?)",
}


def list_events(store: Store, f: Filters | None = None, *, limit: int | None = None,
                offset: int = 0) -> list[dict]:
    """Events matching every filter of `f`, newest first, as records with their article (hash, url, title);
    with `f.distinct`, each also with `sources` (mentions, articles, independent outlets). limit None: all."""
    f = f or Filters()
    check_page(limit, offset)
    fast = aggregates.fast_list(store, f, limit=limit, offset=offset)
    if fast is not None:                  # one actor or recipient: a range read of the pre-aggregates
        return fast
    if not f.distinct and _web_ready(store):
        return _web_page(store, f, limit=limit, offset=offset)
    return _plain_page(store, f, limit=limit, offset=offset)


def event_by_id(store: Store, event_id: str) -> dict | None:
    """One event's record with its article, or None."""
    if _web_ready(store):
        # the primary-key index finds the date; web_events is in date order, so the date narrows the scan
        hit = store.con.execute("SELECT date FROM events WHERE id = ?", [event_id]).fetchone()
        if hit is None:
            return None
        day_clause = "date IS NULL" if hit[0] is None else "date = ?"
        rows = _rows(store.con.execute(f"SELECT * FROM web_events WHERE {day_clause} AND id = ?",
                                       ([] if hit[0] is None else [hit[0]]) + [event_id]))
        return _web_record(rows[0]) if rows else None
    rows = _rows(store.con.execute("SELECT e.*, a.url, a.title FROM events e JOIN articles a ON a.hash = "
                                   "e.article_hash WHERE e.id = ?", [event_id]))
    return event_record(rows[0], _parties(store, [event_id]).get(event_id, {})) if rows else None


def count_events(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM events").fetchone()[0]


# ---- the web summaries ----------------------------------------------------------------------------------

def _web_ready(store: Store) -> bool:
    """web_events holds every stored event: stored and current, or built as TEMP tables by this connection."""
    temp = store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'web_events' AND temporary"
                             ).fetchone()[0]
    return bool(temp) or summaries_current(store)


def _web_record(r: dict) -> dict:
    return event_record(r, parties_by_role(r["parties"]))


def _web_page(store: Store, f: Filters, *, limit: int | None, offset: int) -> list[dict]:
    page = " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
    paging = [int(limit), int(offset)] if limit is not None else [int(offset)]
    if f.actor and f.recipient and not f.party:
        # web_pairs is sorted by (actor, recipient, k): zone maps skip to the pair, however rare it is
        clauses, params = _where(Filters(**{**f.__dict__, "actor": None, "recipient": None}))
        sql = (f"SELECT k FROM web_pairs WHERE actor = ? AND recipient = ?{' AND ' if clauses else ''}"
               f"{' AND '.join(clauses)} GROUP BY k ORDER BY k{page}")
        params = [f.actor, f.recipient] + params
    else:
        clauses, params = _where(f)
        sql = f"SELECT k FROM web_events{_sql_where(clauses)} ORDER BY k{page}"
    ks = [r[0] for r in store.con.execute(sql, params + paging).fetchall()]
    if not ks:
        return []
    # index lookups on k (web_events_k): scattered rows cost no more than adjacent ones
    rows = _rows(store.con.execute("SELECT * FROM web_events WHERE k = ANY(?) ORDER BY k", [ks]))
    return [_web_record(r) for r in rows]


# ---- joins over the events ------------------------------------------------------------------------------

def _plain_page(store: Store, f: Filters, *, limit: int | None, offset: int) -> list[dict]:
    where, params = [], []
    for key, clause in _PLAIN.items():
        value = getattr(f, key)
        if value is not None:
            where.append(clause)
            params.append(value)
    if f.distinct:
        where.append("e.id = e.canonical_id")
    if f.dated is not None:
        where.append("e.date IS NOT NULL" if f.dated else "e.date IS NULL")
    sql = ("SELECT e.*, a.url, a.title" + (", c.mentions, c.articles, c.independent_sources" if f.distinct else "")
           + " FROM events e JOIN articles a ON a.hash = e.article_hash"
           + (" JOIN event_source_counts c ON c.event_id = e.id" if f.distinct else "")
           + _sql_where(where) + " ORDER BY e.date DESC NULLS LAST, e.id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    elif offset:
        sql += " OFFSET ?"
        params.append(int(offset))
    rows = _rows(store.con.execute(sql, params))
    if not rows:
        return []
    parties = _parties(store, [r["id"] for r in rows])
    records = [event_record(r, parties.get(r["id"], {})) for r in rows]
    if f.distinct:
        for rec, r in zip(records, rows):
            rec["sources"] = {"mentions": r["mentions"], "articles": r["articles"],
                              "independent": r["independent_sources"]}
    return records


def _parties(store: Store, ids: list[str]) -> dict[str, dict[str, list[dict]]]:
    out: dict[str, dict[str, list[dict]]] = {}
    cur = store.con.execute(
        "SELECT event_id, role, code, sector, text, name FROM event_actors"
        " WHERE event_id IN (SELECT unnest(?)) ORDER BY event_id, role, position", [ids])
    for event_id, role, code, sector, text, name in cur.fetchall():
        out.setdefault(event_id, {}).setdefault(role, []).append(party(code, sector, text, name))
    return out
