"""Deduplication: the same event told in several sentences or articles becomes one canonical event.

Two mentions are the same event when they have the same type, the same actor and recipient codes and
the same modality, and their dates lie within a day of each other (the same day when either date only
stands in for the publication date's neighbourhood). Every mention stays stored with its sentence;
`canonical_id` points to the earliest mention (by date, then id), whatever order the tellings arrived in, so a
store built by one process, by Dask chunks or by a resumed run holds the same canonical events; the view
`event_sources` lists the tellings.
"""
from __future__ import annotations

from datetime import date, timedelta

from multipolar.coding.tellings import key  # noqa: F401 - the same happening in a store as in one article

EVENT_COLUMNS = ("id", "article_hash", "doc_id", "event", "mode", "context", "modality", "date", "date_precision",
                 "location_name", "location_country", "lat", "lon", "cameo", "intensity", "sentence",
                 "span_start", "span_end", "trigger", "confidence", "coder", "dedup_key", "canonical_id")
_DATE, _KEY, _CANON = EVENT_COLUMNS.index("date"), EVENT_COLUMNS.index("dedup_key"), EVENT_COLUMNS.index("canonical_id")
WINDOW = timedelta(days=1)


def assign_canonical(con, rows: list[tuple]) -> list[tuple]:
    """Fill canonical_id for new event rows: the earliest mention of the same event, stored or new. A new row
    earlier than a stored canonical takes its place, and the stored mentions are pointed at it."""
    keys = sorted({r[_KEY] for r in rows})
    known: dict[str, list[tuple]] = {}
    for event_id, k, d in con.execute(
            "SELECT id, dedup_key, date FROM events WHERE id = canonical_id AND dedup_key IN (SELECT unnest(?))",
            [keys]).fetchall():
        known.setdefault(k, []).append((d, event_id))
    moved: dict[str, str] = {}                   # old canonical -> the earlier mention that replaces it
    out = []
    for r in rows:
        d, k = r[_DATE], r[_KEY]
        group = known.setdefault(k, [])
        at = next((i for i, (kd, _) in enumerate(group) if _close(kd, d)), None)
        if at is None:
            group.append((d, r[0]))
            canonical = r[0]
        elif _order(d, r[0]) < _order(*group[at]):
            moved[group[at][1]] = r[0]
            group[at] = (d, r[0])
            canonical = r[0]
        else:
            canonical = group[at][1]
        out.append(r[:_CANON] + (canonical,) + r[_CANON + 1:])
    if not moved:
        return out
    con.executemany("UPDATE events SET canonical_id = ? WHERE canonical_id = ?",
                    [(new, old) for old, new in moved.items()])
    return [r[:_CANON] + (_final(r[_CANON], moved),) + r[_CANON + 1:] for r in out]


def _order(d, event_id: str) -> tuple:
    return (d is None, d or date.min, event_id)


def _final(event_id: str, moved: dict[str, str]) -> str:
    while event_id in moved:
        event_id = moved[event_id]
    return event_id


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= WINDOW
