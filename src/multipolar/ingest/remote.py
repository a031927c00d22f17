"""Inputs that are not files: a web address (`multipolar ingest https://...`) and standard input (`ingest -`).

A URL is fetched with httpx (timeouts, a size cap, redirects followed by hand, at most MAX_REDIRECTS) and the page
is read by the HTML reader (trafilatura, htmldate for the publication date); an RSS/Atom feed or a JSONL or text
body is read by its own reader. The address the user gives is fetched as given (an intranet page, a local test
server); a redirect may lead only to the same host or to public addresses: a page on the web must not send
multipolar to loopback, private, link-local or reserved addresses (a service on the user's own network).
MULTIPOLAR_FETCH_ALLOW_PRIVATE=1 lifts that check, for tests that redirect between local servers only.

A failure never raises: it becomes a Skipped (E019) naming the address and the fix, like an unreadable file.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from multipolar.model import Article, Skipped

TIMEOUT = 20.0                 # seconds to connect, and between bytes read
MAX_BYTES = 5_000_000          # a page larger than this is refused
MAX_REDIRECTS = 5
ALLOW_PRIVATE_ENV = "MULTIPOLAR_FETCH_ALLOW_PRIVATE"
USER_AGENT = "multipolar (+https://github.com/openeventdata/PLOVER; news event coding)"


def is_url(text: str) -> bool:
    return str(text).lower().startswith(("http://", "https://"))


def _skip(url: str, reason: str) -> Skipped:
    return Skipped(url, f"E019 cannot fetch {url}: {reason}")


def _public(host: str) -> str | None:
    """None when every address `host` resolves to is public; else why not."""
    if os.environ.get(ALLOW_PRIVATE_ENV, "").strip() not in ("", "0"):
        return None
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        return f"the host {host!r} does not resolve ({exc}). Check the address and the network"
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            return (f"{host} resolves to {ip}, a loopback, private or reserved address; a redirect may lead only "
                    f"to public addresses. Save the page and ingest the file, or give the final address itself")
    return None


def fetch(url: str) -> tuple[str, bytes, str] | Skipped:
    """(final URL, body, content type) of a public page, or a Skipped saying why not."""
    import httpx

    current, origin = url, (urlsplit(url).hostname or "").lower()
    with httpx.Client(timeout=httpx.Timeout(TIMEOUT), follow_redirects=False,
                      headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                return _skip(url, f"{current!r} is not an http(s) address")
            if current != url and parts.hostname.lower() != origin:      # a redirect to another host
                why = _public(parts.hostname)
                if why:
                    return _skip(url, f"it redirects to {current}, and {why}")
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        target = resp.headers.get("location")
                        if not target:
                            return _skip(url, f"HTTP {resp.status_code} redirect without a Location")
                        current = urljoin(current, target)
                        continue
                    if resp.status_code >= 400:
                        return _skip(url, f"HTTP {resp.status_code}. Check the address, or save the page and "
                                          "ingest the file")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                        return _skip(url, f"the page is {int(declared):,} bytes, over the {MAX_BYTES:,} bytes accepted")
                    body = bytearray()
                    for chunk in resp.iter_bytes(1 << 16):
                        body += chunk
                        if len(body) > MAX_BYTES:
                            return _skip(url, f"the page is over the {MAX_BYTES:,} bytes accepted")
                    return current, bytes(body), resp.headers.get("content-type", "")
            except httpx.TimeoutException:
                return _skip(url, f"no answer within {TIMEOUT:g} s. Try again later, or save the page and ingest "
                                  "the file")
            except httpx.HTTPError as exc:
                return _skip(url, f"{type(exc).__name__}: {exc}. Check the address and the network")
    return _skip(url, f"more than {MAX_REDIRECTS} redirects")


def _kind(content_type: str, body: bytes) -> str | None:
    ct = content_type.split(";")[0].strip().lower()
    if ct in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return "feed"
    if ct in ("text/plain",):
        return "text"
    if ct in ("application/x-ndjson", "application/jsonl", "application/json"):
        return "jsonl"
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    return None


_SUFFIX = {"text": ".txt", "html": ".html", "feed": ".xml", "jsonl": ".jsonl"}


def _read_bytes(data: bytes, kind: str | None, source: str, url: str | None = None) -> Iterator[Article | Skipped]:
    """Read `data` with the reader for `kind` (sniffed when None) through a temporary file; records name
    `source` instead of the temporary path."""
    from multipolar.ingest import read_one, sniff

    with tempfile.TemporaryDirectory(prefix="multipolar-") as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        if kind is None:
            found = sniff(path)
            if isinstance(found, Skipped):
                yield replace(found, source=source, reason=found.reason.replace(str(path), source))
                return
            kind = found
        named = path.with_suffix(_SUFFIX[kind])
        path.rename(named)
        for rec in read_one(named, kind):
            if isinstance(rec, Skipped):
                yield Skipped(source, rec.reason.replace(str(named), source))
            else:
                yield replace(rec, source=source if rec.source == str(named) else
                              rec.source.replace(str(named), source), url=rec.url or url)


def read_url(url: str) -> Iterator[Article | Skipped]:
    """The article(s) at a web address: a page, a feed, a JSONL or text body."""
    got = fetch(url)
    if isinstance(got, Skipped):
        yield got
        return
    final, body, ctype = got
    yield from _read_bytes(body, _kind(ctype, body), url, url=final)


def read_stdin(stream=None) -> Iterator[Article | Skipped]:
    """The article(s) piped in (`ingest -`): text, HTML, a feed or JSONL, told apart by their first bytes."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield Skipped("<stdin>", f"E015 cannot read standard input: over {MAX_BYTES:,} bytes. Save it to a file "
                                 "and ingest the file")
        return
    yield from _read_bytes(data, None, "<stdin>")
