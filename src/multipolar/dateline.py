"""A news dateline: "MOSCOW, July 9 — ", "KABUL (Reuters) - ", "AP - BAGHDAD, Iraq - ", "ISLAMABAD, Dec 3: ".

It says where and when a story was filed and by whom, so the coder never takes its place for a party of the
sentence's events, and the meetings table may take it for where a meeting was. The place is in capitals with a run
of three letters, so a headline's speaker ("U.S.: No decision made") is not a dateline.
"""
from __future__ import annotations

import re

DATELINE = re.compile(
    r"\s*(?:(?:AP|AFP|Reuters|Canadian Press|CP)\s+-\s+)?"                          # the wire
    r"(?P<place>(?=[A-Z.'-]*[A-Z]{3})[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3})"       # the place
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"                          # its region or country
    r"(?:,?\s+(?:[\u2014\u2013-]\s+)?[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s+\d{4})?)?"    # the date
    r"\s*(?:\([^)]{1,40}\))?\s*(?:[\u2014\u2013]+|--?|:)\s+")                        # the filer, the dash


def dateline_end(text: str, start: int = 0, end: int | None = None) -> int | None:
    """Where the dateline opening text[start:end] ends, or None when it opens with none."""
    m = DATELINE.match(text, start, len(text) if end is None else end)
    return m.end() if m else None


def dateline_place(lead: str) -> str | None:
    """The place of the dateline opening `lead`, as written ("MOSCOW"), or None."""
    m = DATELINE.match(lead)
    return m.group("place") if m else None
