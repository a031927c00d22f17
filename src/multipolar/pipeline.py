"""The main job: read inputs, code them, store the results. Used by the CLI, the API and Dask workers."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from multipolar.errors import InputError
from multipolar.model import Article, Event, IngestStats, Skipped

BATCH = 200          # articles per store transaction


def coder():
    """The process-wide coder (loads spaCy once)."""
    global _CODER
    try:
        return _CODER
    except NameError:
        from multipolar.coding.coder import Coder
        _CODER = Coder()
        return _CODER


def code_articles(articles: Iterable[Article]) -> Iterator[tuple[Article, int, list[Event], Skipped | None]]:
    """Code each article; an article that breaks the coder is reported as Skipped, never stops the batch."""
    c = coder()
    for art in articles:
        try:
            n, events = c.code_article(art)
        except Exception as exc:          # one bad article must never stop a batch
            yield art, 0, [], Skipped(art.source or art.id, f"E060 coder failed on article {art.id}: "
                                                            f"{type(exc).__name__}: {exc}")
            continue
        yield art, n, events, None


def ingest(paths: list[str | Path], store, *, on_progress: Callable[[IngestStats], None] | None = None) -> IngestStats:
    """Read every path, code the new articles and write them to `store` in atomic batches."""
    from multipolar.ingest import read_paths

    stats = IngestStats()
    batch: list[tuple[Article, int, list[Event]]] = []
    fresh = _unseen(read_paths(paths), store, stats)
    for art, n, events, skipped in code_articles(fresh):
        if skipped:
            stats.skipped.append(skipped)
            store.add_skipped([skipped])
            continue
        batch.append((art, n, events))
        stats.sentences += n
        stats.events += len(events)
        if len(batch) >= BATCH:
            stats.articles += store.add_coded(batch)
            batch = []
        if on_progress:
            on_progress(stats)
    if batch:
        stats.articles += store.add_coded(batch)
    if on_progress:
        on_progress(stats)
    return stats


def _unseen(items, store, stats: IngestStats) -> Iterator[Article]:
    """Articles not yet in the store (by content hash); Skipped inputs are recorded as they come."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Skipped):
            stats.skipped.append(item)
            store.add_skipped([item])
            continue
        if item.hash in seen or store.known_hashes([item.hash]):
            stats.duplicates += 1
            continue
        seen.add(item.hash)
        yield item


def read_code_input(path: str | Path) -> Iterator[Article | Skipped]:
    """Input of `multipolar code`: JSONL lines {"id", "text", "date"?}."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                if not isinstance(d, dict) or not isinstance(d.get("text"), str):
                    raise InputError("needs a string 'text'")
                when = d.get("date")
                when = date.fromisoformat(when[:10]) if isinstance(when, str) and when else None
            except (json.JSONDecodeError, InputError, ValueError) as exc:
                yield Skipped(f"{path}:{n}", f"E011 cannot read {path} line {n}: {exc}. "
                                             'Each line must be {"id": ..., "text": ..., "date": "YYYY-MM-DD"}')
                continue
            yield Article.make(d["text"], id=str(d.get("id") or ""), date=when, url=d.get("url"),
                               title=d.get("title"), source=f"{path}:{n}")
