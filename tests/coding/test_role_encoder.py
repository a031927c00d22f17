"""The role encoder (coding/role_encoder.py): the marked trigger, loading beside a detector, averaging with the linear
role model, and overruling the parse (on encoders tuned one epoch on the small corpus written here, conftest `tuned`)."""
import numpy as np
import pytest

from multipolar.coding import encoder, role_encoder
from multipolar.coding.detector import ROLES, Detector, roles_path
from multipolar.errors import DataFileError


def test_the_trigger_pieces_carry_segment_one_and_mentions_point_at_their_first_piece():
    tok = encoder.tokenizer()
    text = "Kazakhstan reaffirmed its neutrality toward Russia."
    ids, types, trig, firsts, ev = role_encoder.item(tok, text, (11, 21), [(0, 10), (44, 50)], "CONSULT")
    pieces = tok.convert_ids_to_tokens(ids)
    marked = [p for p, t in zip(pieces, types) if t == 1]
    assert "".join(m.removeprefix("##") for m in marked) == "reaffirmed"
    assert pieces[trig] == marked[0]
    assert pieces[firsts[0]].startswith("kaz") and pieces[firsts[1]] == "russia"
    assert role_encoder.EVENTS[ev] == "CONSULT"


def test_a_trigger_past_the_cut_gives_no_item():
    tok = encoder.tokenizer()
    text = "word " * 200 + "France condemned Chile."
    at = text.index("condemned")
    assert role_encoder.item(tok, text, (at, at + 9), [(0, 4)], "ACCUSE") is None


def test_only_the_tuned_parts_are_shipped(tuned):
    from safetensors import safe_open
    with safe_open(str(roles_path(tuned[0])), framework="pt") as f:
        names = list(f.keys())
    assert "enc.embeddings.token_type_embeddings.weight" in names and "head.weight" in names
    first = 6 - role_encoder.TUNED_LAYERS            # MiniLM-L6: the lower layers come from the base package
    assert not any(n.startswith((f"enc.encoder.layer.{first - 1}.", "enc.embeddings.word_embeddings")) for n in names)
    assert all(any(n.startswith(f"enc.encoder.layer.{k}.") for n in names) for k in range(first, 6))
    assert roles_path(tuned[0]).stat().st_size < 20_000_000


def test_the_shipped_learned_files_stay_under_fifty_megabytes():
    from multipolar.coding.detector import MODEL_PATH, encoder_path
    shipped = [MODEL_PATH, encoder_path(MODEL_PATH), roles_path(MODEL_PATH)]
    assert sum(p.stat().st_size for p in shipped) < 50_000_000


def test_the_detector_averages_the_linear_and_encoder_role_probabilities(tuned):
    det = Detector.load(tuned[0])
    assert det.role_encoder is not None
    from multipolar.coding.mentions import Mentions
    from multipolar.nlp import pipeline
    doc = pipeline()("France imposed new sanctions on Kenya on Monday.")
    mentions = Mentions(doc[:], None, doc.text)
    scored = det._scored(doc[1], "SANCTION", mentions.by_token)
    assert [ref.code for ref, _, _ in scored] == ["FRA", "KEN"]
    assert all(abs(p.sum() - 1) < 1e-4 for _, _, p in scored)
    assert doc.user_data[ROLES][(id(det), 1, "SANCTION")] is scored          # read once per trigger and type
    actor, recipient = det.roles.labels.index("actor"), det.roles.labels.index("recipient")
    assert scored[0][2][actor] > scored[1][2][actor] and scored[1][2][recipient] > scored[0][2][recipient]


def test_overruling_names_the_likelier_mention_and_leaves_a_choice_it_cannot_see(tuned):
    det = Detector.load(tuned[0])
    from multipolar.coding.mentions import Mentions
    from multipolar.nlp import pipeline
    doc = pipeline()("France imposed new sanctions on Kenya on Monday.")
    mentions = Mentions(doc[:], None, doc.text)
    france, kenya = sorted({m[2] for m in mentions.by_token.values()}, key=lambda r: r.code != "FRA")
    assert det.overrule(doc[1], "SANCTION", mentions.by_token, "actor", [kenya], 0.5, 0.5) == [france]
    assert det.overrule(doc[1], "SANCTION", mentions.by_token, "actor", [france], 0.5, 0.5) is None
    from multipolar.model import ActorRef
    elsewhere = ActorRef(code="CHL", text="it", name="Chile", sector="", kind="state")
    assert det.overrule(doc[1], "SANCTION", mentions.by_token, "actor", [elsewhere], 0.5, 0.5) is None


def test_a_broken_role_encoder_file_is_a_clear_error(tuned, tmp_path):
    out = tmp_path / "detector.npz"
    out.write_bytes(tuned[0].read_bytes())
    roles_path(out).write_bytes(b"not safetensors")
    with pytest.raises(DataFileError, match="detector.roles.safetensors.*multipolar train"):
        Detector.load(out)


def test_probabilities_for_a_sentence_without_mentions_or_a_known_type():
    class Unused:
        def __call__(self, *a, **k):
            raise AssertionError("no model call expected")
    enc = role_encoder.RoleEncoder(Unused(), encoder.tokenizer())
    assert enc.probabilities("Rain fell.", (0, 4), [], "ACCUSE").shape == (0, 3)
    out = enc.probabilities("France condemned Chile.", (7, 16), [(0, 6)], "NOT_A_TYPE")
    assert np.allclose(out, [[1.0, 0.0, 0.0]])


def test_roles_read_in_one_batch_match_those_read_one_trigger_at_a_time(tuned):
    from multipolar.coding.mentions import Mentions
    from multipolar.nlp import pipeline
    texts = ["France imposed new sanctions on Kenya on Monday.",
             "Chile and Peru signed a trade pact, and Bolivia criticised Chile for it."]
    alone, batched = Detector.load(tuned[0]), Detector.load(tuned[0])
    asks = []
    for text in texts:
        doc = pipeline()(text)
        by_token = Mentions(doc[:], None, doc.text).by_token
        asks.append((by_token, [(t, "ACCUSE") for t in doc if t.pos_ == "VERB"]))
    batched.prepare_roles(asks)
    calls = []
    batched.role_encoder.probabilities = lambda *a: calls.append(a)    # every answer must come from the batch
    for by_token, pairs in asks:
        for trigger, event in pairs:
            one = alone._scored(trigger, event, by_token)
            many = batched._scored(trigger, event, by_token)
            assert [r.code for r, _, _ in one] == [r.code for r, _, _ in many]
            assert all(np.allclose(p, q, atol=1e-4) for (_, _, p), (_, _, q) in zip(one, many))
    assert not calls and len(asks[1][1]) >= 2
