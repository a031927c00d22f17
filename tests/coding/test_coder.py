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
    from multipolar.coding.stage_roles import role_model_actor

    c = coder()
    doc = c.nlp("Brussels responded with tariffs of 50 percent on Chinese electric cars.")
    tariffs = next(t for t in doc if t.text == "tariffs")
    mentions = Mentions(doc[:], D, doc.text)

    def candidate():
        return SimpleNamespace(coder=c, verb=tariffs, trig=SimpleNamespace(event="SANCTION"), mentions=mentions,
                               r=SimpleNamespace(actor=[]), ctx=Context())

    c._event_prob = {tariffs.i: 0.1}
    c._learned_ids = {tariffs.i}
    added = candidate()
    assert role_model_actor(added) and [a.code for a in added.r.actor] == ["EU"]
    c._learned_ids = set()                                 # a lexicon trigger this unsure gets no learned actor
    lexical = candidate()
    assert not role_model_actor(lexical) and lexical.r.actor == []


def test_the_coder_hands_the_last_sentence_that_named_anyone_to_the_earlier_party_reader(monkeypatch):
    """The sentence before (its parse and mentions) reaches the role encoder for a trigger without an actor, and
    for a trigger without a recipient; a sentence naming nobody in between does not replace it."""
    from multipolar.coding.detector import Detector

    asked = []

    def earlier_party(self, trigger, event, previous, here, role, exclude=frozenset()):
        asked.append((role, trigger.text, previous[0].text if previous else None))
        return None

    monkeypatch.setattr(Detector, "earlier_party", earlier_party)
    c = Coder()
    if c.detector is None:
        pytest.skip("no trained model shipped (coding/data/detector.npz); run `make train`")
    text = ("Russia massed troops on the border with Ukraine. The weather was cold. "
            "On Monday, troops shelled Kharkiv, killing four people.")
    c.code_article(Article.make(text, id="w", date="2024-05-01"))
    assert asked and all(prev == "Russia massed troops on the border with Ukraine." for _, _, prev in asked)
    assert ("actor", "shelled") in {(r, t) for r, t, _ in asked}


def test_dropped_candidates_are_traced_only_when_asked():
    """A list in `Coder.dropped` collects (sentence offset, type, rule) for every trigger a rule dropped: the
    polarity embedding ("resisted calls to condemn") and a stage rule (`no_actor`: nobody did the arresting)."""
    c = Coder(mode="rules")
    text = ("Three people were arrested in Brasilia on Sunday. "
            "India has resisted calls to condemn Russia over the invasion of Ukraine.")
    c.code_article(Article.make(text, id="d", date="2024-05-01"))
    assert c.dropped is None
    c.dropped = []
    c.code_article(Article.make(text, id="d", date="2024-05-01"))
    assert (50, "ACCUSE", "embedding") in c.dropped
    assert (0, "COERCE", "no_actor") in c.dropped


@pytest.mark.parametrize("text,actor", [
    ("TAIPEI (The China Post) — China on Tuesday recalled its ambassador to Lithuania.", "CHN"),
    ("SEOUL, November 1 (AJP) - North Korea said Friday it test-fired a new intercontinental ballistic missile.",
     "PRK"),
])
def test_the_dateline_place_is_no_party(text, actor):
    _, events = coder().code_article(Article.make(text, date=D))
    assert events and {a.code for e in events for a in e.actor} == {actor}, events
