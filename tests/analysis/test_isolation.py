"""The isolation index on the real UN votes, the bundled sanctions and suspensions, and WDI (../shared)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from multipolar.analysis import isolation
from multipolar.store import reference
from multipolar.store.db import Store


@pytest.fixture(scope="module")
def yearly(ref_store):
    def get(state):
        out = isolation.index(ref_store, state, "year", date(2012, 1, 1), date(2024, 12, 31), save=False)
        return out.set_index("period")
    return get


def test_issue_bars(yearly):
    rus, ind = yearly("RUS"), yearly("IND")
    assert rus.at["2022", "isolation"] - rus.at["2021", "isolation"] >= 0.10
    assert rus.at["2014", "isolation"] - rus.at["2013", "isolation"] >= 0.05
    assert abs(ind.at["2022", "isolation"] - ind.at["2021", "isolation"]) < 0.05
    assert rus.at["2022", "isolation"] - ind.at["2022", "isolation"] >= 0.2


def test_united_states_isolated_on_votes_not_on_sanctions(yearly):
    usa, deu = yearly("USA"), yearly("DEU")
    for year in ("2013", "2018", "2023"):
        assert usa.at[year, "votes"] > 0.3 > deu.at[year, "votes"]
        assert usa.at[year, "sanctions"] < 0.05
    assert yearly("PRK").at["2022", "sanctions"] > 0.9          # UN sanctions: every state


def test_parts_without_evidence_are_empty_not_zero(ref_store, yearly):
    ven = yearly("VEN")                                        # no GA votes in 2022 (arrears)
    assert pd.isna(ven.at["2022", "votes"]) and ven.at["2022", "roll_calls"] < isolation.MIN_ROLL_CALLS
    assert ven.at["2022", "n_parts"] == 2
    assert yearly("RUS")["engagement"].isna().all()             # no news in this store
    rus = yearly("RUS")
    assert rus.at["2022", "isolation"] == pytest.approx(rus.loc["2022", ["votes", "sanctions", "suspensions"]].mean())


def test_suspensions_counted_while_in_force(yearly):
    rus = yearly("RUS")
    assert rus.at["2013", "suspensions_in_force"] == 0 and rus.at["2014", "suspensions_in_force"] == 2
    assert "COE" in rus.at["2023", "bodies"] and "PACE" not in rus.at["2021", "bodies"]
    assert yearly("SYR").at["2024", "bodies"] == "OIC"          # the Arab League readmitted Syria in May 2023


def test_month_and_quarter_periods(ref_store):
    m = isolation.index(ref_store, "RUS", "month", date(2022, 1, 1), date(2022, 6, 30), save=False)
    q = isolation.index(ref_store, "RUS", "quarter", date(2022, 1, 1), date(2022, 12, 31), save=False)
    assert list(m.period) == [f"2022-0{i}" for i in range(1, 7)] and list(q.period) == [f"2022Q{i}" for i in range(1, 5)]
    # sanctions widen after the invasion; the vote window is the 12 months ending with the period
    assert m.set_index("period").at["2022-03", "sanctioning_states"] > m.set_index("period").at["2022-01",
                                                                                                 "sanctioning_states"]
    assert (m.roll_calls > 0).all()


def test_every_state_one_year(ref_store):
    out = isolation.every_state(ref_store, 2022)
    assert len(out) > 190 and out.iloc[0].state == "RUS"
    assert out.set_index("state").at["IND", "isolation"] < 0.1


def test_sanctions_part_absent_without_a_sanctions_table(tmp_path, shared):
    with Store.open(tmp_path / "v.duckdb") as store:
        reference.load_wdi(store, shared / "data" / "wdi_pop_gdp.csv")
        others = ["FRA", "DEU", "ITA", "ESP", "PRT", "BRA", "ARG", "CHL", "PER", "MEX", "CAN", "JPN", "KOR",
                  "IND", "IDN", "NGA", "KEN", "EGY", "ZAF", "AUS", "NZL"]
        rows = [{"undl_id": None, "resolution": f"A/RES/77/{i}", "date": date(2022, 12, 1), "body": "GA",
                 "ms_name": s, "iso3": s, "vote": ("N" if s == "NOR" else "Y") if i % 2 else ("A" if s == "NOR"
                                                                                              else "Y")}
                for i in range(12) for s in ["NOR"] + others]
        from multipolar.external import unvotes
        reference.load_unvotes(store, [{c: r.get(c) for c in unvotes.COLUMNS} for r in rows])
        out = isolation.index(store, "NOR", "year", date(2022, 1, 1), date(2022, 12, 31), save=False)
    assert out.sanctions.isna().all() and out.votes.notna().all()
    assert out.votes.iloc[0] == 1.0 and out.roll_calls.iloc[0] == 12       # alone on every roll call


def _meeting(i: int, day: date, a: str, b: str, kind: str = "CONSULT"):
    from multipolar.model import ActorRef, Article, Event
    text = f"Leader of {a} met leader of {b} ({i})."
    art = Article.make(text, id=f"e{i}", date=day)
    return art, 1, [Event(id=f"{art.hash}-0", doc_id=art.id, event=kind, mode="visit", date=day, sentence=text,
                          actor=(ActorRef(a, kind="leader"),), recipient=(ActorRef(b, kind="leader"),),
                          span=(0, len(text)))]


def test_engagement_needs_enough_evidence(tmp_path, shared):
    """CHN's leader meets five states in 2023 (the store holds enough meetings); KEN is named in ten events but its
    leader meets no one: isolated on engagement; BRA, named twice, has too little evidence: the part is empty."""
    partners = ["RUS", "USA", "IND", "FRA", "DEU"]
    batch = [_meeting(i, date(2023, 1 + i % 12, 1 + i % 27), "CHN", partners[i % 5]) for i in range(25)]
    batch += [_meeting(100 + i, date(2023, 1 + i % 12, 2), "KEN", "EU", "ACCUSE") for i in range(10)]
    batch += [_meeting(200 + i, date(2023, 5, 3 + i), "BRA", "ARG") for i in range(2)]
    with Store.open(tmp_path / "e.duckdb") as store:
        reference.load_wdi(store, shared / "data" / "wdi_pop_gdp.csv")
        store.add_coded(batch)
        out = isolation.table(store, "year", date(2023, 1, 1), date(2023, 12, 31), ["CHN", "KEN", "BRA"])
        empty = isolation.table(store, "year", date(2022, 1, 1), date(2022, 12, 31), ["CHN"])
    got = out.set_index("state")
    assert got.at["CHN", "partners"] == 5 and got.at["CHN", "store_meetings"] >= isolation.MIN_STORE_MEETINGS
    assert 0 <= got.at["CHN", "engagement"] < 0.5 and got.at["CHN", "suspensions"] == 0
    assert got.at["CHN", "isolation"] == pytest.approx(got.at["CHN", "engagement"] / 2)   # no votes, no sanctions table
    assert got.at["KEN", "engagement"] == 1.0 and got.at["KEN", "state_events"] == 10
    assert pd.isna(got.at["BRA", "engagement"]) and got.at["BRA", "n_parts"] == 1           # suspensions only
    assert pd.isna(empty.set_index("state").at["CHN", "engagement"])
