"""Dyads score invitations as cooperation; vote blocs are labelled by their central members and drift only when
the move holds under resampling (real UN votes from ../shared for the blocs)."""
from __future__ import annotations

from datetime import date

import pytest

from multipolar.analysis import blocs, dyads
from multipolar.analysis.scoring import event_score, is_invitation
from multipolar.model import ActorRef, Article, Event
from multipolar.store.db import Store


def _event(text, day, kind, actor, recipient, trigger, mode=None):
    art = Article.make(text, id=text[:12], date=date.fromisoformat(day))
    return art, 1, [Event(id=f"{art.hash}-0", doc_id=art.id, event=kind, mode=mode, date=art.date, sentence=text,
                          actor=(ActorRef(actor, kind="leader"),), recipient=(ActorRef(recipient, kind="leader"),),
                          trigger=trigger, span=(0, len(text)))]


def test_invitation_is_cooperation(tmp_path):
    assert is_invitation("DEMAND", "invited") and not is_invitation("DEMAND", "demanded")
    assert event_score("REQUEST", None, "invitation")[0] > 0 > event_score("REQUEST", None, "asked")[0]
    with Store.open(tmp_path / "d.duckdb") as store:
        store.add_coded([_event("Xi invited Putin to visit China later in the year.", "2023-03-21", "DEMAND", "CHN",
                                "RUS", "invited"),
                         _event("Xi demanded that Putin withdraw.", "2023-04-03", "DEMAND", "CHN", "RUS", "demanded")])
        out = dyads.monthly(store, "CHN", "RUS", save=False)
    march = out[(out.month == date(2023, 3, 1)) & out.directed.astype(bool)].iloc[0]
    april = out[(out.month == date(2023, 4, 1)) & out.directed.astype(bool)].iloc[0]
    assert march.score_sum > 0 and march.verbal_coop == 1 and march.verbal_conflict == 0
    assert april.score_sum < 0 and april.verbal_conflict == 1


@pytest.fixture(scope="module")
def polarity(ref_store):
    return blocs.polarity(ref_store, 2021, 2023, save=False)


def test_labels_name_central_members(polarity):
    comm = polarity["communities"]
    for (year, c), g in comm.groupby(["year", "community"]):
        central = sorted(g[g.central].iso3)
        assert set(g.label.iloc[0].split()) == set(central) and set(central) <= set(g.iso3)
        assert len(central) == min(blocs.LABEL_SIZE, len(g))
    rus = comm[(comm.year == 2022) & (comm.iso3 == "RUS")].iloc[0]
    assert set(rus.label.split()) <= set(comm[(comm.year == 2022) & (comm.community == rus.community)].iso3)


def test_drift_holds_under_resampling(polarity):
    drift, comm = polarity["drift"], polarity["communities"]
    moved = comm.pivot(index="iso3", columns="year", values="label").dropna()
    changed = int((moved[2021] != moved[2022]).sum() + (moved[2022] != moved[2023]).sum())
    assert len(drift) < changed / 4, (len(drift), changed)          # most label changes are not drift
    assert (drift.support >= blocs.DRIFT_SUPPORT).all()
    assert "ARG" not in set(drift.iso3)
