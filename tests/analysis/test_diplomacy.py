"""Meetings and count claims on a store built by coding our own short articles with the real coder."""
from __future__ import annotations

import json

import pytest

from multipolar.analysis import claims, diplomacy, dyads
from multipolar.store.db import Store

ARTICLES = [
    ("a1", "2024-06-19", "Russian President Vladimir Putin visited Hanoi on Wednesday. Putin met Vietnamese "
                         "President To Lam in Hanoi."),
    ("a2", "2024-05-16", "Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday."),
    ("a3", "2024-10-23", "Putin met Indian Prime Minister Narendra Modi in Kazan."),
    ("a4", "2024-03-10", "Russia and Ukraine fought near Avdiivka. Russian forces attacked Ukrainian positions."),
]


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    from multipolar.pipeline import ingest
    tmp = tmp_path_factory.mktemp("coded")
    src = tmp / "articles.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in ARTICLES), encoding="utf-8")
    store = Store.open(tmp / "events.duckdb")
    ingest([str(src)], store)
    yield store
    store.close()


def test_meetings_lists_partners_dates_and_sources(coded):
    found = diplomacy.meetings(coded, "RUS", "2023-11-07", "2024-11-07")
    partners = diplomacy.partners(found)
    assert {"CHN", "IND"} <= set(partners), found
    for m in found:
        assert m["date"] and m["type"] and m["sources"] and m["sources"][0]["sentence"]
    assert diplomacy.meetings(coded, "RUS", "2020-01-01", "2020-12-31") == []


def test_claim_verdicts(coded):
    over = claims.check(coded, "Putin met with over 20 world leaders", "2024-11-07", "1y")
    assert over["verdict"] == "not_enough_data" and over["count"] >= 2 and over["evidence"]
    some = claims.check(coded, "Putin met with at least 2 world leaders", "2024-11-07", "1y")
    assert some["verdict"] == "supported"
    assert claims.parse_claim("Putin met with over 20 world leaders", None)["state"] == "RUS"


def test_dyads_monthly_scores(coded):
    out = dyads.monthly(coded, "RUS")
    assert len(out) and {"directed", "score_sum", "verbal_coop", "material_conflict"} <= set(out.columns)
    assert (out.events >= 0).all()


def test_meetings_table_with_articles_that_have_no_url(coded, tmp_path):
    """JSONL articles carry no URL or title: the sources are None (not NaN) and the CLI table renders."""
    from click.testing import CliRunner

    from multipolar.cli import main

    rows = diplomacy.meetings(coded, "RUS", "2024-01-01", "2024-12-31")
    assert rows and all(s["url"] is None and s["title"] is None for r in rows for s in r["sources"])
    src, db = tmp_path / "a.jsonl", tmp_path / "m.duckdb"
    src.write_text("\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in ARTICLES), encoding="utf-8")
    run = CliRunner().invoke
    assert run(main, ["ingest", str(src), "--db", str(db)], catch_exceptions=False).exit_code == 0
    result = run(main, ["meetings", "RUS", "--since", "2024-01-01", "--until", "2024-12-31", "--db", str(db)],
                 catch_exceptions=False)
    assert result.exit_code == 0 and "VNM" in result.output, result.output
