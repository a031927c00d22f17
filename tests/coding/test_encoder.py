"""The trigger encoder (coding/encoder.py): word pieces, loading beside a detector, averaging with the linear model
(on an encoder tuned one epoch on the small corpus written here, conftest `tuned`)."""
import json
from pathlib import Path

import numpy as np
import pytest
from safetensors import safe_open

from multipolar import corpus
from multipolar.coding import encoder
from multipolar.coding.detector import ENCODED, MODEL_PATH, Detector, encoder_path, load, roles_path
from multipolar.errors import DataFileError


def test_first_word_piece_of_each_token():
    tok = encoder.tokenizer()
    text = "Kazakhstan reaffirmed its neutrality."
    ids, positions = encoder.piece_positions(tok, text, [(0, 10), (11, 21)])
    pieces = tok.convert_ids_to_tokens(ids)
    assert pieces[0] == "[CLS]" and all(p > 0 for p in positions)
    assert pieces[positions[0]].startswith("kaz") and pieces[positions[1]].startswith("re")
    assert not pieces[positions[1]].startswith("##")


def test_detector_averages_linear_and_encoder_probabilities(tuned):
    det = Detector.load(tuned[0])
    assert det.encoder is not None
    from multipolar.nlp import pipeline
    doc = pipeline()("France imposed new sanctions on Kenya on Monday.")
    [doc] = det.prepare([doc])
    verb = doc[1]
    enc = doc.user_data[ENCODED][verb.i]
    feats = ["l=impose"]
    both = det.probabilities(verb, feats)
    assert np.allclose(both, (det.triggers.probabilities(feats) + enc) / 2, atol=1e-6)
    assert abs(both.sum() - 1) < 1e-4
    # the encoder has learned the corpus's sanctions sentences in one epoch
    assert det.triggers.labels[int(np.argmax(enc))] == "SANCTION"


def test_a_broken_encoder_file_is_a_clear_error(small_model, tmp_path):
    out = tmp_path / "detector.npz"
    out.write_bytes(small_model[0].read_bytes())
    encoder_path(out).write_bytes(b"not safetensors")
    with pytest.raises(DataFileError, match="detector.encoder.safetensors.*multipolar train"):
        Detector.load(out)


def test_the_shipped_model_files_come_from_one_training_on_the_corpus_train_split():
    """`multipolar train` reproduces what ships: the linear models, the trigger encoder and the role encoder all record
    the train split of corpus/ as it is now (a corpus edit without a retraining fails here)."""
    det = load()
    assert det is not None and det.encoder is not None and det.role_encoder is not None
    hashes = {"detector": det.meta["corpus_hash"]}
    for name, path in (("trigger encoder", encoder_path(MODEL_PATH)), ("role encoder", roles_path(MODEL_PATH))):
        with safe_open(str(path), "pt") as f:
            hashes[name] = json.loads(f.metadata()["meta"])["corpus_hash"]
    root = Path(__file__).resolve().parents[2] / "corpus"
    train_split = corpus.corpus_hash(corpus.split(corpus.read_passages(root), "train"))
    assert set(hashes.values()) == {train_split}, (hashes, train_split, "retrain: make train")
