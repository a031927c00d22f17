"""Fine-tuning the trigger encoder (coding/train_encoder.py) through `train.train(..., encoder_epochs=N)`."""
from multipolar.coding import encoder, train
from multipolar.coding.detector import Detector, encoder_path


def test_training_writes_an_encoder_beside_the_detector_without_the_frozen_table(tuned):
    path, meta = tuned
    beside = encoder_path(path)
    assert beside.name == "detector.encoder.safetensors" and beside.exists()
    assert meta["encoder_epochs"] == 1
    from safetensors import safe_open
    with safe_open(str(beside), framework="pt") as f:
        names = list(f.keys())
    assert names and not any(encoder.FROZEN in n for n in names)
    assert beside.stat().st_size < 30_000_000


def test_retraining_without_the_encoder_removes_a_stale_one(small_corpus, tuned, tmp_path):
    out = tmp_path / "detector.npz"
    encoder_path(out).write_bytes(encoder_path(tuned[0]).read_bytes())
    train.train(small_corpus, out=out, encoder_epochs=0)
    assert not encoder_path(out).exists() and Detector.load(out).encoder is None


def test_fine_tuning_is_deterministic(small_corpus, tuned, tmp_path):
    """Seeded and with deterministic kernels the weights come out the same; bit-identical in most runs, but MKL's
    matrix kernels may round the last bits differently with memory alignment, so compare up to that."""
    import numpy as np
    from safetensors.numpy import load_file
    out = tmp_path / "detector.npz"
    train.train(small_corpus, out=out, encoder_epochs=1)
    a, b = load_file(str(encoder_path(out))), load_file(str(encoder_path(tuned[0])))
    assert a.keys() == b.keys()
    assert all(np.allclose(a[k].astype(np.float32), b[k].astype(np.float32), atol=1e-2) for k in a)
