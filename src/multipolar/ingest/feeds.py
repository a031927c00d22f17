"""RSS and Atom feeds: each item is one article (source `path#n`, n counted from 1).

Feeds with DTD entity declarations are refused before parsing. feedparser 6 does not expand
external entities (tests/ingest/test_feeds.py checks it), but refusing them means a future
parser switch or change can't read local files or the network from a hostile feed (XXE),
and entity bombs never reach a parser.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import feedparser
import lxml.html
from lxml.etree import ParserError, XMLSyntaxError

from multipolar.ingest._files import (MIN_TEXT_CHARS, bom_encoding, clean_lines, load_bytes, skip)
from multipolar.ingest.pubdate import parse_date
from multipolar.model import Article, Skipped

_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|RDF)\b")
# Block-level ends become line breaks so paragraphs survive the HTML stripping.
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|section|article)\s*>")


# Character references to UTF-16 surrogates (&#xD83D;, &#55357;) name no character; feedparser's loose
# parser raises on them and the whole feed would be lost, so they become U+FFFD first.
_SURROGATE_REF = re.compile(rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*5[5-7][0-9]{3});")


def _no_surrogate(m: re.Match) -> bytes:
    ref = m.group(0)
    value = int(ref[3:-1], 16) if ref[2:3] in (b"x", b"X") else int(ref[2:-1])
    return b"&#xFFFD;" if 0xD800 <= value <= 0xDFFF else ref


def _as_text(data: bytes) -> str:
    """A lenient decode, only for the safety checks and error messages."""
    return data.decode(bom_encoding(data) or "utf-8", errors="replace").lstrip("\ufeff")


def _first_bytes(head: str) -> str:
    """The start of the markup after whitespace, XML declaration and comments: '<html', '<rss'."""
    head = re.sub(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*", "", head, flags=re.DOTALL)
    return head[:5]


def unsafe_reason(data: bytes, source: str) -> Skipped | None:
    """Refuse feeds that declare entities (XXE, billion laughs) before any parser sees them."""
    text = _as_text(data)
    if _ENTITY.search(text) or _DOCTYPE_SUBSET.search(text):
        kind = "external entities (SYSTEM/PUBLIC)" if re.search(
            r"<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b", text, re.IGNORECASE) else "entities"
        return skip("E018", source, f"refusing {source}: its DOCTYPE declares {kind}, which can read "
                    "local files or the network (XXE) or expand without bound. Remove the <!DOCTYPE> "
                    "/ <!ENTITY> declarations if you trust the feed.")
    return None


def strip_html(fragment: str) -> str:
    """Visible text of an HTML fragment (feedparser has already removed scripts)."""
    if "<" not in fragment and "&" not in fragment:
        return clean_lines(fragment)
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (ParserError, XMLSyntaxError, ValueError):
        return clean_lines(re.sub(r"<[^>]+>", " ", fragment))
    return clean_lines(root.text_content())


def _entry_date(entry) -> date | None:
    # The string as written first (keeps the publisher's local day); feedparser's parsed tuple,
    # which is normalised to UTC, only when the string is in a form we don't read.
    for key in ("published", "updated", "created"):
        d = parse_date(entry.get(key))
        if d:
            return d
        parsed = entry.get(key + "_parsed")
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                pass
    return None


def _entry_text(entry) -> str:
    # Full content beats the summary, which is often a teaser; the longest wins.
    parts = [c.get("value", "") for c in entry.get("content") or []]
    parts.append(entry.get("summary", ""))
    texts = [strip_html(p) for p in parts if p]
    return max(texts, key=len, default="")


def parse_feed(data: bytes, source: str) -> Iterator[Article | Skipped]:
    """Articles from the bytes of a feed; feedparser detects the encoding from the XML itself."""
    if bom_encoding(data) is None and b"\x00" in data[:65536]:
        yield skip("E014", source, f"cannot read {source}: binary file (NUL bytes), not a feed.")
        return
    refused = unsafe_reason(data, source)
    if refused:
        yield refused
        return
    head = _as_text(data[:4096])
    first = _first_bytes(head)
    hint = " Pass it as --format html." if first.lower().startswith(("<html", "<!doc")) else ""
    if not _FEED_ROOT.search(head) and not _FEED_ROOT.search(_as_text(data[:65536])):
        yield skip("E012", source, f"cannot read {source}: not RSS or Atom (first bytes {first!r}).{hint}")
        return
    try:
        feed = feedparser.parse(_SURROGATE_REF.sub(_no_surrogate, data), sanitize_html=True,
                                resolve_relative_uris=False)
    except Exception as e:  # noqa: BLE001 - the parser's own failure is this feed's, not the batch's
        yield skip("E012", source, f"cannot read {source}: the feed parser failed ({type(e).__name__}: "
                   f"{str(e)[:200]}). Check that it is well-formed RSS or Atom.")
        return
    if not feed.get("version") and not feed.entries:
        why = feed.get("bozo_exception")
        yield skip("E012", source, f"cannot read {source}: not RSS or Atom (first bytes {first!r}"
                   f"{'; ' + str(why) if why else ''}).{hint}")
        return
    if not feed.entries:
        yield skip("E016", source, f"no article text in {source}: the feed has no items.")
        return
    for n, entry in enumerate(feed.entries, start=1):
        yield parse_entry(entry, f"{source}#{n}")


def _string(value) -> str | None:
    """A feed field as a string, or None (feedparser may give a dict or a list for odd markup)."""
    return value if isinstance(value, str) and value else None


def parse_entry(entry, item: str) -> Article | Skipped:
    """One feed item -> its Article, or a Skipped naming `item`; never raises, so one bad item costs
    only itself and the other items of the feed are still read."""
    try:
        text = _entry_text(entry)
        title = " ".join(strip_html(_string(entry.get("title")) or "").split()) or None
        if len(text) < MIN_TEXT_CHARS:
            return skip("E016", item, f"no article text in {item} ({title or 'untitled'}): "
                        f"{len(text)} characters in its content/summary (at least {MIN_TEXT_CHARS} needed).")
        return Article.make(text, id=_string(entry.get("id")), date=_entry_date(entry),
                            url=_string(entry.get("link")), title=title, source=item)
    except Exception as e:  # noqa: BLE001 - the evidence goes into the reason; the feed goes on
        return skip("E010", item, f"cannot read {item}: unexpected {type(e).__name__}: {e}. "
                    "Please report it with the feed attached.")


def read_feed(path: str | Path) -> Iterator[Article | Skipped]:
    """Yield one article per feed item, or why the feed or an item was skipped."""
    path = Path(path)
    data = load_bytes(path)
    if isinstance(data, Skipped):
        yield data
        return
    yield from parse_feed(data, str(path))
