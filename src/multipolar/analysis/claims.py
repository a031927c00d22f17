"""Checking count claims against the store: "Putin met with over 20 world leaders" --as-of 2024-11-07 --window 1y.

The claim is parsed into (leader -> state, comparator, number); the count is the number of distinct partner states
whose leaders the state's leader met (analysis.diplomacy) in the window before the as-of date. Verdicts:
supported when the count satisfies the claim; not_supported when it does not and the store covers the window
(events on both ends and at least MIN_EVENTS events in it); otherwise not_enough_data, because a news store that
does not cover the period cannot show that meetings did not happen.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from multipolar.analysis import diplomacy
from multipolar.errors import QueryError
from multipolar.store import indicators as db
from multipolar.store.db import Store, as_date

MIN_EVENTS = 50
EDGE_DAYS = 31
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


def check(store: Store, text: str, as_of, window: str = "1y") -> dict:
    """{"verdict", "count", "claim", "since", "until", "coverage", "evidence": [meetings]}."""
    until = as_date(as_of, "as_of")
    since = until - parse_window(window)
    claim = parse_claim(text, until)
    found = diplomacy.meetings(store, claim["state"], since, until)
    partners = diplomacy.partners(found)
    count = len(partners)
    first, last, _ = db.events_span(store)
    n_window = int(store.sql("SELECT count(*) AS n FROM events WHERE date BETWEEN ? AND ?", [since, until]).n[0])
    covered = (first is not None and first <= since + timedelta(days=EDGE_DAYS)
               and last >= until - timedelta(days=EDGE_DAYS) and n_window >= MIN_EVENTS)
    if _holds(count, claim["comparator"], claim["number"]):
        verdict = "supported"
    elif claim["comparator"] in (">", ">=", "==") and not covered:
        verdict = "not_enough_data"
    else:
        verdict = "not_supported"
    evidence = [m for m in found if m["partner"] in partners]
    return {"verdict": verdict, "count": count, "partners": partners, "claim": claim,
            "since": since.isoformat(), "until": until.isoformat(),
            "coverage": {"first_event": str(first) if first else None, "last_event": str(last) if last else None,
                         "events_in_window": n_window, "covers_window": covered},
            "evidence": evidence}
