"""Polarity: acts under refusals, calls, prospects or failures are not asserted (sentences written here)."""
from datetime import date

import pytest

from multipolar.coding import polarity
from multipolar.coding.coder import Coder
from multipolar.errors import DataFileError
from multipolar.model import Article


@pytest.fixture(scope="module")
def coder():
    return Coder(mode="rules")


def _code(coder, text):
    return coder.code_article(Article.make(text, id="t", date=date(2024, 6, 1)))[1]


def test_resisted_calls_to_condemn_is_no_accusation(coder):
    evs = _code(coder, "India has resisted calls to condemn Russia over the invasion of Ukraine.")
    assert not [e for e in evs if e.event == "ACCUSE"]


def test_declined_to_send_is_a_rejection_not_aid(coder):
    evs = _code(coder, "Brazil declined to send ammunition to Ukraine.")
    assert [e.event for e in evs] == ["REJECT"]


def test_prospect_makes_the_act_hypothetical(coder):
    evs = _code(coder, "The prospect of North Korean troops fighting alongside Russian forces alarmed Seoul.")
    assert evs and all(e.modality != "asserted" for e in evs if e.event == "ASSAULT")


def test_failed_to_agree_is_negated(coder):
    evs = _code(coder, "Armenia and Azerbaijan failed to agree on a peace treaty in Washington.")
    assert all(e.modality == "negated" for e in evs if e.event == "AGREE")


def test_invitation_is_cooperation_not_a_demand(coder):
    evs = _code(coder, "Putin invited Modi to visit Moscow next year.")
    assert "REQUEST" not in {e.event for e in evs}
    assert any(e.event == "AGREE" and {a.code for a in e.actor} == {"RUS"} for e in evs)


def test_an_act_beside_a_refusal_stands(coder):
    evs = _code(coder, "Iran attacked a tanker off Oman after refusing to pay the fine.")
    assert "ASSAULT" in {e.event for e in evs}


def test_bad_embedding_file_names_file_and_line(tmp_path):
    bad = tmp_path / "embedding.tsv"
    bad.write_text("call\tclause\tdrop\nprospect\tclause\tmaybe\n", encoding="utf-8")
    polarity.embedding_words.cache_clear()
    with pytest.raises(DataFileError, match="embedding.tsv:2"):
        polarity.embedding_words(str(bad))
    polarity.embedding_words.cache_clear()
