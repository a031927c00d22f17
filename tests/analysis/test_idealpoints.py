"""The ideal-point bar: r >= 0.95 with BSV (idealpointfp) for every year 2010-2024; 1990-2025 in under 60 s."""
from __future__ import annotations

import numpy as np
import pandas as pd

from multipolar.analysis import agreement, idealpoints

FLOOR = 0.95


def test_correlation_with_bsv_every_year_and_speed(ref_store):
    est = idealpoints.estimate(ref_store, 1990, 2025)
    assert est.attrs["seconds"] < 60
    assert set(est.year) == set(range(1990, 2026))
    c = idealpoints.compare(est, idealpoints.reference_points(ref_store)).set_index("year")
    years = list(range(2010, 2025))
    assert set(years) <= set(c.index)
    low = c.loc[years, "pearson"]
    assert (low >= FLOOR).all(), low[low < FLOOR].to_dict()
    # the US is positive (BSV orientation) and Western states rank above Russia and Iran
    e = est[est.year == 2022].set_index("iso3").ideal_point
    assert e["USA"] > 0 and e["DEU"] > e["RUS"] and e["GBR"] > e["IRN"]
    assert len(idealpoints.stored(ref_store, 2022, 2022)) == (est.year == 2022).sum()


def test_fit_recovers_a_synthetic_order():
    rng = np.random.default_rng(3)
    x = np.linspace(-2, 2, 40)
    b, a = rng.normal(0, 2, 60), rng.normal(0, 1, 60)
    p_yes = 1 / (1 + np.exp(-(np.outer(x, b) - a)))
    y = np.where(rng.random(p_yes.shape) < p_yes, 2.0, 0.0)
    y[rng.random(y.shape) < 0.1] = np.nan
    est, info = idealpoints.fit_matrix(y)
    assert abs(np.corrcoef(est, x)[0, 1]) > 0.9 and info["converged"]


def test_agreement_identical_and_kappa():
    votes = pd.DataFrame({"iso3": ["A"] * 4 + ["B"] * 4 + ["C"] * 4, "resolution": list("wxyz") * 3,
                          "vote": list("YYNA") + list("YYNA") + list("NNYX")})
    out = agreement.pairs(votes, min_common=1).set_index(["a", "b"])
    assert out.loc[("A", "B"), "identical"] == 1.0 and out.loc[("A", "B"), "kappa"] == 1.0
    assert out.loc[("A", "C"), "n"] == 3 and out.loc[("A", "C"), "identical"] == 0.0
    assert out.loc[("A", "C"), "kappa"] < 0
