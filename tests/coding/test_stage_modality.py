"""Stages `modality` and `compose` (coding/stage_modality.py): promises, threats, forecasts, then the rules
that read the finished type."""
import pytest
from rulecheck import fired, rules_of, summary

from multipolar.coding import stage_modality


@pytest.mark.parametrize("rule, text, expected", [
    ("obligation_reported", "Russia said on Tuesday that Sudan must return a Mi-26 helicopter that was captured "
     "by the Sudanese authorities last week.", ("REQUEST", ["RUS"], ["SDN"], None, "asserted")),
    ("forecast", "The first British Challenger 2 tanks arrived in Ukraine in March 2023, Ukraine's defence minister "
     "said.", ("AID", ["GBR"], ["UKR"], None, "reported")),
    ("unless_threat", "Nigeria said it will withdraw its troops from Mali unless the junta holds elections.",
     ("THREATEN", ["NGA"], ["MLI"], None, "asserted")),
    ("conditional_threat", "Georgia's ruling party said it could ban the main opposition parties under a proposed "
     "law if it wins a constitutional majority.", ("THREATEN", ["GEO"], ["GEO"], "restrict", "asserted")),
    ("future_cooperation", "Japan will provide emergency aid to the Philippines.",
     ("AGREE", ["JPN"], ["PHL"], None, "asserted")),
    ("future_sanction", "Palestinian leaders said they would boycott all official contact with the United States.",
     ("THREATEN", ["PSE"], ["USA"], "restrict", "asserted")),
    ("rules_out", "Trump refused on Tuesday to rule out using military coercion to gain control of the Panama "
     "Canal.", ("THREATEN", ["USA"], ["PAN"], None, "asserted")),
    ("vowed_conflict", "Venezuelan President Nicolas Maduro vowed to reclaim the oil-rich Essequibo region, which is "
     "administered by neighbouring Guyana.", ("THREATEN", ["VEN"], ["GUY"], None, "asserted")),
    ("vowed_not", "Russia vowed not to return the Kuril Islands to Japan.",
     ("REJECT", ["RUS"], ["JPN"], None, "asserted")),
    ("by_phone", "German Chancellor Olaf Scholz spoke with Vladimir Putin by telephone on Friday.",
     ("CONSULT", ["DEU"], ["RUS"], "phone", "asserted")),
    ("military_exercise", "Chinese and Belarusian troops began joint anti-terrorism exercises near the Polish border "
     "on Monday.", ("COOPERATE", ["BLR", "CHN"], [], None, "asserted")),
])
def test_rule_shapes_event(rule, text, expected):
    _, events = fired(text)
    ev = next(ev for ev in events if rule in rules_of(ev))
    assert summary(ev) == expected


def test_threat_mode_follows_plover_table():
    assert stage_modality.threat_mode("ASSAULT", None) == "violence"
    assert stage_modality.threat_mode("COERCE", "ban") == "ban"
    assert stage_modality.threat_mode("SANCTION", "expel") == "expel"
    assert stage_modality.threat_mode("SANCTION", "withdraw") == "relations"
    assert stage_modality.threat_mode("SANCTION", None) == "restrict"


def test_a_member_speaks_for_its_bloc():
    from multipolar.actors import Roster
    from multipolar.model import ActorRef
    eu = ActorRef(code="EU", text="EU", name="European Union", kind="bloc")
    assert "NLD" in stage_modality.members(Roster.load(), [eu])


@pytest.mark.parametrize("text, expected", [
    ("Pyongyang might send troops to help Russia, Seoul said.", ("AID", ["PRK"], ["RUS"], None, "hypothetical")),
    ("Britain may provide military aid to Ukraine.", ("AID", ["GBR"], ["UKR"], None, "hypothetical")),
])
def test_a_possible_act_keeps_its_type_in_the_shipped_coder(text, expected):
    """The detector learned that a promised act is AGREE ("will send aid") and reads "might send" as one too; a
    possible act keeps its own type, hypothetical (annotation.md), whichever model typed it."""
    _, events = fired(text, mode="combined")
    assert [summary(ev) for ev in events] == [expected]
