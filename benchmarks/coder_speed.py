"""Coder throughput, end to end: raw text -> coded events -> a DuckDB store, on ../shared/bench news text.

    .venv/bin/python benchmarks/coder_speed.py [--runs 3] [--no-prefilter] [--limit N]

Prints sentences per second for each run, the median, and peak memory (max RSS) of the process.
Runs on one core (torch/BLAS threads pinned to 1). A benchmark, never a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from multipolar.model import Article  # noqa: E402

SHARED = Path(os.environ.get("MULTIPOLAR_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def load(limit: int | None) -> list[Article]:
    path = SHARED / "bench" / "news_pages.jsonl"
    if not path.exists():
        sys.exit(f"benchmark text not found at {path}: set MULTIPOLAR_SHARED to the shared folder")
    arts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            arts.append(Article.make(d["text"], id=d["id"], url=d.get("url"), title=d.get("title")))
    return arts[:limit] if limit else arts


def one_run(coder, arts, store_path: str) -> tuple[int, int, float]:
    from multipolar.store.db import Store

    started = time.perf_counter()
    n_sent = n_ev = 0
    with Store.open(store_path) as store:
        batch = []
        for art, (n, events) in zip(arts, coder.code_many(arts)):
            n_sent += n
            n_ev += len(events)
            batch.append((art, n, events))
        store.add_coded(batch)
    return n_sent, n_ev, time.perf_counter() - started


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--no-prefilter", action="store_true", help="parse every sentence (to measure what the filter saves)")
    args = ap.parse_args()
    from multipolar.coding.coder import Coder

    arts = load(args.limit)
    coder = Coder(prefilter=not args.no_prefilter)
    coder.code_article(arts[0])                       # warm-up: models and tables loaded
    rates = []
    print(f"{'run':>4} {'sentences':>10} {'events':>7} {'seconds':>8} {'sent/s':>8}")
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            n_sent, n_ev, dt = one_run(coder, arts, str(Path(tmp) / "bench.duckdb"))
        rates.append(n_sent / dt)
        print(f"{i + 1:>4} {n_sent:>10} {n_ev:>7} {dt:>8.2f} {n_sent / dt:>8.0f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median {statistics.median(rates):.0f} sentences/s over {args.runs} runs; "
          f"prefilter {'off' if args.no_prefilter else 'on'}; peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
