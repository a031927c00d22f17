"""Publication dates: a string or the top of an article -> datetime.date, or None.

Deterministic on purpose: relative expressions ("yesterday", "2 hours ago") are refused rather than
resolved against today's clock, a date needs day, month and year, and impossible dates
(31/02/2024) give None instead of an error. Dates keep the local day as written: an item
stamped "2024-06-19T23:30-05:00" was published on the 19th where it was written.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import dateparser

# Ambiguous numeric dates (03/04/2024) are read day first, as most of the world's press writes them.
_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],   # no relative-time, no timestamps
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
    "RELATIVE_BASE": datetime(2000, 1, 1),            # never consulted with the parsers above; pinned anyway
    "RETURN_AS_TIMEZONE_AWARE": False,
}

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# Date-looking pieces of a line; each candidate is then checked by parse_date.
_CANDIDATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"                                          # 2024-06-19
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b"                               # 19/06/2024, 19.06.2024
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s*,?\s+\d{{4}}\b"      # 19 June 2024
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s+\d{{4}}\b",     # June 19, 2024
    re.IGNORECASE,
)
_MIN_YEAR = 1900


def _ok(d: date) -> date | None:
    return d if d.year >= _MIN_YEAR else None


def parse_date(value: str | None) -> date | None:
    """One date string (ISO 8601, RFC 822, '19 June 2024', '19/06/2024' ...) -> date or None."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > 100:           # a paragraph is not a date; dateparser is slow on it
        return None
    m = _ISO.match(value)
    if m:                                        # fast path, and exact: no day/month guessing
        try:
            return _ok(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return None
    if value[:3].isalpha() and "," in value[:5]:  # "Wed, 19 Jun 2024 10:00:00 GMT" (RSS)
        try:
            return _ok(parsedate_to_datetime(value).date())
        except (TypeError, ValueError, IndexError):
            pass
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return _ok(parsed.date()) if parsed else None


def find_date(text: str, max_lines: int = 3, max_chars: int = 80) -> date | None:
    """A publication date near the top: the first parseable date in the first `max_chars`
    characters of the first `max_lines` non-empty lines (datelines, bylines).

    Deeper dates are usually about the events reported, not about publication, so they are ignored.
    """
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        for m in _CANDIDATE.finditer(line[:max_chars]):
            d = parse_date(m.group(0))
            if d:
                return d
        seen += 1
        if seen >= max_lines:
            break
    return None
