"""The same input gives the same events, whatever the process, hash seed or batching."""
import json
import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "own_gold.jsonl"


def _code(tmp_path, seed: str) -> str:
    out = tmp_path / f"out{seed}.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "multipolar.cli", "code", str(DATA), "-o", str(out)],
                   check=True, env=env, capture_output=True, timeout=300)
    return out.read_text()


def test_fresh_processes_agree(tmp_path):
    a, b = _code(tmp_path, "1"), _code(tmp_path, "2")
    assert a == b and a.count("\n") > 100


def test_batch_grouping_does_not_change_events():
    from multipolar.model import Article
    from multipolar.pipeline import coder

    docs = [json.loads(line) for line in DATA.read_text().splitlines()[:80]]
    arts = [Article.make(d["text"], id=d["id"]) for d in docs]
    runs = [[[e.as_record() for e in evs] for _, evs in coder().code_many(arts, group=g)] for g in (1, 32)]
    assert runs[0] == runs[1]
