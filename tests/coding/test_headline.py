"""Title Case headlines are parsed in sentence case (coding/headline.py)."""
from multipolar.coding.coder import Coder
from multipolar.coding.headline import is_title_case, sentence_case
from multipolar.model import Article


def _names(*known):
    return lambda matches, k: matches[k].group().lower() in known


def test_a_headline_keeps_its_names_and_length():
    text = "Israel Kills Two Militants During Massive Gaza Raid."
    out = sentence_case(text, _names("israel", "gaza"))
    assert out == "Israel kills two militants during massive Gaza raid." and len(out) == len(text)


def test_ordinary_sentences_and_acronyms_are_left_alone():
    text = "Arab League Secretary General Chadli Klibi undertook a mediation mission between Syria and Palestinian " \
           "leader Yasser Arafat."
    assert not is_title_case(text) and sentence_case(text, _names()) == text
    assert sentence_case("NATO Warns Russia Over Troop Build-Up", _names("russia")).startswith("NATO warns Russia")


def test_the_coder_reads_a_headline_and_keeps_the_sentence_as_written():
    coder = Coder(mode="rules")
    assert coder.parse_text("Kerry Challenges Bush Record on Issues.") == "Kerry challenges Bush record on issues."
    evs = coder.code_article(Article.make(
        "Israel Kills Two Militants During Massive Gaza Raid.", id="h"))[1]
    assert evs and evs[0].sentence == "Israel Kills Two Militants During Massive Gaza Raid."


def test_one_lower_case_word_of_substance_makes_an_ordinary_sentence():
    text = "BUENOS AIRES, March 3, 2025 - President Luiz Inacio Lula da Silva met Argentine President Javier Milei."
    assert not is_title_case(text)
    assert is_title_case("Kerry Challenges Bush Record on Issues.")
