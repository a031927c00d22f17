"""The coder on the test split of the annotated corpus (corpus/), held to floors pinned with the split's hash.

The test split is never read while designing; its figures are re-measured and the floors re-pinned (with the new
hash) when the corpus grows: `multipolar corpus eval --split test`.
"""
import json
from pathlib import Path

import pytest

from multipolar import corpus
from multipolar.coding.coder import Coder
from multipolar.evaluation import score

ROOT = Path(__file__).resolve().parents[2] / "corpus"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())["corpus_test"]


@pytest.fixture(scope="module")
def test_split():
    return corpus.split(corpus.read_passages(ROOT), "test")


def test_the_pinned_split_is_the_one_in_the_repository(test_split):
    assert corpus.corpus_hash(test_split) == FLOORS["hash"], (
        "the corpus test split changed: re-measure with `multipolar corpus eval --split test` and pin the new "
        "floors and hash in tests/coding/floors.json")


def test_combined_coder_meets_the_floors(test_split):
    docs = [corpus.gold_doc(p) for p in test_split]
    m = score(docs, corpus.code_gold(docs, Coder(mode="combined")))
    assert m["type"]["f1"] >= FLOORS["type_f1"], m["type"]
    assert m["strict"]["f1"] >= FLOORS["strict_f1"], m["strict"]
