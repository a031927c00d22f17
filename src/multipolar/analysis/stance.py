"""Stance camps toward a target state on a date, from evidence in the store (docs/indicators.md, "Stance").

Every state gets a score in [-1, 1] (positive = against the target) that is a weighted sum of components, each in
[-1, 1]; the camp follows from thresholds on the score. Nothing is hard-coded per state: the inputs are the roll
calls on the resolutions about the target, the sanctions table, bloc memberships, the GA voting record, and coded
events. Each component keeps the rows it was computed from, so `explain` can list the evidence behind a camp.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from multipolar.analysis import agreement
from multipolar.errors import QueryError
from multipolar.store import indicators as db
from multipolar.store.db import Store, as_date

# Resolutions whose subject is the target (the facts; the direction of each vote is read from the target's own
# vote: a resolution the target voted against is one where "yes" is a vote against the target).
RESOLUTIONS = {
    "RUS": ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/2", "A/RES/ES-11/3", "A/RES/ES-11/4",
            "A/RES/ES-11/5", "A/RES/ES-11/6", "A/RES/ES-11/7", "A/RES/ES-11/8"],
}
# Calibrated on the two EIU dates (2022-03, 2023-03) over a coarse grid; see docs/indicators.md for the grid,
# the fit and its misses. blocs has weight 0: it is listed as evidence but did not improve the fit.
WEIGHTS = {"votes": 0.5, "sanctions": 0.2, "alignment": 0.4, "blocs": 0.0, "events": 0.15}
VOTE_VALUE = {"Y": 1.0, "A": -0.2, "N": -1.0}      # absent (X) is no evidence
HALF_LIFE_DAYS = 365.0                              # weight of a vote halves every year before the date
ALIGNMENT_WINDOW_DAYS = 730
ALIGNMENT_SCALE = 0.45          # (kappa with target - kappa with opponents), centred on the median, / scale -> +-1
BLOC_TIES = {"CSTO": -1.0, "EAEU": -1.0, "SCO": -0.5, "BRICS": -0.5}   # shared with the target
BLOC_RIVAL = {"NATO": 1.0, "EU": 1.0, "G7": 1.0}                         # the target is not a member
EVENT_WINDOW_DAYS = 365
EVENT_SCALE = 25.0              # tanh(sum of scores / scale)
CAMPS = ("condemning", "leaning_against", "neutral", "leaning_towards", "supporting")
THRESHOLDS = (0.6, 0.25, -0.35, -0.7)       # score >= 0.6 condemning, >= 0.25 leaning against, ...
BASE_YEAR = 2022


@dataclass
class Stance:
    target: str
    date: date
    states: pd.DataFrame                     # iso3, camp, score, components..., population, gdp_usd
    evidence: dict[str, list[dict]]
    world: dict
    gdp_missing: list[str] = field(default_factory=list)

    def camps(self) -> dict[str, dict]:
        out = {}
        for camp in CAMPS:
            rows = self.states[self.states.camp == camp]
            out[camp] = {"count": int(len(rows)),
                         "population_share": float(rows.population.sum() / self.world["population"]),
                         "gdp_share": float(rows.gdp_usd.sum() / self.world["gdp_usd"]),
                         "states": sorted(rows.iso3)}
        return out

    def as_dict(self) -> dict:
        return {"target": self.target, "date": self.date.isoformat(), "camps": self.camps(),
                "base_year": BASE_YEAR, "gdp_missing": self.gdp_missing, "method": method()}

    def explain(self, iso3: str) -> dict:
        iso3 = iso3.upper()
        row = self.states[self.states.iso3 == iso3]
        if row.empty:
            raise QueryError(f"{iso3} is not classified for {self.target} on {self.date}: not a UN member voting "
                             f"on the resolutions, nor a sanctioning state")
        r = row.iloc[0]
        return {"iso3": iso3, "camp": r.camp, "score": round(float(r.score), 3),
                "components": {k: round(float(r[k]), 3) for k in WEIGHTS},
                "weights": WEIGHTS, "evidence": self.evidence.get(iso3, [])}


def method() -> str:
    w = ", ".join(f"{k} {v}" for k, v in WEIGHTS.items())
    return (f"score = sum of weighted components in [-1, 1] ({w}); positive = against the target. Camps: "
            f"condemning >= {THRESHOLDS[0]}, leaning_against >= {THRESHOLDS[1]}, neutral > {THRESHOLDS[2]}, "
            f"leaning_towards > {THRESHOLDS[3]}, else supporting. Shares of WDI {BASE_YEAR} world totals. "
            "See docs/indicators.md.")


def camp_of(score: float) -> str:
    for camp, cut in zip(CAMPS, THRESHOLDS):
        if score >= cut if camp in ("condemning", "leaning_against") else score > cut:
            return camp
    return "supporting"


def _votes(store: Store, target: str, on: date, resolutions, ev: dict) -> tuple[pd.Series, set[str]]:
    votes = db.votes_for(store, resolutions)
    votes = votes[pd.to_datetime(votes.date).dt.date <= on]
    if votes.empty:
        return pd.Series(dtype=float), set()
    latest = votes[votes.date == votes.date.max()]
    members = set(latest.iso3) - {target}
    own = votes[votes.iso3 == target].set_index("resolution").vote.to_dict()
    num: dict[str, float] = {}
    den: dict[str, float] = {}
    for r in votes[votes.iso3 != target].itertuples():
        sign = -1.0 if own.get(r.resolution) == "Y" else 1.0     # target voted yes: "yes" is with it
        if r.vote not in VOTE_VALUE:
            ev.setdefault(r.iso3, []).append({"kind": "vote", "resolution": r.resolution, "date": str(r.date)[:10],
                                              "vote": r.vote, "note": "absent: not counted"})
            continue
        age = (on - pd.Timestamp(r.date).date()).days
        w = 0.5 ** (age / HALF_LIFE_DAYS)
        value = sign * VOTE_VALUE[r.vote]
        num[r.iso3] = num.get(r.iso3, 0.0) + w * value
        den[r.iso3] = den.get(r.iso3, 0.0) + w
        ev.setdefault(r.iso3, []).append({"kind": "vote", "resolution": r.resolution, "date": str(r.date)[:10],
                                          "vote": r.vote, "target_vote": own.get(r.resolution),
                                          "value": value, "weight": round(w, 3)})
    return pd.Series({k: num[k] / den[k] for k in num}, dtype=float), members


def _sanctions(store: Store, target: str, on: date, ev: dict) -> pd.Series:
    rows = db.sanctions_between(store, target, on)
    out = {}
    for r in rows.itertuples():
        if len(r.sender) == 3 and r.sender.isalpha():
            out[r.sender] = 1.0
            ev.setdefault(r.sender, []).append({"kind": "sanction", "program": r.program, "start": str(r.start),
                                                "source": r.source_name, "url": r.source_url, "value": 1.0})
    return pd.Series(out, dtype=float)


def _alignment(store: Store, target: str, on: date, opponents: set[str], ev: dict) -> pd.Series:
    """How a state votes in general: kappa with the target minus its mean kappa with the target's opponents
    (the states sanctioning it), centred on the median state; GA votes of the ALIGNMENT_WINDOW_DAYS before."""
    votes = db.ga_votes_between(store, on - timedelta(days=ALIGNMENT_WINDOW_DAYS), on)
    if votes.empty:
        return pd.Series(dtype=float)
    states, m = agreement.matrices(votes)
    if target not in states:
        return pd.Series(dtype=float)
    index = {s: i for i, s in enumerate(states)}
    t = index[target]
    opp = [index[s] for s in opponents if s in index and s != target]
    rows = []
    for s, i in index.items():
        if s == target or m["n"][i, t] < 10:
            continue
        k_t = m["kappa"][i, t]
        k_o = float(np.nanmean([m["kappa"][i, j] for j in opp if j != i])) if opp else 0.0
        rows.append((s, k_t, k_o, k_t - k_o, int(m["n"][i, t])))
    frame = pd.DataFrame(rows, columns=["iso3", "k_target", "k_opponents", "raw", "n"]).dropna()
    if frame.empty:
        return pd.Series(dtype=float)
    centre = float(frame.raw.median())
    out = {}
    for r in frame.itertuples():
        value = max(-1.0, min(1.0, (centre - r.raw) / ALIGNMENT_SCALE))
        out[r.iso3] = value
        ev.setdefault(r.iso3, []).append({"kind": "un_alignment", "kappa_with_target": round(r.k_target, 3),
                                          "mean_kappa_with_opponents": round(r.k_opponents, 3), "n": r.n,
                                          "median_difference": round(centre, 3), "value": round(value, 3),
                                          "opponents": len(opp)})
    return pd.Series(out, dtype=float)


def _blocs(store: Store, target: str, on: date, ev: dict) -> pd.Series:
    m = db.memberships(store, on)
    target_blocs = set(m[m.iso3 == target].bloc)
    out: dict[str, float] = {}
    for r in m[m.iso3 != target].itertuples():
        value = BLOC_TIES.get(r.bloc) if r.bloc in target_blocs else BLOC_RIVAL.get(r.bloc)
        if value is None:
            continue
        out[r.iso3] = out.get(r.iso3, 0.0) + value
        ev.setdefault(r.iso3, []).append({"kind": "bloc", "bloc": r.bloc, "value": value,
                                          "note": "shared with the target" if value < 0 else
                                          "a bloc the target is not in"})
    return pd.Series({k: max(-1.0, min(1.0, v)) for k, v in out.items()}, dtype=float)


def _events(store: Store, target: str, on: date, ev: dict) -> pd.Series:
    from multipolar.ontology import score as plover_score
    since = on - timedelta(days=EVENT_WINDOW_DAYS)
    totals: dict[str, float] = {}
    pairs = db.event_pairs(store, since, on, state=target)
    for r in pairs.drop_duplicates(["id", "a", "b"]).itertuples():
        other = r.b if r.a == target else r.a
        if not (len(other) == 3 and other.isupper()):
            continue
        try:
            s = plover_score(r.event, r.mode)
        except Exception:  # noqa: BLE001 - an unknown type carries no score
            continue
        totals[other] = totals.get(other, 0.0) + s
        ev.setdefault(other, []).append({"kind": "event", "id": r.id, "date": str(r.date)[:10], "event": r.event,
                                         "mode": r.mode, "score": s, "sentence": r.sentence, "url": r.url})
    ext = db.external_pairs(store, target)
    ext = ext[(pd.to_datetime(ext.date).dt.date >= since) & (pd.to_datetime(ext.date).dt.date <= on)]
    for r in ext.dropna(subset=["goldstein"]).itertuples():
        other = r.b if r.a == target else r.a
        totals[other] = totals.get(other, 0.0) + float(r.goldstein)
        ev.setdefault(other, []).append({"kind": "external_event", "source": r.source, "id": r.source_id,
                                         "date": str(r.date)[:10], "cameo": r.cameo, "goldstein": r.goldstein,
                                         "url": r.url})
    # cooperation with the target counts towards it: the component is minus the net score
    return pd.Series({k: -math.tanh(v / EVENT_SCALE) for k, v in totals.items()}, dtype=float)


def classify(store: Store, target: str, on, *, resolutions: list[str] | None = None, save: bool = True) -> Stance:
    """Camps of every UN member (and every sanctioning state) toward `target` on date `on`."""
    target = target.upper()
    on = as_date(on, "date")
    resolutions = resolutions or RESOLUTIONS.get(target)
    if not resolutions:
        raise QueryError(f"no resolutions about {target} are known: pass resolutions=[...] (--resolution)")
    ev: dict[str, list[dict]] = {}
    parts = {}
    parts["votes"], members = _votes(store, target, on, resolutions, ev)
    if not members:
        raise QueryError(f"no votes stored on the resolutions about {target} before {on}: load UN votes with "
                         f"`multipolar data fetch unvotes`")
    parts["sanctions"] = _sanctions(store, target, on, ev)
    parts["alignment"] = _alignment(store, target, on, set(parts["sanctions"].index), ev)
    parts["blocs"] = _blocs(store, target, on, ev)
    parts["events"] = _events(store, target, on, ev)
    universe = sorted((members | set(parts["sanctions"].index)) - {target})
    frame = pd.DataFrame({"iso3": universe})
    for name, series in parts.items():
        frame[name] = frame.iso3.map(series).fillna(0.0).astype(float)
    frame["score"] = sum(WEIGHTS[k] * frame[k] for k in WEIGHTS)
    frame["camp"] = frame.score.map(camp_of)
    states, world = db.world_pop_gdp(store, BASE_YEAR)
    frame = frame.merge(states[["iso3", "population", "gdp_usd"]], on="iso3", how="left")
    gdp_missing = sorted(frame[frame.gdp_usd.isna()].iso3)
    frame[["population", "gdp_usd"]] = frame[["population", "gdp_usd"]].fillna(0.0)
    result = Stance(target, on, frame, ev, world, gdp_missing)
    if save:
        import json
        rows = frame[["iso3", "camp", "score"]].copy()
        rows.insert(0, "on_date", on)
        rows.insert(0, "target", target)
        rows["evidence"] = [json.dumps(ev.get(i, []), default=str) for i in rows.iso3]
        db.save(store, "stance_camps", rows, {"target": target, "on_date": on})
    return result
