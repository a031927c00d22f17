"""The learned trigger detector: which tokens of a parsed sentence tell an event, and of which PLOVER type.

A multinomial logistic regression over the features of coding/features.py, trained on the annotated corpus
(`multipolar train`, coding/train.py) and shipped as coding/data/detector.npz: weights per feature and label,
the mode and context most often annotated for each (lemma, type), and the corpus hash it was trained on.
Loaded once per process; inference is a sum of weight rows and a softmax.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from multipolar.coding import encoder as encoder_mod
from multipolar.coding import role_encoder as role_encoder_mod
from multipolar.coding.features import (earlier_features, is_candidate, maybe_candidate, mention_spans, named_agent,
                                        pair_features, passive, sentence_mentions, span_head, token_features, window)
from multipolar.coding.lexicon import Lexicon, Trigger
from multipolar.coding.relevance import Relevance, from_arrays, off_topic
from multipolar.coding.roles import claim_source, not_a_party, of_is_target
from multipolar.errors import DataFileError
from multipolar.ontology import EVENT_TYPES

MODEL_PATH = Path(__file__).parent / "data" / "detector.npz"
NONE = "O"
ACTOR_FLOOR = 0.4
# longer parsed sentences (run-on text cut after commas) are left to the linear role model: the role encoder reads one
# sequence per trigger (batched, prepare_roles) of at most 128 word pieces, so there it costs most and sees least
ROLE_ENCODER_TOKENS = 80
# the role encoder's share where its role probabilities are averaged with the linear role model's (docs/coding.md)
ROLE_ENCODER_WEIGHT = 0.5
EARLIER_FLOOR = 0.8
# a party named only in the sentence before: the role encoder reads the two together (at most WINDOW_TOKENS tokens)
# and names the likeliest of the earlier sentence's mentions when at least WINDOW_FLOOR likely (docs/coding.md)
WINDOW_TOKENS = 120
WINDOW_FLOOR = 0.5
# a type the sentence-type head gives at least SENTENCE_SURE, with no trigger of that type found, is told by the
# candidate likeliest to tell it, when the geometric mean of that token's and the sentence's probability is at least
# SENTENCE_JOINT (coding/sentence_types.py; measured in docs/coding.md)
SENTENCE_SURE = 0.7
SENTENCE_JOINT = 0.3


@dataclass(frozen=True)
class Detection:
    token: Token
    event: str
    prob: float          # probability of `event`
    none_prob: float     # probability that the token tells no event
    dist: np.ndarray = field(compare=False)    # every label's probability


class LinearModel:
    """A multinomial logistic regression stored as weight rows per feature name."""

    def __init__(self, labels: list[str], names: list[str], weights: np.ndarray, bias: np.ndarray):
        if weights.shape != (len(names), len(labels)):
            raise ValueError(f"weights of shape {weights.shape} for {len(names)} features, {len(labels)} labels")
        self.labels, self.weights, self.bias = labels, weights.astype(np.float32), bias.astype(np.float32)
        self.index = {n: i for i, n in enumerate(names)}

    def probabilities(self, feats: list[str]) -> np.ndarray:
        rows = [self.index[f] for f in feats if f in self.index]
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        z = np.exp(z - z.max())
        return z / z.sum()


class Detector:
    """The trigger model (which tokens tell which event), the role model (which mention is actor or
    recipient of a trigger), the earlier-actor model (which mention of the two sentences before is the actor of a
    trigger whose sentence names none) and the story relevance model (coding/relevance.py), with the mode/context
    table and the training metadata."""

    def __init__(self, triggers: LinearModel, roles: LinearModel | None, attributes: dict, meta: dict,
                 relevance: Relevance | None = None, earlier: LinearModel | None = None,
                 encoder: encoder_mod.TriggerEncoder | None = None,
                 role_encoder: role_encoder_mod.RoleEncoder | None = None):
        self.triggers, self.roles, self.relevance = triggers, roles, relevance
        self.encoder = encoder               # the fine-tuned transformer, averaged with `triggers` (coding/encoder.py)
        self.role_encoder = role_encoder     # averaged with `roles` (coding/role_encoder.py)
        self.earlier = earlier               # which mention of the sentences before is the actor (part "ctx")
        self.attributes = attributes         # "lemma|TYPE" -> [mode, [contexts]]
        self.meta = meta
        self.none = triggers.labels.index(NONE)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "Detector":
        path = Path(path)
        try:
            z = np.load(path, allow_pickle=False)
            models = {}
            for part in ("det", "role", "ctx"):
                if f"{part}_labels" in z:
                    models[part] = LinearModel([str(x) for x in z[f"{part}_labels"]],
                                               [str(x) for x in z[f"{part}_features"]],
                                               z[f"{part}_weights"], z[f"{part}_bias"])
            meta = json.loads(str(z["meta"]))
            attributes = json.loads(str(z["attributes"]))
            relevance = from_arrays(z)
        except (OSError, KeyError, ValueError) as exc:
            raise DataFileError(f"{path}: not a multipolar detector model ({exc}); rebuild it with "
                                f"`multipolar train`") from None
        if "det" not in models:
            raise DataFileError(f"{path}: holds no trigger model; rebuild it with `multipolar train`")
        unknown = set(models["det"].labels) - set(EVENT_TYPES) - {NONE}
        if unknown:
            raise DataFileError(f"{path}: unknown event labels {sorted(unknown)}; rebuild it with `multipolar train`")
        beside, roles_beside = encoder_path(path), roles_path(path)
        enc = encoder_mod.TriggerEncoder.load(beside) if beside.exists() else None
        role_enc = role_encoder_mod.RoleEncoder.load(roles_beside) if roles_beside.exists() and "role" in models \
            else None
        return cls(models["det"], models.get("role"), attributes, meta, relevance, models.get("ctx"), enc, role_enc)

    def relevant(self, sentences: list[str]) -> bool:
        """Is a story with these sentences worth coding (not judged off-topic at `relevance_threshold`)?"""
        return not off_topic(self.relevance, sentences, self.meta.get("relevance_threshold", 0.0))

    def prepare(self, docs: list) -> list:
        """The encoder's label probabilities for every token that may be a candidate, in one batched pass over
        parsed sentences, kept in each Doc's user_data (in the linear model's label order)."""
        if self.encoder is None:
            return docs
        todo = [d for d in docs if ENCODED not in d.user_data]
        tokens = [[t for t in d if maybe_candidate(t)] for d in todo]
        read = self.encoder.read([(d.text, [(t.idx, t.idx + len(t)) for t in toks]) for d, toks in zip(todo, tokens)])
        order = [self.encoder.labels.index(lab) for lab in self.triggers.labels]
        for d, toks, (r, told) in zip(todo, tokens, read):
            r = r[:, order]
            r = r / np.maximum(r.sum(axis=1, keepdims=True), 1e-9)    # over the labels the linear model knows
            d.user_data[ENCODED] = {t.i: r[k] for k, t in enumerate(toks)}
            if told is not None:
                d.user_data[SENTENCE_TYPES] = dict(zip(self.encoder.sentence_types, told.tolist()))
        return docs

    def probabilities(self, tok: Token, feats: list[str]) -> np.ndarray:
        """The linear model's label probabilities, averaged with the encoder's where there is one."""
        p = self.triggers.probabilities(feats)
        if self.encoder is None:
            return p
        if ENCODED not in tok.doc.user_data:
            self.prepare([tok.doc])
        q = tok.doc.user_data[ENCODED].get(tok.i)
        return p if q is None else (p + q) / 2

    def detect(self, sent: Span, lexicon: Lexicon, mention_tokens) -> list[Detection]:
        named = bool(mention_tokens)
        out = []
        for tok in sent:
            if not is_candidate(tok, mention_tokens):
                continue
            p = self.probabilities(tok, token_features(tok, lexicon, mention_tokens, named))
            best = int(np.argmax(np.where(np.arange(len(p)) == self.none, -1.0, p)))
            out.append(Detection(tok, self.triggers.labels[best], float(p[best]), float(p[self.none]), p))
        return out

    def prepare_roles(self, sentences: list[tuple]) -> None:
        """The role encoder's probabilities for the triggers of many sentences, (mentions by token, [(trigger token,
        event type)]) each, in one batched pass (kept per Doc, detector, trigger and type); a type a later stage
        gives a trigger is read alone when asked for (`_scored`)."""
        if self.role_encoder is None:
            return
        asks = []
        for by_token, pairs in sentences:
            spans = mention_spans(by_token)
            for trigger, event in pairs:
                cache = trigger.doc.user_data.setdefault(ROLE_ENCODED, {})
                outside = _outside(trigger, spans)
                if (id(self), trigger.i, event) not in cache and _encodable(trigger, outside):
                    asks.append((cache, (id(self), trigger.i, event), _role_ask(trigger, event, outside)))
        for (cache, key, _), q in zip(asks, self.role_encoder.probabilities_many([a for _, _, a in asks])):
            cache[key] = q

    def _scored(self, trigger: Token, event: str, by_token) -> list[tuple]:
        """(ActorRef, head token, role probabilities) for each mention of the sentence outside the trigger: the
        linear role model's, averaged with the role encoder's where there is one (its share ROLE_ENCODER_WEIGHT;
        kept per Doc, trigger and type)."""
        doc = trigger.doc
        cache, key = doc.user_data.setdefault(ROLES, {}), (id(self), trigger.i, event)   # two detectors, two answers
        if key in cache:
            return cache[key]
        spans = mention_spans(by_token)
        outside = _outside(trigger, spans)
        probs = [self.roles.probabilities(pair_features(trigger, event, s, e, ref, len(spans)))
                 for s, e, ref in outside]
        if self.role_encoder is not None and _encodable(trigger, outside):
            encoded = doc.user_data.setdefault(ROLE_ENCODED, {})
            if key not in encoded:
                encoded[key] = self.role_encoder.probabilities(*_role_ask(trigger, event, outside))
            order = [role_encoder_mod.LABELS.index(lab) for lab in self.roles.labels]
            w = ROLE_ENCODER_WEIGHT
            probs = [(1 - w) * p + w * encoded[key][k, order] for k, p in enumerate(probs)]
        cache[key] = [(ref, span_head(doc, s, e), p) for (s, e, ref), p in zip(outside, probs)]
        return cache[key]

    def _likeliest(self, scored: list[tuple], label: str, floor: float, model: LinearModel | None = None) -> list:
        """The mention most likely to hold `label` (the first of equals), when at least `floor` likely; `scored`
        holds (ActorRef, head token, probabilities of `model`, the role model by default)."""
        col = (model or self.roles).labels.index(label)
        best = max(scored, key=lambda s: s[2][col], default=None)
        return [best[0]] if best is not None and best[2][col] >= floor else []

    def merge(self, mode: str, sent: Span, lexicon: Lexicon, mention_tokens, found: list, always=frozenset()):
        """The triggers of a sentence by coder mode. The detector decides which tokens tell an event: every token
        whose likeliest type is at least `add_threshold` likely is kept with that type (and the lexicon's entry,
        for its mode and context, where the lexicon agrees). "combined" also keeps a lexicon trigger elsewhere
        when the detector gives the lexicon's type at least `confirm_threshold` of probability; "model" keeps
        none. Returns (triggers, event probability per token). Entries in `always` (the speaker's-demand pattern)
        are the rules' own and always kept."""
        add = self.meta.get("add_threshold", 0.5)
        by_i = {d.token.i: d for d in self.detect(sent, lexicon, mention_tokens)}
        probs = {i: 1.0 - d.none_prob for i, d in by_i.items()}      # the chance the token tells any event
        rules = {v.i: t for v, t in found}
        kept = [(d.token, rules[i] if i in rules and rules[i].event == d.event else self.trigger(d))
                for i, d in by_i.items() if d.prob >= add]
        if mode != "model":
            confirm, labels = self.meta.get("confirm_threshold", add), self.triggers.labels
            have = {v.i for v, _ in kept}
            kept += [(by_i[i].token, t) for i, t in rules.items() if i in by_i and i not in have
                     and t.event in labels and by_i[i].dist[labels.index(t.event)] >= confirm]
        kept += [(v, t) for v, t in found if t in always]
        # detections first, then confirmed lexicon triggers: selection keeps the first of equals
        return kept + self.told_by_sentence(sent, by_i, kept), probs

    def told_by_sentence(self, sent: Span, by_i: dict[int, Detection], kept: list) -> list:
        """For each type the sentence-type head is sure the sentence tells (SENTENCE_SURE) and no trigger tells, the
        candidate likeliest to tell it, when the two together are sure enough (SENTENCE_JOINT)."""
        told = sent.doc.user_data.get(SENTENCE_TYPES)
        if not told:
            return []
        have, taken, out = {t.event for _, t in kept}, {v.i for v, _ in kept}, []
        for event, p in told.items():
            if p < SENTENCE_SURE or event in have:
                continue
            j = self.triggers.labels.index(event)
            free = [d for i, d in by_i.items() if i not in taken]
            best = max(free, key=lambda d: d.dist[j], default=None)
            if best is not None and (best.dist[j] * p) ** 0.5 >= SENTENCE_JOINT:
                out.append((best.token, self.trigger(Detection(best.token, event, float(best.dist[j]),
                                                               best.none_prob, best.dist))))
                taken.add(best.token.i)
        return out

    def learned_actors(self, trigger: Token, event: str, by_token) -> list:
        """The role model's actors for a trigger (the caller decides which triggers are believed enough); none for
        a passive whose agent the parse names. Every mention it labels actor, else the likeliest one at ACTOR_FLOOR;
        never a patient of the act (in a passive, its subject: "two reporters were detained in Minsk, Belarus's
        opposition said" may take BLR, never the reporters)."""
        if self.roles is None or named_agent(trigger):
            return []
        patients = {t.i for t in _patients(trigger)}
        if of_is_target(trigger, event):                        # "the killing of a Russian general"
            patients |= {t.i for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree}
        patients |= {t.i for s in trigger.children if s.dep_ == "nsubj"     # "Iran's proxies attacked": no patron
                     for t in s.children if t.dep_ == "poss"}
        scored = self._scored(trigger, event, by_token)
        actors: dict[str, tuple] = {}              # every mention the model labels actor at >= 0.5, once per code
        for ref, head, p in scored:
            if self.roles.labels[int(np.argmax(p))] == "actor" and p.max() >= 0.5:
                actors.setdefault(ref.code, (ref, head))
        found = [ref for ref, head in actors.values() if head.i not in patients]
        return found or self._likeliest([s for s in scored if s[1].i not in patients], "actor", ACTOR_FLOOR)

    def learned_recipients(self, trigger: Token, event: str, by_token, actors: set[str], threshold: float,
                           ctx=None) -> list:
        """The mention the role model most believes is the recipient, when at least `threshold` sure and not
        one of the actors; never the country of a border ("near the Thai border" locates, it names no
        counterpart), the owner of a relation noun or the source of the claim ("..., Armenia said"). Else the
        role encoder's choice in the sentence before (`ctx`: coding/context.py; `earlier_party`)."""
        if self.roles is None:
            return []
        return self._likeliest([s for s in self._scored(trigger, event, by_token)
                                if s[0].code not in actors and not not_a_party(s[1], s[1].head)
                                and not claim_source(s[1], trigger)],
                               "recipient", threshold) or \
            self.earlier_party(trigger, event, ctx and ctx.previous, mention_spans(by_token), "recipient", actors) or []

    def overrule(self, trigger: Token, event: str, by_token, role: str, chosen: list, sure: float,
                 doubt: float) -> list | None:
        """The role encoder overrules the parse: the mention of the sentence most likely to hold `role` ("actor" or
        "recipient"), when at least `sure` likely, not already chosen, and every chosen party named in the sentence
        is at most `doubt` likely to hold it. None when the parse's choice stands (or it named someone the sentence
        does not: a pronoun's antecedent, a state of the place)."""
        if self.role_encoder is None or (role == "actor" and passive(trigger)):    # the parse knows the agent
            return None
        scored = self._scored(trigger, event, by_token)
        col = self.roles.labels.index(role)
        named = {ref.code for ref, _, _ in scored}
        codes = {ref.code for ref in chosen}
        if not scored or not codes <= named:
            return None
        best = max(scored, key=lambda s: s[2][col])
        if best[2][col] < sure or best[0].code in codes or \
                any(p[col] > doubt for ref, _, p in scored if ref.code in codes):
            return None
        return [best[0]]

    def earlier_actor(self, trigger: Token, event: str, ctx, here: list[tuple]) -> list:
        """An actor named before the trigger's sentence (`ctx`: coding/context.py; `here`: the sentence's own mention
        spans), none in a passive whose agent the parse names: the role encoder's choice among the mentions of the
        last sentence that named anyone, read together with this one (`earlier_party`), else the linear
        earlier-actor model's among the last two."""
        if named_agent(trigger):
            return []
        found = self.earlier_party(trigger, event, ctx.previous, here, "actor")
        if found is not None or self.earlier is None:
            return found or []
        scored = [(ref, None, self.earlier.probabilities(earlier_features(trigger, event, back, dep, root_subject,
                                                                         ref, len(here))))
                  for back, (doc, spans) in enumerate(reversed(ctx.named), start=1)
                  for ref, dep, root_subject in sentence_mentions(doc, spans)]
        return self._likeliest(scored, "actor", EARLIER_FLOOR, self.earlier)

    def earlier_party(self, trigger: Token, event: str, previous: tuple | None, here: list[tuple], role: str,
                      exclude: set[str] = frozenset()) -> list | None:
        """The role encoder over the last sentence that named anyone (`previous`: its Doc and mention spans) and the
        trigger's: that sentence's mention likeliest to hold `role` ("actor" or "recipient"; this sentence's own
        mentions are read as rivals), not one of `exclude`, when at least WINDOW_FLOOR likely. None when there is
        no role encoder or no such sentence, or the two are too long to read together."""
        if self.role_encoder is None or previous is None or not previous[1] or \
                len(previous[0]) + len(trigger.doc) > WINDOW_TOKENS:
            return None
        before, spans = previous
        cache = trigger.doc.user_data.setdefault(WINDOW_ENCODED, {})
        key = (id(self), id(before), trigger.i, event)        # asked for the actor, then for the recipient: read once
        if key not in cache:
            text, shift, chars = window(before, spans, trigger.doc, here)
            at = shift + trigger.idx
            cache[key] = self.role_encoder.probabilities(text, (at, at + len(trigger)), chars, event)
        probs = cache[key]
        col = role_encoder_mod.LABELS.index(role)
        open_ = [k for k, (_, _, ref) in enumerate(spans) if ref.code not in exclude]
        best = max(open_, key=lambda k: probs[k][col], default=None)
        return [spans[best][2]] if best is not None and probs[best][col] >= WINDOW_FLOOR else []

    def trigger(self, det: Detection) -> Trigger:
        """A lexicon entry for a detected token, with the mode and context annotated most often for it."""
        lemma = det.token.lemma_.lower()
        mode, context = self.attributes.get(f"{lemma}|{det.event}", [None, []])
        return Trigger(lemma, None, frozenset(), det.event, mode or None, tuple(context), "normal")


ENCODED = "multipolar_trigger_encoder"       # Doc.user_data key of the encoder's probabilities
ROLES = "multipolar_roles"             # Doc.user_data key of the role probabilities per (detector, trigger, type)
ROLE_ENCODED = "multipolar_role_encoder"      # ... and of the role encoder's alone (prepare_roles)
WINDOW_ENCODED = "multipolar_role_window"     # ... and of its reading with the sentence before (earlier_party)
SENTENCE_TYPES = "multipolar_sentence_types"  # ... and of the sentence-type head's probabilities (coding/sentence_types.py)


def _outside(trigger: Token, spans: list[tuple]) -> list[tuple]:
    """The mention spans (start, end, ActorRef) that do not hold the trigger."""
    return [(s, e, ref) for s, e, ref in spans if not s <= trigger.i < e]


def _encodable(trigger: Token, outside: list[tuple]) -> bool:
    """Does the role encoder read this trigger: some mention outside it, in a sentence of at most
    ROLE_ENCODER_TOKENS tokens (run-on text cut after commas is left to the linear role model)?"""
    return bool(outside) and len(trigger.doc) <= ROLE_ENCODER_TOKENS


def _role_ask(trigger: Token, event: str, outside: list[tuple]) -> tuple:
    """What the role encoder reads: (sentence text, trigger's character span, mentions' character spans, type)."""
    doc = trigger.doc
    return (doc.text, (trigger.idx, trigger.idx + len(trigger)),
            [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e, _ in outside], event)


def encoder_path(model_path: str | Path) -> Path:
    """The trigger encoder that belongs to a detector file: detector.npz -> detector.encoder.safetensors."""
    p = Path(model_path)
    return p.with_name(p.stem + ".encoder.safetensors")


def roles_path(model_path: str | Path) -> Path:
    """The role encoder that belongs to a detector file: detector.npz -> detector.roles.safetensors."""
    p = Path(model_path)
    return p.with_name(p.stem + ".roles.safetensors")


_PATIENT_DEPS = ("dobj", "nsubjpass", "dative", "iobj")
_INSIDE_NP = ("compound", "amod", "nmod", "poss", "nummod", "det", "appos", "pobj", "prep", "conj")


def _patients(trigger: Token) -> list[Token]:
    """The tokens of the phrases that undergo the act: objects of the trigger or of the verb it is the subject
    of ("a roadside bombing killed one U.S. soldier": the soldier is a victim, never the attacker)."""
    heads = {trigger.i, trigger.head.i} if trigger.dep_ in ("nsubj", "nsubjpass") else {trigger.i}
    out = []
    for tok in trigger.doc:
        cur = tok
        while cur.dep_ in _INSIDE_NP and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ in _PATIENT_DEPS and cur.head.i in heads:
            out.append(tok)
    return out


@lru_cache(maxsize=2)
def load(path: str | None = None) -> Detector | None:
    """The shipped model, or None when none has been trained (the coder then runs on its rules alone)."""
    p = Path(path) if path else MODEL_PATH
    return Detector.load(p) if p.exists() else None
