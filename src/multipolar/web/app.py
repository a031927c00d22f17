"""The FastAPI application: `create_app(db_path)` serves the API under /api/v1 and the dashboard at /.

Safe by default: read endpoints only unless a write token is given; request bodies are capped; URLs are
fetched for a client only for hosts on the operator's allow-list; every response carries a strict CSP.
"""
from __future__ import annotations

import hmac
import os
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import FileResponse, Response

from multipolar.errors import StoreError
from multipolar.model import MAX_TEXT_CHARS
from multipolar.store.db import Store
from multipolar.store.serving import summaries_current, temp_summaries
from multipolar.store.web_queries import build_summaries
from multipolar.web import errors
from multipolar.web.cache import Memo, store_signature
from multipolar.web.errors import ApiError
from multipolar.web.params import strict_query
from multipolar.web.server import HostCheck, allowed_hosts

STATIC = Path(__file__).parent / "static"
FRONTEND = Path(__file__).parent / "frontend"
MAX_BODY = MAX_TEXT_CHARS          # the default body cap (--max-body): the longest article file ingest codes
# files the dashboard loads, from the npm packages `npm ci` installs in web/frontend/node_modules
VENDOR = {"d3.min.js": "d3/dist/d3.min.js",
          "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
          "countries-110m.json": "world-atlas/countries-110m.json"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def vendor_dir() -> Path:
    return Path(os.environ.get("MULTIPOLAR_VENDOR_DIR") or FRONTEND / "node_modules")


class Backend:
    """The store, opened read-only for each request and closed after it, so that CLI commands (ingest, data
    load, stance ...) run on the same file while the server runs (store.serving). Writes through the API
    (POST /articles) open it for writing for the length of the write, while this process has no reader open
    (DuckDB refuses a read-only and a writable connection to one file in one process)."""

    def __init__(self, db_path: str | Path, write_token: str | None, allow_fetch: list[str] | None):
        self.path = str(db_path)
        if not Path(self.path).exists():
            raise StoreError(f"store {self.path} does not exist: run `multipolar ingest ... --db {self.path}` "
                             "first (or `make run`)")
        self.built = self._prepare()
        self.memo = Memo()
        self.generation = 0                      # bumped by every write through the API (cache key)
        self.write_token = write_token or None
        self.allow_fetch = sorted({h.lower().strip() for h in (allow_fetch or []) if h.strip()})
        self.write_lock = threading.Lock()
        self._gate = threading.Condition()       # readers in flight / a writer waiting or writing
        self._readers = 0
        self._writing = False

    def _prepare(self) -> bool:
        """Check the file is a store; build stale web summaries once now, with a brief write, when no other
        process is writing (else each request builds its own, see store.serving.temp_summaries)."""
        with Store.open(self.path, read_only=True) as store:
            if summaries_current(store):
                return False
        try:
            with Store.open(self.path, wait=2) as store:
                built = build_summaries(store)
                from multipolar.store import reference
                reference.ensure_tables(store)
                return built
        except StoreError:
            return False

    @contextmanager
    def reader(self) -> Iterator[Store]:
        with self._gate:
            while self._writing:
                self._gate.wait()
            self._readers += 1
        try:
            store = Store.open(self.path, read_only=True)
            try:
                if not summaries_current(store):
                    temp_summaries(store)
                yield store
            finally:
                store.close()
        finally:
            with self._gate:
                self._readers -= 1
                self._gate.notify_all()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The store opened for writing, once this process has no reader open (readers then wait for it)."""
        with self._gate:                         # readers first: a request may open a second reader inside
            while self._writing or self._readers:
                self._gate.wait()
            self._writing = True
        try:
            with Store.open(self.path) as store:
                yield store
        finally:
            with self._gate:
                self._writing = False
                self._gate.notify_all()

    def signature(self) -> tuple:
        return store_signature(self.path, self.generation)

    def fresh(self) -> bool:
        with self.reader() as s:
            return summaries_current(s)

    def close(self) -> None:
        pass


def get_store(request: Request) -> Iterator[Store]:
    with request.app.state.backend.reader() as store:
        yield store


def require_writer(request: Request) -> Backend:
    """Writes are off without a server token; with one, `Authorization: Bearer <token>` must match it."""
    backend: Backend = request.app.state.backend
    if backend.write_token is None:
        raise ApiError(403, errors.WRITES_OFF, "writes are disabled on this server: start it with "
                       "--write-token TOKEN (or MULTIPOLAR_WRITE_TOKEN) to accept articles")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    ok = scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), backend.write_token.encode())
    if not ok:
        raise ApiError(401, errors.UNAUTHORIZED, "missing or wrong token: send 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": 'Bearer realm="multipolar"'})
    return backend


class BodyLimit:
    """ASGI middleware: refuse request bodies over `limit` bytes (by Content-Length, or while streaming)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await self._refuse(send)
        # read the whole body first (it is small by construction), so an oversized one never reaches a route
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return await self.app(scope, _replay([message]), send)
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.limit:
                return await self._refuse(send)
            more = message.get("more_body", False)
        return await self.app(scope, _replay([{"type": "http.request", "body": b"".join(chunks),
                                                "more_body": False}], receive), send)

    async def _refuse(self, send):
        resp = errors.error_response(413, errors.TOO_LARGE, f"request body over {self.limit:,} bytes: send "
                                     "fewer or shorter articles per request")
        await send({"type": "http.response.start", "status": 413, "headers": resp.raw_headers})
        await send({"type": "http.response.body", "body": resp.body})


def _replay(messages: list[dict], then=None):
    """An ASGI receive() that hands back buffered messages, then defers to the real one (disconnects)."""
    queue = list(messages)

    async def receive():
        if queue:
            return queue.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}
    return receive


def create_app(db_path: str | Path, write_token: str | None = None, allow_fetch: list[str] | None = None, *,
               max_body: int = MAX_BODY, bind: str | None = "127.0.0.1",
               allow_hosts: list[str] | tuple[str, ...] = ()) -> FastAPI:
    """The API and dashboard over the store at `db_path` (opened now; summary tables built if stale).

    Requests must name this server in their Host header: localhost, the `bind` address, or one of
    `allow_hosts` ('*' turns the check off); see web/server.py."""
    from multipolar.web import routes_analysis, routes_events, routes_indicators

    backend = Backend(db_path, write_token, allow_fetch)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        backend.close()

    app = FastAPI(lifespan=lifespan, title="multipolar", version="1", docs_url=None, redoc_url=None,
                  description="PLOVER events coded from the news, and indicators of alignment between states. "
                              "Every list endpoint takes limit/offset and format=json|csv.",
                  dependencies=[Depends(strict_query)])
    app.state.backend = backend
    errors.install(app)
    app.include_router(routes_events.router, prefix="/api/v1")
    app.include_router(routes_analysis.router, prefix="/api/v1")
    app.include_router(routes_indicators.router, prefix="/api/v1")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        path = STATIC / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise ApiError(404, errors.NOT_FOUND, f"no static file {name!r}")
        return FileResponse(path)

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str):
        if name not in VENDOR:
            raise ApiError(404, errors.NOT_FOUND, f"no vendored file {name!r}")
        path = vendor_dir() / VENDOR[name]
        if not path.is_file():
            raise ApiError(404, errors.NOT_FOUND, f"{VENDOR[name]} is not installed: run "
                           f"`npm ci --prefix {FRONTEND}` (the dashboard's front-end packages)")
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(HostCheck, allowed=allowed_hosts(bind, allow_hosts))
    return app
