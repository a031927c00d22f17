"""The evidence behind a stance toward a target: one Part per kind of evidence, each a value in [-1, 1] per state
(positive = against the target) for the states that have such evidence, the number of items behind it, and a way to
draw one bootstrap replicate (resolutions, roll calls or events resampled with replacement). analysis.stance
combines the parts; docs/indicators.md, "Stance", gives the rules.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from multipolar.errors import QueryError
from multipolar.store import indicators as db
from multipolar.store.db import Store

VOTE_VALUE = {"Y": 1.0, "A": 0.0, "N": -1.0}       # ordered, abstain midway; absent (X) is no evidence
HALF_LIFE_DAYS = 365.0                              # weight of a vote on the target's resolutions halves every year
ALIGNMENT_WINDOW_DAYS = 365
MIN_COMMON_ROLL_CALLS = 20                          # fewer roll calls voted with the target: no alignment evidence
AGAINST_QUANTILE = 0.05
SHARED_BLOCS = {"CSTO": -1.0, "EAEU": -1.0, "NATO": -1.0, "EU": -1.0, "G7": -1.0, "SCO": -0.5, "BRICS": -0.5}
RIVAL_SHARE = 0.5          # a bloc without the target whose members mostly sanction it is a rival bloc: +1
EVENT_WINDOW_DAYS = 365
EVENT_SCALE = 25.0         # component = -tanh(sum of scores / scale)


@dataclass
class Part:
    name: str
    values: pd.Series                       # iso3 -> value in [-1, 1]
    n: pd.Series                            # iso3 -> evidence items
    resample: Callable[[np.random.Generator], pd.Series] | None = None
    default: float | None = None            # value of every other state (a loaded table that does not name it)


def _empty(name: str) -> Part:
    return Part(name, pd.Series(dtype=float), pd.Series(dtype=int))


def _is_state(code) -> bool:
    return isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()


def target_votes(store: Store, target: str, on: date, resolutions: list[str], ev: dict, kind: str) -> Part:
    """Votes on the resolutions about the target: yes = +1, abstain 0, no = -1 (signs flipped where the target
    voted yes), each weighted 0.5 ** (age / HALF_LIFE_DAYS); absent is no evidence."""
    votes = db.votes_for(store, resolutions) if resolutions else pd.DataFrame()
    if votes.empty:
        return _empty(kind)
    votes = votes[pd.to_datetime(votes.date).dt.date <= on]
    own = votes[votes.iso3 == target].set_index("resolution").vote.to_dict()
    rows = []
    for r in votes[votes.iso3 != target].itertuples():
        item = {"kind": kind, "resolution": r.resolution, "date": str(r.date)[:10], "vote": r.vote}
        if r.vote not in VOTE_VALUE:
            ev.setdefault(r.iso3, []).append({**item, "note": "absent: not counted"})
            continue
        w = 0.5 ** ((on - pd.Timestamp(r.date).date()).days / HALF_LIFE_DAYS)
        value = (-1.0 if own.get(r.resolution) == "Y" else 1.0) * VOTE_VALUE[r.vote]
        rows.append((r.iso3, r.resolution, value, w))
        ev.setdefault(r.iso3, []).append({**item, "target_vote": own.get(r.resolution), "value": value,
                                          "weight": round(w, 3)})
    if not rows:
        return _empty(kind)
    f = pd.DataFrame(rows, columns=["iso3", "resolution", "value", "w"])
    val = f.pivot_table(index="iso3", columns="resolution", values="value").fillna(0.0)
    wts = f.pivot_table(index="iso3", columns="resolution", values="w").reindex_like(val).fillna(0.0)
    num, den = (val * wts).to_numpy(), wts.to_numpy()

    def draw(counts) -> pd.Series:
        d = den @ counts
        return pd.Series(np.where(d > 0, (num @ counts) / np.where(d > 0, d, 1), np.nan), index=val.index).dropna()

    ones = np.ones(val.shape[1])
    return Part(kind, draw(ones), pd.Series((den > 0).sum(axis=1), index=val.index),
                lambda rng: draw(rng.multinomial(len(ones), ones / len(ones)).astype(float)))


def alignment(store: Store, target: str, on: date, exclude: set[str], ev: dict) -> Part:
    """General GA agreement with the target over the year before the date, without the resolutions about the
    target: per roll call both voted on, 1 - |vote - target's vote| / 2 (yes 1, abstain 0, no -1); the mean is mapped
    piecewise-linearly so that the median state is 0, full agreement (voting as the target does) -1 and the 5th
    percentile of agreement +1, clipped. States with fewer than MIN_COMMON_ROLL_CALLS roll calls have no evidence here."""
    votes = db.ga_votes_between(store, on - timedelta(days=ALIGNMENT_WINDOW_DAYS), on)
    votes = votes[~votes.resolution.isin(exclude) & votes.vote.isin(list(VOTE_VALUE))]
    if votes.empty or target not in set(votes.iso3):
        return _empty("alignment")
    m = votes.assign(v=votes.vote.map(VOTE_VALUE)).pivot_table(index="iso3", columns="resolution", values="v")
    m = m.loc[:, m.loc[target].notna()]
    agree = 1 - (m - m.loc[target]).abs() / 2
    agree = agree.drop(index=target)
    mask = agree.notna().to_numpy(dtype=float)
    a0 = agree.fillna(0.0).to_numpy()
    n = pd.Series(mask.sum(axis=1), index=agree.index)

    enough = (n >= MIN_COMMON_ROLL_CALLS).to_numpy()
    index = agree.index[enough]
    a0, mask = a0[enough], mask[enough]

    def mapped(counts) -> tuple[pd.Series, dict]:
        k = mask @ counts
        a = np.where(k > 0, (a0 @ counts) / np.where(k > 0, k, 1), np.nan)
        if np.isfinite(a).sum() < 10:
            return pd.Series(dtype=float), {}
        med, lo, hi = float(np.nanmedian(a)), float(np.nanquantile(a, AGAINST_QUANTILE)), 1.0
        v = np.where(a < med, (med - a) / max(med - lo, 1e-9), (med - a) / max(hi - med, 1e-9))
        keep = np.isfinite(v)
        return (pd.Series(np.clip(v[keep], -1, 1), index=index[keep]),
                {"agreement": pd.Series(a, index=index), "median": med, "q05": lo})

    ones = np.ones(mask.shape[1])
    values, ref = mapped(ones)
    for s, v in values.items():
        ev.setdefault(s, []).append({"kind": "un_agreement", "agreement": round(float(ref["agreement"][s]), 3),
                                     "roll_calls": int(n[s]), "median": round(ref["median"], 3),
                                     "q05": round(ref["q05"], 3),
                                     "excluded_resolutions": len(exclude), "value": round(float(v), 3)})
    return Part("alignment", values, n[values.index],
                lambda rng: mapped(rng.multinomial(len(ones), ones / len(ones)).astype(float))[0])


def sanctions(store: Store, target: str, on: date, ev: dict) -> Part:
    """+1 for a state with sanctions against the target in force on the date, or under the target's own sanctions
    (a hostile relation either way); 0 for every other state. A body as sender stands for its members where the
    blocs table lists them (EU); UN measures bind every member and say nothing of a state's own choice."""
    if not db.table_counts(store, ("sanctions",))["sanctions"]:
        raise QueryError("stance needs the sanctions table, which is empty in this store: run `multipolar data "
                         "fetch sanctions` (the bundled table) or `multipolar data load sanctions FILE`")
    rows = db.sanctions_involving(store, target, on)
    members = db.memberships(store, on)
    out = {}
    for r in rows.itertuples():
        other, role = (r.sender, "sanctions the target") if r.target == target else (r.target, "sanctioned by "
                                                                                            "the target")
        codes = [other] if _is_state(other) else sorted(members[members.bloc == other].iso3)
        for c in codes:
            if c == target:
                continue
            out[c] = 1.0
            ev.setdefault(c, []).append({"kind": "sanction", "relation": role, "via": other, "program": r.program,
                                         "start": str(r.start), "source": r.source_name, "url": r.source_url,
                                         "value": 1.0})
    values = pd.Series(out, dtype=float)
    return Part("sanctions", values, pd.Series(1, index=values.index), None, 0.0)


def blocs(store: Store, target: str, on: date, sanctioners: set[str], ev: dict) -> Part:
    """Shared membership with the target (CSTO, EAEU, NATO, EU, G7: -1; SCO, BRICS: -0.5) and membership of a
    rival bloc, one without the target whose members mostly sanction it (+1); the strongest tie of each sign,
    opposite signs add. States in none of these have no evidence here."""
    if not db.table_counts(store, ("bloc_members",))["bloc_members"]:
        raise QueryError("stance needs the blocs table, which is empty in this store: run `multipolar data fetch "
                         "blocs` (the bundled table) or `multipolar data load blocs FILE`")
    m = db.memberships(store, on)
    own = set(m[m.iso3 == target].bloc)
    rivals = {b for b, g in m.groupby("bloc") if b not in own and len(g) >= 3
              and g.iso3.isin(sanctioners).mean() > RIVAL_SHARE}
    out: dict[str, float] = {}
    for r in m[m.iso3 != target].itertuples():
        value = SHARED_BLOCS.get(r.bloc) if r.bloc in own else (1.0 if r.bloc in rivals else None)
        if value is None:
            continue
        old = out.get(r.iso3, 0.0)
        out[r.iso3] = (min(old, value) if value < 0 else max(old, value)) if old * value >= 0 else old + value
        ev.setdefault(r.iso3, []).append({"kind": "bloc", "bloc": r.bloc, "value": value,
                                          "note": "shared with the target" if value < 0 else
                                          "a bloc without the target whose members mostly sanction it"})
    values = pd.Series({k: max(-1.0, min(1.0, v)) for k, v in out.items()}, dtype=float)
    return Part("blocs", values, pd.Series(1, index=values.index))


def events(store: Store, target: str, on: date, ev: dict) -> Part:
    """Coded events between a state and the target in the year before the date: PLOVER scores of acts between
    them (one per event and pair), plus the absolute score of acts they carried out together (co-actors are
    aligned, whatever the act), plus Goldstein scores of loaded GDELT/ICEWS/POLECAT rows; component =
    -tanh(sum / EVENT_SCALE). States without events have no evidence here."""
    from multipolar.analysis.scoring import event_score
    since = on - timedelta(days=EVENT_WINDOW_DAYS)
    items: dict[str, list[float]] = {}

    def add(other, value, entry):
        if _is_state(other) and other != target:
            items.setdefault(other, []).append(value)
            ev.setdefault(other, []).append(entry)

    pairs = db.event_pairs(store, since, on, state=target)
    pairs = pairs[~pairs.reciprocal.astype(bool)] if len(pairs) else pairs
    for r in pairs.assign(other=np.where(pairs.a == target, pairs.b, pairs.a)).drop_duplicates(
            ["id", "other"]).itertuples() if len(pairs) else []:
        s = event_score(r.event, r.mode, r.trigger, r.sentence)[0]
        if s is not None:
            add(r.other, s, {"kind": "event", "id": r.id, "date": str(r.date)[:10], "event": r.event,
                             "mode": r.mode, "score": s, "sentence": r.sentence, "url": r.url})
    for r in db.co_actor_pairs(store, since, on, target).itertuples():
        s = event_score(r.event, r.mode, r.trigger, r.sentence)[0]
        if s is not None:
            add(r.other, max(1.0, abs(s)), {"kind": "co_actor", "id": r.id, "date": str(r.date)[:10],
                                            "event": r.event, "score": max(1.0, abs(s)), "sentence": r.sentence,
                                            "url": r.url, "note": "acted together with the target: aligned"})
    ext = db.external_pairs(store, target)
    ext = ext[(pd.to_datetime(ext.date).dt.date >= since) & (pd.to_datetime(ext.date).dt.date <= on)]
    for r in ext.dropna(subset=["goldstein"]).itertuples():
        add(r.b if r.a == target else r.a, float(r.goldstein),
            {"kind": "external_event", "source": r.source, "id": r.source_id, "date": str(r.date)[:10],
             "cameo": r.cameo, "goldstein": r.goldstein, "url": r.url})

    def value(xs) -> float:
        return -math.tanh(float(np.sum(xs)) / EVENT_SCALE)

    def draw(rng) -> pd.Series:
        return pd.Series({k: value(rng.choice(v, size=len(v))) for k, v in items.items()}, dtype=float)

    values = pd.Series({k: value(v) for k, v in items.items()}, dtype=float)
    return Part("events", values, pd.Series({k: len(v) for k, v in items.items()}, dtype=int), draw)


# ---- ties: dated public facts (store.evidence; the bundled tables while the store's are empty) ----------------
TIE_ARMS_SHARE = 50.0      # per cent of a state's arms imports from the target: at or above, a tie towards it
TIE_ARMS_YEARS = 5         # the latest published share counts while its period ended at most this many years before
TIE_SUMMIT_DAYS = 4 * 365  # attendance at a summit the target hosts counts for four years (the summits' rhythm)
TIE_AID_EUR_BN = 1.0       # aid to the target's adversary: large at EUR 1 bn or more committed ...
TIE_AID_GDP_PCT = 0.25     # ... or at 0.25% of the donor's GDP or more
AID_RECIPIENT = {"RUS": "UKR"}      # the state at war with the target whose donors are counted
TOP_LEVELS = ("head_of_state", "head_of_government")


def ties(store: Store, target: str, on: date, resolutions: list[str], own_votes: dict, ev: dict) -> Part:
    """Ties of each state with or against the target from dated facts known on the date, each item +1 (against) or
    -1 (towards); the component is their mean. Items: sponsoring a resolution about the target (+1, or -1 where the
    target voted for it), adopted by the date; attending a summit the target hosted, in the four years before, at
    head-of-state or head-of-government level (-1); the latest published share of arms imports from the target (a
    period ending at most five years before the date) at 50% or more (-1; a lower share is no evidence either way);
    aid committed to the state at war with the target of EUR 1 bn or 0.25% of GDP or more, released by the date (+1,
    once per donor). States with none of these have no evidence here. Facts, not resampled."""
    from multipolar.store import evidence
    items: dict[str, list[float]] = {}

    def add(state, value, entry):
        if _is_state(state) and state != target:
            items.setdefault(state, []).append(value)
            ev.setdefault(state, []).append({"kind": "tie", **entry, "value": value})

    sp = evidence.rows(store, "cosponsors")
    if len(sp) and resolutions:
        sp = sp[sp.resolution.isin(resolutions) & (pd.to_datetime(sp.adopted).dt.date <= on)]
        for r in sp.itertuples():
            add(r.state, -1.0 if own_votes.get(r.resolution) == "Y" else 1.0,
                {"tie": "sponsor", "resolution": r.resolution, "date": str(r.adopted)[:10], "url": r.source_url})
    sm = evidence.rows(store, "summits")
    if len(sm):
        d = pd.to_datetime(sm.date).dt.date
        recent = (d <= on) & (d > on - timedelta(days=TIE_SUMMIT_DAYS))
        sm = sm[(sm.host == target) & sm.level.isin(TOP_LEVELS) & recent]
        for r in sm.itertuples():
            add(r.state, -1.0, {"tie": "summit", "summit": r.summit, "date": str(r.date)[:10], "level": r.level,
                                "url": r.source_url})
    ar = evidence.rows(store, "arms_imports")
    if len(ar):
        ar = ar[(ar.supplier == target) & (pd.to_datetime(ar.published).dt.date <= on)
                & (ar.period_end >= on.year - TIE_ARMS_YEARS)]
        ar = ar.sort_values(["published", "period_end"]).groupby("state").tail(1)
        for r in ar[ar.share_pct >= TIE_ARMS_SHARE].itertuples():
            add(r.state, -1.0, {"tie": "arms_imports", "period": f"{r.period_start}-{r.period_end}",
                                "share_pct": r.share_pct, "date": str(r.published)[:10], "url": r.source_url})
    aid = evidence.rows(store, "ukraine_aid") if target in AID_RECIPIENT else pd.DataFrame()
    if len(aid):
        known = pd.to_datetime(aid.source_date.fillna(aid.period_end)).dt.date
        aid = aid[(aid.recipient == AID_RECIPIENT[target]) & (known <= on)
                  & ((aid.total.fillna(0) >= TIE_AID_EUR_BN) | (aid.gdp_share_pct.fillna(0) >= TIE_AID_GDP_PCT))]
        for donor, g in aid.groupby("donor"):
            r = g.sort_values("period_end").iloc[-1]
            add(donor, 1.0, {"tie": "aid", "recipient": r.recipient, "period_end": str(r.period_end)[:10],
                             "total_eur_bn": None if pd.isna(r.total) else float(r.total),
                             "gdp_share_pct": None if pd.isna(r.gdp_share_pct) else float(r.gdp_share_pct),
                             "url": r.source_url})
    values = pd.Series({k: float(np.mean(v)) for k, v in items.items()}, dtype=float)
    return Part("ties", values, pd.Series({k: len(v) for k, v in items.items()}, dtype=int))
