"""Stage `classify` (coding/stage_classify.py): the type, mode and context from the trigger and its parties."""
import pytest
from rulecheck import fired, rules_of, summary

from multipolar.coding import candidate, stage_classify  # noqa: F401


@pytest.mark.parametrize("rule, text, expected", [
    ("sexual_assault", "U.S. border patrol agents sexually abused Mexican immigrants, a rights group charged.",
     ("ASSAULT", ["USA"], ["MEX"], "sexual", "asserted")),
    ("test_fire", "North Korea test-fired a new ballistic missile on Wednesday which fell into the sea off Japan.",
     ("MOBILIZE", ["PRK"], ["JPN"], "weapons", "asserted")),
    ("delivery", "The first British Challenger 2 tanks arrived in Ukraine in March 2023, Ukraine's defence minister "
     "said.", ("AID", ["GBR"], ["UKR"], None, "reported")),
    ("host_guest", "Putin hosted Indian Prime Minister Narendra Modi at his residence outside Moscow on Monday for "
     "informal talks.", ("CONSULT", ["IND"], ["RUS"], "visit", "asserted")),
    ("host_receives_forces", "Haiti received the first contingent of 400 Kenyan police officers on Tuesday.",
     ("AID", ["KEN"], ["HTI"], None, "asserted")),
    ("host_receives_observers", "Kyrgyz Prime Minister Nikolai Tanaev received a mission of observers from the "
     "OSCE.", ("RETREAT", ["KGZ"], ["OSCE"], "access", "asserted")),
    ("sent_to_help", "Rwanda began deploying 1,000 soldiers to Mozambique's Cabo Delgado province on Friday to help "
     "Maputo fight an Islamist insurgency.", ("AID", ["RWA"], ["MOZ"], None, "asserted")),
    ("training_soldiers", "Britain has trained 30,000 Ukrainian soldiers since 2022.",
     ("AID", ["GBR"], ["UKR"], None, "asserted")),
    ("observers_leave", "UN peacekeepers were pulled out of Bunia on Monday.",
     ("SANCTION", ["UN"], ["COD"], "withdraw", "asserted")),
])
def test_rule_shapes_event(rule, text, expected):
    _, events = fired(text)
    ev = next(ev for ev in events if rule in rules_of(ev))
    assert summary(ev) == expected


def test_trigger_row_sets_the_type_first():
    assert candidate.RULES["classify"][0].__name__ == "step_trigger_type"
