"""Plain-text articles (.txt).

Layout understood, all of it optional:

    Date: 2024-06-19            <- header lines at the very top (Date, Title, URL, Id, ...)
    Title: Putin arrives in Hanoi
                                <- blank line ends the header
    Putin arrives in Hanoi      <- without a Title header, a short first line is the title
    HANOI, 20 June 2024 - ...   <- without a Date header, a date in the first lines is used

The title is kept out of `text` so that the coder does not read the headline twice.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from multipolar.ingest._files import MIN_TEXT_CHARS, clean_lines, decode, load_bytes, skip
from multipolar.ingest.pubdate import find_date, parse_date
from multipolar.model import Article, Skipped

# Only these keys make a header line, so a first sentence like "Note: ..." stays text.
_HEADER = re.compile(
    r"^\s*(date|published|pubdate|title|headline|url|link|id)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_KEYS = {"date": "date", "published": "date", "pubdate": "date", "title": "title",
         "headline": "title", "url": "url", "link": "url", "id": "id"}
_MAX_TITLE = 200
_MAX_HEADER_LINES = 12


def split_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Leading `Key: value` lines -> ({key: value}, remaining lines)."""
    header: dict[str, str] = {}
    i = 0
    while i < len(lines) and i < _MAX_HEADER_LINES:
        m = _HEADER.match(lines[i])
        if not m:
            break
        header.setdefault(_KEYS[m[1].lower()], m[2])
        i += 1
    return header, lines[i:]


def _looks_like_title(line: str, rest: list[str]) -> bool:
    """A short first line without closing punctuation, then a blank line, then more text.

    The blank line matters: in hard-wrapped text the first line also lacks a full stop.
    """
    line = line.strip()
    return (0 < len(line) <= _MAX_TITLE and not line.endswith((".", ",", ";", ":"))
            and bool(rest) and not rest[0].strip() and any(r.strip() for r in rest))


def parse_text(raw: str, source: str) -> Article | Skipped:
    """One article from the decoded contents of a text file."""
    header, lines = split_header(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    while lines and not lines[0].strip():
        lines = lines[1:]
    title = header.get("title") or None
    if title is None and lines and _looks_like_title(lines[0], lines[1:]):
        title, lines = " ".join(lines[0].split()), lines[1:]
    text = clean_lines("\n".join(lines))
    if len(text) < MIN_TEXT_CHARS:
        return skip("E016", source, f"no article text in {source}: {len(text)} characters after the "
                    f"header and title (at least {MIN_TEXT_CHARS} needed).")
    if "date" in header:
        # An explicit but impossible header date (31/02/2024) stays None: guessing from the
        # body would be less trustworthy than admitting we don't know.
        when = parse_date(header["date"])
    else:
        when = find_date(text)
    return Article.make(text, id=header.get("id") or None, date=when,
                        url=header.get("url") or None, title=title, source=source)


def read_text(path: str | Path) -> Iterator[Article | Skipped]:
    """Yield the one article of a text file, or why it was skipped."""
    path = Path(path)
    data = load_bytes(path)
    if isinstance(data, Skipped):
        yield data
        return
    raw = decode(data, path)
    if isinstance(raw, Skipped):
        yield raw
        return
    yield parse_text(raw, str(path))
