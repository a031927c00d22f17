"""Transport-level hygiene for `multipolar serve` (issue 15 F9): a Host-header allow-list and a time limit on
reading a request's headers.

- Host allow-list: a page on another site can make a browser send requests to 127.0.0.1 under its own name
  (DNS rebinding); the browser then lets that page read the answers. Refusing every Host that is not this
  server's own name (by default: the bound address and localhost) closes that door.
- Header timeout: uvicorn's h11 protocol waits for a request's headers without a time limit, so a few thousand
  connections that send one byte a minute (slowloris) hold the server's sockets. HeaderTimeoutH11 closes a
  connection whose request headers are not complete HEADER_TIMEOUT seconds after it opened or after its last
  response.
"""
from __future__ import annotations

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from multipolar.web import errors

HEADER_TIMEOUT = 10.0
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def allowed_hosts(bound: str | None, extra: list[str] | tuple[str, ...] = ()) -> frozenset[str] | None:
    """The host names a request may carry: localhost names, the bound address (unless a wildcard) and `extra`.
    None (no check) when `extra` holds '*'."""
    names = {h.strip().lower().strip("[]") for h in extra if h.strip()}
    if "*" in names:
        return None
    names |= set(LOCAL_NAMES)
    if bound and bound not in WILDCARDS:
        names.add(bound.lower().strip("[]"))
    return frozenset(names)


def host_of(header: str) -> str:
    """'example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheck:
    """ASGI middleware: a request whose Host header is not on the allow-list gets a 400 (E076)."""

    def __init__(self, app, allowed: frozenset[str] | None):
        self.app, self.allowed = app, allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or self.allowed is None:
            return await self.app(scope, receive, send)
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_of(raw) in self.allowed:
            return await self.app(scope, receive, send)
        resp = errors.error_response(400, errors.BAD_HOST, f"Host {raw[:100]!r} is not this server's name: open it "
                                     f"as http://localhost or start `multipolar serve --allow-host NAME`")
        await send({"type": "http.response.start", "status": 400, "headers": resp.raw_headers})
        await send({"type": "http.response.body", "body": resp.body})


class HeaderTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers."""

    header_timeout = HEADER_TIMEOUT

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = None
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._expired)

    def _disarm(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _expired(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()                  # headers still incomplete: a slow or idle client

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:
            self._disarm()                          # the request line and headers are in

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm()                             # the next request on this connection gets the same deadline

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)
