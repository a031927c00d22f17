"""Actor mentions in a parsed sentence: roster phrases matched on whole tokens, longest first.

A Mentions object maps token indices to the ActorRef of the phrase that covers them, and turns a
syntactic argument (a token) into the actors it names, following coordination and possessives.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from multipolar.coding import words
from multipolar.actors import Roster
from multipolar.coding import places
from multipolar.model import ActorRef
from multipolar.nlp import pipeline

# Dependents that stay inside a noun phrase when we look for the actor it names.
_NP_DEPS = words.of("np_deps")
_NP_PREPS = words.of("np_preps")  # "the government of Iraq", "officials from Vietnam", "rebels in Mali"
QUANTITIES = words.of("quantities")
GENERIC_NGO = "NGOGEN"          # igos.tsv: an aid or rights group the text does not name
_PRONOUNS = words.of("pronouns")
_GROUP_NOUNS = words.of("group_nouns")


@lru_cache(maxsize=1)
def matcher() -> PhraseMatcher:
    nlp = pipeline()
    pm = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases = Roster.load().phrases()
    pm.add("ACTOR", list(nlp.tokenizer.pipe(phrases)))
    return pm


class Mentions:
    """Actor phrases of one sentence (a Span of a parsed Doc), resolved on `on` (the event date)."""

    def __init__(self, sent: Span, on: date | None, context: str = ""):
        self.sent = sent
        self.by_token: dict[int, tuple[int, int, ActorRef]] = {}
        roster = Roster.load()
        doc = sent.doc
        spans = [(s - sent.start, e - sent.start) for _, s, e in matcher()(doc)
                 if s >= sent.start and e <= sent.end]
        # longest first (a leading "the" does not count: "West Bank" beats "the West"), then leftmost:
        # "North Korean" wins over "Korean"
        def words(se):
            return se[1] - se[0] - (doc[se[0] + sent.start].lower_ == "the")
        for s, e in sorted(spans, key=lambda se: (-words(se), se[0])):
            s, e = s + sent.start, e + sent.start
            if any(i in self.by_token for i in range(s, e)):
                continue
            text = doc[s:e].text
            if not roster.accepts(text):       # "US" but not "us", "NAM" but not "Nam"
                continue
            if _affiliation_only(doc, s, e):
                continue
            ref = roster.lookup(text, on)
            if ref is not None and ref.kind == "state" and e - s == 1 \
                    and (roster.case_sensitive(text) or roster.borrowed(text)) and _first_name(doc, s):
                continue                     # "Chad Hull", "Alexandria Ocasio-Cortez": a person's first name
            if ref is not None and ref.kind == "state" and e - s == 1 and _names_something_else(doc, s, ref, roster):
                # "The Washington Post", "Baghdad University": a body of that country, not its government
                ref = replace(ref, sector=_NAMED_BODY_SECTORS.get(doc[s].head.ent_type_, "CVL"))
            if ref is not None and ref.kind == "leader" and e - s == 1 and not _bare_name_ok(doc, s, ref, context):
                continue                     # "Harris County", "says Li": another person or place
            if ref is None:
                continue
            for i in range(s, e):
                self.by_token[i] = (s, e, ref)
        self.roster = roster

    def __bool__(self) -> bool:
        return bool(self.by_token)

    def all(self) -> list[ActorRef]:
        seen, out = set(), []
        for s, e, ref in sorted(set(self.by_token.values()), key=lambda x: x[0]):
            if (s, e) not in seen:
                seen.add((s, e))
                out.append(ref)
        return out

    def actors_of(self, tok: Token, *, follow_conj: bool = True) -> list[ActorRef]:
        """The actors an argument token names: itself, its modifiers, its conjuncts
        ("Chinese and Belarusian troops" names two)."""
        if tok.lemma_.lower() in QUANTITIES:     # "Thousands of American and Philippine troops"
            of = next((g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj"), None)
            # "North Korea's deployment of troops": when what is counted names no one, the container's owner
            if of is not None and (self.actors_of(of, follow_conj=follow_conj) or not self._one(tok)):
                tok = of
        heads = [tok]
        if follow_conj:
            heads += [c for c in tok.conjuncts if c.i > tok.i]
        out: list[ActorRef] = []
        for h in heads:
            ref = self._one(h)
            refs = [ref] if ref is not None else []
            if ref is not None:
                refs += self._misparsed_coordination(h)
            if ref is not None and h.i not in self.by_token:
                # coordinated modifiers of the same head
                for m in h.children:
                    if m.dep_ in ("amod", "compound") and m.i in self.by_token:
                        refs += [self._with_sector(self.by_token[c.i][2], h)
                                 for c in m.conjuncts if c.i in self.by_token]
                # "the navies of Russia and China": coordinated owners after 'of'
                for g in (g for p in h.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                          if g.dep_ == "pobj" and g.i in self.by_token):
                    refs += [self._with_sector(self.by_token[c.i][2], h) for c in g.conjuncts if c.i in self.by_token]
            for r in refs:
                if all(r.code != o.code for o in out):
                    out.append(r)
        return out

    def _misparsed_coordination(self, head: Token) -> list[ActorRef]:
        """Parties coordinated inside a compound modifier of a named head: the parser read "North Korean leader Kim
        Jong Un and Russian counterpart Vladimir Putin met" as one phrase headed by "Putin" with "leader ... and
        counterpart" as its modifier, so the first party hangs below the second."""
        out = []
        for m in head.children:
            if m.dep_ == "compound" and m.i not in self.by_token and any(t.dep_ == "cc" for t in m.subtree):
                out += [self.by_token[t.i][2] for t in m.subtree if t.i in self.by_token]
        return out

    def _one(self, head: Token) -> ActorRef | None:
        """The actor named by the noun phrase headed by `head` (closest to the head wins)."""
        if head.i in self.by_token:
            ref = self.by_token[head.i][2]
            if ref.kind == "ngo" and ref.code == GENERIC_NGO:
                # "two American aid groups": an unnamed group of one country is that country's NGO sector
                nation = next((self.by_token[m.i][2] for m in head.children if m.dep_ in ("amod", "compound")
                               and m.i in self.by_token and self.by_token[m.i][2].kind == "state"), None)
                if nation is not None:
                    return replace(nation, sector="NGO")
            return self._with_sector(ref, head)
        best = None
        for t in _np_tokens(head):
            if t.i in self.by_token:
                # the owner ("the G20's New Delhi declaration") outranks other modifiers
                dist = abs(t.i - head.i) + (5 if t.dep_ in ("pobj",) else 0) - (10 if t.dep_ == "poss" else 0)
                if best is None or dist < best[0]:
                    best = (dist, self.by_token[t.i][2])
        if best:
            return self._with_sector(best[1], head)
        return None

    def _with_sector(self, ref: ActorRef, head: Token) -> ActorRef:
        if ref.kind not in ("state", "igo", "bloc"):
            return ref
        compound = " ".join(c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i)
        words = [f"{compound} {head.lower_}", f"{compound} {head.lemma_.lower()}"] if compound else []
        for w in words + [head.lemma_.lower(), head.lower_]:     # "police officers" before "officers"
            sector = self.roster.sector_of(w)
            if sector:
                return replace(ref, sector=sector)
        return ref

    def is_pronoun_like(self, tok: Token) -> bool:
        return tok.lower_ in _PRONOUNS or (tok.lemma_.lower() in _GROUP_NOUNS
                                           and not any(t.i in self.by_token for t in _np_tokens(tok)))


# "Iran's proxies", "Israel's allied militia": the owner names whom the group serves, not the group
_RELATION_NOUNS = words.of("relation_nouns")
_RELATION_MODIFIERS = words.of("relation_modifiers")


def relational(noun: Token) -> bool:
    return noun.lemma_.lower() in _RELATION_NOUNS or noun.lower_ in _RELATION_NOUNS or any(
        c.dep_ in ("amod", "compound") and c.lower_ in _RELATION_MODIFIERS for c in noun.children)


def _np_tokens(head: Token):
    """Tokens of the noun phrase headed by `head`, without relative clauses and most prepositions."""
    yield head
    owned_by_other = relational(head)
    for child in head.children:
        if child.dep_ not in _NP_DEPS or child.dep_ == "conj":
            continue
        if owned_by_other and child.dep_ in ("poss", "prep"):
            continue
        if child.dep_ == "prep" and child.lower_ not in _NP_PREPS \
                and not (child.lower_ == "by" and head.lemma_.lower() in _DONE_BY):
            continue
        yield from _np_tokens(child)


# acts named by a noun whose doer follows "by": "a rocket attack by Hamas killed two Israelis"
_DONE_BY = words.of("done_by")
_NOT_ACTOR_PREFIX = words.of("not_actor_prefix")


def _bare_name_ok(doc: Doc, s: int, ref: ActorRef, context: str) -> bool:
    """A leader named by one word: accepted after a title ("President Putin"), when the article gives the
    full name, or for a longer surname the parser reads as a person on its own."""
    prev = doc[s - 1] if s > 0 else None
    nxt = doc[s + 1] if s + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
        return False                         # "Harris County", "Li Di", "Secretary General Chadli Klibi"
    if prev is not None and prev.lower_ in _TITLES:
        return True
    if prev is not None and prev.lower_ in _ARABIC_ARTICLES and s >= 2:
        prev = doc[s - 2]                    # "Omar El Bashir": the article belongs to the surname
    if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper():
        # "Francois Mitterand", "Omar El Bashir": the leader's own first name; "Jill Biden" is another person
        return _plain(prev.text) == _plain(ref.name.split()[0]) if ref.name else False
    if ref.name and ref.name in context:
        return True
    tok = doc[s]
    if tok.lower_ in COMMON_NAMES:
        return False                         # "Sharon asked me ...": a common name needs more than itself
    # short surnames ("Xi", "Abe") only as proper nouns; common ones ("Li", "Kim") never alone
    # a surname the tagger calls a place ("Scholz" as GPE) counts unless the gazetteer knows such a place
    return (len(tok.text) > 3 or tok.pos_ == "PROPN") and (tok.ent_type_ not in ("GPE", "LOC", "FAC")
                                                           or places.lookup(tok.text) is None)


_ARABIC_ARTICLES = words.of("arabic_articles")


def _plain(word: str) -> str:
    """Lower case without accents: 'François' and 'Francois' are one first name."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


_NAMED_BODY_SECTORS = {"ORG": "BUS", "FAC": "CVL", "PERSON": "CVL", "WORK_OF_ART": "MED"}


def _names_something_else(doc: Doc, s: int, ref: ActorRef, roster: Roster) -> bool:
    """A capital standing for its government is not one when it opens another proper name ("The Washington
    Post", "Baghdad University", "the Moscow Times"); country names themselves are left alone ("US State
    Department")."""
    tok = doc[s]
    try:
        metonyms = {m.lower() for m in roster.country(ref.code)["metonyms"]}
    except KeyError:
        return False
    return (tok.lower_ in metonyms and tok.dep_ == "compound" and tok.head.i == s + 1
            and tok.head.pos_ == "PROPN" and tok.head.ent_type_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART"))


def _first_name(doc: Doc, s: int) -> bool:
    nxt = doc[s + 1] if s + 1 < len(doc) else None
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.ent_type_ == "PERSON"


# Leaders' surnames that are also common English given names or surnames: one word alone is not enough.
COMMON_NAMES = words.of("common_names")


_TITLES = words.of("titles")
_NOT_ACTOR_SUFFIX = words.of("not_actor_suffix")
_PEOPLE_OF_ORIGIN = words.of("people_of_origin")      # "ethnic Albanians in Serbia" are not Albania


def _affiliation_only(doc: Doc, s: int, e: int) -> bool:
    """'pro-Iranian', 'Syrian-backed', 'Russian-made' describe a group, not the state acting."""
    if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ in _NOT_ACTOR_PREFIX:
        return True
    if s >= 1 and doc[s - 1].lower_.rstrip("-") in _NOT_ACTOR_PREFIX and (doc[s - 1].text.endswith("-")
                                                                         or doc[s - 1].lower_ == "pan"):
        return True
    if e + 1 < len(doc) and doc[e].text == "-" and doc[e + 1].lower_ in _NOT_ACTOR_SUFFIX:
        return True
    if s >= 1 and doc[s - 1].lower_ in _PEOPLE_OF_ORIGIN:
        return True                  # "ethnic Albanians in Serbia" are not Albania
    return False
