"""The event store: one DuckDB file. The only package that imports duckdb is multipolar.store."""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import duckdb

from multipolar.errors import QueryError, StoreError
from multipolar.model import Article, Event, Skipped
from multipolar.store import dedup, schema

DEFAULT_DB = "multipolar.duckdb"


def LOCK_WAIT() -> float:  # noqa: N802 - read at each open, so that tests and users can set it
    try:
        return float(os.environ.get("MULTIPOLAR_LOCK_WAIT", "10"))
    except ValueError:
        return 10.0


def _connect(path: str, read_only: bool, wait: float):
    deadline, pause = time.monotonic() + max(wait, 0.0), 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            msg = str(exc)
            if "could not read enough bytes" in msg.lower():
                raise damaged(path, exc) from exc
            if "lock" not in msg.lower():
                raise StoreError(f"cannot open store {path}: {msg}. Check the path and permissions, "
                                 f"or remove the file if it is not a DuckDB database") from exc
            if time.monotonic() >= deadline:
                raise StoreError(f"store {path} is in use by another process (an ingest or a data load writing "
                                 f"to it) for over {wait:g} s: wait for it to finish, set MULTIPOLAR_LOCK_WAIT "
                                 f"to wait longer, or use another --db") from exc
            time.sleep(pause)
            pause = min(pause * 1.5, 0.25)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}. Is it a DuckDB file?") from exc


class Store:
    """A DuckDB event store. Use as a context manager; writes are atomic per batch of articles."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False, wait: float | None = None,
             migrate: bool = True) -> "Store":
        """Open the store. DuckDB lets one process write a file while no other has it open, and several
        processes read it together: when another process holds it (a server answering a request, an ingest
        writing a batch), the open is retried for `wait` seconds (default $MULTIPOLAR_LOCK_WAIT or 10)."""
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"store {path} does not exist: run `multipolar ingest ... --db {path}` first")
        con = _connect(path, read_only, LOCK_WAIT() if wait is None else wait)
        try:
            if not read_only and migrate:
                schema.migrate(con)
            elif not schema.is_initialised(con):
                con.close()
                raise StoreError(f"store {path} holds no multipolar tables (an empty file, another program's "
                                 f"database, or an ingest killed before its first write): run "
                                 f"`multipolar ingest ... --db {path}` to initialise it")
        except duckdb.Error as exc:
            con.close()
            raise damaged(path, exc) from exc
        return cls(con, path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writes -------------------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        rows = self.con.execute("SELECT hash FROM articles WHERE hash IN (SELECT unnest(?))",
                                [list(hashes)]).fetchall()
        return {r[0] for r in rows}

    def add_coded(self, batch: Iterable[tuple[Article, int, list[Event]]]) -> int:
        """Store articles with their events in one transaction; returns the number of new articles.

        Articles whose content hash is already stored are left alone (ingesting twice adds nothing).
        """
        batch = list(batch)
        known = self.known_hashes([a.hash for a, _, _ in batch])
        fresh, seen = [], set(known)
        for item in batch:
            if item[0].hash not in seen:
                seen.add(item[0].hash)
                fresh.append(item)
        if not fresh:
            return 0
        art_rows, ev_rows, actor_rows = [], [], []
        for art, n_sent, events in fresh:
            art_rows.append((art.hash, art.id, art.url, art.title, art.date, art.source, art.text, n_sent,
                             events[0].coder if events else None))
            for ev in events:
                ev_rows.append(_event_row(art.hash, ev))
                actor_rows.extend(_actor_rows(ev))
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.executemany("INSERT INTO articles (hash, id, url, title, date, source, text, sentences, coder)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", art_rows)
            if ev_rows:
                ev_rows = dedup.assign_canonical(con, ev_rows)
                con.executemany(f"INSERT INTO events ({', '.join(dedup.EVENT_COLUMNS)}) "
                                f"VALUES ({', '.join('?' * len(dedup.EVENT_COLUMNS))})", ev_rows)
            if actor_rows:
                con.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", actor_rows)
            con.execute("COMMIT")
        except BaseException as exc:
            _rollback(con)                   # never lets "no transaction is active" hide the real cause
            if is_storage_failure(exc):
                raise StoreError(f"cannot write to store {self.path}: {exc}. Nothing of this batch was "
                                 "stored; free disk space (or fix the file system) and run the same command "
                                 "again, it resumes after the last stored batch") from exc
            raise
        return len(fresh)

    def add_coded_isolated(self, batch: Iterable[tuple[Article, int, list[Event]]]) -> tuple[int, list[Skipped]]:
        """`add_coded`, and when the batch fails on its data, again article by article: the article that
        cannot be stored is returned as a Skipped (and recorded), the others are stored. A failure of the
        storage itself (disk full, I/O error) is no article's fault and raises StoreError."""
        batch = list(batch)
        try:
            return self.add_coded(batch), []
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - find the article that breaks, store the rest
            if len(batch) == 1:
                failed = [_unstorable(batch[0][0], exc)]
                self.add_skipped(failed)
                return 0, failed
        added, failed = 0, []
        for item in batch:
            n, bad = self.add_coded_isolated([item])
            added += n
            failed += bad
        return added, failed

    def add_skipped(self, skipped: Iterable[Skipped]) -> None:
        """Record unreadable inputs; the same (source, reason) is recorded once, so reruns add nothing."""
        insert_skipped(self.con, skipped)

    # ---- reads --------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "events", "skipped"):
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    def skipped(self) -> list[tuple[str, str]]:
        return self.con.execute("SELECT source, reason FROM skipped ORDER BY skipped_at").fetchall()

    def sql(self, query: str, params: Sequence | None = None):
        """Run a read query for the analysis layer; returns a pandas DataFrame."""
        return self.con.execute(query, params or []).df()


def damaged(path: str, exc: BaseException) -> StoreError:
    """The E030 for a store file that DuckDB cannot read through (truncated by a full disk or a cut copy)."""
    return StoreError(f"store {path} is damaged and cannot be read ({str(exc)[:200]}): the file was probably "
                      "truncated (a full disk, a copy cut short). Restore it from a backup, or ingest again "
                      "into a new --db")


def as_store_error(exc: BaseException, path: str = "") -> StoreError | None:
    """A DuckDB failure met while reading or writing a store, as the documented E030; None for other errors.
    For the CLI, which does not import duckdb."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException,
                        duckdb.FatalException)):
        return damaged(path or "file", exc)
    return None


def insert_skipped(con, skipped: Iterable[Skipped]) -> None:
    """Insert skipped inputs not recorded yet (the same source and reason once, however many reruns)."""
    rows = list(dict.fromkeys((s.source, s.reason) for s in skipped))
    if rows:
        con.executemany("INSERT INTO skipped (source, reason) SELECT ?, ? WHERE NOT EXISTS "
                        "(SELECT 1 FROM skipped WHERE source = ? AND reason = ?)", [(a, b, a, b) for a, b in rows])


def _rollback(con) -> None:
    """ROLLBACK after a failed statement; after a failed COMMIT there is no transaction left to end."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


_STORAGE_FAILURES = (duckdb.IOException, duckdb.OutOfMemoryException, duckdb.FatalException,
                     duckdb.InternalException, OSError, MemoryError)


_STORAGE_WORDS = ("invalidated", "could not write", "no space left", "file too large", "could not read",
                  "i/o error", "read-only file system", "out of memory")


def is_storage_failure(exc: BaseException) -> bool:
    """True when writing failed because of the disk or the database file, not because of the data."""
    if isinstance(exc, _STORAGE_FAILURES):
        return True
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(w in text for w in _STORAGE_WORDS)


def _unstorable(art: Article, exc: BaseException) -> Skipped:
    where = art.source or art.id
    return Skipped(where, f"E031 cannot store article {art.id} from {where}: {type(exc).__name__}: "
                          f"{str(exc)[:300]}. The other articles were stored; please report it with the input.")


def _event_row(article_hash: str, ev: Event) -> tuple:
    loc = ev.location
    return (ev.id, article_hash, ev.doc_id, ev.event, ev.mode, list(ev.context), ev.modality, ev.date,
            ev.date_precision, loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, ev.cameo, ev.intensity, ev.sentence,
            ev.span[0], ev.span[1], ev.trigger, ev.confidence, ev.coder, dedup.key(ev), None)


def _actor_rows(ev: Event) -> list[tuple]:
    rows = []
    for role, refs in (("actor", ev.actor), ("recipient", ev.recipient), ("claim_source", ev.source_of_claim)):
        for i, a in enumerate(refs):
            rows.append((ev.id, role, i, a.code, a.sector, a.text, a.name, a.kind))
    return rows


# The dates a CLI option or API parameter may name: file ingest reads earlier publication dates as unknown, and
# date arithmetic near year 1 or 9999 overflows. `as_date` is the one check (the API's 422 uses it too).
MIN_YEAR, MAX_YEAR = 1900, 2100


def as_date(value: str | date | None, name: str) -> date | None:
    """Parse a CLI/API date argument, naming it in the error: YYYY-MM-DD, between MIN_YEAR and MAX_YEAR."""
    if value is None:
        return None
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(value)
        except (ValueError, TypeError):
            raise QueryError(f"{name}={value!r} is not a date: use YYYY-MM-DD") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise QueryError(f"{name}={day.isoformat()} is out of range: use a date between {MIN_YEAR}-01-01 and "
                         f"{MAX_YEAR}-12-31")
    return day
