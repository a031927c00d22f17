"""Aggregate reads for reports: events by type and month, most active dyads."""
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
