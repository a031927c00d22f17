"""Dyads: monthly cooperation-conflict per directed and undirected pair of actors.

From coded events: events, the sum and mean of PLOVER scores (-10..+10, multipolar.ontology.score) and counts per
quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict). Only asserted and
reported events count; an invitation coded as a request or demand counts as AGREE (analysis.scoring). A reciprocal
event ("X and Y met") has no recipient: it counts once for the undirected pair
and not for either direction. From GDELT/ICEWS/POLECAT rows in external_events, where loaded: the number of rows and
the sum of their Goldstein scores, per direction and month.
"""
from __future__ import annotations

import pandas as pd

from multipolar.store import indicators as db
from multipolar.store.db import Store

COLUMNS = ["month", "a", "b", "directed", "events", "score_sum", "mean_score", "verbal_coop", "material_coop",
           "verbal_conflict", "material_conflict", "external_events", "goldstein_sum"]
QUAD_COLS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]


def _scored(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each pair row with its PLOVER score and quad class (analysis.scoring: invitations are cooperation)."""
    from multipolar.analysis.scoring import event_score
    trig = pairs["trigger"] if "trigger" in pairs else [None] * len(pairs)
    scored = [event_score(ev, mode, t, sent) for ev, mode, t, sent in zip(pairs.event, pairs["mode"], trig,
                                                                          pairs.sentence)]
    out = pairs.assign(score=[s if s is not None else float("nan") for s, _ in scored], quad=[q for _, q in scored])
    out["month"] = pd.to_datetime(out.date).dt.to_period("M").dt.to_timestamp().dt.date
    return out


def _aggregate(frame: pd.DataFrame, directed: bool) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    g = frame.groupby(["month", "a", "b"])
    out = g.agg(events=("id", "nunique"), score_sum=("score", "sum"), mean_score=("score", "mean")).reset_index()
    for q, col in enumerate(QUAD_COLS, start=1):
        counts = frame[frame.quad == q].groupby(["month", "a", "b"]).id.nunique().rename(col)
        out = out.merge(counts, on=["month", "a", "b"], how="left")
    out[QUAD_COLS] = out[QUAD_COLS].fillna(0).astype(int)
    out["directed"] = directed
    return out


def monthly(store: Store, a: str | None = None, b: str | None = None, *, save: bool = True) -> pd.DataFrame:
    """Monthly dyad scores, directed (a->b) and undirected (a<b) rows; filtered to pairs with a (and b)."""
    pairs = db.event_pairs(store, state=a.upper() if a else None)
    scored = _scored(pairs) if len(pairs) else pairs.assign(score=[], quad=[], month=[])
    directed = _aggregate(scored[~scored.reciprocal].drop_duplicates(["id", "a", "b"]), True) \
        if len(scored) else pd.DataFrame(columns=COLUMNS)
    und = scored.copy()
    if len(und):
        lo = und[["a", "b"]].min(axis=1)
        hi = und[["a", "b"]].max(axis=1)
        und["a"], und["b"] = lo, hi
        und = und.drop_duplicates(["id", "a", "b"])
    undirected = _aggregate(und, False) if len(und) else pd.DataFrame(columns=COLUMNS)
    out = pd.concat([d for d in (directed, undirected) if len(d)], ignore_index=True) \
        if len(directed) or len(undirected) else pd.DataFrame(columns=COLUMNS)
    out = _with_external(store, out, a)
    if save and len(out) and a is None:
        db.save(store, "dyad_monthly", out[COLUMNS], {})
    if a:
        a = a.upper()
        keep = (out.a == a) | (out.b == a)
        if b:
            keep &= (out.a == b.upper()) | (out.b == b.upper())
        out = out[keep]
    return out[COLUMNS].sort_values(["month", "directed", "a", "b"]).reset_index(drop=True)


def _with_external(store: Store, out: pd.DataFrame, state: str | None) -> pd.DataFrame:
    ext = db.external_pairs(store, state.upper() if state else None)
    if ext.empty:
        out["external_events"] = 0
        out["goldstein_sum"] = 0.0
        return out
    ext["month"] = pd.to_datetime(ext.date).dt.to_period("M").dt.to_timestamp().dt.date
    d = ext.groupby(["month", "a", "b"]).agg(external_events=("source_id", "count"),
                                             goldstein_sum=("goldstein", "sum")).reset_index()
    d["directed"] = True
    lo, hi = ext[["a", "b"]].min(axis=1), ext[["a", "b"]].max(axis=1)
    u = ext.assign(a=lo, b=hi).groupby(["month", "a", "b"]).agg(
        external_events=("source_id", "count"), goldstein_sum=("goldstein", "sum")).reset_index()
    u["directed"] = False
    both = pd.concat([d, u], ignore_index=True)
    if out.empty:
        out = pd.DataFrame(columns=[c for c in COLUMNS if c not in ("external_events", "goldstein_sum")])
    out = out.merge(both, on=["month", "a", "b", "directed"], how="outer")
    for col in ["events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
                "external_events"]:
        out[col] = out[col].fillna(0).astype(int)
    out["score_sum"] = out["score_sum"].fillna(0.0).astype(float)
    out["goldstein_sum"] = out["goldstein_sum"].fillna(0.0).astype(float)
    return out
