"""The one JSON error shape of the API, and the handlers that turn every failure into it.

    {"error": {"status": 404, "code": "E070", "message": "no event 'x': ...", "details": []}}

`code` is a stable multipolar error code (E0xx): the library's own (E050 for a bad query argument, E030 for
the store) or one of the web codes below. `details` lists per-field problems for validation errors.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from multipolar.errors import InputError, MultipolarError, QueryError, StoreError

log = logging.getLogger("multipolar.web")

BAD_REQUEST = "E050"        # the library's QueryError code: a bad argument
NOT_FOUND = "E070"
UNAUTHORIZED = "E071"
WRITES_OFF = "E072"
TOO_LARGE = "E073"
METHOD = "E074"
FETCH_OFF = "E075"
BUSY = "E077"               # a client's indicator requests already in flight (429)
BAD_HOST = "E076"           # a Host header not on the server's allow-list (DNS rebinding)
INTERNAL = "E079"

_BY_STATUS = {400: BAD_REQUEST, 401: UNAUTHORIZED, 403: WRITES_OFF, 404: NOT_FOUND, 405: METHOD,
              413: TOO_LARGE, 422: BAD_REQUEST, 429: BUSY}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, details: list | None = None,
                 headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details = details or []
        self.headers = headers


def error_body(status: int, code: str, message: str, details: list | None = None) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "details": details or []}}


def error_response(status: int, code: str, message: str, details: list | None = None,
                   headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, details), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        details = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path")),
                    "problem": e.get("msg", "")} for e in exc.errors()]
        first = details[0] if details else {"field": "?", "problem": "invalid"}
        return error_response(400, BAD_REQUEST, f"invalid request: {first['field']}: {first['problem']}", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = _BY_STATUS.get(exc.status_code, INTERNAL if exc.status_code >= 500 else BAD_REQUEST)
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404:
            message = f"no such endpoint or file: {request.url.path}. See /openapi.json for the API"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError):
        return error_response(400, exc.code, _message(exc))

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError):
        # a window or date the calendar cannot hold: /claims?window=9999y, /meetings?until=0001-01-01
        return error_response(422, BAD_REQUEST, f"a date or window out of range ({exc}): use dates between 1900 "
                                                "and 2100 and windows such as 1y, 6m, 8w or 30d")

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        return error_response(503, exc.code, _message(exc))

    @app.exception_handler(MultipolarError)
    async def _lib(request: Request, exc: MultipolarError):
        status = 400 if isinstance(exc, InputError) else 500     # a broken data file is the server's fault
        return error_response(status, exc.code, _message(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_response(500, INTERNAL, f"internal error ({type(exc).__name__}); the server log has the "
                                             "traceback. Please report it with the request URL")


def _message(exc: MultipolarError) -> str:
    """The error's text without its code: the response carries the code in its own field, and the dashboard
    prints "code message" (the code once, not "E050 E050 ...")."""
    return str(exc).removeprefix(f"{exc.code} ")
