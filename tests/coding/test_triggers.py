"""coding/triggers.py: trigger patterns matched on the parse."""
from parsing import parse, token

from multipolar.coding import lexicon, triggers


def found(text):
    sent, _ = parse(text)
    return [(v.lemma_.lower(), t.event) for v, t in triggers.find(sent, lexicon.load())]


def test_verb_trigger():
    assert ("condemn", "ACCUSE") in found("China condemned Japan.")


def test_object_constrained_pattern_wins():
    assert ("impose", "SANCTION") in found("The EU imposed sanctions on Russia.")


def test_light_verb_carries_the_event_noun():
    events = {e for _, e in found("Iran issued a demand to Iraq.")}
    assert "REQUEST" in events


def test_no_trigger_in_plain_text():
    assert found("The weather was mild in Paris.") == []


def test_direct_object():
    sent, _ = parse("Putin hosted Modi in Moscow.")
    assert triggers.direct_object(token(sent, "host")).text == "Modi"
