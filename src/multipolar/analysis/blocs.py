"""Blocs and polarity from UN votes: a network of states whose edge weights are vote agreement (Cohen's kappa,
analysis.agreement), Louvain communities (networkx), the effective number of poles, the cohesion of a named bloc
("the West") and the states that drift between communities from one year to the next.

Signed network: kappa is negative for pairs that agree less than chance; community detection uses the positive
part (Louvain needs non-negative weights); the negative edges are kept in `signed_edges` for inspection.

A community is labelled by its most central members (the LABEL_SIZE with the largest sum of kappa with the rest of
it). A state drifts from one year to the next only when the move holds under resampling of the resolutions: its
mean kappa with the members of its old community exceeds that with the members of its new one in at least
DRIFT_SUPPORT of the bootstrap replicates of the first year, and the reverse in the second.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from multipolar.analysis import agreement
from multipolar.store import indicators as db
from multipolar.store.db import Store

SEED = 7
RESOLUTION = 1.0
MIN_SHARE = 0.02          # communities smaller than this share of states do not count as poles
# "The West" = members of the EU, NATO and G7 on the date plus these close partners (US treaty allies and
# Western European non-members; written by the authors, cited in docs/indicators.md).
WEST_BLOCS = ("EU", "NATO", "G7")
WEST_PARTNERS = ("AUS", "NZL", "JPN", "KOR", "CHE", "LIE", "NOR", "ISL")
LABEL_SIZE = 3
REPLICATES = 100
DRIFT_SUPPORT = 0.95


def signed_edges(store: Store, year: int) -> pd.DataFrame:
    """a, b, n, identical, kappa for the year's GA votes (kappa < 0: a negative tie)."""
    return agreement.pairs(db.ga_votes(store, year, year), min_common=10)


def communities(store: Store, year: int, *, min_kappa: float = 0.0) -> pd.DataFrame:
    """iso3, community (0 = largest), label (its most central members, e.g. 'DEU FRA NLD'), central (bool), for
    one year."""
    import networkx as nx
    edges = signed_edges(store, year)
    g = nx.Graph()
    g.add_nodes_from(sorted(set(edges.a) | set(edges.b)))
    pos = edges[edges.kappa > min_kappa]
    g.add_weighted_edges_from(zip(pos.a, pos.b, pos.kappa))
    found = nx.community.louvain_communities(g, weight="weight", resolution=RESOLUTION, seed=SEED)
    found = sorted(found, key=lambda c: (-len(c), min(c)))
    rows = []
    for i, members in enumerate(found):
        sub = g.subgraph(members)
        strength = sorted(members, key=lambda s: (-sub.degree(s, weight="weight"), s))
        central = strength[:LABEL_SIZE]
        rows += [(s, i, " ".join(central), s in central) for s in sorted(members)]
    return pd.DataFrame(rows, columns=["iso3", "community", "label", "central"])


def effective_poles(sizes) -> float:
    """Laakso-Taagepera effective number: 1 / sum of squared shares of the communities above MIN_SHARE."""
    sizes = np.asarray([s for s in sizes if s > 0], dtype=float)
    shares = sizes / sizes.sum()
    shares = shares[shares >= MIN_SHARE]
    return float(1.0 / (shares / shares.sum()).__pow__(2).sum()) if len(shares) else float("nan")


def west(store: Store, on: date) -> list[str]:
    m = db.memberships(store, on)
    return sorted(set(m[m.bloc.isin(WEST_BLOCS)].iso3) - {"EU"} | set(WEST_PARTNERS))


def cohesion(store: Store, members: list[str], year: int) -> dict:
    """Mean pairwise kappa and identical share among `members`, and the mean kappa of members with the rest."""
    e = signed_edges(store, year)
    inside = e[e.a.isin(members) & e.b.isin(members)]
    across = e[e.a.isin(members) ^ e.b.isin(members)]
    return {"year": year, "members": len(set(members) & (set(e.a) | set(e.b))),
            "cohesion_kappa": float(inside.kappa.mean()), "cohesion_identical": float(inside.identical.mean()),
            "kappa_with_others": float(across.kappa.mean())}


def polarity(store: Store, first: int, last: int, *, save: bool = True) -> dict[str, pd.DataFrame]:
    """{"communities": year, iso3, community, label, central; "poles": year, communities, effective_poles, west
    cohesion; "drift": year, iso3, from, to, support} for every year in [first, last]."""
    from threadpoolctl import threadpool_limits
    with threadpool_limits(1):          # small matrices: threaded BLAS only adds contention on a busy machine
        return _polarity(store, first, last, save)


def _polarity(store: Store, first: int, last: int, save: bool) -> dict[str, pd.DataFrame]:
    frames, poles = [], []
    for year in range(first, last + 1):
        c = communities(store, year)
        if c.empty:
            continue
        c.insert(0, "year", year)
        frames.append(c)
        w = cohesion(store, west(store, date(year, 7, 1)), year)
        poles.append({"year": year, "communities": int(c.community.nunique()),
                      "effective_poles": effective_poles(c.groupby("community").size()),
                      "west_cohesion_kappa": w["cohesion_kappa"], "west_kappa_with_others": w["kappa_with_others"],
                      "west_members": w["members"]})
    comm = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["year", "iso3", "community", "label", "central"])
    drift = _drift(store, comm)
    out = {"communities": comm, "poles": pd.DataFrame(poles),
           "drift": drift}
    if save and len(comm):
        for year, chunk in comm.groupby("year"):
            db.save(store, "bloc_communities", chunk.reset_index(drop=True), {"year": int(year)})
    return out


DRIFT_COLUMNS = ["year", "iso3", "from", "to", "support"]


def _replicate_kappas(votes: pd.DataFrame, replicates: int, rng: np.random.Generator) -> tuple[list[str], np.ndarray]:
    """(states, kappa matrices of `replicates` bootstrap draws of the year's resolutions)."""
    v = votes[votes.vote.isin(agreement.VOTES)]
    wide = v.pivot(index="iso3", columns="resolution", values="vote")
    onehot = [(wide == c).to_numpy(dtype=np.float32) for c in agreement.VOTES]
    seen = wide.notna().to_numpy(dtype=np.float32)
    m = wide.shape[1]
    out = np.empty((replicates, len(wide), len(wide)), dtype=np.float32)
    for b in range(replicates):
        w = rng.multinomial(m, np.full(m, 1 / m)).astype(np.float32)
        n = (seen * w) @ seen.T
        same = sum((c * w) @ c.T for c in onehot)
        exp = sum(((c * w) @ seen.T) * ((seen * w) @ c.T) for c in onehot)
        with np.errstate(invalid="ignore", divide="ignore"):
            pe = exp / (n * n)
            out[b] = (same / n - pe) / (1 - pe)
    return list(wide.index), out


def _support(states: list[str], kappas: np.ndarray, state: str, old: list[str], new: list[str]) -> float:
    """Share of replicates in which `state`'s mean kappa with `old` exceeds its mean kappa with `new`."""
    at = {s: i for i, s in enumerate(states)}
    a = [at[x] for x in old if x != state and x in at]
    b = [at[x] for x in new if x != state and x in at]
    if state not in at or not a or not b:
        return float("nan")
    row = kappas[:, at[state], :]
    with np.errstate(invalid="ignore"):
        return float((np.nanmean(row[:, a], axis=1) > np.nanmean(row[:, b], axis=1)).mean())


def _drift(store: Store, comm: pd.DataFrame, replicates: int = REPLICATES) -> pd.DataFrame:
    """States whose community changes between consecutive years, kept only when the move holds under resampling
    of the resolutions (mean kappa with the members of the old and the new community, DRIFT_SUPPORT of draws)."""
    rng = np.random.default_rng(SEED)
    rows, kappas = [], {}
    members = {(y, c): sorted(g.iso3) for (y, c), g in comm.groupby(["year", "community"])}
    central = {(y, c): sorted(g[g.central].iso3) for (y, c), g in comm.groupby(["year", "community"])}
    years = sorted(comm.year.unique())
    for y0, y1 in zip(years, years[1:]):
        if y1 != y0 + 1:
            continue
        c0 = comm[comm.year == y0].set_index("iso3")
        c1 = comm[comm.year == y1].set_index("iso3")
        for s in sorted(set(c0.index) & set(c1.index)):
            k0, k1 = (y0, c0.at[s, "community"]), (y1, c1.at[s, "community"])
            together = c1.loc[c1.index.isin(central[k0]), "community"]
            if together.empty or (together == k1[1]).mean() >= 0.5:
                continue                   # still with most of its old community's central members
            for y in (y0, y1):
                if y not in kappas:
                    kappas[y] = _replicate_kappas(db.ga_votes(store, y, y), replicates, rng)
            old, new = members[k0], members[k1]
            before = _support(*kappas[y0], s, old, new)
            after = 1 - _support(*kappas[y1], s, old, new)
            if before >= DRIFT_SUPPORT and after >= DRIFT_SUPPORT:
                rows.append((y1, s, c0.at[s, "label"], c1.at[s, "label"], round(min(before, after), 3)))
    return pd.DataFrame(rows, columns=DRIFT_COLUMNS)
