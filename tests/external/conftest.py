"""A real HTTP server on 127.0.0.1 (random port, in a thread) serving files for the fetch tests."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "data"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def served(tmp_path):
    """(base_url, folder): files copied into `folder` are served at base_url/<name>."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()

