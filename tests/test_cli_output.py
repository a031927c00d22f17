"""The CLI's one output layer (cli_common): tables that fit 80 columns without cutting dates or numbers, CSV
with empty cells and integers, the same --format set everywhere, literal output of article text (issue 15, F3),
the spreadsheet-formula guard, and progress on stderr."""
from __future__ import annotations

import csv
import io
import json
import re

import click
import pytest
from click.testing import CliRunner

from multipolar import cli_common
from multipolar.cli import main

HOSTILE_TEXT = ("Russia condemned Ukraine [/bold] on Monday over the attack, [link=https://evil.example/]officials"
                "[/link] said. [bold red]Putin met Xi Jinping[/] in Beijing.")


def invoke(*args, env=None, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


# ---- the layer itself -------------------------------------------------------------------------------------

def test_csv_cells_empty_integers_no_reprs_and_formula_guard():
    assert cli_common.csv_cell(None) == "" and cli_common.csv_cell(float("nan")) == ""
    assert cli_common.csv_cell(3.0) == "3" and cli_common.csv_cell(0.1234567) == "0.123457"
    assert cli_common.csv_cell([{"code": "RUS"}, {"code": "BLR"}]) == "RUS;BLR"
    assert "{" not in cli_common.csv_cell({"votes": 0.0, "blocs": -0.5})
    for formula in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx"):
        assert cli_common.csv_cell(formula).startswith("'"), formula
    assert cli_common.csv_cell(-2.5) == "-2.5"                         # numbers are not text formulas


def test_readable_text_has_no_python_reprs():
    text = cli_common.readable({"votes": 0.0, "prior_votes": -0.515, "note": None})
    assert text == "votes 0; prior votes -0.515"
    assert cli_common.readable([{"code": "IND"}, {"code": "CHN"}]) == "IND+CHN"


def test_a_wide_table_at_80_columns_keeps_dates_and_numbers_whole(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    rows = [{"period": f"2024-0{m}-01", "resolution": "A/RES/ES-11/1", "index": 0.123456 * m,
             "population_share": 0.000123 * m, "count": 1234567 * m, "note": "a long explanation " * 6,
             "states": "ALB AUS AUT BEL BGR BIH CAN CHE CYP CZE DEU DNK ESP EST FIN FRA",
             "gdp_share": 0.5, "extra_a": 1.5, "extra_b": "x" * 14, "extra_c": 2} for m in range(1, 4)]
    cli_common.emit(rows, "table", drop=("extra_a", "extra_b"))
    out, err = capsys.readouterr()
    assert all(len(line) <= 80 for line in out.splitlines()), out
    assert "…" not in out and "{" not in out
    for m in range(1, 4):
        assert f"2024-0{m}-01" in out and f"{1234567 * m}" in out and "A/RES/ES-11/1" in out
        assert f"{0.123456 * m:.3f}" in out
    assert "not shown at 80 columns" in err and "extra_a" in err     # whole columns go, never parts of cells


def test_every_data_command_offers_the_same_formats():
    seen = []

    def walk(cmd, path):
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, path + [name])
            return
        for p in cmd.params:
            if p.name == "fmt":
                seen.append(" ".join(path))
                assert tuple(p.type.choices) == cli_common.FORMATS, (path, p.type.choices)
    walk(main, [])
    for name in ("events", "stance", "isolation", "meetings", "idealpoints", "dyads", "blocs", "claim"):
        assert name in seen, f"{name} has no --format"


# ---- through the commands, on a real store -----------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """Articles whose text, URL and title carry rich markup and a spreadsheet formula, ingested for real."""
    d = tmp_path_factory.mktemp("hostile")
    src = d / "in.jsonl"
    src.write_text(json.dumps({"id": "h1", "date": "2024-05-16", "text": HOSTILE_TEXT,
                               "url": "https://news.example/[/bold]/a?x=[link=https://evil.example/]",
                               "title": "=HYPERLINK(\"https://evil.example\",\"[red]click[/red]\")"}) + "\n",
                   encoding="utf-8")
    with src.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "h2", "date": "2024-05-16", "title": "[red]a title[/red]",
                            "url": "https://news.example/[/bold]/a?x=[link=https://evil.example/]",
                            "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing "
                                    "on Thursday. [bold]Putin[/bold] held talks with Xi."}) + "\n")
    db = d / "h.duckdb"
    invoke("ingest", src, "--db", db)
    return db


def test_markup_in_an_article_prints_literally(hostile_store):
    res = invoke("events", "--db", hostile_store, env={"COLUMNS": "200", "TTY_COMPATIBLE": "1"})
    assert "[/bold]" in res.stdout, "the article's own brackets must be printed as they are"
    assert "[link=https://evil.example/]" in res.stdout
    assert "\x1b]8;" not in res.stdout, "no terminal hyperlink may come from article text"


def test_meetings_with_markup_in_the_source_url(hostile_store):
    res = invoke("meetings", "RUS", "--since", "2024-01-01", "--until", "2024-12-31", "--db", hostile_store,
                 env={"COLUMNS": "250"})
    assert "CHN" in res.stdout
    assert "https://news.example/[/bold]/a?x=[link=https://evil.example/]" in res.stdout


def test_events_csv_has_the_gdelt_icews_columns_and_the_formula_guard(hostile_store):
    res = invoke("events", "--db", hostile_store, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows
    for col in ("date", "event", "cameo", "intensity", "actor", "recipient", "place", "country", "lat", "lon",
                "source_url", "title", "sentence"):
        assert col in rows[0], col
    assert {r["doc_id"] for r in rows} == {"h1", "h2"}
    assert all(r["title"].startswith("'=HYPERLINK") for r in rows if r["doc_id"] == "h1")
    beijing = [r for r in rows if r["place"] == "Beijing"]
    assert beijing and beijing[0]["country"] == "CHN" and float(beijing[0]["lat"]) == pytest.approx(39.9, abs=0.5)
    assert all(r["source_url"].startswith("https://news.example/") for r in rows)
    assert "nan" not in res.stdout.lower().split(",")
    assert any(r["cameo"] for r in rows) and any(r["intensity"] for r in rows)


def test_a_skip_reason_with_markup_does_not_end_the_ingest(tmp_path):
    bad = tmp_path / "[x]empty[bold].txt"
    bad.write_text("", encoding="utf-8")
    res = invoke("ingest", bad, "--db", tmp_path / "s.duckdb")
    assert "[x]empty[bold].txt" in res.stderr.replace("\n", ""), res.stderr   # the name as it is
    assert "skipped: 1" in res.stderr


@pytest.fixture(scope="module")
def reference_store(shared, tmp_path_factory):
    from multipolar.store import reference
    from multipolar.store.db import Store

    path = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    with Store.open(path) as store:
        reference.load_unvotes(store, shared / "data" / "undl_votes_ga_sc_1946_2025.csv.gz")
        reference.load_wdi(store, shared / "data" / "wdi_pop_gdp.csv")
        reference.load_sanctions(store)
        reference.load_blocs(store)
    return path


def _no_cut_cells(out: str) -> None:
    assert "{" not in out, out
    assert all(len(line) <= 80 for line in out.splitlines()), out
    for line in out.splitlines():
        for cell in line.split("│"):
            assert not cell.strip().endswith("…"), f"a cut cell: {cell!r}"


def test_stance_explain_at_80_columns(reference_store):
    res = invoke("stance", "RUS", "--date", "2022-03-31", "--explain", "IND", "--db", reference_store,
                 env={"COLUMNS": "80"})
    _no_cut_cells(res.stdout)
    assert "2022-03-02" in res.stdout and "A/RES/ES-11/1" in res.stdout
    assert re.search(r"│\s*-?\d\.\d{3} │", res.stdout), "scores are printed whole"
    assert "prior votes" in res.stdout                         # components as a table, not a dict


def test_isolation_at_80_columns_and_its_csv(reference_store):
    res = invoke("isolation", "RUS", "--db", reference_store, env={"COLUMNS": "80"})
    _no_cut_cells(res.stdout)
    assert re.search(r"│ (19|20)\d\d(Q[1-4]|-\d\d)? +│", res.stdout), "periods are printed whole"
    out = invoke("isolation", "RUS", "--db", reference_store, "--format", "csv").stdout
    assert "nan" not in out and not re.search(r",\d+\.0(,|$)", out, re.M), "integers as integers"
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["period"] for r in rows)


def test_long_commands_show_progress_on_stderr(reference_store):
    res = invoke("stance", "RUS", "--date", "2022-03-31", "--db", reference_store, "--format", "json",
                 env={"TTY_COMPATIBLE": "1", "TERM": "xterm-256color"})
    assert "stance toward RUS" in res.stderr
    json.loads(res.stdout)                                     # stdout stays clean JSON


def test_idealpoints_state_filter(reference_store):
    out = invoke("idealpoints", "--from", "2023", "--to", "2023", "--state", "RUS,usa", "--db", reference_store,
                 "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["iso3"] for r in rows} == {"RUS", "USA"}
    assert all(r["year"] == "2023" and r["n_votes"].isdigit() for r in rows)      # integers as integers
    bad = invoke("idealpoints", "--from", "2023", "--to", "2023", "--state", "XXX", "--db", reference_store, ok=False)
    assert bad.exit_code != 0 and "XXX" in bad.output
