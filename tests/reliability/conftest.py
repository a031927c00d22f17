"""Fixtures of the reliability tests (helpers live in _support.py)."""
from __future__ import annotations

import socketserver
import threading

import pytest

from ._support import _Canary


def _start_canary():
    handler = type("Canary", (_Canary,), {"hits": []})
    srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}", handler.hits


@pytest.fixture
def canary():
    """A loopback HTTP server that records every request: nothing in ingest may ever call it."""
    srv, url, hits = _start_canary()
    yield url, hits
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def module_canary():
    srv, url, hits = _start_canary()
    yield url, hits
    srv.shutdown()
    srv.server_close()
