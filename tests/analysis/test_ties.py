"""The ties component of the stance (sponsorships, summit attendance, arms imports, aid to Ukraine) counts only facts
known on the stance date, on the bundled evidence tables (docs/indicators.md, section 2)."""
from __future__ import annotations

import pandas as pd
import pytest

from multipolar.analysis import stance


@pytest.fixture(scope="module")
def two_dates(ref_store):
    return {on: stance.classify(ref_store, "RUS", on, save=False, replicates=0) for on in ("2022-03-31", "2023-03-31")}


def _ties(result, iso3):
    return [e for e in result.explain(iso3)["evidence"] if e["kind"] == "tie"]


def test_only_evidence_dated_on_or_before_the_stance_date_counts(two_dates):
    r22, r23 = two_dates["2022-03-31"], two_dates["2023-03-31"]
    eth22 = {e.get("summit") for e in _ties(r22, "ETH")}
    assert eth22 == {"Sochi 2019"}                         # the July 2023 summit cannot move a 2022 placement
    assert not any(e["tie"] == "arms_imports" for e in _ties(r22, "CHN"))     # 2018-22 share published 2023-03-13
    chn = [e for e in _ties(r23, "CHN") if e["tie"] == "arms_imports"]
    assert chn and chn[0]["share_pct"] == 83 and chn[0]["period"] == "2018-2022"
    hun22 = {e.get("resolution") for e in _ties(r22, "HUN")}
    hun23 = {e.get("resolution") for e in _ties(r23, "HUN")}
    assert hun22 == {"A/RES/ES-11/1"} and hun23 == {"A/RES/ES-11/1", "A/RES/ES-11/4"}   # ES-11/4: October 2022


def test_tie_values_and_absence(two_dates):
    s = two_dates["2022-03-31"].states.set_index("iso3")
    assert s.at["ETH", "ties"] == -1 and s.at["MLI", "ties"] == -1 and s.at["VNM", "ties"] == -1
    assert s.at["KOR", "ties"] == 1 and s.at["USA", "ties"] == 1
    assert pd.isna(s.at["IND", "ties"])                    # 46% of its arms from Russia: below 50%, no evidence
    assert pd.isna(s.at["BRA", "ties"]) and s.at["BRA", "n_ties"] == 0
    assert two_dates["2022-03-31"].weights["ties"] == 0.10


def test_other_targets_have_no_ties(ref_store):
    result = stance.classify(ref_store, "CHN", "2024-06-01", save=False, replicates=0)
    assert "ties" not in result.weights
