"""Fit the confidence weights on our own gold set and check calibration on the shared dev gold.

    .venv/bin/python scripts/calibrate_confidence.py [--train tests/coding/data/own_gold.jsonl]
                                                     [--test ../shared/gold/plover_gsr_dev.jsonl]

Each predicted event is labelled 1 if it strictly matches a gold event (type and parties, one-to-one,
the rules of multipolar.evaluation) and 0 otherwise. An L2-penalised logistic regression over
coding.confidence.FEATURES gives the weights; the script prints them (to paste into
coding/confidence.py) and a reliability table (confidence band -> observed precision) for both sets.
"""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from multipolar.coding.confidence import FEATURES, confidence
from multipolar.evaluation import parties_match, read_gold
from multipolar.model import Article
from multipolar.pipeline import code_articles

ROOT = Path(__file__).resolve().parents[1]


def labelled(path: Path) -> tuple[np.ndarray, np.ndarray, list]:
    docs = read_gold(path)
    arts = [Article.make(d["text"], id=str(d["id"]), date=date.fromisoformat(d["date"][:10]) if d.get("date") else None)
            for d in docs]
    gold = {str(d["id"]): d.get("events", []) for d in docs}
    X, y, events = [], [], []
    for art, _, evs, _ in code_articles(arts):
        used: set[int] = set()
        for ev in evs:
            rec = ev.as_record()
            hit = next((i for i, g in enumerate(gold[art.id]) if i not in used and g["event"] == rec["event"]
                        and parties_match(g, rec)), None)
            if hit is not None:
                used.add(hit)
            feats = dict(ev.features)
            X.append([feats[k] for k in FEATURES])
            y.append(1.0 if hit is not None else 0.0)
            events.append(ev)
    return np.array(X), np.array(y), events


def fit(X: np.ndarray, y: np.ndarray, l2: float = 5.0) -> dict[str, float]:
    def loss(w):
        z = X @ w
        nll = np.sum(np.logaddexp(0, z) - y * z)
        return nll + 0.5 * l2 * np.sum(w[1:] ** 2)

    def grad(w):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (p - y)
        g[1:] += l2 * w[1:]
        return g

    res = minimize(loss, np.zeros(X.shape[1]), jac=grad, method="L-BFGS-B")
    return {k: round(float(v), 3) for k, v in zip(FEATURES, res.x)}


def reliability(X: np.ndarray, y: np.ndarray, weights: dict[str, float]) -> list[tuple[str, int, float, float]]:
    conf = np.array([confidence(dict(zip(FEATURES, row)), weights) for row in X])
    rows = []
    for lo, hi in ((0, .5), (.5, .7), (.7, .85), (.85, 1.01)):
        m = (conf >= lo) & (conf < hi)
        if m.any():
            rows.append((f"{lo:.2f}-{min(hi, 1):.2f}", int(m.sum()), float(conf[m].mean()), float(y[m].mean())))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--train", type=Path, default=ROOT / "tests" / "coding" / "data" / "own_gold.jsonl")
    ap.add_argument("--test", type=Path, default=ROOT.parent / "shared" / "gold" / "plover_gsr_dev.jsonl")
    args = ap.parse_args()
    Xtr, ytr, _ = labelled(args.train)
    weights = fit(Xtr, ytr)
    print("WEIGHTS =", weights)
    for name, path in (("train (own gold)", args.train), ("test (shared dev gold)", args.test)):
        if not path.exists():
            print(f"{name}: {path} not found, skipped")
            continue
        X, y, _ = (Xtr, ytr, None) if path == args.train else labelled(path)
        print(f"\n{name}: {len(y)} events, precision {y.mean():.3f}")
        print(f"{'band':>10} {'events':>7} {'mean conf':>10} {'precision':>10}")
        for band, n, c, p in reliability(X, y, weights):
            print(f"{band:>10} {n:>7} {c:>10.3f} {p:>10.3f}")


if __name__ == "__main__":
    main()
