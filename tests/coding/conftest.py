"""A small annotated corpus written here, for the training and detector tests."""
import json

import pytest

_TEMPLATES = [
    ("{a} condemned {b} over the attack on its embassy.", "ACCUSE", "condemned", True),
    ("{a} sharply criticised {b} for the border closure.", "ACCUSE", "criticised", True),
    ("{a} imposed new sanctions on {b} on Monday.", "SANCTION", "imposed", True),
    ("Officials from {a} met their counterparts from {b} in Geneva.", "CONSULT", "met", False),
    ("{a} shelled towns in {b} overnight, officials said.", "ASSAULT", "shelled", True),
    ("Heavy rain flooded the capital of {a} on Tuesday.", None, None, False),
    ("The central bank of {a} kept interest rates unchanged.", None, None, False),
]
_STATES = [("France", "FRA"), ("Germany", "DEU"), ("Japan", "JPN"), ("Brazil", "BRA"), ("Kenya", "KEN"),
           ("India", "IND"), ("Chile", "CHL"), ("Egypt", "EGY")]


def make_corpus(root, n=48):
    (root / "annotated").mkdir(parents=True)
    with open(root / "annotated" / "written.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            sents = []
            for k in range(2):
                text, event, trig, directed = _TEMPLATES[(i + 3 * k) % len(_TEMPLATES)]
                (a, ac), (b, bc) = _STATES[(i + k) % len(_STATES)], _STATES[(i + k + 3) % len(_STATES)]
                evs = []
                if event:
                    evs = [{"event": event, "actor": [ac] if directed else [ac, bc],
                            "recipient": [bc] if directed else [], "mode": None, "context": [],
                            "modality": "asserted", "trigger": trig}]
                sents.append({"text": text.format(a=a, b=b), "events": evs})
            f.write(json.dumps({"doc": f"written-{i}", "source": "written", "date": "2024-05-01",
                                "sentences": sents}) + "\n")
    return root


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def small_model(small_corpus, tmp_path_factory):
    from multipolar.coding import train
    out = tmp_path_factory.mktemp("model") / "detector.npz"
    meta = train.train(small_corpus, out=out)
    return out, meta


@pytest.fixture(scope="session")
def tuned(small_corpus, tmp_path_factory):
    """A detector with a trigger encoder and a role encoder fine-tuned for one epoch each on the small corpus."""
    from multipolar.coding import train
    out = tmp_path_factory.mktemp("encoded") / "detector.npz"
    meta = train.train(small_corpus, out=out, encoder_epochs=1, role_epochs=1)
    return out, meta
