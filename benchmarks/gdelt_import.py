"""GDELT 2.0 import speed (rows per second through multipolar.store.reference.load_gdelt) and store size on
disk per million events, on a synthetic export made by repeating and perturbing the rows of
../shared/data/gdelt/gdelt2_export_sample_20250820163000.tsv (new event ids, dates spread over ten years,
actor countries shuffled among the sample's own).

    .venv/bin/python benchmarks/gdelt_import.py [--rows 200000 1000000] [--runs 5]

For each size (default: a ~200k-row GDELT 2.0 day, then 1M rows) each run loads the file into a fresh store;
the table gives each run, the median rows/s and the size of the store file (after a checkpoint) per million
events; the last run also reloads the same file (idempotent: the row count must not change). Timings are wall
clock on whatever else the machine runs: the load average is printed. A benchmark, never a test.
The synthetic rows repeat the sample's 29 distinct rows, so strings compress better than in real GDELT files.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from multipolar.store.db import Store
from multipolar.store.reference import load_gdelt

SHARED = Path(os.environ.get("MULTIPOLAR_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SAMPLE = SHARED / "data" / "gdelt" / "gdelt2_export_sample_20250820163000.tsv"


def synthesize(out: Path, rows: int, seed: int = 3) -> None:
    if not SAMPLE.exists():
        sys.exit(f"GDELT sample not found at {SAMPLE}: set MULTIPOLAR_SHARED to the shared folder")
    rng = random.Random(seed)
    base = [line.rstrip("\n").split("\t") for line in SAMPLE.open(encoding="utf-8") if line.strip()]
    countries = sorted({r[7] for r in base if r[7]} | {r[17] for r in base if r[17]})
    start = date(2015, 1, 1)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(rows):
            r = list(base[i % len(base)])
            d = start + timedelta(days=rng.randrange(3650))
            r[0] = str(2_000_000_000 + i)
            r[1], r[2], r[3] = d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year)
            if r[7]:
                r[7] = rng.choice(countries)
            if r[17]:
                r[17] = rng.choice(countries)
            f.write("\t".join(r) + "\n")


def cpu_seconds() -> float:
    """User + system CPU time of this process (DuckDB's threads included): a figure the other work on the
    machine disturbs far less than wall clock."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def bench(src: Path, tmp: Path, runs: int) -> tuple[float, float]:
    """Load `src` into `runs` fresh stores (and reload it once into the last); (median rows/s, MB per M)."""
    print(f"{'run':>4} {'rows':>10} {'seconds':>8} {'rows/s':>10} {'CPU s':>6} {'store MB':>9} {'MB/M events':>11}")
    rates, sizes, cpus = [], [], []
    for k in range(runs):
        db = tmp / f"g{k}.duckdb"
        with Store.open(db) as store:
            t, c = time.perf_counter(), cpu_seconds()
            result = load_gdelt(store, src)
            dt, dc = time.perf_counter() - t, cpu_seconds() - c
            store.con.execute("CHECKPOINT")
            mb = db.stat().st_size / 1e6          # before the reload, whose deleted rows stay in the file
            if k == runs - 1:         # idempotent reload of the same file: replaces, adds nothing
                t = time.perf_counter()
                again = load_gdelt(store, src)
                dr = time.perf_counter() - t
                n = store.con.execute("SELECT count(*) FROM external_events").fetchone()[0]
                assert n == result.rows == again.rows, (n, result.rows, again.rows)
        rates.append(result.rows / dt)
        sizes.append(mb / (result.rows / 1e6))
        cpus.append(dc)
        print(f"{k + 1:>4} {result.rows:>10,} {dt:>8.2f} {result.rows / dt:>10,.0f} {dc:>6.2f} {mb:>9.0f} "
              f"{sizes[-1]:>11.0f}", flush=True)
        db.unlink()
    print(f"reload of the same file into the last store: {dr:.2f}s ({result.rows / dr:,.0f} rows/s), "
          f"rows stored after it {n:,}")
    return statistics.median(rates), statistics.median(sizes), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[200_000, 1_000_000],
                    help="sizes of the synthetic files (default: a ~200k-row GDELT 2.0 day and 1M rows)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    load = os.getloadavg()
    t = time.perf_counter()
    from multipolar.external.events import cameo_domain
    cameo_domain()
    print(f"CAMEO->PLOVER mapping table built once per process in {time.perf_counter() - t:.2f}s (not in the "
          f"timings below); load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            src = Path(tmp) / "20250820163000.export.CSV"
            t = time.perf_counter()
            synthesize(src, rows)
            print(f"\nsynthetic GDELT 2.0 export: {rows:,} rows, {src.stat().st_size / 1e6:.0f} MB, "
                  f"made in {time.perf_counter() - t:.0f}s")
            rate, size, cpu = bench(src, Path(tmp), args.runs)
            summary.append((rows, rate, size, cpu))
            src.unlink()
    print()
    for rows, rate, size, cpu in summary:
        print(f"{rows:>10,} rows: median {rate:,.0f} rows/s over {args.runs} runs (median {cpu:.2f} CPU s: "
              f"{rows / cpu:,.0f} rows per CPU second, at most {rows / cpu * os.cpu_count():,.0f} rows/s on "
              f"{os.cpu_count()} free cores); {size:.0f} MB per "
              f"million events (store with only the GDELT table)")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
