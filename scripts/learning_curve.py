"""Learning curve and ablation of the coder on the corpus test split and the shared dev gold.

    .venv/bin/python scripts/learning_curve.py [--corpus corpus] [--gold ../shared/gold/plover_gsr_dev.jsonl]
        [--encoder-epochs N] [--role-epochs N]

Trains the detector on 25 / 50 / 100 % of the train split (thresholds tuned on the dev split each time; the linear
models alone unless --encoder-epochs is given, which adds about 3.5 minutes per epoch and fraction), then
codes the test split and the dev gold with the rules alone, the model alone and both combined. Prints a Markdown
table (type and strict P/R/F1). The test split is read here only to report, never to design.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from multipolar import corpus
from multipolar.coding.coder import Coder
from multipolar.coding import train
from multipolar.evaluation import read_gold, score


def _row(name: str, docs: list[dict], mode: str, model: str | None) -> str:
    m = score(docs, corpus.code_gold(docs, Coder(mode=mode, model_path=model)))
    t, s = m["type"], m["strict"]
    return (f"| {name} | {mode} | {t['p']:.3f} / {t['r']:.3f} / {t['f1']:.3f} | "
            f"{s['p']:.3f} / {s['r']:.3f} / {s['f1']:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--gold", default="../shared/gold/plover_gsr_dev.jsonl")
    ap.add_argument("--fractions", default="0.25,0.5,1.0")
    ap.add_argument("--encoder-epochs", type=int, default=0, help="fine-tune the trigger encoder too")
    ap.add_argument("--role-epochs", type=int, default=0, help="fine-tune the role encoder too")
    args = ap.parse_args()
    passages = corpus.read_passages(args.corpus)
    sets = {"corpus test": [corpus.gold_doc(p) for p in corpus.split(passages, "test")]}
    if Path(args.gold).exists():
        sets["dev gold"] = read_gold(args.gold)
    print(f"corpus test hash {corpus.corpus_hash(corpus.split(passages, 'test'))}, "
          f"{len(sets['corpus test'])} documents\n")
    print("| set | coder | type P / R / F1 | strict P / R / F1 |\n|---|---|---|---|")
    for name, docs in sets.items():
        print(_row(name, docs, "rules", None), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for frac in (float(f) for f in args.fractions.split(",")):
            path = Path(tmp) / f"detector_{frac}.npz"
            meta = train.train(args.corpus, fraction=frac, out=path, encoder_epochs=args.encoder_epochs,
                               role_epochs=args.role_epochs)
            best = train.tune(args.corpus, path)
            print(f"| train {frac:.0%}: {meta['passages']} passages, {meta['sentences']} sentences; dev thresholds "
                  f"{json.dumps({k: best[k] for k in ('add_threshold', 'confirm_threshold')})} | | | |", flush=True)
            for name, docs in sets.items():
                for mode in ("model", "combined"):
                    print(_row(f"{name} ({frac:.0%})", docs, mode, str(path)), flush=True)


if __name__ == "__main__":
    main()
