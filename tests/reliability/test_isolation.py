"""One bad string costs only itself (issue 15 F1, F2, F9): a lone surrogate, a 5,000-digit number or a
surrogate character reference in one line, item or file name is recorded in `skipped` (or stored with
U+FFFD in its place) and every good article around it is stored; the CLI exits 0; reruns add nothing.

Each test here fails on the code before issue 15: the surrogate reached DuckDB ("cannot encode str as
UTF-8") and rolled back the batch, the long number ended the file, the character reference lost the feed.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from multipolar.ingest import read_paths
from multipolar.ingest.feeds import parse_feed
from multipolar.model import Article, Skipped, clean_str
from multipolar.pipeline import ingest
from multipolar.store.db import Store

GOOD = ['{"id": "g1", "text": "Russia condemned Ukraine on Monday over the border dispute.", "date": "2024-05-01"}',
        '{"id": "g2", "text": "China criticized Japan on Tuesday after talks in Beijing.", "date": "2024-05-02"}',
        '{"id": "g3", "text": "India praised Brazil on Friday, according to state media.", "date": "2024-05-03"}']
SURROGATE_TITLE = '{"id": "s", "text": "France met Germany in Geneva on Tuesday.", "title": "cut \\ud83d"}'
SURROGATE_TEXT = '{"id": "t", "text": "Iran threatened Turkey \\ud800 on Monday over the border dispute."}'
HUGE_NUMBER = '{"id": "n", "text": "Japan met India on Monday.", "n": ' + "7" * 5000 + "}"
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>cut &#xD83D; here &#55296;</title><description>Russia condemned Ukraine on Monday over the border
dispute.</description></item>
<item><title>fine</title><description>China criticized Japan on Tuesday after talks in Beijing.</description></item>
</channel></rss>"""


def _cli(*args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "multipolar.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "COLUMNS": "200"})


def _ids(db: Path) -> set[str]:
    with Store.open(db, read_only=True) as s:
        return {r[0] for r in s.con.execute("SELECT id FROM articles").fetchall()}


def test_clean_str_replaces_lone_surrogates_and_joins_pairs():
    assert clean_str("cut \ud83d") == "cut \ufffd"
    assert clean_str("a\ud83d\ude00b") == "a\U0001F600b"          # an uncombined pair is its character
    assert clean_str("bad\udcffname.txt") == "bad\ufffdname.txt"   # a surrogateescape'd byte of a file name
    plain = "Россия and 中国"
    assert clean_str(plain) is plain and clean_str(None) is None


def test_every_string_of_an_article_is_valid_utf8():
    art = Article.make("text \ud800 here", id="i\udc80", url="http://x/\ud83d", title="t\udfff",
                       source="f\udcff.txt")
    for value in (art.text, art.id, art.url, art.title, art.source):
        value.encode("utf-8")
    assert Article(id="x\ud800", text="y").id == "x\ufffd"
    assert Skipped("p\udcff", "E010 r\ud800").source == "p\ufffd"


def test_surrogate_title_between_two_good_lines_exit_0_all_stored(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([GOOD[0], SURROGATE_TITLE, GOOD[1]]) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    r = _cli("ingest", src, "--db", db)
    assert r.returncode == 0, r.stderr
    assert {"g1", "g2", "s"} <= _ids(db)
    with Store.open(db, read_only=True) as s:
        assert s.con.execute("SELECT title FROM articles WHERE id = 's'").fetchone()[0] == "cut \ufffd"


def test_huge_number_costs_only_its_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([GOOD[0], HUGE_NUMBER, GOOD[1], SURROGATE_TEXT, GOOD[2]]) + "\n", encoding="utf-8")
    recs = list(read_paths([src]))
    assert [type(r).__name__ for r in recs] == ["Article", "Skipped", "Article", "Article", "Article"]
    assert recs[1].source == f"{src}:2" and recs[1].reason.startswith("E017") and "4300" in recs[1].reason
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        stats = ingest([src], store)
    assert stats.articles == 4 and len(stats.skipped) == 1
    assert {"g1", "g2", "g3", "t"} == _ids(db)


def test_surrogate_reference_in_a_feed_item_keeps_every_item(tmp_path):
    recs = list(parse_feed(FEED, "f.xml"))
    assert [type(r).__name__ for r in recs] == ["Article", "Article"], recs
    assert "\ufffd" in recs[0].title
    db = tmp_path / "s.duckdb"
    (tmp_path / "f.xml").write_bytes(FEED)
    with Store.open(db) as store:
        assert ingest([tmp_path / "f.xml"], store).articles == 2


def test_non_utf8_file_name_is_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"bad\xffname.txt")
    (folder / name).write_text("Iran threatened Turkey on Monday over the border dispute.\n", encoding="utf-8")
    (folder / "ok.txt").write_text("India praised Brazil on Friday, according to state media.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    r = _cli("ingest", folder, "--db", db)
    assert r.returncode == 0, r.stderr
    with Store.open(db, read_only=True) as s:
        sources = sorted(r[0] for r in s.con.execute("SELECT source FROM articles").fetchall())
    assert len(sources) == 2 and any("bad\ufffdname.txt" in x for x in sources)


def test_code_command_codes_the_good_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([GOOD[0], HUGE_NUMBER, SURROGATE_TITLE, GOOD[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = _cli("code", src, "-o", out)
    assert r.returncode == 0, r.stderr
    docs = {json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert len(docs) >= 2, out.read_text()
    assert "E017" in r.stderr and ":2" in r.stderr


def test_a_batch_the_store_refuses_is_retried_article_by_article(tmp_path):
    """An Article built around the sanitiser (object.__setattr__) still cannot take the batch down."""
    good = [Article.make(json.loads(g)["text"], id=json.loads(g)["id"], source=f"in:{i}") for i, g in enumerate(GOOD)]
    bad = Article.make("Japan met India on Monday in Tokyo.", id="bad", source="in:bad")
    object.__setattr__(bad, "title", "cut \ud83d")
    with Store.open(tmp_path / "s.duckdb") as store:
        added, failed = store.add_coded_isolated([(good[0], 1, []), (bad, 1, []), (good[1], 1, []),
                                                  (good[2], 1, [])])
        assert added == 3 and [f.source for f in failed] == ["in:bad"]
        assert failed[0].reason.startswith("E031") and "bad" in failed[0].reason
        assert store.skipped() and store.skipped()[0][0] == "in:bad"
        assert store.counts()["articles"] == 3


def test_skipped_does_not_grow_on_reruns(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text("\n".join([GOOD[0], HUGE_NUMBER, "{broken", GOOD[1]]) + "\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.duckdb"
    counts = []
    for _ in range(3):
        with Store.open(db) as store:
            ingest([src], store)
            counts.append(store.counts()["skipped"])
    assert counts == [3, 3, 3]


@pytest.mark.parametrize("line", [HUGE_NUMBER, SURROGATE_TITLE, '{"text": ' + "[" * 100_000 + "}",
                                  '{"id": ' + "9" * 4301 + ', "text": "Japan met India on Monday."}'])
def test_next_line_after_a_hostile_one_is_stored(tmp_path, line):
    src = tmp_path / "in.jsonl"
    src.write_text(line + "\n" + GOOD[2] + "\n", encoding="utf-8")
    with Store.open(tmp_path / "s.duckdb") as store:
        stats = ingest([src], store)
    assert "g3" in _ids(tmp_path / "s.duckdb"), stats.skipped


@pytest.mark.slow
def test_dask_workers_store_the_good_lines_and_reruns_add_nothing(tmp_path):
    """`ingest --workers 1`: the lone-surrogate title and the 5,000-digit number cost only their lines on the
    Dask path too, and "run again to resume" succeeds (it used to crash at the same place every time)."""
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([GOOD[0], SURROGATE_TITLE, HUGE_NUMBER, GOOD[1], SURROGATE_TEXT, GOOD[2]]) + "\n",
                   encoding="utf-8")
    db = tmp_path / "s.duckdb"
    for _ in range(2):
        r = _cli("ingest", src, "--db", db, "--workers", "1", "--parquet", tmp_path / "pq", timeout=240)
        assert r.returncode == 0, r.stderr[-2000:]
    assert _ids(db) == {"g1", "g2", "g3", "s", "t"}
    with Store.open(db, read_only=True) as s:
        assert [r[0] for r in s.skipped()] == [f"{src}:3"]
