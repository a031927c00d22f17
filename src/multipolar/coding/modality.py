"""Modality of an event: asserted, reported, future, hypothetical or negated.

Read off the trigger's own auxiliaries and adverbs, then off the verbs that govern it
("plans to impose", "could send", "reportedly met"), nearest first.
"""
from __future__ import annotations

from spacy.tokens import Token

from multipolar.coding import words

_HYPOTHETICAL_AUX = words.of("hypothetical_aux")
_FUTURE_AUX = words.of("future_aux")
_HYPOTHETICAL_VERBS = words.of("hypothetical_verbs")
_FUTURE_VERBS = words.of("future_verbs")
_WEIGHING = words.of("weighing")
_HEDGES = words.of("hedges")
_REPORT_PHRASES = words.of("report_phrases")
# "according to Ukrainian intelligence" attributes the claim; "according to the agreement" does not
_ACCORDING_NOT_A_SOURCE = words.of("according_not_a_source")
_PROBABLY = words.of("probably")
_CONDITIONAL_MARKS = words.of("conditional_marks")
_NEG_WORDS = words.of("neg_words")


def modality(trigger: Token, sentence_text: str, *, reporting_past: bool = False) -> str:
    """The modality of the event triggered at `trigger`.

    reporting_past: the trigger sits in a clause reported in the past ("said it would"): 'would'
    then reads as future rather than hypothetical.
    """
    chain = [trigger]
    t = trigger
    # walk up through control/raising verbs: "is expected to visit", "plans to impose"
    while t.dep_ in ("xcomp", "ccomp", "advcl", "conj") and t.head.i != t.i and len(chain) < 4:
        if t.dep_ == "ccomp" and t.head.lemma_ in ("say", "tell", "announce", "report", "state", "claim"):
            break
        if t.dep_ == "conj":
            t = t.head
            continue
        t = t.head
        chain.append(t)
    for depth, verb in enumerate(chain):
        kids = list(verb.children)
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "have" and \
                any(k.lower_ == "yet" for k in kids + list(verb.head.children)):
            return "negated"                # "has yet to ratify": not (yet) done
        if depth == 0 and any(k.dep_ == "advmod" and k.lower_ in _PROBABLY for k in kids):
            return "hypothetical"           # "would likely strike": a forecast
        if any(k.dep_ == "neg" or (k.lower_ in _NEG_WORDS and k.dep_ in ("advmod", "det")) for k in kids):
            return "negated"
        if any(k.dep_ == "mark" and k.lower_ in _CONDITIONAL_MARKS for k in kids) and verb.dep_ == "advcl":
            return "hypothetical"
        if depth > 0 and verb.lemma_.lower() in _HYPOTHETICAL_VERBS:
            return "hypothetical"           # "would consider sending troops": weighed, whatever the weighing's tense
        auxes = [k.lower_ for k in kids if k.dep_ in ("aux", "auxpass")]
        if any(a in _HYPOTHETICAL_AUX for a in auxes):
            return "hypothetical"
        if "would" in auxes:
            return "future" if reporting_past else "hypothetical"
        if any(a in _FUTURE_AUX for a in auxes):
            return "future"
        if depth > 0 and verb.lemma_.lower() == "deny":
            return "negated"                # "denied supplying drones": the supply is what is denied
        if depth == 0 and verb.lemma_.lower() in _WEIGHING:
            return "hypothetical"           # "the EU may consider sanctions": the trigger itself only weighs it
        if depth > 0:
            lemma = verb.lemma_.lower()
            if lemma in _FUTURE_VERBS or (lemma == "be" and "to" in auxes):
                return "future"
        if any(k.lower_ in _HEDGES for k in kids):
            return "reported"
        # "is to visit", "are going to"
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and any(k.lower_ == "to" for k in kids):
            return "future"
    low = sentence_text.lower()
    if any(h in low.split() for h in _HEDGES) or any(p in low for p in _REPORT_PHRASES):
        return "reported"
    if "according to" in low and not any(p in low for p in _ACCORDING_NOT_A_SOURCE):
        return "reported"
    return "asserted"
