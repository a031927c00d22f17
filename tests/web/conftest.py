"""A real DuckDB store coded from examples/ and a real uvicorn server on 127.0.0.1 for the web tests."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Path:
    """examples/ ingested through the real pipeline and coder, once per test session."""
    from multipolar.pipeline import ingest
    from multipolar.store.db import Store

    path = tmp_path_factory.mktemp("web") / "examples.duckdb"
    with Store.open(path) as store:
        stats = ingest([REPO / "examples"], store)
    assert stats.events > 20, "the examples should code into events"
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, app):
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start within 30 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def _serve(tmp_path_factory, example_store, **kw):
    from multipolar.web.app import create_app

    path = tmp_path_factory.mktemp("srv") / "store.duckdb"
    shutil.copy(example_store, path)
    return LiveServer(create_app(path, **kw))


@pytest.fixture(scope="module")
def server(tmp_path_factory, example_store):
    """A read-only server (no write token)."""
    with _serve(tmp_path_factory, example_store, max_body=200_000) as srv:
        yield srv


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="module")
def writable(tmp_path_factory, example_store):
    """A server that accepts POST /api/v1/articles with the bearer TOKEN."""
    with _serve(tmp_path_factory, example_store, write_token=TOKEN, max_body=200_000) as srv:
        yield srv


@pytest.fixture(scope="session")
def ref_server(tmp_path_factory, example_store, shared):
    """A read-only server over examples/ plus the reference data of ../shared (UN votes, WDI, sanctions, blocs):
    what the stance, isolation, blocs and agreement endpoints need. Skips without ../shared."""
    from multipolar.store import reference
    from multipolar.store.db import Store
    from multipolar.web.app import create_app

    path = tmp_path_factory.mktemp("ref") / "store.duckdb"
    shutil.copy(example_store, path)
    data = shared / "data"
    with Store.open(path) as store:
        reference.load_unvotes(store, data / "undl_votes_ga_sc_1946_2025.csv.gz")
        reference.load_wdi(store, data / "wdi_pop_gdp.csv")
        reference.load_sanctions(store)
        reference.load_blocs(store)
    app = create_app(path)
    with LiveServer(app) as srv:
        srv.backend = app.state.backend
        yield srv
