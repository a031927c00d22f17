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


VISITS = [
    ("v1", "2024-06-19", "Putin left Pyongyang late on Wednesday and flew to Vietnam, the second stop of his tour."),
    ("v2", "2024-06-20", "Russian President Vladimir Putin held talks in Hanoi on Thursday with Vietnamese President "
                         "To Lam."),
    ("v3", "2024-06-20", "Putin met Vietnamese President To Lam on Thursday."),
    ("b1", "2024-05-16", "Chinese President Xi Jinping welcomed Russian President Vladimir Putin on Thursday with a "
                         "ceremony outside the Great Hall of the People."),
    ("k1", "2024-07-09", "Putin met Indian Prime Minister Narendra Modi at the Kremlin on Tuesday."),
    ("s2", "2024-10-23", "On the sidelines of the BRICS summit in Kazan, Russian President Vladimir Putin held "
                         "separate meetings with Chinese President Xi Jinping, Indian Prime Minister Narendra Modi "
                         "and Iranian President Masoud Pezeshkian."),
    ("s1", "2024-09-10", "Russian President Vladimir Putin hosted the BRICS summit in Kazan on Tuesday. Putin met "
                         "Chinese President Xi Jinping on the sidelines of the summit. He then held talks with Indian "
                         "Prime Minister Narendra Modi, and later met Iranian President Masoud Pezeshkian."),
]


@pytest.fixture(scope="module")
def visits(tmp_path_factory):
    from multipolar.pipeline import ingest
    tmp = tmp_path_factory.mktemp("visits")
    src = tmp / "visits.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in VISITS), encoding="utf-8")
    store = Store.open(tmp / "visits.duckdb")
    ingest([str(src)], store)
    yield store
    store.close()


def test_a_visit_told_on_two_days_is_one_row_with_its_place(visits):
    rows = diplomacy.meetings(visits, "RUS", "2024-06-01", "2024-06-30")
    vnm = [r for r in rows if r["partner"] == "VNM"]
    assert len(vnm) == 1, rows
    assert vnm[0]["date"] == "2024-06-19" and vnm[0]["end"] == "2024-06-20" and vnm[0]["place"] == "Hanoi"
    assert vnm[0]["type"] == "visit made" and len(vnm[0]["sources"]) >= 2


def test_places_from_landmarks_and_host_capitals(visits):
    rows = {r["partner"]: r for r in diplomacy.meetings(visits, "RUS", "2024-05-01", "2024-07-31")}
    assert rows["CHN"]["place"] == "Beijing", rows
    assert rows["IND"]["place"] == "Moscow", rows
    assert diplomacy.named_place("talks at Zhongnanhai") == "Beijing"
    assert diplomacy.named_place("MOSCOW") is None and diplomacy._dateline("MOSCOW, July 9 — Modi") == "Moscow"


def test_summit_sentence_naming_several_leaders_gives_each_bilateral_meeting(visits):
    rows = diplomacy.meetings(visits, "RUS", "2024-10-23", "2024-10-23")
    assert {"CHN", "IND", "IRN"} <= {r["partner"] for r in rows}, rows
    assert all(r["date"] == "2024-10-23" for r in rows)


def test_separate_meetings_days_apart_stay_apart(visits):
    rows = diplomacy.meetings(visits, "RUS", "2024-01-01", "2024-12-31")
    assert [r["date"] for r in rows if r["partner"] == "CHN"] == ["2024-05-16", "2024-09-10", "2024-10-23"], rows


def test_summit_told_meeting_by_meeting(visits):
    """The host meeting three leaders in turn: the meetings view lists every bilateral meeting the coder stored."""
    rows = diplomacy.meetings(visits, "RUS", "2024-09-10", "2024-09-10")
    assert "CHN" in {r["partner"] for r in rows}, rows
    assert all(r["place"] == "Kazan" for r in rows if r["partner"] == "BRICS"), rows


def test_summit_told_meeting_by_meeting_every_leader(visits):
    """'He then held talks with Modi, and later met Pezeshkian': 'He' is the last sentence's subject (Putin),
    not the last leader named (Xi), and the misparsed conjunct still meets Pezeshkian."""
    rows = diplomacy.meetings(visits, "RUS", "2024-09-10", "2024-09-10")
    assert {"CHN", "IND", "IRN"} <= {r["partner"] for r in rows}, rows


def test_calendar_meeting_on_the_last_day_of_a_visit_is_covered(visits, tmp_path):
    cal = tmp_path / "calendar.csv"
    cal.write_text("date,leader,counterpart,place,source\n2024-06-20,Vladimir Putin,VNM,Hanoi,x\n"
                   "2024-06-21,Vladimir Putin,VNM,Hanoi,x\n2024-06-23,Vladimir Putin,VNM,Hanoi,x\n", encoding="utf-8")
    from datetime import date
    found = diplomacy.meetings(visits, "RUS", "2024-06-01", "2024-06-30")
    share = claims.calendar_share(cal, "RUS", found, date(2024, 6, 1), date(2024, 6, 30))
    assert share["calendar_meetings"] == 3 and share["covered"] == 2, share
