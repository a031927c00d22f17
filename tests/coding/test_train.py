"""Training the detector (coding/train.py) on a corpus written here."""
import numpy as np
import pytest

from multipolar.coding import train
from multipolar.coding.detector import Detector
from multipolar.errors import InputError


def test_training_writes_a_loadable_model_with_its_corpus_hash(small_model):
    path, meta = small_model
    det = Detector.load(path)
    assert det.meta["corpus_hash"] == meta["corpus_hash"] and len(meta["corpus_hash"]) == 16
    assert meta["positives"] > 0 and meta["examples"] > meta["positives"]
    assert det.roles is not None and set(det.roles.labels) >= {"actor", "recipient"}


def test_training_is_deterministic(small_corpus, small_model, tmp_path):
    again = tmp_path / "again.npz"
    train.train(small_corpus, out=again)
    a, b = np.load(small_model[0]), np.load(again)
    assert list(a["det_features"]) == list(b["det_features"])
    assert np.array_equal(a["det_weights"], b["det_weights"])


def test_fraction_learns_from_fewer_passages(small_corpus, tmp_path):
    meta = train.train(small_corpus, fraction=0.25, out=tmp_path / "quarter.npz")
    full = train.train(small_corpus, out=tmp_path / "full.npz")
    assert meta["passages"] < full["passages"]


def test_trigger_alignment_finds_the_annotated_word():
    from multipolar.nlp import pipeline
    doc = pipeline()("France imposed new sanctions on Kenya on Monday.")
    tok = train._trigger_token(doc, doc.text, "imposed new sanctions", set())
    assert tok is not None and tok.text == "imposed"
    assert train._trigger_token(doc, doc.text, "vetoed", set()) is None


def test_a_trigger_whose_actor_was_named_before_trains_the_role_encoder_on_both_sentences():
    from multipolar.coding.features import mention_spans
    from multipolar.coding.mentions import Mentions
    from multipolar.nlp import pipeline
    nlp = pipeline()
    before, doc = nlp("Russia massed troops near Ukraine."), nlp("On Monday they shelled Kharkiv in Ukraine.")
    spans = mention_spans(Mentions(before[:], None, before.text).by_token)
    here = mention_spans(Mentions(doc[:], None, doc.text).by_token)
    tok = next(t for t in doc if t.lemma_ == "shell")
    text, trigger, event, pairs = train._window_item((before, spans), doc, tok,
                                                     {"event": "ASSAULT", "actor": ["RUS"], "recipient": ["UKR"]}, here)
    assert text == before.text + " " + doc.text and text[trigger[0]:trigger[1]] == "shelled" and event == "ASSAULT"
    labelled = [(text[a:b], label) for (a, b), label in pairs]
    assert labelled[0] == ("Russia", "actor") and ("Ukraine", "recipient") in labelled
    assert len(pairs) == len(spans) + len(here)


def test_an_empty_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="annotated"):
        train.train(tmp_path)


def test_training_learns_the_earlier_actor_part_when_the_corpus_has_examples(small_model):
    z = np.load(small_model[0])
    # the small corpus names every actor in its own sentence: no earlier-actor examples, so no part; the
    # shipped model, trained on real passages, has one
    assert ("ctx_labels" in z) == (Detector.load(small_model[0]).earlier is not None)
    from multipolar.coding import detector
    shipped = detector.load()
    assert shipped is not None and shipped.earlier is not None and set(shipped.earlier.labels) == {"actor", "none"}


def test_tuning_keeps_the_dev_score_of_every_add_threshold_tried(small_corpus, small_model, tmp_path):
    import shutil
    path = tmp_path / "detector.npz"
    shutil.copy(small_model[0], path)
    best = train.tune(small_corpus, path)
    assert list(best["add_grid"]) == [str(a) for a in train.ADD_GRID]
    chosen = best["add_grid"][str(best["add_threshold"])]
    assert chosen >= max(best["add_grid"].values()) - train.TIE
    assert Detector.load(path).meta["dev_strict_f1_by_add"] == best["add_grid"]
    confirms = best["confirm_grid"]                                  # at the chosen add threshold
    assert list(confirms) == [str(c) for c in train.CONFIRM_GRID] and chosen == max(confirms.values())
    assert confirms[str(best["confirm_threshold"])] >= chosen - train.CONFIRM_TIE
    assert all(f < chosen - train.CONFIRM_TIE for c, f in confirms.items()
               if float(c) < best["confirm_threshold"])                 # the least demanding within its tie
    assert Detector.load(path).meta["confirm_threshold"] == best["confirm_threshold"]
    assert list(best["gate_grid"]) == [str(g) for g in train.GATE_GRID]       # the story gate's search, kept too
    assert best["gate_grid"][str(best["relevance_threshold"])] >= best["gate_grid"]["0.0"] - train.GATE_TIE
    assert all(f < best["gate_grid"]["0.0"] - train.GATE_TIE for g, f in best["gate_grid"].items()
               if float(g) > best["relevance_threshold"])                  # the most demanding within the tie
    assert Detector.load(path).meta["dev_strict_f1_by_gate"] == best["gate_grid"]


def test_tuning_searches_every_story_whatever_gate_the_model_carries(small_corpus, small_model, tmp_path, monkeypatch):
    """A model tuned before carries a story gate in its meta; the threshold search must not skip stories by it
    (the gate is chosen after, on the ungated output)."""
    import shutil
    from multipolar.coding import coder as coder_mod
    path = tmp_path / "detector.npz"
    shutil.copy(small_model[0], path)
    train._update_meta(path, {"relevance_threshold": 0.99})
    gates = []
    real_init = coder_mod.Coder.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        gates.append(self.gate)
    monkeypatch.setattr(coder_mod.Coder, "__init__", spy)
    train.tune(small_corpus, path)
    assert gates == [False]
