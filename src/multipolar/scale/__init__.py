"""Coding at scale: Dask workers code chunks of articles, the driver writes date-partitioned Parquet
(atomic per chunk, with a manifest so a re-run resumes without duplicates), and the Parquet is merged
into the DuckDB store idempotently.

    from multipolar.scale import code_to_parquet, merge_parquet
    stats = code_to_parquet(["news/"], "out/parquet", workers=4)     # or scheduler="tcp://host:8786"
    with Store.open("multipolar.duckdb") as store:
        merge_parquet("out/parquet", store)
"""
from __future__ import annotations

from multipolar.scale.distributed import ScaleStats, code_to_parquet
from multipolar.scale.merge import MergeStats, merge_parquet

__all__ = ["code_to_parquet", "merge_parquet", "ScaleStats", "MergeStats"]
