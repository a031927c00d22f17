"""UN General Assembly ideal points from raw roll-call votes: a one-dimensional ordered-logit item-response model
fitted separately for each calendar year (see docs/indicators.md, "Ideal points").

Model, for state i and resolution j with vote y_ij in {no=0, abstain=1, yes=2}:
    P(y_ij >= 1) = logistic(b_j * x_i - a_j),   P(y_ij = 2) = logistic(b_j * x_i - a_j - exp(d_j))
Penalised joint maximum likelihood (Gaussian priors x ~ N(0, 1), b ~ N(0, 5), a, d ~ N(0, 25)), solved with
L-BFGS from a principal-component start. Absent votes (X) are missing data, not a vote. Unanimous resolutions carry
no information and are dropped; states with fewer than MIN_VOTES votes in a year get no estimate. The sign is fixed
so that the United States is positive, as in Bailey, Strezhnev & Voeten (2017).
"""
from __future__ import annotations

import contextlib
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit, log_expit

from multipolar.store import indicators as db
from multipolar.store.db import Store

CODES = {"N": 0.0, "A": 1.0, "Y": 2.0}
MIN_VOTES = 5
PRIOR = {"x": 1.0, "b": 0.2, "a": 0.04}
METHOD = "ordered-logit IRT, per year, GA votes, X missing"
ANCHOR = "USA"


def _one_blas_thread():
    """Run BLAS single-threaded: the problems are small, and threaded BLAS inside L-BFGS on a busy 2-core
    machine is up to ten times slower (measured; see benchmarks/idealpoints.py)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:          # optional: without it the fit is correct, only slower on busy machines
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")


def vote_matrix(votes: pd.DataFrame) -> pd.DataFrame:
    """States x resolutions with 0/1/2 (no/abstain/yes) and NaN for absent or not a member."""
    v = votes[votes.vote.isin(list(CODES))]
    m = v.pivot(index="iso3", columns="resolution", values="vote")
    m = m.apply(lambda col: col.map(CODES)).astype(float)
    m = m.loc[:, m.nunique() > 1]
    return m[m.notna().sum(axis=1) >= MIN_VOTES]


def _first_component(y: np.ndarray) -> np.ndarray:
    x = y - np.nanmean(y, axis=0)
    x[np.isnan(x)] = 0.0
    u, _, _ = np.linalg.svd(x, full_matrices=False)
    first = u[:, 0]
    return first / (first.std() or 1.0)


def fit_matrix(y: np.ndarray, *, maxiter: int = 2000) -> tuple[np.ndarray, dict]:
    """Fit the ordered-logit model to a states x items matrix (0/1/2, NaN missing); returns (x, info)."""
    n, k = y.shape
    obs = ~np.isnan(y)
    rows, cols = np.nonzero(obs)
    vals = y[rows, cols]
    is0, is1, is2 = vals == 0, vals == 1, vals == 2
    px, pb, pa = PRIOR["x"], PRIOR["b"], PRIOR["a"]

    def objective(p):
        # one entry per observed vote; sums back to states/items with bincount (cheap on 2 cores)
        x, b, a1, d = p[:n], p[n:n + k], p[n + k:n + 2 * k], p[n + 2 * k:]
        gap = np.exp(d)
        eta = x[rows] * b[cols]
        z1 = eta - a1[cols]
        z2 = z1 - gap[cols]
        f1, f2 = expit(z1), expit(z2)
        mid = np.clip(f1 - f2, 1e-12, None)
        ll = log_expit(-z1[is0]).sum() + log_expit(z2[is2]).sum() + np.log(mid[is1]).sum()
        d1, d2 = f1 * (1 - f1), f2 * (1 - f2)
        g_eta = np.where(is0, -f1, 0.0) + np.where(is2, 1 - f2, 0.0) + np.where(is1, (d1 - d2) / mid, 0.0)
        g_a2 = np.where(is2, f2 - 1, 0.0) + np.where(is1, d2 / mid, 0.0)
        g_a1 = np.where(is0, f1, 0.0) + np.where(is1, -d1 / mid, 0.0) + g_a2
        grad = -np.concatenate([np.bincount(rows, g_eta * b[cols], n), np.bincount(cols, g_eta * x[rows], k),
                                np.bincount(cols, g_a1, k), np.bincount(cols, g_a2, k) * gap])
        grad += np.concatenate([px * x, pb * b, pa * a1, pa * d])
        pen = 0.5 * (px * (x * x).sum() + pb * (b * b).sum() + pa * (a1 * a1).sum() + pa * (d * d).sum())
        return pen - ll, grad

    x0 = _first_component(y)
    centred = np.where(obs, y - np.nanmean(y, axis=0), 0.0)
    b0 = (centred * x0[:, None]).sum(0) / np.maximum((obs * x0[:, None] ** 2).sum(0), 1e-9)
    p0 = np.concatenate([x0, b0, np.full(k, -1.5), np.zeros(k)])
    res = minimize(objective, p0, jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    return res.x[:n], {"iterations": int(res.nit), "converged": bool(res.success), "loglik": -float(res.fun)}


def estimate_year(votes: pd.DataFrame) -> pd.DataFrame:
    """Ideal points for one year's GA votes (iso3, resolution, vote): iso3, ideal_point, n_votes."""
    m = vote_matrix(votes)
    if m.shape[0] < 3 or m.shape[1] < 2:
        return pd.DataFrame(columns=["iso3", "ideal_point", "n_votes"])
    x, _ = fit_matrix(m.to_numpy())
    out = pd.DataFrame({"iso3": m.index, "ideal_point": x, "n_votes": m.notna().sum(axis=1).to_numpy()})
    if ANCHOR in set(out.iso3) and out.loc[out.iso3 == ANCHOR, "ideal_point"].iloc[0] < 0:
        out["ideal_point"] = -out["ideal_point"]
    return out.reset_index(drop=True)


def estimate(store: Store, first: int = 1990, last: int = 2025, *, save: bool = True) -> pd.DataFrame:
    """Ideal points for every year in [first, last]: iso3, year, ideal_point, n_votes, method (and the
    fitting time in .attrs['seconds']). Saved to the store's idealpoint_estimates table unless save=False."""
    started = time.perf_counter()
    votes = db.ga_votes(store, first, last)
    frames = []
    with _one_blas_thread():
        for year, chunk in votes.groupby("year", sort=True):
            est = estimate_year(chunk)
            est.insert(1, "year", int(year))
            frames.append(est)
    out = (pd.concat(frames, ignore_index=True) if frames
           else pd.DataFrame(columns=["iso3", "year", "ideal_point", "n_votes"]))
    out["method"] = METHOD
    out["year"] = out["year"].astype(int)
    out["n_votes"] = out["n_votes"].astype(int)
    if save and len(out):
        for year, chunk in out.groupby("year"):
            db.save(store, "idealpoint_estimates", chunk.reset_index(drop=True), {"year": int(year)})
    out.attrs["seconds"] = time.perf_counter() - started
    return out


def stored(store: Store, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    out = db.read(store, "idealpoint_estimates")
    if len(out):
        if first is not None:
            out = out[out.year >= first]
        if last is not None:
            out = out[out.year <= last]
    return out.sort_values(["year", "ideal_point"], ascending=[True, False]).reset_index(drop=True) \
        if len(out) else out


def compare(estimates: pd.DataFrame, reference: pd.DataFrame, column: str = "idealpoint_fp") -> pd.DataFrame:
    """Per-year Pearson and Spearman correlation with a reference (iso3, year, `column`), e.g. the BSV
    estimates in the store's ideal_points table: year, n, pearson, spearman."""
    j = estimates.merge(reference[["iso3", "year", column]].dropna(), on=["iso3", "year"])
    rows = []
    for year, g in j.groupby("year"):
        if len(g) > 2:
            rows.append({"year": int(year), "n": len(g), "pearson": g.ideal_point.corr(g[column]),
                         "spearman": g.ideal_point.corr(g[column], method="spearman")})
    return pd.DataFrame(rows, columns=["year", "n", "pearson", "spearman"])


def reference_points(store: Store) -> pd.DataFrame:
    """The loaded reference estimates (BSV): iso3, year, idealpoint_fp, idealpoint_all."""
    return db.read(store, "ideal_points")[["iso3", "year", "idealpoint_fp", "idealpoint_all"]] \
        if len(db.read(store, "ideal_points")) else pd.DataFrame(columns=["iso3", "year", "idealpoint_fp",
                                                                          "idealpoint_all"])
