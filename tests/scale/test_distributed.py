"""The Dask path gives exactly the single-process events; killed workers and crashed drivers lose and
duplicate nothing; merging is idempotent."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from multipolar.scale import code_to_parquet, merge_parquet
from multipolar.scale.partition import MANIFEST, committed
from multipolar.store.db import Store


def dump(path: Path) -> dict[str, list[tuple]]:
    """Everything a store holds that ingest decides (not the load timestamps)."""
    with Store.open(path, read_only=True) as store:
        q = store.con.execute
        return {
            "articles": q("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY hash").fetchall(),
            "events": q("SELECT * FROM events ORDER BY id").fetchall(),
            "event_actors": q("SELECT * FROM event_actors ORDER BY ALL").fetchall(),
            "skipped": q("SELECT source, reason FROM skipped ORDER BY ALL").fetchall(),
        }


def parquet_hashes(out: Path) -> list[str]:
    return ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table(
        columns=["hash"]).column("hash").to_pylist()


def merged(out: Path, db: Path) -> dict[str, list[tuple]]:
    with Store.open(db) as store:
        merge_parquet(out, store)
    return dump(db)


def test_dask_gives_exactly_the_single_process_events(client, corpus, single_store, tmp_path):
    out = tmp_path / "pq"
    stats = code_to_parquet(corpus, out, client=client, chunk_articles=7)
    want = dump(single_store)
    assert stats.workers == 2 and stats.chunks >= 5
    assert stats.articles == len(want["articles"]) and stats.events == len(want["events"])
    assert stats.off_topic == 1                          # the earnings story, skipped on a worker as at home
    assert stats.duplicates == 1 and len(stats.skipped) == len(want["skipped"])
    hashes = parquet_hashes(out)
    assert len(hashes) == len(set(hashes)) == len(want["articles"])
    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert sorted(events.column("id").to_pylist()) == [r[0] for r in want["events"]]
    got = merged(out, tmp_path / "dask.duckdb")
    for table in want:
        assert got[table] == want[table], table


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, corpus, single_store, tmp_path):
    out = tmp_path / "pq"
    killed = []

    def kill_one(stats):
        if not killed:
            pids = client.run(os.getpid)
            victim = sorted(pids)[0]
            killed.append(victim)
            os.kill(pids[victim], signal.SIGKILL)        # dies, likely in the middle of a chunk

    stats = code_to_parquet(corpus, out, client=client, chunk_articles=3, on_chunk=kill_one)
    assert killed
    want = dump(single_store)
    hashes = parquet_hashes(out)
    assert len(hashes) == len(set(hashes)) == len(want["articles"]) == stats.articles
    got = merged(out, tmp_path / "killed.duckdb")
    assert got["events"] == want["events"] and got["articles"] == want["articles"]
    client.wait_for_workers(2, timeout=120)           # the nanny brings the worker back for the next tests


def test_a_crashed_run_resumes_without_duplicates(client, corpus, single_store, tmp_path):
    out = tmp_path / "pq"

    def crash(stats):
        if stats.chunks == 2:
            raise KeyboardInterrupt("driver stopped")

    with pytest.raises(KeyboardInterrupt):
        code_to_parquet(corpus, out, client=client, chunk_articles=4, on_chunk=crash)
    first = committed(out)
    assert len(first.chunks) == 2
    # what a crash between a part file and its manifest leaves behind
    orphan = out / "events" / "year=2024" / "month=1" / "part-dead0000-000000000099.parquet"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"half a parquet file")
    (out / MANIFEST / ".x.json.1234.tmp").write_text("{")

    again = code_to_parquet(corpus, out, client=client, chunk_articles=4)
    assert again.resumed == len(first.hashes()) and again.articles > 0
    assert not orphan.exists()
    want = dump(single_store)
    hashes = parquet_hashes(out)
    assert len(hashes) == len(set(hashes)) == len(want["articles"])
    got = merged(out, tmp_path / "resumed.duckdb")
    assert got == want

    third = code_to_parquet(corpus, out, client=client)               # nothing left to do
    assert third.articles == 0 and third.resumed == len(hashes) and not third.skipped


def test_merging_twice_adds_nothing(client, corpus, single_store, tmp_path):
    out = tmp_path / "pq"
    code_to_parquet(corpus, out, client=client, chunk_articles=10)
    db = tmp_path / "twice.duckdb"
    once = merged(out, db)
    with Store.open(db) as store:
        stats = merge_parquet(out, store)
    assert stats.chunks == 0 and stats.already >= 1 and stats.articles == 0
    assert dump(db) == once == dump(single_store)


def test_store_hashes_already_known_are_not_coded_again(client, corpus, single_store, tmp_path):
    with Store.open(single_store, read_only=True) as store:
        stats = code_to_parquet(corpus, tmp_path / "pq", client=client, known=store.known_hashes)
    assert stats.articles == 0 and stats.duplicates == len(dump(single_store)["articles"]) + 1
