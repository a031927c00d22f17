"""Property-based tests (hypothesis) of every parser and of the coder.

Parsers (text, HTML, feed, JSONL, the two date parsers): any input gives an Article or a Skipped with a
coded reason, never an exception, within a time bound. Coder: on text mixing roster names and trigger
verbs, no crash, bounded time per article, and every event carries a sentence that is exactly
text[span[0]:span[1]]. Example counts are modest by default; --run-slow runs the same properties harder.
"""
from __future__ import annotations

import json
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipolar.ingest.feeds import parse_feed
from multipolar.ingest.html import parse_html
from multipolar.ingest.jsonl import parse_record, read_jsonl
from multipolar.ingest.pubdate import find_date, parse_date
from multipolar.ingest.text import parse_text
from multipolar.model import Article, Skipped

from ._support import PARTIES, TAILS, VERBS

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODER = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARSE_BOUND_S = 5.0          # one parser call on a small generated input
CODE_BOUND_S = 5.0           # one article of ~5k characters through the coder


def _checked(rec) -> None:
    assert isinstance(rec, (Article, Skipped)), rec
    if isinstance(rec, Skipped):
        assert rec.reason[:1] == "E" and rec.reason[1:4].isdigit(), rec.reason
    else:
        assert rec.text.strip() and rec.hash
        assert rec.date is None or isinstance(rec.date, date)


def _timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    if hasattr(out, "__next__"):
        out = list(out)
    took = time.perf_counter() - t
    assert took < PARSE_BOUND_S, f"{fn.__name__} took {took:.1f}s"
    return out


# ---- inputs ------------------------------------------------------------------------------------

words = st.sampled_from(PARTIES + VERBS + TAILS + ["Date:", "Title:", "URL:", "\n", "\n\n", "<p>", "</p>", "&amp;",
                                                   "&", "<", ">", "]]>", "<!--", "-->", "19/06/2024", "31/02/2024",
                                                   "2024-06-19", "\u202e", "\x00", "\ufeff", "é", "中国"])
markupish = st.lists(st.one_of(words, st.text(max_size=30)), max_size=60).map(" ".join)
tags = st.sampled_from(["p", "div", "article", "script", "style", "h1", "title", "meta", "a", "table", "td",
                        "iframe", "svg", "math", "template", "noscript", "body", "head", "html"])


@st.composite
def html_docs(draw):
    parts = ["<!doctype html>"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(tags)
        kind = draw(st.integers(0, 3))
        parts.append({0: f"<{tag}>", 1: f"</{tag}>", 2: draw(markupish), 3: f"<{tag} x='{draw(markupish)}'>"}[kind])
    return "".join(parts)


@st.composite
def feeds(draw):
    root = draw(st.sampled_from(["rss", "feed", "rdf:RDF"]))
    items = []
    for _ in range(draw(st.integers(0, 4))):
        items.append(f"<item><title>{draw(markupish)}</title><pubDate>{draw(markupish)}</pubDate>"
                     f"<description>{draw(markupish)}</description><link>{draw(st.text(max_size=20))}</link></item>")
    body = f'<?xml version="1.0"?><{root} version="2.0"><channel>{"".join(items)}</channel></{root}>'
    if draw(st.booleans()):      # damage it
        cut = draw(st.integers(0, len(body)))
        body = body[:cut] + draw(st.text(max_size=20)) + body[cut:]
    return body.encode("utf-8", errors="surrogatepass")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12)
records = st.fixed_dictionaries({}, optional={
    "id": json_values, "text": st.one_of(json_values, markupish), "date": st.one_of(json_values, markupish),
    "url": json_values, "title": json_values})


# ---- parsers -----------------------------------------------------------------------------------

@FAST
@given(st.one_of(markupish, st.text()))
def test_text_parser_never_raises(raw):
    _checked(_timed(parse_text, raw, "gen.txt"))


@FAST
@given(st.one_of(html_docs(), st.text(max_size=500)))
def test_html_parser_never_raises(markup):
    rec = _timed(parse_html, markup, "gen.html")
    _checked(rec)


@FAST
@given(st.one_of(feeds(), st.binary(max_size=400)))
def test_feed_parser_never_raises(data):
    for rec in _timed(parse_feed, data, "gen.xml"):
        _checked(rec)


@FAST
@given(st.one_of(records, json_values))
def test_jsonl_record_check_never_raises(obj):
    _checked(parse_record(obj, "gen.jsonl:1"))


@FAST
@given(st.lists(st.one_of(records.map(json.dumps), st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
                          st.just("{"), st.just("[" * 3000)), max_size=12))
def test_jsonl_reader_reads_every_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("j") / "gen.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))
    out = _timed(read_jsonl, path, 2000)
    for rec in out:
        _checked(rec)
    # one record per non-blank line, unless the whole file is refused up front (empty, UTF-16)
    nonblank = sum(1 for ln in path.read_bytes().split(b"\n") if ln.strip())
    assert len(out) == nonblank or (len(out) == 1 and isinstance(out[0], Skipped))


@FAST
@given(st.one_of(markupish, st.text(max_size=120), st.dates().map(str),
                 st.tuples(st.integers(-5, 40), st.integers(-5, 40), st.integers(0, 10000)).map(
                     lambda t: "{}/{}/{}".format(*t))))
def test_pubdate_parse_and_find_never_raise(value):
    d = _timed(parse_date, value)
    assert d is None or (isinstance(d, date) and d.year >= 1900)
    f = _timed(find_date, value)
    assert f is None or isinstance(f, date)


@pytest.mark.parametrize("value", ["31/02/2024", "29/02/2023", "00/01/2024", "32/01/2024", "2024-02-30",
                                   "2024-13-01", "Wed, 31 Feb 2024 10:00:00 GMT", "0000-00-00", "9999-99-99"])
def test_impossible_dates_are_none(value):
    assert parse_date(value) is None


@FAST
@given(st.one_of(markupish, st.text(max_size=80)), st.one_of(st.none(), st.dates()), st.booleans(),
       st.sampled_from([None, "us", "gb", "ph"]))
def test_coder_date_phrases_never_raise(text, base, future, locale):
    from multipolar.coding.dates import parse_date as coder_date

    d, precision = coder_date(text, base, future, locale)
    assert (d is None) == (precision is None) or precision is not None
    assert d is None or isinstance(d, date)


# ---- the coder ---------------------------------------------------------------------------------

def _sentence(draw) -> str:
    a = draw(st.sampled_from(PARTIES))
    b = draw(st.sampled_from(PARTIES))
    verb = draw(st.sampled_from(VERBS))
    tail = draw(st.sampled_from(TAILS))
    noise = draw(st.sampled_from(["", " not", " will", " may have", " reportedly", " and Japan",
                                  ", which had said it would never,", " (AP)", " \u2014", " 19/06/2024"]))
    end = draw(st.sampled_from([".", "!", "?", "", ";", " ...", ".\n", ".\n\n"]))
    return f"{a}{noise} {verb} {b} {tail}{end}".replace("  ", " ")


@st.composite
def articles(draw, max_sentences=12):
    parts = [_sentence(draw) for _ in range(draw(st.integers(1, max_sentences)))]
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(markupish))
    return " ".join(parts)


def _check_events(text: str, when) -> None:
    from multipolar.pipeline import coder

    art = Article.make(text, date=when)
    t = time.perf_counter()
    n, events = coder().code_article(art)
    took = time.perf_counter() - t
    assert took < CODE_BOUND_S, f"{took:.1f}s for {len(text)} characters"
    assert n >= 0
    for ev in events:
        assert ev.sentence, ev
        s, e = ev.span
        assert 0 <= s < e <= len(art.text), (ev.span, len(art.text))
        assert art.text[s:e] == ev.sentence
        assert ev.actor or ev.recipient, ev


@CODER
@given(articles(), st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1))))
def test_coder_events_lie_inside_the_text(text, when):
    _check_events(text, when)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(max_sentences=20), min_size=1, max_size=6).map(" ".join))
def test_coder_is_bounded_on_long_articles(text):
    text = (text + " ") * max(1, 5000 // max(len(text), 1))          # about 5k characters or more
    _check_events(text[:6000], date(2024, 6, 19))


@pytest.mark.slow
@SLOW
@given(articles(max_sentences=30), st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1))))
def test_coder_properties_hard(text, when):
    _check_events(text, when)


@pytest.mark.slow
@SLOW
@given(st.one_of(html_docs(), feeds().map(lambda b: b.decode("utf-8", "replace"))))
def test_html_and_feed_parsers_hard(markup):
    _checked(_timed(parse_html, markup, "gen.html"))
    for rec in _timed(parse_feed, markup.encode("utf-8", "surrogatepass"), "gen.xml"):
        _checked(rec)
