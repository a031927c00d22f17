"""Coder scaling: sentences per second in 1 process, in N processes (multiprocessing), and through the Dask
path (code_to_parquet on a LocalCluster of N workers, Parquet written), on ../shared/bench news text.

    .venv/bin/python benchmarks/coder_scaling.py [--runs 3] [--procs 2] [--copies 2]

Every mode loads spaCy before the clock starts (a warm-up run), then codes the same articles `--runs` times;
the table gives each run, the median and the scaling efficiency: median rate / (N x median 1-process rate).
BLAS/torch threads are pinned to 1 per process. Run it on a quiet machine: other processes take cores.
A benchmark, never a test.
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing as mp
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from coder_speed import load  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

_CODER = None


def _init() -> None:
    global _CODER
    from multipolar.coding.coder import Coder
    _CODER = Coder()


def _code(arts) -> int:
    return sum(n for n, _ in _CODER.code_many(arts))


def one_process(arts, runs: int) -> list[tuple[int, float]]:
    _init()
    _code(arts[:5])
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        n = _code(arts)
        out.append((n, time.perf_counter() - t))
    return out


def processes(arts, runs: int, procs: int) -> list[tuple[int, float]]:
    parts = [arts[i::procs * 4] for i in range(procs * 4)]          # 4 slices per process, balanced
    with mp.get_context("spawn").Pool(procs, initializer=_init) as pool:
        pool.map(_code, [arts[:3]] * procs)                       # warm-up: every process loaded
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            n = sum(pool.map(_code, parts, chunksize=1))
            out.append((n, time.perf_counter() - t))
    return out


def dask_path(arts, runs: int, procs: int, chunk: int) -> list[tuple[int, float]]:
    import json

    from distributed import Client, LocalCluster

    from multipolar.scale import code_to_parquet

    out = []
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=procs, threads_per_worker=1, processes=True, memory_limit="2GB",
                         dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.wait_for_workers(procs)
        for k in range(runs + 1):                 # run 0 is the warm-up (loads spaCy in every worker)
            src = Path(tmp) / f"in{k}.jsonl"
            use = arts[:procs * 2] if k == 0 else arts
            with open(src, "w", encoding="utf-8") as f:
                for a in use:                     # run k: new text, so nothing is resumed
                    f.write(json.dumps({"id": a.id, "text": f"Run {k}.\n{a.text}"}) + "\n")
            stats = code_to_parquet([src], Path(tmp) / f"out{k}", client=client, chunk_articles=chunk)
            if k:
                out.append((stats.sentences, stats.seconds))
    return out


def report(name: str, runs: list[tuple[int, float]], base: float | None, procs: int) -> float:
    rates = [n / dt for n, dt in runs]
    med = statistics.median(rates)
    eff = f"{med / (procs * base):.0%}" if base else "-"
    each = " ".join(f"{r:,.0f}" for r in rates)
    print(f"{name:<22} {procs:>5} {runs[0][0]:>9,} {each:>24} {med:>10,.0f} {eff:>10}", flush=True)
    return med


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--copies", type=int, default=2, help="code the bench articles this many times per run")
    ap.add_argument("--chunk", type=int, default=20, help="articles per Dask task")
    args = ap.parse_args()
    from dataclasses import replace
    base_arts = load(None)
    arts = [replace(a, text=f"Copy {k}.\n{a.text}") for k in range(args.copies) for a in base_arts]
    print(f"{len(arts)} articles, {os.cpu_count()} cores; sentences/s per run, median, efficiency")
    print(f"{'mode':<22} {'procs':>5} {'sentences':>9} {'runs':>24} {'median':>10} {'efficiency':>10}")
    base = report("1 process", one_process(arts, args.runs), None, 1)
    report(f"{args.procs} processes (mp)", processes(arts, args.runs, args.procs), base, args.procs)
    report(f"Dask LocalCluster", dask_path(arts, args.runs, args.procs, args.chunk), base, args.procs)
    report("Dask, 1 worker", dask_path(arts, args.runs, 1, args.chunk), base, 1)


if __name__ == "__main__":
    main()
