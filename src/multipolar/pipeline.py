"""The main job: read inputs, code them, store the results. Used by the CLI, the API and Dask workers."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from multipolar.ingest import capped, read_paths
from multipolar.ingest.jsonl import read_jsonl
from multipolar.model import Article, Event, IngestStats, Skipped

BATCH = 200          # articles per store transaction


_CODERS: dict = {}


def coder(mode: str = "combined"):
    """The process-wide coder of a mode (loads spaCy, the lexicon and the models once)."""
    if mode not in _CODERS:
        from multipolar.coding.coder import Coder
        _CODERS[mode] = Coder(mode=mode)
    return _CODERS[mode]


@contextmanager
def coder_settings(mode: str = "combined", every_story: bool = False) -> Iterator:
    """The process-wide coder of `mode`, gated or not, for one command; its gate is restored after (the API and
    later commands of the same process keep the defaults)."""
    c = coder(mode)
    gate = c.gate
    c.gate = gate and not every_story
    try:
        yield c
    finally:
        c.gate = gate


def code_articles(articles: Iterable[Article], mode: str = "combined") \
        -> Iterator[tuple[Article, int, list[Event], Skipped | None]]:
    """Code each article; an article that breaks the coder is reported as Skipped, never stops the batch."""
    c = coder(mode)
    for art in articles:
        try:
            n, events = c.code_article(art)
        except Exception as exc:          # one bad article must never stop a batch
            yield art, 0, [], Skipped(art.source or art.id, f"E060 coder failed on article {art.id}: "
                                                            f"{type(exc).__name__}: {exc}")
            continue
        yield art, n, events, None


def ingest(paths: list[str | Path], store, *, on_progress: Callable[[IngestStats], None] | None = None,
           default_date: date | None = None) -> IngestStats:
    """Read every path, code the new articles and write them to `store` in atomic batches.

    `default_date` is the publication date of articles that carry none; those still undated are named in
    `stats.undated` (their events have no date unless the sentence gives one)."""
    stats = IngestStats()
    batch: list[tuple[Article, int, list[Event]]] = []
    fresh = _unseen(read_paths(paths, default_date=default_date), store, stats)
    gated_before = coder().off_topic
    for art, n, events, skipped in code_articles(fresh):
        stats.off_topic = coder().off_topic - gated_before
        if skipped:
            stats.skipped.append(skipped)
            store.add_skipped([skipped])
            continue
        batch.append((art, n, events))
        if art.date is None:
            stats.undated.append(art.source or art.id)
        stats.sentences += n
        stats.events += len(events)
        if len(batch) >= BATCH:
            _store(store, batch, stats)
            batch = []
        if on_progress:
            on_progress(stats)
    if batch:
        _store(store, batch, stats)
    if on_progress:
        on_progress(stats)
    return stats


def _store(store, batch: list[tuple[Article, int, list[Event]]], stats: IngestStats) -> None:
    """One batch into the store; an article the store refuses is recorded as skipped, the rest are kept."""
    added, failed = store.add_coded_isolated(batch)
    stats.articles += added
    for s in failed:
        stats.skipped.append(s)
        bad = next((item for item in batch if (item[0].source or item[0].id) == s.source), None)
        if bad is not None:
            stats.sentences -= bad[1]
            stats.events -= len(bad[2])


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
    """Input of `multipolar code`: JSONL lines {"id", "text", "date"?}, read by the ingest JSONL reader, so
    a bad line, or an article over model.MAX_TEXT_CHARS, is a Skipped naming `path:line` and the lines after it are
    still coded."""
    yield from capped(read_jsonl(path))
