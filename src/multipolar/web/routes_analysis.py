"""Countries and actors, event dyads (from the summary tables), bloc memberships, UN votes and ideal points.

The indicators (stance, isolation, meetings, claims, monthly dyads, vote blocs, agreement) are in
routes_indicators.py, over multipolar.analysis."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from fastapi import APIRouter, Depends, Path, Query, Request

from multipolar.store import web_queries as q
from multipolar.store.db import Store
from multipolar.store.filters import Filters
from multipolar.web import errors
from multipolar.web.app import get_store
from multipolar.web.errors import ApiError
from multipolar.web.params import CODE, Page, filters, page, respond

router = APIRouter()


@lru_cache(maxsize=1)
def roster():
    from multipolar.actors import Roster
    return Roster.load()


@lru_cache(maxsize=1)
def numeric_codes() -> dict[str, str]:
    import pycountry
    return {c.alpha_3: c.numeric for c in pycountry.countries}


def _code(value: str, what: str) -> str:
    code = value.upper()
    if code not in roster().countries() and code not in roster().igos():
        raise ApiError(404, errors.NOT_FOUND, f"unknown {what} {value!r}: use an ISO3 state code (e.g. RUS) or an "
                                              "IGO code from /api/v1/countries?kind=igo")
    return code


@router.get("/health", tags=["meta"], summary="Store counts and server settings")
def health(request: Request, store: Store = Depends(get_store)):
    backend = request.app.state.backend
    first, last = q.date_range(store)
    return {"status": "ok", "counts": store.counts(), "first_date": first, "last_date": last, "summaries_fresh": backend.fresh(),
            "writes": backend.write_token is not None, "fetch_hosts": backend.allow_fetch}


@router.get("/countries", tags=["actors"], summary="States (or IGOs) with their event counts under the filters")
def countries(kind: str = Query("state", pattern="^(state|igo)$"), f: Filters = Depends(filters),
              pg: Page = Depends(page), store: Store = Depends(get_store)):
    activity = q.country_activity(store, f)
    r = roster()
    rows = []
    codes = r.countries() if kind == "state" else r.igos()
    for code in codes:
        if f.party and code != f.party or f.actor and code != f.actor or f.recipient and code != f.recipient:
            continue
        info = r.country(code) if kind == "state" else r.igo(code)
        act = activity.get(code, {"as_actor": 0, "as_recipient": 0})
        row = {"code": code, "name": info["name"], "kind": kind, **act}
        if kind == "state":
            row["numeric"] = numeric_codes().get(code)
        rows.append(row)
    rows.sort(key=lambda x: (-(x["as_actor"] + x["as_recipient"]), x["code"]))
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, f, name="countries")


@router.get("/actors/{code}", tags=["actors"], summary="One state or IGO: names, leaders on a date, blocs")
def actor(code: str = Path(pattern=CODE), on: date | None = Query(None, description="date for leaders, YYYY-MM-DD")):
    code = _code(code, "actor")
    r = roster()
    if code in r.countries():
        info = dict(r.country(code), kind="state", leaders=r.leaders_of(code, on),
                    blocs=sorted(g for g in r.igos() if code in r.igo(g)["members"]))
    else:
        info = r.igo(code)
    return info


@router.get("/dyads", tags=["relations"], summary="Directed pairs with event counts and mean PLOVER score")
def dyads(by_month: bool = Query(False, description="one row per month and pair"), f: Filters = Depends(filters),
          pg: Page = Depends(page), store: Store = Depends(get_store)):
    return respond(q.dyads(store, f, limit=pg.limit, offset=pg.offset, by_month=by_month), pg, f, name="dyads")


def _memberships(store: Store, on: date) -> list[tuple[str, str]]:
    pairs = q.bloc_memberships(store, on)
    if pairs is None:                       # reference table not loaded: the roster's own bloc lists
        r = roster()
        pairs = [(g, m) for g in r.igos() for m in r.igo(g)["members"] if m in r.countries()]
    return pairs


@router.get("/blocs/members", tags=["blocs"], summary="Blocs and IGOs with their member states on a date")
def bloc_members(on: date | None = Query(None), f: Filters = Depends(filters), pg: Page = Depends(page),
          store: Store = Depends(get_store)):
    members: dict[str, list[str]] = {}
    for bloc, member in _memberships(store, on or date.today()):
        members.setdefault(bloc, []).append(member)
    who = f.party or f.actor or f.recipient
    rows = [{"bloc": b, "name": roster().igo(b)["name"] if b in roster().igos() else b, "n": len(m),
             "members": sorted(m)} for b, m in sorted(members.items()) if not who or who in m]
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, f, name="blocs")


@router.get("/blocs/network", tags=["blocs"], summary="Bloc network: blocs and states as nodes, memberships as links")
def bloc_network(on: date | None = Query(None), f: Filters = Depends(filters), pg: Page = Depends(page),
                 store: Store = Depends(get_store)):
    who = f.party or f.actor or f.recipient
    pairs = _memberships(store, on or date.today())
    if who:
        keep = {b for b, m in pairs if m == who}
        pairs = [(b, m) for b, m in pairs if b in keep]
    links = [{"source": b, "target": m} for b, m in pairs][pg.offset:pg.offset + pg.limit]
    nodes = sorted({b for b, _ in pairs})
    return respond(links, pg, f, name="bloc_links", extra={"blocs": nodes})


@router.get("/unvotes", tags=["un"], summary="UN General Assembly votes by state (actor = the voting state)")
def unvotes(resolution: str | None = Query(None, max_length=60), f: Filters = Depends(filters),
            pg: Page = Depends(page), store: Store = Depends(get_store)):
    rows = q.un_votes(store, f, resolution=resolution, limit=pg.limit, offset=pg.offset)
    return respond(rows, pg, f, name="unvotes")


@router.get("/idealpoints", tags=["un"], summary="UN ideal points per state and year")
def idealpoints(year: int | None = Query(None, ge=1946, le=2100), f: Filters = Depends(filters),
                pg: Page = Depends(page), store: Store = Depends(get_store)):
    rows = q.ideal_points(store, f, year=year, limit=pg.limit, offset=pg.offset)
    return respond(rows, pg, f, name="idealpoints")
