"""Coreference across the sentences of one article: who "he", "it", "the two leaders" point back to."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from multipolar.coding import words
from multipolar.model import ActorRef

_PAIR_NOUNS = words.of("pair_nouns")      # "the two leaders", "both sides"


@dataclass
class Context:
    """What the coder remembers across the sentences of one article (for coreference).

    Only recent antecedents count: a pronoun points back at most NEAR characters (about two
    sentences); "the two leaders" at most FAR characters.
    """

    NEAR = 320
    FAR = 900
    seen: list[tuple[int, ActorRef]] = field(default_factory=list)
    subject: tuple[int, list[ActorRef]] | None = None     # the last sentence's main subject, if an actor
    named: list[tuple] = field(default_factory=list)     # the last two parsed sentences that named anyone: (Doc,
    #                                                       mention spans), oldest first

    def remember(self, refs: Iterable[ActorRef], offset: int) -> None:
        self.seen.extend((offset, r) for r in refs)

    def remember_sentence(self, doc, spans: list[tuple]) -> None:
        """A parsed sentence and its mention spans, kept when it named anyone: the role encoder reads the last one
        with the sentence after it, the linear earlier-actor model the last two (coding/detector.py)."""
        if spans:
            self.named = self.named[-1:] + [(doc, spans)]

    @property
    def previous(self) -> tuple | None:
        """The last parsed sentence that named anyone, (Doc, mention spans)."""
        return self.named[-1] if self.named else None

    def _recent(self, offset: int, gap: int, people: bool | None) -> list[ActorRef]:
        return [r for o, r in self.seen if offset - o <= gap
                and (people is None or (r.kind == "leader") == people)]

    def resolve(self, word: str, subject: Token | None, offset: int,
                earlier: list[ActorRef] = ()) -> list[ActorRef]:
        """`earlier`: actors named before `subject` in its own sentence ("Kim hosted Putin, where the two
        signed ..."), the most recent antecedents of all."""
        w = word.lower()
        if w in ("he", "she", "his", "her", "him"):
            # a person pronoun prefers the last sentence's subject over the last person named ("Putin met
            # Xi. He then held talks with Modi" is Putin's talk)
            if self.subject and offset - self.subject[0] <= self.NEAR:
                leaders = [r for r in self.subject[1] if r.kind == "leader"]
                if len({r.code for r in leaders}) == 1:
                    return leaders[:1]
            return self._recent(offset, self.NEAR, True)[-1:]
        if subject is not None and _names_a_pair(subject):
            out: list[ActorRef] = []
            here = [(offset, r) for r in earlier]
            people = self._recent(offset, self.FAR, True) + [r for _, r in here if r.kind == "leader"]
            pool = people if len({r.code for r in people}) >= 2 else \
                self._recent(offset, self.FAR, None) + [r for _, r in here]
            for r in reversed(pool):
                if all(r.code != o.code for o in out):
                    out.append(r)
                if len(out) == 2:
                    return out
            return []
        # "it"/"they"/"the country" points at the subject of a recent sentence, when that was a state or
        # organisation ("The 32 allies pledged aid for Ukraine. They also agreed ..." is not Ukraine)
        if self.subject and offset - self.subject[0] <= self.NEAR:
            refs = [r for r in self.subject[1] if r.kind != "leader"]
            return refs if len({r.code for r in refs}) == 1 else []
        return []


def _names_a_pair(subject: Token) -> bool:
    """'the two leaders', 'both sides', 'the two countries', or just 'the two' / 'both'."""
    if subject.lower_ in ("two", "both") and subject.dep_ in ("nsubj", "nsubjpass"):
        return True
    return subject.lemma_.lower() in _PAIR_NOUNS and \
        any(c.lower_ in ("two", "both") for c in subject.children)
