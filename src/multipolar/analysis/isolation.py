"""Isolation index of a state over time (monthly or quarterly), with its three components visible.

  engagement   breadth of leader-level engagement: the partners it met in CONSULT events (any level when no
               leader-level meetings are coded), each weighted by half its share of world population and half its
               share of world GDP (WDI base year); isolation part = 1 - min(1, breadth / ENGAGEMENT_FULL)
  balance      mean PLOVER score of events from others toward it (others as actor, it as recipient, plus reciprocal
               events), / 10, in [-1, 1]; isolation part = (1 - balance) / 2
  votes        UN-vote isolation: on the GA resolutions where it voted no, the share of the other states voting
               (yes, abstain or no) that did not vote no with it
  index        mean of the available isolation parts, 0 (embedded) .. 1 (isolated); a period without data for a
               component leaves that component out and says so (n_components)
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from multipolar.store import indicators as db
from multipolar.store.db import Store

FREQS = {"month": "M", "quarter": "Q"}
ENGAGEMENT_FULL = 0.5
BASE_YEAR = 2022
ALL_COLUMNS = ["period", "index", "n_components", "engagement_isolation", "balance_isolation", "vote_isolation",
               "engagement_breadth", "partners", "partners_met", "event_balance", "events_from_others",
               "resolutions_opposed"]


def _periods(dates: pd.Series, freq: str) -> pd.Series:
    return pd.to_datetime(dates).dt.to_period(FREQS[freq]).astype(str)


def components(store: Store, state: str, freq: str = "quarter", since: date | None = None,
               until: date | None = None) -> pd.DataFrame:
    state = state.upper()
    from multipolar.analysis.dyads import _scored
    states, world = db.world_pop_gdp(store, BASE_YEAR)
    weight = {}
    if len(states):
        w = 0.5 * states.population.fillna(0) / world["population"] + 0.5 * states.gdp_usd.fillna(0) / world["gdp_usd"]
        weight = dict(zip(states.iso3, w))
    parts = []
    pairs = db.event_pairs(store, since, until, state=state)
    if len(pairs):
        pairs = _scored(pairs)
        pairs["period"] = _periods(pairs.date, freq)
        meet = pairs[(pairs.event == "CONSULT")]
        other = np.where(meet.a == state, meet.b, meet.a)
        meet = meet.assign(other=other)
        lead = meet[np.where(meet.a == state, meet.a_kind, meet.b_kind) == "leader"]
        use = lead if len(lead) else meet
        eng = use.groupby("period").other.apply(lambda s: sorted(set(s))).rename("partners_met")
        parts.append(eng.to_frame().assign(
            engagement_breadth=lambda f: f.partners_met.map(lambda p: sum(weight.get(c, 0.0) for c in p)),
            partners=lambda f: f.partners_met.map(len)))
        towards = pairs[(pairs.b == state) & (pairs.a != state)].drop_duplicates(["id", "a"])
        bal = towards.groupby("period").agg(event_balance=("score", "mean"), events_from_others=("id", "nunique"))
        bal["event_balance"] = bal.event_balance / 10.0
        parts.append(bal)
    votes = db.ga_votes_between(store, since or date(1946, 1, 1), until or date(2100, 1, 1))
    if len(votes):
        own = votes[(votes.iso3 == state) & (votes.vote == "N")][["resolution"]]
        v = votes[votes.resolution.isin(own.resolution) & (votes.iso3 != state) & votes.vote.isin(["Y", "A", "N"])]
        if len(v):
            v = v.assign(period=_periods(v.date, freq), with_it=(v.vote == "N"))
            vi = v.groupby("period").agg(vote_isolation=("with_it", lambda s: 1 - s.mean()),
                                         resolutions_opposed=("resolution", "nunique"))
            parts.append(vi)
    if not parts:
        return pd.DataFrame(columns=["period", "index"])
    out = pd.concat(parts, axis=1).sort_index()
    out.index.name = "period"
    return out.reset_index()


def index(store: Store, state: str, freq: str = "quarter", since: date | None = None, until: date | None = None,
          *, save: bool = True) -> pd.DataFrame:
    """period, index, engagement_isolation, balance_isolation, vote_isolation and the raw components."""
    out = components(store, state, freq, since, until)
    if out.empty:
        return out
    cols = []
    if "engagement_breadth" in out:
        out["engagement_isolation"] = 1 - np.minimum(1.0, out.engagement_breadth / ENGAGEMENT_FULL)
        cols.append("engagement_isolation")
    if "event_balance" in out:
        out["balance_isolation"] = (1 - out.event_balance) / 2
        cols.append("balance_isolation")
    if "vote_isolation" in out:
        cols.append("vote_isolation")
    out["index"] = out[cols].mean(axis=1, skipna=True)
    out["n_components"] = out[cols].notna().sum(axis=1)
    if "partners_met" in out:
        out["partners_met"] = out.partners_met.map(lambda p: " ".join(p) if isinstance(p, list) else "")
    else:
        out["partners_met"] = ""
    for col in ALL_COLUMNS:
        if col not in out:
            out[col] = np.nan
    out = out[ALL_COLUMNS]
    if save:
        db.save(store, "isolation_index", out.assign(state=state.upper(), freq=freq),
                {"state": state.upper(), "freq": freq})
    return out
