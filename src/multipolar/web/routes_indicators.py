"""Indicator endpoints: thin adapters over the issue-5 library (multipolar.analysis), the same calls as the CLI.

    /stance            analysis.stance.classify(store, target, on, save=False)      = multipolar stance
    /stance/explain    Stance.explain(state)                                        = multipolar stance --explain
    /stance/targets    every state of the roster (stance.classify takes any), those with known resolutions
    /isolation         analysis.isolation.index(store, state, freq, ..., save=False) = multipolar isolation X --freq
    /isolation/states  analysis.isolation.every_state(store, year)                  = multipolar isolation --year Y
    /meetings          analysis.diplomacy.meetings(store, state, since, until)      = multipolar meetings
    /claims            analysis.claims.check(store, text, as_of, window)            = multipolar claim
    /dyads/monthly     analysis.dyads.monthly(store, a, b, save=False)              = multipolar dyads
    /blocs             analysis.blocs.polarity(store, first, last, save=False)      = multipolar blocs
    /agreement         analysis.agreement.agreement(store, year, ..., save=False)   = multipolar agreement
    /idealpoints/estimates  analysis.idealpoints.stored (else estimate(save=False) for one year)

Nothing is written to the store (save=False); results are memoised per arguments and store state (web/cache.py).
"""
from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, Query, Request

from multipolar.analysis import agreement as agreement_lib
from multipolar.analysis import blocs as blocs_lib
from multipolar.analysis import claims as claims_lib
from multipolar.analysis import diplomacy, dyads as dyads_lib, idealpoints as idealpoints_lib
from multipolar.analysis import isolation as isolation_lib
from multipolar.analysis import stance as stance_lib
from multipolar.errors import QueryError
from multipolar.store.db import Store
from multipolar.web import errors
from multipolar.web.app import get_store
from multipolar.web.errors import ApiError
from multipolar.web.params import CODE, Page, page, respond

router = APIRouter()


def plain(value):
    """A JSON-ready copy: NaN -> None, numpy scalars -> Python, dates -> ISO strings, frames -> records."""
    if isinstance(value, pd.DataFrame):
        return [plain(r) for r in value.to_dict("records")]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in (sorted(value) if isinstance(value, set) else value)]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def memo(request: Request, key: tuple, compute):
    backend = request.app.state.backend
    # no lock: each request reads through its own connection; the memo limits each client's misses
    return backend.memo.get(backend.signature(), key, compute, client=request.client.host if request.client else "")


def _state(code: str) -> str:
    return code.upper()


def _lib(call):
    """Run a library call; its QueryError (bad or missing input) is a 400 with the library's message."""
    try:
        return call()
    except QueryError as exc:
        raise ApiError(400, errors.BAD_REQUEST, str(exc)) from None


# ---- stance -------------------------------------------------------------------------------------------

def classify(request: Request, store: Store, target: str, on: date, resolutions: list[str]) -> stance_lib.Stance:
    key = ("stance", target, on, tuple(resolutions))
    return memo(request, key, lambda: _lib(lambda: stance_lib.classify(store, target, on,
                                                                        resolutions=resolutions or None, save=False)))


@router.get("/stance/targets", tags=["indicators"], summary="Every state the stance map can be drawn toward, and "
            "those with known resolutions about them")
def stance_targets():
    from multipolar.web.routes_analysis import roster
    r = roster()
    states = sorted(r.countries())
    return {"targets": [{"code": c, "name": r.country(c)["name"], "resolutions": len(stance_lib.RESOLUTIONS.get(c, []))}
                        for c in states],
            "with_resolutions": sorted(stance_lib.RESOLUTIONS), "camps": list(stance_lib.CAMPS),
            "note": "any state can be the target: one without known resolutions is scored on general UN vote "
                    "agreement with it, sanctions, blocs and events; resolution=... adds resolutions about it"}


@router.get("/stance", tags=["indicators"], summary="Every state's camp toward a target on a date "
            "(analysis.stance.classify)")
def stance(request: Request, target: str = Query(pattern=CODE), on: date | None = Query(None, description="date "
           "(default today)"), resolution: list[str] = Query([], max_length=50, description="resolutions about "
           "the target (repeatable); default: the known ones"), camp: str | None = Query(None, pattern="^[a-z_]+$"),
           pg: Page = Depends(page), store: Store = Depends(get_store)):
    target, on = _state(target), on or date.today()
    result = classify(request, store, target, on, resolution)
    rows = plain(result.states)
    if camp:
        rows = [r for r in rows if r["camp"] == camp]
    d = result.as_dict()
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, name="stance",
                   extra={"target": target, "date": d["date"], "camps": plain(d["camps"]),
                          "groups": plain(d["groups"]), "group_intervals": plain(d["group_intervals"]),
                          "weights": plain(d["weights"]), "replicates": d["replicates"], "method": d["method"],
                          "base_year": d["base_year"], "gdp_missing": d["gdp_missing"]})


@router.get("/stance/explain", tags=["indicators"], summary="The evidence behind one state's camp (Stance.explain)")
def stance_explain(request: Request, target: str = Query(pattern=CODE), state: str = Query(pattern=CODE),
                   on: date | None = Query(None), resolution: list[str] = Query([], max_length=50),
                   store: Store = Depends(get_store)):
    target, on = _state(target), on or date.today()
    result = classify(request, store, target, on, resolution)
    try:
        out = result.explain(state)
    except QueryError as exc:
        raise ApiError(404, errors.NOT_FOUND, str(exc)) from None
    return dict(plain(out), target=target, date=on.isoformat())


# ---- isolation, meetings, claims ----------------------------------------------------------------------

@router.get("/isolation", tags=["indicators"], summary="Isolation index of a state per year, quarter or month "
            "with its parts and their evidence (analysis.isolation.index)")
def isolation(request: Request, state: str = Query(pattern=CODE), freq: str = Query("year",
              pattern="^(year|quarter|month)$", description="period length (default year)"),
              since: date | None = Query(None, description="first date (default 1990-01-01)"),
              until: date | None = Query(None, description="last date (default today)"),
              pg: Page = Depends(page), store: Store = Depends(get_store)):
    state = _state(state)
    if since and until and since > until:
        raise ApiError(400, errors.BAD_REQUEST, f"since={since} is after until={until}: swap them")
    frame = memo(request, ("isolation", state, freq, since, until),
                 lambda: _lib(lambda: isolation_lib.index(store, state, freq, since, until, save=False)))
    rows = plain(frame)
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, name="isolation",
                   extra={"state": state, "freq": freq, "parts": list(isolation_lib.PARTS),
                          "method": isolation_lib.__doc__.strip()})


@router.get("/isolation/states", tags=["indicators"], summary="Isolation of every state in one calendar year, "
            "most isolated first (analysis.isolation.every_state)")
def isolation_states(request: Request, year: int = Query(ge=1946, le=2100), pg: Page = Depends(page),
                     store: Store = Depends(get_store)):
    rows = memo(request, ("isolation_states", year),
                lambda: plain(_lib(lambda: isolation_lib.every_state(store, year))))
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, name="isolation_states",
                   extra={"year": year, "parts": list(isolation_lib.PARTS), "total": len(rows)})


def _window(since: date | None, until: date | None, days: int = 365) -> tuple[date, date]:
    until = until or date.today()
    return since or until - timedelta(days=days), until


@router.get("/meetings", tags=["indicators"], summary="Leader diplomacy of a state: meetings, visits, calls, "
            "summits with sources (analysis.diplomacy.meetings)")
def meetings(request: Request, state: str = Query(pattern=CODE), since: date | None = Query(None, description=
             "first date (default: a year before until)"), until: date | None = Query(None, description="last "
             "date (default today)"), any_level: bool = Query(False, description="also meetings not made by the "
             "state's leader"), pg: Page = Depends(page), store: Store = Depends(get_store)):
    state = _state(state)
    since, until = _window(since, until)
    if since > until:
        raise ApiError(400, errors.BAD_REQUEST, f"since={since} is after until={until}: swap them")
    found = memo(request, ("meetings", state, since, until, any_level),
                 lambda: plain(_lib(lambda: diplomacy.meetings(store, state, since, until,
                                                               leaders_only=not any_level))))
    return respond(found[pg.offset:pg.offset + pg.limit], pg, name="meetings",
                   extra={"state": state, "since": since.isoformat(), "until": until.isoformat(),
                          "partners": diplomacy.partners(found), "total": len(found)})


@router.get("/claims", tags=["indicators"], summary="Check a count claim ('Putin met with over 20 world "
            "leaders') against the store (analysis.claims.check)")
def claim(request: Request, text: str = Query(min_length=5, max_length=300), as_of: date = Query(description=
          "the date the claim was made"), window: str = Query("1y", pattern=r"^\s*\d{1,4}\s*[dwmyDWMY]\s*$"),
          store: Store = Depends(get_store)):
    out = memo(request, ("claim", text, as_of, window),
               lambda: _lib(lambda: claims_lib.check(store, text, as_of, window)))
    return plain(out)


# ---- dyads, blocs, agreement, ideal points ------------------------------------------------------------

@router.get("/dyads/monthly", tags=["indicators"], summary="Monthly cooperation-conflict of a state's pairs "
            "(analysis.dyads.monthly)")
def dyads_monthly(request: Request, a: str = Query(pattern=CODE), b: str | None = Query(None, pattern=CODE),
                  pg: Page = Depends(page), store: Store = Depends(get_store)):
    a, b = _state(a), _state(b) if b else None
    rows = memo(request, ("dyads", a, b), lambda: plain(_lib(lambda: dyads_lib.monthly(store, a, b, save=False))))
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, name="dyads_monthly", extra={"a": a, "b": b})


@router.get("/blocs", tags=["blocs"], summary="UN vote communities, effective poles, West cohesion and drift "
            "(analysis.blocs.polarity)")
def blocs(request: Request, first: int = Query(2015, alias="from", ge=1946, le=2100),
          last: int = Query(2024, alias="to", ge=1946, le=2100),
          show: str = Query("poles", pattern="^(poles|communities|drift)$"),
          pg: Page = Depends(page), store: Store = Depends(get_store)):
    if first > last:
        raise ApiError(400, errors.BAD_REQUEST, f"from={first} is after to={last}: swap them")
    if last - first > 40:
        raise ApiError(400, errors.BAD_REQUEST, "at most 41 years per request")
    out = memo(request, ("blocs", first, last),
               lambda: {k: plain(v) for k, v in _lib(lambda: blocs_lib.polarity(store, first, last,
                                                                                  save=False)).items()})
    rows = out[show]
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, name=f"blocs_{show}",
                   extra={"from": first, "to": last, "show": show})


@router.get("/agreement", tags=["un"], summary="Pairwise GA vote agreement in a year: identical share, Cohen's "
            "kappa (analysis.agreement.agreement)")
def agreement(request: Request, year: int = Query(ge=1946, le=2100), state: str | None = Query(None, pattern=CODE),
              other: str | None = Query(None, pattern=CODE), pg: Page = Depends(page),
              store: Store = Depends(get_store)):
    if other and not state:
        raise ApiError(400, errors.BAD_REQUEST, "other= needs state=")
    state, other = (state.upper() if state else None), (other.upper() if other else None)
    rows = memo(request, ("agreement", year, state, other),
                lambda: plain(agreement_lib.agreement(store, year, state=state, other=other, save=False)))
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, name="agreement", extra={"year": year})


@router.get("/idealpoints/estimates", tags=["un"], summary="Our own ideal points of a year: the stored "
            "estimates (multipolar idealpoints), else fitted now without saving (analysis.idealpoints)")
def idealpoint_estimates(request: Request, year: int = Query(ge=1946, le=2100), pg: Page = Depends(page),
                         store: Store = Depends(get_store)):
    def compute():
        got = idealpoints_lib.stored(store, year, year)
        source = "stored"
        if not len(got):
            got, source = idealpoints_lib.estimate(store, year, year, save=False), "fitted on request"
        cols = [c for c in ("iso3", "year", "ideal_point", "n_votes", "method") if c in got]
        return plain(got[cols].sort_values("ideal_point", ascending=False) if len(got) else got), source
    rows, source = memo(request, ("idealpoints", year), compute)
    return respond(rows[pg.offset:pg.offset + pg.limit], pg, name="idealpoint_estimates",
                   extra={"year": year, "source": source})
