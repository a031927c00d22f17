"""Choose which leader term a name refers to on a date.

A surface form ("Trump", "Li", "Sharif", "Tusk") may belong to several terms of one or more people.
On a date: the terms in office then win; among them, one person is picked by the seniority of the
office, and a tie between different people is ambiguous (None). With no term in office, the term
nearest in time is the best guess, and the person counts as out of office (sector ELI, as CAMEO codes
former officials). With no date: the most recent holder still in office, else the most recent term.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from multipolar.actors.tables import Term


@dataclass(frozen=True)
class Choice:
    term: Term
    in_office: bool

    @property
    def sector(self) -> str:
        return self.term.sector if self.in_office else "ELI"


def _distance(term: Term, on: date) -> int:
    if on < term.start:
        return (term.start - on).days
    if term.end is not None and on >= term.end:
        return (on - term.end).days + 1
    return 0


def _senior(terms: list[Term]) -> Term | None:
    """The most senior term; None when the two most senior belong to different people."""
    ranked = sorted(terms, key=lambda t: (t.rank, -t.start.toordinal()))
    if len(ranked) > 1 and ranked[0].rank == ranked[1].rank and ranked[0].name != ranked[1].name:
        return None
    return ranked[0]


def choose(terms: list[Term], on: date | None = None, prefer_code: str | None = None) -> Choice | None:
    if not terms:
        return None
    if prefer_code is not None:
        same = [t for t in terms if t.code == prefer_code]
        terms = same or terms
    if on is None:
        current = [t for t in terms if t.end is None]
        if current:
            newest = max(t.start for t in current)
            holder = next(t.name for t in current if t.start == newest)
            return Choice(_senior([t for t in current if t.name == holder]), True)
        latest = max(terms, key=lambda t: (t.end, -t.rank))
        return Choice(latest, True)
    active = [t for t in terms if t.holds(on)]
    if active:
        best = _senior(active)
        return Choice(best, True) if best is not None else None
    nearest = min(_distance(t, on) for t in terms)
    close = [t for t in terms if _distance(t, on) == nearest]
    if len({t.name for t in close}) > 1:
        return None
    return Choice(_senior(close) or close[0], False)
