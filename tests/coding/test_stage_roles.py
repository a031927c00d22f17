"""Stages `senses` and `roles` (coding/stage_roles.py): each rule with a sentence it shapes or drops."""
import pytest
from rulecheck import fired, rules_of, summary

from multipolar.coding import candidate, stage_roles  # noqa: F401


@pytest.mark.parametrize("rule, text, expected", [
    ("object_pronoun", "German Chancellor Olaf Scholz spoke with Vladimir Putin by telephone on Friday and urged "
     "him to withdraw his troops from Ukraine.", ("REQUEST", ["DEU"], ["RUS"], None, "asserted")),
    ("pronoun_actor", "Poland said on Tuesday that it would move 10,000 troops to its border with Belarus.",
     ("MOBILIZE", ["POL"], ["BLR"], "troops", "future")),
    ("state_in_view", "Protests reportedly spread to several Iranian cities on Monday over the death of Mahsa Amini.",
     ("PROTEST", ["IRN"], ["IRN"], "demo", "reported")),
    ("armed_locals", "A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier and wounded two "
     "others, the military said.", ("ASSAULT", ["IRQ"], ["USA"], None, "asserted")),
    ("speaker_demand", "Egyptian President Hosni Mubarak said Wednesday that the US must be ready to mediate "
     "between Israelis and Palestinians.",
     ("REQUEST", ["EGY"], ["USA"], None, "asserted")),
    ("forces_sent", "Officials said Belarusian soldiers could be sent to fight for Russia.",
     ("AID", ["BLR"], ["RUS"], None, "hypothetical")),
])
def test_rule_shapes_event(rule, text, expected):
    names, events = fired(text)
    ev = next(ev for ev in events if rule in rules_of(ev))
    assert summary(ev) == expected


def test_the_issues_own_example_in_the_shipped_coder():
    """The detector types the possible sending AGREE; the troops' state still sends them, to the state they would
    fight for, and the act keeps its type (`forces_sent` with `hypothetical_act`)."""
    _, events = fired("Putin signed a mutual-defence treaty with North Korea's leader Kim Jong Un. North Korean troops "
                      "could be sent to fight for Russia, officials in Seoul said.", mode="combined")
    sent = next(ev for ev in events if ev.trigger == "sent")
    assert summary(sent) == ("AID", ["PRK"], ["RUS"], None, "hypothetical")
    assert {"forces_sent", "hypothetical_act"} <= rules_of(sent)


@pytest.mark.parametrize("rule, text", [
    ("reduced_relative", "Five Americans detained in Iran were released on Monday."),
    ("other_sense", "London sanctioned Gomm's efforts to reform the police."),
])
def test_rule_drops_candidate(rule, text):
    names, events = fired(text)
    assert rule in names


def test_stages_are_registered_in_order():
    names = [fn.__name__ for fn in candidate.RULES["roles"]]
    assert names[0] == "step_parse_roles" and names.index("no_actor") > names.index("pronoun_actor")
    assert [fn.__name__ for fn in candidate.RULES["senses"]] == ["other_sense", "reduced_relative"]


def test_reporting_head_climbs_to_the_speaker():
    from multipolar.nlp import pipeline
    doc = pipeline()("Beijing said Washington had sent warships.")
    sent = next(t for t in doc if t.lemma_ == "send")
    assert stage_roles.reporting_head(sent).lemma_ == "say"
