"""Reading events back as the PLOVER-JSON records that the coder emits."""
from __future__ import annotations

from datetime import date

from multipolar.errors import QueryError
from multipolar.store import aggregates
from multipolar.store.db import Store, as_date
from multipolar.store.records import event_record, party

MAX_OFFSET = 1_000_000_000

_FILTERS = {
    "type": "e.event = ?",
    "modality": "e.modality = ?",
    "since": "e.date >= ?",
    "until": "e.date <= ?",
    "min_confidence": "e.confidence >= ?",
    "actor": "e.id IN (SELECT event_id FROM event_actors WHERE role = 'actor' AND code = ?)",
    "recipient": "e.id IN (SELECT event_id FROM event_actors WHERE role = 'recipient' AND code = ?)",
    "party": "e.id IN (SELECT event_id FROM event_actors WHERE role IN ('actor', 'recipient') AND code = ?)",
}


def list_events(store: Store, *, actor: str | None = None, recipient: str | None = None,
                party: str | None = None, type: str | None = None, modality: str | None = None,
                since: str | date | None = None, until: str | date | None = None,
                min_confidence: float | None = None, limit: int | None = None, offset: int = 0,
                distinct: bool = False, dated: bool | None = None) -> list[dict]:
    """Events matching every given filter, newest first, as records (see Event.as_record).

    distinct: one record per deduplicated event (its first telling), with a `sources` count of the
    mentions, articles and independent outlets that report it.
    dated: True keeps events with a date, False only those without one (an undated article, no date in the
    sentence); None both.
    """
    check_page(limit, offset)
    args = {"actor": actor and actor.upper(), "recipient": recipient and recipient.upper(),
            "party": party and party.upper(), "type": type and type.upper(), "modality": modality,
            "since": as_date(since, "since"), "until": as_date(until, "until"), "min_confidence": min_confidence}
    fast = None if dated is not None else aggregates.fast_list(store, args, limit=limit, offset=offset,
                                                                distinct=distinct)
    if fast is not None:                  # the same records, in the same order, from the pre-aggregates
        return fast
    where, params = [], []
    for key, value in args.items():
        if value is not None:
            where.append(_FILTERS[key])
            params.append(value)
    if distinct:
        where.append("e.id = e.canonical_id")
    if dated is not None:
        where.append("e.date IS NOT NULL" if dated else "e.date IS NULL")
    sql = ("SELECT e.*, a.url, a.title" + (", c.mentions, c.articles, c.independent_sources" if distinct else "")
           + " FROM events e JOIN articles a ON a.hash = e.article_hash"
           + (" JOIN event_source_counts c ON c.event_id = e.id" if distinct else "")
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY e.date DESC NULLS LAST, e.id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    if not rows:
        return []
    parties = _parties(store, [r["id"] for r in rows])
    records = [event_record(r, parties.get(r["id"], {})) for r in rows]
    if distinct:
        for rec, r in zip(records, rows):
            rec["sources"] = {"mentions": r["mentions"], "articles": r["articles"],
                              "independent": r["independent_sources"]}
    return records


def check_page(limit: int | None, offset: int | None) -> None:
    """A page that SQL can take: limit and offset whole numbers, not negative (a DuckDB BinderException
    with the query in it otherwise)."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET:
            raise QueryError(f"--{name} {value!r} is not a number of rows: give a whole number from 0 to "
                             f"{MAX_OFFSET:,}")


def count_events(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM events").fetchone()[0]


def _parties(store: Store, ids: list[str]) -> dict[str, dict[str, list[dict]]]:
    out: dict[str, dict[str, list[dict]]] = {}
    cur = store.con.execute(
        "SELECT event_id, role, code, sector, text, name FROM event_actors"
        " WHERE event_id IN (SELECT unnest(?)) ORDER BY event_id, role, position", [ids])
    for event_id, role, code, sector, text, name in cur.fetchall():
        out.setdefault(event_id, {}).setdefault(role, []).append(party(code, sector, text, name))
    return out
