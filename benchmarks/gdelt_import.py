"""GDELT 2.0 import speed (rows per second through multipolar.store.reference.load_gdelt) and store size on
disk per million events, on a synthetic export made by repeating and perturbing the rows of
../shared/data/gdelt/gdelt2_export_sample_20250820163000.tsv (new event ids, dates spread over ten years,
actor countries shuffled among the sample's own).

    .venv/bin/python benchmarks/gdelt_import.py [--rows 1000000] [--runs 3]

Each run loads the file into a fresh store; the table gives each run, the median rows/s and the size of the
store file (after a checkpoint) per million events. A benchmark, never a test.
"""
from __future__ import annotations

import argparse
import os
import random
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "20250820163000.export.CSV"
        t = time.perf_counter()
        synthesize(src, args.rows)
        print(f"synthetic GDELT 2.0 export: {args.rows:,} rows, {src.stat().st_size / 1e6:.0f} MB, "
              f"made in {time.perf_counter() - t:.0f}s")
        print(f"{'run':>4} {'rows':>10} {'seconds':>8} {'rows/s':>10} {'store MB':>9} {'MB/M events':>11}")
        rates, sizes = [], []
        for k in range(args.runs):
            db = Path(tmp) / f"g{k}.duckdb"
            with Store.open(db) as store:
                t = time.perf_counter()
                result = load_gdelt(store, src)
                dt = time.perf_counter() - t
                store.con.execute("CHECKPOINT")
            mb = db.stat().st_size / 1e6
            rates.append(result.rows / dt)
            sizes.append(mb / (result.rows / 1e6))
            print(f"{k + 1:>4} {result.rows:>10,} {dt:>8.1f} {result.rows / dt:>10,.0f} {mb:>9.0f} {sizes[-1]:>11.0f}",
                  flush=True)
            db.unlink()
        print(f"median {statistics.median(rates):,.0f} rows/s; {statistics.median(sizes):.0f} MB per million "
              f"events (store with only the GDELT table; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
