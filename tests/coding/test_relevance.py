"""The story relevance gate (coding/relevance.py): its arithmetic, its training and its use by the coder."""
from datetime import date

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from multipolar.coding import detector, relevance
from multipolar.coding.coder import Coder
from multipolar.model import Article

POLITICS = ["France condemned Kenya over the attack on its embassy.",
            "Japan imposed sanctions on Chile after the vote.",
            "Egypt and India signed a defence pact in Cairo.",
            "Brazil accused Germany of meddling in the election."]
OTHER = ["Shares of the software maker rose after quarterly earnings beat forecasts.",
         "The striker scored twice as the home side won the league title.",
         "Heavy rain flooded the valley and closed the motorway for a day.",
         "The bakery sold out of bread before noon on Saturday."]


def test_probability_equals_scikit_learns_pipeline():
    texts, labels = (POLITICS + OTHER) * 2, ([True] * 4 + [False] * 4) * 2     # every word twice: min_df 2
    model = relevance.from_arrays(relevance.fit(texts, labels))
    vec = TfidfVectorizer(token_pattern=relevance.TOKEN, stop_words="english", min_df=2, sublinear_tf=True)
    lr = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(vec.fit_transform(texts), labels)
    for text in ("Kenya condemned the sanctions imposed by Japan.", "The league title went to the home side.",
                 "zzz qqq"):
        assert model.probability(text) == pytest.approx(lr.predict_proba(vec.transform([text]))[0, 1], abs=1e-5)


def test_a_corpus_without_contrast_gives_no_model():
    assert relevance.fit(POLITICS, [True] * 4) == {}
    assert relevance.from_arrays({}) is None


def test_the_lead_is_the_first_sentences():
    sents = [f"Sentence {i}." for i in range(10)]
    assert relevance.lead(sents) == " ".join(sents[:relevance.LEAD])


def test_the_shipped_model_tells_politics_from_earnings():
    det = detector.load()
    assert det is not None and det.relevance is not None
    politics = det.relevance.probability(" ".join(POLITICS[:2]))
    earnings = det.relevance.probability("Shares of the software maker rose 4 percent after quarterly earnings "
                                         "beat analysts' forecasts, and revenue from cloud services grew.")
    assert politics > 0.5 > earnings


def test_the_coder_skips_an_off_topic_story_unless_told_not_to():
    text = ("Quarterly revenue at the retailer rose 8 percent, beating forecasts, as demand for its new line of "
            "sneakers outstripped supply in Britain. The company said restrictions on shipping had eased. "
            "Its shares closed 3 percent higher in London.")
    art = Article.make(text, id="shop", date=date(2024, 5, 1))
    gated = Coder()
    assert gated.detector.meta["relevance_threshold"] > 0
    n_sent, events = gated.code_article(art)
    assert n_sent == 3 and events == [] and gated.off_topic == 1
    assert not gated.detector.relevant(text.split(". ")) and gated.detector.relevant(text.split(". ")[:2])
    assert Coder(gate=False).off_topic == 0
    politics = Article.make("France imposed new sanctions on Kenya on Monday after the embassy attack.", id="p",
                            date=date(2024, 5, 1))
    assert [e.event for e in gated.code_article(politics)[1]] == ["SANCTION"] and gated.off_topic == 1


def test_a_model_without_a_threshold_codes_every_story():
    det = detector.load()
    saved = det.meta.get("relevance_threshold")
    try:
        story = ["Shares rose after quarterly earnings.", "Revenue grew.", "The stock closed higher."]
        det.meta["relevance_threshold"] = 0.0
        assert det.relevant(story)
        det.meta["relevance_threshold"] = 0.99
        assert not det.relevant(story) and det.relevant(story[:relevance.MIN_SENTENCES - 1])
    finally:
        det.meta["relevance_threshold"] = saved


def test_probability_of_text_without_known_words_is_the_prior():
    model = relevance.Relevance(["embassy"], np.array([1.0]), np.array([2.0]), -1.0)
    assert model.probability("zzz") == pytest.approx(1 / (1 + np.exp(1.0)))
    assert model.probability("embassy") == pytest.approx(1 / (1 + np.exp(-1.0)))


def test_code_says_how_many_stories_it_skipped_and_every_story_codes_them(tmp_path):
    import json

    from click.testing import CliRunner

    from multipolar.cli import main
    from multipolar.pipeline import coder

    story = ("Today in Trinidad and Tobago, the demand for forex outstrips the supply, bankers said. Quarterly "
             "earnings at the largest lender rose 8 percent. Its shares closed 3 percent higher on the exchange.")
    path = tmp_path / "shop.jsonl"
    path.write_text(json.dumps({"id": "forex", "text": story, "date": "2024-05-01"}) + "\n", encoding="utf-8")
    gated = CliRunner().invoke(main, ["code", str(path)])
    assert gated.exit_code == 0 and "1 judged off-topic" in gated.output, gated.output
    every = CliRunner().invoke(main, ["code", str(path), "--every-story"])
    assert every.exit_code == 0 and "off-topic" not in every.output, every.output
    assert coder().gate                               # the flag lasts one command
