"""Stages `recipients`, `places` and `dates` (coding/stage_recipients.py)."""
import pytest
from rulecheck import fired, rules_of, summary

from multipolar.coding import stage_recipients


@pytest.mark.parametrize("rule, text, expected", [
    ("talks_between", "Arab League Secretary General Chadli Klibi undertook a mediation mission between Syria and "
     "Palestinian leader Yasser Arafat.", ("CONSULT", ["IGOLAS"], ["PSE", "SYR"], "third-party", "asserted")),
    ("delivered_to", "Iraqi President Saddam Hussein arrived in Amman on a previously unannounced visit on Wednesday.",
     ("CONSULT", ["IRQ"], ["JOR"], "visit", "asserted")),
    ("clause_recipient", "Turkey refused to join the Western sanctions against Russia.",
     ("REJECT", ["TUR"], ["RUS"], None, "asserted")),
    ("reciprocal_parties", "Israel and Lebanon renewed negotiations today on an Israeli troop pullback from Lebanon.",
     ("CONSULT", ["ISR", "LBN"], [], None, "asserted")),
    ("meeting_direction", "Raisi met Putin in Tehran.", ("CONSULT", ["RUS"], ["IRN"], "visit", "asserted")),
    ("domestic_target", "More than 100 protesters were detained by police in Tbilisi overnight, the interior "
     "ministry said.", ("COERCE", ["GEO"], ["GEO"], "arrest", "asserted")),
    # "according to" names the report's source, never the act's target: no recipient, so a show of force
    ("missile_launch", "North Korea fired two ballistic missiles into the sea on Sunday, according to South Korean "
     "and Japanese officials.", ("MOBILIZE", ["PRK"], [], "weapons", "reported")),
])
def test_rule_shapes_event(rule, text, expected):
    _, events = fired(text)
    ev = next(ev for ev in events if rule in rules_of(ev))
    assert summary(ev) == expected


def test_a_body_meeting_alone_is_no_event():
    names, events = fired("Israel's cabinet met on Sunday.")
    assert "meeting_alone" in names and not events


def test_a_meeting_with_someone_no_code_names_keeps_its_one_party():
    names, events = fired("Iraq's prime minister met tribal leaders on Sunday.")
    assert "meeting_alone" not in names
    assert [summary(ev)[:2] for ev in events] == [("CONSULT", ["IRQ"])]


def test_meeting_direction_by_place():
    from multipolar.model import ActorRef
    rus, irn = (ActorRef(code=c, text=c, name=c, kind="state") for c in ("RUS", "IRN"))
    assert stage_recipients._meeting_direction("IRN", [irn], [rus]) == ("visit", [rus], [irn])
    assert stage_recipients._meeting_direction("IND", [irn], [rus])[0] == "third-party"


@pytest.mark.parametrize("text, body", [
    ("ECOWAS defence chiefs met in Accra on Thursday.", "ECOWAS"),
    ("NATO foreign ministers met in Brussels on Tuesday.", "NATO"),
])
def test_a_bloc_meeting_is_its_members_consulting(text, body):
    names, events = fired(text, mode="combined")           # the bloc as actor is the role model's (role_model_actor)
    assert "meeting_alone" not in names
    assert any(summary(ev)[0] == "CONSULT" and summary(ev)[1] == [body] for ev in events), events


def test_a_reciprocal_act_of_several_parties_takes_no_learned_recipient():
    # the venue of talks between two parties is no counterpart (docs/annotation.md, reciprocal acts)
    names, events = fired("Talks between Israel and Hamas resumed in Cairo on Sunday.")
    assert "learned_recipient" not in names
    assert [summary(ev)[1:3] for ev in events] == [(["ISR", "PSE"], [])]
