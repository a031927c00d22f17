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

import pandas as pd

from multipolar.errors import QueryError
from multipolar.store import indicators as db
from multipolar.store.db import Store, as_date

# Resolutions whose subject is the target (the facts; the direction of each vote is read from the target's own
# vote: a resolution the target voted against is one where "yes" is a vote against the target). "votes" are the
# resolutions on the current conflict; "prior_votes" the earlier record on the same target (RUS: 68/262 on
# Ukraine's territorial integrity, the annual Crimea human-rights and Crimea militarisation resolutions).
RESOLUTIONS = {
    "RUS": [f"A/RES/ES-11/{i}" for i in range(1, 9)],
}
PRIOR_RESOLUTIONS = {
    "RUS": ["A/RES/68/262", "A/RES/71/205", "A/RES/72/190", "A/RES/73/263", "A/RES/74/168", "A/RES/75/192",
            "A/RES/76/179", "A/RES/77/229", "A/RES/78/221", "A/RES/73/194", "A/RES/74/17", "A/RES/75/29",
            "A/RES/76/70"],
}
# Fixed a priori (docs/indicators.md, "Stance": why these numbers), not fitted to the EIU figures: acts about the
# conflict itself (votes 0.35, sanctions 0.2) outweigh the standing orientation toward the target (prior votes
# 0.15, general UN alignment 0.15, shared blocs 0.05); coded events 0.1. A component with no data anywhere in the
# store (e.g. events in a store without news) is dropped and the others keep their ratios.
WEIGHTS = {"votes": 0.35, "sanctions": 0.2, "prior_votes": 0.15, "alignment": 0.15, "blocs": 0.05, "events": 0.1}
VOTE_VALUE = {"Y": 1.0, "A": 0.0, "N": -1.0}       # ordered, abstain midway; absent (X) is no evidence
HALF_LIFE_DAYS = 365.0                              # weight of a vote halves every year before the date
ALIGNMENT_WINDOW_DAYS = 365                         # ideal points from the GA votes of the year before the date
BLOC_TIES = {"CSTO": -1.0, "EAEU": -1.0, "SCO": -0.5, "BRICS": -0.5}   # shared with the target
BLOC_RIVAL = {"NATO": 1.0, "EU": 1.0, "G7": 1.0}                         # the target is not a member
EVENT_WINDOW_DAYS = 365
EVENT_SCALE = 25.0              # tanh(sum of scores / scale)
CAMPS = ("condemning", "leaning_against", "neutral", "leaning_towards", "supporting")
THRESHOLDS = (0.6, 0.2, -0.2, -0.6)         # five equal bins of [-1, 1]
BASE_YEAR = 2022


@dataclass
class Stance:
    target: str
    date: date
    states: pd.DataFrame                     # iso3, camp, score, components..., population, gdp_usd
    evidence: dict[str, list[dict]]
    world: dict
    gdp_missing: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))

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
                "base_year": BASE_YEAR, "gdp_missing": self.gdp_missing, "weights": self.weights,
                "method": method()}

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
            raise QueryError(f"{iso3} is not classified for {self.target} on {self.date}: not a UN member voting "
                             f"on the resolutions, nor a sanctioning state")
        r = row.iloc[0]
        return {"iso3": iso3, "camp": r.camp, "score": round(float(r.score), 3),
                "components": {k: round(float(r[k]), 3) for k in WEIGHTS if k in r},
                "weights": self.weights, "evidence": self.evidence.get(iso3, [])}


GROUPS = {"against": ("condemning", "leaning_against"), "neutral": ("neutral",),
          "towards": ("leaning_towards", "supporting")}


def effective_weights(has_data: dict[str, bool]) -> dict[str, float]:
    """WEIGHTS without the components that have no data in the store, rescaled to sum to 1."""
    kept = {k: w for k, w in WEIGHTS.items() if has_data.get(k)}
    total = sum(kept.values()) or 1.0
    return {k: round(w / total, 4) for k, w in kept.items()}


def score(frame: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Weighted mean of the components (weights need not sum to 1: they are normalised here)."""
    return sum(w * frame[k] for k, w in weights.items()) / sum(weights.values())


def method(weights: dict[str, float] | None = None) -> str:
    w = ", ".join(f"{k} {v}" for k, v in (weights or WEIGHTS).items())
    return (f"score = weighted mean of components in [-1, 1] ({w}); positive = against the target. Camps: "
            f"condemning >= {THRESHOLDS[0]}, leaning_against >= {THRESHOLDS[1]}, neutral > {THRESHOLDS[2]}, "
            f"leaning_towards > {THRESHOLDS[3]}, else supporting. A component with no data in the store is dropped "
            f"and the others rescaled ('weights' gives those used). Shares of WDI {BASE_YEAR} world totals. "
            "See docs/indicators.md.")


def camp_of(score: float) -> str:
    for camp, cut in zip(CAMPS, THRESHOLDS):
        if score >= cut if camp in ("condemning", "leaning_against") else score > cut:
            return camp
    return "supporting"


def _votes(store: Store, target: str, on: date, resolutions, ev: dict,
           kind: str = "vote") -> tuple[pd.Series, set[str]]:
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
        item = {"kind": kind, "resolution": r.resolution, "date": str(r.date)[:10], "vote": r.vote}
        if r.vote not in VOTE_VALUE:
            ev.setdefault(r.iso3, []).append({**item, "note": "absent: not counted"})
            continue
        w = 0.5 ** ((on - pd.Timestamp(r.date).date()).days / HALF_LIFE_DAYS)
        value = sign * VOTE_VALUE[r.vote]
        num[r.iso3] = num.get(r.iso3, 0.0) + w * value
        den[r.iso3] = den.get(r.iso3, 0.0) + w
        ev.setdefault(r.iso3, []).append({**item, "target_vote": own.get(r.resolution), "value": value,
                                          "weight": round(w, 3)})
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
    """General GA voting: one-dimensional ideal points (analysis.idealpoints) from the votes of the year before the
    date, mapped piecewise-linearly so that the median state is 0, the target -1 and the mean of its opponents (the
    sanctioning states) +1; clipped to [-1, 1]. No free scale parameter."""
    from multipolar.analysis import idealpoints
    votes = db.ga_votes_between(store, on - timedelta(days=ALIGNMENT_WINDOW_DAYS), on)
    if votes.empty:
        return pd.Series(dtype=float)
    x = idealpoints.estimate_year(votes).set_index("iso3").ideal_point
    opp = [s for s in opponents if s in x.index and s != target]
    if target not in x.index or not opp:
        return pd.Series(dtype=float)
    x_t, x_o, med = float(x[target]), float(x[opp].mean()), float(x.median())
    if x_o < x_t:                                   # orient: opponents on the positive side
        x, x_t, x_o, med = -x, -x_t, -x_o, -med
    out = {}
    for s, xi in x.drop(target).items():
        value = (xi - med) / (x_o - med) if xi >= med else (xi - med) / (med - x_t)
        value = max(-1.0, min(1.0, float(value)))
        out[s] = value
        ev.setdefault(s, []).append({"kind": "un_alignment", "ideal_point": round(float(xi), 3),
                                     "target_ideal_point": round(x_t, 3), "opponents_mean": round(x_o, 3),
                                     "median": round(med, 3), "opponents": len(opp), "value": round(value, 3)})
    return pd.Series(out, dtype=float)


def _blocs(store: Store, target: str, on: date, ev: dict) -> pd.Series:
    m = db.memberships(store, on)
    target_blocs = set(m[m.iso3 == target].bloc)
    out: dict[str, float] = {}
    for r in m[m.iso3 != target].itertuples():
        value = BLOC_TIES.get(r.bloc) if r.bloc in target_blocs else BLOC_RIVAL.get(r.bloc)
        if value is None:
            continue
        old = out.get(r.iso3, 0.0)             # the strongest tie of each sign; opposite signs add
        out[r.iso3] = (min(old, value) if value < 0 else max(old, value)) if old * value >= 0 else old + value
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
    prior = PRIOR_RESOLUTIONS.get(target, []) if resolutions == RESOLUTIONS.get(target) else []
    parts["prior_votes"] = _votes(store, target, on, prior, ev, "prior_vote")[0] if prior else pd.Series(dtype=float)
    parts["alignment"] = _alignment(store, target, on, set(parts["sanctions"].index), ev)
    parts["blocs"] = _blocs(store, target, on, ev)
    parts["events"] = _events(store, target, on, ev)
    universe = sorted((members | set(parts["sanctions"].index)) - {target})
    frame = pd.DataFrame({"iso3": universe})
    for name, series in parts.items():
        frame[name] = frame.iso3.map(series).fillna(0.0).astype(float)
    weights = effective_weights({k: not v.empty for k, v in parts.items()})
    frame["score"] = score(frame, weights)
    frame["camp"] = frame.score.map(camp_of)
    states, world = db.world_pop_gdp(store, BASE_YEAR)
    frame = frame.merge(states[["iso3", "population", "gdp_usd"]], on="iso3", how="left")
    gdp_missing = sorted(frame[frame.gdp_usd.isna()].iso3)
    frame[["population", "gdp_usd"]] = frame[["population", "gdp_usd"]].fillna(0.0)
    result = Stance(target, on, frame, ev, world, gdp_missing, weights)
    if save:
        import json
        rows = frame[["iso3", "camp", "score"]].copy()
        rows.insert(0, "on_date", on)
        rows.insert(0, "target", target)
        rows["evidence"] = [json.dumps(ev.get(i, []), default=str) for i in rows.iso3]
        db.save(store, "stance_camps", rows, {"target": target, "on_date": on})
    return result
