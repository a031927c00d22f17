"""Types, modes, contexts, quad classes and scores as loaded from the bundled data files."""
from __future__ import annotations

import pytest

from multipolar.errors import QueryError
from multipolar.ontology import EVENT_TYPES, QUADS, Ontology, score


@pytest.fixture(scope="module")
def ont() -> Ontology:
    return Ontology.load()


def test_sixteen_types_in_manual_order(ont):
    assert len(EVENT_TYPES) == 16
    assert ont.event_types == EVENT_TYPES
    assert EVENT_TYPES[0] == "AGREE" and EVENT_TYPES[-1] == "ASSAULT"


def test_load_is_cached():
    assert Ontology.load() is Ontology.load()


@pytest.mark.parametrize("event", EVENT_TYPES)
def test_every_type_loads_with_modes_quad_score_description(ont, event):
    modes = ont.modes(event)
    assert isinstance(modes, tuple) and all(isinstance(m, str) for m in modes)
    assert ont.quad(event) in QUADS
    assert -10 <= ont.score(event) <= 10
    assert ont.describe(event)


# Draft 0.8 gives no mode table for AGREE, SUPPORT, CONCEDE, COOPERATE, AID: their detail is in `context`.
WITH_MODES = {"CONSULT", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
              "MOBILIZE", "COERCE", "ASSAULT"}


def test_types_with_mode_tables_have_modes(ont):
    assert {t for t in EVENT_TYPES if ont.modes(t)} == WITH_MODES


@pytest.mark.parametrize("event,mode", [
    ("CONSULT", "visit"), ("CONSULT", "phone"), ("CONSULT", "third-party"), ("CONSULT", "multilateral"),
    ("SANCTION", "discontinue"), ("SANCTION", "convict"), ("RETREAT", "withdraw"), ("RETREAT", "resign"),
    ("ASSAULT", "heavy-weapons"), ("ASSAULT", "sideAB"), ("COERCE", "martial-law"), ("THREATEN", "violence"),
    ("PROTEST", "demo"), ("MOBILIZE", "troops"), ("ACCUSE", "investigate"), ("REJECT", "meet"),
])
def test_known_modes(ont, event, mode):
    assert mode in ont.modes(event)


def test_quads_follow_manual_sections(ont):
    expected = {
        "verbal cooperation": {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
        "material cooperation": {"COOPERATE", "AID", "RETREAT"},
        "verbal conflict": {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
        "material conflict": {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
    }
    for quad, types in expected.items():
        assert {t for t in EVENT_TYPES if ont.quad(t) == quad} == types
    assert [ont.quad_code(t) for t in ("AGREE", "AID", "ACCUSE", "ASSAULT")] == [1, 2, 3, 4]


def test_score_signs_follow_quads(ont):
    assert score("ASSAULT") < 0 < score("AID")
    for event in EVENT_TYPES:
        coop = "cooperation" in ont.quad(event)
        assert (ont.score(event) > 0) == coop, event


def test_manual_score_table_values():
    # PLOVER manual draft 0.8, table "PLOVER conflict--cooperation scores"
    assert score("ASSAULT") == -9.3
    assert score("COERCE") == -7.2 and score("MOBILIZE") == -5.3   # the manual's deliberate swap
    assert score("CONSULT") == 2.1
    assert score("RETREAT") == 7.6
    assert score("AID") == 7.4


def test_score_with_mode_falls_back_to_type():
    assert score("CONSULT", "visit") == score("CONSULT")
    assert score("SANCTION", "discontinue") == -5.2


def test_score_rejects_unknown_type_but_tolerates_unknown_mode(ont):
    with pytest.raises(QueryError, match="ASSALT"):
        score("ASSALT")
    assert score("ASSAULT", "visit") == score("ASSAULT")       # falls back to the type
    assert ont.quad("CONSULT", "meet") == "verbal cooperation"


def test_problems_flags_non_plover_fields(ont):
    assert ont.problems("CONSULT", "visit", ("diplomatic",)) == []
    assert ont.problems("AID", None, ("energy",)) == []
    found = ont.problems("CONSULT", "meet", ("political",))
    assert any("mode 'meet'" in p for p in found) and any("'political'" in p for p in found)
    assert ont.problems("CRIME") and ont.problems(None)
    assert ont.is_mode("ASSAULT", "firearms") and not ont.is_mode("ASSAULT", "small-arms")


def test_demand_is_an_alias_of_request(ont):
    assert ont.canonical("DEMAND") == "REQUEST"
    assert ont.canonical("consult") == "CONSULT"
    assert score("DEMAND") == score("REQUEST") == -5.0


REQUIRED_CONTEXTS = ("diplomatic", "military", "economic", "resource", "legal", "human_rights", "territory",
                     "cyber", "terrorism", "humanitarian")
MANUAL_GENERAL = ("intelligence", "peacekeeping", "disease", "enviro_disaster", "migration", "asylum",
                  "rights_freedoms", "gender", "lgbt", "human_security", "religion_ethnicity", "executive",
                  "election", "legislative", "cbrn", "political_institutions", "corruption", "crime",
                  "illegal_drugs")


def test_contexts(ont):
    for name in REQUIRED_CONTEXTS + MANUAL_GENERAL:
        assert name in ont.contexts, name
    assert len(set(ont.contexts)) == len(ont.contexts)
    assert set(ont.special_contexts) == {"historical", "future", "hypothetical", "negation"}
    assert not set(ont.special_contexts) & set(ont.contexts)
    assert ont.context_kind("territory") == "extension"


def test_energy_expands_to_economic_and_resource(ont):
    assert ont.expand_context("energy") == ("economic", "resource")
    assert ont.expand_context("cyber") == ("cyber",)
    with pytest.raises(QueryError):
        ont.expand_context("astrology")
