"""Ideal points 1990-2025 from the raw UN votes, timed, with per-year r against BSV (run by hand).

    .venv/bin/python benchmarks/idealpoints.py [../shared] [store.duckdb]
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from multipolar.analysis import idealpoints
from multipolar.store import reference
from multipolar.store.db import Store


def main() -> None:
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared")
    db = sys.argv[2] if len(sys.argv) > 2 else str(Path(tempfile.mkdtemp()) / "bench.duckdb")
    with Store.open(db) as store:
        if not reference.find_resolutions(store, "A/RES/ES-11/1"):
            t = time.perf_counter()
            reference.load_unvotes(store, shared / "data" / "undl_votes_ga_sc_1946_2025.csv.gz")
            reference.load_idealpoints(store, shared / "data" / "bsv_idealpoints_july2025.csv")
            print(f"loaded votes and BSV in {time.perf_counter() - t:.1f} s")
        est = idealpoints.estimate(store, 1990, 2025)
        print(f"{len(est)} state-years, 1990-2025, in {est.attrs['seconds']:.1f} s")
        cmp = idealpoints.compare(est, idealpoints.reference_points(store))
        print(cmp.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        recent = cmp[(cmp.year >= 2010) & (cmp.year <= 2024)]
        print(f"min Pearson r 2010-2024: {recent.pearson.min():.3f}")


if __name__ == "__main__":
    main()
