"""The event store: identity by content hash, atomic batches, skipped inputs, clear errors."""
from pathlib import Path

import pytest

from multipolar.errors import StoreError
from multipolar.pipeline import ingest
from multipolar.store.db import Store

REPO = Path(__file__).resolve().parents[2]


def test_bad_inputs_are_recorded_and_the_batch_goes_on(db_path):
    with Store.open(db_path) as store:
        ingest([REPO / "examples"], store)
        before = store.counts()
        stats = ingest([REPO / "tests" / "data" / "bad", REPO / "examples"], store)
        after = store.counts()
    assert stats.skipped, "the bad corpus must produce skipped inputs"
    assert after["articles"] >= before["articles"] and after["events"] >= before["events"]
    with Store.open(db_path, read_only=True) as store:
        reasons = [r for _, r in store.skipped()]
    assert any("empty" in r.lower() for r in reasons)
    assert all("bad" in r or "tests/data" in r or "/" in r for r in reasons)   # each names its file


def test_failed_batch_leaves_the_store_unchanged(db_path):
    from multipolar.model import Article, Event, ActorRef

    art = Article.make("Some text about Russia and Ukraine for a test.", id="x")
    ev = Event(id="dup", doc_id="x", event="CONSULT", actor=(ActorRef("RUS"),))
    with Store.open(db_path) as store:
        with pytest.raises(Exception):
            store.add_coded([(art, 1, [ev, ev])])          # duplicate event id: the whole batch rolls back
        assert store.counts()["articles"] == 0 and store.counts()["events"] == 0


def test_missing_store_for_reading_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nope.duckdb", read_only=True)


def test_not_a_database_is_a_clear_error(tmp_path):
    p = tmp_path / "junk.duckdb"
    p.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="junk.duckdb"):
        Store.open(p)
