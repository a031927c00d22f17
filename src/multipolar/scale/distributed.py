"""Code articles on a Dask cluster: N local worker processes, or an existing cluster by scheduler address.

The driver streams the inputs (`multipolar.ingest.read_paths`, one record at a time, so a multi-gigabyte
JSONL never sits in memory), drops articles already committed to the Parquet folder (or already in the
store, through `known`), and sends chunks of articles to the workers with at most a few chunks in flight
per worker. Each worker loads spaCy once (a worker plugin fills the process-wide coder when the worker
starts), codes its chunk and returns two Arrow tables; the driver commits them as one Parquet chunk with
its manifest (multipolar.scale.partition). The workers need multipolar installed, not the input files nor
the output folder: text goes out and Arrow tables come back through Dask.

A worker that dies mid-chunk loses nothing: the scheduler gives its chunk to another worker, and the driver
commits each chunk once. If the driver itself dies, the committed chunks stay; a re-run resumes after them.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from multipolar.errors import MultipolarError
from multipolar.model import Article, Skipped
from multipolar.scale.partition import ChunkInfo, new_run_id, recover, to_tables, write_chunk

CHUNK_ARTICLES = 200          # articles per task and per Parquet chunk
MEMORY_LIMIT = "2GB"          # per local worker; the nanny restarts a worker that goes past it
_LOCK = threading.Lock()      # one spaCy pipeline per process: threads of a worker take turns


class ScaleError(MultipolarError):
    """The cluster could not finish the work (the message names what failed and how to resume)."""


class CoderPlugin(WorkerPlugin):
    """Loads the coder (spaCy, lexicon, roster) once in every worker process, when the worker starts."""

    name = "multipolar-coder"

    def setup(self, worker=None):
        from multipolar.pipeline import coder
        with _LOCK:
            coder()


def code_chunk(items: list[tuple[int, Article]]) -> dict:
    """Runs on a worker: code (seq, article) pairs; an article that breaks the coder becomes a Skipped."""
    from multipolar.pipeline import coder

    arts = [a for _, a in items]
    with _LOCK:
        c = coder()
        gated_before = c.off_topic
        try:
            results: list = list(c.code_many(arts))
        except Exception:                   # noqa: BLE001 - find the article that breaks, code the rest
            results = []
            for art in arts:
                try:
                    results.append(c.code_article(art))
                except Exception as exc:    # noqa: BLE001 - one bad article never stops a chunk
                    results.append(exc)
        off_topic = c.off_topic - gated_before
    coded, skipped, sentences = [], [], 0
    for (seq, art), res in zip(items, results):
        if isinstance(res, Exception):
            skipped.append([art.source or art.id, f"E060 coder failed on article {art.id}: "
                                                  f"{type(res).__name__}: {res}"])
            continue
        n, events = res
        sentences += n
        coded.append((seq, art, n, events))
    articles, events = to_tables(coded)
    return {"articles": articles, "events": events, "skipped": skipped, "sentences": sentences,
            "off_topic": off_topic,
            "failed": [a.hash for (_, a), r in zip(items, results) if isinstance(r, Exception)]}


@dataclass
class ScaleStats:
    articles: int = 0            # coded and committed in this run
    duplicates: int = 0          # same text seen earlier in this run, or already in the store
    resumed: int = 0             # already committed to the Parquet folder by an earlier run
    sentences: int = 0
    events: int = 0
    chunks: int = 0
    workers: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    off_topic: int = 0           # articles the story gate did not code (coding/relevance.py)

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0


@contextmanager
def cluster_client(workers: int | None = None, scheduler: str | None = None, client: Client | None = None,
                   memory_limit: str | int = MEMORY_LIMIT):
    """A Dask client: the one given, one connected to `scheduler`, or a LocalCluster of `workers` processes."""
    if client is not None:
        yield client
        return
    if scheduler:
        try:
            c = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start one with "
                             f"`dask scheduler` (and `dask worker {scheduler}`) or use --workers N") from exc
        with c:
            yield c
        return
    n = workers or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                      dashboard_address=None, silence_logs=logging.ERROR) as lc, Client(lc) as c:
        yield c


def code_to_parquet(paths: Iterable[str | Path], out_dir: str | Path, *, workers: int | None = None,
                    scheduler: str | None = None, client: Client | None = None,
                    chunk_articles: int = CHUNK_ARTICLES, memory_limit: str | int = MEMORY_LIMIT,
                    fmt: str | None = None, known: Callable[[list[str]], set[str]] | None = None,
                    in_flight: int | None = None,
                    on_chunk: Callable[[ScaleStats], None] | None = None) -> ScaleStats:
    """Code every article of `paths` on Dask workers into date-partitioned Parquet under `out_dir`.

    Resumes: articles already committed there are neither coded nor written again.
    known: returns the hashes (of those given) already stored elsewhere, e.g. `Store.known_hashes`.
    """
    from multipolar.ingest import read_paths

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    done = recover(out)
    resumed, skips_done = done.hashes(), done.skipped_sources()
    seen: set[str] = set()                  # hashes met in this run
    stats = ScaleStats()
    started = time.perf_counter()
    with cluster_client(workers, scheduler, client, memory_limit) as cl:
        cl.register_plugin(CoderPlugin())
        cl.wait_for_workers(1, timeout=120)
        stats.workers = len(cl.scheduler_info()["workers"])
        limit = in_flight or 2 * max(stats.workers, workers or 1) + 1
        run, pending, ac = new_run_id(), {}, as_completed()

        def collect(fut) -> None:
            info = pending.pop(fut)
            try:
                res = fut.result()
            except Exception as exc:
                for f in pending:
                    f.cancel()
                raise ScaleError(f"chunk {info.chunk} failed on the cluster: {type(exc).__name__}: {exc}. "
                                 f"{stats.chunks} chunks are committed in {out}; run the same command again "
                                 "to resume after them") from exc
            failed = set(res["failed"])
            info.hashes = [h for h in info.hashes if h not in failed]
            info.skipped += res["skipped"]
            info.sentences, info.events = res["sentences"], res["events"].num_rows
            write_chunk(out, info, res["articles"], res["events"])
            stats.chunks += 1
            stats.articles += res["articles"].num_rows
            stats.sentences += info.sentences
            stats.events += info.events
            stats.off_topic += res.get("off_topic", 0)
            stats.skipped += [Skipped(s, r) for s, r in res["skipped"]]
            stats.seconds = time.perf_counter() - started
            if on_chunk:
                on_chunk(stats)

        def submit(buf: list[tuple[int, Article]], skips: list[list[str]], seq: int) -> None:
            if known and buf:
                old = known([a.hash for _, a in buf])
                stats.duplicates += sum(a.hash in old for _, a in buf)
                buf = [(s, a) for s, a in buf if a.hash not in old]
            if not buf and not skips:
                return
            first = buf[0][0] if buf else seq
            info = ChunkInfo(chunk=f"{run}-{first:012d}", first_seq=first, hashes=[a.hash for _, a in buf],
                             skipped=skips)
            if not buf:                      # only unreadable inputs: nothing to code
                write_chunk(out, info, *to_tables([]))
                return
            fut = cl.submit(code_chunk, buf, key=f"multipolar-code-{info.chunk}", pure=False)
            pending[fut] = info
            ac.add(fut)
            while len(pending) >= limit:
                collect(next(ac))

        buf: list[tuple[int, Article]] = []
        skips: list[list[str]] = []
        seq = -1
        for seq, item in enumerate(read_paths(list(paths), fmt)):
            if isinstance(item, Skipped):
                if item.source not in skips_done:
                    skips.append([item.source, item.reason])
                    stats.skipped.append(item)
                continue
            if item.hash in seen:
                stats.duplicates += 1
                continue
            seen.add(item.hash)
            if item.hash in resumed:
                stats.resumed += 1
                continue
            buf.append((seq, item))
            if len(buf) >= chunk_articles:
                submit(buf, skips, seq)
                buf, skips = [], []
        submit(buf, skips, seq + 1)
        while pending:
            collect(next(ac))
    stats.seconds = time.perf_counter() - started
    return stats



def default_parquet_dir(db_path: str) -> Path:
    """A cache folder per store file, so re-running the same ingest resumes where it stopped."""
    import hashlib
    import os

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "multipolar" / "parquet"
    key = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:12]
    return base / f"{Path(db_path).stem}-{key}"
