"""The HTTP API against a real uvicorn server on 127.0.0.1 and a real DuckDB file coded from examples/."""
from __future__ import annotations

import csv
import io

import httpx
import pytest


ERROR_KEYS = {"status", "code", "message", "details"}


def get(server, path, **params):
    return httpx.get(server.url + path, params=params, timeout=30)


def assert_error(resp, status: int, code: str):
    """The one error shape of the API, pinned: {"error": {status, code, message, details}}."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    return body["error"]


def test_openapi_lists_every_endpoint(server):
    spec = get(server, "/openapi.json").json()
    for path in ("/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/articles", "/api/v1/countries",
                 "/api/v1/dyads", "/api/v1/meetings", "/api/v1/stance", "/api/v1/isolation", "/api/v1/blocs",
                 "/api/v1/blocs/network", "/api/v1/unvotes", "/api/v1/idealpoints", "/api/v1/actors/{code}",
                 "/api/v1/stance/explain", "/api/v1/claims", "/api/v1/agreement", "/api/v1/dyads/monthly",
                 "/api/v1/blocs/members", "/api/v1/idealpoints/estimates"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/v1/dyads"]["get"]["parameters"]}
    assert {"actor", "recipient", "type", "modality", "since", "until", "min_confidence", "limit", "offset",
            "format"} <= names


def test_events_carry_sentence_and_article(server):
    body = get(server, "/api/v1/events", limit=5).json()
    assert len(body["items"]) == 5 and body["next_offset"] == 5
    ev = body["items"][0]
    assert ev["sentence"] and ev["trigger"] and ev["article"]["hash"]
    assert ev["sentence"] in get(server, f"/api/v1/articles/{ev['article']['hash']}").json()["text"]
    one = get(server, f"/api/v1/events/{ev['id']}").json()
    assert one == ev
    dates = [e["date"] for e in get(server, "/api/v1/events", limit=1000).json()["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)


def test_event_filters(server):
    every = get(server, "/api/v1/events", limit=1000).json()["items"]
    rus = get(server, "/api/v1/events", actor="rus", limit=1000).json()["items"]
    assert rus and all(any(a["code"] == "RUS" for a in e["actor"]) for e in rus)
    assert len(rus) == sum(any(a["code"] == "RUS" for a in e["actor"]) for e in every)
    window = get(server, "/api/v1/events", since="2024-06-01", until="2024-07-31", limit=1000).json()["items"]
    assert window and all("2024-06-01" <= e["date"] <= "2024-07-31" for e in window)
    # a threshold inside the data's range, whatever the confidence calibration of the day
    levels = sorted({e["confidence"] for e in every})
    cut = levels[len(levels) // 2]          # records round to 3 decimals; the store keeps full precision
    sure = get(server, "/api/v1/events", min_confidence=cut, limit=1000).json()["items"]
    assert all(e["confidence"] >= cut - 0.0005 for e in sure)
    assert 0 < len(sure) < len(every)
    consult = get(server, "/api/v1/events", type="CONSULT", modality="asserted", limit=1000).json()["items"]
    assert consult and all(e["event"] == "CONSULT" and e["modality"] == "asserted" for e in consult)
    rec = get(server, "/api/v1/events", recipient="UKR", limit=1000).json()["items"]
    assert all(any(r["code"] == "UKR" for r in e["recipient"]) for e in rec)


def test_pages_tile_the_result(server):
    every = [e["id"] for e in get(server, "/api/v1/events", limit=1000).json()["items"]]
    paged, offset = [], 0
    while offset is not None:
        body = get(server, "/api/v1/events", limit=7, offset=offset).json()
        paged += [e["id"] for e in body["items"]]
        offset = body["next_offset"]
    assert paged == every


def test_csv_output(server):
    resp = get(server, "/api/v1/events", actor="RUS", format="csv", limit=1000)
    assert resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert rows and {"date", "event", "actor", "recipient", "sentence", "confidence"} <= set(rows[0])
    assert all("RUS" in r["actor"].split(";") for r in rows)
    dy = list(csv.DictReader(io.StringIO(get(server, "/api/v1/dyads", format="csv").text)))
    assert dy and set(dy[0]) >= {"actor", "recipient", "n", "mean_score"}


def test_dyads_and_countries_agree_with_events(server):
    dy = get(server, "/api/v1/dyads", actor="RUS", limit=1000).json()["items"]
    assert dy and all(d["actor"] == "RUS" for d in dy)
    events = get(server, "/api/v1/events", actor="RUS", limit=1000).json()["items"]
    # dyads are counted by month: undated events are listed but not counted
    expected = sum(len([r for r in e["recipient"] if r["code"] != "RUS"]) for e in events if e["date"])
    assert sum(d["n"] for d in dy) == expected
    exact = get(server, "/api/v1/dyads", actor="RUS", min_confidence=0.0, limit=1000).json()["items"]
    assert exact == dy                  # the exact scan and the monthly summary give the same answer
    monthly = get(server, "/api/v1/dyads", by_month="true", limit=1000).json()["items"]
    assert all("month" in d for d in monthly)
    countries = get(server, "/api/v1/countries", limit=1000).json()["items"]
    assert len(countries) >= 190
    rus = next(c for c in countries if c["code"] == "RUS")
    assert rus["numeric"] == "643" and rus["as_actor"] >= len(dy)


def test_indicator_endpoints(server):
    """On the example store (no reference data); tests/web/test_api_indicators.py compares with the library."""
    from multipolar.analysis import isolation
    body = get(server, "/api/v1/isolation", state="RUS", freq="month", since="2020-01-01").json()
    iso = body["items"]
    assert iso and all(m["isolation"] is None or 0 <= m["isolation"] <= 1 for m in iso)
    assert body["parts"] == list(isolation.PARTS) and {"period", "isolation", *isolation.PARTS} <= set(iso[0])
    assert all(len(m["period"]) == 7 for m in iso)                       # 2022-03
    yearly = get(server, "/api/v1/isolation", state="RUS", since="2020-01-01").json()
    assert yearly["freq"] == "year" and yearly["items"] and all(len(m["period"]) == 4 for m in yearly["items"])
    quarterly = get(server, "/api/v1/isolation", state="RUS", freq="quarter", since="2020-01-01").json()["items"]
    assert quarterly and all(m["period"][4] == "Q" for m in quarterly)
    meet = get(server, "/api/v1/meetings", state="RUS", since="2020-01-01", until="2025-12-31").json()["items"]
    assert any(m["partner_leader"] for m in meet) and all(m["sources"] for m in meet)
    blocs = get(server, "/api/v1/blocs/members", party="RUS").json()["items"]
    assert "BRICS" in {b["bloc"] for b in blocs}
    net = get(server, "/api/v1/blocs/network", party="RUS", limit=1000).json()
    assert {"source": "BRICS", "target": "RUS"} in net["items"]
    assert get(server, "/api/v1/unvotes", actor="RUS").json()["items"] == []     # no UN votes loaded here
    assert get(server, "/api/v1/actors/RUS").json()["name"] == "Russia"
    assert get(server, "/api/v1/dyads/monthly", a="RUS").json()["items"]


@pytest.mark.parametrize("path,params,status,code", [
    ("/api/v1/events", {"bogus": "1"}, 400, "E050"),
    ("/api/v1/events", {"limit": "0"}, 400, "E050"),
    ("/api/v1/events", {"limit": "100000"}, 400, "E050"),
    ("/api/v1/events", {"since": "yesterday"}, 400, "E050"),
    ("/api/v1/events", {"since": "2024-02-01", "until": "2024-01-01"}, 400, "E050"),
    ("/api/v1/events", {"actor": "R'; DROP TABLE events;--"}, 400, "E050"),
    ("/api/v1/events", {"format": "xml"}, 400, "E050"),
    ("/api/v1/events/nope", {}, 404, "E070"),
    ("/api/v1/articles/0000000000000000", {}, 404, "E070"),
    ("/api/v1/stance", {"target": "XYZ"}, 400, "E050"),
    ("/api/v1/stance", {"target": "RUS", "window_months": "12"}, 400, "E050"),
    ("/api/v1/meetings", {"state": "RUS", "since": "2024-02-01", "until": "2024-01-01"}, 400, "E050"),
    ("/api/v1/isolation", {"state": "RUS", "freq": "week"}, 400, "E050"),
    ("/api/v1/isolation/states", {"year": "1800"}, 400, "E050"),
    ("/api/v1/isolation/states", {}, 400, "E050"),
    ("/api/v1/isolation", {"state": "RUS", "since": "2024-02-01", "until": "2024-01-01"}, 400, "E050"),
    ("/no/such/page", {}, 404, "E070"),
])
def test_error_shape(server, path, params, status, code):
    assert_error(get(server, path, **params), status, code)


def test_writes_are_off_without_a_token(server):
    resp = httpx.post(server.url + "/api/v1/articles", json={"articles": [{"text": "Russia met China."}]})
    assert_error(resp, 403, "E072")
    assert_error(httpx.delete(server.url + "/api/v1/events"), 405, "E074")


def test_writes_need_the_bearer_token(writable, token):
    body = {"articles": [{"text": "Russia met China."}]}
    url = writable.url + "/api/v1/articles"
    assert_error(httpx.post(url, json=body), 401, "E071")
    assert_error(httpx.post(url, json=body, headers={"Authorization": "Bearer wrong"}), 401, "E071")
    assert_error(httpx.post(url, json=body, headers={"Authorization": token}), 401, "E071")


def test_post_article_is_coded_and_listed(writable, token):
    text = ("Brazil and Argentina sign trade pact\n\nBUENOS AIRES, March 3, 2025 - President Luiz Inacio Lula "
            "da Silva met Argentine President Javier Milei in Buenos Aires on Monday. Brazil signed a trade "
            "agreement with Argentina, officials said.")
    resp = httpx.post(writable.url + "/api/v1/articles", timeout=120, headers={"Authorization": f"Bearer {token}"},
                      json={"articles": [{"text": text, "title": "pact", "date": "2025-03-03"}]})
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["articles"] == 1 and out["events"]
    listed = get(writable, "/api/v1/events", party="BRA", limit=1000).json()["items"]
    assert set(out["events"]) <= {e["id"] for e in listed}
    again = httpx.post(writable.url + "/api/v1/articles", timeout=120, headers={"Authorization": f"Bearer {token}"},
                       json={"articles": [{"text": text}]}).json()
    assert again["articles"] == 0 and again["duplicates"] == 1
    assert len(get(writable, "/api/v1/events", party="BRA", limit=1000).json()["items"]) == len(listed)


def test_urls_are_not_fetched_without_an_allow_list(writable, token):
    resp = httpx.post(writable.url + "/api/v1/articles", headers={"Authorization": f"Bearer {token}"},
                      json={"fetch": ["http://127.0.0.1:1/secret"]})
    assert_error(resp, 403, "E075")


def test_body_size_limit(writable, token):
    big = {"articles": [{"text": "x" * 300_000}]}
    resp = httpx.post(writable.url + "/api/v1/articles", json=big, headers={"Authorization": f"Bearer {token}"})
    assert_error(resp, 413, "E073")

    def chunks():                       # no Content-Length: counted while streaming
        for _ in range(30):
            yield b"x" * 10_000
    resp = httpx.post(writable.url + "/api/v1/articles", content=chunks(),
                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert_error(resp, 413, "E073")


def test_security_headers_and_no_cdn(server):
    resp = get(server, "/")
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert "http" not in resp.text.replace("http-equiv", "")          # every asset is served by us
    assert get(server, "/docs").status_code == 404                     # swagger UI would load from a CDN


def test_serve_defaults_to_loopback(monkeypatch):
    from multipolar.cli_web import serve

    monkeypatch.delenv("MULTIPOLAR_WRITE_TOKEN", raising=False)
    params = serve.make_context("serve", []).params
    assert params["host"] == "127.0.0.1"
    assert params["write_token"] is None and tuple(params["allow_fetch"]) == ()
    monkeypatch.setenv("MULTIPOLAR_WRITE_TOKEN", "from-the-environment-1234")
    assert serve.make_context("serve", []).params["write_token"] == "from-the-environment-1234"
