"""Bounded work (issue 15 F4): sentence splitting in windows, no parsed span over the token and character
caps, coding time linear in text length, stored sentences short.

Before issue 15 a one-line paragraph over 100,000 characters was cut into 100,000-character "sentences"
(680 of 1,500 events, 89 s, 100,000-character `sentence` fields), and a 122k-character run-on paragraph
was one sentence that took 51-95 s to code.
"""
from __future__ import annotations

import json
import random
import time

import pytest

from multipolar.model import Article
from multipolar.nlp import MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS, WINDOW, split_sentences, splitter

from ._support import sentence

STORED_SENTENCE_MAX = 2_000


def one_line_article(n: int, seed: int = 3) -> str:
    """`n` coded-looking sentences on one line, each ~118 characters: well over 100,000 characters."""
    rng = random.Random(seed)
    return " ".join(sentence(rng)[:-1] + ", in a statement issued by senior officials after a long meeting."
                    for _ in range(n))


def run_on(chars: int, seed: int = 1) -> str:
    """A paragraph of clauses joined by commas, with no full stop, of about `chars` characters."""
    rng, parts, size = random.Random(seed), [], 0
    while size < chars:
        parts.append(sentence(rng).rstrip(".") + ",")
        size += len(parts[-1]) + 1
    return " ".join(parts)


def _check_spans(text: str, spans) -> None:
    assert spans == sorted(spans)
    for s, e in spans:
        piece = text[s:e]
        assert piece and piece == piece.strip() and len(piece) <= MAX_SENTENCE_CHARS
        assert len(splitter().tokenizer(piece)) <= MAX_SENTENCE_TOKENS + 5    # re-tokenising may differ a little
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))      # no overlap


def test_a_long_one_line_article_is_split_into_its_sentences():
    text = one_line_article(1500)
    assert len(text) > 150_000 and "\n" not in text
    spans = split_sentences(text)
    assert len(spans) == 1500
    _check_spans(text, spans)


def test_a_run_on_paragraph_is_cut_into_bounded_pieces_after_commas():
    text = run_on(122_000)
    spans = split_sentences(text)
    _check_spans(text, spans)
    ends = [text[e - 1] for s, e in spans[:-1]]
    assert sum(c == "," for c in ends) >= 0.9 * len(ends)          # cut at clause marks, not mid-clause
    assert sum(len(text[s:e].replace(" ", "")) for s, e in spans) == len(text.replace(" ", ""))   # nothing lost


def test_one_huge_token_is_cut_by_characters():
    text = "Russia met China. " + "x" * 250_000 + " India met Japan."
    spans = split_sentences(text)
    _check_spans(text, spans)
    assert text[spans[0][0]:spans[0][1]] == "Russia met China."
    assert text[spans[-1][0]:spans[-1][1]] == "India met Japan."
    assert sum(e - s for s, e in spans) >= 250_000 + len("Russia met China.India met Japan.")


def test_ordinary_text_is_split_as_before():
    """Windows never change the sentences of a paragraph shorter than a window."""
    text = "Putin met Xi in Beijing on Monday. The two leaders signed a deal.\n\nLater, Russia condemned NATO."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Putin met Xi in Beijing on Monday.", "The two leaders signed a deal.", "Later, Russia condemned NATO."]
    long_para = " ".join(["Russia condemned Ukraine on Monday."] * (3 * WINDOW // 36))
    assert len(split_sentences(long_para)) == 3 * WINDOW // 36


def test_splitting_time_is_linear():
    small, big = one_line_article(300), one_line_article(3000)
    t = time.perf_counter()
    split_sentences(small)
    t_small = time.perf_counter() - t
    t = time.perf_counter()
    split_sentences(big)
    t_big = time.perf_counter() - t
    assert t_big < 30 * max(t_small, 0.01), (t_small, t_big)       # 10x the text, far from 100x the time


@pytest.mark.slow
def test_bar_1500_sentence_one_line_article(tmp_path):
    """Bar: >= 1,400 events in <= 60 s, no stored sentence over 2,000 characters (through the store)."""
    from multipolar.pipeline import coder, ingest
    from multipolar.store.db import Store

    coder()                                            # loading spaCy is not coding
    src = tmp_path / "long.jsonl"
    src.write_text(json.dumps({"id": "long", "text": one_line_article(1500), "date": "2024-05-01"}) + "\n")
    t = time.perf_counter()
    with Store.open(tmp_path / "s.duckdb") as store:
        stats = ingest([src], store)
        longest, n = store.con.execute("SELECT max(length(sentence)), count(*) FROM events").fetchone()
    took = time.perf_counter() - t
    assert n >= 1400 and stats.events == n, (n, stats.events, stats.skipped[:3])
    assert longest <= STORED_SENTENCE_MAX
    assert took <= 60, f"{took:.1f}s"


@pytest.mark.slow
def test_bar_run_on_paragraph_codes_in_15_seconds():
    from multipolar.pipeline import coder

    c = coder()
    art = Article.make(run_on(122_000), id="runon")
    took = []
    for _ in range(2):      # the better of two runs (as timeit takes the least): other load only ever adds time
        t = time.perf_counter()
        n, events = c.code_article(art)
        took.append(time.perf_counter() - t)
        if took[-1] <= 15:
            break
    assert min(took) <= 15, [f"{s:.1f}s" for s in took]
    assert events and max(len(e.sentence) for e in events) <= STORED_SENTENCE_MAX
    for e in events:
        assert art.text[e.span[0]:e.span[1]] == e.sentence


@pytest.mark.slow
def test_coding_time_grows_linearly():
    """Four times the run-on text costs about four times the coding, far from the sixteen of a quadratic."""
    from multipolar.pipeline import coder

    c = coder()
    times = []
    for chars in (15_000, 60_000):
        art = Article.make(run_on(chars, seed=chars), id=f"r{chars}")
        t = time.perf_counter()
        c.code_article(art)
        times.append(time.perf_counter() - t)
    assert times[1] < 8 * max(times[0], 0.05), times
