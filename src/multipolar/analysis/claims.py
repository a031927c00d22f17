"""Checking count claims against the store: "Putin met with over 20 world leaders" --as-of 2024-11-07 --window 1y.

The claim is parsed into (leader -> state, comparator, number); the count is the number of distinct partner states
whose leaders the state's leader met (analysis.diplomacy) in the window before the as-of date. Coverage is measured
on the state's own leader-level diplomacy: the share of the window's months with at least one such meeting in the
store (other events, about other states or other kinds, do not count). Verdicts:

  supported        the count satisfies the claim, and either coverage holds or the claim is a lower bound ("over",
                   "at least") that the meetings found already reach (what is found did happen);
  not_supported    the count does not satisfy the claim and coverage holds;
  not_enough_data  otherwise: a store that does not cover the state's diplomacy cannot show that meetings did not
                   happen, nor that there were no more than it holds.

With a reference calendar of leader meetings (CSV: date, leader, counterpart, place, source), the share of its rows
in the window that the store holds is reported too.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from multipolar.analysis import diplomacy
from multipolar.errors import QueryError
from multipolar.store import indicators as db
from multipolar.store.db import Store, as_date

MIN_COVERED_MONTHS = 0.75     # coverage holds when this share of the window's months has a leader-level meeting
CALENDAR_SLACK_DAYS = 1        # a calendar meeting is covered by a stored one with the same partner within a day
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "a dozen": 12, "dozens of": 24, "dozen": 12}
_CMP = [(r"(?:over|more than|upwards of)", ">"), (r"(?:at least|no fewer than|no less than)", ">="),
        (r"(?:fewer than|less than|under)", "<"), (r"(?:at most|no more than)", "<="),
        (r"(?:exactly|only)", "==")]
_CLAIM = re.compile(r"^(?P<who>.+?)\s+(?:has\s+|had\s+)?(?:met|meets|held talks)\s+(?:with\s+)?(?P<rest>.+)$",
                    re.IGNORECASE)


def parse_window(text: str) -> timedelta:
    m = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", text or "", re.IGNORECASE)
    if not m:
        raise QueryError(f"window {text!r} is not like 1y, 6m, 8w or 30d")
    n, unit = int(m.group(1)), m.group(2).lower()
    return timedelta(days=n * {"d": 1, "w": 7, "m": 30.44, "y": 365.25}[unit])


def parse_claim(text: str, on: date) -> dict:
    """{"who", "state", "comparator", "number"} from a claim like 'Putin met with over 20 world leaders'."""
    m = _CLAIM.match(text.strip().rstrip("."))
    if not m:
        raise QueryError(f"cannot read the claim {text!r}: expected '<leader> met with <over|at least|...> "
                         f"<number> <world leaders|leaders|heads of state>'")
    who, rest = m.group("who").strip(), m.group("rest").strip().lower()
    comparator = ">="
    for pattern, op in _CMP:
        hit = re.match(pattern + r"\s+", rest)
        if hit:
            comparator, rest = op, rest[hit.end():]
            break
    num = re.match(r"(\d+)", rest)
    number = int(num.group(1)) if num else next((v for w, v in _WORDS.items() if rest.startswith(w)), None)
    if number is None:
        raise QueryError(f"no number in the claim {text!r}")
    from multipolar.actors import Roster
    ref = Roster.load().lookup(who, on)
    if ref is None:
        raise QueryError(f"cannot resolve {who!r} to a state's leader on {on}")
    return {"who": ref.name or who, "state": ref.code, "comparator": comparator, "number": number}


def _holds(count: int, op: str, n: int) -> bool:
    return {">": count > n, ">=": count >= n, "<": count < n, "<=": count <= n, "==": count == n}[op]


def _days(meeting: dict) -> list[date]:
    """The days of a meeting row (diplomacy.meetings: one row per visit, from `date` to `end`)."""
    first = date.fromisoformat(meeting["date"])
    last = date.fromisoformat(meeting.get("end") or meeting["date"])
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def coverage(found: list[dict], since: date, until: date) -> dict:
    """Months of the window with at least one leader-level meeting of the state, and whether coverage holds."""
    months = pd.period_range(since, until, freq="M")
    met = {pd.Period(day, freq="M") for m in found for day in _days(m)}
    share = len(met & set(months)) / len(months) if len(months) else 0.0
    return {"leader_meetings": len(found), "months": len(months), "months_with_meetings": len(met & set(months)),
            "share": round(share, 3), "holds": share >= MIN_COVERED_MONTHS}


def calendar_share(path, state: str, found: list[dict], since: date, until: date) -> dict:
    """Share of a reference calendar's meetings of the state in the window that the store holds."""
    from multipolar.actors import Roster
    from multipolar.external.countries import is_iso3, name_to_iso3
    cal = pd.read_csv(path, dtype=str, comment="#").fillna("")
    missing = {"date", "leader", "counterpart"} - set(cal.columns)
    if missing:
        raise QueryError(f"calendar {path} lacks column(s) {', '.join(sorted(missing))}: expected date, leader, "
                         f"counterpart, place, source")
    roster, rows = Roster.load(), []
    for r in cal.itertuples():
        try:
            day = date.fromisoformat(r.date.strip()[:10])
        except ValueError:
            raise QueryError(f"calendar {path}: date {r.date!r} is not YYYY-MM-DD") from None
        ref = roster.lookup(r.leader, day)
        if not since <= day <= until or ref is None or ref.code != state:
            continue
        code = r.counterpart.strip().upper()
        rows.append((day, code if is_iso3(code) else name_to_iso3(r.counterpart)))
    held = {(day, m["partner"]) for m in found for day in _days(m)}   # every day of a visit of several days
    hit = [any((d + timedelta(days=k), c) in held for k in range(-CALENDAR_SLACK_DAYS, CALENDAR_SLACK_DAYS + 1))
           for d, c in rows]
    return {"calendar_meetings": len(rows), "covered": int(sum(hit)),
            "share": round(sum(hit) / len(rows), 3) if rows else None}


def check(store: Store, text: str, as_of, window: str = "1y", *, calendar=None) -> dict:
    """{"verdict", "count", "claim", "since", "until", "coverage", "evidence": [meetings]}."""
    until = as_date(as_of, "as_of")
    since = until - parse_window(window)
    claim = parse_claim(text, until)
    found = diplomacy.meetings(store, claim["state"], since, until)
    partners = diplomacy.partners(found)
    count = len(partners)
    cov = coverage(found, since, until)
    first, last, _ = db.events_span(store)
    cov.update(first_event=str(first) if first else None, last_event=str(last) if last else None,
               covers_window=cov["holds"])
    if calendar is not None:
        cov["calendar"] = calendar_share(calendar, claim["state"], found, since, until)
    holds = _holds(count, claim["comparator"], claim["number"])
    if holds and (cov["holds"] or claim["comparator"] in (">", ">=")):
        verdict = "supported"
    else:
        verdict = "not_supported" if cov["holds"] else "not_enough_data"
    evidence = [m for m in found if m["partner"] in partners]
    return {"verdict": verdict, "count": count, "partners": partners, "claim": claim,
            "since": since.isoformat(), "until": until.isoformat(), "coverage": cov, "evidence": evidence}
