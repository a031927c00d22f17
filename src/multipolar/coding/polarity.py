"""Polarity: an act under a refusal, a call, a prospect or a failure is not the subject's asserted act.

"India resisted calls to condemn Russia" holds no ACCUSE by India; "the prospect of troops fighting" is a
hypothetical assault; "failed to agree" did not happen. The embedding words are data (coding/data/embedding.tsv).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from multipolar import tsv
from multipolar.errors import DataFileError

DATA = Path(__file__).parent / "data" / "embedding.tsv"
EFFECTS = ("drop", "hypothetical", "negated")
_UP_DEPS = frozenset({"xcomp", "acl", "pcomp", "ccomp", "pobj", "prep", "dobj", "advcl", "conj"})
_STEPS = 4


@lru_cache(maxsize=1)
def embedding_words(path: str | None = None) -> dict[str, str]:
    path = Path(path) if path else DATA
    out: dict[str, str] = {}
    for n, cols in tsv.lines(path):
        if len(cols) != 3 or cols[1] != "clause" or cols[2] not in EFFECTS:
            raise DataFileError(f"{path.name}:{n}: expected 'word<TAB>clause<TAB>effect' with effect one of "
                                f"{', '.join(EFFECTS)}; got {chr(9).join(cols)!r}")
        if cols[0] in out:
            raise DataFileError(f"{path.name}:{n}: duplicate word {cols[0]!r}")
        out[cols[0]] = cols[2]
    return out


def embedding(trigger: Token) -> str | None:
    """The effect of the nearest embedding word above `trigger` (drop, hypothetical, negated), if any.
    The climb stops at a clause with a subject of its own: "Iran, which refused to talk, attacked" keeps
    the attack."""
    words = embedding_words()
    cur = trigger
    for _ in range(_STEPS):
        if cur.head.i == cur.i or cur.dep_ not in _UP_DEPS:
            return None
        if cur is not trigger and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return None
        if cur.dep_ == "conj" and cur is trigger:
            return None                  # "refused to pay and attacked": the second act stands
        head = cur.head
        effect = words.get(head.lemma_.lower())
        if effect is not None:
            return effect
        cur = head
    return None
