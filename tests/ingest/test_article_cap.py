"""An article over model.MAX_TEXT_CHARS from a file is recorded in `skipped` with its reason, not coded, and the
articles after it still are (issue 15 part 3): one huge article never stops the batch."""
from __future__ import annotations

import json

from click.testing import CliRunner

from multipolar.cli import main
from multipolar.ingest import read_paths
from multipolar.model import MAX_TEXT_CHARS, Article, Skipped
from multipolar.pipeline import ingest
from multipolar.store.db import Store

GOOD = "The European Union imposed new sanctions on Belarus on Monday."


def _file(tmp_path):
    huge = ("Russia condemned Ukraine over the border dispute. " * (MAX_TEXT_CHARS // 50 + 2))
    assert len(huge) > MAX_TEXT_CHARS
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (
        {"id": "first", "text": GOOD, "date": "2024-06-20"},
        {"id": "huge", "text": huge, "date": "2024-06-21"},
        {"id": "last", "text": GOOD.replace("Belarus", "Iran"), "date": "2024-06-22"})) + "\n", encoding="utf-8")
    return path


def test_the_reader_turns_an_over_long_article_into_a_skip(tmp_path):
    items = list(read_paths([_file(tmp_path)]))
    assert [type(i) for i in items] == [Article, Skipped, Article]
    assert items[1].source.endswith("mixed.jsonl:2")
    assert items[1].reason.startswith("E015") and f"{MAX_TEXT_CHARS:,}" in items[1].reason
    assert "split it" in items[1].reason


def test_ingest_stores_the_others_and_records_the_skip(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        stats = ingest([_file(tmp_path)], store)
        assert stats.articles == 2 and len(stats.skipped) == 1
        assert {r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()} == {"first", "last"}
        assert any("E015" in reason for _, reason in store.skipped())


def test_code_skips_it_too_and_codes_the_rest(tmp_path):
    result = CliRunner().invoke(main, ["code", str(_file(tmp_path))])
    assert result.exit_code == 0, result.output
    docs = {json.loads(line)["doc_id"] for line in result.output.splitlines() if line.startswith("{")}
    assert docs == {"first", "last"} and "E015" in result.output
