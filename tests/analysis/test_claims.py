"""Count claims against real stores holding coded events written for these tests (the records the coder emits,
stored with Store.add_coded), so that the verdict rules are tested apart from the coder."""
from __future__ import annotations

from datetime import date

import pytest

from multipolar.analysis import claims
from multipolar.model import ActorRef, Article, Event
from multipolar.store.db import Store

MEETINGS = [   # one leader-level meeting of Putin in each of ten months of the year before 2024-11-07
    ("2023-12-07", "CHN", "Xi Jinping"), ("2024-01-29", "KAZ", "Kassym-Jomart Tokayev"),
    ("2024-02-09", "BLR", "Alexander Lukashenko"), ("2024-03-22", "IND", "Narendra Modi"),
    ("2024-04-25", "UZB", "Shavkat Mirziyoyev"), ("2024-05-16", "CHN", "Xi Jinping"),
    ("2024-06-19", "VNM", "To Lam"), ("2024-07-08", "IND", "Narendra Modi"),
    ("2024-08-19", "AZE", "Ilham Aliyev"), ("2024-10-23", "TUR", "Recep Tayyip Erdogan"),
]


def _meeting(i: int, day: str, code: str, name: str) -> tuple[Article, int, list[Event]]:
    text = f"Russian President Vladimir Putin met {name} in Moscow on {day}."
    art = Article.make(text, id=f"m{i}-{day}", date=date.fromisoformat(day))
    ev = Event(id=f"{art.hash}-0", doc_id=art.id, event="CONSULT", mode="visit", date=art.date,
               actor=(ActorRef(code, name=name, kind="leader"),),
               recipient=(ActorRef("RUS", name="Vladimir Putin", kind="leader"),), sentence=text,
               span=(0, len(text)))
    return art, 1, [ev]


def _unrelated(i: int, day: str) -> tuple[Article, int, list[Event]]:
    text = "Norway and Iceland signed a fishing agreement on cod quotas."
    art = Article.make(text + f" ({i})", id=f"u{i}", date=date.fromisoformat(day))
    ev = Event(id=f"{art.hash}-0", doc_id=art.id, event="AGREE", date=art.date, sentence=text,
               actor=(ActorRef("NOR"), ActorRef("ISL")), span=(0, len(text)))
    return art, 1, [ev]


def _store(tmp_path, name, batch):
    store = Store.open(tmp_path / f"{name}.duckdb")
    store.add_coded(batch)
    return store


@pytest.fixture(scope="module")
def covered(tmp_path_factory):
    store = _store(tmp_path_factory.mktemp("covered"), "c", [_meeting(i, *m) for i, m in enumerate(MEETINGS)])
    yield store
    store.close()


@pytest.fixture(scope="module")
def thin(tmp_path_factory):
    store = _store(tmp_path_factory.mktemp("thin"), "t", [_meeting(i, *m) for i, m in enumerate(MEETINGS[:3])])
    yield store
    store.close()


AS_OF = "2024-11-07"


def test_coverage_is_measured_on_the_states_leader_diplomacy(covered, thin):
    cov = claims.check(covered, "Putin met with over 20 world leaders", AS_OF, "1y")["coverage"]
    assert cov["months_with_meetings"] >= 9 and cov["holds"], cov
    assert not claims.check(thin, "Putin met with over 20 world leaders", AS_OF, "1y")["coverage"]["holds"]


@pytest.mark.parametrize("text, thin_verdict, covered_verdict", [
    ("Putin met with over 20 world leaders", "not_enough_data", "not_supported"),
    ("Putin met with fewer than 10 world leaders", "not_enough_data", "supported"),
    ("Putin met with exactly 3 world leaders", "not_enough_data", "not_supported"),
    ("Putin met with at least 2 world leaders", "supported", "supported"),
])
def test_verdicts_need_coverage(covered, thin, text, thin_verdict, covered_verdict):
    assert claims.check(thin, text, AS_OF, "1y")["verdict"] == thin_verdict
    assert claims.check(covered, text, AS_OF, "1y")["verdict"] == covered_verdict


def test_unrelated_events_never_make_not_supported(tmp_path):
    batch = [_meeting(i, *m) for i, m in enumerate(MEETINGS[:3])]
    batch += [_unrelated(i, f"2024-{m:02d}-{d:02d}") for i, (m, d) in enumerate((m, d) for m in range(1, 11)
                                                                                 for d in (3, 13, 23))]
    store = _store(tmp_path, "u", batch)
    try:
        assert store.counts()["events"] >= 33
        for text in ("Putin met with over 20 world leaders", "Putin met with fewer than 10 world leaders"):
            out = claims.check(store, text, AS_OF, "1y")
            assert out["verdict"] == "not_enough_data", out["coverage"]
    finally:
        store.close()


def test_reference_calendar_share(covered, tmp_path):
    cal = tmp_path / "calendar.csv"
    cal.write_text("date,leader,counterpart,place,source\n"
                   "2024-05-16,Vladimir Putin,CHN,Beijing,https://example.org/a\n"
                   "2024-06-20,Vladimir Putin,Vietnam,Hanoi,https://example.org/b\n"
                   "2024-09-02,Vladimir Putin,MNG,Ulaanbaatar,https://example.org/c\n"
                   "2024-09-03,Xi Jinping,MNG,Beijing,https://example.org/d\n", encoding="utf-8")
    out = claims.check(covered, "Putin met with over 5 world leaders", AS_OF, "1y", calendar=cal)
    assert out["coverage"]["calendar"] == {"calendar_meetings": 3, "covered": 2, "share": 0.667}
