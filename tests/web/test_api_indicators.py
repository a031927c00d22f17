"""The indicator endpoints answer exactly what the issue-5 library (multipolar.analysis) returns for the same call,
on a real server whose store holds the examples plus the reference data of ../shared; and they write nothing."""
from __future__ import annotations

import json
import math

import httpx
import pytest

from multipolar.analysis import agreement, blocs, claims, diplomacy, dyads, isolation, stance
from multipolar.store.db import as_date
from multipolar.web.routes_indicators import plain

CLAIM = "Putin met with over 20 world leaders"


def get(server, path, **params):
    resp = httpx.get(server.url + path, params=params, timeout=120)
    assert resp.status_code == 200, resp.text
    return resp.json()


def lib(server, fn, *args, **kw):
    """The library call on the server's own store (opened read-only, as a request opens it)."""
    with server.backend.reader() as store:
        return fn(store, *args, **kw)


def same(a, b):
    """JSON-equal, with floats compared to 1e-9; the library's NaN is the API's null (JSON has no NaN)."""
    a, b = json.loads(json.dumps(a, default=str)), json.loads(json.dumps(b, default=str))
    if a is None or b is None:
        return a is b or math.isnan(a if b is None else b) if isinstance(a if b is None else b, float) else a is b
    if isinstance(a, float) or isinstance(b, float):
        return a == pytest.approx(b, abs=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def test_stance_is_the_library_classification(ref_server):
    body = get(ref_server, "/api/v1/stance", target="RUS", on="2023-03-31", limit=1000)
    result = lib(ref_server, stance.classify, "RUS", "2023-03-31", save=False)
    assert same(body["items"], plain(result.states))
    assert same(body["camps"], result.as_dict()["camps"]) and body["method"] == stance.method()
    assert same(body["group_intervals"], result.as_dict()["group_intervals"])
    camps = {r["iso3"]: r["camp"] for r in body["items"]}
    assert camps["DEU"] == "condemning" and camps["CHN"] in ("leaning_towards", "supporting")
    for r in body["items"]:             # every state with its interval, coverage and boundary flag
        assert r["score_lo"] - 1e-9 <= r["score"] <= r["score_hi"] + 1e-9 or r["near_boundary"], r
        assert 0 < r["coverage"] <= 1 and isinstance(r["near_boundary"], bool)
    for c in body["camps"].values():
        lo, hi = c["population_share_interval"]
        assert 0 <= lo <= hi <= 1 and set(c["near_boundary"]) <= set(c["states"])
    only = get(ref_server, "/api/v1/stance", target="RUS", on="2023-03-31", camp="condemning", limit=1000)
    assert {r["iso3"] for r in only["items"]} == {k for k, v in camps.items() if v == "condemning"}


def test_stance_explain_lists_the_evidence(ref_server):
    body = get(ref_server, "/api/v1/stance/explain", target="RUS", state="DEU", on="2023-03-31")
    expected = lib(ref_server, stance.classify, "RUS", "2023-03-31", save=False).explain("DEU")
    assert same({k: v for k, v in body.items() if k not in ("target", "date")}, plain(expected))
    assert {"vote", "sanction", "un_agreement"} <= {e["kind"] for e in body["evidence"]}
    assert "un_alignment" not in {e["kind"] for e in body["evidence"]}
    assert {"interval", "coverage", "near_boundary", "camp_stability"} <= set(body)
    resp = httpx.get(ref_server.url + "/api/v1/stance/explain", params={"target": "RUS", "state": "RUS",
                                                                         "on": "2023-03-31"})
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "E070"


def test_stance_is_cached_and_writes_nothing(ref_server):
    counts = lib(ref_server, lambda store: store.counts())
    get(ref_server, "/api/v1/stance", target="RUS", on="2022-03-31")
    hits = ref_server.backend.memo.stats()["hits"]
    get(ref_server, "/api/v1/stance/explain", target="RUS", state="IND", on="2022-03-31")
    assert ref_server.backend.memo.stats()["hits"] == hits + 1           # explain reused the classification
    with ref_server.backend.reader() as store:
        tables = {r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert not tables & {"stance_states", "isolation_periods", "dyad_monthly", "bloc_communities", "vote_agreement"}
    assert lib(ref_server, lambda store: store.counts()) == counts and ref_server.backend.generation == 0


def test_isolation_is_the_library_index(ref_server):
    body = get(ref_server, "/api/v1/isolation", state="RUS", freq="quarter", since="2022-01-01",
               until="2024-12-31", limit=1000)
    frame = lib(ref_server, isolation.index, "RUS", "quarter", as_date("2022-01-01", "since"),
                as_date("2024-12-31", "until"), save=False)
    assert body["items"] and same(body["items"], plain(frame))
    assert {"period", "isolation", *isolation.PARTS} <= set(body["items"][0])
    assert all(r["isolation"] is None or 0 <= r["isolation"] <= 1 for r in body["items"])
    assert body["parts"] == list(isolation.PARTS)


def test_isolation_by_year_is_the_default(ref_server):
    body = get(ref_server, "/api/v1/isolation", state="RUS", since="2012-01-01", until="2023-12-31", limit=1000)
    frame = lib(ref_server, isolation.index, "RUS", "year", as_date("2012-01-01", "since"),
                as_date("2023-12-31", "until"), save=False)
    assert body["freq"] == "year" and same(body["items"], plain(frame))
    by = {r["period"]: r for r in body["items"]}
    assert set(by) == {str(y) for y in range(2012, 2024)}
    assert by["2022"]["isolation"] > by["2021"]["isolation"]                # the year of the invasion
    assert by["2022"]["sanctions"] > by["2013"]["sanctions"] and by["2022"]["votes"] is not None


def test_isolation_of_every_state_in_a_year(ref_server):
    body = get(ref_server, "/api/v1/isolation/states", year=2022, limit=1000)
    frame = lib(ref_server, isolation.every_state, 2022)
    assert body["total"] == len(frame) >= 150 and same(body["items"], plain(frame))
    values = [r["isolation"] for r in body["items"]]
    assert values == sorted(values, reverse=True)                       # most isolated first
    rank = {r["state"]: i for i, r in enumerate(body["items"])}
    assert rank["RUS"] < rank["IND"] and {r["period"] for r in body["items"]} == {"2022"}


def test_meetings_and_claims_are_the_library_answers(ref_server):
    body = get(ref_server, "/api/v1/meetings", state="RUS", since="2024-01-01", until="2025-12-31", limit=1000)
    found = lib(ref_server, diplomacy.meetings, "RUS", "2024-01-01", "2025-12-31")
    assert found and same(body["items"], found)
    assert body["partners"] == diplomacy.partners(found)
    assert all(m["sources"] and m["sources"][0]["sentence"] for m in body["items"])
    got = get(ref_server, "/api/v1/claims", text=CLAIM, as_of="2024-11-07", window="1y")
    assert same(got, lib(ref_server, claims.check, CLAIM, "2024-11-07", "1y"))
    assert got["verdict"] in ("supported", "not_supported", "not_enough_data") and got["claim"]["state"] == "RUS"


def test_dyads_blocs_agreement_are_the_library_answers(ref_server):
    body = get(ref_server, "/api/v1/dyads/monthly", a="RUS", limit=1000)
    assert body["items"] and same(body["items"], plain(lib(ref_server, dyads.monthly, "RUS", save=False)))
    pair = get(ref_server, "/api/v1/dyads/monthly", a="RUS", b="UKR", limit=1000)["items"]
    assert pair and all({r["a"], r["b"]} == {"RUS", "UKR"} for r in pair)
    out = lib(ref_server, blocs.polarity, 2021, 2022, save=False)
    for show in ("poles", "communities", "drift"):
        got = get(ref_server, "/api/v1/blocs", **{"from": 2021, "to": 2022, "show": show, "limit": 1000})
        assert same(got["items"], plain(out[show])), show
    assert get(ref_server, "/api/v1/blocs", **{"from": 2022, "to": 2022})["items"][0]["effective_poles"] > 1
    ag = get(ref_server, "/api/v1/agreement", year=2022, state="RUS", limit=1000)["items"]
    assert ag and same(ag, plain(lib(ref_server, agreement.agreement, 2022, state="RUS", save=False)))
    assert next(r for r in ag if r["b"] == "BLR")["kappa"] > next(r for r in ag if r["b"] == "USA")["kappa"]


def test_library_errors_are_400s(ref_server):
    for path, params in (("/api/v1/stance", {"target": "XKX", "on": "2023-03-31"}),     # no UN votes of its own
                         ("/api/v1/claims", {"text": "the weather is fine", "as_of": "2024-01-01"}),
                         ("/api/v1/claims", {"text": CLAIM, "as_of": "2024-01-01", "window": "1q"}),
                         ("/api/v1/blocs", {"from": "2024", "to": "2020"})):
        resp = httpx.get(ref_server.url + path, params=params, timeout=60)
        assert resp.status_code == 400, (path, resp.text)
        assert resp.json()["error"]["code"] == "E050"


def test_without_reference_data(server):
    """The example store has no UN votes: stance says what to load; meetings and claims still work."""
    resp = httpx.get(server.url + "/api/v1/stance", params={"target": "RUS", "on": "2024-12-31"}, timeout=60)
    assert resp.status_code == 400 and "unvotes" in resp.json()["error"]["message"]
    meet = get(server, "/api/v1/meetings", state="RUS", since="2024-01-01", until="2025-12-31")
    assert any(m["partner_leader"] for m in meet["items"]) and meet["partners"]
    targets = get(server, "/api/v1/stance/targets")
    codes = [t["code"] for t in targets["targets"]]
    assert len(codes) >= 190 and codes == sorted(codes) and {"RUS", "CHN", "USA", "FRA", "IND"} <= set(codes)
    assert targets["with_resolutions"] == sorted(stance.RESOLUTIONS)
    assert next(t for t in targets["targets"] if t["code"] == "RUS")["resolutions"] == len(stance.RESOLUTIONS["RUS"])


def test_stance_toward_a_state_without_resolutions(ref_server):
    """Any state listed by /stance/targets can be the target: FRA is scored without resolutions about it."""
    body = get(ref_server, "/api/v1/stance", target="FRA", on="2023-03-31", limit=1000)
    result = lib(ref_server, stance.classify, "FRA", "2023-03-31", save=False)
    assert len(body["items"]) >= 150 and same(body["items"], plain(result.states))
    assert "FRA" not in {r["iso3"] for r in body["items"]}
