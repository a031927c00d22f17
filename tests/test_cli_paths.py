"""File arguments are paths, never patterns, unless --glob is given (issue 15, F8)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from multipolar.cli import main
from multipolar.store.db import Store

TEXT = "The European Union imposed new sanctions on Belarus on Monday."


def _jsonl(path, doc_id):
    path.write_text(json.dumps({"id": doc_id, "text": TEXT, "date": "2024-06-20"}) + "\n", encoding="utf-8")


def test_a_quoted_pattern_is_a_literal_path_and_missing_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path / "a1.jsonl", "a1")
    _jsonl(tmp_path / "a2.jsonl", "a2")
    db = tmp_path / "s.duckdb"
    for args in (["ingest", "a?.jsonl", "--db", str(db)], ["code", "a*.jsonl"],
                 ["data", "load", "gdelt", "a?.jsonl", "--db", str(db)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "no such file" in result.output and "--glob" in result.output, result.output
    assert not db.exists() or Store.open(db, read_only=True).counts()["articles"] == 0


def test_glob_expands_and_a_file_named_like_a_pattern_is_read_as_itself(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path / "a1.jsonl", "a1")
    _jsonl(tmp_path / "a2.jsonl", "a2")
    out = CliRunner().invoke(main, ["code", "a?.jsonl", "--glob"])
    assert out.exit_code == 0, out.output
    docs = {json.loads(line)["doc_id"] for line in out.output.splitlines() if line.startswith("{")}
    assert docs == {"a1", "a2"}
    _jsonl(tmp_path / "b*.jsonl", "literal")             # a file whose name holds a star
    _jsonl(tmp_path / "bx.jsonl", "other")
    out = CliRunner().invoke(main, ["code", "b*.jsonl"])  # no --glob: that one file, not bx.jsonl
    assert out.exit_code == 0, out.output
    docs = {json.loads(line)["doc_id"] for line in out.output.splitlines() if line.startswith("{")}
    assert docs == {"literal"}
    result = CliRunner().invoke(main, ["code", "zz*.jsonl", "--glob"])
    assert result.exit_code == 2 and "no file matches" in result.output
