"""Load times of the reference files in ../shared through the same functions `multipolar data load` uses:
the full UN Digital Library votes file (target: under 10 s), then the others for scale.

    .venv/bin/python benchmarks/reference_loads.py [--runs 3]

Each run loads into a fresh store file; the median of the runs is printed with the load average (the machine
may be shared). A benchmark, never a test.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from multipolar.store import reference as R
from multipolar.store.db import Store

SHARED = Path(os.environ.get("MULTIPOLAR_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DATA = SHARED / "data"
FILES = [("unvotes", R.load_unvotes, "undl_votes_ga_sc_1946_2025.csv.gz"),
         ("idealpoints", R.load_idealpoints, "bsv_idealpoints_july2025.csv"),
         ("leaders", R.load_leaders, "leaders_archigos41_plad_to2024.csv"),
         ("wdi", R.load_wdi, "wdi_pop_gdp.csv")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"shared data not found at {DATA}: set MULTIPOLAR_SHARED to the shared folder")
    load = os.getloadavg()
    print(f"load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    print(f"{'dataset':<12} {'file MB':>7} {'rows':>10} {'runs (s)':<24} {'median s':>8} {'rows/s':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn, file in FILES:
            path = DATA / file
            times, rows = [], 0
            for k in range(args.runs):
                db = Path(tmp) / f"{name}{k}.duckdb"
                with Store.open(db) as store:
                    t = time.perf_counter()
                    rows = fn(store, path).rows
                    times.append(time.perf_counter() - t)
                db.unlink()
            med = statistics.median(times)
            print(f"{name:<12} {path.stat().st_size / 1e6:>7.1f} {rows:>10,} "
                  f"{' '.join(f'{x:.2f}' for x in times):<24} {med:>8.2f} {rows / med:>10,.0f}", flush=True)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
