"""Build the reference data shipped inside the package (src/multipolar/refdata/*.parquet) from ../shared.

    .venv/bin/python scripts/build_refdata.py [--shared ../shared]

Each file is what `multipolar data load NAME FILE` would store from the original file: the rows come through the
project's own readers (multipolar.external.*), so names are mapped to ISO3 exactly as a load would map them. The
output is Parquet with zstd compression, sorted for compression. Origins and licences: src/multipolar/refdata/README.md.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from multipolar.external import idealpoints, unvotes, wdi
from multipolar.model import Skipped

OUT = Path(__file__).resolve().parents[1] / "src" / "multipolar" / "refdata"


def _table(reader_table, sort: list[str]) -> tuple[pa.Table, int]:
    rows, skipped = [], 0
    for r in reader_table.rows:
        if isinstance(r, Skipped):
            skipped += 1
        else:
            rows.append(r)
    cols = reader_table.columns
    t = pa.table({c: pa.array([r[i] for r in rows]) for i, c in enumerate(cols)})
    return t.sort_by([(c, "ascending") for c in sort]), skipped


def _write(t: pa.Table, name: str) -> None:
    path = OUT / name
    pq.write_table(t, path, compression="zstd", compression_level=19, use_dictionary=True)
    print(f"{path.relative_to(OUT.parents[2])}: {t.num_rows:,} rows, {os.path.getsize(path):,} bytes")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    shared = Path(ap.parse_args().shared) / "data"
    OUT.mkdir(parents=True, exist_ok=True)

    t, skipped = _table(unvotes.read(shared / "undl_votes_ga_sc_1946_2025.csv.gz"), ["date", "resolution", "iso3"])
    print(f"unvotes: {skipped} rows skipped by the reader")
    _write(t, "unvotes.parquet")

    t, skipped = _table(idealpoints.read(shared / "bsv_idealpoints_july2025.csv"), ["iso3", "year"])
    print(f"idealpoints: {skipped} rows skipped by the reader")
    _write(t, "idealpoints.parquet")

    # population and GDP 2015-2024 from the tidy file; GDP for the years before 2015 from the WDI bulk file
    tidy, s1 = _table(wdi.read(shared / "wdi_pop_gdp.csv"), ["iso3", "year", "indicator"])
    bulk, s2 = _table(wdi.read(shared / "wdi_gdp_current_usd.csv"), ["iso3", "year", "indicator"])
    first = min(tidy.column("year").to_pylist())
    bulk = bulk.filter(pa.compute.less(bulk.column("year"), first)).cast(tidy.schema)
    print(f"wdi: {s1 + s2} rows skipped by the readers; bulk GDP kept for years before {first}")
    _write(pa.concat_tables([bulk, tidy]).sort_by([("iso3", "ascending"), ("year", "ascending"),
                                                   ("indicator", "ascending")]), "wdi.parquet")


if __name__ == "__main__":
    main()
