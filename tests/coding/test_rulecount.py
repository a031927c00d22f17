"""coding/rulecount.py: rules fired on a gold set, and those that never fired."""
import json

from multipolar.coding import rulecount


def test_counts_and_lists_rules_that_never_fired(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g1", "date": "2024-06-20", "text": "Raisi met Putin in Tehran.",
                                "events": []}) + "\n")
    counts = rulecount.count(str(gold))
    assert counts["meeting_direction"] >= 1 and counts["test_fire"] == 0
    assert not any(name.startswith("step_") for name in counts)
    assert rulecount.main([str(gold)]) == 0
    out = capsys.readouterr().out
    assert "meeting_direction" in out and "never fired" in out and "test_fire" in out
