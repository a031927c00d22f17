"""Pairwise UN General Assembly vote agreement: the share of identical votes and Cohen's kappa.

For states a and b in a year, only resolutions on which both cast yes, abstain or no count (absent, X, is
missing). identical = share of those with the same vote; kappa = (identical - expected) / (1 - expected), where
expected = sum over {yes, abstain, no} of the two states' own shares of that vote on the same resolutions
(Cohen 1960). kappa is 0 for agreement at chance level given how often each state says yes, 1 for identical records.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from multipolar.store import indicators as db
from multipolar.store.db import Store

VOTES = ("Y", "A", "N")


def matrices(votes: pd.DataFrame) -> tuple[list[str], dict[str, np.ndarray]]:
    """(states, {'n', 'identical', 'kappa'}) square matrices from votes (iso3, resolution, vote)."""
    v = votes[votes.vote.isin(VOTES)]
    wide = v.pivot(index="iso3", columns="resolution", values="vote")
    states = list(wide.index)
    onehot = [(wide == c).to_numpy(dtype=float) for c in VOTES]
    seen = wide.notna().to_numpy(dtype=float)
    n = seen @ seen.T
    same = sum(c @ c.T for c in onehot)
    expected = sum((c @ seen.T) * (seen @ c.T) for c in onehot)
    with np.errstate(invalid="ignore", divide="ignore"):
        identical = same / n
        pe = expected / (n * n)
        kappa = np.where(np.isclose(pe, 1.0), np.nan, (identical - pe) / (1.0 - pe))
    return states, {"n": n, "identical": identical, "kappa": kappa}


def pairs(votes: pd.DataFrame, *, min_common: int = 5) -> pd.DataFrame:
    """Long frame a, b (a < b), n, identical, kappa for every pair with at least min_common common votes."""
    states, m = matrices(votes)
    ia, ib = np.triu_indices(len(states), k=1)
    out = pd.DataFrame({"a": np.array(states, dtype=object)[ia], "b": np.array(states, dtype=object)[ib],
                        "n": m["n"][ia, ib].astype(int), "identical": m["identical"][ia, ib],
                        "kappa": m["kappa"][ia, ib]})
    return out[out.n >= min_common].reset_index(drop=True)


def agreement(store: Store, year: int, *, state: str | None = None, other: str | None = None,
              save: bool = True) -> pd.DataFrame:
    """Pairwise agreement in one calendar year (GA votes): year, a, b, n, identical, kappa.

    With `state`, only its pairs (a = state); with `other` too, just that pair. Saved to vote_agreement
    (all pairs of the year) unless save=False."""
    votes = db.ga_votes(store, year, year)
    out = pairs(votes) if len(votes) else pd.DataFrame(columns=["a", "b", "n", "identical", "kappa"])
    out.insert(0, "year", int(year))
    if save and len(out):
        db.save(store, "vote_agreement", out, {"year": int(year)})
    if state:
        state = state.upper()
        flipped = out.rename(columns={"a": "b", "b": "a"})
        out = pd.concat([out[out.a == state], flipped[flipped.a == state]])[out.columns]
        if other:
            out = out[out.b == other.upper()]
        out = out.sort_values("kappa", ascending=False)
    return out.reset_index(drop=True)


def with_state(votes: pd.DataFrame, state: str) -> pd.DataFrame:
    """Every state's identical share and kappa with `state` over the given votes: iso3, n, identical, kappa."""
    states, m = matrices(votes)
    if state not in states:
        return pd.DataFrame(columns=["iso3", "n", "identical", "kappa"])
    i = states.index(state)
    return pd.DataFrame({"iso3": states, "n": m["n"][i].astype(int), "identical": m["identical"][i],
                         "kappa": m["kappa"][i]}).query("iso3 != @state").reset_index(drop=True)
