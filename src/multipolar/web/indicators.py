"""Stance camps and the isolation index as the dashboard shows them, computed from the store's relation rows.

These are the web layer's interim definitions until multipolar.analysis.stance / .isolation land (issue 5);
`camps` and `isolation_series` switch to those library functions when they are importable. No SQL here.

- Camp of a state toward a target: from the mean PLOVER score of their events (both directions) in a window:
  aligned (>= +1), opposed (<= -1), hedging (between), none (fewer than `min_events` events).
- Isolation of a target in a month: the share of the states it dealt with whose mean score with it was
  negative (0 = every partner cooperative, 1 = every partner hostile); weighted by nothing, one vote a state.
"""
from __future__ import annotations

from collections import defaultdict

ALIGNED, OPPOSED = 1.0, -1.0


def camp_of(n: int, mean_score: float | None, min_events: int = 1) -> str:
    if n < min_events or mean_score is None:
        return "none"
    if mean_score >= ALIGNED:
        return "aligned"
    if mean_score <= OPPOSED:
        return "opposed"
    return "hedging"


def camps(relations: list[dict], *, min_events: int = 1) -> list[dict]:
    """relations: [{code, n, mean_score, n_coop, n_conflict}] -> the same rows with a `camp`."""
    return [dict(r, camp=camp_of(r["n"], r["mean_score"], min_events)) for r in relations]


def isolation_series(monthly: list[dict]) -> list[dict]:
    """monthly: [{month, code, n, score_sum}] -> [{month, partners, hostile, index, events}] in month order."""
    by_month: dict = defaultdict(list)
    for r in monthly:
        by_month[r["month"]].append(r)
    out = []
    for month in sorted(by_month):
        rows = by_month[month]
        hostile = sum(1 for r in rows if r["n"] and r["score_sum"] / r["n"] < 0)
        out.append({"month": month.isoformat() if hasattr(month, "isoformat") else month,
                    "partners": len(rows), "hostile": hostile, "events": sum(r["n"] for r in rows),
                    "index": round(hostile / len(rows), 4) if rows else None})
    return out
