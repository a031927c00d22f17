"""The coder's accuracy on the shared development gold, held to the floors in floors.json."""
import json
from pathlib import Path

import pytest

from multipolar.evaluation import read_gold, score
from multipolar.model import Article
from multipolar.pipeline import code_articles

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())


@pytest.fixture(scope="module")
def dev_scores(shared):
    docs = read_gold(shared / "gold" / "plover_gsr_dev.jsonl")
    arts = [Article.make(d["text"], id=str(d["id"])) for d in docs]
    coded = list(code_articles(arts))
    assert not [s for *_, s in coded if s], "the coder raised on some gold documents"
    preds = [ev.as_record() for _, _, evs, _ in coded for ev in evs]
    return score(docs, preds)


def test_type_f1_floor(dev_scores):
    assert dev_scores["type"]["f1"] >= FLOORS["plover_gsr_dev"]["type_f1"], dev_scores["type"]


def test_strict_f1_floor(dev_scores):
    assert dev_scores["strict"]["f1"] >= FLOORS["plover_gsr_dev"]["strict_f1"], dev_scores["strict"]


def test_strict_precision_floor(dev_scores):
    assert dev_scores["strict"]["p"] >= FLOORS["plover_gsr_dev"]["strict_p"], dev_scores["strict"]


OWN_GOLD = Path(__file__).parent / "data" / "own_gold.jsonl"


@pytest.fixture(scope="module")
def own_scores():
    from datetime import date

    docs = read_gold(OWN_GOLD)
    arts = [Article.make(d["text"], id=str(d["id"]), date=date.fromisoformat(d["date"])) for d in docs]
    preds = [ev.as_record() for _, _, evs, _ in code_articles(arts) for ev in evs]
    return score(docs, preds)


@pytest.mark.parametrize("metric", ["type_f1", "strict_f1", "strict_p", "modality_accuracy"])
def test_own_gold_floors(own_scores, metric):
    floor = FLOORS["own_gold"][metric]
    value = {"type_f1": own_scores["type"]["f1"], "strict_f1": own_scores["strict"]["f1"],
             "strict_p": own_scores["strict"]["p"], "modality_accuracy": own_scores["modality"]["accuracy"]}[metric]
    assert value >= floor, (metric, value, floor)


def test_own_gold_has_no_events_where_none_are(own_scores):
    """Sentences without a political event must mostly stay silent (precision on ordinary news)."""
    docs = read_gold(OWN_GOLD)
    empty = [d for d in docs if not d["events"]]
    arts = [Article.make(d["text"], id=str(d["id"])) for d in empty]
    noisy = sum(1 for _, _, evs, _ in code_articles(arts) if evs)
    assert noisy <= 0.2 * len(empty), f"{noisy} of {len(empty)} event-free texts produced events"


def test_our_scorer_agrees_with_the_reference_script(shared, tmp_path):
    """multipolar eval must give the figures ../shared/gold/score.py gives on the same predictions."""
    import subprocess
    import sys

    docs = read_gold(shared / "gold" / "plover_gsr_dev.jsonl")
    arts = [Article.make(d["text"], id=str(d["id"])) for d in docs[:60]]
    preds = [ev.as_record() for _, _, evs, _ in code_articles(arts) for ev in evs]
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds))
    ref = json.loads(subprocess.run([sys.executable, str(shared / "gold" / "score.py"),
                                     str(shared / "gold" / "plover_gsr_dev.jsonl"), str(pred_path), "--json"],
                                    capture_output=True, text=True, check=True).stdout)
    ours = score(docs, preds)
    for k in ("type", "strict"):
        assert ours[k]["tp"] == ref[k]["tp"] and ours[k]["fp"] == ref[k]["fp"] and ours[k]["fn"] == ref[k]["fn"]
