"""coding/confidence.py: a logistic score over the coder's evidence."""
from multipolar.coding.confidence import FEATURES, confidence, features


def _f(**kw):
    base = dict(explicit_actor=True, has_recipient=True, syntactic_recipient=True, specific_trigger=False,
                depth=1, modality="asserted", n_tokens=12, event_noun=False)
    return features(**{**base, **kw})


def test_features_cover_the_model():
    assert set(_f()) == set(FEATURES)
    assert _f(depth=9)["depth"] == 4.0 and _f(modality="reported")["uncertain_modality"] == 1.0


def test_score_is_a_probability_and_rewards_a_syntactic_recipient():
    hi, lo = confidence(_f()), confidence(_f(syntactic_recipient=False, has_recipient=False))
    assert 0.0 < lo < hi < 1.0
