"""Helpers for the stage tests: code one text and say which rules fired (shaping or dropping a candidate)."""
from collections import Counter
from datetime import date

from multipolar.coding import candidate
from multipolar.model import Article
from multipolar.pipeline import coder

D = date(2024, 6, 20)   # Thursday


def fired(text: str, when: date = D, mode: str = "rules"):
    """(names of the rules that fired while coding `text`, its events). The lexicon's triggers alone by default: in
    the shipped coder the detector decides which of them are events, and a rule is tested apart from that choice."""
    before = Counter(candidate.FIRED)
    _, events = coder(mode).code_article(Article.make(text, date=when))
    return set((candidate.FIRED - before).keys()), events


def summary(ev):
    return (ev.event, sorted(a.code for a in ev.actor), sorted(a.code for a in ev.recipient), ev.mode, ev.modality)


def rules_of(ev) -> set[str]:
    return {k.removeprefix("rule:") for k, _ in ev.features if k.startswith("rule:")}
