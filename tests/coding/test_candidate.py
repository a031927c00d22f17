"""coding/candidate.py: the candidate record and the ordered stages of rules."""
from multipolar.coding import candidate
from multipolar.coding import coder  # noqa: F401  (registers every stage's rules)


class _Fake:
    dropped = False

    def __init__(self):
        self.fired = []

    def drop(self):
        self.dropped = True
        return True


def test_stages_in_order_and_names_unique():
    names = candidate.rule_names()
    assert len(names) == len(set(names)) > 40
    assert list(candidate.RULES) == list(candidate.STAGES)


def test_run_records_fired_rules_and_stops_at_a_drop(monkeypatch):
    calls = []

    def shapes(c):
        calls.append("shapes")
        return True

    def step_only(c):
        calls.append("step")

    def drops(c):
        calls.append("drops")
        return c.drop()

    def never(c):
        calls.append("never")
        return True

    rules = {s: [] for s in candidate.STAGES}
    rules["senses"] = [shapes, step_only]
    rules["roles"] = [drops, never]
    monkeypatch.setattr(candidate, "RULES", rules)
    monkeypatch.setattr(candidate, "FIRED", candidate.Counter())
    c = _Fake()
    assert candidate.run(c) is False
    assert calls == ["shapes", "step", "drops"] and c.fired == ["shapes", "drops"]
    assert candidate.never_fired() == ["never"]
