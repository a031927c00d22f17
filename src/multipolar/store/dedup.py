"""Deduplication: the same event told in several sentences or articles becomes one canonical event.

Two mentions are the same event when they have the same type, the same actor and recipient codes and
the same modality, and their dates lie within a day of each other (the same day when either date only
stands in for the publication date's neighbourhood). Every mention stays stored with its sentence;
`canonical_id` points to the first mention, and the view `event_sources` lists the tellings.
"""
from __future__ import annotations

from datetime import timedelta

from multipolar.coding.tellings import key  # noqa: F401 - the same happening in a store as in one article

EVENT_COLUMNS = ("id", "article_hash", "doc_id", "event", "mode", "context", "modality", "date", "date_precision",
                 "location_name", "location_country", "lat", "lon", "cameo", "intensity", "sentence",
                 "span_start", "span_end", "trigger", "confidence", "coder", "dedup_key", "canonical_id")
_DATE, _KEY, _CANON = EVENT_COLUMNS.index("date"), EVENT_COLUMNS.index("dedup_key"), EVENT_COLUMNS.index("canonical_id")
WINDOW = timedelta(days=1)


def assign_canonical(con, rows: list[tuple]) -> list[tuple]:
    """Fill canonical_id for new event rows: an earlier mention of the same event, or the row itself."""
    keys = sorted({r[_KEY] for r in rows})
    known: dict[str, list[tuple]] = {}
    for event_id, k, d in con.execute(
            "SELECT id, dedup_key, date FROM events WHERE id = canonical_id AND dedup_key IN (SELECT unnest(?))",
            [keys]).fetchall():
        known.setdefault(k, []).append((d, event_id))
    out = []
    for r in rows:
        d, k = r[_DATE], r[_KEY]
        match = next((eid for kd, eid in known.get(k, ()) if _close(kd, d)), None)
        canonical = match or r[0]
        if match is None:
            known.setdefault(k, []).append((d, r[0]))
        out.append(r[:_CANON] + (canonical,) + r[_CANON + 1:])
    return out


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= WINDOW
