"""`multipolar serve` and the CLI on one store at once, as two real processes on 127.0.0.1 (bounded in time).

The server opens the store read-only per request, so `events`, `stance` and an `ingest` into the same file run
while it serves, and the new events show on the next request. The store is made the way `make run` makes it:
the reference data shipped in the package, then examples/: the stance map has camps for most states.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]


def _cli(*args, **kw):
    return [sys.executable, "-m", "multipolar.cli", *map(str, args)]


@pytest.fixture(scope="module")
def made_store(tmp_path_factory):
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb"}
    env.pop("MULTIPOLAR_NO_DEFAULTS", None)                  # as `make run`: a new store gets the bundled data
    db = tmp_path_factory.mktemp("served") / "run.duckdb"
    made = subprocess.run(_cli("ingest", REPO / "examples", "--db", db), capture_output=True, text=True,
                          timeout=300, env=env)
    assert made.returncode == 0, made.stderr
    assert "reference data: unvotes (958,459 rows)" in made.stderr
    return db, env


@pytest.fixture
def server(made_store):
    db, env = made_store
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(_cli("serve", "--db", db, "--port", port), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(url + "/api/v1/health", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"serve did not start: {proc.stderr.read()[-2000:]}")
        time.sleep(0.2)
    try:
        yield url, db, env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_map_is_coloured_without_any_further_command(server):
    url, _, _ = server
    body = httpx.get(url + "/api/v1/stance", params={"target": "RUS", "on": "2023-03-31", "limit": 1000},
                     timeout=120).json()
    camps = [r["camp"] for r in body["items"] if r.get("camp")]
    assert len(camps) >= 150, body.get("camps")
    assert "condemning" in camps and {"leaning_towards", "supporting"} & set(camps)     # a map of several colours


def test_cli_reads_and_ingests_while_serving_and_the_server_shows_new_events(server, tmp_path):
    url, db, env = server
    before = {e["id"] for e in httpx.get(url + "/api/v1/events", params={"limit": 1000}, timeout=60).json()["items"]}
    statuses: list[int] = []
    stop = threading.Event()

    def poll():                       # the dashboard keeps asking while the CLI works
        while not stop.is_set():
            statuses.append(httpx.get(url + "/api/v1/events", params={"limit": 50, "party": "RUS"},
                                      timeout=60).status_code)
            time.sleep(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        events = subprocess.run(_cli("events", "--db", db, "--format", "json", "--limit", "5"), capture_output=True,
                                text=True, timeout=120, env=env)
        stance = subprocess.run(_cli("stance", "RUS", "--date", "2022-03-31", "--db", db),
                                capture_output=True, text=True, timeout=300, env=env)
        new = tmp_path / "new.txt"
        new.write_text("Date: 2025-02-03\n\nIndia and Brazil signed a defence cooperation agreement in New Delhi "
                       "on Monday, the two governments said.\n")
        ingest = subprocess.run(_cli("ingest", new, "--db", db), capture_output=True, text=True, timeout=300,
                                env=env)
    finally:
        stop.set()
        poller.join(timeout=60)
    assert events.returncode == 0 and events.stdout.lstrip().startswith("["), events.stderr
    assert stance.returncode == 0 and "condemning" in stance.stdout, stance.stderr
    assert ingest.returncode == 0 and "articles: 1 new" in ingest.stderr, ingest.stderr
    assert statuses and set(statuses) == {200}, statuses
    deadline = time.monotonic() + 10                 # the server shows the new events within a few seconds
    while True:
        after = httpx.get(url + "/api/v1/events", params={"limit": 1000}, timeout=60).json()["items"]
        added = [e for e in after if e["id"] not in before]
        if added or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert added and {e["date"] for e in added} == {"2025-02-03"}
    assert after[0]["date"] == "2025-02-03"          # newest first: the summaries were rebuilt in date order
