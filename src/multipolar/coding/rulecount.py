"""Which of the coder's rules fire on a gold set, and which never do.

    python -m multipolar.coding.rulecount GOLD.jsonl

codes the gold documents as `multipolar eval` does and prints how often each rule shaped or dropped a
candidate, then the rules that never fired (a rule nothing in the gold set needs is untested there).
"""
from __future__ import annotations

import sys
from collections import Counter
from datetime import date

from multipolar.coding import candidate


def count(gold_path: str) -> Counter[str]:
    """Rules fired while coding the gold documents at `gold_path` (every rule named, zero where it never fired)."""
    from multipolar.evaluation import read_gold
    from multipolar.model import Article
    from multipolar.pipeline import code_articles

    arts = [Article.make(d["text"], id=str(d["id"]),
                         date=date.fromisoformat(d["date"][:10]) if d.get("date") else None)
            for d in read_gold(gold_path)]
    before = Counter(candidate.FIRED)
    for _ in code_articles(arts):
        pass
    fired = candidate.FIRED - before
    return Counter({name: fired[name] for name in candidate.rule_names() if not name.startswith("step_")})


def report(counts: Counter[str]) -> str:
    never = [name for name, n in counts.items() if n == 0]
    lines = [f"{n:6d}  {name}" for name, n in counts.most_common() if n]
    lines.append(f"never fired ({len(never)} of {len(counts)}): " + (", ".join(never) or "none"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m multipolar.coding.rulecount GOLD.jsonl", file=sys.stderr)
        return 2
    print(report(count(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
