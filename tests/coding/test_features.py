"""Features of candidate triggers and of (trigger, mention) pairs (coding/features.py)."""
from multipolar.coding import lexicon
from multipolar.coding.features import is_candidate, named_agent, pair_features, petrarch, token_features
from multipolar.coding.mentions import Mentions
from multipolar.nlp import pipeline


def _parse(text):
    doc = pipeline()(text)
    return doc, Mentions(doc[:], None, text)


def test_petrarch_table_maps_verbs_and_verb_object_pairs_to_plover():
    bare, with_object = petrarch()
    assert bare["condemn"] == "ACCUSE" and len(bare) > 500
    assert any(v == "SANCTION" for (verb, _), v in with_object.items() if verb == "impose")


def test_a_trigger_carries_lexicon_petrarch_and_embedding_features():
    doc, m = _parse("India has resisted calls to condemn Russia over the invasion.")
    condemn = next(t for t in doc if t.lemma_ == "condemn")
    feats = token_features(condemn, lexicon.load(), set(m.by_token), True)
    assert "l=condemn" in feats and "pv=ACCUSE" in feats and "lex=ACCUSE" in feats
    assert any(f.startswith("anc") and "resist" in f for f in feats), feats    # the refusal above it is visible
    assert "objA" in feats


def test_names_are_not_candidates():
    doc, m = _parse("Russia condemned the sanctions.")
    mt = set(m.by_token)
    assert not is_candidate(doc[0], mt) and is_candidate(doc[1], mt)


def test_pair_features_say_side_path_and_voice():
    doc, m = _parse("Ukraine was attacked by Russia.")
    attacked = next(t for t in doc if t.lemma_ == "attack")
    spans = sorted(set(m.by_token.values()), key=lambda s: s[0])
    left = pair_features(attacked, "ASSAULT", *spans[0], len(spans))
    right = pair_features(attacked, "ASSAULT", *spans[1], len(spans))
    assert "side=L" in left and "side=R" in right
    assert any(f.startswith("voice=pass") for f in left)
    assert any(f.startswith("path=") and "agent" in f for f in right), right


def test_pair_features_say_how_the_mention_hangs_on_the_trigger():
    doc, m = _parse("Russia's invasion drew sanctions, and China said Japan had violated the agreement.")
    spans = sorted(set(m.by_token.values()), key=lambda s: s[0])
    invasion = next(t for t in doc if t.lemma_ == "invasion")
    violated = next(t for t in doc if t.lemma_ == "violate")
    russia = pair_features(invasion, "ASSAULT", *spans[0], len(spans))
    assert "att=poss" in russia and "ev_att=ASSAULT|poss" in russia
    china = pair_features(violated, "ACCUSE", *spans[1], len(spans))
    assert "govsubj=say" in china                     # the speaker of the clause that tells the act
    japan = pair_features(violated, "ACCUSE", *spans[2], len(spans))
    assert "att=nsubj" in japan and not any(f.startswith("govsubj") for f in japan)


def test_earlier_mentions_carry_their_dependency_and_whether_they_are_the_root_subject():
    from multipolar.coding.features import earlier_features, mention_spans, sentence_mentions
    doc, m = _parse("Russia massed troops on the border with Ukraine.")
    got = {ref.code: (dep, root) for ref, dep, root in sentence_mentions(doc, mention_spans(m.by_token))}
    assert got["RUS"] == ("nsubj", True) and got["UKR"][1] is False
    later, _ = _parse("It shelled Kharkiv.")
    shelled = next(t for t in later if t.lemma_ == "shell")
    ref = next(r for r, _, _ in sentence_mentions(doc, mention_spans(m.by_token)) if r.code == "RUS")
    feats = earlier_features(shelled, "ASSAULT", 1, "nsubj", True, ref, 1)
    assert {"b=1", "rs=True", "ev=ASSAULT", "subj=True", "pass=False", "bdep=1|nsubj"} <= set(feats)


def test_a_named_agent_is_the_by_phrase_of_a_passive():
    by, _ = _parse("Sanctions were imposed by the European Union.")
    bare, _ = _parse("Sanctions were imposed on Iran.")
    assert named_agent(next(t for t in by if t.lemma_ == "impose"))
    assert not named_agent(next(t for t in bare if t.lemma_ == "impose"))
