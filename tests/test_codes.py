"""IGOs with a three-letter acronym: stored as IGOSCO, shown as SCO in the CLI tables (a real store, real coder)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from multipolar.cli import main
from multipolar.codes import display_code, stored_code

ARTICLES = [("o1", "2024-07-04", "The SCO criticised the United States on Thursday."),
            ("o2", "2024-07-04", "Russia praised the Shanghai Cooperation Organisation on Thursday.")]


def test_display_and_stored_codes():
    assert display_code("IGOSCO") == "SCO" and display_code("IGOIMF") == "IMF"
    assert display_code("RUS") == "RUS" and display_code("NATO") == "NATO" and display_code(None) is None
    assert stored_code("SCO") == "IGOSCO" and stored_code("IGOSCO") == "IGOSCO"
    assert stored_code("RUS") == "RUS" and stored_code("NATO") == "NATO" and stored_code("XYZ") == "XYZ"


def test_events_table_shows_sco_and_jsonl_keeps_the_stored_code(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    src, db = tmp_path / "a.jsonl", tmp_path / "s.duckdb"
    src.write_text("\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in ARTICLES), encoding="utf-8")
    run = CliRunner().invoke
    assert run(main, ["ingest", str(src), "--db", str(db)], catch_exceptions=False).exit_code == 0
    table = run(main, ["events", "--db", str(db)], catch_exceptions=False).output
    assert "SCO" in table and "IGOSCO" not in table, table
    lines = run(main, ["events", "--actor", "SCO", "--format", "jsonl", "--db", str(db)],
                catch_exceptions=False).output.splitlines()
    assert lines and all(json.loads(x)["actor"][0]["code"] == "IGOSCO" for x in lines)


def test_dyads_takes_sco_and_shows_it(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    src, db = tmp_path / "a.jsonl", tmp_path / "s.duckdb"
    src.write_text(json.dumps({"id": "o1", "date": "2024-07-04", "text": ARTICLES[0][2]}), encoding="utf-8")
    run = CliRunner().invoke
    assert run(main, ["ingest", str(src), "--db", str(db)], catch_exceptions=False).exit_code == 0
    table = run(main, ["dyads", "SCO", "--db", str(db)], catch_exceptions=False).output
    assert "SCO" in table and "USA" in table and "IGOSCO" not in table, table
    csv = run(main, ["dyads", "IGOSCO", "--format", "csv", "--db", str(db)], catch_exceptions=False).output
    assert "IGOSCO,USA" in csv, csv
