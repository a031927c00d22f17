"""Agreement between two annotators of the same passages: Cohen's kappa on event types, and what differed."""
from __future__ import annotations

import json
from collections import Counter

from sklearn.metrics import cohen_kappa_score

from multipolar.ontology import EVENT_TYPES


def _passages(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _sentences(passages: list[dict]) -> dict[tuple[str, int], set[str]]:
    return {(p["doc"], i): {e["event"] for e in s["events"]} for p in passages for i, s in enumerate(p["sentences"])}


def parties_f1(first: list[dict], second: list[dict]) -> dict:
    """The second annotator's passages scored against the first as if it were the coder (multipolar eval's rules, one
    event per happening per passage): what a perfect coder could reach when the gold is one person's reading."""
    from multipolar.corpus import gold_doc
    from multipolar.evaluation import score

    gold = [gold_doc(p) for p in first]
    shared = {d["id"] for d in gold}
    pred = [dict(ev, doc_id=d["id"]) for d in map(gold_doc, second) if d["id"] in shared
            for ev in d["events"]]
    m = score(gold, pred)
    return {k: {x: round(m[k][x], 3) for x in ("p", "r", "f1")} for k in ("type", "strict")}


def agreement(first, second) -> dict:
    """Kappa over the sentences both coded: (a) on the sentence's type set as one label ("NONE" when empty),
    (b) per type as a yes/no decision per sentence, pooled; and the most frequent disagreements."""
    first_passages, second_passages = _passages(first), _passages(second)
    a, b = _sentences(first_passages), _sentences(second_passages)
    both = sorted(set(a) & set(b))
    if not both:
        raise ValueError(f"{first} and {second} share no sentence (same doc ids and sentence order needed)")
    label = lambda s: "+".join(sorted(s)) or "NONE"
    la, lb = [label(a[k]) for k in both], [label(b[k]) for k in both]
    pooled_a = [t in a[k] for k in both for t in EVENT_TYPES]
    pooled_b = [t in b[k] for k in both for t in EVENT_TYPES]
    diffs = Counter(f"{x} vs {y}" for x, y in zip(la, lb) if x != y)
    per_type = {}
    for t in EVENT_TYPES:
        ya, yb = [t in a[k] for k in both], [t in b[k] for k in both]
        if any(ya) or any(yb):
            per_type[t] = {"first": sum(ya), "second": sum(yb), "both": sum(x and y for x, y in zip(ya, yb))}
    return {"sentences": len(both), "sentences_with_events": {"first": sum(bool(a[k]) for k in both),
                                                               "second": sum(bool(b[k]) for k in both)},
            "kappa_type_set": round(cohen_kappa_score(la, lb), 3),
            "kappa_per_type_pooled": round(cohen_kappa_score(pooled_a, pooled_b), 3),
            "exact_agreement": round(sum(x == y for x, y in zip(la, lb)) / len(both), 3),
            "per_type": per_type, "top_disagreements": diffs.most_common(15),
            "second_scored_on_first": parties_f1(first_passages, second_passages)}
