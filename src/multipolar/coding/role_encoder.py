"""The role encoder: for one trigger of a parsed sentence, how likely each actor mention is its actor, its recipient or
neither, read by a transformer that sees the whole sentence with the trigger marked.

Base model: the same all-MiniLM-L6-v2 as the trigger encoder (coding/encoder.py). The trigger's word pieces carry
segment id 1 (every other piece 0), so one sentence read once per trigger tells the model which act is asked about;
a linear head reads the trigger's first piece, the mention's first piece and a small learned vector for the event
type. Only the top TUNED_LAYERS layers, the segment table and the head are fine-tuned, and only they are shipped
(coding/data/detector.roles.safetensors, float16): the lower layers stay as the base model has them.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from multipolar.coding import encoder
from multipolar.errors import DataFileError
from multipolar.ontology import EVENT_TYPES

LABELS = ("none", "actor", "recipient")
EVENTS = sorted(EVENT_TYPES)
# five of the six layers since the twentieth session (three before): on the same train split a7367901 dev strict F1
# 0.4946 -> 0.4991, dev gold 0.794 -> 0.803, own gold 0.833 -> 0.836; the file grows 10.7 -> 17.8 MB (all six would
# pass the 50 MB the learned files may take together)
TUNED_LAYERS = 5
EVENT_DIM = 32


def build():
    """The base encoder with an event-type table and a fresh head over LABELS (a torch module)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()

    class RoleTagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(encoder.base_dir()))
            size = self.enc.config.hidden_size
            self.event = torch.nn.Embedding(len(EVENTS), EVENT_DIM)
            self.head = torch.nn.Linear(2 * size + EVENT_DIM, len(LABELS))

        def forward(self, ids, mask, types, rows, trig, ment, ev):
            hidden = self.enc(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            return self.head(torch.cat([hidden[rows, trig], hidden[rows, ment], self.event(ev)], -1))

    return RoleTagger()


def tuned(name: str, layers: int) -> bool:
    """Is this parameter fine-tuned (and shipped)? The segment table, the top layers, the event table and head."""
    if not name.startswith("enc."):
        return True
    if name.startswith("enc.embeddings.token_type_embeddings"):
        return True
    first = layers - TUNED_LAYERS
    return any(name.startswith(f"enc.encoder.layer.{k}.") for k in range(first, layers))


def item(tok, text: str, trigger: tuple[int, int], mentions: list[tuple[int, int]], event: str):
    """(piece ids, segment ids, trigger's first piece, each mention's first piece, event index); None when the
    sentence was cut before the trigger."""
    enc = tok(text, return_offsets_mapping=True, truncation=True, max_length=encoder.MAX_PIECES)
    offsets = enc["offset_mapping"]
    a, b = trigger
    types = [1 if e > s and s < b and e > a else 0 for s, e in offsets]
    if 1 not in types:
        return None
    firsts = []
    for ma, mb in mentions:
        k = next((j for j, (s, e) in enumerate(offsets) if e > s and s < mb and e > ma), 0)
        firsts.append(k)
    return enc["input_ids"], types, types.index(1), firsts, EVENTS.index(event)


def batches(items: list, size: int, order: list[int]):
    """Padded batches over items in `order`: (indices, ids, mask, types, rows, trig, ment, ev)."""
    import torch
    for start in range(0, len(order), size):
        idx = order[start:start + size]
        width = max(len(items[i][0]) for i in idx)
        ids = torch.zeros((len(idx), width), dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        types = torch.zeros((len(idx), width), dtype=torch.long)
        rows, trig, ment, ev = [], [], [], []
        for r, i in enumerate(idx):
            pieces, segs, t, firsts, e = items[i]
            ids[r, :len(pieces)] = torch.tensor(pieces)
            mask[r, :len(pieces)] = 1
            types[r, :len(segs)] = torch.tensor(segs)
            rows += [r] * len(firsts)
            trig += [t] * len(firsts)
            ment += firsts
            ev += [e] * len(firsts)
        as_long = lambda v: torch.tensor(v, dtype=torch.long)     # noqa: E731
        yield idx, ids, mask, types, as_long(rows), as_long(trig), as_long(ment), as_long(ev)


class RoleEncoder:
    """The fine-tuned role encoder: (none, actor, recipient) probabilities for the mentions of a trigger."""

    def __init__(self, model, tok):
        self.model, self.tok = model, tok

    @classmethod
    def load(cls, path: str | Path) -> "RoleEncoder":
        import torch
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        path = Path(path)
        try:
            state = load_file(str(path))
        except (OSError, ValueError, SafetensorError) as exc:
            raise DataFileError(f"{path}: not a multipolar role encoder ({exc}); rebuild it with "
                                f"`multipolar train`") from None
        torch.set_num_threads(encoder.torch_threads())
        model = build()
        layers = model.enc.config.num_hidden_layers
        missing, unexpected = model.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
        if unexpected or any(tuned(k, layers) for k in missing):
            raise DataFileError(f"{path}: weights do not fit the base model ({unexpected or missing}); rebuild "
                                f"it with `multipolar train`")
        model.eval()
        return cls(model, encoder.tokenizer())

    def probabilities(self, text: str, trigger: tuple[int, int], mentions: list[tuple[int, int]],
                      event: str) -> np.ndarray:
        """One row of LABELS probabilities per mention span (all "none" when the trigger lies past the cut)."""
        return self.probabilities_many([(text, trigger, mentions, event)])[0]

    def probabilities_many(self, asks: list[tuple], size: int = 32) -> list[np.ndarray]:
        """probabilities() for many (text, trigger, mentions, event) at once: batched by length, which on one core
        is about four times faster than one pass each."""
        import torch
        none = np.array([1.0, 0.0, 0.0], dtype=np.float32)
        out = [np.tile(none, (len(m), 1)) for _, _, m, _ in asks]
        items = [item(self.tok, t, trig, m, e) if m and e in EVENTS else None for t, trig, m, e in asks]
        todo = sorted((i for i, it in enumerate(items) if it is not None), key=lambda i: len(items[i][0]))
        with torch.inference_mode():
            for idx, *tensors in batches(items, size, todo):
                probs = torch.softmax(self.model(*tensors), -1).numpy()
                start = 0
                for i in idx:
                    out[i] = probs[start:start + len(items[i][3])]
                    start += len(items[i][3])
        return out


def save(model, path: Path, meta: dict) -> Path:
    """The fine-tuned parameters (float16) with the training facts."""
    from safetensors.torch import save_file
    layers = model.enc.config.num_hidden_layers
    state = {k: v.detach().to("cpu").half().contiguous() for k, v in model.state_dict().items() if tuned(k, layers)}
    save_file(state, str(path), metadata={"labels": json.dumps(LABELS), "meta": json.dumps(meta)})
    return path
