"""The API takes an IGO as shown (SCO) or as stored (IGOSCO); the dashboard labels it SCO, as the bloc views do."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import httpx
import pytest

from tests.web.conftest import REPO, LiveServer

ARTICLES = [("o1", "2024-07-04", "The SCO criticised the United States on Thursday."),
            ("o2", "2024-07-04", "Russia praised the Shanghai Cooperation Organisation on Thursday.")]


@pytest.fixture(scope="module")
def sco_server(tmp_path_factory):
    from multipolar.pipeline import ingest
    from multipolar.store.db import Store
    from multipolar.web.app import create_app

    tmp = tmp_path_factory.mktemp("sco")
    src = tmp / "a.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in ARTICLES), encoding="utf-8")
    with Store.open(tmp / "s.duckdb") as store:
        ingest([str(src)], store)
    with LiveServer(create_app(tmp / "s.duckdb")) as srv:
        yield srv


def _events(srv, **params):
    r = httpx.get(srv.url + "/api/v1/events", params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def _items(body):
    return body["items"] if isinstance(body, dict) and "items" in body else body.get("data", body)


@pytest.mark.parametrize("param", ["actor", "party"])
def test_api_filter_takes_sco_or_igosco(sco_server, param):
    shown, stored = _items(_events(sco_server, **{param: "SCO"})), _items(_events(sco_server, **{param: "IGOSCO"}))
    assert shown and [e["id"] for e in shown] == [e["id"] for e in stored]
    assert any(p["code"] == "IGOSCO" for e in shown for p in e["actor"] + e["recipient"])


def test_api_recipient_sco(sco_server):
    found = _items(_events(sco_server, recipient="SCO"))
    assert found and all(any(p["code"] == "IGOSCO" for p in e["recipient"]) for e in found)


def test_dashboard_labels_prefixed_igos_by_their_acronym():
    """The dashboard's own label functions, run by node: IGOSCO is shown as SCO, states and NATO unchanged."""
    js = (REPO / "src/multipolar/web/static/app.js").read_text(encoding="utf-8")
    funcs = [re.search(rf"^function {name}\(.*$", js, re.M).group(0) for name in ("shown", "codes")]
    assert "p => shown(p.code)" in funcs[1]
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    script = "\n".join(funcs) + '\nconsole.log(codes([{code: "IGOSCO"}, {code: "RUS"}, {code: "NATO"}]));'
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30, check=True).stdout
    assert out.strip() == "SCO, RUS, NATO"
