"""A per-event confidence score in [0, 1] from the evidence the coder had.

A logistic combination of a few signals; the weights are set so that the score's bands track
strict precision on the development gold (see docs/confidence.md once calibrated).
"""
from __future__ import annotations

import math

WEIGHTS = {
    "bias": -0.2,
    "explicit_actor": 1.0,       # the actor was named in the sentence, not resolved from a pronoun
    "has_recipient": 0.6,
    "specific_trigger": 0.5,     # the trigger matched a verb+object or verb+particle pattern
    "depth": -0.35,              # per level below the clause root
    "uncertain_modality": -0.5,  # hypothetical or reported
}


def confidence(*, explicit_actor: bool, has_recipient: bool, specific_trigger: bool, depth: int,
               modality: str) -> float:
    z = (WEIGHTS["bias"] + WEIGHTS["explicit_actor"] * explicit_actor + WEIGHTS["has_recipient"] * has_recipient
         + WEIGHTS["specific_trigger"] * specific_trigger + WEIGHTS["depth"] * max(0, depth - 1)
         + WEIGHTS["uncertain_modality"] * (modality in ("hypothetical", "reported")))
    return 1.0 / (1.0 + math.exp(-z))
