"""Coded articles as Parquet, partitioned by date (hive style: events/year=2024/month=6/part-<chunk>.parquet).

A chunk is committed when its manifest (_manifest/<chunk>.json) exists. Part files are written under a
temporary name and renamed into place, then the manifest is written the same way; a crash can leave part
files that no manifest lists, and `recover` deletes them before the next run, so readers (and DuckDB
querying the folder in place) only ever see committed chunks. The manifests list the content hashes of the
articles each chunk holds: a re-run skips them, so nothing is coded or written twice.

Undated articles and events go to year=0/month=0. Event participants are nested lists of structs, with
flat code lists next to them for queries in place (`list_contains(actor_codes, 'RUS')`).
"""
from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from multipolar.model import ActorRef, Article, Event, Location, Skipped

MANIFEST = "_manifest"
DATASETS = ("articles", "events")
_REF = pa.struct([("code", pa.string()), ("sector", pa.string()), ("text", pa.string()), ("name", pa.string()),
                  ("kind", pa.string())])
ARTICLES = pa.schema([("seq", pa.int64()), ("hash", pa.string()), ("id", pa.string()), ("url", pa.string()),
                      ("title", pa.string()), ("date", pa.date32()), ("source", pa.string()), ("text", pa.string()),
                      ("sentences", pa.int32()), ("coder", pa.string())])
EVENTS = pa.schema([
    ("seq", pa.int64()), ("id", pa.string()), ("article_hash", pa.string()), ("doc_id", pa.string()),
    ("event", pa.string()), ("mode", pa.string()), ("context", pa.list_(pa.string())), ("modality", pa.string()),
    ("date", pa.date32()), ("date_precision", pa.string()), ("location_name", pa.string()),
    ("location_country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("cameo", pa.string()),
    ("intensity", pa.float64()), ("sentence", pa.string()), ("span_start", pa.int32()), ("span_end", pa.int32()),
    ("trigger", pa.string()), ("confidence", pa.float64()), ("coder", pa.string()),
    ("actor", pa.list_(_REF)), ("recipient", pa.list_(_REF)), ("source_of_claim", pa.list_(_REF)),
    ("actor_codes", pa.list_(pa.string())), ("recipient_codes", pa.list_(pa.string()))])


# ---- records <-> Arrow ------------------------------------------------------------------------------

def _refs(refs: Iterable[ActorRef]) -> list[dict]:
    return [{"code": r.code, "sector": r.sector, "text": r.text, "name": r.name, "kind": r.kind} for r in refs]


def to_tables(coded: Iterable[tuple[int, Article, int, list[Event]]]) -> tuple[pa.Table, pa.Table]:
    """(articles, events) tables of coded articles; `seq` is each article's place in the input stream."""
    arts, evs = [], []
    for seq, art, n_sent, events in coded:
        arts.append({"seq": seq, "hash": art.hash, "id": art.id, "url": art.url, "title": art.title,
                     "date": art.date, "source": art.source, "text": art.text, "sentences": n_sent,
                     "coder": events[0].coder if events else None})
        for ev in events:
            loc = ev.location
            evs.append({
                "seq": seq, "id": ev.id, "article_hash": art.hash, "doc_id": ev.doc_id, "event": ev.event,
                "mode": ev.mode, "context": list(ev.context), "modality": ev.modality, "date": ev.date,
                "date_precision": ev.date_precision, "location_name": loc.name if loc else None,
                "location_country": loc.country if loc else None, "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None, "cameo": ev.cameo, "intensity": ev.intensity,
                "sentence": ev.sentence, "span_start": ev.span[0], "span_end": ev.span[1], "trigger": ev.trigger,
                "confidence": ev.confidence, "coder": ev.coder, "actor": _refs(ev.actor),
                "recipient": _refs(ev.recipient), "source_of_claim": _refs(ev.source_of_claim),
                "actor_codes": [a.code for a in ev.actor], "recipient_codes": [a.code for a in ev.recipient]})
    return pa.Table.from_pylist(arts, ARTICLES), pa.Table.from_pylist(evs, EVENTS)


def _ref_objs(items) -> tuple[ActorRef, ...]:
    return tuple(ActorRef(code=d["code"], text=d["text"], name=d["name"], sector=d["sector"], kind=d["kind"])
                 for d in items or ())


def from_tables(articles: pa.Table, events: pa.Table) -> list[tuple[int, Article, int, list[Event]]]:
    """The coded articles back, in input order (seq), each with its events in coder order."""
    by_hash: dict[str, list[Event]] = {}
    for r in events.to_pylist():
        loc = Location(r["location_name"], r["location_country"], r["lat"], r["lon"]) \
            if r["location_name"] is not None else None
        by_hash.setdefault(r["article_hash"], []).append(Event(
            id=r["id"], doc_id=r["doc_id"], event=r["event"], actor=_ref_objs(r["actor"]),
            recipient=_ref_objs(r["recipient"]), mode=r["mode"], context=tuple(r["context"] or ()),
            modality=r["modality"], date=r["date"], date_precision=r["date_precision"], location=loc,
            cameo=r["cameo"], intensity=r["intensity"], sentence=r["sentence"],
            span=(r["span_start"], r["span_end"]), trigger=r["trigger"], confidence=r["confidence"],
            source_of_claim=_ref_objs(r["source_of_claim"]), coder=r["coder"]))
    out = []
    for r in sorted(articles.to_pylist(), key=lambda r: r["seq"]):
        art = Article(id=r["id"], text=r["text"], date=r["date"], url=r["url"], title=r["title"],
                      source=r["source"], hash=r["hash"])
        evs = sorted(by_hash.get(r["hash"], []), key=lambda e: int(e.id.rsplit("-", 1)[1]))
        out.append((r["seq"], art, r["sentences"], evs))
    return out


# ---- writing a chunk --------------------------------------------------------------------------------

def _partition(d: date | None) -> str:
    return f"year={d.year}/month={d.month}" if d else "year=0/month=0"


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def new_run_id() -> str:
    """Part of every chunk name of one run, so chunks of different runs never share a file name."""
    return uuid.uuid4().hex[:8]


@dataclass
class ChunkInfo:
    chunk: str
    first_seq: int
    hashes: list[str]
    skipped: list[list[str]] = field(default_factory=list)     # [source, reason]
    files: list[str] = field(default_factory=list)
    sentences: int = 0
    events: int = 0
    written: float = 0.0


def write_chunk(out_dir: str | Path, info: ChunkInfo, articles: pa.Table, events: pa.Table) -> ChunkInfo:
    """Write the chunk's part files, one per date partition, then commit it with its manifest."""
    out = Path(out_dir)
    for name, table in (("articles", articles), ("events", events)):
        if table.num_rows == 0:
            continue
        dates = table.column("date").to_pylist()
        groups: dict[str, list[int]] = {}
        for i, d in enumerate(dates):
            groups.setdefault(_partition(d), []).append(i)
        for part, rows in sorted(groups.items()):
            rel = f"{name}/{part}/part-{info.chunk}.parquet"
            piece = table.take(pa.array(rows, pa.int64()))
            _atomic_write(out / rel, lambda p, t=piece: pq.write_table(t, p, compression="zstd"))
            info.files.append(rel)
    info.written = time.time()
    body = json.dumps(info.__dict__, ensure_ascii=False).encode("utf-8")
    _atomic_write(out / MANIFEST / f"{info.chunk}.json", lambda p: p.write_bytes(body))
    return info


# ---- reading the folder back --------------------------------------------------------------------------

@dataclass
class Committed:
    """What a Parquet folder holds: its committed chunks (oldest run first, then input order)."""

    chunks: list[ChunkInfo]

    def hashes(self) -> set[str]:
        return {h for c in self.chunks for h in c.hashes}

    def skipped_sources(self) -> set[str]:
        return {s[0] for c in self.chunks for s in c.skipped}


def committed(out_dir: str | Path) -> Committed:
    chunks = []
    mdir = Path(out_dir) / MANIFEST
    if mdir.is_dir():
        for p in mdir.glob("*.json"):
            chunks.append(ChunkInfo(**json.loads(p.read_text(encoding="utf-8"))))
    runs: dict[str, float] = {}
    for c in chunks:                        # order runs by their first commit, chunks by input position
        run = c.chunk.split("-")[0]
        runs[run] = min(runs.get(run, c.written), c.written)
    chunks.sort(key=lambda c: (runs[c.chunk.split("-")[0]], c.first_seq))
    return Committed(chunks)


def recover(out_dir: str | Path) -> Committed:
    """Delete what an interrupted run left behind (part files of uncommitted chunks, temp files)."""
    out = Path(out_dir)
    done = committed(out)
    keep = {f for c in done.chunks for f in c.files}
    for name in DATASETS:
        base = out / name
        if not base.is_dir():
            continue
        for p in base.rglob("*"):
            if p.is_file() and (p.name.endswith(".tmp") or p.relative_to(out).as_posix() not in keep):
                p.unlink()
    for p in (out / MANIFEST).glob(".*.tmp") if (out / MANIFEST).is_dir() else ():
        p.unlink()
    return done


def read_chunk(out_dir: str | Path, info: ChunkInfo) -> tuple[pa.Table, pa.Table]:
    out = Path(out_dir)
    tables = {}
    for name, schema in (("articles", ARTICLES), ("events", EVENTS)):
        parts = [pq.read_table(out / f, schema=schema) for f in info.files if f.startswith(name + "/")]
        tables[name] = pa.concat_tables(parts) if parts else schema.empty_table()
    return tables["articles"], tables["events"]


def skipped_of(info: ChunkInfo) -> list[Skipped]:
    return [Skipped(src, reason) for src, reason in info.skipped]
