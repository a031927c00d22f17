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


def test_unconfirmed_lists_the_lexicon_triggers_not_kept():
    sent, _ = parse("The United States urged Iran to withdraw its forces.")
    lex = lexicon.load()
    kept = detect.drop_governed(triggers.find(sent, lex))
    assert [(v.lemma_, t.event) for v, t in detect.unconfirmed(sent, lex, kept)] == [("withdraw", "RETREAT")]
    assert detect.unconfirmed(sent, lex, triggers.find(sent, lex)) == []


def test_a_traced_coder_names_the_triggers_it_did_not_keep():
    from multipolar.model import Article
    from multipolar.pipeline import coder
    traced = coder("rules")
    traced.dropped = []
    try:
        traced.code_article(Article.make("The United States urged Iran to withdraw its forces.", date="2024-06-20"))
        assert (0, "RETREAT", "not kept (detector or governed)") in traced.dropped
    finally:
        traced.dropped = None
