"""End to end through the command line: ingest examples/ into a real DuckDB file, list, code, report."""
import json
from pathlib import Path

from click.testing import CliRunner

from multipolar.cli import main

REPO = Path(__file__).resolve().parents[1]


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_examples_then_list_events(db_path):
    out = run("ingest", REPO / "examples", "--db", db_path)
    assert "articles:" in out
    rows = [json.loads(l) for l in run("events", "--db", db_path, "--actor", "RUS", "--format", "jsonl").splitlines()]
    assert rows, "examples/ should yield events with Russia as actor"
    for r in rows:
        assert "RUS" in [a["code"] for a in r["actor"]]
        assert r["sentence"] and r["coder"].startswith("multipolar")
    # the same files again add nothing
    out = run("ingest", REPO / "examples", "--db", db_path)
    assert "articles: 0 new" in out


def test_events_jsonl_has_exactly_the_code_record_format(db_path, tmp_path):
    text = "The European Union imposed new sanctions on Belarus on Monday."
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": text, "date": "2024-06-20"}) + "\n")
    out_path = tmp_path / "out.jsonl"
    run("code", src, "-o", out_path)
    coded = [json.loads(l) for l in out_path.read_text().splitlines()]
    assert coded and coded[0]["doc_id"] == "a1" and coded[0]["event"] == "SANCTION"
    run("ingest", src, "--db", db_path)
    stored = [json.loads(l) for l in run("events", "--db", db_path, "--format", "jsonl").splitlines()]
    # `code` adds the coder's trace ("why": the detector's and rules' evidence) and, for a happening told twice,
    # its further "sources"; the store keeps every telling as a row of its own instead, and adds the article it
    # read the event in (hash, url, title: the record the API serves, from the same listing function)
    trace = ("why", "sources")
    assert [list(r) for r in stored] == [[k for k in r if k not in trace] + ["article"] for r in coded]
    assert set(stored[0]["article"]) == {"hash", "url", "title"} and len(stored[0]["article"]["hash"]) == 16
    assert "why" in coded[0]
    assert stored[0]["actor"] == coded[0]["actor"] and stored[0]["event"] == coded[0]["event"]


def test_filters_and_csv(db_path):
    run("ingest", REPO / "examples", "--db", db_path)
    out = run("events", "--db", db_path, "--type", "SANCTION", "--since", "2022-01-01", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("date,event")
    assert all(",SANCTION," in l for l in lines[1:])


def test_report_is_written(db_path, tmp_path):
    run("ingest", REPO / "examples", "--db", db_path)
    out_file = tmp_path / "r.html"
    run("report", "--db", db_path, "-o", out_file)
    html = out_file.read_text()
    assert "Most active dyads" in html and "<svg" in html and "<script" not in html    # charts are inline SVG


def test_bad_date_argument_is_a_clear_error(db_path):
    run("ingest", REPO / "examples" / "articles.jsonl", "--db", db_path)
    result = CliRunner().invoke(main, ["events", "--db", str(db_path), "--since", "yesterday"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in str(result.exception) + result.output


def test_eval_lists_the_rules_that_never_fired(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g1", "text": "Russia condemned the British decision on Monday.", "date": "2024-06-20",
                                "events": [{"event": "ACCUSE", "actor": ["RUS"], "recipient": ["GBR"]}]}) + "\n")
    out = run("eval", gold, "--rules")
    assert "strict" in out and "never fired (" in out


def test_code_and_eval_run_in_the_mode_asked_for_one_command(tmp_path):
    """--mode rules codes with the lexicon alone (a trigger only the detector finds is not coded); the process-wide
    coder of later commands stays combined."""
    from multipolar.pipeline import coder

    text = "Brussels responded with tariffs of 50 percent on Chinese electric cars."
    path = tmp_path / "tariffs.jsonl"
    path.write_text(json.dumps({"id": "t1", "text": text, "date": "2024-05-01"}) + "\n", encoding="utf-8")

    def events(*mode):
        return [json.loads(l)["event"] for l in run("code", path, *mode).splitlines() if l.startswith("{")]
    assert events() == ["SANCTION"] == events("--mode", "model")
    assert events("--mode", "rules") == []
    assert coder().mode == "combined" and coder("rules").detector is None
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "t1", "text": text, "date": "2024-05-01",
                                "events": [{"event": "SANCTION", "actor": "EU", "recipient": "CHN"}]}) + "\n")
    rules = json.loads(run("eval", gold, "--json", "--mode", "rules"))
    combined = json.loads(run("eval", gold, "--json"))
    assert rules["type"]["tp"] == 0 and combined["type"]["tp"] == 1
    result = CliRunner().invoke(main, ["code", str(path), "--mode", "guess"])
    assert result.exit_code != 0 and "guess" in result.output
