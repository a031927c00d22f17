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


def test_a_store_without_tables_is_a_clear_error_for_readers_and_initialised_by_writers(tmp_path):
    import duckdb

    p = tmp_path / "bare.duckdb"
    duckdb.connect(str(p)).close()                 # what a kill right after file creation leaves behind
    with pytest.raises(StoreError, match="no multipolar tables.*ingest"):
        Store.open(p, read_only=True)
    with Store.open(p) as store:                   # a writer creates the schema
        assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    with Store.open(p, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_schema_creation_is_one_transaction(tmp_path, monkeypatch):
    from multipolar.store import schema

    p = tmp_path / "half.duckdb"
    broken = schema.INDEXES + ["CREATE INDEX broken ON no_such_table(x)"]
    monkeypatch.setattr(schema, "INDEXES", broken)
    with pytest.raises(Exception):
        Store.open(p)
    monkeypatch.undo()
    import duckdb

    con = duckdb.connect(str(p))
    tables = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema='main'").fetchone()[0]
    con.close()
    assert tables == 0, "a failed migration must leave no half-made schema"
