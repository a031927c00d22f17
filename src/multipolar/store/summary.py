"""Aggregate reads for the HTML report: events by type and month, most active dyads, the states most present in
the events, and the reference tables next to them (UN vote tallies, external event counts). report/ runs no SQL."""
from __future__ import annotations

from multipolar.store.db import Store


def events_by_month(store: Store):
    """DataFrame: month, event, n."""
    return store.sql("SELECT date_trunc('month', date)::DATE AS month, event, count(*) AS n FROM events"
                     " WHERE date IS NOT NULL GROUP BY ALL ORDER BY month, event")


def top_dyads(store: Store, limit: int = 20):
    """DataFrame: actor, recipient, n, mean PLOVER score — directed pairs of states/IGOs."""
    # one row per event and pair first: an event naming a state twice ("Biden and Blinken") counts once
    return store.sql(
        "SELECT actor, recipient, count(*) AS n, round(avg(intensity), 2) AS mean_score FROM ("
        " SELECT DISTINCT e.id, a.code AS actor, r.code AS recipient, e.intensity"
        " FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'"
        " JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'"
        " WHERE a.code <> r.code) GROUP BY ALL ORDER BY n DESC, actor, recipient LIMIT ?", [limit])


REFERENCE_TABLES = ("un_votes", "un_resolutions", "sanctions", "external_events")


def tables_present(store: Store, names=REFERENCE_TABLES) -> set[str]:
    """Which of these tables the store has (a read-only store made before any reference data lacks them)."""
    return {r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name IN (SELECT unnest(?))",
        [list(names)]).fetchall()}


def has_rows(store: Store, table: str) -> bool:
    """The reference table holds at least one row (False when it does not exist)."""
    if table not in REFERENCE_TABLES:
        raise ValueError(f"not a reference table: {table!r}")
    if table not in tables_present(store, [table]):
        return False
    return store.con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


def code_event_counts(store: Store) -> list[tuple[str, int, int, int, int]]:
    """(code, events, as actor, as recipient, SANCTION events as recipient) per participant code, deduplicated
    events counted once, busiest first."""
    return store.con.execute(
        "SELECT a.code, count(DISTINCT e.canonical_id), count(DISTINCT e.canonical_id) FILTER (a.role = 'actor'), "
        "count(DISTINCT e.canonical_id) FILTER (a.role = 'recipient'), "
        "count(DISTINCT e.canonical_id) FILTER (a.role = 'recipient' AND e.event = 'SANCTION') "
        "FROM event_actors a JOIN events e ON e.id = a.event_id GROUP BY a.code ORDER BY 2 DESC, 1").fetchall()


def external_counts(store: Store, states: list[str]) -> dict[str, int]:
    """Events of external datasets (GDELT, ICEWS, POLECAT) naming each state as actor or recipient."""
    if not states or not has_rows(store, "external_events"):
        return {}
    return dict(store.con.execute(
        "SELECT s, count(*) FROM (SELECT unnest([actor_iso3, recipient_iso3]) AS s FROM external_events) "
        "WHERE s IN (SELECT unnest(?)) GROUP BY s", [states]).fetchall())


def resolution_tallies(store: Store, state: str, resolutions: list[str]) -> list[tuple]:
    """(resolution, date, yes, no, abstain, absent, the state's own vote) for these UN resolutions, oldest first."""
    return store.con.execute(
        "SELECT r.resolution, r.date, r.yes, r.no, r.abstain, r.absent, "
        "(SELECT v.vote FROM un_votes v WHERE v.resolution = r.resolution AND v.iso3 = ? LIMIT 1) "
        "FROM un_resolutions r WHERE r.resolution IN (SELECT unnest(?)) ORDER BY r.date, r.resolution",
        [state, resolutions]).fetchall()


def last_vote_year(store: Store, body: str = "GA") -> int | None:
    """The latest year with a loaded UN vote of this body (None: no votes loaded)."""
    if not has_rows(store, "un_votes"):
        return None
    year = store.con.execute("SELECT max(year(date)) FROM un_votes WHERE body = ?", [body]).fetchone()[0]
    return int(year) if year is not None else None
