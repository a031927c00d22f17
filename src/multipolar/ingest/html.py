"""Web pages (.html/.htm): trafilatura removes navigation, ads and footers and reads the metadata.

Publication date: the page's metadata first (article:published_time, JSON-LD, <time> ...,
found by trafilatura through htmldate with its text-wide guessing switched off, because dates
in the body are mostly dates of the events reported), then a dateline at the top of the text.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura

from multipolar.ingest._files import MIN_TEXT_CHARS, clean_lines, decode, load_bytes, skip
from multipolar.ingest.pubdate import find_date, parse_date
from multipolar.model import Article, Skipped

_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CLOSED = re.compile(r"</html\s*>\s*$", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The <meta charset> of the page head, if Python knows the codec."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _extract(markup: str):
    """trafilatura's document, retried with recall favoured for thin pages; None when nothing."""
    for recall in (False, True):
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False,
            favor_recall=recall, date_extraction_params=_DATE_PARAMS)
        if doc is not None and len((doc.text or "").strip()) >= MIN_TEXT_CHARS:
            return doc
    return doc


def parse_html(markup: str, source: str) -> Article | Skipped:
    """One article from the decoded markup of a page."""
    truncated = not _CLOSED.search(markup[-200:])
    try:
        doc = _extract(markup)
    except (RecursionError, ValueError, TypeError, AttributeError, AssertionError, IndexError, KeyError) as e:
        # Pathological trees (very deep nesting, broken markup) can trip the parser libraries.
        return skip("E016", source, f"no article text in {source}: the page could not be parsed "
                    f"({type(e).__name__}). Save the article text as .txt instead.")
    text = clean_lines(doc.text) if doc is not None and doc.text else ""
    title = " ".join(doc.title.split()) if doc is not None and doc.title else None
    if title and text.startswith(title):
        # trafilatura repeats the <h1> headline as the first line; keep it only in `title`.
        text = text[len(title):].lstrip()
    if len(text) < MIN_TEXT_CHARS:
        hint = (" The file looks truncated (no closing </html>); save the whole page again."
                if truncated else " The page has no body text once navigation and boilerplate are "
                "removed (a script-rendered page, an index page, or very deep nesting?).")
        return skip("E016", source, f"no article text in {source}: {len(text)} characters "
                    f"extracted (at least {MIN_TEXT_CHARS} needed).{hint}")
    when = parse_date(doc.date) if doc.date else None
    if when is None:
        when = find_date(text)
    return Article.make(text, date=when, url=doc.url or None, title=title, source=source)


def read_html(path: str | Path) -> Iterator[Article | Skipped]:
    """Yield the one article of a web page, or why it was skipped."""
    path = Path(path)
    data = load_bytes(path)
    if isinstance(data, Skipped):
        yield data
        return
    markup = decode(data, path, fallback=_declared_charset(data))
    if isinstance(markup, Skipped):
        yield markup
        return
    yield parse_html(markup, str(path))
