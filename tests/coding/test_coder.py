"""coding/coder.py: the Coder's public surface (modes, the pre-parse filter, events with their provenance)."""
import pytest
from rulecheck import D

from multipolar.coding.coder import Coder, _locale
from multipolar.model import Article
from multipolar.pipeline import coder


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown coder mode"):
        Coder(mode="guess")


def test_prefilter_needs_a_trigger_and_an_actor():
    c = coder()
    assert c.could_hold_event("Russia attacked Ukraine on Monday.")
    assert not c.could_hold_event("The weather was mild on Monday.")
    assert not c.could_hold_event("Prices attacked new highs.", actor_seen=False)


def test_event_carries_rules_detector_and_provenance():
    text = "Protests spread to several Iranian cities on Monday. Raisi met Putin in Tehran on Monday."
    _, events = coder().code_article(Article.make(text, date=D))
    ev = next(e for e in events if e.event == "CONSULT")
    why = dict(ev.features)
    assert "rule:meeting_direction" in why and "detector" in why and ev.coder
    assert text[ev.span[0]:ev.span[1]] == ev.sentence


def test_locale_from_the_site():
    assert _locale("https://www.state.gov/x") == "us"
    assert _locale("https://www.bbc.co.uk/news") == "uk"
    assert _locale(None) is None and _locale("https://example.com") is None


def test_a_trigger_the_detector_added_takes_learned_actors_whatever_its_token_probability():
    """A trigger the sentence-type head adds may sit below the add threshold as a token; it is still the detector's
    trigger, so the role model names its actor (the rule keeps its LEARNED_ACTORS_SURE bar for lexicon triggers)."""
    from types import SimpleNamespace

    from multipolar.coding.context import Context
    from multipolar.coding.mentions import Mentions

    c = coder()
    doc = c.nlp("Brussels responded with tariffs of 50 percent on Chinese electric cars.")
    tariffs = next(t for t in doc if t.text == "tariffs")
    mentions = Mentions(doc[:], D, doc.text)
    c._event_prob = {tariffs.i: 0.1}
    c._learned_ids = {tariffs.i}
    added = SimpleNamespace(actor=[])
    c._learned_roles(tariffs, "SANCTION", mentions, added, Context())
    assert [a.code for a in added.actor] == ["EU"]
    c._learned_ids = set()                                 # a lexicon trigger this unsure gets no learned actor
    lexical = SimpleNamespace(actor=[])
    c._learned_roles(tariffs, "SANCTION", mentions, lexical, Context())
    assert lexical.actor == []
