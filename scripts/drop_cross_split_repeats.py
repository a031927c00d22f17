"""Find passages of different splits that share a sentence (republished wire copy under two URLs) and drop the copy
of the less protected split: train before dev, dev before test. The test split is never changed.

    .venv/bin/python scripts/drop_cross_split_repeats.py            # lists what would be dropped
    .venv/bin/python scripts/drop_cross_split_repeats.py --apply    # rewrites corpus/annotated/*.jsonl

Dropping a passage changes the train split, so run it only before a retraining (make train).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from multipolar import corpus

ROOT = Path(__file__).resolve().parents[1] / "corpus"


def main(apply: bool) -> None:
    passages = corpus.read_passages(ROOT, include_double=False)
    drop = corpus.cross_split_repeats(passages)
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
