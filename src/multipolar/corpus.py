"""The annotated real-news corpus (corpus/ in the repository): reading, document splits, gold documents.

A passage (one JSON line) holds sentences with their PLOVER events (docs/annotation.md). Splits are fixed by a
hash of the document id, so a passage never moves between train, dev and test when the corpus grows.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from multipolar.coding.tellings import merge
from multipolar.errors import InputError
from multipolar.model import Article

SPLITS = ("train", "dev", "test")
# kinds of text, scored apart by `corpus eval`: AG News snippets (2004-05), international news of 2020-2025, general
# news (mostly without events), agency dispatches of 2004-2006 as public pages carry them
PARTS = ("agnews", "modern", "general", "wire")
# a shared sentence shorter than this ("He denied it.") can repeat by chance; a longer one is the same copy
REPEAT_MIN_CHARS = 40
_EVENT_KEYS = ("event", "actor", "recipient", "mode", "context", "modality")


def split_key(doc_id: str) -> int:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16)


def split_of(doc_id: str) -> str:
    """train 60%, dev 15%, test 25% of documents, by a stable hash of the id."""
    bucket = split_key(doc_id) % 100
    return "train" if bucket < 60 else "dev" if bucket < 75 else "test"


def read_passages(root: str | Path, *, include_double: bool = True) -> list[dict]:
    """Every passage under root/annotated/*.jsonl; the doubly coded ones (root/double/) once, from the
    first annotator's file in name order (the second copy exists only to measure agreement)."""
    root = Path(root)
    if not (root / "annotated").is_dir():
        raise InputError(f"{root}: no annotated/ folder; pass the corpus folder of the repository (corpus/)")
    files = sorted((root / "annotated").glob("*.jsonl"))
    if include_double:
        files += sorted((root / "double").glob("*.jsonl"))
    out, seen = [], set()
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                p = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON ({exc.msg}); fix or remove the line") from None
            if p.get("doc") in seen:
                continue
            seen.add(p.get("doc"))
            p["_file"] = f"{path.parent.name}/{path.name}:{n}"
            out.append(p)
    return out


def passage_text(p: dict) -> str:
    return " ".join(s["text"] for s in p["sentences"])


def _key(ev: dict) -> tuple:
    return (ev["event"], tuple(sorted(ev.get("actor") or [])), tuple(sorted(ev.get("recipient") or [])))


def gold_doc(p: dict) -> dict:
    """The passage as one gold document: a happening told in several sentences counts once."""
    events, seen = [], set()
    for s in p["sentences"]:
        for ev in s["events"]:
            if _key(ev) not in seen:
                seen.add(_key(ev))
                events.append({k: ev.get(k) for k in _EVENT_KEYS})
    return {"id": p["doc"], "text": passage_text(p), "date": p.get("date"), "source": p.get("source"),
            "events": events}


def part_of(p: dict) -> str:
    """The kind of text of a passage read by read_passages, from its source and its file's name prefix."""
    if p.get("source") == "agnews":
        return "agnews"
    name = p.get("_file", "").split("/")[-1]
    return next((part for part in PARTS[1:] if name.startswith(part + "_")), "modern")


def split(passages: list[dict], name: str) -> list[dict]:
    if name not in SPLITS:
        raise InputError(f"unknown split {name!r}; use one of {', '.join(SPLITS)}")
    return [p for p in passages if split_of(p["doc"]) == name]


def cross_split_repeats(passages: list[dict]) -> set[str]:
    """Doc ids of passages that share a sentence (republished wire copy, often under another URL) with a passage
    of a more protected split (test over dev over train): the copies to drop so no test text is trained on."""
    holders: dict[str, set[str]] = defaultdict(set)
    for p in passages:
        for s in p["sentences"]:
            if len(s["text"]) > REPEAT_MIN_CHARS:
                holders[s["text"]].add(p["doc"])
    drop = set()
    for docs in holders.values():
        ranks = {d: SPLITS.index(split_of(d)) for d in docs}
        top = max(ranks.values())
        drop |= {d for d, r in ranks.items() if r < top}
    return drop


def corpus_hash(passages: list[dict]) -> str:
    """sha256 over the passages' ids, sentences and events (annotator and file names excluded)."""
    h = hashlib.sha256()
    for p in sorted(passages, key=lambda p: p["doc"]):
        h.update(json.dumps([p["doc"], p["sentences"]], sort_keys=True).encode("utf-8"))
    return h.hexdigest()[:16]


def passage_date(p: dict) -> date | None:
    """A passage's or gold document's publication date (None when absent or not ISO)."""
    try:
        return date.fromisoformat(str(p.get("date"))[:10]) if p.get("date") else None
    except ValueError:
        return None


def code_gold(docs: list[dict], coder) -> list[dict]:
    """Event records for gold documents as `multipolar eval` makes them: one event per happening per document."""
    preds = []
    for d in docs:
        _, events = coder.code_article(Article.make(d["text"], id=str(d["id"]), date=passage_date(d)))
        preds += [ev.as_record() for ev in merge(events)]
    return preds
