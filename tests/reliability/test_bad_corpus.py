"""The whole bad-input corpus through the real pipeline and store: every bad input leaves a recorded,
coded reason that names it, and every good article around it is still coded and stored.

Non-English articles: the coder reads English only. A well-formed article in another language is kept
(it is a real article, and a later multilingual coder can recode it from the store) and codes to no events;
it is not a skip. The tests below pin that decision.
"""
from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest

from multipolar.model import Article
from multipolar.pipeline import ingest
from multipolar.store.db import Store
from ._support import BAD, article_text

BIG = 200 * 1024 * 1024

# bad files -> the reason code(s) they must leave in the store's `skipped` table
EXPECT_SKIPPED = {
    "empty.txt": "E013", "whitespace_only.txt": "E013", "binary.bin": "E014", "invalid_utf8.txt": "E014",
    "no_body.html": "E016", "script_only.html": "E016", "too_short.txt": "E016", "not_a_feed.xml": "E012",
    "xxe_feed.xml": "E018", "billion_laughs.xml": "E018", "xxe_parameter_entity.xml": "E018",
    "broken.jsonl": "E017", "wrong_types.jsonl": "E017", "unvotes_not_votes.csv": "E016",
    "huge_line.jsonl": "E015", "huge_single_line.txt": "E015", "deep.html": "E016", "canary_dtd.xml": None,
}
# inputs that are odd but readable: they must come through as articles
EXPECT_ARTICLES = {"utf16_bom.txt", "bad_date.txt", "bad_date.jsonl", "date_31_02.txt", "truncated.html",
                   "xxe_external_dtd.xml", "xinclude_feed.xml", "russian.txt", "chinese.txt", "arabic.txt",
                   "mixed_rtl_controls.txt", "wrong_types.jsonl", "broken.jsonl", "canary_dtd.xml"}
NON_ENGLISH = {"russian.txt", "chinese.txt", "arabic.txt"}


def _file_of(source: str) -> str:
    return os.path.basename(source.split("#")[0].rsplit(":", 1)[0] if ":" in source.split("/")[-1]
                            else source.split("#")[0])


@pytest.fixture(scope="module")
def huge_files(tmp_path_factory) -> Path:
    """A 200 MB single-line JSONL file and a 200 MB single-line text file, made at test time."""
    folder = tmp_path_factory.mktemp("huge")
    block = (b"Russia condemned the United States on Monday. " * 22000)[:1 << 20]
    with open(folder / "huge_line.jsonl", "wb") as f:
        f.write(b'{"id": "huge", "text": "')
        for _ in range(BIG // len(block)):
            f.write(block)
        f.write(b'"}\n{"id": "after-huge", "text": "India criticized Pakistan on Monday over the border '
                b'shelling, officials said."}\n')
    with open(folder / "huge_single_line.txt", "wb") as f:
        for _ in range(BIG // len(block)):
            f.write(block)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, huge_files) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "in"
    shutil.copytree(BAD, folder)
    for p in huge_files.iterdir():
        os.symlink(p, folder / p.name)                 # walk() lists a symlinked file (it only skips linked dirs)
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 20000 + "x" + "</div>" * 20000
                                      + "</body></html>", encoding="utf-8")
    rng = random.Random(3)
    good = folder / "zz_good"
    good.mkdir()
    for i in range(6):
        (good / f"good{i}.txt").write_text(f"Date: 2024-04-0{i + 1}\n\n" + article_text(rng, 4) + "\n",
                                           encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory, module_canary):
    """The corpus (plus a feed whose external DTD points at the canary) through the real pipeline."""
    db = tmp_path_factory.mktemp("db") / "bad.duckdb"
    canary_url, hits = module_canary
    (corpus / "canary_dtd.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{canary_url}/evil.dtd">\n<rss version="2.0"><channel>'
        f'<title>c</title><item><title>c</title><link>{canary_url}/page</link><description>Iran threatened '
        'Israel on Monday after the strike on its consulate, officials said.</description></item></channel></rss>',
        encoding="utf-8")
    started = time.monotonic()
    with Store.open(db) as store:
        stats = ingest([corpus], store)
    elapsed = time.monotonic() - started
    with Store.open(db, read_only=True) as store:
        skipped = store.skipped()
        arts = store.con.execute("SELECT hash, source, text FROM articles").fetchall()
        per_art = dict(store.con.execute("SELECT article_hash, count(*) FROM events GROUP BY 1").fetchall())
    return {"stats": stats, "skipped": skipped, "articles": arts, "events": per_art, "elapsed": elapsed,
            "hits": hits, "files": sorted(p.name for p in corpus.iterdir())}


def test_every_bad_input_has_a_recorded_coded_reason(ingested):
    by_file: dict[str, list[str]] = {}
    for source, reason in ingested["skipped"]:
        by_file.setdefault(_file_of(source), []).append(reason)
        assert reason[:1] == "E" and reason[1:4].isdigit() and reason[4] == " ", reason
        assert _file_of(source) in reason, f"reason does not name the input: {reason}"
    for name, code in EXPECT_SKIPPED.items():
        if code is None:
            continue
        assert name in by_file, f"{name}: nothing recorded in the store's skipped table"
        assert any(r.startswith(code) for r in by_file[name]), (name, by_file[name])


def test_the_rest_of_the_batch_is_coded(ingested):
    sources = {_file_of(s) for _, s, _ in ingested["articles"]}
    for name in EXPECT_ARTICLES:
        assert name in sources, f"{name} should have come through as an article"
    good = [h for h, s, _ in ingested["articles"] if "zz_good" in s]
    assert len(good) == 6
    assert all(ingested["events"].get(h, 0) > 0 for h in good), "good articles beside bad ones must be coded"
    after = [h for h, s, _ in ingested["articles"] if s.endswith("huge_line.jsonl:2")]
    assert after and ingested["events"].get(after[0], 0) > 0, "the line after a 200 MB line is still coded"


def test_wrong_types_lines_each_named(ingested):
    lines = sorted(int(s.rsplit(":", 1)[1]) for s, _ in ingested["skipped"] if "wrong_types.jsonl:" in s)
    assert lines == list(range(1, 15)), lines


def test_impossible_dates_keep_the_article_without_a_date(ingested):
    with_date = {_file_of(s): s for _, s, _ in ingested["articles"]}
    assert "date_31_02.txt" in with_date and "bad_date.jsonl" in with_date


def test_non_english_articles_are_stored_with_no_events(ingested):
    found = {_file_of(s): h for h, s, _ in ingested["articles"]}
    for name in NON_ENGLISH:
        assert ingested["events"].get(found[name], 0) == 0, name


def test_no_entity_or_dtd_was_ever_fetched_or_expanded(ingested):
    assert ingested["hits"] == [], f"ingest fetched {ingested['hits']}"
    for _, _, text in ingested["articles"]:
        assert "CANARY-LEAK" not in text and "root:x:0:0" not in text


def test_bounded_time_for_the_whole_corpus(ingested):
    # two 200 MB files are refused by size or streamed past, not parsed: the corpus takes seconds, not minutes
    assert ingested["elapsed"] < 120, ingested["elapsed"]
    print(f"\nbad corpus: {len(ingested['files'])} files, {len(ingested['skipped'])} skips recorded, "
          f"{len(ingested['articles'])} articles, {sum(ingested['events'].values())} events, "
          f"{ingested['elapsed']:.1f}s")


def test_coder_survives_non_english_and_control_characters():
    from multipolar.pipeline import coder

    texts = [(BAD / n).read_text(encoding="utf-8") for n in sorted(NON_ENGLISH)]
    texts += ["Россия осудила США. Russia condemned the United States on Monday.",
              "Russia\u202e condemned\u200b the\u00a0United States\u2066 on Monday.\u2069",
              "\u0645\u0635\u0631 Egypt hosted Israel in Cairo on Monday, \u0645\u0635\u0631 officials said.",
              "Ｒｕｓｓｉａ ｃｏｎｄｅｍｎｅｄ ｔｈｅ Ｕｎｉｔｅｄ Ｓｔａｔｅｓ。", "🇷🇺 Russia 🤝 China met in Beijing 🎉." * 20]
    for text in texts:
        art = Article.make(text)
        n, events = coder().code_article(art)
        for ev in events:
            assert art.text[ev.span[0]:ev.span[1]] == ev.sentence
