"""Story relevance: is an article about politics at all, before any of its sentences is parsed?

Event coders of the field filter stories first (ICEWS and POLECAT run a story classifier): a page on earnings,
a royal family or a pandemic lockdown yields false events from words such as "demand", "restrictions" or
"allegations". Here a logistic regression over TF-IDF words of the article's lead (its first LEAD sentences)
says how likely the article holds a PLOVER event. It is trained on the annotated corpus (a passage is relevant
when it holds any event; coding/train.py) and shipped in detector.npz beside the detector; the coder skips
articles below the threshold chosen on the dev split (`relevance_threshold` in the model's meta).

Inference mirrors scikit-learn's TfidfVectorizer (lowercase, words of two or more characters, sublinear term
frequency, l2 norm): only the trained vocabulary is stored, so stop words, which are not in it, drop out alike.
"""
from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

LEAD = 6                                   # sentences: the annotated passages are about this long
# a story of one or two sentences (a wire headline and lede, a gold sentence) gives the words too little to judge
# by: "Zelensky thanked Germany for the new Patriot system." scores 0.21; the gate abstains on them
MIN_SENTENCES = 3                          # <= LEAD: a caller may pass only a story's first LEAD sentences
TOKEN = r"(?u)\b\w\w+\b"
_TOKEN = re.compile(TOKEN)


class Relevance:
    def __init__(self, terms: list[str], idf: np.ndarray, weights: np.ndarray, bias: float):
        if not len(terms) == len(idf) == len(weights):
            raise ValueError(f"{len(terms)} terms, {len(idf)} idf values, {len(weights)} weights")
        self.index = {t: i for i, t in enumerate(terms)}
        self.idf, self.weights, self.bias = idf.astype(np.float32), weights.astype(np.float32), float(bias)

    def probability(self, text: str) -> float:
        """The chance that a story whose lead is `text` holds a political event."""
        counts = Counter(i for w in _TOKEN.findall(text.lower()) if (i := self.index.get(w)) is not None)
        if not counts:
            return 1.0 / (1.0 + math.exp(-self.bias))
        rows = np.fromiter(counts, dtype=np.int64)
        x = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self.idf[rows]
        z = self.bias + float(x @ self.weights[rows]) / float(np.linalg.norm(x))
        return 1.0 / (1.0 + math.exp(-z))


def lead(sentences: list[str]) -> str:
    return " ".join(sentences[:LEAD])


def off_topic(model: Relevance | None, sentences: list[str], threshold: float) -> bool:
    """Is a story with these sentences below `threshold`, long enough to judge, with a model to judge by?"""
    return model is not None and threshold > 0 and len(sentences) >= MIN_SENTENCES \
        and model.probability(lead(sentences)) < threshold


def fit(leads: list[str], relevant: list[bool], c: float = 4.0) -> dict:
    """The arrays of a relevance model (part "rel" of detector.npz) learned from passage leads; none when the
    passages are all relevant or all not (nothing to tell apart)."""
    if len(set(relevant)) < 2:
        return {}
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(token_pattern=TOKEN, stop_words="english", min_df=2, sublinear_tf=True)
    x = vec.fit_transform(leads)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, [int(r) for r in relevant])
    return {"rel_terms": vec.get_feature_names_out().astype(str), "rel_idf": vec.idf_.astype(np.float32),
            "rel_weights": model.coef_[0].astype(np.float32), "rel_bias": np.array(model.intercept_[0])}


def from_arrays(z) -> Relevance | None:
    if "rel_terms" not in z:
        return None
    return Relevance([str(t) for t in z["rel_terms"]], z["rel_idf"], z["rel_weights"], float(z["rel_bias"]))
