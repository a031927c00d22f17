"""Property (hypothesis): random unicode (lone surrogates included), markup, character references and huge numbers
through every reader, the coder and a real DuckDB store: every record is stored or skipped, never lost, and
nothing raises (issue 15, part 9).

One example writes a folder of a JSONL file, a feed, a web page and a text file (with a hostile file name),
ingests it, and checks that each JSONL line and each feed item reached the store as an article (by content
hash) or as a `skipped` row naming that line or item. Reruns of the same folder add nothing to `skipped`.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipolar.ingest import read_paths
from multipolar.model import Article, Skipped
from multipolar.pipeline import ingest
from multipolar.store.db import Store

from ._support import PARTIES, TAILS, VERBS

EXAMPLES = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BOUND_S = 60.0                       # one example (a handful of short articles) through the coder and the store

SURROGATES = ["\ud800", "\udfff", "\ud83d", "\ude00", "\udcff", "\ud83d\ude00"]
MARKUP = ["[/bold]", "[link=http://x]", "<script>alert(1)</script>", "]]>", "<!--", "&amp;", "&#xD83D;", "&#55296;",
          "&#x110000;", "\x00", "\u202e", "\ufeff", "=cmd|' /C calc'!A0", "'; DROP TABLE articles;--"]
pieces = st.one_of(st.sampled_from(PARTIES + VERBS + TAILS + SURROGATES + MARKUP),
                   st.text(max_size=12),
                   st.text(alphabet=st.characters(codec=None, min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3))
hostile = st.lists(pieces, min_size=1, max_size=25).map(" ".join)
huge_number = st.integers(4301, 6000).map(lambda n: "9" * n)


@st.composite
def jsonl_line(draw) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:                                      # a hostile but well-formed record
        rec = {"id": draw(hostile), "text": draw(hostile), "title": draw(hostile), "url": draw(hostile),
               "date": draw(st.sampled_from(["2024-06-19", "0001-01-01", "31/02/2024", "", "9999-12-31"]))}
        return json.dumps(rec)                         # ensure_ascii: a lone surrogate is written as \\udXXX
    if kind == 1:                                      # a number Python refuses to read
        return '{"id": "n", "text": ' + json.dumps(draw(hostile)) + ', "n": ' + draw(huge_number) + "}"
    if kind == 2:                                      # a good article
        return json.dumps({"text": f"{draw(st.sampled_from(PARTIES))} {draw(st.sampled_from(VERBS))} "
                                   f"{draw(st.sampled_from(PARTIES))} {draw(st.sampled_from(TAILS))}. {draw(hostile)}"})
    if kind == 3:                                      # broken JSON
        return draw(st.sampled_from(['{"text": ', "[" * 5000, '{"text": 1}', "null", '"text"']))
    return json.dumps({"text": draw(hostile)}, ensure_ascii=False).encode("utf-8", "surrogatepass").decode(
        "utf-8", "surrogateescape")                    # a raw (unescaped) surrogate: invalid UTF-8 bytes


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed(draw) -> bytes:
    items = []
    for _ in range(draw(st.integers(1, 4))):
        raw = draw(st.booleans())
        title = draw(hostile) if raw else _xml_escape(draw(hostile))
        body = f"{draw(st.sampled_from(PARTIES))} {draw(st.sampled_from(VERBS))} {draw(st.sampled_from(PARTIES))}. " \
               + (draw(hostile) if raw else _xml_escape(draw(hostile)))
        items.append(f"<item><title>{title}</title><description>{body}</description>"
                     f"<link>{_xml_escape(draw(hostile))}</link></item>")
    doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{"".join(items)}</channel></rss>'
    return doc.encode("utf-8", "surrogatepass")


@st.composite
def corpus(draw) -> dict[str, bytes]:
    lines = draw(st.lists(jsonl_line(), min_size=1, max_size=6))
    name = draw(st.sampled_from(["plain", "bad\udcffname", "[bold]x[", "=1+1", "space name", "\u202eevil", "a?*b"]))
    return {
        "wire.jsonl": "\n".join(lines).encode("utf-8", "surrogateescape") + b"\n",
        "feed.xml": draw(feed()),
        "page.html": f"<html><head><title>{draw(hostile)}</title></head><body><p>{draw(hostile)}</p><p>"
                     f"Russia condemned Ukraine on Monday. {draw(hostile)}</p></body></html>".encode(
                         "utf-8", "surrogatepass"),
        f"{name}.txt": f"Title: {draw(hostile)}\n\nChina criticized Japan on Tuesday. {draw(hostile)}\n".encode(
            "utf-8", "surrogatepass"),
    }


def _write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        with open(os.path.join(os.fsencode(folder), os.fsencode(name)), "wb") as f:
            f.write(data)


@EXAMPLES
@given(corpus())
def test_every_record_is_stored_or_skipped_never_lost(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        _write(folder, files)
        records = list(read_paths([folder]))
        # one record per non-blank JSONL line
        n_lines = sum(1 for ln in files["wire.jsonl"].split(b"\n") if ln.strip())
        assert sum(1 for r in records if r.source.split("/")[-1].startswith("wire.jsonl")) in (n_lines, 1)
        t = time.perf_counter()
        with Store.open(Path(tmp) / "s.duckdb") as store:
            stats = ingest([folder], store)
            stored = {r[0] for r in store.con.execute("SELECT hash FROM articles").fetchall()}
            skipped = {r[0] for r in store.con.execute("SELECT source FROM skipped").fetchall()}
            n_skipped = store.counts()["skipped"]
            assert time.perf_counter() - t < BOUND_S
            for rec in records:
                if isinstance(rec, Article):
                    assert rec.hash in stored or any(s.startswith(rec.source) for s in skipped), rec.source
                else:
                    assert isinstance(rec, Skipped) and rec.source in skipped, rec
                    assert rec.reason[:1] == "E" and rec.reason[1:4].isdigit()
            for text in store.con.execute("SELECT text FROM articles").fetchall():
                text[0].encode("utf-8")                  # valid UTF-8 all the way
            assert stats.articles == len(stored)
            ingest([folder], store)                      # a rerun adds nothing
            assert store.counts()["skipped"] == n_skipped and store.counts()["articles"] == len(stored)
