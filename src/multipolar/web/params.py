"""What every endpoint shares: the filter and page parameters, strict query checking, JSON or CSV output."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from multipolar.errors import QueryError
from multipolar.model import MODALITIES
from multipolar.store.db import as_date
from multipolar.store.filters import Filters
from multipolar.web.errors import BAD_REQUEST, ApiError

CODE = r"^[A-Za-z][A-Za-z0-9_]{1,11}$"
MAX_LIMIT = 1000
Modality = Literal[MODALITIES]  # type: ignore[valid-type]


def filters(
    actor: str | None = Query(None, pattern=CODE, description="ISO3 or IGO code of an actor (who did it)"),
    recipient: str | None = Query(None, pattern=CODE, description="ISO3 or IGO code of a recipient"),
    party: str | None = Query(None, pattern=CODE, description="code on either side (actor or recipient)"),
    type: str | None = Query(None, pattern=r"^[A-Za-z_]{2,20}$", description="PLOVER event type, e.g. CONSULT"),
    modality: Modality | None = Query(None, description="asserted, reported, future, hypothetical or negated"),
    since: date | None = Query(None, description="first date, YYYY-MM-DD"),
    until: date | None = Query(None, description="last date, YYYY-MM-DD"),
    min_confidence: float | None = Query(None, ge=0, le=1, description="lowest coder confidence, 0..1"),
) -> Filters:
    """The who/what/when filters every endpoint takes (store.filters: the vocabulary `multipolar events` uses);
    an IGO may be asked for as shown (SCO) or as stored (IGOSCO)."""
    return Filters.make(actor=actor, recipient=recipient, party=party, type=type, modality=modality,
                        since=since, until=until, min_confidence=min_confidence)


def event_filters(
    f: Filters = Depends(filters),
    dated: bool | None = Query(None, description="true: only events with a date; false: only those without one"),
    distinct: bool = Query(False, description="one record per deduplicated event, with its source counts"),
) -> Filters:
    """/events takes the whole vocabulary: the common filters, dated and distinct."""
    return replace(f, dated=dated, distinct=distinct)


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int
    format: str


def page(limit: int = Query(100, ge=1, le=MAX_LIMIT, description=f"rows per page, at most {MAX_LIMIT}"),
         offset: int = Query(0, ge=0, le=100_000_000, description="rows to skip"),
         format: Literal["json", "csv"] = Query("json", description="json (default) or csv")) -> Page:
    return Page(limit, offset, format)


def _query_names(dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def strict_query(request: Request) -> None:
    """Refuse query parameters the endpoint does not know: a typo must not silently widen a query."""
    route = request.scope.get("route")
    if not request.url.path.startswith("/api/") or route is None or not hasattr(route, "dependant"):
        return
    allowed = getattr(route, "_multipolar_allowed", None)
    if allowed is None:
        allowed = _query_names(route.dependant)
        route._multipolar_allowed = allowed
    _check_dates(request)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ApiError(400, BAD_REQUEST, f"unknown query parameter {unknown[0]!r} on {request.url.path}; "
                       f"this endpoint takes: {', '.join(sorted(allowed)) or 'none'}",
                       details=[{"field": u, "problem": "unknown parameter"} for u in unknown])


DATE_PARAMS = ("since", "until", "on", "as_of", "date")


def _check_dates(request: Request) -> None:
    """A date argument outside 1900..2100 is a 422, by the check the CLI makes too (store.db.as_date): file
    ingest refuses such dates, and date arithmetic on year 1 overflows."""
    for name in DATE_PARAMS:
        value = request.query_params.get(name)
        if not value:
            continue
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            continue                     # not a date: the endpoint's own validation says so (400)
        try:
            as_date(day, name)
        except QueryError as exc:
            raise ApiError(422, BAD_REQUEST, str(exc).removeprefix(f"{exc.code} "),
                           details=[{"field": name, "problem": "out of range"}]) from None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "code" in v for v in value):
            return ";".join(str(v["code"]) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value):
            return ";".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    # a spreadsheet must not read an article's words as a formula
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def to_csv(items: list[dict]) -> str:
    cols: list[str] = []
    for item in items:
        cols += [k for k in item if k not in cols]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for item in items:
        w.writerow([_cell(item.get(c)) for c in cols])
    return buf.getvalue()


def respond(items: list[dict], pg: Page, f: Filters | None = None, *, name: str = "data",
            extra: dict | None = None) -> Response:
    """A page of items: {"items", "limit", "offset", "next_offset", "filters", ...} or the same rows as CSV."""
    next_offset = pg.offset + pg.limit if len(items) == pg.limit else None
    if pg.format == "csv":
        headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
        if next_offset is not None:
            headers["X-Next-Offset"] = str(next_offset)
        return Response(to_csv(items), media_type="text/csv; charset=utf-8", headers=headers)
    body = {"items": items, "limit": pg.limit, "offset": pg.offset, "next_offset": next_offset,
            "filters": f.as_dict() if f else {}}
    if extra:
        body.update(extra)
    return Response(json.dumps(body, default=str, ensure_ascii=False), media_type="application/json")
