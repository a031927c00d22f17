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

from multipolar.web.errors import BUSY, ApiError

MAX_ENTRIES = 64
PER_CLIENT = 3          # indicator misses one client may compute at once
CLIENT_WAIT = 30.0      # seconds a further miss waits for one of them before a 429


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
    """Results by (key, store signature), least recently used dropped beyond `max_entries`.

    Misses run concurrently (each request reads through its own read-only connection, so no lock is needed);
    the same key asked twice at once is computed once, the second request waiting for the first ("single
    flight"); and one client computes at most `per_client` misses at a time, so that a client asking for many
    different days cannot take every worker thread from the others (it waits up to `client_wait` seconds for a
    slot, then gets a 429)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, per_client: int = PER_CLIENT, client_wait: float = CLIENT_WAIT):
        self.max_entries = max_entries
        self.per_client, self.client_wait = per_client, client_wait
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[Hashable, _Flight] = {}
        self._clients: dict[str, list] = {}          # client -> [semaphore, users]
        self.hits = self.misses = 0

    def get(self, signature: tuple, key: Hashable, compute: Callable[[], Any], client: str = "") -> Any:
        """The cached value of `key` for the store in the state `signature` (store_signature), computed once."""
        full = (key, signature)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                self.hits += 1
                return self._items[full]
            flight = self._flights.get(full)
            leader = flight is None
            if leader:
                flight = self._flights[full] = _Flight()
                self.misses += 1
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            with self._slot(client):
                flight.value = compute()
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                self._flights.pop(full, None)
                if flight.error is None:
                    self._items[full] = flight.value
                    self._items.move_to_end(full)
                    while len(self._items) > self.max_entries:
                        self._items.popitem(last=False)
            flight.done.set()
        return flight.value

    @contextlib.contextmanager
    def _slot(self, client: str):
        with self._lock:
            entry = self._clients.setdefault(client, [threading.BoundedSemaphore(self.per_client), 0])
            entry[1] += 1
        try:
            if not entry[0].acquire(timeout=self.client_wait):
                raise ApiError(429, BUSY, f"{self.per_client} indicator requests of yours are still being "
                               "computed: wait for them, then ask again", headers={"Retry-After": "5"})
            try:
                yield
            finally:
                entry[0].release()
        finally:
            with self._lock:
                entry[1] -= 1
                if entry[1] == 0:
                    self._clients.pop(client, None)      # the table holds only clients with work in flight

    def stats(self) -> dict:
        with self._lock:
            return {"entries": len(self._items), "hits": self.hits, "misses": self.misses,
                    "in_flight": len(self._flights)}


class _Flight:
    __slots__ = ("done", "value", "error")

    def __init__(self):
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None
