"""Stance camps toward any target state on a date, from the evidence in the store (docs/indicators.md, "Stance").

Each state's score in [-1, 1] (positive = against the target) is the weighted mean of the evidence it has
(analysis.stance_evidence): votes on the resolutions about the target and its earlier record (where such resolutions
are known), general UN agreement with the target without those resolutions, sanctions, blocs, coded events and
ties (dated public facts: sponsorships, summit attendance, arms imports, aid to Ukraine; stance_evidence.ties). A
kind of evidence a state lacks is left out of its mean, not counted as zero; `coverage` is the share of the weight
its evidence carries. A bootstrap over resolutions, roll calls and events gives every state an interval and the camp
shares their intervals; states whose interval crosses a camp boundary are flagged.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from multipolar.analysis import stance_evidence as evidence
from multipolar.errors import QueryError
from multipolar.store import indicators as db
from multipolar.store.db import Store, as_date

# Resolutions whose subject is the target (facts; the direction of each vote is read from the target's own vote).
# "votes" are the resolutions on the current conflict; "prior_votes" the earlier record on the same target (RUS:
# 68/262 on Ukraine's territorial integrity, the Crimea human-rights and Crimea militarisation resolutions). Both are
# left out of the general alignment, so that no vote counts twice. Other targets are scored without them.
RESOLUTIONS = {
    "RUS": [f"A/RES/ES-11/{i}" for i in range(1, 9)],
}
PRIOR_RESOLUTIONS = {
    "RUS": ["A/RES/68/262", "A/RES/71/205", "A/RES/72/190", "A/RES/73/263", "A/RES/74/168", "A/RES/75/192",
            "A/RES/76/179", "A/RES/77/229", "A/RES/78/221", "A/RES/73/194", "A/RES/74/17", "A/RES/75/29",
            "A/RES/76/70"],
}
# Fixed before the 2023 comparison was looked at (docs/indicators.md says how they were chosen).
# ties (sponsorships, summits, arms imports, aid: stance_evidence.ties) 0.10: on March 2022 alone, 0.10 and 0.15 both
# reached 30 of 33 named placements (0: 28, 0.05: 28, 0.20-0.30: 29); the smaller was taken.
WEIGHTS = {"votes": 0.20, "sanctions": 0.30, "prior_votes": 0.15, "alignment": 0.25, "blocs": 0.05, "events": 0.10,
           "ties": 0.10}
CAMPS = ("condemning", "leaning_against", "neutral", "leaning_towards", "supporting")
THRESHOLDS = (0.6, 0.2, -0.2, -0.6)         # five equal bins of [-1, 1]
GROUPS = {"against": ("condemning", "leaning_against"), "neutral": ("neutral",),
          "towards": ("leaning_towards", "supporting")}
BASE_YEAR = 2022
REPLICATES = 200
SEED = 13
INTERVAL = (0.05, 0.95)


@dataclass
class Stance:
    target: str
    date: date
    states: pd.DataFrame          # iso3, camp, score, components, coverage, score_lo/hi, camp_stability, near_boundary
    evidence: dict[str, list[dict]]
    world: dict
    gdp_missing: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))
    replicates: np.ndarray | None = None          # bootstrap scores, replicates x states (rows of `states`)

    def camps(self) -> dict[str, dict]:
        out = {}
        pop = self.states.population / self.world["population"]
        reps = self._replicate_camps()
        for camp in CAMPS:
            rows = self.states[self.states.camp == camp]
            item = {"count": int(len(rows)), "population_share": float(rows.population.sum() / self.world["population"]),
                    "gdp_share": float(rows.gdp_usd.sum() / self.world["gdp_usd"]), "states": sorted(rows.iso3),
                    "near_boundary": sorted(rows[rows.near_boundary].iso3)}
            if reps is not None:
                shares = (reps == camp) @ pop.to_numpy()
                item["population_share_interval"] = [float(np.quantile(shares, q)) for q in INTERVAL]
            out[camp] = item
        return out

    def _replicate_camps(self) -> np.ndarray | None:
        if self.replicates is None or not len(self.replicates):
            return None
        return np.vectorize(camp_of)(self.replicates)

    def group_intervals(self) -> dict[str, list[float]]:
        """5-95% bootstrap interval of each EIU group's population share."""
        reps = self._replicate_camps()
        if reps is None:
            return {}
        pop = (self.states.population / self.world["population"]).to_numpy()
        return {g: [float(np.quantile(np.isin(reps, names) @ pop, q)) for q in INTERVAL] for g, names in GROUPS.items()}

    def as_dict(self) -> dict:
        return {"target": self.target, "date": self.date.isoformat(), "camps": self.camps(),
                "groups": self.groups(), "group_intervals": self.group_intervals(),
                "base_year": BASE_YEAR, "gdp_missing": self.gdp_missing, "weights": self.weights,
                "replicates": 0 if self.replicates is None else int(len(self.replicates)), "method": method()}

    def groups(self, camp: pd.Series | None = None) -> dict[str, float]:
        """Population shares (0-1) of the EIU's three groups: against (condemning + leaning_against), neutral,
        towards (leaning_towards + supporting)."""
        camp = self.states.camp if camp is None else camp
        pop = self.states.population / self.world["population"]
        return {g: float(pop[camp.isin(names)].sum()) for g, names in GROUPS.items()}

    def sensitivity(self, change: float = 0.2) -> pd.DataFrame:
        """Group population shares when one weight at a time is multiplied by 1 -/+ `change` (the others fixed),
        and how many states change camp."""
        rows = [{"weight": "(as published)", "factor": 1.0, **self.groups(), "states_moved": 0}]
        for k in self.weights:
            for f in (1 - change, 1 + change):
                camp = score(self.states, {**self.weights, k: self.weights[k] * f}).map(camp_of)
                rows.append({"weight": k, "factor": f, **self.groups(camp),
                             "states_moved": int((camp != self.states.camp).sum())})
        return pd.DataFrame(rows)

    def explain(self, iso3: str) -> dict:
        iso3 = iso3.upper()
        row = self.states[self.states.iso3 == iso3]
        if row.empty:
            raise QueryError(f"{iso3} is not classified toward {self.target} on {self.date}: it has no UN votes in "
                             f"the year before, no sanctions, blocs or events with the target")
        r = row.iloc[0]
        return {"iso3": iso3, "camp": r.camp, "score": round(float(r.score), 3),
                "interval": [round(float(r.score_lo), 3), round(float(r.score_hi), 3)],
                "camp_stability": round(float(r.camp_stability), 3), "near_boundary": bool(r.near_boundary),
                "coverage": round(float(r.coverage), 3),
                "components": {k: (None if pd.isna(r[k]) else round(float(r[k]), 3)) for k in self.weights},
                "evidence_items": {k: int(r[f"n_{k}"]) for k in self.weights},
                "weights": self.weights, "evidence": self.evidence.get(iso3, [])}


def score(frame: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Weighted mean of the components each state has evidence for (NaN components are left out)."""
    w = pd.Series(weights, dtype=float)
    comp = frame.reindex(columns=list(weights))
    den = (comp.notna() * w).sum(axis=1)
    return ((comp.fillna(0.0) * w).sum(axis=1) / den.where(den > 0)).fillna(0.0)


def method(weights: dict[str, float] | None = None) -> str:
    w = ", ".join(f"{k} {v}" for k, v in (weights or WEIGHTS).items())
    return (f"score = weighted mean of the components a state has evidence for, each in [-1, 1] ({w}); positive = "
            f"against the target; coverage = share of the weight with evidence. Camps: condemning >= "
            f"{THRESHOLDS[0]}, leaning_against >= {THRESHOLDS[1]}, neutral > {THRESHOLDS[2]}, leaning_towards > "
            f"{THRESHOLDS[3]}, else supporting. Intervals: {REPLICATES} bootstrap replicates over resolutions, roll "
            f"calls and events (5-95%); near_boundary = the interval crosses a camp boundary. Shares of WDI "
            f"{BASE_YEAR} world totals. See docs/indicators.md.")


def camp_of(value: float) -> str:
    for camp, cut in zip(CAMPS, THRESHOLDS):
        if value >= cut if camp in ("condemning", "leaning_against") else value > cut:
            return camp
    return "supporting"


def _parts(store: Store, target: str, on: date, resolutions: list[str] | None, ev: dict) -> dict:
    own = resolutions or RESOLUTIONS.get(target, [])
    prior = PRIOR_RESOLUTIONS.get(target, []) if not resolutions else []
    parts = {"votes": evidence.target_votes(store, target, on, own, ev, "vote"),
             "prior_votes": evidence.target_votes(store, target, on, prior, ev, "prior_vote"),
             "alignment": evidence.alignment(store, target, on, set(own) | set(prior), ev)}
    if parts["alignment"].values.empty and parts["votes"].values.empty:
        raise QueryError(f"no UN votes of {target} stored for the year before {on}: load them with "
                         f"`multipolar data fetch unvotes` (or check the code and the date)")
    parts["sanctions"] = evidence.sanctions(store, target, on, ev)
    parts["blocs"] = evidence.blocs(store, target, on, set(parts["sanctions"].values.index), ev)
    parts["events"] = evidence.events(store, target, on, ev)
    own_votes = {}
    if own:
        v = db.votes_for(store, own)
        own_votes = v[v.iso3 == target].set_index("resolution").vote.to_dict() if len(v) else {}
    parts["ties"] = evidence.ties(store, target, on, own, own_votes, ev)
    return parts


def _frame(parts: dict, universe: list[str], values: dict | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"iso3": universe})
    for name, part in parts.items():
        series = (values or {}).get(name, part.values)
        col = frame.iso3.map(series)
        if part.default is not None:
            col = col.fillna(part.default)
        frame[name] = col.astype(float)
    return frame


def _bootstrap(parts: dict, universe: list[str], weights: dict, replicates: int) -> np.ndarray:
    """Scores of `replicates` bootstrap draws (states in `universe` order); parts without a resampler are fixed."""
    rng = np.random.default_rng(SEED)
    names = list(weights)
    base = _frame(parts, universe)[names].to_numpy()
    w = np.array([weights[k] for k in names])
    where = pd.Index(universe)
    out = np.empty((replicates, len(universe)))
    for b in range(replicates):
        comp = base.copy()
        for j, name in enumerate(names):
            part = parts[name]
            if part.resample is None:
                continue
            drawn = part.resample(rng)
            col = np.full(len(universe), np.nan if part.default is None else part.default)
            ix = where.get_indexer(drawn.index)
            col[ix[ix >= 0]] = drawn.to_numpy()[ix >= 0]
            comp[:, j] = col
        has = ~np.isnan(comp)
        den = has @ w
        out[b] = np.where(den > 0, np.nan_to_num(comp) @ w / np.where(den > 0, den, 1), 0.0)
    return out


def classify(store: Store, target: str, on, *, resolutions: list[str] | None = None, save: bool = True,
             replicates: int = REPLICATES) -> Stance:
    """Camps of every state with evidence toward `target` on date `on` (any state; resolutions about the target
    add the votes components where known or given)."""
    target = target.upper()
    on = as_date(on, "date")
    ev: dict[str, list[dict]] = {}
    parts = _parts(store, target, on, resolutions, ev)
    universe = sorted(set().union(*(p.values.index for p in parts.values())) - {target})
    frame = _frame(parts, universe)
    used = {k: w for k, w in WEIGHTS.items() if not parts[k].values.empty or parts[k].default is not None}
    for k, part in parts.items():
        frame[f"n_{k}"] = frame.iso3.map(part.n).fillna(0).astype(int)
    frame["score"] = score(frame, used)
    frame["camp"] = frame.score.map(camp_of)
    frame["coverage"] = (frame[list(used)].notna() * pd.Series(used)).sum(axis=1) / sum(used.values())
    from threadpoolctl import threadpool_limits
    with threadpool_limits(1):          # small matrices: threaded BLAS only adds contention on a busy machine
        reps = _bootstrap(parts, universe, used, replicates) if replicates else np.empty((0, len(universe)))
    _intervals(frame, reps)
    states, world = db.world_pop_gdp(store, BASE_YEAR)
    frame = frame.merge(states[["iso3", "population", "gdp_usd"]], on="iso3", how="left")
    gdp_missing = sorted(frame[frame.gdp_usd.isna()].iso3)
    frame[["population", "gdp_usd"]] = frame[["population", "gdp_usd"]].fillna(0.0)
    result = Stance(target, on, frame, ev, world, gdp_missing, used, reps if replicates else None)
    if save:
        rows = frame[["iso3", "camp", "score", "coverage", "score_lo", "score_hi", "near_boundary"]].copy()
        rows.insert(0, "on_date", on)
        rows.insert(0, "target", target)
        rows["evidence"] = [json.dumps(ev.get(i, []), default=str) for i in rows.iso3]
        db.save(store, "stance_states", rows, {"target": target, "on_date": on})
    return result


def _intervals(frame: pd.DataFrame, reps: np.ndarray) -> None:
    if not len(reps):
        frame["score_lo"] = frame["score_hi"] = frame.score
        frame["camp_stability"] = 1.0
    else:
        frame["score_lo"], frame["score_hi"] = (np.quantile(reps, q, axis=0) for q in INTERVAL)
        frame["camp_stability"] = (np.vectorize(camp_of)(reps) == frame.camp.to_numpy()).mean(axis=0)
    lo, hi = frame.score_lo.clip(upper=frame.score), frame.score_hi.clip(lower=frame.score)
    frame["near_boundary"] = [any(a < t <= b or a <= t < b for t in THRESHOLDS) or
                              min(abs(s - t) for t in THRESHOLDS) < 0.05 for a, b, s in zip(lo, hi, frame.score)]
