"""CLI commands for the coder's data: `train` (the learned detector) and `corpus` (stats, export, eval, kappa)."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date

import click

from multipolar import corpus as corpus_mod
from multipolar.cli_common import MODE_OPTION
from rich.console import Console
from rich.markup import escape

console = Console(stderr=True)

CORPUS_OPTION = click.option("--corpus", "root", default="corpus", show_default=True,
                             type=click.Path(file_okay=False), help="the annotated corpus folder")


@click.command()
@CORPUS_OPTION
@click.option("--fraction", type=click.FloatRange(0.01, 1.0), default=1.0, show_default=True,
              help="share of the train split to learn from (learning curves)")
@click.option("--c", "c", type=float, default=1.0, show_default=True, help="inverse L2 strength")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="model file (default: the packaged coding/data/detector.npz)")
@click.option("--no-tune", is_flag=True, help="keep the thresholds at their defaults (no dev-split search)")
@click.option("--encoder-epochs", type=click.IntRange(0, 20), default=None,
              help="epochs of fine-tuning for the trigger encoder, 0 for the linear models alone "
                   "[default: coding/train_encoder.py EPOCHS, about 4.5 minutes each on two cores]")
@click.option("--role-epochs", type=click.IntRange(0, 20), default=None,
              help="epochs of fine-tuning for the role encoder, 0 leaves it out "
                   "[default: coding/train_encoder.py ROLE_EPOCHS]")
def train(root, fraction, c, output, no_tune, encoder_epochs, role_epochs):
    """Train the trigger detector (linear models and the fine-tuned encoders) on the corpus's train split; choose
    its thresholds on the dev split."""
    from multipolar.coding import train as train_mod
    from multipolar.coding.detector import MODEL_PATH
    from multipolar.coding.train_encoder import EPOCHS, ROLE_EPOCHS

    out = output or str(MODEL_PATH)
    epochs = EPOCHS if encoder_epochs is None else encoder_epochs
    with console.status("training the detector on the train split"):
        meta = train_mod.train(root, fraction=fraction, c=c, out=out, encoder_epochs=epochs,
                               role_epochs=ROLE_EPOCHS if role_epochs is None else role_epochs,
                               log=lambda line: console.print(escape(line)))
    console.print(f"trained on {meta['passages']} passages, {meta['sentences']} sentences, "
                  f"{meta['positives']} triggers among {meta['examples']} candidate tokens")
    if not no_tune:
        with console.status("choosing thresholds on the dev split"):
            best = train_mod.tune(root, out)
        console.print("dev strict F1 by add threshold: "
                      + ", ".join(f"{a} {f:.4f}" for a, f in best["add_grid"].items()))
        console.print(f"dev thresholds: add >= {best['add_threshold']}, confirm >= {best['confirm_threshold']}, "
                      f"story gate {best['relevance_threshold']} (dev strict F1 {best['f1']:.3f})")
    console.print(f"model written to {escape(str(out))} (corpus hash {meta['corpus_hash']})")


@click.group()
def corpus():
    """The annotated real-news corpus: counts, gold export, evaluation per split, agreement."""


@corpus.command()
@CORPUS_OPTION
def stats(root):
    """Passages, sentences and events by source, year, split and type."""
    ps = corpus_mod.read_passages(root)
    rows = Counter()
    for p in ps:
        year = (p.get("date") or "2004")[:4]
        sp = corpus_mod.split_of(p["doc"])
        n_ev = sum(len(s["events"]) for s in p["sentences"])
        for key in (("source", p["source"]), ("year", year), ("split", sp)):
            rows[key + ("passages",)] += 1
            rows[key + ("sentences",)] += len(p["sentences"])
            rows[key + ("events",)] += n_ev
        for s in p["sentences"]:
            rows[("sentences", "with events" if s["events"] else "without events", "n")] += 1
            for ev in s["events"]:
                rows[("type", ev["event"], "events")] += 1
    click.echo(f"{len(ps)} passages, {sum(len(p['sentences']) for p in ps)} sentences; hash "
               f"{corpus_mod.corpus_hash(ps)}")
    for k in sorted(rows):
        click.echo(f"{k[0]:10s} {k[1]:16s} {k[2]:10s} {rows[k]}")


@corpus.command()
@CORPUS_OPTION
@click.option("--split", "split_name", type=click.Choice(corpus_mod.SPLITS), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
def export(root, split_name, output):
    """Write one split as gold documents (the format `multipolar eval` reads)."""
    docs = [corpus_mod.gold_doc(p) for p in corpus_mod.split(corpus_mod.read_passages(root), split_name)]
    with open(output, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    console.print(f"{len(docs)} documents written to {escape(str(output))}")


@corpus.command(name="eval")
@CORPUS_OPTION
@click.option("--split", "split_name", type=click.Choice(corpus_mod.SPLITS), required=True)
@MODE_OPTION
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
@click.option("--json", "as_json", is_flag=True)
def eval_(root, split_name, mode, model_path, as_json):
    """Code one split and score it (type and strict P/R/F1, as `multipolar eval`)."""
    from multipolar.coding.coder import Coder
    from multipolar.evaluation import format_report, score

    passages = corpus_mod.split(corpus_mod.read_passages(root), split_name)
    docs = [corpus_mod.gold_doc(p) for p in passages]
    with console.status(f"coding {len(docs)} {split_name} documents ({mode})"):
        preds = corpus_mod.code_gold(docs, Coder(mode=mode, model_path=model_path))
    m = score(docs, preds)
    m["corpus_hash"] = corpus_mod.corpus_hash(passages)
    part = {p["doc"]: corpus_mod.part_of(p) for p in passages}
    m["by_part"] = {}
    for k in corpus_mod.PARTS:
        sub = [d for d in docs if part[d["id"]] == k]
        if sub:
            r = score(sub, preds)
            m["by_part"][k] = {"passages": len(sub), "type": r["type"], "strict": r["strict"]}
    if as_json:
        click.echo(json.dumps(m))
        return
    lines = [f"  {k}: {v['passages']} passages, type F1 {v['type']['f1']:.3f}, strict F1 {v['strict']['f1']:.3f}"
             for k, v in m["by_part"].items()]
    click.echo("\n".join([format_report(m), "by kind of text:", *lines, f"corpus hash {m['corpus_hash']}"]))


@corpus.command()
@click.argument("first", type=click.Path(exists=True, dir_okay=False))
@click.argument("second", type=click.Path(exists=True, dir_okay=False))
def kappa(first, second):
    """Cohen's kappa on event types between two annotators of the same sentences."""
    from multipolar.coding.agreement import agreement

    res = agreement(first, second)
    click.echo(json.dumps(res, indent=1))


COMMANDS = [train, corpus]
