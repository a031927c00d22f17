"""The annotated corpus (corpus.py): splits by document, gold documents, hash; the repository's corpus itself."""
from pathlib import Path

from multipolar import corpus

REPO_CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_split_is_stable_and_covers_all_three():
    names = [corpus.split_of(f"doc-{i}") for i in range(1000)]
    assert names == [corpus.split_of(f"doc-{i}") for i in range(1000)]
    share = {s: names.count(s) / 1000 for s in corpus.SPLITS}
    assert 0.2 <= share["test"] <= 0.3 and 0.5 <= share["train"] <= 0.7


def test_gold_doc_counts_a_happening_once():
    p = {"doc": "x", "date": None, "source": "web", "sentences": [
        {"text": "A met B.", "events": [{"event": "CONSULT", "actor": ["USA"], "recipient": ["CHN"]}]},
        {"text": "They met.", "events": [{"event": "CONSULT", "actor": ["USA"], "recipient": ["CHN"]}]}]}
    d = corpus.gold_doc(p)
    assert d["text"] == "A met B. They met." and len(d["events"]) == 1


def test_the_repository_corpus_is_valid_and_large_enough():
    from multipolar.ontology import EVENT_TYPES
    ps = corpus.read_passages(REPO_CORPUS)
    n = sum(len(p["sentences"]) for p in ps)
    assert n >= 3000, f"{n} sentences"
    for p in ps:
        for s in p["sentences"]:
            for ev in s["events"]:
                assert ev["event"] in EVENT_TYPES, p["_file"]
                assert ev.get("trigger") is None or ev["trigger"] in s["text"] or \
                    ev["trigger"].lower() in s["text"].lower(), p["_file"]
    modern = sum(len(p["sentences"]) for p in ps if p["source"] == "web")
    assert modern / n >= 1 / 3, f"modern share {modern / n:.2f}"


def test_no_page_shares_sentences_across_splits():
    """Two excerpts of one page in different splits would leak test text into training (short sentences too)."""
    by_url: dict[str, list[dict]] = {}
    for p in corpus.read_passages(REPO_CORPUS, include_double=False):
        if p["source"] == "web":
            by_url.setdefault(p["url"], []).append(p)
    leaks = []
    for url, ps in by_url.items():
        for a in ps:
            for b in ps:
                if corpus.split_of(a["doc"]) < corpus.split_of(b["doc"]) and \
                        {s["text"] for s in a["sentences"]} & {s["text"] for s in b["sentences"]}:
                    leaks.append((a["doc"], b["doc"]))
    assert not leaks, f"passages sharing sentences across splits (drop the train copy): {leaks}"


def test_no_sentence_is_shared_across_splits():
    """Wire copy republished under two URLs in two splits would leak test text into training."""
    leaks = corpus.cross_split_repeats(corpus.read_passages(REPO_CORPUS, include_double=False))
    assert not leaks, f"passages repeating a sentence of another split (run scripts/drop_cross_split_repeats.py): " \
        f"{sorted(leaks)}"


def test_cross_split_repeats_drops_the_less_protected_copy():
    ids = {name: next(f"d{i}" for i in range(999) if corpus.split_of(f"d{i}") == name) for name in corpus.SPLITS}
    long = "The foreign ministers met in Geneva on Tuesday to discuss the ceasefire."
    ps = [{"doc": ids[n], "sentences": [{"text": long}, {"text": "He denied it."}]} for n in corpus.SPLITS]
    assert corpus.cross_split_repeats(ps) == {ids["train"], ids["dev"]}
    assert corpus.cross_split_repeats(ps[:2]) == {ids["train"]}
    short = [{"doc": ids[n], "sentences": [{"text": "He denied it."}]} for n in corpus.SPLITS]
    assert corpus.cross_split_repeats(short) == set()


def test_part_of_reads_source_and_file_prefix():
    assert corpus.part_of({"source": "agnews", "_file": "annotated/agnews_a1.jsonl:3"}) == "agnews"
    assert corpus.part_of({"source": "web", "_file": "annotated/wire_a99.jsonl:1"}) == "wire"
    assert corpus.part_of({"source": "web", "_file": "annotated/general_a17.jsonl:9"}) == "general"
    assert corpus.part_of({"source": "web", "_file": "double/overlap_modern3_b3.jsonl:2"}) == "modern"


def test_corpus_eval_scores_each_kind_of_text(tmp_path):
    """`corpus eval` reports the whole split and each kind of text in it, from one coding."""
    import json

    from click.testing import CliRunner

    from multipolar.cli import main

    dev_ids = [f"doc-{i}" for i in range(200) if corpus.split_of(f"doc-{i}") == "dev"][:2]
    event = {"event": "SANCTION", "actor": ["EU"], "recipient": ["BLR"], "mode": None, "context": [],
             "modality": "asserted", "trigger": "imposed"}
    (tmp_path / "annotated").mkdir()
    for name, doc, events in (("wire_a1", dev_ids[0], [event]), ("general_a2", dev_ids[1], [])):
        text = "The European Union imposed new sanctions on Belarus on Monday." if events else \
            "Shares in Tokyo rose on Monday."
        p = {"doc": doc, "source": "web", "outlet": "x", "url": f"https://example.org/{doc}", "date": "2024-06-20",
             "annotator": "t", "sentences": [{"text": text, "events": events}]}
        (tmp_path / "annotated" / f"{name}.jsonl").write_text(json.dumps(p) + "\n")
    result = CliRunner().invoke(main, ["corpus", "eval", "--corpus", str(tmp_path), "--split", "dev", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    m = json.loads(result.output)
    assert set(m["by_part"]) == {"wire", "general"}
    assert m["by_part"]["wire"]["passages"] == 1 and m["by_part"]["wire"]["strict"]["fn"] + \
        m["by_part"]["wire"]["strict"]["tp"] == 1
    assert m["by_part"]["general"]["strict"]["tp"] == 0 and m["by_part"]["general"]["strict"]["fn"] == 0
    assert m["strict"]["tp"] == m["by_part"]["wire"]["strict"]["tp"] + m["by_part"]["general"]["strict"]["tp"]
