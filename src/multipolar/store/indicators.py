"""Tables of computed indicators and the reads the analysis layer needs (the SQL lives here, not in analysis/).

Indicator tables are written whole per key (a recomputation replaces the rows it covers):

  idealpoint_estimates  iso3, year, ideal_point, n_votes, method
  vote_agreement        year, a, b, n, identical, kappa
  stance_states         target, on_date, iso3, camp, score, coverage, score_lo, score_hi, near_boundary, evidence
  isolation_periods     state, freq, period, isolation, its parts and their coverage
  dyad_monthly          month, a, b, directed, events, score_sum, quad counts, goldstein_sum
  bloc_communities      year, iso3, community
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from multipolar.external import suspensions
from multipolar.store import reference
from multipolar.store.db import Store


def _exists(store: Store, table: str) -> bool:
    return bool(store.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                                  [table]).fetchone()[0])


def save(store: Store, table: str, frame: pd.DataFrame, key: dict) -> int:
    """Replace the rows of `table` that match `key` (column -> value) with `frame`; creates the table."""
    con = store.con
    con.register("_frame", frame)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" AS SELECT * FROM _frame LIMIT 0')
            if key:
                where = " AND ".join(f'"{k}" = ?' for k in key)
                con.execute(f'DELETE FROM "{table}" WHERE {where}', list(key.values()))
            else:
                con.execute(f'DELETE FROM "{table}"')
            con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM _frame')
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    finally:
        con.unregister("_frame")
    return len(frame)


def read(store: Store, table: str, where: dict | None = None) -> pd.DataFrame:
    """Rows of an indicator table (empty frame when it was never computed)."""
    if not _exists(store, table):
        return pd.DataFrame()
    where = where or {}
    clause = " AND ".join(f'"{k}" = ?' for k in where)
    return store.sql(f'SELECT * FROM "{table}"' + (f" WHERE {clause}" if clause else ""), list(where.values()))


# ---- UN votes -------------------------------------------------------------------------------------

def ga_votes(store: Store, first_year: int = 1946, last_year: int = 2100) -> pd.DataFrame:
    """General Assembly roll-call votes: iso3, resolution, date, year, vote (Y/A/N/X)."""
    reference.ensure_tables(store)
    return store.sql("SELECT iso3, resolution, date, year(date) AS year, vote FROM un_votes WHERE body = 'GA' "
                     "AND date IS NOT NULL AND year(date) BETWEEN ? AND ? ORDER BY date, resolution, iso3",
                     [int(first_year), int(last_year)])


def ga_votes_between(store: Store, since: date, until: date) -> pd.DataFrame:
    reference.ensure_tables(store)
    return store.sql("SELECT iso3, resolution, date, vote FROM un_votes WHERE body = 'GA' AND date >= ? "
                     "AND date <= ? ORDER BY date, resolution, iso3", [since, until])


def votes_for(store: Store, resolutions: list[str]) -> pd.DataFrame:
    """Votes on named resolutions: resolution, date, iso3, vote."""
    reference.ensure_tables(store)
    return store.sql("SELECT resolution, date, iso3, vote FROM un_votes WHERE resolution IN (SELECT unnest(?)) "
                     "ORDER BY date, resolution, iso3", [list(resolutions)])


# ---- coded events -----------------------------------------------------------------------------------

_EVENT_COLS = ("e.id, e.date, e.event, e.mode, e.modality, e.intensity, e.confidence, e.location_name, "
               "e.location_country, e.sentence, e.trigger, a.url, a.title, a.source AS article_source")


def event_pairs(store: Store, since: date | None = None, until: date | None = None,
                state: str | None = None) -> pd.DataFrame:
    """One row per (event, a, b): a->b is actor->recipient (directed) or two co-actors of a reciprocal event
    (both orders, reciprocal = true). Only asserted/reported events between two different codes."""
    params: list = []
    where = ["e.modality IN ('asserted', 'reported')", "e.date IS NOT NULL"]
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ?")
        params.append(until)
    sql = f"""
        WITH p AS (SELECT event_id, role, code, name, kind FROM event_actors WHERE role IN ('actor', 'recipient')),
        pairs_all AS (
            SELECT x.event_id, x.code AS a, y.code AS b, x.name AS a_name, y.name AS b_name,
                   x.kind AS a_kind, y.kind AS b_kind, false AS reciprocal
            FROM p x JOIN p y ON x.event_id = y.event_id AND x.role = 'actor' AND y.role = 'recipient'
            UNION ALL
            SELECT x.event_id, x.code, y.code, x.name, y.name, x.kind, y.kind, true
            FROM p x JOIN p y ON x.event_id = y.event_id AND x.role = 'actor' AND y.role = 'actor'
            WHERE NOT EXISTS (SELECT 1 FROM p r WHERE r.event_id = x.event_id AND r.role = 'recipient')),
        -- an event naming a state twice ("Putin and Lavrov met Wang Yi") is one event for that pair
        pairs AS (SELECT DISTINCT ON (event_id, a, b) * FROM pairs_all ORDER BY event_id, a, b, a_name, b_name)
        SELECT {_EVENT_COLS}, pairs.a, pairs.b, pairs.a_name, pairs.b_name, pairs.a_kind, pairs.b_kind,
               pairs.reciprocal
        FROM pairs JOIN events e ON e.id = pairs.event_id JOIN articles a ON a.hash = e.article_hash
        WHERE pairs.a <> pairs.b AND {' AND '.join(where)}"""
    if state:
        sql += " AND (pairs.a = ? OR pairs.b = ?)"
        params += [state, state]
    return store.sql(sql + " ORDER BY e.date, e.id, pairs.a, pairs.b", params)


def external_pairs(store: Store, state: str | None = None) -> pd.DataFrame:
    """GDELT/ICEWS/POLECAT rows between two states: date, source, a, b, event, mode, goldstein, quad_class."""
    reference.ensure_tables(store)
    sql = ("SELECT date, source, source_id, actor_iso3 AS a, recipient_iso3 AS b, event, mode, cameo, goldstein, "
           "quad_class, url FROM external_events WHERE actor_iso3 IS NOT NULL AND recipient_iso3 IS NOT NULL "
           "AND actor_iso3 <> recipient_iso3 AND date IS NOT NULL")
    params: list = []
    if state:
        sql += " AND (actor_iso3 = ? OR recipient_iso3 = ?)"
        params = [state, state]
    return store.sql(sql + " ORDER BY date", params)


def consult_events(store: Store, state: str, since: date, until: date) -> pd.DataFrame:
    """CONSULT events (asserted or reported) with `state` as a party, one row per event and other party:
    id, date, mode, modality, role of the state, partner code/name/kind/role, location, sentence, url, title and
    the article's first 120 characters (`lead`, where a dateline names the place)."""
    return store.sql(f"""
        SELECT {_EVENT_COLS}, left(a.text, 120) AS lead, me.role AS role, me.name AS state_name,
               me.kind AS state_kind, o.code AS partner, o.name AS partner_name, o.kind AS partner_kind, o.role AS partner_role
        FROM events e JOIN articles a ON a.hash = e.article_hash
        JOIN event_actors me ON me.event_id = e.id AND me.code = ? AND me.role IN ('actor', 'recipient')
        JOIN event_actors o ON o.event_id = e.id AND o.code <> ? AND o.role IN ('actor', 'recipient')
        WHERE e.event = 'CONSULT' AND e.modality IN ('asserted', 'reported') AND e.date >= ? AND e.date <= ?
        ORDER BY e.date, e.id, o.code""", [state, state, since, until])


def events_span(store: Store) -> tuple[date | None, date | None, int]:
    """First and last event date in the store and the number of dated events."""
    row = store.con.execute("SELECT min(date), max(date), count(date) FROM events").fetchone()
    return row[0], row[1], row[2]


# ---- reference reads used by several indicators -------------------------------------------------------

def world_pop_gdp(store: Store, year: int) -> tuple[pd.DataFrame, dict]:
    """(states frame iso3/country/population/gdp_usd, world totals {population, gdp_usd}) for one WDI year."""
    rows = reference.population_gdp(store, year, aggregates=True)
    frame = pd.DataFrame(rows, columns=["iso3", "country", "population", "gdp_usd", "aggregate"])
    world = frame[frame.iso3 == "WLD"]
    # a WDI load may carry one indicator only (a GDP bulk file): the other is NULL, read as unknown (NaN)
    totals = {k: float(world[k].iloc[0]) if len(world) and pd.notna(world[k].iloc[0]) else float("nan")
              for k in ("population", "gdp_usd")}
    states = frame[~frame["aggregate"].fillna(False).astype(bool)].drop(columns="aggregate")
    return states.reset_index(drop=True), totals


def sanctions_between(store: Store, target: str, on: date) -> pd.DataFrame:
    """Sanctions against `target` in force on a date: sender, program, start, source_name, source_url."""
    return pd.DataFrame(reference.sanctions_on(store, target, on),
                        columns=["sender", "program", "start", "end", "scope", "source_name", "source_url"])


def memberships(store: Store, on: date) -> pd.DataFrame:
    """bloc, iso3 for every membership in force on a date (status member)."""
    reference.ensure_tables(store)
    return store.sql('SELECT DISTINCT bloc, iso3 FROM bloc_members WHERE "start" <= ? AND ("end" IS NULL OR '
                     "\"end\" > ?) AND status = 'member' ORDER BY bloc, iso3", [on, on])


# ---- isolation (analysis/isolation.py) ---------------------------------------------------------------

def vote_minorities(store: Store, since: date, until: date, *, minority: float, contested: float,
                    state: str | None = None) -> pd.DataFrame:
    """Per state and month: on contested GA roll calls (the largest of yes/no/abstain below `contested` of the
    states voting), how many it voted on (`n`) and on how many its vote was shared by fewer than `minority` of the
    voting states (`minority`). Columns iso3, month (first day), n, minority."""
    reference.ensure_tables(store)
    only = "WHERE v.iso3 = ?" if state else ""
    params = [since, until, contested, minority] + ([state] if state else [])
    return store.sql(f"""
        WITH v AS (SELECT resolution, date, iso3, vote FROM un_votes WHERE body = 'GA' AND date >= ? AND date <= ?
                   AND vote IN ('Y', 'N', 'A')),
        s AS (SELECT resolution, vote, count(*) AS k, sum(count(*)) OVER (PARTITION BY resolution) AS total
              FROM v GROUP BY resolution, vote),
        c AS (SELECT resolution FROM s GROUP BY resolution HAVING max(k / total) < ?)
        SELECT v.iso3, CAST(date_trunc('month', v.date) AS DATE) AS month, count(*) AS n,
               count(*) FILTER (WHERE s.k / s.total < ?) AS minority
        FROM v JOIN c USING (resolution) JOIN s USING (resolution, vote) {only}
        GROUP BY 1, 2 ORDER BY 1, 2""", params)


def sanction_spells(store: Store, targets: list[str] | None = None) -> pd.DataFrame:
    """sender, target, start, end of every sanctions row (targets: only those)."""
    reference.ensure_tables(store)
    sql = 'SELECT DISTINCT sender, target, "start", "end" FROM sanctions'
    if targets:
        return store.sql(sql + " WHERE target IN (SELECT unnest(?))", [list(targets)])
    return store.sql(sql)


def suspension_spells(store: Store, states: list[str] | None = None) -> pd.DataFrame:
    """state, body, action, start, end, source_url of every suspension or expulsion from an IGO. These are facts
    multipolar carries: while the store's suspensions table is empty, the bundled rows are read instead."""
    cols = ["state", "body", "action", "start", "end", "source_url"]
    if table_counts(store, ("suspensions",))["suspensions"]:
        frame = store.sql(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM suspensions')
    else:
        table = suspensions.read()
        rows = [dict(zip(table.columns, r)) for r in table.rows if isinstance(r, tuple)]
        frame = pd.DataFrame(rows, columns=list(table.columns))[cols]
    return frame[frame.state.isin(states)].reset_index(drop=True) if states else frame


def bloc_spells(store: Store) -> pd.DataFrame:
    """bloc, iso3, start, end of every membership (status member)."""
    reference.ensure_tables(store)
    return store.sql('SELECT bloc, iso3, "start", "end" FROM bloc_members WHERE status = \'member\'')


def leader_meetings(store: Store, since: date, until: date) -> pd.DataFrame:
    """CONSULT events (asserted or reported) in which a state takes part through its leader: id, date, state,
    partner (another party of the event, state or IGO code)."""
    return store.sql("""
        SELECT DISTINCT e.id, e.date, me.code AS state, o.code AS partner
        FROM events e JOIN event_actors me ON me.event_id = e.id AND me.role IN ('actor', 'recipient')
             AND me.kind = 'leader'
        JOIN event_actors o ON o.event_id = e.id AND o.role IN ('actor', 'recipient') AND o.code <> me.code
        WHERE e.event = 'CONSULT' AND e.modality IN ('asserted', 'reported') AND e.date >= ? AND e.date <= ?
        ORDER BY e.date, e.id""", [since, until])


def state_events(store: Store, since: date, until: date) -> pd.DataFrame:
    """id, date, code of every asserted or reported event naming a party (actor or recipient)."""
    return store.sql("""
        SELECT DISTINCT e.id, e.date, x.code FROM events e JOIN event_actors x ON x.event_id = e.id
             AND x.role IN ('actor', 'recipient')
        WHERE e.modality IN ('asserted', 'reported') AND e.date >= ? AND e.date <= ?""", [since, until])


def table_counts(store: Store, tables) -> dict[str, int]:
    """Rows in each named reference table (0 when absent)."""
    reference.ensure_tables(store)
    return {t: int(store.con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) if _exists(store, t) else 0
            for t in tables}


# ---- stance (analysis/stance.py) ---------------------------------------------------------------------

def sanctions_involving(store: Store, state: str, on: date) -> pd.DataFrame:
    """Sanctions in force on a date with `state` as target or as sender: sender, target, program, start,
    source_name, source_url."""
    reference.ensure_tables(store)
    return store.sql('SELECT sender, target, program, "start", source_name, source_url FROM sanctions '
                     'WHERE (target = ? OR sender = ?) AND "start" <= ? AND ("end" IS NULL OR "end" > ?) '
                     "ORDER BY sender, target, program", [state, state, on, on])


def co_actor_pairs(store: Store, since: date, until: date, state: str) -> pd.DataFrame:
    """Events in which `state` and another party act together (both named as actors of one asserted or reported
    event): id, date, event, mode, other, sentence, url; one row per event and other party."""
    return store.sql("""
        SELECT DISTINCT e.id, e.date, e.event, e.mode, e.trigger, o.code AS other, e.sentence, a.url
        FROM events e JOIN articles a ON a.hash = e.article_hash
        JOIN event_actors me ON me.event_id = e.id AND me.role = 'actor' AND me.code = ?
        JOIN event_actors o ON o.event_id = e.id AND o.role = 'actor' AND o.code <> ?
        WHERE e.modality IN ('asserted', 'reported') AND e.date >= ? AND e.date <= ?
        ORDER BY e.date, e.id, other""", [state, state, since, until])
