"""Where the coder loses events on one split of the annotated corpus (dev by default; the test split is for
reporting, not for design).

Recall, per gold event of each sentence: found with its type in its sentence; a trigger of its type found there but
dropped by a rule (named: `no_actor`, `reduced_relative`, the polarity `embedding` ...) or never kept as a trigger
(a lexicon trigger the detector did not confirm, or one another trigger governs); else in a sentence where only
other types were found, in a parsed sentence with no event, or in a sentence the cheap prefilter never parses.
Precision, per predicted event whose type is right but whose parties are not (after strict matching per passage):
wrong actor, inverted dyad, wrong or missing recipient.

    .venv/bin/python scripts/error_breakdown.py [--split dev] [--examples 5]
"""
from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict

from multipolar import corpus
from multipolar.coding.coder import Coder
from multipolar.coding.tellings import merge
from multipolar.evaluation import _codes, parties_match
from multipolar.model import Article


def sentence_of(spans: list[tuple[int, int]], start: int) -> int | None:
    return next((k for k, (a, b) in enumerate(spans) if a <= start <= b), None)


def recall_losses(p: dict, events, dropped: list, coder: Coder, found: Counter, examples: dict) -> None:
    spans, at = [], 0
    for s in p["sentences"]:
        spans.append((at, at + len(s["text"])))
        at += len(s["text"]) + 1                   # passage_text joins sentences with one space
    by_sentence = defaultdict(Counter)
    for ev in events:
        by_sentence[sentence_of(spans, ev.span[0])][ev.event] += 1
    drops = defaultdict(dict)                      # sentence -> type -> the rule that dropped a trigger of it
    for offset, event, rule in dropped:
        drops[sentence_of(spans, offset)].setdefault(event, rule)
    for k, s in enumerate(p["sentences"]):
        predicted = by_sentence.get(k, Counter())
        for g in s["events"]:
            if predicted[g["event"]] > 0:
                predicted[g["event"]] -= 1
                kind = "found with its type"
            elif g["event"] in drops.get(k, {}):
                kind = f"its type dropped by {drops[k][g['event']]}"
            elif by_sentence.get(k):
                kind = "sentence has other types only"
            elif coder.could_hold_event(s["text"]):
                kind = "parsed, no event"
            else:
                kind = "never parsed (prefilter)"
            found[kind] += 1
            examples[kind].append(f"{g['event']} [{g.get('trigger')}] {s['text'][:140]}")


def party_errors(doc: dict, preds: list[dict], wrong: Counter, examples: dict) -> None:
    gold, used = doc["events"], set()
    for p in preds:
        hit = next((i for i, g in enumerate(gold) if i not in used and g["event"] == p["event"]
                    and parties_match(g, p)), None)
        if hit is not None:
            used.add(hit)
            continue
        same = [g for i, g in enumerate(gold) if i not in used and g["event"] == p["event"]]
        if not same:
            continue
        g = same[0]
        ga, gr = _codes(g.get("actor")), _codes(g.get("recipient"))
        pa, pr = _codes(p.get("actor")), _codes(p.get("recipient"))
        kind = "inverted" if ga & pr and gr & pa else "wrong actor" if ga and not ga & pa \
            else "wrong or missing recipient"
        wrong[kind] += 1
        examples[kind].append(f"{p['event']} {sorted(pa)}->{sorted(pr)} gold {sorted(ga)}->{sorted(gr)} "
                              f"{p.get('sentence', '')[:120]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--split", default="dev", choices=corpus.SPLITS)
    ap.add_argument("--examples", type=int, default=5)
    args = ap.parse_args()
    coder = Coder()
    coder.dropped = []                             # the coder traces the candidates its rules drop
    found, wrong, examples = Counter(), Counter(), defaultdict(list)
    for p in corpus.split(corpus.read_passages(args.corpus), args.split):
        _, events = coder.code_article(Article.make(corpus.passage_text(p), id=p["doc"],
                                                    date=corpus.passage_date(p)))
        recall_losses(p, events, coder.dropped, coder, found, examples)
        coder.dropped.clear()
        party_errors(corpus.gold_doc(p), [ev.as_record() for ev in merge(events)], wrong, examples)
    rng = random.Random(0)
    for title, counts in (("gold events", found), ("right type, wrong parties", wrong)):
        print(f"{title}: {sum(counts.values())}")
        for kind, n in counts.most_common():
            print(f"  {kind:32s} {n}")
            for line in rng.sample(examples[kind], min(args.examples, len(examples[kind]))):
                print(f"      {line}")


if __name__ == "__main__":
    main()
