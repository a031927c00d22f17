"""Forms borrowed from PETRARCH2's Phoenix dictionary (actors/data/phoenix_actors.tsv): places, bodies and
officeholders the hand-written tables lack, and how scripts/build_phoenix_table.py chooses them."""
from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from multipolar.actors import Roster

SCRIPT = Path(__file__).resolve().parents[2] / "scripts/build_phoenix_table.py"


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster.load()


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_phoenix_table", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("phrase,code", [("Chechnya", "RUS"), ("Lagos", "NGA"), ("Madhya Pradesh", "IND"),
                                         ("Federal Security Service", "RUS"), ("Bundestag", "DEU")])
def test_places_and_bodies_name_their_state(roster, phrase, code):
    ref = roster.lookup(phrase, on=date(2023, 5, 1))
    assert ref is not None and ref.code == code and ref.kind == "state"


def test_a_place_owns_a_composed_mention(roster):
    assert roster.lookup("Lagos police").code == "NGA"


def test_officeholders_take_the_sector_of_their_period(roster):
    ref = roster.lookup("Said Barkat", on=date(2005, 1, 1))
    assert (ref.code, ref.sector, ref.kind) == ("DZA", "GOV", "leader")


def test_hand_written_forms_win(roster):
    assert Roster.load(borrowed=False).lookup("Chechnya") is None
    assert roster.lookup("the Kremlin").code == "RUS"
    assert roster.lookup("Putin", on=date(2024, 1, 1)).name == "Vladimir Putin"


def test_borrowed_names_are_proper_names(roster):
    assert roster.accepts("Lagos") and not roster.accepts("lagos")


def test_generic_phrases_are_left_out(build):
    common = {"senate", "central", "command", "youth", "federal", "security", "service"}
    assert build.generic("Senate", common) and build.generic("Central Command", common)
    assert not build.generic("Federal Security Service", common)        # three words: a proper name
    assert not build.generic("Bundestag", common)


def test_dictionary_dates_and_forms(build):
    assert build._date("040701") == "2004-07-01" and build._date(">380101") == "1938-01-01"
    assert build._span("<030101", None) == ("", "2003-01-01")
    assert build._form("NIZHNY_NOVGOROD_") == "Nizhny Novgorod"
    assert build._form("SAMOA_(AMERICAN)_") is None and build._form("RSA") is None


@pytest.mark.skipif(not (Path(__file__).resolve().parents[3] / "shared/reference/petrarch2").is_dir(),
                    reason="../shared/reference/petrarch2 is absent: the Phoenix dictionary cannot be re-read")
def test_the_shipped_table_is_what_the_script_builds(build, tmp_path):
    ref = Path(__file__).resolve().parents[3] / "shared/reference/petrarch2"
    rows = build.build([ref / "Phoenix.Countries.actors.txt", ref / "Phoenix.MilNonState.actors.txt"])
    shipped = [line.split("\t") for line in build.OUT.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")][1:]
    assert [tuple(r) for r in shipped] == rows


def _uses(build, monkeypatch, tmp_path, text: str):
    monkeypatch.setattr(build.corpus, "read_passages", lambda _root: [{"sentences": [{"text": text}]}])
    monkeypatch.setattr(build, "AG_POOL", tmp_path / "absent.jsonl")
    return build.word_uses()


def test_one_lower_case_use_does_not_make_a_word_common(build, monkeypatch, tmp_path):
    """A single "bush" in the corpus once dropped "the Bush administration"; two lower-case uses are needed."""
    common, _ = _uses(build, monkeypatch, tmp_path, "They cleared the bush. The senate met. A senate vote.")
    assert "senate" in common and "vote" not in common and "bush" not in common


def test_a_name_written_capitalised_a_hundred_times_stays_a_name(build, monkeypatch, tmp_path):
    """Two "bush fires" among 200 mentions of President Bush: under 2% lower case, so "bush" is no common word;
    "senate", lower case in 3 of 6 uses, is one."""
    text = "The bush fires spread. Back to the bush. " + "Then President Bush spoke. " * 200 + \
           "The senate met. A senate vote. The senate voted. Then the Senate met. Then the Senate sat. In the Senate."
    common, _ = _uses(build, monkeypatch, tmp_path, text)
    assert "bush" not in common and "senate" in common


def test_a_given_name_is_no_place(build, monkeypatch, tmp_path):
    """Phoenix lists the city of Vladimir; the news writes "Vladimir" before a surname, so the lone form is left out."""
    _, given = _uses(build, monkeypatch, tmp_path, "Then Vladimir Putin spoke. " * 120 + "Then Moscow said no. " * 120)
    assert "vladimir" in given and "moscow" not in given


def test_a_lone_given_name_names_no_state(roster):
    assert roster.lookup("Vladimir") is None


def test_borrowed_forms_restored_by_the_two_use_rule(roster):
    assert roster.lookup("the Bush administration", on=date(2004, 6, 1)).code == "USA"
    assert roster.lookup("State Duma").code == "RUS" and roster.lookup("State Duma").sector == "LEG"


def test_a_territory_the_general_assembly_gives_no_state_stays_uncoded(roster):
    assert roster.lookup("Western Sahara") is None
