"""Merge a Parquet folder written by `code_to_parquet` into the DuckDB store, idempotently.

Chunks are merged in input order (oldest run first), article by article through `Store.add_coded`, so the
store ends up exactly as a single-process ingest of the same inputs would leave it: articles keyed by
content hash (a stored hash is left alone), events by id, duplicates linked to their first telling in the
same order. Each merged chunk is recorded in the store's `parquet_merges` ledger together with its skipped
inputs; merging the same folder twice, or after a crash half-way, adds nothing twice.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from multipolar.pipeline import BATCH
from multipolar.scale.partition import committed, from_tables, read_chunk, skipped_of
from multipolar.store import aggregates


@dataclass
class MergeStats:
    chunks: int = 0             # merged now
    already: int = 0            # merged before (in the ledger)
    articles: int = 0           # new articles stored
    events: int = 0             # events of those articles
    skipped: int = 0


def merge_parquet(out_dir: str | Path, store, *, batch: int = BATCH,
                  on_chunk: Callable[[MergeStats], None] | None = None) -> MergeStats:
    """Store every committed chunk of `out_dir` not merged yet; keeps pre-aggregates (if built) up to date."""
    stats = MergeStats()
    done = aggregates.merged_chunks(store)
    for info in committed(out_dir).chunks:
        if info.chunk in done:
            stats.already += 1
            continue
        arts, evs = read_chunk(out_dir, info)
        coded = from_tables(arts, evs)
        added = 0
        for i in range(0, len(coded), batch):
            part = coded[i:i + batch]
            old = store.known_hashes([a.hash for _, a, _, _ in part])
            n, failed = store.add_coded_isolated([(a, n_sent, events) for _, a, n_sent, events in part])
            added += n
            stats.skipped += len(failed)
            if n:
                now = store.known_hashes([a.hash for _, a, _, _ in part]) if failed else None
                new = [(a, e) for _, a, _, e in part if a.hash not in old and (now is None or a.hash in now)]
                stats.events += sum(len(e) for _, e in new)
                aggregates.append(store, [a.hash for a, _ in new])
        skipped = skipped_of(info)
        aggregates.record_merge(store, info.chunk, added, skipped)
        stats.chunks += 1
        stats.articles += added
        stats.skipped += len(skipped)
        if on_chunk:
            on_chunk(stats)
    return stats
