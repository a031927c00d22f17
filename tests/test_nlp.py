"""The cheap sentence splitter (multipolar.nlp.split_sentences)."""
from multipolar.nlp import split_sentences


def _sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_an_opening_quote_starts_the_sentence_it_opens():
    text = 'The minister left early. \u201cWe will not sign,\u201d she said. "Talks are over." Aides nodded.'
    assert _sentences(text) == ["The minister left early.", "\u201cWe will not sign,\u201d she said.",
                                '"Talks are over."', "Aides nodded."]


def test_a_closing_quote_stays_with_its_sentence():
    assert _sentences('He called it "a betrayal." Then he left.') == ['He called it "a betrayal."', "Then he left."]


def test_spans_cover_the_text_in_order():
    text = 'Russia said no. "We refuse," Lavrov said.\nKyiv replied. \u2018Never,\u2019 it said.'
    spans = split_sentences(text)
    assert all(a < b for a, b in spans) and all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
