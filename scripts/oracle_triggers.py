"""The ceiling of everything after detection: the coder run on the annotated triggers of one corpus split.

Each gold event's trigger (its head word in the parsed sentence) is handed to the stages with the gold type, mode
and context, in place of the lexicon's and the detector's triggers; roles, modality, recipients, places, dates,
selection and the merging of tellings run as in `multipolar code`. The strict F1 printed is what a perfect
detector would reach with today's roles; the drop counts say which rules remove gold events.

    .venv/bin/python scripts/oracle_triggers.py [--split dev] [--learned-actors]

`--learned-actors` lets the role model (else the earlier-actor model) name the actor of every trigger the parse
leaves without one. The dev split is for design; the test split is for reporting only.
"""
from __future__ import annotations

import argparse
from collections import Counter

import multipolar.coding.coder as coder_module
from multipolar import corpus
from multipolar.coding import candidate
from multipolar.coding.coder import Coder
from multipolar.coding.lexicon import Trigger
from multipolar.evaluation import score

GOLD: dict[str, list[dict]] = {}
DROPS: Counter = Counter()


def gold_triggers(sent, lexicon) -> list:
    """The sentence's annotated events as (head token of the trigger words, Trigger with the gold type)."""
    out = []
    for g in GOLD.get(sent.text.strip(), []):
        words = (g.get("trigger") or "").lower().replace('"', "").split()
        toks = [t for t in sent if t.lower_ in words]
        if not toks:
            continue
        ids = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])
        out.append((head, Trigger(head.lemma_.lower(), None, frozenset(), g["event"], g.get("mode"),
                                  tuple(g.get("context") or ()), "normal")))
    return out


def run_counting_drops(c) -> bool:
    for stage in candidate.STAGES:
        for fn in candidate.RULES[stage]:
            if fn(c):
                c.fired.append(fn.__name__)
            if c.dropped:
                DROPS[fn.__name__] += 1
                return False
    return True


def oracle_coder(learned_actors: bool) -> Coder:
    # the gold's triggers replace the lexicon's and the detector's, and each annotated event stands on its own; with
    # learned_actors the detector is taken to be sure of each, so the role models may name its actor
    def triggers(sent, by_token, lex, detector, mode):
        found = gold_triggers(sent, lex)
        sure = {verb.i for verb, _ in found} if learned_actors else set()
        return found, {i: 1.0 for i in sure}, sure

    coder_module.sentence_triggers = triggers
    coder_module.candidate.run = run_counting_drops
    coder = Coder(mode="combined", prefilter=False)
    coder.parse_text = lambda s: s                      # the sentence as annotated, to find it again
    return coder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--split", default="dev", choices=corpus.SPLITS)
    ap.add_argument("--learned-actors", action="store_true")
    args = ap.parse_args()
    passages = corpus.split(corpus.read_passages(args.corpus), args.split)
    for p in passages:
        for s in p["sentences"]:
            GOLD[s["text"].strip()] = s["events"]
    docs = [corpus.gold_doc(p) for p in passages]
    m = score(docs, corpus.code_gold(docs, oracle_coder(args.learned_actors)))
    for k in ("type", "strict"):
        print(f"{k:7s} P={m[k]['p']:.3f} R={m[k]['r']:.3f} F1={m[k]['f1']:.3f}")
    print("gold triggers dropped by:", ", ".join(f"{n} {c}" for n, c in DROPS.most_common()))


if __name__ == "__main__":
    main()
