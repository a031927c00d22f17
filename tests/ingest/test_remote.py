"""Web addresses and standard input (ingest/remote.py), over real HTTP on 127.0.0.1 (no network needed).

The address given is fetched as given (here a loopback server); a redirect to another host must lead to a public
address, which the tests check with redirects to localhost and private addresses.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from multipolar.ingest import read_paths
from multipolar.ingest import remote
from multipolar.model import Article, Skipped

REPO = Path(__file__).resolve().parents[2]
PAGE = (REPO / "examples" / "2024-05-16_putin_beijing.html").read_bytes()
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Talks</title><link>http://example.org/1</link><pubDate>Tue, 18 Jun 2024 10:00:00 GMT</pubDate>
<description>Vladimir Putin met Kim Jong Un in Pyongyang on Tuesday and the two leaders signed a partnership
treaty, the Kremlin said.</description></item></channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        port = self.server.server_address[1]
        routes = {"/a.html": (200, "text/html; charset=utf-8", PAGE),
                  "/feed.xml": (200, "application/rss+xml", FEED),
                  "/big": (200, "text/html", b"<html>" + b"x" * 300_000 + b"</html>"),
                  "/missing": (404, "text/plain", b"no")}
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{port}/a.html")
            self.end_headers()
            return
        if self.path.startswith("/to/"):              # a redirect to another host: /to/<host>
            self.send_response(302)
            self.send_header("Location", f"http://{self.path[4:]}:{port}/a.html")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(autouse=True)
def no_opt_in(monkeypatch):
    monkeypatch.delenv(remote.ALLOW_PRIVATE_ENV, raising=False)


def test_redirects_to_private_addresses_of_another_host_are_refused(site, monkeypatch):
    for host in ("localhost", "10.1.2.3", "169.254.169.254"):
        [rec] = list(read_paths([f"{site}/to/{host}"]))
        assert isinstance(rec, Skipped) and rec.reason.startswith("E019"), (host, rec)
        assert "loopback, private or reserved" in rec.reason and rec.source == f"{site}/to/{host}"
    for host in ("10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "127.0.0.1"):
        assert remote._public(host), host
    monkeypatch.setenv(remote.ALLOW_PRIVATE_ENV, "1")                 # the test-only opt-in lifts the check
    [art] = list(read_paths([f"{site}/to/localhost"]))
    assert isinstance(art, Article) and art.date == date(2024, 5, 16)


def test_a_page_is_read_with_its_publication_date(site):
    [art] = list(read_paths([site + "/a.html"]))
    assert isinstance(art, Article), art
    assert art.date == date(2024, 5, 16) and art.source == site + "/a.html"
    assert art.title.startswith("Putin and Xi") and "Beijing" in art.text


def test_redirects_on_the_same_host_are_followed_and_feeds_read_by_type(site):
    [art] = list(read_paths([site + "/moved"]))
    assert isinstance(art, Article) and art.date == date(2024, 5, 16) and art.source == site + "/moved"
    assert art.url.endswith("putin-state-visit-beijing")                 # the page's canonical address
    [item] = list(read_paths([site + "/feed.xml"]))
    assert isinstance(item, Article) and item.date == date(2024, 6, 18) and "Pyongyang" in item.text
    assert item.source.startswith(site + "/feed.xml")


def test_failures_are_skipped_with_the_reason(site, monkeypatch):
    [missing] = list(read_paths([site + "/missing"]))
    assert isinstance(missing, Skipped) and "HTTP 404" in missing.reason
    [loop] = list(read_paths([site + "/loop"]))
    assert isinstance(loop, Skipped) and "redirects" in loop.reason
    monkeypatch.setattr(remote, "MAX_BYTES", 100_000)
    [big] = list(read_paths([site + "/big"]))
    assert isinstance(big, Skipped) and "100,000 bytes" in big.reason
    [closed] = list(read_paths(["http://127.0.0.1:9/x.html"]))          # nothing listens on port 9
    assert isinstance(closed, Skipped) and closed.reason.startswith("E019")


def test_stdin_text_html_and_jsonl():
    [txt] = list(remote.read_stdin(io.BytesIO(b"Date: 2024-06-19\n\nVladimir Putin arrived in Hanoi on "
                                              b"Wednesday for talks with To Lam, state media said.\n")))
    assert isinstance(txt, Article) and txt.date == date(2024, 6, 19) and txt.source == "<stdin>"
    [page] = list(remote.read_stdin(io.BytesIO(PAGE)))
    assert isinstance(page, Article) and page.date == date(2024, 5, 16)
    lines = list(remote.read_stdin(io.BytesIO(b'{"id": "a", "text": "Russia and China held talks in Moscow on '
                                              b'Monday about trade.", "date": "2024-03-01"}\n{"id": 5\n')))
    assert isinstance(lines[0], Article) and lines[0].date == date(2024, 3, 1)
    assert isinstance(lines[1], Skipped) and lines[1].source.startswith("<stdin>")


def test_default_date_goes_to_undated_articles_only(tmp_path):
    undated = tmp_path / "plain.txt"
    undated.write_text("Russia and China signed a trade agreement in Moscow, officials said on the day.\n")
    dated = tmp_path / "dated.txt"
    dated.write_text("Date: 2023-02-01\n\nIndia and Brazil signed a defence agreement in New Delhi.\n")
    arts = list(read_paths([undated, dated], default_date=date(2025, 1, 2)))
    assert [a.date for a in arts] == [date(2025, 1, 2), date(2023, 2, 1)]
    assert [a.date for a in read_paths([undated])] == [None]


def test_cli_ingest_of_stdin_url_and_an_undated_file(site, tmp_path):
    """One real `multipolar ingest - URL FILE`: stdin and the page are stored, the undated file is named."""
    undated = tmp_path / "undated.txt"
    undated.write_text("Russia and China signed a trade agreement in Moscow, officials said.\n")
    db = tmp_path / "s.duckdb"
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb"}
    env.pop(remote.ALLOW_PRIVATE_ENV, None)
    run = subprocess.run([sys.executable, "-m", "multipolar.cli", "ingest", "-", site + "/a.html", str(undated),
                          "--db", str(db)], input=b"Date: 2024-06-19\n\nVladimir Putin arrived in Hanoi on "
                         b"Wednesday for talks with To Lam.\n", capture_output=True, timeout=240, env=env)
    err = run.stderr.decode()
    assert run.returncode == 0, err
    assert "articles: 3 new" in err and "undated: 1" in err
    assert f"no publication date in {undated}" in err.replace("\n", " ")
    later = tmp_path / "later.txt"
    later.write_text("India and Brazil signed a defence agreement in New Delhi, officials said.\n")
    run = subprocess.run([sys.executable, "-m", "multipolar.cli", "ingest", str(later), "--date", "2025-03-04",
                          "--db", str(db)], capture_output=True, timeout=240, env=env)
    assert run.returncode == 0 and "undated: 0" in run.stderr.decode(), run.stderr.decode()
    from multipolar.store.db import Store
    with Store.open(db, read_only=True) as store:
        rows = dict(store.con.execute("SELECT source, date FROM articles").fetchall())
    assert rows["<stdin>"] == date(2024, 6, 19) and rows[site + "/a.html"] == date(2024, 5, 16)
    assert rows[str(undated)] is None and rows[str(later)] == date(2025, 3, 4)
    bad = subprocess.run([sys.executable, "-m", "multipolar.cli", "ingest", str(later), "--date", "March",
                          "--db", str(db)], capture_output=True, timeout=60, env=env)
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr.decode()
