"""The sentence-type head: which PLOVER types a parsed sentence tells, read from the trigger encoder's pooled
sentence (its [CLS] piece, the mean and the max of its pieces; coding/encoder.py).

The token detector decides token by token, and its training marks every candidate the annotator did not name as
telling nothing, even where the sentence tells the event through another word; asked of the whole sentence, the same
encoder is surer that a type is there than any one token is. The detector uses it to add, for a type the sentence
tells with no trigger of that type found, the candidate token likeliest to tell it (`Detector.merge`).

Fitted by `multipolar train` after the encoder is fine-tuned: one logistic regression per type over the pooled
sentences of the train split (standardised, the scaling folded into the weights), stored in the encoder's file as its
`sentence` layer.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from multipolar.coding import encoder
from multipolar.ontology import EVENT_TYPES

C = 0.01         # dev split, mean average precision of the 16 types: 0.610 at C 0.01, 0.580 at 0.05 (2026-12-05)


def fit(pooled: np.ndarray, told: list[set[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(types, weights of shape types x features, biases) from pooled sentences and the types each tells."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = pooled.mean(axis=0), pooled.std(axis=0) + 1e-6
    x = (pooled - mean) / scale
    types = [t for t in sorted(EVENT_TYPES) if any(t in s for s in told) and not all(t in s for s in told)]
    weights, biases = [], []
    for t in types:
        model = LogisticRegression(C=C, max_iter=2000).fit(x, [t in s for s in told])
        w = model.coef_[0] / scale                                  # on the raw pooled sentence
        weights.append(w)
        biases.append(model.intercept_[0] - float(w @ mean))
    return types, np.array(weights, dtype=np.float32), np.array(biases, dtype=np.float32)


def attach(path: str | Path, sentences: list[tuple[str, list[tuple[int, int]], set[str]]]) -> Path:
    """Fit the head on (parsed text, candidate spans, types told) per sentence and store it in the encoder file at
    `path`."""
    import torch
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        meta = json.loads(f.metadata()["meta"])
    enc = encoder.TriggerEncoder.load(path)
    read = enc.read([(text, spans) for text, spans, _ in sentences], pooled=True)
    kept = [(pooled, told) for (_, pooled), (_, _, told) in zip(read, sentences) if pooled is not None]
    types, weights, biases = fit(np.array([p for p, _ in kept]), [t for _, t in kept])
    head = torch.nn.Linear(weights.shape[1], len(types))
    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(weights))
        head.bias.copy_(torch.from_numpy(biases))
    enc.model.sentence = head                    # the layer encoder.build makes when given sentence types
    meta["sentence_head"] = {"C": C, "sentences": len(kept)}
    return encoder.save(enc.model, enc.labels, Path(path), meta, types)
