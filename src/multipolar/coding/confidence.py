"""A per-event confidence in [0, 1]: a logistic model over the evidence the coder had.

The weights are fitted (scripts/calibrate_confidence.py) on our own labelled set
(tests/coding/data/own_gold.jsonl), with "the event is right" meaning a strict match to a gold event,
and checked for calibration on the shared development gold (docs/confidence.md has the reliability
table). Filtering on confidence therefore trades recall for precision in a predictable way.
"""
from __future__ import annotations

import math

FEATURES = ("bias", "explicit_actor", "has_recipient", "syntactic_recipient", "specific_trigger",
            "depth", "uncertain_modality", "long_sentence", "event_noun")

# fitted by scripts/calibrate_confidence.py (L2-penalised logistic regression); see docs/confidence.md
WEIGHTS = {
    "bias": 1.788,
    "explicit_actor": -0.125,
    "has_recipient": 0.162,
    "syntactic_recipient": 0.863,
    "specific_trigger": -0.23,
    "depth": -0.098,
    "uncertain_modality": 0.297,
    "long_sentence": -0.156,
    "event_noun": 0.122,
}


def features(*, explicit_actor: bool, has_recipient: bool, syntactic_recipient: bool, specific_trigger: bool,
             depth: int, modality: str, n_tokens: int, event_noun: bool) -> dict[str, float]:
    return {
        "bias": 1.0,
        "explicit_actor": float(explicit_actor),
        "has_recipient": float(has_recipient),
        "syntactic_recipient": float(syntactic_recipient),
        "specific_trigger": float(specific_trigger),
        "depth": float(min(max(depth - 1, 0), 4)),
        "uncertain_modality": float(modality in ("hypothetical", "reported")),
        "long_sentence": float(n_tokens > 35),
        "event_noun": float(event_noun),
    }


def confidence(feats: dict[str, float], weights: dict[str, float] | None = None) -> float:
    w = weights or WEIGHTS
    z = sum(w[k] * feats[k] for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))
