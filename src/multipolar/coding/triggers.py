"""Finding event triggers in a parsed sentence: verbs of the lexicon, checked for particles and objects."""
from __future__ import annotations

from spacy.tokens import Span, Token

from multipolar.coding import words
from multipolar.coding.lexicon import Lexicon, Trigger

# Verbs that carry an event noun: "issued a demand", "announced a suspension", "renewed negotiations".
LIGHT_VERBS = words.of("light_verbs")


_NOUN_LIKE_ADJECTIVES = words.of("noun_like_adjectives")  # tagged as adjectives, named in patterns as the thing itself
_NOUN_DEPS = words.of("noun_deps")
_CONTAINERS = words.of("containers")
# lemmas: "thousands of troops", "ten days of war games"


def direct_object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in verb.children:                      # passive: "sanctions were imposed"
        if c.dep_ == "nsubjpass":
            return c
    return None


_NOT_OBJECT_PREPS = words.of("not_object_preps")


def _object_lemmas(verb: Token, prep: str | None = None) -> set[str]:
    """Lemmas that count as the verb's object: the object noun, its compounds, prepositional objects
    (only those of `prep` when the pattern names one: 'withdraw from ~treaty')."""
    out: set[str] = set()
    obj = direct_object(verb)
    if obj is not None:
        out |= {obj.lemma_.lower(), obj.lower_}
        out |= {c.lemma_.lower() for c in obj.children if c.dep_ == "compound"
                or c.dep_ == "amod" and c.lower_ in _NOUN_LIKE_ADJECTIVES}   # "martial law"
        if obj.lemma_.lower() in _CONTAINERS and any(p.dep_ == "prep" and p.lower_ == "of" for p in obj.children):
            out -= {obj.lemma_.lower(), obj.lower_}     # "a package of sanctions" is sanctions, not a package
        inner = obj
        for _ in range(2):                          # "a package of sanctions", "millions of rounds of shells"
            if inner.lemma_.lower() not in _CONTAINERS:
                break
            held = [g for p in inner.children if p.dep_ == "prep" for g in p.children]
            out |= {g.lemma_.lower() for g in held}
            out |= {c.lemma_.lower() for g in held for c in g.children if c.dep_ == "compound"}
            inner = next((g for g in held if g.dep_ == "pobj"), inner)
    for p in verb.children:                      # "put troops on alert", "went on strike"
        if p.dep_ == "prep" and p.lower_ not in _NOT_OBJECT_PREPS and (prep is None or p.lower_ == prep):
            out |= {g.lemma_.lower() for g in p.children if g.dep_ == "pobj"}
    return out


def _has_particle(verb: Token, particle: str) -> bool:
    """'pull out', 'call for' — also 'call for X to leave', where 'for' marks the infinitive clause."""
    first = particle.split()[0]
    if any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == first for c in verb.children):
        return True
    return any(c.dep_ in ("xcomp", "advcl", "ccomp") and any(m.dep_ in ("mark", "aux") and m.lower_ == first
                                                            for m in c.children) for c in verb.children)


# verbs whose "re-" form means "again" ("reimposed a blockade", "re-opened the border"); a closed list,
# because most re- verbs are words of their own ("resign" is not "sign", "remove" is not "move")
AGAIN_STEMS = words.of("again_stems")


def _again_stem(lemma: str, lexicon: Lexicon) -> str:
    if lemma in lexicon.by_verb or not lemma.startswith("re"):
        return lemma
    stem = lemma[2:].lstrip("-")
    return stem if stem in AGAIN_STEMS and stem in lexicon.by_verb else lemma


def match(verb: Token, lexicon: Lexicon) -> Trigger | None:
    """The most specific lexicon entry whose verb, particle and object constraints hold at `verb`."""
    if verb.pos_ not in ("VERB",) and not (verb.pos_ == "AUX" and verb.dep_ == "ROOT"):
        return None
    if verb.dep_ in _NOUN_DEPS or any(c.dep_ == "mark" and c.lower_ == "despite" for c in verb.children):
        return None                      # a verb tag on a noun ("despite Trump's vows")
    lemma = verb.lemma_.lower()
    if lemma not in lexicon.by_verb and lemma not in LIGHT_VERBS:
        lemma = lexicon.form_lemma.get(verb.lower_, lemma)     # the tagger's lemma can be wrong ("stag")
    lemma = _again_stem(lemma, lexicon)
    cands = lexicon.candidates(lemma)
    if lemma in LIGHT_VERBS:
        cands = cands + lexicon.candidates("*")
    if not cands:
        return None
    objects = None
    for trig in cands:
        if trig.objects:
            if trig.particle:
                found = _object_lemmas(verb, trig.particle.split()[0])
            else:
                if objects is None:
                    objects = _object_lemmas(verb)
                found = objects
            if not (trig.objects & found):
                continue
        if trig.particle and not _has_particle(verb, trig.particle):
            continue
        return trig
    return None


# Verbs that say an event noun happened: "riots continued", "fighting broke out", "talks resumed".
ASPECT_VERBS = words.of("aspect_verbs")


def noun_subject(verb: Token, lexicon: Lexicon) -> tuple[Token, Trigger] | None:
    """An event noun as the subject of an aspect verb: the noun is the trigger ("Palestinian riots against
    Israeli policies are continuing")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ASPECT_VERBS:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN":
        return None
    lemma = subj.lemma_.lower()
    for trig in lexicon.candidates("@") + lexicon.candidates("*"):
        if lemma in trig.objects:
            return subj, trig
    return None


def find(sent: Span, lexicon: Lexicon) -> list[tuple[Token, Trigger]]:
    out = []
    for t in sent:
        if (trig := match(t, lexicon)) is not None:
            out.append((t, trig))
        elif (hit := noun_subject(t, lexicon)) is not None:
            out.append(hit)
    return out
