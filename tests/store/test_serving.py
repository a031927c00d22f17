"""store/serving.py on a real DuckDB file coded by the real pipeline: BriefStore holds the file only per call,
web summaries are brought up to date after a write (rebuilt, or appended on a big store), and a read-only reader
of a stale store gets correct TEMP summaries without writing."""
from __future__ import annotations

import subprocess
import sys

import pytest

from multipolar.pipeline import ingest
from multipolar.store import serving
from multipolar.store import web_queries as q
from multipolar.store.db import Store
from multipolar.store.events import list_events
from multipolar.store.filters import Filters


def _article(folder, name, text):
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def served(tmp_path):
    """A store with events and web summaries, as a server leaves it; and one more dated article to ingest."""
    db = tmp_path / "s.duckdb"
    first = _article(tmp_path, "a.txt", "Date: 2024-06-19\n\nVladimir Putin met Kim Jong Un in Pyongyang on "
                                        "Wednesday and the two leaders signed a partnership treaty.\n")
    with Store.open(db) as store:
        ingest([first], store)
        q.build_summaries(store, force=True)
    later = _article(tmp_path, "b.txt", "Date: 2023-05-05\n\nJapan and Australia signed a defence agreement in "
                                        "Tokyo on Friday.\n")
    return db, later


def _web_dates(db):
    with Store.open(db, read_only=True) as store:
        return [r[0].isoformat() for r in store.con.execute("SELECT date FROM web_events ORDER BY k").fetchall()]


def test_brief_store_leaves_the_file_free_between_calls(served):
    db, later = served
    brief = serving.BriefStore(db)
    stats = ingest([later], brief)
    assert stats.articles == 1 and stats.events >= 1
    other = subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}).close()"],
                           capture_output=True, text=True, timeout=60)
    assert other.returncode == 0, other.stderr          # another process may write: nothing holds the file
    assert brief.known_hashes(["nope"]) == set()
    with pytest.raises(AttributeError):
        brief.no_such_method


def test_a_write_rebuilds_the_summaries_in_date_order(served):
    db, later = served
    with Store.open(db) as store:
        ingest([later], store)
        assert not serving.summaries_current(store)
        assert serving.refresh_summaries(store)
        assert serving.summaries_current(store) and not serving.refresh_summaries(store)
    dates = _web_dates(db)
    assert dates == sorted(dates, reverse=True) and "2023-05-05" in dates


def test_a_big_store_appends_the_new_events(served, monkeypatch):
    db, later = served
    monkeypatch.setattr(serving, "REBUILD_MAX", 0)
    with Store.open(db) as store:
        ingest([later], store)
        assert serving.refresh_summaries(store) and serving.summaries_current(store)
    assert _web_dates(db)[0] == "2023-05-05"            # appended rows list first until a full rebuild


def test_a_reader_of_a_stale_store_gets_temp_summaries_and_writes_nothing(served):
    db, later = served
    with Store.open(db) as store:
        ingest([later], store)                           # stale: the summaries lack the new event
    size = db.stat().st_size
    with Store.open(db, read_only=True) as store:
        assert not serving.summaries_current(store)
        serving.temp_summaries(store)
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert store.con.execute("SELECT count(*) FROM web_events").fetchone()[0] == n
        page = list_events(store, Filters(), limit=10)
        assert "2023-05-05" in {str(e["date"]) for e in page}
    assert db.stat().st_size == size
    with Store.open(db, read_only=True) as store:
        assert not serving.summaries_current(store)     # the stored tables were not touched
