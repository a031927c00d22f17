"""Training the trigger detector on the annotated corpus: `multipolar train` (or `make train`).

Each annotated event names its trigger words; the candidate token (verb or noun) heading those words is a
positive example of the event's type, every other candidate of the sentence a negative one. The thresholds
that decide when the detector keeps a token as an event, and when it confirms one the rules found, are chosen on
the dev split.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from multipolar import corpus
from multipolar.coding import relevance, sentence_types
from multipolar.coding.context import Context
from multipolar.coding.detector import MODEL_PATH, NONE, encoder_path, roles_path
from multipolar.coding.features import (earlier_features, is_candidate, mention_spans, pair_features,
                                        sentence_mentions, token_features, window)
from multipolar.errors import InputError
from multipolar.evaluation import canonical
from multipolar.coding.mentions import Mentions


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


def _same(ref, codes: set[str]) -> bool:
    return canonical(ref.code) in {canonical(c) for c in codes}


def examples(passages: list[dict]):
    """Trigger examples (features, label) over every candidate token; role examples (features, label) over
    every (annotated trigger, mention) pair; (lemma, type) -> mode/context counts; earlier-actor examples; and for
    the encoders, per sentence (parsed text, candidate character spans, labels), per annotated trigger (parsed
    text, trigger span, type, [(mention span, role)]) and per sentence the types it tells (the sentence-type head)."""
    from multipolar.coding.coder import Coder
    coder = Coder(mode="rules")                    # parses as the coder does (headlines in sentence case)
    nlp, lex = coder.nlp, coder.lexicon
    rows = [(p, s) for p in passages for s in p["sentences"]]
    trig_x, trig_y, role_x, role_y, ctx_x, ctx_y, sentences, role_items, told = [], [], [], [], [], [], [], [], []
    attrs: dict[str, Counter] = defaultdict(Counter)
    passage, ctx = None, Context()        # the sentences before, as the coder keeps them (coding/context.py)
    for (p, s), doc in zip(rows, nlp.pipe([coder.parse_text(s["text"]) for _, s in rows], batch_size=256)):
        if p["doc"] != passage:
            passage, ctx = p["doc"], Context()
        mentions = Mentions(doc[:], corpus.passage_date(p), s["text"])
        mt = set(mentions.by_token)
        spans = mention_spans(mentions.by_token)
        gold: dict[int, str] = {}
        for ev in s["events"]:
            tok = _trigger_token(doc, s["text"], ev.get("trigger"), mt)
            if tok is None or tok.i in gold:
                continue
            gold[tok.i] = ev["event"]
            attrs[f"{tok.lemma_.lower()}|{ev['event']}"][json.dumps([ev.get("mode"),
                                                                     sorted(ev.get("context") or [])])] += 1
            pairs = []
            for start, end, ref in spans:
                if start <= tok.i < end:
                    continue
                role_x.append(pair_features(tok, ev["event"], start, end, ref, len(spans)))
                role_y.append("actor" if _same(ref, set(ev.get("actor") or []))
                              else "recipient" if _same(ref, set(ev.get("recipient") or [])) else "none")
                pairs.append(((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])), role_y[-1]))
            if pairs:
                role_items.append((doc.text, (tok.idx, tok.idx + len(tok)), ev["event"], pairs))
            if ctx.previous is not None:            # the same trigger read with the sentence before
                role_items.append(_window_item(ctx.previous, doc, tok, ev, spans))
            actors = set(ev.get("actor") or [])
            if not any(_same(ref, actors) for _, _, ref in spans):     # the actor, if any, was named earlier
                for back, (before, before_spans) in enumerate(reversed(ctx.named), start=1):
                    for ref, dep, root_subject in sentence_mentions(before, before_spans):
                        ctx_x.append(earlier_features(tok, ev["event"], back, dep, root_subject, ref, len(spans)))
                        ctx_y.append("actor" if _same(ref, actors) else "none")
        ctx.remember_sentence(doc, spans)
        candidates = [tok for tok in doc if is_candidate(tok, mt)]
        for tok in candidates:
            trig_x.append(token_features(tok, lex, mt, bool(mt)))
            trig_y.append(gold.get(tok.i, NONE))
        if candidates:
            sentences.append((doc.text, [(t.idx, t.idx + len(t)) for t in candidates],
                              [gold.get(t.i, NONE) for t in candidates]))
            told.append({ev["event"] for ev in s["events"]})
    return (trig_x, trig_y), (role_x, role_y), attrs, (ctx_x, ctx_y), (sentences, role_items, told)


def _window_item(previous: tuple, doc, tok, ev: dict, spans: list) -> tuple:
    """A role-encoder item for an annotated trigger read with the last sentence before it that named anyone, every
    mention of both labelled (as Detector.earlier_party reads them)."""
    before, before_spans = previous
    here = [m for m in spans if not m[0] <= tok.i < m[1]]
    text, shift, chars = window(before, before_spans, doc, here)
    actors, recipients = set(ev.get("actor") or []), set(ev.get("recipient") or [])
    labels = ["actor" if _same(ref, actors) else "recipient" if _same(ref, recipients) else "none"
              for _, _, ref in before_spans + here]
    return text, (shift + tok.idx, shift + tok.idx + len(tok)), ev["event"], list(zip(chars, labels))


def fit(feats: list[list[str]], labels: list[str], c: float = 1.0):
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1.0 for f in fs} for fs in feats])
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, labels)
    return vec, model


def _arrays(prefix: str, vec, model) -> dict:
    labels = [str(c) for c in model.classes_]
    coef = model.coef_
    if len(labels) == 2:                      # binary: sklearn keeps one row; make it two-sided
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = np.array([-model.intercept_[0] / 2, model.intercept_[0] / 2])
    else:
        bias = model.intercept_
    weights = coef.T.astype(np.float32)
    keep = np.abs(weights).max(axis=1) >= 1e-3
    names = np.array(vec.get_feature_names_out())[keep]
    return {f"{prefix}_labels": np.array(labels), f"{prefix}_features": names.astype(str),
            f"{prefix}_weights": weights[keep].astype(np.float16), f"{prefix}_bias": bias.astype(np.float32)}


def save(trig, role, attrs, meta: dict, path: Path = MODEL_PATH, rel: dict | None = None, earlier=None) -> Path:
    best = {k: json.loads(c.most_common(1)[0][0]) for k, c in sorted(attrs.items())}
    arrays = _arrays("det", *trig)
    if role is not None:
        arrays.update(_arrays("role", *role))
    arrays.update(rel or {})
    if earlier is not None:
        arrays.update(_arrays("ctx", *earlier))
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), attributes=np.array(json.dumps(best)), **arrays)
    from multipolar.coding import detector
    detector.load.cache_clear()
    return path


def train(root: str | Path = "corpus", *, fraction: float = 1.0, c: float = 1.0,
          out: Path = MODEL_PATH, encoder_epochs: int = 0, role_epochs: int = 0, log=None) -> dict:
    """The linear models (and, with encoder_epochs, the trigger encoder beside them; with role_epochs, the role encoder)
    from the train split."""
    passages = corpus.read_passages(root)
    train_set = sorted(corpus.split(passages, "train"), key=lambda p: corpus.split_key(p["doc"]))
    if not train_set:
        raise InputError(f"{root}: the corpus has no passage in the train split; annotate more (docs/annotation.md)")
    train_set = train_set[: max(1, round(len(train_set) * fraction))]
    (tx, ty), (rx, ry), attrs, (cx, cy), (sentences, role_items, told) = examples(train_set)
    trig = fit(tx, ty, c)
    role = fit(rx, ry, c) if len(set(ry)) > 1 else None
    rel = relevance.fit([relevance.lead([s["text"] for s in p["sentences"]]) for p in train_set],
                        [any(s["events"] for s in p["sentences"]) for p in train_set])
    earlier = fit(cx, cy, c) if len(set(cy)) > 1 else None
    lemmas = Counter()
    for k, cnt in attrs.items():
        lemmas[k.split("|")[0]] += sum(cnt.values())
    meta = {"corpus_hash": corpus.corpus_hash(train_set), "passages": len(train_set), "fraction": fraction,
            "sentences": sum(len(p["sentences"]) for p in train_set), "examples": len(ty),
            "positives": sum(lab != NONE for lab in ty), "role_examples": len(ry), "C": c,
            "trigger_lemmas": sorted(w for w, n in lemmas.items() if n >= 2)}
    save(trig, role, attrs, meta, Path(out), rel, earlier)
    beside, roles_beside = encoder_path(out), roles_path(out)
    for stale in (beside, roles_beside):       # encoders of another training run must not pair with this model
        stale.unlink(missing_ok=True)
    from multipolar.coding import train_encoder
    facts = {"corpus_hash": meta["corpus_hash"]}
    if encoder_epochs:
        train_encoder.train(sentences, beside, facts, encoder_epochs, log)
        sentence_types.attach(beside, [(text, spans, t) for (text, spans, _), t in zip(sentences, told)])
        meta["encoder_epochs"] = encoder_epochs
        _update_meta(Path(out), {"encoder_epochs": encoder_epochs})
    if role_epochs and role is not None:
        train_encoder.train_roles(role_items, roles_beside, facts, role_epochs, log)
        meta["role_encoder_epochs"] = role_epochs
        _update_meta(Path(out), {"role_encoder_epochs": role_epochs})
    return meta


# within TIE of the best dev strict F1 the most demanding add threshold wins: the detector's additions are where
# false events on non-political text come from. 0.01 since 2026-12-04 (corpus 88985f98: add 0.25 / 0.30 / 0.35 gave
# dev strict F1 0.433 / 0.427 / 0.424 and 57 / 47 / 41 events on the first 4,000 bench pages, tellings unmerged)
TIE = 0.01
ADD_GRID = (0.2, 0.25, 0.3, 0.35, 0.45, 0.55, 0.65, 0.75)
# how likely the detector must find a lexicon trigger's own type to keep it (detector.merge); 1.01 keeps it only
# as it keeps any token, at the add threshold. At the chosen add threshold, the least demanding within CONFIRM_TIE of
# the best dev strict F1 wins: the lexicon's triggers carry CAMEO conventions the corpus hardly teaches, which the
# CAMEO-style dev gold asks for (twenty-second session, add 0.55: confirm 0.1 / 0.3 gave dev strict 0.522 / 0.526,
# gate off). Until then every lexicon trigger was kept (docs/measurements.md)
CONFIRM_GRID = (0.05, 0.1, 0.2, 0.3, 1.01)
CONFIRM_TIE = 0.005


def tune(root: str | Path, model_path: str | Path) -> dict:
    """Pick the add and confirm thresholds and the story gate by dev strict F1; store them in the model."""
    from multipolar.coding.coder import Coder
    from multipolar.evaluation import score

    docs = [corpus.gold_doc(p) for p in corpus.split(corpus.read_passages(root), "dev")]
    # gate off: the thresholds are searched on every story, then the gate is chosen on their output (a model tuned
    # before carries a gate in its meta, which would otherwise skip stories during the search)
    coder = Coder(mode="combined", model_path=str(model_path), gate=False)
    coder.nlp = _ParseCache(coder.nlp)           # every threshold pair codes the same sentences
    results = {}
    for add in ADD_GRID:
        for confirm in CONFIRM_GRID:
            coder.detector.meta.update(add_threshold=add, confirm_threshold=confirm)
            results[add, confirm] = score(docs, corpus.code_gold(docs, coder))["strict"]["f1"]
    by_add = {a: max(f for (a2, _), f in results.items() if a2 == a) for a in ADD_GRID}
    top = max(by_add.values())
    add = max(a for a, f in by_add.items() if f >= top - TIE)      # within TIE, the most demanding (see TIE)
    confirm = min(c for c in CONFIRM_GRID if results[add, c] >= by_add[add] - CONFIRM_TIE)
    f1 = results[add, confirm]
    coder.detector.meta.update(add_threshold=add, confirm_threshold=confirm)
    gate, gated_f1, by_gate = _relevance_threshold(docs, corpus.code_gold(docs, coder), coder.detector.relevance)
    grid = {str(a): round(f, 4) for a, f in by_add.items()}      # kept: the next retrain compares
    best = {"f1": round(gated_f1, 4), "add_threshold": add, "confirm_threshold": confirm, "best_f1": round(top, 4),
            "relevance_threshold": gate, "ungated_f1": round(f1, 4), "add_grid": grid, "gate_grid": by_gate,
            "confirm_grid": {str(c): round(f, 4) for (a, c), f in results.items() if a == add}}
    _update_meta(Path(model_path), {"add_threshold": add, "confirm_threshold": confirm, "relevance_threshold": gate,
                                    "dev_strict_f1": best["f1"], "dev_strict_f1_by_add": grid,
                                    "dev_strict_f1_by_confirm": best["confirm_grid"],
                                    "dev_strict_f1_by_gate": by_gate})
    return best


# the story gate may cost at most GATE_TIE of dev strict F1: its gain is on pages the corpus hardly holds (earnings,
# lifestyle, sport), where false events come from. Corpus 88985f98, stories of 3+ sentences: gates 0.3 / 0.4 / 0.5
# skip 30 / 41 / 55 of the 561 dev passages, dev strict F1 0.4242 ungated, 0.4242 / 0.4249 / 0.4244 gated. 0.6 and 0.7
# joined the grid with the trigger encoder (2026-12-05: dev 0.4524 ungated, 0.4521 / 0.4502 / 0.4467 at 0.5 / 0.6 / 0.7;
# bench events 33 / 29 / 19). Half steps were measured at the eleventh session and left out (corpus 00cd43e0: dev
# 0.4778 ungated, 0.4747 / 0.4738 at 0.6 / 0.65, within the tie; bench events 29 / 20): the nine events 0.65 drops
# are mostly a Gaza report's, real ones (docs/measurements.md, "Eleventh session")
GATE_TIE = 0.005
GATE_GRID = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def _relevance_threshold(docs: list[dict], preds: list[dict], model) -> tuple[float, float, dict[str, float]]:
    """The most demanding story-relevance threshold within GATE_TIE of the ungated dev strict F1, its F1, and the F1
    of every threshold of GATE_GRID."""
    from multipolar.evaluation import score
    from multipolar.nlp import split_sentences

    sentences = {str(d["id"]): [d["text"][a:b] for a, b in split_sentences(d["text"])] for d in docs}
    results = [(score(docs, [e for e in preds if not relevance.off_topic(model, sentences[str(e["doc_id"])], g)])
                ["strict"]["f1"], g) for g in GATE_GRID]
    ungated = results[0][0]
    f1, gate = max((r for r in results if r[0] >= ungated - GATE_TIE), key=lambda r: r[1])
    return gate, f1, {str(g): round(f, 4) for f, g in results}


class _ParseCache:
    """Parses each sentence once across the threshold search (the coder never changes a parsed Doc)."""

    def __init__(self, nlp):
        self.nlp, self.docs = nlp, {}

    def pipe(self, texts, batch_size: int = 256):
        texts = list(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self.docs]
        self.docs.update(zip(new, self.nlp.pipe(new, batch_size=batch_size)))
        return iter([self.docs[t] for t in texts])


def _update_meta(path: Path, extra: dict) -> None:
    z = dict(np.load(path, allow_pickle=False))
    meta = json.loads(str(z["meta"]))
    meta.update(extra)
    z["meta"] = np.array(json.dumps(meta))
    np.savez_compressed(path, **z)
    from multipolar.coding import detector
    detector.load.cache_clear()
