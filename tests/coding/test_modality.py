"""coding/modality.py: how the event is told."""
import pytest
from parsing import parse, token

from multipolar.coding.modality import modality


@pytest.mark.parametrize("text, lemma, expected", [
    ("Russia attacked Ukraine.", "attack", "asserted"),
    ("India did not condemn Russia.", "condemn", "negated"),
    ("Russia could attack Ukraine.", "attack", "hypothetical"),
    ("Erdogan will visit Baghdad next month.", "visit", "future"),
    ("Russia reportedly attacked Ukraine.", "attack", "reported"),
    ("Iran has yet to respond to the offer.", "respond", "negated"),
])
def test_modality(text, lemma, expected):
    sent, _ = parse(text)
    assert modality(token(sent, lemma), sent.text) == expected


def test_an_act_under_weighing_is_hypothetical_whatever_the_tense_of_the_weighing():
    sent, _ = parse("Seoul said it would review sending weapons to Ukraine.")
    assert modality(token(sent, "send"), sent.text, reporting_past=True) == "hypothetical"
    sent, _ = parse("Japan will consider sending troops to Iraq.")
    assert modality(token(sent, "send"), sent.text) == "hypothetical"
