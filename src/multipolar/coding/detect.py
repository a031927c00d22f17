"""Detect: which tokens of a sentence start an event (the lexicon's triggers, the speaker's demands), and which
of them are only part of another trigger's event."""
from __future__ import annotations

from spacy.tokens import Span, Token

from multipolar.coding import clauses, lexicon, triggers, words
from multipolar.coding.roles import REPORT_VERBS

# "Russia said Sudan must return the helicopter": the speaker's demand, coded as REQUEST
DEMAND = lexicon.Trigger("say", None, frozenset(), "REQUEST", None, ("diplomatic",), "normal")
_GOVERNING = words.of("governing")
_COMPLEMENT_DEPS = words.of("complement_deps")


def speaker_demands(sent: Span) -> list[tuple[Token, lexicon.Trigger]]:
    """"Russia said Sudan must return the helicopter": a statement of obligation is the speaker's demand."""
    out = []
    for t in sent:
        if t.lemma_.lower() not in REPORT_VERBS or t.pos_ != "VERB":
            continue
        for c in t.children:
            if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in clauses.OBLIGATION for a in c.children):
                out.append((t, DEMAND))
                break
    return out


def denied(verb: Token) -> bool:
    return verb.head.i != verb.i and verb.head.lemma_.lower() == "deny" and (
        (verb.dep_ == "xcomp" and verb.tag_ == "VBG") or verb.dep_ == "ccomp")


def _governed(v: Token, by_i: dict[int, lexicon.Trigger]) -> bool:
    cur = v
    for _ in range(6):
        if cur.dep_ not in _COMPLEMENT_DEPS or cur.head.i == cur.i:
            return False
        parent = cur.head
        reported = cur.dep_ == "ccomp" and parent.lemma_.lower() in REPORT_VERBS
        if parent.i in by_i and (cur.dep_ == "xcomp" or by_i[parent.i].event in _GOVERNING) \
                and cur.dep_ != "conj" and not reported:
            return True
        cur = parent
    return False


def drop_governed(found: list[tuple[Token, lexicon.Trigger]]) -> list[tuple[Token, lexicon.Trigger]]:
    """A trigger in the complement of another trigger ("agreed to send", "urged X to withdraw",
    "refused to allow ... to evacuate", "accused X of violating") is part of that event, not one of its own."""
    by_i = {v.i: t for v, t in found}
    # "denied supplying drones", "denied that it had attacked": the denial is about the embedded act,
    # which is coded itself (negated); the denial yields to it
    denials = {v.head.i for v, _ in found if denied(v) and v.head.i in by_i}
    found = [(v, t) for v, t in found if v.i not in denials]
    return [(v, t) for v, t in found if denied(v) or not _governed(v, by_i)]


def sentence_triggers(sent: Span, by_token, lex: lexicon.Lexicon, detector, mode: str) -> tuple:
    """The triggers of a sentence: the lexicon's and the speaker's demands, merged with the detector's by coder mode
    (detector.merge) and less those governed by another; with the detector's event probability per token and the
    tokens only the detector made triggers."""
    found = triggers.find(sent, lex) + speaker_demands(sent)
    if detector is None:
        return drop_governed(found), {}, set()
    kept, probs = detector.merge(mode, sent, lex, by_token, found, always={DEMAND})
    by_rules = {v.i for v, _ in found}
    return drop_governed(kept), probs, {v.i for v, _ in kept if v.i not in by_rules}


def unconfirmed(sent: Span, lex: lexicon.Lexicon, kept: list) -> list[tuple[Token, lexicon.Trigger]]:
    """The lexicon's triggers of a sentence at tokens the coder did not keep as triggers (the detector did not
    confirm them, or another trigger governs them): for tracing where events are lost (scripts/error_breakdown.py)."""
    have = {v.i for v, _ in kept}
    return [(v, t) for v, t in triggers.find(sent, lex) if v.i not in have]
