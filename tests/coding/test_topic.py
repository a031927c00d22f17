"""The topic state as the recipient of an aimless act (coding/topic.py)."""
from multipolar.coding.topic import fill_recipients
from multipolar.model import ActorRef, Event, Location


def _ref(code, kind="state"):
    return ActorRef(code=code, text=code, kind=kind)


def _ev(event, actor, recipient=(), location=None):
    return Event(id="x", doc_id="d", event=event, actor=tuple(_ref(a, k) for a, k in actor),
                 recipient=tuple(_ref(r) for r in recipient), location=location)


def test_condemning_a_coup_is_aimed_at_the_article_s_state():
    evs = [_ev("ASSAULT", [("MLI", "state")], ["MLI"]), _ev("ACCUSE", [("AU", "igo")])]
    out = fill_recipients(evs)
    assert [a.code for a in out[1].recipient] == ["MLI"]
    assert dict(out[1].features)["topic_recipient"] == 1.0


def test_the_place_wins_over_the_topic():
    evs = [_ev("ACCUSE", [("USA", "state")], ["RUS"]),
           _ev("ASSAULT", [("IRQ", "state")], location=Location("Baghdad", "IRQ"))]
    assert [a.code for a in fill_recipients(evs)[1].recipient] == ["IRQ"]


def test_a_lone_domestic_act_targets_its_own_state():
    out = fill_recipients([_ev("ACCUSE", [("USA", "leader")])])
    assert [a.code for a in out[0].recipient] == ["USA"]


def test_reciprocal_and_targeted_events_are_left_alone():
    evs = [_ev("CONSULT", [("USA", "state"), ("CHN", "state")]), _ev("SANCTION", [("USA", "state")], ["RUS"])]
    assert fill_recipients(evs) == evs


def test_an_aimless_act_takes_the_target_of_the_same_actor_in_its_sentence():
    condemned = _ev("ACCUSE", [("EU", "igo")], ["TUR"])
    called = _ev("REQUEST", [("EU", "igo")])
    elsewhere = _ev("ASSAULT", [("ETH", "state")], ["ETH"])
    from dataclasses import replace
    evs = [replace(condemned, span=(0, 90)), replace(called, span=(0, 90)), replace(elsewhere, span=(91, 200)),
           replace(elsewhere, span=(201, 300))]
    out = fill_recipients(evs)
    assert [a.code for a in out[1].recipient] == ["TUR"] and dict(out[1].features)["sentence_recipient"] == 1.0


def test_states_named_without_an_event_count_toward_the_topic():
    evs = [_ev("ASSAULT", [("RUS", "state")], ["UKR"]), _ev("ACCUSE", [("EU", "igo")])]
    assert [a.code for a in fill_recipients(evs)[1].recipient] in (["RUS"], ["UKR"])   # a tie of the parties
    named = [(500, _ref("GEO")), (600, _ref("GEO")), (700, _ref("GEO", "leader"))]
    assert [a.code for a in fill_recipients(evs, named)[1].recipient] == ["GEO"]


def test_mentions_of_the_event_s_own_sentence_do_not_count():
    """"Azerbaijan lifted its blockade of the Lachin corridor, Armenia said": the rules declined the speaker."""
    from dataclasses import replace
    lifted = replace(_ev("CONCEDE", [("AZE", "state")]), span=(0, 70))
    said = [(0, _ref("AZE")), (0, _ref("ARM"))]
    assert fill_recipients([lifted], said)[0].recipient == ()
    assert [a.code for a in fill_recipients([lifted], said + [(80, _ref("ARM"))])[0].recipient] == ["ARM"]
