"""Where an event's article came from, for exports that carry it next to the event (CLI CSV)."""
from __future__ import annotations

from typing import Iterable

from multipolar.store.db import Store


def article_links(store: Store, doc_ids: Iterable[str]) -> dict[str, dict]:
    """doc_id -> {"url", "title"} of the stored article (the first one stored under that id)."""
    ids = sorted({d for d in doc_ids if d})
    if not ids:
        return {}
    out: dict[str, dict] = {}
    for doc_id, url, title in store.con.execute(
            "SELECT id, url, title FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id, hash", [ids]).fetchall():
        out.setdefault(doc_id, {"url": url, "title": title})
    return out
