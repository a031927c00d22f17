"""A real Dask LocalCluster (2 worker processes, one thread each) shared by the scale tests, a corpus made of
examples/ plus a generated JSONL, and the single-process store the Dask path must reproduce exactly."""
from __future__ import annotations

import json
import logging
import signal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TIME_LIMIT_S = 240          # every scale test is cut off after this (spaCy loads in 2 workers take ~10 s)


@pytest.fixture(autouse=True)
def time_limit():
    def stop(signum, frame):
        raise TimeoutError(f"scale test ran past {TIME_LIMIT_S}s")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(TIME_LIMIT_S)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> list[Path]:
    """examples/ and a generated JSONL: example texts re-dated and renumbered, a repeated article (a duplicate)
    and a broken line (a skipped input)."""
    base = tmp_path_factory.mktemp("corpus")
    texts = sorted((REPO / "examples").glob("*.txt"))
    lines = []
    for k in range(4):
        for i, p in enumerate(texts):
            body = p.read_text(encoding="utf-8")
            lines.append(json.dumps({"id": f"gen-{k}-{i}", "date": f"202{k}-0{1 + i % 9}-1{k}",
                                     "url": f"https://wire{k}.example.org/{i}",
                                     "text": f"Dispatch {k}.{i}.\n{body}"}))
    lines.insert(5, lines[2])                             # the same article twice
    lines.insert(9, '{"id": "broken", "text": ')          # unreadable line
    lines.append(json.dumps({"id": "earnings", "date": "2024-05-02", "text": (     # off-topic: the story gate skips it
        "Quarterly revenue at the retailer rose 8 percent, beating forecasts. Demand for its sneakers outstripped "
        "supply. Its shares closed 3 percent higher in London.")}))
    path = base / "generated.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [REPO / "examples", path]


@pytest.fixture(scope="session")
def single_store(corpus, tmp_path_factory) -> Path:
    """The reference: the corpus ingested by the single-process path."""
    from multipolar.pipeline import ingest
    from multipolar.store.db import Store

    path = tmp_path_factory.mktemp("single") / "single.duckdb"
    with Store.open(path) as store:
        stats = ingest(corpus, store)
    assert stats.articles > 30 and stats.duplicates >= 1 and stats.skipped and stats.off_topic == 1
    return path


@pytest.fixture(scope="session")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="2GB",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as c:
        c.wait_for_workers(2, timeout=120)
        yield c
