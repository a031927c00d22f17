"""Cohen's kappa between two annotators (coding/agreement.py)."""
import json

import pytest

from multipolar.coding.agreement import agreement


def _write(path, labels):
    with open(path, "w", encoding="utf-8") as f:
        for i, types in enumerate(labels):
            f.write(json.dumps({"doc": f"d{i}", "sentences": [{"text": "x", "events": [
                {"event": t, "actor": ["USA"], "recipient": []} for t in types]}]}) + "\n")


def test_identical_annotations_agree_fully(tmp_path):
    labels = [["ACCUSE"], [], ["ASSAULT", "ACCUSE"], ["CONSULT"]]
    _write(tmp_path / "a.jsonl", labels)
    _write(tmp_path / "b.jsonl", labels)
    res = agreement(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert res["kappa_type_set"] == 1.0 and res["sentences"] == 4


def test_disagreements_lower_kappa_and_are_listed(tmp_path):
    _write(tmp_path / "a.jsonl", [["ACCUSE"], [], ["SANCTION"], ["CONSULT"], []])
    _write(tmp_path / "b.jsonl", [["ACCUSE"], ["PROTEST"], ["CONCEDE"], ["CONSULT"], []])
    res = agreement(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert res["kappa_type_set"] < 0.8
    assert ("SANCTION vs CONCEDE", 1) in [tuple(x) for x in res["top_disagreements"]]


def test_no_shared_sentences_is_an_error(tmp_path):
    _write(tmp_path / "a.jsonl", [["ACCUSE"]])
    (tmp_path / "b.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="share no sentence"):
        agreement(tmp_path / "a.jsonl", tmp_path / "b.jsonl")


def test_second_annotator_scored_on_first_counts_parties(tmp_path):
    """Same types everywhere, but one dyad reversed: type F1 stays 1, strict F1 drops to 0.5."""
    def write(path, dyads):
        with open(path, "w", encoding="utf-8") as f:
            for i, (actor, recipient) in enumerate(dyads):
                f.write(json.dumps({"doc": f"d{i}", "sentences": [{"text": "x", "events": [
                    {"event": "ACCUSE", "actor": [actor], "recipient": [recipient]}]}]}) + "\n")
    write(tmp_path / "a.jsonl", [("USA", "RUS"), ("CHN", "JPN")])
    write(tmp_path / "b.jsonl", [("USA", "RUS"), ("JPN", "CHN")])
    res = agreement(tmp_path / "a.jsonl", tmp_path / "b.jsonl")["second_scored_on_first"]
    assert res["type"]["f1"] == 1.0 and res["strict"]["f1"] == 0.5
