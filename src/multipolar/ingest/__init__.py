"""Ingest: files, directories, feeds, JSONL, web addresses and stdin -> `Article | Skipped`, one at a time.

    from multipolar.ingest import read_paths
    for rec in read_paths(["examples/"]):
        ...  # Article, or Skipped(source, reason) saying which file (and line) and why

A bad input never raises: it becomes a `Skipped` whose reason names the file and the fix.
The reader is chosen by extension, or by sniffing the first bytes when the extension is unknown;
`fmt` forces one ("text", "html", "feed", "jsonl"). Directories are walked in sorted order,
so a run is reproducible; hidden files and folders (".git", ".DS_Store") are passed over.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from multipolar.ingest._files import bom_encoding, check_file, skip
from multipolar.ingest.feeds import read_feed
from multipolar.ingest.html import read_html
from multipolar.ingest.jsonl import read_jsonl
from multipolar.ingest.pubdate import find_date, parse_date
from multipolar.ingest.remote import is_url, read_stdin, read_url
from multipolar.ingest.text import read_text
from multipolar.model import MAX_TEXT_CHARS, Article, Skipped

__all__ = ["read_paths", "read_one", "walk", "sniff", "capped", "READERS", "EXTENSIONS",
           "read_text", "read_html", "read_feed", "read_jsonl", "parse_date", "find_date"]

Reader = Callable[[Path], Iterator[Article | Skipped]]

READERS: dict[str, Reader] = {"text": read_text, "html": read_html, "feed": read_feed, "jsonl": read_jsonl}
EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_SNIFF_BYTES = 4096


def sniff(path: Path) -> str | Skipped:
    """The format of a file with an unknown extension, from its first bytes."""
    refused = check_file(path, limit=None)
    if refused:
        return refused
    try:
        with open(path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError as e:
        return skip("E011", path, f"cannot read {path}: {e.strerror or e}. Check its permissions.")
    enc = bom_encoding(head)
    if enc is None and b"\x00" in head:
        return skip("E014", path, f"cannot read {path}: binary file (NUL bytes), not text. "
                    "Pass text, HTML, RSS/Atom or JSONL files.")
    start = head.decode(enc or "utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if start.startswith("{"):
        return "jsonl"
    if start.startswith(("<!doctype html", "<html", "<head", "<body")):
        return "html"
    if start.startswith("<"):
        # Feeds are XML: an <?xml ...?> prologue or a feed root; anything else tagged is a page.
        return "feed" if start.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf")) else "html"
    return "text"


def read_one(path: str | os.PathLike, fmt: str | None = None) -> Iterator[Article | Skipped]:
    """Every record of one file: by `fmt`, else by extension, else by content."""
    path = Path(path)
    if fmt is not None and fmt not in READERS:
        yield skip("E012", path, f"cannot read {path}: unknown format {fmt!r}. "
                   f"Use one of {', '.join(sorted(READERS))}.")
        return
    kind = fmt or EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        found = sniff(path)
        if isinstance(found, Skipped):
            yield found
            return
        kind = found
    try:
        yield from READERS[kind](path)
    except Exception as e:  # noqa: BLE001 - the batch must go on; the reason keeps the evidence
        yield skip("E010", path, f"cannot read {path}: unexpected {type(e).__name__}: {e}. "
                   "Please report it with the file attached.")


def walk(root: Path) -> Iterator[Path | Skipped]:
    """Files under `root`, sorted by name at each level (files of a folder before its subfolders)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as e:
        yield skip("E011", root, f"cannot read folder {root}: {e.strerror or e}. Check its permissions.")
        return
    subdirs = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # Symlinked folders are not followed, so a link loop cannot trap the walk.
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            subdirs.append(Path(entry.path))
        else:
            yield Path(entry.path)
    for sub in subdirs:
        yield from walk(sub)


def read_paths(paths: str | os.PathLike | Iterable[str | os.PathLike],
               fmt: str | None = None, *, default_date: date | None = None) -> Iterator[Article | Skipped]:
    """Every record of every file and folder in `paths`, in order; lazily, one at a time.

    "-" reads standard input and an http(s) address is fetched (ingest.remote); `default_date` is given to the
    articles that carry no publication date of their own."""
    if default_date is not None:
        for rec in read_paths(paths, fmt):
            yield replace(rec, date=default_date) if isinstance(rec, Article) and rec.date is None else rec
        return
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]      # one path, not an iterable of characters
    for p in paths:
        if isinstance(p, str) and (p == "-" or is_url(p)):
            yield from capped(read_stdin() if p == "-" else read_url(p))
            continue
        p = Path(p)
        if p.is_dir():
            for item in walk(p):
                if isinstance(item, Skipped):
                    yield item
                else:
                    yield from capped(read_one(item, fmt))
        else:
            yield from capped(read_one(p, fmt))


def capped(items: Iterable[Article | Skipped], limit: int = MAX_TEXT_CHARS) -> Iterator[Article | Skipped]:
    """The items, with each article over `limit` characters of text turned into a Skipped that says so: it is
    not coded, and the articles after it still are."""
    for item in items:
        if isinstance(item, Article) and len(item.text) > limit:
            where = item.source or item.id
            yield skip("E015", where, f"article {item.id!r} in {where} has {len(item.text):,} characters of text, "
                       f"over the {limit:,} one article may have: split it into parts (one JSONL line each)")
        else:
            yield item
