"""Sharing one store file between processes: a server that reads and CLI commands that write, at once.

DuckDB lets one process write a file while no other process has it open, and several processes read it together.
So nobody holds the file longer than one piece of work:

- `BriefStore` is what `multipolar ingest` writes through: each call (is this article stored? store this batch)
  opens the file, does its work and closes it. Between calls (while spaCy codes the next articles) the file is
  free, so a server or another command can read it; an open that meets a lock waits (Store.open's `wait`).
- `multipolar serve` opens the file read-only for each request and closes it after (web.app.Backend).
- `refresh_summaries` brings the web summary tables up to date after a write, so the server shows the new
  events at once; a server that finds them stale (a writer that did not refresh) builds them per request as
  TEMP tables of its own read-only connection (`temp_summaries`), correct but slower on a large store.
"""
from __future__ import annotations

from pathlib import Path

from multipolar.store import web_queries as q
from multipolar.store.db import Store

_READS = frozenset({"known_hashes", "counts", "skipped", "sql"})
REBUILD_MAX = 1_000_000        # events up to which a write rebuilds the web summaries instead of appending


class BriefStore:
    """A Store whose every method call opens the file, runs, and closes it (reads read-only).

    Made with `BriefStore.create(path)`, which opens the file once for writing (creating and migrating it)."""

    SNAPSHOT_MAX = 2_000_000     # stored articles up to which known_hashes answers from one read at the start

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._known: set[str] | None = None
        self._snapshot_tried = False

    def known_hashes(self, hashes) -> set[str]:
        """Which of `hashes` are stored: from a snapshot of the stored hashes read once (an open per article
        costs tens of milliseconds), else one open per call. The snapshot only saves coding known articles again:
        the write itself (add_coded) checks the hashes in its own transaction, so an article another process
        stores meanwhile is still stored once."""
        if not self._snapshot_tried:
            self._snapshot_tried = True
            with Store.open(self.path, read_only=True) as store:
                n = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
                if n <= self.SNAPSHOT_MAX:
                    self._known = {r[0] for r in store.con.execute("SELECT hash FROM articles").fetchall()}
        if self._known is not None:
            return {h for h in hashes if h in self._known}
        with Store.open(self.path, read_only=True) as store:
            return store.known_hashes(hashes)

    @classmethod
    def create(cls, path: str | Path) -> "BriefStore":
        Store.open(path).close()
        return cls(path)

    def __getattr__(self, name: str):
        if name.startswith("_") or not callable(getattr(Store, name, None)):
            raise AttributeError(name)

        def call(*args, **kwargs):
            with Store.open(self.path, read_only=name in _READS, migrate=False) as store:
                return getattr(store, name)(*args, **kwargs)
        call.__name__ = name
        return call

    def __enter__(self) -> "BriefStore":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def close(self) -> None:
        pass


def refresh_summaries(store: Store) -> bool:
    """After a write: bring the web summaries up to date when a server built them before and they are now stale
    (a store never served has none and is left alone). Up to REBUILD_MAX events they are rebuilt, exact and in date
    order (well under a second at 100k events); above it the events missing from them are appended (they list first
    until a full rebuild), unless that does not account for every event. Returns whether anything changed."""
    if not q._has_table(store, "web_events") or summaries_current(store):
        return False
    missing = [r[0] for r in store.con.execute(
        "SELECT e.id FROM events e ANTI JOIN web_events w ON w.id = e.id").fetchall()]
    n_web = store.con.execute("SELECT count(*) FROM web_events").fetchone()[0]
    n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    if (n_events > REBUILD_MAX and missing and n_web + len(missing) == n_events
            and q._meta(store, "web_summary_version") == q.SUMMARY_VERSION):
        store.con.execute("BEGIN TRANSACTION")
        try:
            q.append_events(store, missing)
            store.con.execute("COMMIT")
        except BaseException:
            store.con.execute("ROLLBACK")
            raise
        return True
    return q.build_summaries(store, force=True)


def temp_summaries(store: Store) -> None:
    """The web summary tables as TEMP tables of this (read-only) connection, shadowing stale stored ones."""
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE web_events AS " + q._WEB_EVENTS_SELECT.format(
        k_expr="row_number() OVER (ORDER BY e.date DESC NULLS LAST, e.id)", where_actors="", where_events="")
        + " ORDER BY k")
    con.execute("CREATE OR REPLACE TEMP TABLE web_pairs AS " + q._WEB_PAIRS_SELECT.format(source="web_events")
                + " ORDER BY actor, recipient, k")
    con.execute("CREATE OR REPLACE TEMP TABLE dyad_month AS " +
                q._DYAD_MONTH_SELECT.format(source="web_events", extra="") + " ORDER BY actor, month")
    con.execute("CREATE OR REPLACE TEMP TABLE dyad_pairs AS SELECT actor, recipient, sum(n)::BIGINT AS n,"
                " sum(score_sum) AS score_sum, sum(n_coop)::BIGINT AS n_coop, sum(n_conflict)::BIGINT AS n_conflict"
                " FROM dyad_month GROUP BY ALL ORDER BY n DESC, actor, recipient")


def summaries_current(store: Store) -> bool:
    """The stored summaries hold every stored event (what a reader checks before trusting them); rows appended
    through the API count as current even before a full rebuild puts them in date order."""
    if not all(q._has_table(store, t) for t in ("web_events", "web_pairs", "dyad_month", "dyad_pairs")):
        return False
    n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return q._meta(store, "web_summary_version") == q.SUMMARY_VERSION and q._meta(store, "web_events_n") == str(n)
