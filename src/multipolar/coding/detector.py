"""The learned trigger detector: which tokens of a parsed sentence tell an event, and of which PLOVER type.

A multinomial logistic regression over the features of coding/features.py, trained on the annotated corpus
(`multipolar train`, coding/train.py) and shipped as coding/data/detector.npz: weights per feature and label,
the mode and context most often annotated for each (lemma, type), and the corpus hash it was trained on.
Loaded once per process; inference is a sum of weight rows and a softmax.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from multipolar.coding.features import is_candidate, token_features
from multipolar.coding.lexicon import Lexicon, Trigger
from multipolar.errors import DataFileError
from multipolar.ontology import EVENT_TYPES

MODEL_PATH = Path(__file__).parent / "data" / "detector.npz"
NONE = "O"


@dataclass(frozen=True)
class Detection:
    token: Token
    event: str
    prob: float          # probability of `event`
    none_prob: float     # probability that the token tells no event


class Detector:
    def __init__(self, labels: list[str], index: dict[str, int], weights: np.ndarray, bias: np.ndarray,
                 attributes: dict, meta: dict):
        self.labels, self.index, self.weights, self.bias = labels, index, weights, bias
        self.attributes = attributes         # "lemma|TYPE" -> [mode, [contexts]]
        self.meta = meta
        self.none = labels.index(NONE)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "Detector":
        path = Path(path)
        try:
            z = np.load(path, allow_pickle=False)
            labels = [str(x) for x in z["labels"]]
            names = [str(x) for x in z["features"]]
            meta = json.loads(str(z["meta"]))
            attributes = json.loads(str(z["attributes"]))
            weights, bias = z["weights"].astype(np.float32), z["bias"].astype(np.float32)
        except (OSError, KeyError, ValueError) as exc:
            raise DataFileError(f"{path}: not a multipolar detector model ({exc}); rebuild it with "
                                f"`multipolar train`") from None
        unknown = set(labels) - set(EVENT_TYPES) - {NONE}
        if unknown or weights.shape != (len(names), len(labels)):
            raise DataFileError(f"{path}: bad model (labels {sorted(unknown)} or shape {weights.shape}); "
                                f"rebuild it with `multipolar train`")
        return cls(labels, {n: i for i, n in enumerate(names)}, weights, bias, attributes, meta)

    def probabilities(self, feats: list[str]) -> np.ndarray:
        rows = [self.index[f] for f in feats if f in self.index]
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        z = np.exp(z - z.max())
        return z / z.sum()

    def detect(self, sent: Span, lexicon: Lexicon, mention_tokens) -> list[Detection]:
        named = bool(mention_tokens)
        out = []
        for tok in sent:
            if not is_candidate(tok, mention_tokens):
                continue
            p = self.probabilities(token_features(tok, lexicon, mention_tokens, named))
            best = int(np.argmax(np.where(np.arange(len(p)) == self.none, -1.0, p)))
            out.append(Detection(tok, self.labels[best], float(p[best]), float(p[self.none])))
        return out

    def trigger(self, det: Detection) -> Trigger:
        """A lexicon entry for a detected token, with the mode and context annotated most often for it."""
        lemma = det.token.lemma_.lower()
        mode, context = self.attributes.get(f"{lemma}|{det.event}", [None, []])
        return Trigger(lemma, None, frozenset(), det.event, mode or None, tuple(context), "normal")


@lru_cache(maxsize=2)
def load(path: str | None = None) -> Detector | None:
    """The shipped model, or None when none has been trained (the coder then runs on its rules alone)."""
    p = Path(path) if path else MODEL_PATH
    return Detector.load(p) if p.exists() else None
