"""coding/select.py: one event per clause, and the meeting an act's setting implies."""
from parsing import parse, token

from multipolar.coding import select
from multipolar.model import ActorRef, Event


def _ev(event, actor, recipient=()):
    ref = lambda c: ActorRef(code=c, text=c, name=c, kind="state")   # noqa: E731
    return Event(id="", doc_id="d", event=event, actor=tuple(map(ref, actor)), recipient=tuple(map(ref, recipient)))


def test_duplicates_and_untargeted_repeats_are_dropped():
    sent, _ = parse("Russia attacked Ukraine and attacked Ukraine again.")
    v1, v2 = [t for t in sent if t.lemma_ == "attack"]
    kept = select.select([(v1, _ev("ASSAULT", ["RUS"], ["UKR"])), (v2, _ev("ASSAULT", ["RUS"], ["UKR"])),
                          (v2, _ev("ASSAULT", ["RUS"]))])
    assert len(kept) == 1 and kept[0].recipient


def test_a_deeper_clause_with_its_own_subject_keeps_its_event():
    sent, _ = parse("Belarus freed prisoners hours after Kellogg met Lukashenko.")
    meet = token(sent, "meet")
    assert select.depth(meet) > select.depth(token(sent, "free")) and select.own_clause(meet)


def test_meeting_in_a_phone_call():
    sent, mentions = parse("Modi congratulated Trump in a phone call.")
    ev = _ev("SUPPORT", ["IND"], ["USA"])
    from dataclasses import replace
    ev = replace(ev, modality="asserted", features=(("syntactic_recipient", 1.0),))
    out = select.meeting_in_setting(token(sent, "congratulate"), ev, mentions)
    assert out is not None and out.event == "CONSULT" and out.mode == "phone"


def test_a_gerund_under_a_preposition_of_time_tells_its_own_happening():
    sent, _ = parse("Putin arrived in Hanoi a day after signing a treaty with North Korea.")
    assert select.own_clause(token(sent, "sign"))
    sent, _ = parse("Putin arrived in Hanoi to sign a treaty with Vietnam.")
    assert not select.own_clause(token(sent, "sign"))
