"""Crash safety: `multipolar ingest` killed with SIGKILL at random moments, again and again, on one store.

After every kill the store must open, and every article it holds must have exactly the events (and event
actors) that a clean reference run gives that article: nothing half-written. A final run must complete
exactly what was missing: the store then equals the reference store, with no duplicate rows.

The ingest runs in a fresh interpreter through the real CLI; only the number of articles per store
transaction is shrunk (pipeline.BATCH = 10) so that a run of a few seconds has many commit points to die
between or inside. Kill times are drawn uniformly over the reference run's wall time, so some kills land
while the interpreter starts, the schema is created, the coder loads, or a batch commits.
Seed: MULTIPOLAR_FAULT_SEED (printed on failure).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time

import pytest

from multipolar.errors import StoreError

from ._support import check_whole_articles, cli_cmd, snapshot, write_corpus

N_ARTICLES = 90
BATCH = 10
RUNS = 8
RUNS_SLOW = 30
# With multi-threaded BLAS on a loaded machine the coder was seen to code a few borderline sentences
# differently from one process to the next (reported in issue 8); single-threaded math keeps the
# reference comparison about storage, which is what this file tests.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "BLIS_NUM_THREADS": "1"}


def _ingest(corpus, db, kill_after: float | None = None) -> tuple[int | None, str]:
    """Run the CLI ingest; with kill_after, SIGKILL it after that many seconds (if still running)."""
    proc = subprocess.Popen(cli_cmd("ingest", str(corpus), "--db", str(db), batch=BATCH),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, **ONE_THREAD, "COLUMNS": "200", "TERM": "dumb"})
    if kill_after is None:
        out, err = proc.communicate(timeout=300)
        return proc.returncode, err.decode(errors="replace")
    try:
        out, err = proc.communicate(timeout=kill_after)
        return proc.returncode, err.decode(errors="replace")          # finished before the kill
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        return None, ""


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    corpus = write_corpus(tmp_path_factory.mktemp("crash") / "corpus", N_ARTICLES)
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    t = time.monotonic()
    rc, err = _ingest(corpus, db)
    took = time.monotonic() - t
    assert rc == 0, err
    ref = snapshot(db)
    assert ref["n_articles"] >= N_ARTICLES and ref["n_events"] > N_ARTICLES, "the corpus should code into events"
    rc, err = _ingest(corpus, db)                        # ingesting the same input again adds nothing
    assert rc == 0 and "0 new" in err, err
    again = snapshot(db)
    assert again["articles"] == ref["articles"] and again["events"] == ref["events"]
    return corpus, ref, took


def _tolerance(snap: dict) -> int:
    """How many articles may be coded differently from the reference (coder nondeterminism on a loaded
    machine, never storage): 2 %, at least 1. A torn 10-article batch would be far past it."""
    return max(1, len(snap["articles"]) // 50)


def _kill_loop(tmp_path, reference, runs: int) -> dict:
    corpus, ref, took = reference
    seed = int(os.environ.get("MULTIPOLAR_FAULT_SEED") or time.time_ns() % 1_000_000)
    rng = random.Random(seed)
    db = tmp_path / "crashed.duckdb"
    killed = finished = recoded = 0
    held = []
    for i in range(runs):
        at = rng.uniform(0.05, took * 1.05)
        rc, err = _ingest(corpus, db, kill_after=at)
        if rc is None:
            killed += 1
        else:
            assert rc == 0, f"seed {seed} run {i}: ingest failed after earlier kills: {err[-2000:]}"
            finished += 1
        if not db.exists():
            continue                                   # killed before the store file was created
        try:
            part = snapshot(db)                        # the store opens after every kill
        except StoreError as exc:
            # killed between creating the file and committing the schema: the store is empty, and says so
            assert "no multipolar tables" in str(exc), exc
            held.append(0)
            continue
        try:
            differ = check_whole_articles(part, ref)
        except AssertionError as exc:
            raise AssertionError(f"seed {seed} run {i} (killed at {at:.2f}s): {exc}") from None
        recoded += len(differ)
        assert len(differ) <= _tolerance(part), f"seed {seed} run {i}: {len(differ)} articles differ: {differ}"
        held.append(part["n_articles"])
        if finished or part["articles"] == ref["articles"]:
            # a complete store leaves nothing to resume: the next kill starts on a fresh one
            db.unlink()
            wal = db.with_name(db.name + ".wal")
            if wal.exists():
                wal.unlink()
            finished = 0
    rc, err = _ingest(corpus, db)
    assert rc == 0, f"seed {seed}: the resuming run failed: {err[-2000:]}"
    final = snapshot(db)
    differ = check_whole_articles(final, ref)
    assert final["articles"] == ref["articles"], f"seed {seed}: the resumed store lacks or adds articles"
    assert len(differ) <= _tolerance(final), f"seed {seed}: {len(differ)} articles coded differently: {differ}"
    # events lost: reference events of articles that are coded the same way but missing (must be 0)
    same = set(final["articles"]) - set(differ)
    lost = sum(1 for e in ref["events"].values() if e["article_hash"] in same and e["id"] not in final["events"])
    print(f"\ncrash loop seed {seed}: {runs} runs, {killed} SIGKILLs, articles held after each: {held}; "
          f"final {final['n_articles']} articles, {final['n_events']} events (reference {ref['n_events']}), "
          f"events lost: {lost}; articles coded differently from the reference: {recoded} in partial stores, "
          f"{len(differ)} in the final one")
    return {"killed": killed, "lost": lost}


def test_kill_9_never_half_writes_and_a_rerun_completes(tmp_path, reference):
    out = _kill_loop(tmp_path, reference, RUNS)
    assert out["lost"] == 0
    assert out["killed"] >= RUNS // 2, "kill times should mostly land inside a run"


@pytest.mark.slow
def test_kill_9_loop_long(tmp_path, reference):
    out = _kill_loop(tmp_path, reference, RUNS_SLOW)
    assert out["lost"] == 0
