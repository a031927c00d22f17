"""Training the trigger detector on the annotated corpus: `multipolar train` (or `make train`).

Each annotated event names its trigger words; the candidate token (verb or noun) heading those words is a
positive example of the event's type, every other candidate of the sentence a negative one. The thresholds
that decide when the model adds an event the rules lack, or vetoes one they found, are chosen on the dev split.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from multipolar import corpus
from multipolar.coding import lexicon as lexicon_mod
from multipolar.coding.detector import MODEL_PATH, NONE
from multipolar.coding.features import is_candidate, token_features
from multipolar.coding.mentions import Mentions
from multipolar.nlp import pipeline


def _passage_date(p: dict) -> date | None:
    try:
        return date.fromisoformat(str(p.get("date"))[:10]) if p.get("date") else None
    except ValueError:
        return None


def _trigger_token(doc, text: str, trigger: str | None, mention_tokens):
    if not trigger:
        return None
    at = text.find(trigger)
    if at < 0:
        at = text.lower().find(trigger.lower())
    if at < 0:
        return None
    inside = [t for t in doc if at <= t.idx < at + len(trigger) and is_candidate(t, mention_tokens)]
    if not inside:
        return None
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    return (heads or inside)[0]


def examples(passages: list[dict]):
    """Feature lists, labels and (lemma, type) -> mode/context counts, over every candidate token."""
    nlp, lex = pipeline(), lexicon_mod.load()
    rows = [(p, s) for p in passages for s in p["sentences"]]
    feats, labels = [], []
    attrs: dict[str, Counter] = defaultdict(Counter)
    for (p, s), doc in zip(rows, nlp.pipe([s["text"] for _, s in rows], batch_size=256)):
        mentions = Mentions(doc[:], _passage_date(p), s["text"])
        mt = set(mentions.by_token)
        gold: dict[int, str] = {}
        for ev in s["events"]:
            tok = _trigger_token(doc, s["text"], ev.get("trigger"), mt)
            if tok is not None and tok.i not in gold:
                gold[tok.i] = ev["event"]
                attrs[f"{tok.lemma_.lower()}|{ev['event']}"][json.dumps([ev.get("mode"),
                                                                         sorted(ev.get("context") or [])])] += 1
        for tok in doc:
            if is_candidate(tok, mt):
                feats.append(token_features(tok, lex, mt, bool(mt)))
                labels.append(gold.get(tok.i, NONE))
    return feats, labels, attrs


def fit(feats: list[list[str]], labels: list[str], c: float = 1.0):
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1.0 for f in fs} for fs in feats])
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, labels)
    return vec, model


def save(vec, model, attrs, meta: dict, path: Path = MODEL_PATH) -> Path:
    labels = [str(c) for c in model.classes_]
    weights = model.coef_.T.astype(np.float32)            # features x labels
    keep = np.abs(weights).max(axis=1) >= 1e-3
    names = np.array(vec.get_feature_names_out())[keep]
    best = {k: json.loads(c.most_common(1)[0][0]) for k, c in attrs.items()}
    np.savez_compressed(path, labels=np.array(labels), features=names.astype(str),
                        weights=weights[keep].astype(np.float16), bias=model.intercept_.astype(np.float32),
                        meta=np.array(json.dumps(meta)), attributes=np.array(json.dumps(best)))
    return path


def train(root: str | Path = "corpus", *, fraction: float = 1.0, c: float = 1.0,
          out: Path = MODEL_PATH) -> dict:
    passages = corpus.read_passages(root)
    train_set = sorted(corpus.split(passages, "train"), key=lambda p: corpus.split_key(p["doc"]))
    train_set = train_set[: max(1, round(len(train_set) * fraction))]
    feats, labels, attrs = examples(train_set)
    vec, model = fit(feats, labels, c)
    lemmas = Counter(k.split("|")[0] for k, cnt in attrs.items() for _ in range(sum(cnt.values())))
    meta = {"corpus_hash": corpus.corpus_hash(train_set), "passages": len(train_set), "fraction": fraction,
            "sentences": sum(len(p["sentences"]) for p in train_set), "examples": len(labels),
            "positives": sum(lab != NONE for lab in labels), "C": c,
            "trigger_lemmas": sorted(w for w, n in lemmas.items() if n >= 2)}
    save(vec, model, attrs, meta, Path(out))
    return meta
