"""The sentence-type head (coding/sentence_types.py): fitting, storing it in the encoder file, and the detector's use
of it (a type the sentence tells with no trigger found is told by the likeliest candidate)."""
import numpy as np
import pytest

from multipolar.coding import detector as detector_mod
from multipolar.coding import encoder, lexicon, sentence_types
from multipolar.coding.detector import SENTENCE_TYPES, Detector, encoder_path, load
from multipolar.nlp import pipeline
from multipolar.ontology import EVENT_TYPES


def test_fit_learns_each_type_and_folds_the_scaling_into_the_weights():
    rng = np.random.default_rng(0)
    x = rng.normal(3.0, 5.0, size=(400, 6))             # far from standard: the scaling must be folded in
    told = [({"ASSAULT"} if row[0] > 3 else set()) | ({"AGREE"} if row[1] + row[2] > 6 else set()) for row in x]
    types, w, b = sentence_types.fit(x, told)
    assert types == ["AGREE", "ASSAULT"]                 # a type no sentence tells gets no row
    p = 1 / (1 + np.exp(-(x @ w.T + b)))
    truth = np.array([[t in s for t in types] for s in told])
    assert ((p >= 0.5) == truth).mean() > 0.9


def test_the_tuned_encoder_carries_its_head(tuned):
    det = Detector.load(tuned[0])
    assert det.encoder.sentence_types and set(det.encoder.sentence_types) <= set(EVENT_TYPES)
    [doc] = det.prepare([pipeline()("France imposed new sanctions on Kenya on Monday.")])
    told = doc.user_data[SENTENCE_TYPES]
    assert set(told) == set(det.encoder.sentence_types) and all(0 <= p <= 1 for p in told.values())


def test_an_encoder_file_without_a_head_reads_no_sentence_types(tmp_path):
    model = encoder.build(["O", "ASSAULT"])
    path = encoder.save(model, ["O", "ASSAULT"], tmp_path / "e.safetensors", {}, ["ASSAULT"])
    enc = encoder.TriggerEncoder.load(path)
    assert enc.sentence_types == []                      # types without a `sentence` layer are not written
    [(rows, told)] = enc.read([("Troops shelled the town.", [(7, 14)])])
    assert rows.shape == (1, 2) and told is None


def test_the_shipped_head_reads_all_sixteen_types():
    det = load()
    assert det.encoder.sentence_types == sorted(EVENT_TYPES)
    nlp = pipeline()
    war, business = det.prepare([nlp("Russian forces shelled Kharkiv overnight, killing three civilians."),
                                 nlp("The company reported higher quarterly profits on strong demand for chips.")])
    assert war.user_data[SENTENCE_TYPES]["ASSAULT"] >= 0.7 > war.user_data[SENTENCE_TYPES]["SANCTION"]
    assert max(business.user_data[SENTENCE_TYPES].values()) < 0.5


@pytest.fixture
def marched():
    det = load()
    [doc] = det.prepare([pipeline()("Thousands of students marched through the capital on Sunday.")])
    return det, doc, {d.token.i: d for d in det.detect(doc[:], lexicon.load(), set())}


def test_a_type_the_sentence_tells_is_told_by_its_likeliest_candidate(marched):
    det, doc, by_i = marched
    doc.user_data[SENTENCE_TYPES] = {"PROTEST": 0.95}
    [(token, trigger)] = det.told_by_sentence(doc[:], by_i, [])
    assert token.text == "marched" and trigger.event == "PROTEST"


def test_nothing_is_added_for_a_type_found_or_a_sentence_unsure(marched, monkeypatch):
    det, doc, by_i = marched
    doc.user_data[SENTENCE_TYPES] = {"PROTEST": 0.95}
    found = [(doc[3], det.trigger(by_i[3]))]
    assert found[0][1].event == "PROTEST" and det.told_by_sentence(doc[:], by_i, found) == []
    doc.user_data[SENTENCE_TYPES] = {"PROTEST": 0.6}
    assert det.told_by_sentence(doc[:], by_i, []) == []
    doc.user_data[SENTENCE_TYPES] = {"PROTEST": 0.95}
    monkeypatch.setattr(detector_mod, "SENTENCE_JOINT", 1.01)       # the token alone must also be likely enough
    assert det.told_by_sentence(doc[:], by_i, []) == []
