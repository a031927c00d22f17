"""Queries behind the HTTP API and dashboard, with the summary tables that keep them fast on 10M events.
(Pages of events are listed by store.events, from these summaries when they are current.)

Three summaries, built by `build_summaries` (at `multipolar serve` start when missing or stale):

- `web_events`: one row per event with its participants' codes as lists, article URL/title and the record
  fields, physically ordered by `k` (newest first: date DESC, id). A page of events is `ORDER BY k LIMIT n`,
  which DuckDB answers from the first row groups (top-N with a pushed-down filter on `k`).
- `web_pairs`: one row per (actor, recipient, event), sorted by pair then `k`, for pair-filtered pages.
- `dyad_month`: events per month, actor, recipient, type and modality, with score sums. Dyad and country
  queries read it when their filters line up with it (no min_confidence); otherwise they aggregate
  `web_events` exactly.

Two extras, rebuilt from those (cheap) by `build_extras`:

- an ART index on `web_events.k`: a page of events found through `web_pairs` (a rare pair's newest 50 lie far
  apart in date order) is fetched by index lookups instead of scanning a row group per event.
- `dyad_pairs`: all-time totals per directed pair, busiest first: the unfiltered "top dyads" is its first rows.

Events added through the API are appended to all three (`append_events`); their `k` is placed before every
existing row, so they list first until the next full rebuild restores exact date order.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from multipolar.store.db import Store
from multipolar.store.filters import Filters

SUMMARY_VERSION = "2"
EXTRAS_VERSION = "1"


# ---- summaries ----------------------------------------------------------------------------------------

_WEB_EVENTS_SELECT = """
    WITH parties AS (
        SELECT event_id,
               coalesce(list(code ORDER BY position) FILTER (role = 'actor'), []) AS actors,
               coalesce(list(code ORDER BY position) FILTER (role = 'recipient'), []) AS recipients,
               list(DISTINCT kind) FILTER (kind IS NOT NULL) AS kinds,
               list({{'role': role, 'code': code, 'sector': sector, 'text': text, 'name': name, 'kind': kind}}
                    ORDER BY role, position) AS parties
        FROM event_actors {where_actors} GROUP BY event_id)
    SELECT {k_expr} AS k, e.date, e.id, e.event, e.modality, e.confidence, coalesce(p.actors, []) AS actors,
           coalesce(p.recipients, []) AS recipients, coalesce(p.kinds, []) AS kinds, p.parties,
           e.mode, e.context, e.date_precision, e.location_name, e.location_country, e.lat, e.lon, e.cameo,
           e.intensity, e.sentence, e.span_start, e.span_end, e.trigger, e.coder, e.article_hash, e.doc_id,
           a.url, a.title
    FROM events e JOIN articles a ON a.hash = e.article_hash LEFT JOIN parties p ON p.event_id = e.id
    {where_events}"""

_WEB_PAIRS_SELECT = """
    SELECT a AS actor, r AS recipient, k, date, event, modality, confidence
    FROM {source}, unnest(actors) AS ua(a), unnest(recipients) AS ur(r)"""

_DYAD_MONTH_SELECT = """
    SELECT date_trunc('month', date)::DATE AS month, a AS actor, r AS recipient, event, modality,
           count(*) AS n, sum(coalesce(intensity, 0)) AS score_sum,
           count(*) FILTER (intensity < 0) AS n_conflict, count(*) FILTER (intensity > 0) AS n_coop
    FROM {source}, unnest(actors) AS ua(a), unnest(recipients) AS ur(r)
    WHERE date IS NOT NULL AND a <> r {extra} GROUP BY ALL"""


def _meta(store: Store, key: str) -> str | None:
    row = store.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _set_meta(store: Store, key: str, value: str) -> None:
    store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def _has_table(store: Store, name: str) -> bool:
    return store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary",
                             [name]).fetchone()[0] > 0


def summaries_fresh_base(store: Store) -> bool:
    """The three summary tables exist, in date order, and hold every stored event."""
    if not all(_has_table(store, t) for t in ("web_events", "web_pairs", "dyad_month")):
        return False
    n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return (_meta(store, "web_summary_version") == SUMMARY_VERSION and _meta(store, "web_events_n") == str(n)
            and _meta(store, "web_events_exact") == "true")


def summaries_fresh(store: Store) -> bool:
    """True when the summaries and their extras exist, in date order, and hold every stored event."""
    return summaries_fresh_base(store) and extras_fresh(store)


def extras_fresh(store: Store) -> bool:
    return _has_table(store, "dyad_pairs") and _meta(store, "web_extras_version") == EXTRAS_VERSION and \
        store.con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'web_events_k'").fetchone()[0] > 0


def build_extras(store: Store) -> None:
    """The index on web_events.k and the dyad_pairs totals (seconds on 10M events)."""
    con = store.con
    con.execute("CREATE INDEX IF NOT EXISTS web_events_k ON web_events (k)")
    con.execute("CREATE OR REPLACE TABLE dyad_pairs AS SELECT actor, recipient, sum(n)::BIGINT AS n,"
                " sum(score_sum) AS score_sum, sum(n_coop)::BIGINT AS n_coop, sum(n_conflict)::BIGINT AS n_conflict"
                " FROM dyad_month GROUP BY ALL ORDER BY n DESC, actor, recipient")
    _set_meta(store, "web_extras_version", EXTRAS_VERSION)


def build_summaries(store: Store, *, force: bool = False) -> bool:
    """(Re)build web_events and dyad_month when stale (or always with force); returns whether it built."""
    if not force and summaries_fresh(store):
        return False
    con = store.con
    if not force and summaries_fresh_base(store):
        build_extras(store)
        return True
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE OR REPLACE TABLE web_events AS " + _WEB_EVENTS_SELECT.format(
            k_expr="row_number() OVER (ORDER BY e.date DESC NULLS LAST, e.id)", where_actors="",
            where_events="") + " ORDER BY k")
        con.execute("CREATE OR REPLACE TABLE web_pairs AS " + _WEB_PAIRS_SELECT.format(source="web_events") +
                    " ORDER BY actor, recipient, k")
        con.execute("CREATE OR REPLACE TABLE dyad_month AS " +
                    _DYAD_MONTH_SELECT.format(source="web_events", extra="") + " ORDER BY actor, month")
        n = con.execute("SELECT count(*) FROM web_events").fetchone()[0]
        _set_meta(store, "web_summary_version", SUMMARY_VERSION)
        _set_meta(store, "web_events_n", str(n))
        _set_meta(store, "web_events_exact", "true")
        build_extras(store)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True


def append_events(store: Store, event_ids: list[str]) -> None:
    """Add just-ingested events to the summaries (they list first until the next full rebuild)."""
    if not event_ids or not _has_table(store, "web_events"):
        build_summaries(store, force=True)
        return
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE web_new_ids AS SELECT unnest(?::VARCHAR[]) AS id", [event_ids])
    low = con.execute("SELECT coalesce(min(k), 1) FROM web_events").fetchone()[0]
    con.execute("INSERT INTO web_events " + _WEB_EVENTS_SELECT.format(
        k_expr=f"{int(low)} - row_number() OVER (ORDER BY e.date ASC NULLS FIRST, e.id DESC)",
        where_actors="WHERE event_id IN (SELECT id FROM web_new_ids)",
        where_events="WHERE e.id IN (SELECT id FROM web_new_ids)"))
    con.execute("INSERT INTO web_pairs " + _WEB_PAIRS_SELECT.format(
        source="(SELECT * FROM web_events WHERE id IN (SELECT id FROM web_new_ids))"))
    con.execute("INSERT INTO dyad_month " + _DYAD_MONTH_SELECT.format(
        source="web_events", extra="AND id IN (SELECT id FROM web_new_ids)"))
    build_extras(store)
    n = con.execute("SELECT count(*) FROM web_events").fetchone()[0]
    _set_meta(store, "web_events_n", str(n))
    _set_meta(store, "web_events_exact", "false")


# ---- filters over web_events ----------------------------------------------------------------------------

def _where(f: Filters, *, date_col: str = "date") -> tuple[list[str], list]:
    """SQL conditions on web_events for the filters (store.events pages, and the exact dyad scan)."""
    clauses, params = [], []
    for value, clause in ((f.actor, "list_contains(actors, ?)"), (f.recipient, "list_contains(recipients, ?)"),
                          (f.party, "(list_contains(actors, ?) OR list_contains(recipients, ?))"),
                          (f.type, "event = ?"), (f.modality, "modality = ?"), (f.since, f"{date_col} >= ?"),
                          (f.until, f"{date_col} <= ?"), (f.min_confidence, "confidence >= ?")):
        if value is not None:
            clauses.append(clause)
            params += [value] * clause.count("?")
    if f.dated is not None:
        clauses.append(f"{date_col} IS NOT NULL" if f.dated else f"{date_col} IS NULL")
    return clauses, params


def _sql_where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _rows(cur) -> list[dict]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def date_range(store: Store) -> tuple[date | None, date | None]:
    return store.con.execute("SELECT min(date), max(date) FROM web_events").fetchone()


def article(store: Store, article_hash: str) -> dict | None:
    rows = _rows(store.con.execute("SELECT hash, id, url, title, date, source, text, sentences, coder FROM articles"
                                   " WHERE hash = ?", [article_hash]))
    if not rows:
        return None
    r = rows[0]
    r["date"] = r["date"].isoformat() if r["date"] else None
    r["source"] = public_source(r["source"])
    return r


def public_source(source: str | None) -> str | None:
    """Where an article came from, as the API shows it: URLs and API/stdin markers as stored, a file path
    reduced to its file name (with its :line or #item), so that the server's folders are not exposed."""
    if not source or source.startswith(("http://", "https://", "api:", "stdin", "<")):
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def event_ids_of_articles(store: Store, hashes: list[str]) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT id FROM events WHERE article_hash = ANY(?)",
                                            [hashes]).fetchall()]


# ---- dyads and countries ------------------------------------------------------------------------

def _dyad_source(f: Filters) -> tuple[str, list[str], list]:
    """FROM clause and filters: dyad_month when it can answer exactly, else an exact scan of web_events."""
    if f.min_confidence is None:
        clauses, params = [], []
        for value, clause in ((f.actor, "actor = ?"), (f.recipient, "recipient = ?"),
                              (f.party, "(actor = ? OR recipient = ?)"), (f.type, "event = ?"),
                              (f.modality, "modality = ?")):
            if value is not None:
                clauses.append(clause)
                params += [value] * clause.count("?")
        # dyad_month is exact for whole months; a partial month at either end falls back to the scan
        if (f.since is None or f.since.day == 1) and (f.until is None or (f.until + timedelta(days=1)).day == 1):
            if f.since:
                clauses.append("month >= ?")
                params.append(f.since)
            if f.until:
                clauses.append("month <= ?")
                params.append(f.until)
            return "dyad_month", clauses, params
    clauses, params = _where(f)
    inner = _DYAD_MONTH_SELECT.format(source=f"(SELECT * FROM web_events{_sql_where(clauses)})", extra="")
    outer, oparams = [], []
    for value, clause in ((f.actor, "actor = ?"), (f.recipient, "recipient = ?"),
                          (f.party, "(actor = ? OR recipient = ?)")):
        if value is not None:
            outer.append(clause)
            oparams += [value] * clause.count("?")
    return f"({inner})", outer, params + oparams


def dyads(store: Store, f: Filters, *, limit: int, offset: int = 0, by_month: bool = False) -> list[dict]:
    """Directed pairs (actor -> recipient) with event counts and mean PLOVER score, busiest first."""
    source, clauses, params = _dyad_source(f)
    if not by_month and source == "dyad_month" and not (f.type or f.modality or f.since or f.until):
        source = "dyad_pairs"                   # all-time totals per pair, stored busiest first
    month = "month, " if by_month else ""
    order = "month, n DESC, actor, recipient" if by_month else "n DESC, actor, recipient"
    cur = store.con.execute(
        f"SELECT {month}actor, recipient, sum(n)::BIGINT AS n, round(sum(score_sum) / sum(n), 3) AS mean_score,"
        f" sum(n_coop)::BIGINT AS n_coop, sum(n_conflict)::BIGINT AS n_conflict FROM {source}"
        f"{_sql_where(clauses)} GROUP BY ALL ORDER BY {order} LIMIT ? OFFSET ?", params + [int(limit), int(offset)])
    out = _rows(cur)
    for r in out:
        if "month" in r:
            r["month"] = r["month"].isoformat()
    return out


def country_activity(store: Store, f: Filters) -> dict[str, dict]:
    """{code: {as_actor, as_recipient}} event counts under the filters (actor/recipient/party ignored)."""
    g = Filters(type=f.type, modality=f.modality, since=f.since, until=f.until, min_confidence=f.min_confidence)
    source, clauses, params = _dyad_source(g)
    out: dict[str, dict] = {}
    for role in ("actor", "recipient"):
        for code, n in store.con.execute(f"SELECT {role}, sum(n)::BIGINT FROM {source}{_sql_where(clauses)}"
                                         f" GROUP BY ALL", params).fetchall():
            out.setdefault(code, {"as_actor": 0, "as_recipient": 0})["as_" + role] = n
    return out


# ---- reference data ---------------------------------------------------------------------------------

def _has_ref(store: Store, table: str) -> bool:
    return store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0] > 0


def un_votes(store: Store, f: Filters, *, resolution: str | None, limit: int, offset: int) -> list[dict]:
    """Country votes: resolution, date, body, iso3, vote; actor/party = the voting state, since/until = vote date."""
    if not _has_ref(store, "un_votes"):
        return []
    clauses, params = [], []
    for value, clause in ((f.actor or f.party, "iso3 = ?"), (resolution, "resolution = ?"),
                          (f.since, "date >= ?"), (f.until, "date <= ?")):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    cur = store.con.execute(f"SELECT resolution, date, body, iso3, vote FROM un_votes{_sql_where(clauses)}"
                            " ORDER BY date DESC NULLS LAST, resolution, iso3 LIMIT ? OFFSET ?",
                            params + [int(limit), int(offset)])
    out = _rows(cur)
    for r in out:
        r["date"] = r["date"].isoformat() if r["date"] else None
    return out


def ideal_points(store: Store, f: Filters, *, year: int | None, limit: int, offset: int) -> list[dict]:
    """Voeten/Bailey ideal points per state and year; actor/party = state, since/until = the years."""
    if not _has_ref(store, "ideal_points"):
        return []
    clauses, params = [], []
    for value, clause in ((f.actor or f.party, "iso3 = ?"), (year, "year = ?"),
                          (f.since.year if f.since else None, "year >= ?"),
                          (f.until.year if f.until else None, "year <= ?")):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return _rows(store.con.execute(
        f"SELECT iso3, country, year, idealpoint_fp, idealpoint_all, nvotes_all FROM ideal_points"
        f"{_sql_where(clauses)} ORDER BY year DESC, iso3 LIMIT ? OFFSET ?", params + [int(limit), int(offset)]))


def bloc_memberships(store: Store, on_date: date) -> list[tuple[str, str]] | None:
    """(bloc, member) pairs in force on a date from the loaded bloc table; None when it is not loaded."""
    if not _has_ref(store, "bloc_members"):
        return None
    rows = store.con.execute(
        "SELECT DISTINCT bloc, iso3 FROM bloc_members WHERE \"start\" <= ? AND (\"end\" IS NULL OR \"end\" > ?)"
        " AND status = 'member' ORDER BY bloc, iso3", [on_date, on_date]).fetchall()
    return [(b, c) for b, c in rows] or None


def dumps(value) -> str:
    return json.dumps(value, default=str)
