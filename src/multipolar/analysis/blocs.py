"""Blocs and polarity from UN votes: a network of states whose edge weights are vote agreement (Cohen's kappa,
analysis.agreement), Louvain communities (networkx), the effective number of poles, the cohesion of a named bloc
("the West") and the states that drift between communities from one year to the next.

Signed network: kappa is negative for pairs that agree less than chance; community detection uses the positive
part (Louvain needs non-negative weights); the negative edges are kept in `signed_edges` for inspection.
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
ANCHORS = ("USA", "CHN", "RUS", "IND", "BRA", "ZAF")


def signed_edges(store: Store, year: int) -> pd.DataFrame:
    """a, b, n, identical, kappa for the year's GA votes (kappa < 0: a negative tie)."""
    return agreement.pairs(db.ga_votes(store, year, year), min_common=10)


def communities(store: Store, year: int, *, min_kappa: float = 0.0) -> pd.DataFrame:
    """iso3, community (0 = largest), label (the anchor state it contains, e.g. 'USA'), for one year."""
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
        label = next((a for a in ANCHORS if a in members), f"C{i}")
        rows += [(s, i, label) for s in sorted(members)]
    return pd.DataFrame(rows, columns=["iso3", "community", "label"])


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
    """{"communities": year, iso3, community, label; "poles": year, communities, effective_poles, west cohesion;
    "drift": year, iso3, from, to} for every year in [first, last]."""
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
        columns=["year", "iso3", "community", "label"])
    drift = []
    for (iso3, g) in comm.sort_values("year").groupby("iso3"):
        labels = list(zip(g.year, g.label))
        for (y0, l0), (y1, l1) in zip(labels, labels[1:]):
            if l0 != l1 and y1 == y0 + 1:
                drift.append({"year": y1, "iso3": iso3, "from": l0, "to": l1})
    out = {"communities": comm, "poles": pd.DataFrame(poles),
           "drift": pd.DataFrame(drift, columns=["year", "iso3", "from", "to"])}
    if save and len(comm):
        for year, chunk in comm.groupby("year"):
            db.save(store, "bloc_communities", chunk.reset_index(drop=True), {"year": int(year)})
    return out
