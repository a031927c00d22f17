"""Speed of the indicators the issue-13 bars name, on a store built from ../shared (run by hand, never a test):
isolation of every state for one year, isolation of one state by year and by month, stance toward RUS on one date
(with its 200 bootstrap replicates), stance toward CHN.

    .venv/bin/python benchmarks/indicator_speed.py [--shared ../shared] [--db /tmp/indicators.duckdb] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from multipolar.analysis import isolation, stance
from multipolar.store import reference
from multipolar.store.db import Store


def build(db: Path, shared: Path) -> None:
    with Store.open(db) as store:
        data = shared / "data"
        reference.load_unvotes(store, data / "undl_votes_ga_sc_1946_2025.csv.gz")
        reference.load_wdi(store, data / "wdi_pop_gdp.csv")
        reference.load_sanctions(store)
        reference.load_blocs(store)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--db", default="/tmp/multipolar_indicator_speed.duckdb")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        build(db, Path(args.shared))
    cases = {
        "isolation, every state, 2022": lambda s: isolation.every_state(s, 2022),
        "isolation RUS by year since 1990": lambda s: isolation.index(s, "RUS", "year", save=False),
        "isolation RUS by month since 1990": lambda s: isolation.index(s, "RUS", "month", save=False),
        "stance toward RUS on 2022-03-31": lambda s: stance.classify(s, "RUS", "2022-03-31", save=False),
        "stance toward CHN on 2024-06-01": lambda s: stance.classify(s, "CHN", "2024-06-01", save=False),
    }
    with Store.open(db, read_only=True) as store:
        for name, run in cases.items():
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                run(store)
                times.append(time.perf_counter() - t)
            print(f"{name}: median {statistics.median(times):.2f} s (runs {', '.join(f'{x:.2f}' for x in times)})")


if __name__ == "__main__":
    main()
