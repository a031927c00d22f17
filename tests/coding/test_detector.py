"""The learned detector (coding/detector.py) and its use by the coder."""
from datetime import date

import numpy as np
import pytest

from multipolar.coding import detector
from multipolar.coding.coder import Coder
from multipolar.coding.detector import Detector, LinearModel
from multipolar.errors import DataFileError
from multipolar.model import Article


def test_linear_model_probabilities_sum_to_one():
    m = LinearModel(["O", "ACCUSE"], ["a", "b"], np.array([[1.0, -1.0], [0.0, 2.0]]), np.zeros(2))
    p = m.probabilities(["b", "unknown"])
    assert abs(p.sum() - 1) < 1e-6 and p[1] > p[0]


def test_the_detector_finds_a_trained_trigger(small_model):
    path, _ = small_model
    coder = Coder(mode="model", model_path=str(path))
    evs = coder.code_article(Article.make("Chile condemned Egypt over the attack on its embassy.", id="x",
                                          date=date(2024, 5, 1)))[1]
    assert [(e.event, [a.code for a in e.actor]) for e in evs] == [("ACCUSE", ["CHL"])]
    assert dict(evs[0].features)["detector"] > 0.5


def test_modes_differ_only_in_where_triggers_come_from(small_model):
    path, _ = small_model
    rules = Coder(mode="rules", model_path=str(path))
    assert rules.detector is None and rules.mode == "rules"
    with pytest.raises(ValueError, match="unknown coder mode"):
        Coder(mode="magic")


def test_a_corrupt_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "detector.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(DataFileError, match="multipolar train"):
        Detector.load(bad)


def test_the_shipped_model_loads_with_its_thresholds():
    det = detector.load()
    if det is None:
        pytest.skip("no trained model shipped (coding/data/detector.npz); run `make train`")
    assert 0 < det.meta["add_threshold"] <= 1 and det.meta["corpus_hash"]


def _role_detector(weights: dict[str, tuple[float, float, float]]) -> Detector:
    """A detector whose role model is written by hand: feature -> (actor, none, recipient) weights."""
    names = list(weights)
    roles = LinearModel(["actor", "none", "recipient"], names, np.array([weights[n] for n in names]), np.zeros(3))
    trig = LinearModel(["O", "ASSAULT"], ["x"], np.zeros((1, 2)), np.zeros(2))
    return Detector(trig, roles, {}, {"add_threshold": 0.5})


def _parsed(text):
    from multipolar.coding.mentions import Mentions
    from multipolar.nlp import pipeline
    doc = pipeline()(text)
    return doc, Mentions(doc[:], None, text)


def test_learned_recipient_is_the_likeliest_non_actor_above_the_bar():
    doc, m = _parsed("France shelled positions held by Mali near the Algerian border.")
    shelled = next(t for t in doc if t.lemma_ == "shell")
    # the border's demonym would be the likeliest recipient, were it not excluded
    det = _role_detector({"side=R": (0.0, 0.0, 3.0), "side=L": (3.0, 0.0, 0.0), "dep=amod": (0.0, 0.0, 1.0)})
    got = det.learned_recipients(shelled, "ASSAULT", m.by_token, {"FRA"}, 0.5)
    assert [r.code for r in got] == ["MLI"]            # "the Algerian border" locates, it names no counterpart
    assert det.learned_recipients(shelled, "ASSAULT", m.by_token, {"FRA", "MLI"}, 0.5) == []
    assert det.learned_recipients(shelled, "ASSAULT", m.by_token, {"FRA"}, 0.99) == []


def test_the_likeliest_actor_fills_in_only_above_the_floor():
    doc, m = _parsed("The offensive of Russia against Ukraine resumed.")
    offensive = next(t for t in doc if t.lemma_ == "offensive")
    sure = _role_detector({"att=prep(of)": (2.0, 0.0, 1.5), "dist=R1": (0.0, 0.5, 0.0)})
    assert [a.code for a in sure.learned_actors(offensive, "ASSAULT", m.by_token)] == ["RUS"]
    unsure = _role_detector({"side=R": (0.0, 3.0, 0.0)})
    assert unsure.learned_actors(offensive, "ASSAULT", m.by_token) == []


def _earlier_detector(weights: dict[str, tuple[float, float]]) -> Detector:
    """A detector whose earlier-actor model is written by hand: feature -> (actor, none) weights."""
    names = list(weights)
    earlier = LinearModel(["actor", "none"], names, np.array([weights[n] for n in names]), np.zeros(2))
    trig = LinearModel(["O", "ASSAULT"], ["x"], np.zeros((1, 2)), np.zeros(2))
    return Detector(trig, None, {}, {"add_threshold": 0.5}, earlier=earlier)


def test_the_earlier_actor_is_the_likeliest_of_the_two_sentences_before_above_its_floor():
    from multipolar.coding.context import Context
    from multipolar.coding.features import mention_spans
    first, m1 = _parsed("Russia massed troops on the border with Ukraine.")
    second, m2 = _parsed("Kenya voted against the resolution.")
    history = [(first, mention_spans(m1.by_token)), (second, mention_spans(m2.by_token))]
    doc, _ = _parsed("On Monday it shelled the city of Kharkiv.")
    shelled = next(t for t in doc if t.lemma_ == "shell")
    # the root subject two sentences back is the actor; the subject one sentence back only a little likely
    det = _earlier_detector({"rs=True": (1.0, 0.0), "b=2": (2.0, 0.0), "b=1": (0.0, 1.0)})
    assert [r.code for r in det.earlier_actor(shelled, "ASSAULT", Context(named=history), [])] == ["RUS"]
    assert det.earlier_actor(shelled, "ASSAULT", Context(named=history[1:]), []) == []   # RUS out of reach
    passive, _ = _parsed("On Monday the city was shelled.")
    was_shelled = next(t for t in passive if t.lemma_ == "shell")
    assert [r.code for r in det.earlier_actor(was_shelled, "ASSAULT", Context(named=history), [])] == ["RUS"]
    by_agent, _ = _parsed("On Monday the city was shelled by its own garrison.")
    shelled_by = next(t for t in by_agent if t.lemma_ == "shell")
    assert det.earlier_actor(shelled_by, "ASSAULT", Context(named=history), []) == []   # the parse names the doer
    no_model = _role_detector({"x": (0.0, 0.0, 0.0)})
    assert no_model.earlier_actor(shelled, "ASSAULT", Context(named=history), []) == []


class _AskedRoleEncoder:
    """A role encoder that records what it is asked and answers fixed (none, actor, recipient) rows."""

    def __init__(self, rows):
        self.rows, self.asked = rows, []

    def probabilities(self, text, trigger, mentions, event):
        self.asked.append((text, trigger, mentions, event))
        return np.array(self.rows[:len(mentions)], dtype=np.float32)


def test_the_role_encoder_reads_the_sentence_before_with_this_one_for_an_earlier_actor():
    from multipolar.coding.context import Context
    from multipolar.coding.features import mention_spans
    before, m1 = _parsed("Russia and Belarus held drills near Ukraine.")
    doc, m2 = _parsed("On Monday troops shelled Kharkiv in Ukraine.")
    shelled = next(t for t in doc if t.lemma_ == "shell")
    spans, here = mention_spans(m1.by_token), mention_spans(m2.by_token)
    # rows: Russia, Belarus, Ukraine (before), then this sentence's own mentions (read as rivals, never chosen)
    enc = _AskedRoleEncoder([[0.2, 0.75, 0.05], [0.6, 0.3, 0.1], [0.5, 0.1, 0.4]] + [[0.0, 0.99, 0.01]] * 3)
    det = _earlier_detector({"b=1": (0.0, 5.0)})        # the linear model would never name anyone
    det.role_encoder = enc
    ctx = Context(named=[(before, spans)])
    assert [r.code for r in det.earlier_actor(shelled, "ASSAULT", ctx, here)] == ["RUS"]
    text, trigger, mentions, event = enc.asked[0]
    assert text == before.text + " " + doc.text and text[trigger[0]:trigger[1]] == "shelled" and event == "ASSAULT"
    assert [text[a:b] for a, b in mentions] == ["Russia", "Belarus", "Ukraine", "Kharkiv", "Ukraine"][:len(mentions)]
    assert len(mentions) == len(spans) + len(here)
    det.earlier_actor(shelled, "ASSAULT", ctx, here)
    assert len(enc.asked) == 1                          # the same window is read once per sentence
    enc.rows[0] = [0.5, 0.45, 0.05]                     # below WINDOW_FLOOR: no guess
    doc, m2 = _parsed("On Monday troops shelled Kharkiv in Ukraine.")
    shelled = next(t for t in doc if t.lemma_ == "shell")
    assert det.earlier_actor(shelled, "ASSAULT", ctx, mention_spans(m2.by_token)) == []
    long_before, m3 = _parsed(" ".join(["Russia praised Belarus."] * 40))
    ctx_long = Context(named=[(long_before, mention_spans(m3.by_token))])
    asked = len(enc.asked)
    assert det.earlier_actor(shelled, "ASSAULT", ctx_long, here) == [] and len(enc.asked) == asked   # too long


def test_an_agentless_passive_may_take_a_learned_actor_but_never_its_subject():
    doc, m = _parsed("Russian soldiers were detained in Ukraine.")
    detained = next(t for t in doc if t.lemma_ == "detain")
    # the model would rather take the subject, on the left, but in a passive the subject undergoes the act
    det = _role_detector({"side=L": (3.0, 0.0, 0.0), "side=R": (2.0, 0.0, 0.0)})
    assert [a.code for a in det.learned_actors(detained, "COERCE", m.by_token)] == ["UKR"]
    doc, m = _parsed("Russian soldiers were detained by Ukraine.")
    detained = next(t for t in doc if t.lemma_ == "detain")
    assert det.learned_actors(detained, "COERCE", m.by_token) == []     # the doer is named: the parse's to give


def test_no_learned_actor_inside_the_target_phrase_of_an_attack_noun():
    doc, m = _parsed("The shelling of Ukraine resumed.")
    shelling = next(t for t in doc if t.lemma_ == "shelling")
    sure = _role_detector({"att=prep(of)": (2.0, 0.0, 1.5), "dist=R1": (0.0, 0.5, 0.0)})
    assert [a.code for a in sure.learned_actors(shelling, "ASSAULT", m.by_token)] == []
    assert [a.code for a in sure.learned_actors(shelling, "CONSULT", m.by_token)] == ["UKR"]   # not a target


def test_the_recipient_may_come_from_the_sentence_before_but_never_an_actor():
    from multipolar.coding.context import Context
    from multipolar.coding.features import mention_spans
    before, m1 = _parsed("Russia and Belarus held drills near Ukraine.")
    doc, m2 = _parsed("On Monday Belarus shelled the city.")
    shelled = next(t for t in doc if t.lemma_ == "shell")
    # rows: Russia, Belarus, Ukraine (before), then Belarus (this sentence)
    enc = _AskedRoleEncoder([[0.1, 0.1, 0.8], [0.05, 0.05, 0.9], [0.2, 0.05, 0.75], [0.1, 0.1, 0.8]])
    det = _role_detector({"side=L": (3.0, 0.0, 0.0)})
    det.role_encoder = enc
    ctx = Context(named=[(before, mention_spans(m1.by_token))])
    # nothing in the sentence is sure enough; Belarus acts, so the likeliest other mention before is the recipient
    got = det.learned_recipients(shelled, "ASSAULT", m2.by_token, {"BLR"}, 0.99, ctx)
    assert [r.code for r in got] == ["RUS"]
    assert det.learned_recipients(shelled, "ASSAULT", m2.by_token, {"BLR"}, 0.99) == []     # no sentence before


def test_role_probabilities_blend_the_linear_model_and_the_role_encoder_by_its_weight(monkeypatch):
    doc, m = _parsed("France shelled positions held by Mali.")
    shelled = next(t for t in doc if t.lemma_ == "shell")
    det = _role_detector({"side=L": (3.0, 0.0, 0.0)})       # the linear model: the left mention acts
    linear = [p for _, _, p in det._scored(shelled, "ASSAULT", m.by_token)]
    # the encoder's rows are (none, actor, recipient): it names Mali the actor with certainty
    det.role_encoder = _AskedRoleEncoder([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    actor = det.roles.labels.index("actor")
    for w in (0.5, 0.8):
        monkeypatch.setattr(detector, "ROLE_ENCODER_WEIGHT", w)
        doc.user_data.clear()                                 # the blend is cached per Doc
        blended = [p for _, _, p in det._scored(shelled, "ASSAULT", m.by_token)]
        assert blended[1][actor] == pytest.approx((1 - w) * linear[1][actor] + w)
    assert [a.code for a in det.learned_actors(shelled, "ASSAULT", m.by_token)] == ["MLI"]


def _merged(mode: str, meta: dict, detections: dict[str, dict[str, float]], rules: dict[str, str]):
    """detector.merge over one parsed sentence with the detector's type probabilities per word written by hand."""
    from multipolar.coding.detector import Detection
    from multipolar.coding.lexicon import Trigger
    labels = ["O", "ACCUSE", "SANCTION"]
    doc, _ = _parsed("Chile condemned Egypt and withdrew its ambassador.")
    det = Detector(LinearModel(labels, ["x"], np.zeros((1, 3)), np.zeros(3)), None, {}, meta)
    word = {t.text: t for t in doc}

    def detection(w, by_type):
        dist = np.array([1.0 - sum(by_type.values())] + [by_type.get(lab, 0.0) for lab in labels[1:]])
        best = max(by_type, key=by_type.get)
        return Detection(word[w], best, by_type[best], float(dist[0]), dist)
    det.detect = lambda sent, lexicon, mentions: [detection(w, p) for w, p in detections.items()]
    found = [(word[w], Trigger(word[w].lemma_, None, frozenset(), event, "rule-mode", (), "normal"))
             for w, event in rules.items()]
    kept, _ = det.merge(mode, doc[:], None, set(), found)
    return sorted((v.text, t.event, t.mode) for v, t in kept)


def test_the_detector_confirms_lexicon_triggers_it_finds_likely_enough_and_adds_its_own():
    meta = {"add_threshold": 0.5, "confirm_threshold": 0.1}
    seen = {"condemned": {"ACCUSE": 0.2}, "withdrew": {"ACCUSE": 0.3, "SANCTION": 0.15},
            "ambassador": {"ACCUSE": 0.05}}
    rules = {"condemned": "ACCUSE", "withdrew": "SANCTION", "ambassador": "ACCUSE"}
    # below the add bar: "condemned" and "withdrew" keep the lexicon's type and entry, the detector giving it at
    # least the confirm bar (even where another type is likelier); "ambassador" is too unlikely
    assert _merged("combined", meta, seen, rules) == [("condemned", "ACCUSE", "rule-mode"),
                                                      ("withdrew", "SANCTION", "rule-mode")]
    assert _merged("model", meta, seen, rules) == []                 # the model alone keeps no lexicon trigger
    sure = {**seen, "withdrew": {"ACCUSE": 0.8, "SANCTION": 0.15}}
    got = _merged("combined", meta, sure, rules)                      # a sure detection takes its own type
    assert ("withdrew", "ACCUSE", None) in got and ("withdrew", "SANCTION", "rule-mode") not in got
