"""Scoring coded events against gold documents (the rules of ../shared/gold/README.md).

type:     a predicted type counts while its document still has an unmatched gold event of that type.
strict:   greedy one-to-one matching on type plus parties; for CONSULT/AGREE/COOPERATE/SUPPORT with no
          recipient on one side the union of parties must overlap with Jaccard >= 0.5.
modality: among strict matches whose gold states a modality, the share predicted the same.
Non-state codes (IGOs, NGOs, blocs) all count as one class "X".
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from multipolar.errors import InputError

RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
NON_STATE_3 = frozenset({"IGO", "NGO", "IMG", "ISM", "UNO", "EUR"})


def canonical(code) -> str:
    if isinstance(code, dict):
        code = code.get("code")
    c = (code or "").strip().upper()
    if len(c) == 6 and c[:3].isalpha():
        c = c[:3]
    if len(c) == 3 and c.isalpha() and c not in NON_STATE_3:
        return c
    return "X" if c else ""


def _codes(v) -> set[str]:
    if isinstance(v, (str, dict)):
        v = [v]
    return {c for c in map(canonical, v or []) if c}


def parties_match(gold: dict, pred: dict) -> bool:
    ga, gr = _codes(gold.get("actor")), _codes(gold.get("recipient"))
    pa, pr = _codes(pred.get("actor")), _codes(pred.get("recipient"))
    if gold["event"] in RECIPROCAL and (not gr or not pr):
        union_g, union_p = ga | gr, pa | pr
        both = union_g | union_p
        return bool(both) and len(union_g & union_p) / len(both) >= 0.5
    if ga and not ga & pa:
        return False
    return not gr or bool(gr & pr)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict:
        return {"p": self.p, "r": self.r, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


def score(gold_docs: list[dict], preds: list[dict]) -> dict:
    by_doc = defaultdict(list)
    for e in preds:
        by_doc[str(e.get("doc_id", ""))].append(e)
    typ, strict = PRF(), PRF()
    per_type: dict[str, PRF] = defaultdict(PRF)
    mod_n = mod_ok = 0
    for doc in gold_docs:
        gold = doc.get("events", [])
        pred = [e for e in by_doc.get(str(doc["id"]), []) if e.get("event")]
        gc, pc = Counter(e["event"] for e in gold), Counter(e["event"] for e in pred)
        for t in set(gc) | set(pc):
            hit = min(gc[t], pc[t])
            typ.tp += hit
            typ.fp += pc[t] - hit
            typ.fn += gc[t] - hit
        used: set[int] = set()
        for p in pred:
            match = next((i for i, g in enumerate(gold)
                          if i not in used and g["event"] == p["event"] and parties_match(g, p)), None)
            if match is None:
                strict.fp += 1
                per_type[p["event"]].fp += 1
                continue
            used.add(match)
            strict.tp += 1
            per_type[p["event"]].tp += 1
            if gold[match].get("modality"):
                mod_n += 1
                mod_ok += (p.get("modality") or "asserted") == gold[match]["modality"]
        for i, g in enumerate(gold):
            if i not in used:
                strict.fn += 1
                per_type[g["event"]].fn += 1
    return {"docs": len(gold_docs), "type": typ.as_dict(), "strict": strict.as_dict(),
            "per_type": {t: v.as_dict() for t, v in sorted(per_type.items())},
            "modality": {"n": mod_n, "accuracy": mod_ok / mod_n if mod_n else None}}


def read_gold(path: str | Path) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON ({exc.msg}); each line must be one gold document") from None
            if not isinstance(d, dict) or "id" not in d or "text" not in d:
                raise InputError(f"{path}:{n}: a gold document needs 'id' and 'text' (and 'events')")
            docs.append(d)
    return docs


def format_report(m: dict) -> str:
    lines = []
    for k in ("type", "strict"):
        v = m[k]
        lines.append(f"{k:7s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    for t, v in m["per_type"].items():
        lines.append(f"  {t:10s} P={v['p']:.2f} R={v['r']:.2f} F1={v['f1']:.2f}  (tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    if m["modality"]["n"]:
        lines.append(f"modality accuracy {m['modality']['accuracy']:.3f} over {m['modality']['n']} gold events")
    return "\n".join(lines)
