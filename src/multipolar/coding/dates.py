"""When an event happened: explicit, partial and relative dates resolved against the article date.

Precision is 'day', 'week', 'month' or 'year'; 'article' means no date was written and the
publication date stands in. Dates that modify a noun ("the 2022 invasion") date that noun, not the
event, so only date phrases attached to the trigger's clause count.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from multipolar.coding import words

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\s*,?\s*(\d{{4}})?\b", re.I)
_MDY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{{4}}))?", re.I)
_MY = re.compile(rf"\b{_MONTH_RE}\s*,?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")

# Locales that write month first in numeric dates.
MDY_LOCALES = words.of("mdy_locales")


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _roll_year(d: date | None, base: date | None, future: bool) -> date | None:
    """A month-day without a year: the occurrence nearest the article date, in the right direction."""
    if d is None or base is None:
        return d
    if not future and d > base + timedelta(days=7):
        return _safe(d.year - 1, d.month, d.day)
    if future and d < base - timedelta(days=7):
        return _safe(d.year + 1, d.month, d.day)
    return d


@lru_cache(maxsize=65536)
def parse_date(text: str, base: date | None, future: bool = False,
               locale: str | None = None) -> tuple[date | None, str | None]:
    """Resolve one date phrase. Returns (date, precision) or (None, None)."""
    try:
        return _parse_date(text, base, future, locale)
    except (OverflowError, ValueError):
        return None, None            # "last Friday" seen from 1 January of year 1: no date of the calendar


def _parse_date(text: str, base: date | None, future: bool, locale: str | None) -> tuple[date | None, str | None]:
    low = text.lower().strip()
    if (m := _ISO.search(low)):
        return _safe(*map(int, m.groups())), "day"
    if (m := _NUMERIC.search(low)):
        a, b, y = map(int, m.groups())
        if a > 12:
            return _safe(y, b, a), "day"
        if b > 12:
            return _safe(y, a, b), "day"
        if a == b:
            return _safe(y, a, b), "day"
        # both readings valid: the site's locale decides, otherwise say it is ambiguous
        if locale in MDY_LOCALES:
            return _safe(y, a, b), "day"
        if locale:
            return _safe(y, b, a), "day"
        return _safe(y, b, a), "day-ambiguous"
    if (m := _DMY.search(low)):
        d, mon, y = int(m.group(1)), MONTHS[m.group(2)], m.group(3)
        if y:
            return _safe(int(y), mon, d), "day"
        if base:
            return _roll_year(_safe(base.year, mon, d), base, future), "day"
    if (m := _MDY.search(low)) and not _MY.fullmatch(low):
        mon, d, y = MONTHS[m.group(1)], int(m.group(2)), m.group(3)
        if d <= 31:
            if y:
                return _safe(int(y), mon, d), "day"
            if base:
                return _roll_year(_safe(base.year, mon, d), base, future), "day"
    if (m := _MY.search(low)):
        return _safe(int(m.group(2)), MONTHS[m.group(1)], 1), "month"
    if base is None:
        if (m := _YEAR.search(low)):
            return date(int(m.group(1)), 1, 1), "year"
        return None, None
    return _relative(low, base, future)


def _relative(low: str, base: date, future: bool) -> tuple[date | None, str | None]:
    words = low.replace(",", " ").split()
    if "today" in words or "tonight" in words or "this morning" in low or "this evening" in low:
        return base, "day"
    if "yesterday" in words:
        return base - timedelta(days=1), "day"
    if "tomorrow" in words:
        return base + timedelta(days=1), "day"
    for name, wd in WEEKDAYS.items():
        if name in words:
            delta = (base.weekday() - wd) % 7
            if "next" in words or future:
                return base + timedelta(days=(wd - base.weekday()) % 7 or 7), "day"
            if "last" in words and delta == 0:
                delta = 7
            return base - timedelta(days=delta), "day"
    unit = next((u for u in ("week", "month", "year") if u in words or u + "s" in words), None)
    if unit and not _RELATIVE & set(words):
        unit = None                      # "in five years", "three months after" are durations
    shift = -1 if ("last" in words or "previous" in words or "past" in words) else \
        1 if "next" in words or "coming" in words else 0
    if (m := _YEAR.search(low)):
        return date(int(m.group(1)), 1, 1), "year"
    for mon_name, mon in MONTHS.items():
        if mon_name in words and len(mon_name) > 3:
            y = base.year if (mon <= base.month or future) else base.year - 1
            return date(y, mon, 1), "month"
    if unit == "week":
        return base + timedelta(days=7 * shift), "week"
    if unit == "month":
        y, m = divmod(base.year * 12 + base.month - 1 + shift, 12)
        return date(y, m + 1, 1), "month"
    if unit == "year":
        return date(base.year + shift, 1, 1), "year"
    return None, None


_CLAUSE_DEPS = words.of("date_deps")
_RELATIVE = words.of("relative_time")     # "last month", not "in five months"


def event_date(sent: Span, trigger: Token, base: date | None, *, future: bool = False,
               locale: str | None = None) -> tuple[date | None, str | None]:
    """The date of the event triggered at `trigger`; the article date when none is written."""
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if not _attached(ent.root, trigger):
            continue
        d, precision = parse_date(ent.text, base, future, locale)
        if d is not None:
            return d, precision
    return (base, "article") if base else (None, None)


def _attached(tok: Token, trigger: Token) -> bool:
    """Does the date phrase modify the trigger's clause (not a noun inside it)?"""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return False
        if t.head == trigger:
            return t.dep_ in _CLAUSE_DEPS or t.dep_ in ("dobj",) and t.ent_type_ == "DATE"
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head
            continue
        if t.dep_ in ("compound", "amod", "nummod", "poss", "npadvmod") and t.head.pos_ in ("NOUN", "PROPN"):
            return False
        t = t.head
    return False
