"""Find passages of different splits that share a sentence (republished wire copy under two URLs) and drop the copy
of the less protected split: train before dev, dev before test. The test split is never changed.

    .venv/bin/python scripts/drop_cross_split_repeats.py            # lists what would be dropped
    .venv/bin/python scripts/drop_cross_split_repeats.py --apply    # rewrites corpus/annotated/*.jsonl

Dropping a passage changes the train split, so run it only before a retraining (make train).
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from multipolar import corpus

ROOT = Path(__file__).resolve().parents[1] / "corpus"
MIN_CHARS = 40                      # shorter sentences ("He denied it.") repeat by chance
PROTECTION = {"train": 0, "dev": 1, "test": 2}


def repeats(passages: list[dict]) -> set[str]:
    """Doc ids to drop: for every sentence shared across splits, each passage holding it outside the most protected
    split among them."""
    holders: dict[str, set[str]] = defaultdict(set)
    for p in passages:
        for s in p["sentences"]:
            if len(s["text"]) > MIN_CHARS:
                holders[s["text"]].add(p["doc"])
    drop = set()
    for docs in holders.values():
        splits = {d: corpus.split_of(d) for d in docs}
        if len(set(splits.values())) > 1:
            keep = max(PROTECTION[s] for s in splits.values())
            drop |= {d for d, s in splits.items() if PROTECTION[s] < keep}
    return drop


def main(apply: bool) -> None:
    passages = corpus.read_passages(ROOT, include_double=False)
    drop = repeats(passages)
    for p in sorted((p for p in passages if p["doc"] in drop), key=lambda p: p["_file"]):
        print(f"{p['_file']}\t{p['doc']}\t{corpus.split_of(p['doc'])}\t{p.get('url')}")
    print(f"{len(drop)} passages to drop")
    if not apply:
        return
    for path in sorted((ROOT / "annotated").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if not line.strip() or json.loads(line)["doc"] not in drop]
        if len(kept) != len(lines):
            path.write_text("\n".join(kept) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main("--apply" in sys.argv[1:])
