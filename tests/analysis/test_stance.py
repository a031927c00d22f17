"""Stance camps toward Russia against the EIU classifications (population shares of world, WDI 2022).

EIU March 2022: condemning/West-leaning 36%, neutral ~33%, Russia-leaning 32%; March 2023: 36.2, 30.7, 27.5.
The weights are fixed a priori (not fitted to these figures). Shares within +-5 points are asserted where we meet
them; the three misses (2022 against +5.9, 2022 towards -7.0, 2023 neutral +7.2; docs/indicators.md says why) are
pinned at their measured distance (+0.1) so that a change that widens them fails.
"""
from __future__ import annotations

import pytest

from multipolar.analysis import stance

EIU = {"2022-03-31": (36.0, 33.3, 32.0), "2023-03-31": (36.2, 30.7, 27.5)}
# (date, group) -> allowed distance in points; 5 is the bar, larger ones are known misses
TOLERANCE = {("2022-03-31", "against"): 6.0, ("2022-03-31", "towards"): 7.1, ("2023-03-31", "neutral"): 7.3}


def _groups(result):
    c = result.camps()
    share = {k: 100 * v["population_share"] for k, v in c.items()}
    return {"against": share["condemning"] + share["leaning_against"], "neutral": share["neutral"],
            "towards": share["leaning_towards"] + share["supporting"]}


@pytest.mark.parametrize("on", list(EIU))
def test_population_shares_near_eiu(ref_store, on):
    got = _groups(stance.classify(ref_store, "RUS", on))
    for name, ref in zip(("against", "neutral", "towards"), EIU[on]):
        assert abs(got[name] - ref) <= TOLERANCE.get((on, name), 5.0), (name, got[name], ref)


def test_every_camp_is_explained(ref_store):
    result = stance.classify(ref_store, "RUS", "2023-03-31", save=False)
    deu, chn = result.explain("DEU"), result.explain("CHN")
    assert deu["camp"] == "condemning" and chn["camp"] in ("leaning_towards", "supporting")
    kinds = {e["kind"] for e in deu["evidence"]}
    assert {"vote", "sanction", "un_alignment"} <= kinds
    d = result.as_dict()
    assert set(d["camps"]) == set(stance.CAMPS) and sum(v["count"] for v in d["camps"].values()) >= 190
    assert "VEN" in d["gdp_missing"] and 0 < d["camps"]["condemning"]["gdp_share"] < 1


def test_sensitivity_table(ref_store):
    """Every weight at 0.8x and 1.2x: the table has both rows per weight and shares that still sum to <= 1."""
    result = stance.classify(ref_store, "RUS", "2023-03-31", save=False)
    sens = result.sensitivity()
    assert len(sens) == 1 + 2 * len(result.weights)
    assert ((sens.against + sens.neutral + sens.towards) <= 1.0001).all()
    assert abs(sum(result.weights.values()) - 1) < 1e-3 and "events" not in result.weights   # no news here
    ind = result.explain("IND")
    assert ind["camp"] == "neutral" and {"vote", "prior_vote", "un_alignment", "bloc"} <= {e["kind"] for e in
                                                                                           ind["evidence"]}
