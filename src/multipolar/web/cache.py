"""In-memory memo of analysis results, keyed by (call, arguments, state of the store file).

The issue-5 analysis functions (stance, isolation, dyads, blocs, ...) read whole tables into pandas and take from
a fraction of a second to tens of seconds on a big store; the dashboard asks for the same answers again and
again (the map, then a country's evidence). A result is reused while the store is unchanged, which the key
tells by two things: the server's write generation (bumped by every write it makes, i.e. POST /articles) and the
size and mtime of the store file and of its .wal (another process, a CLI ingest or data load, writing the file
changes them; the server opens the file read-only per request, so its own reads change neither).
Least recently used entries beyond MAX_ENTRIES are dropped.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MAX_ENTRIES = 64


def store_signature(path: str, generation: int = 0) -> tuple:
    """(write generation, size and mtime of the DuckDB file and of its .wal): another process (a CLI ingest or
    data load) writing the file changes one of them. The server itself only reads, so its own reads leave
    both untouched."""
    out = [generation]
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            out += [st.st_size, st.st_mtime_ns]
        except OSError:
            out += [None, None]
    return tuple(out)


class Memo:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, signature: tuple, key: Hashable, compute: Callable[[], Any], lock=None) -> Any:
        """The cached value of `key` for the store in the state `signature` (store_signature), computed once.

        A miss computes under `lock` (the server's write lock): the analysis reads run DDL (ensure_tables), and
        two of them at once in one DuckDB database fail with a write-write conflict on the catalog."""
        full = (key, signature)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                self.hits += 1
                return self._items[full]
        with lock if lock is not None else contextlib.nullcontext():
            with self._lock:
                if full in self._items:           # computed by the request we waited for
                    self.hits += 1
                    return self._items[full]
                self.misses += 1
            value = compute()
        with self._lock:
            self._items[full] = value
            self._items.move_to_end(full)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def stats(self) -> dict:
        with self._lock:
            return {"entries": len(self._items), "hits": self.hits, "misses": self.misses}
