"""Fine-tuning the trigger encoder (coding/encoder.py) on the train split's sentences: `multipolar train`.

Cross-entropy over the candidate tokens of each sentence (the linear detector's candidates and labels), AdamW at
5e-5 with a 10% warm-up and linear decay, batches of 16 sentences of similar length, fixed seeds and deterministic
kernels: the same corpus gives the same weights on the same machine. About three minutes an epoch on two cores for
the 13,000 train sentences.
"""
from __future__ import annotations

import random
from pathlib import Path

from multipolar.coding import encoder
from multipolar.coding.detector import NONE
from multipolar.ontology import EVENT_TYPES

EPOCHS = 4          # dev split, token-level F1 of the averaged detector: 0.562 / 0.574 / 0.580 / 0.582 after 1-4
BATCH = 16
LEARNING_RATE = 5e-5
WARMUP = 0.1
SEED = 0


def fit(sentences: list[tuple[str, list[tuple[int, int]], list[str]]], epochs: int = EPOCHS,
        log=None) -> tuple[object, list[str]]:
    """The fine-tuned module and its labels, from (parsed text, candidate spans, labels) per sentence."""
    import torch

    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(encoder.torch_threads())
    labels = [NONE] + sorted(EVENT_TYPES)
    index = {lab: i for i, lab in enumerate(labels)}
    tok = encoder.tokenizer()
    items = [encoder.piece_positions(tok, text, spans) for text, spans, _ in sentences]
    targets = [[index[lab] for lab in labs] for _, _, labs in sentences]
    model = encoder.build(labels)
    model.enc.embeddings.word_embeddings.weight.requires_grad_(False)     # frozen: not shipped (encoder.FROZEN)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.01)
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
        for idx, ids, mask, rows, cols in encoder.batches(items, BATCH, [i for c in chunks for i in c]):
            gold = torch.tensor([t for i in idx for t in targets[i]], dtype=torch.long)
            loss = loss_of(model(ids, mask, rows, cols), gold)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item()
        if log is not None:
            log(f"encoder epoch {epoch + 1}/{epochs}: mean loss {total / max(1, len(chunks)):.3f}")
    model.eval()
    return model, labels


def train(sentences, out: Path, meta: dict, epochs: int = EPOCHS, log=None) -> Path:
    model, labels = fit(sentences, epochs, log)
    return encoder.save(model, labels, Path(out), {**meta, "epochs": epochs})
