"""Fine-tuning the trigger and role encoders (coding/encoder.py, coding/role_encoder.py) on the train split:
`multipolar train`.

Cross-entropy, AdamW at 5e-5 with a 10% warm-up and linear decay, batches of 16 items of similar length, fixed seeds
and deterministic kernels: the same corpus gives the same weights on the same machine. The trigger encoder reads
each train sentence's candidate tokens (the linear detector's candidates and labels; about 8 minutes an epoch on
two cores for the 23,183 train sentences of train split a7367901); the role encoder reads each annotated trigger with
the sentence's mentions labelled actor, recipient or none (about 17 minutes an epoch with five tuned layers, 13 with
three). Four role epochs: the whole `make train` takes about 140 minutes.
"""
from __future__ import annotations

import random
from pathlib import Path

from multipolar.coding import encoder, role_encoder
from multipolar.coding.detector import NONE
from multipolar.ontology import EVENT_TYPES

EPOCHS = 4          # dev split, token-level F1 of the averaged detector: 0.562 / 0.574 / 0.580 / 0.582 after 1-4
ROLE_EPOCHS = 4     # dev split strict F1 0.4991 with 3, 0.5007 with 4 (docs/measurements.md, twenty-first session)
ROLE_RATES = (1e-4, 1e-3)   # the role head starts from nothing and reads five tuned layers: faster than the trigger's
BATCH = 16
LEARNING_RATE = 5e-5        # the trigger head too: 1e-3 there measured the same (measurements.md, 16th session)
WARMUP = 0.1
SEED = 0


def _seeded():
    import torch
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(encoder.torch_threads())


def _fine_tune(model, items: list, targets: list[list[int]], make_batches, epochs: int, log, name: str,
               rates: tuple[float, float] = (LEARNING_RATE, LEARNING_RATE)) -> None:
    """Train the module's trainable parameters on items (batched by `make_batches`) against per-item targets, at
    rates (transformer, parts outside it)."""
    import torch

    params = [p for p in model.parameters() if p.requires_grad]
    inside = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("enc.")]
    outside = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("enc.")]
    opt = torch.optim.AdamW([{"params": inside, "lr": rates[0]}, {"params": outside, "lr": rates[1]}],
                            weight_decay=0.01)
    steps = max(1, epochs * -(-len(items) // BATCH))
    warm = max(1, int(WARMUP * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: s / warm if s < warm else (steps - s) / (steps - warm))
    loss_of = torch.nn.CrossEntropyLoss()
    rng = random.Random(SEED)
    by_length = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    model.train()
    for epoch in range(epochs):
        chunks = [by_length[i:i + BATCH] for i in range(0, len(by_length), BATCH)]
        rng.shuffle(chunks)                      # batches of like length, in a seeded random order
        total = 0.0
        for idx, *tensors in make_batches(items, BATCH, [i for c in chunks for i in c]):
            gold = torch.tensor([t for i in idx for t in targets[i]], dtype=torch.long)
            loss = loss_of(model(*tensors), gold)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item()
        if log is not None:
            log(f"{name} epoch {epoch + 1}/{epochs}: mean loss {total / max(1, len(chunks)):.3f}")
    model.eval()


def fit(sentences: list[tuple[str, list[tuple[int, int]], list[str]]], epochs: int = EPOCHS,
        log=None) -> tuple[object, list[str]]:
    """The fine-tuned trigger module and its labels, from (parsed text, candidate spans, labels) per sentence."""
    _seeded()
    labels = [NONE] + sorted(EVENT_TYPES)
    index = {lab: i for i, lab in enumerate(labels)}
    tok = encoder.tokenizer()
    items = [encoder.piece_positions(tok, text, spans) for text, spans, _ in sentences]
    targets = [[index[lab] for lab in labs] for _, _, labs in sentences]
    model = encoder.build(labels)
    model.enc.embeddings.word_embeddings.weight.requires_grad_(False)     # frozen: not shipped (encoder.FROZEN)
    _fine_tune(model, items, targets, encoder.batches, epochs, log, "encoder")
    return model, labels


def fit_roles(triggers: list[tuple[str, tuple[int, int], str, list[tuple[tuple[int, int], str]]]],
              epochs: int = ROLE_EPOCHS, log=None):
    """The fine-tuned role module, from (parsed text, trigger span, event, [(mention span, label)]) per trigger."""
    _seeded()
    tok = encoder.tokenizer()
    items, targets = [], []
    for text, trigger, event, mentions in triggers:
        one = role_encoder.item(tok, text, trigger, [span for span, _ in mentions], event) if mentions else None
        if one is not None:
            items.append(one)
            targets.append([role_encoder.LABELS.index(lab) for _, lab in mentions])
    model = role_encoder.build()
    layers = model.enc.config.num_hidden_layers
    for name, p in model.named_parameters():
        p.requires_grad_(role_encoder.tuned(name, layers))
    _fine_tune(model, items, targets, role_encoder.batches, epochs, log, "role encoder", ROLE_RATES)
    return model


def train(sentences, out: Path, meta: dict, epochs: int = EPOCHS, log=None) -> Path:
    model, labels = fit(sentences, epochs, log)
    return encoder.save(model, labels, Path(out), {**meta, "epochs": epochs})


def train_roles(triggers, out: Path, meta: dict, epochs: int = ROLE_EPOCHS, log=None) -> Path:
    return role_encoder.save(fit_roles(triggers, epochs, log), Path(out),
                             {**meta, "tuned_layers": role_encoder.TUNED_LAYERS, "epochs": epochs})
