"""coding/detect.py: triggers, the speaker's demands, and triggers that belong to another's event."""
from parsing import parse, token

from multipolar.coding import detect, lexicon, triggers


def _kept(text):
    sent, _ = parse(text)
    found = triggers.find(sent, lexicon.load()) + detect.speaker_demands(sent)
    return sorted(v.lemma_.lower() for v, _ in detect.drop_governed(found))


def test_a_complement_trigger_belongs_to_its_governor():
    assert _kept("The United States urged Iran to withdraw its forces.") == ["urge"]


def test_a_denied_act_is_kept_and_the_denial_yields():
    kept = _kept("Iran denied supplying drones to Russia.")
    assert "supply" in kept and "deny" not in kept


def test_speaker_demand():
    sent, _ = parse("Russia said Sudan must return the helicopter.")
    found = detect.speaker_demands(sent)
    assert [(v.lemma_, t) for v, t in found] == [("say", detect.DEMAND)]


def test_denied():
    sent, _ = parse("Iran denied that it had attacked the ship.")
    assert detect.denied(token(sent, "attack"))
