"""Helpers shared by the reliability tests: a generated news corpus, store snapshots, a loopback canary.

The generated articles mix roster names with trigger verbs so that most of them code into events; they are
deterministic for a given seed, so a reference run and a crashed-and-resumed run see the same input.
"""
from __future__ import annotations

import http.server
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad"

PARTIES = ["Russia", "China", "the United States", "France", "Germany", "India", "Brazil", "Iran", "Japan",
           "Turkey", "Vladimir Putin", "Xi Jinping", "Emmanuel Macron", "Narendra Modi", "North Korea",
           "Ukraine", "NATO", "the European Union", "Saudi Arabia", "South Africa"]
VERBS = ["met", "visited", "condemned", "criticized", "signed an agreement with", "imposed sanctions on",
         "threatened", "praised", "accused", "hosted", "called on", "expelled diplomats from",
         "agreed to cooperate with", "sent troops to", "rejected the proposal of"]
# Grammatical tails only: ungrammatical ones ("X criticized Y officials said") give borderline parses whose
# coding was seen to differ between two fresh processes (reported in issue 8), which would blur the crash checks.
TAILS = ["on Monday", "in Geneva on Tuesday", "last week", "on 12 March 2024", "", "over the border dispute",
         "after talks in Beijing", "on Monday, officials said", "on Friday, according to state media"]


def sentence(rng: random.Random) -> str:
    a, b = rng.sample(PARTIES, 2)
    tail = rng.choice(TAILS)
    return f"{a[0].upper()}{a[1:]} {rng.choice(VERBS)} {b}{' ' + tail if tail else ''}."


def article_text(rng: random.Random, n_sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(n_sentences))


def write_corpus(folder: Path, n_articles: int, seed: int = 7) -> Path:
    """`n_articles` articles in one JSONL file plus a few .txt files and bad inputs; returns `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "wire.jsonl", "w", encoding="utf-8") as f:
        for i in range(n_articles):
            rec = {"id": f"w{i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                   "title": f"Wire {i}", "url": f"https://news.example.org/{i}",
                   "text": article_text(rng, rng.randint(2, 5))}
            f.write(json.dumps(rec) + "\n")
            if i % 25 == 7:
                f.write('{"id": "broken", "text": \n')          # a broken line every so often
    for i in range(3):
        (folder / f"story{i}.txt").write_text(f"Story {i}\n\nDate: 2024-05-0{i + 1}\n\n"
                                              + article_text(rng, 4) + "\n", encoding="utf-8")
    for name in ("empty.txt", "binary.bin", "xxe_feed.xml", "invalid_utf8.txt"):
        (folder / name).write_bytes((BAD / name).read_bytes())
    return folder


def snapshot(path: Path) -> dict:
    """Everything an ingest writes that must be exact: articles, events (all columns), event actors."""
    from multipolar.store.db import Store

    with Store.open(path, read_only=True) as store:
        con = store.con
        arts = {r[0]: r[1:] for r in con.execute(
            "SELECT hash, id, url, title, date, source, text, sentences, coder FROM articles").fetchall()}
        cols = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
        events = {}
        for row in con.execute("SELECT * FROM events").fetchall():
            rec = dict(zip(cols, row))
            events[rec["id"]] = rec
        actors = sorted(con.execute("SELECT * FROM event_actors").fetchall(), key=repr)
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        n_ids = con.execute("SELECT count(DISTINCT id) FROM events").fetchone()[0]
        n_arts = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        skipped = con.execute("SELECT source, reason FROM skipped").fetchall()
    return {"articles": arts, "events": events, "actors": actors, "n_events": n_events, "n_event_ids": n_ids,
            "n_articles": n_arts, "skipped": skipped}


def check_whole_articles(part: dict, ref: dict) -> list[str]:
    """Every stored article is whole: its events are numbered h-0 .. h-(k-1) without a gap, each with its
    actor rows, no event or actor row lacks its article, no row is duplicated, and the article row equals the
    reference's. Returns the articles whose events differ from the clean reference run's (coder
    nondeterminism, see _support.TAILS); the callers bound that number, a torn batch would exceed it."""
    assert part["n_articles"] == len(part["articles"]), "duplicate article rows"
    assert part["n_events"] == part["n_event_ids"], "duplicate event rows"
    assert set(part["articles"]) <= set(ref["articles"]), "an article that the reference run does not have"
    for h, row in part["articles"].items():
        assert row == ref["articles"][h], f"article {h} differs from the reference"
    by_article: dict[str, list[dict]] = {}
    for ev in part["events"].values():
        assert ev["article_hash"] in part["articles"], f"event {ev['id']} without its article"
        by_article.setdefault(ev["article_hash"], []).append(ev)
    actor_rows: dict[str, list] = {}
    for r in part["actors"]:
        assert r[0] in part["events"], f"actor row of event {r[0]}, which is not stored"
        actor_rows.setdefault(r[0], []).append(r)
    assert len(set(map(repr, part["actors"]))) == len(part["actors"]), "duplicate actor rows"
    ref_actors: dict[str, list] = {}
    for r in ref["actors"]:
        ref_actors.setdefault(r[0], []).append(r)
    differ = []
    for h in part["articles"]:
        evs = by_article.get(h, [])
        ks = sorted(int(ev["id"].rsplit("-", 1)[1]) for ev in evs)
        assert ks == list(range(len(ks))), f"article {h}: event numbers {ks} have a gap"
        for ev in evs:
            assert actor_rows.get(ev["id"]), f"event {ev['id']} stored without its actors"
        mine = {ev["id"]: ev for ev in evs}
        theirs = {i: ev for i, ev in ref["events"].items() if ev["article_hash"] == h}
        if mine != theirs or any(actor_rows.get(i) != ref_actors.get(i) for i in mine):
            differ.append(h)
    return differ


class _Canary(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b'<!ENTITY canary "CANARY-LEAK">CANARY-LEAK')

    def log_message(self, *args):
        pass


def cli_cmd(*args: str, batch: int | None = None) -> list[str]:
    """The real `multipolar` CLI in a fresh interpreter; `batch` shrinks the articles per store transaction
    so that a short run has many commit points to be killed between (and inside)."""
    pre = f"import multipolar.pipeline as p; p.BATCH = {batch}; " if batch else ""
    return [sys.executable, "-c", pre + "import sys; from multipolar.cli import run; sys.argv[0] = 'multipolar'; run()",
            *args]
