"""docs/api.md describes the API the server has: every GET route is in one of its tables, and each row of an
indicator endpoint names the endpoint's own query parameters and their accepted values (the OpenAPI document of
the real app is the reference)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
COMMON = {"actor", "recipient", "party", "type", "modality", "since", "until", "min_confidence", "limit", "offset",
          "format"}


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    from multipolar.store.db import Store
    from multipolar.web.app import create_app
    path = tmp_path_factory.mktemp("docs") / "empty.duckdb"
    Store.open(path).close()
    return create_app(path).openapi()


def rows() -> dict[str, str]:
    """Each table row of docs/api.md that starts with `GET /...`: its path (without /api/v1) -> the row."""
    out = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`GET (/[^`?\s\[]*)", line)
        if m:
            out[re.sub(r"\{[^}]+\}", "{}", m.group(1).removeprefix("/api/v1"))] = line
    return out


def test_every_get_route_is_documented_with_its_parameters(spec):
    documented = rows()
    for path, ops in spec["paths"].items():
        if "get" not in ops:
            continue
        key = re.sub(r"\{[^}]+\}", "{}", path.removeprefix("/api/v1"))
        assert key in documented, f"GET {path} is not in docs/api.md"
        row = documented[key]
        for q in ops["get"].get("parameters", []):
            if q["in"] != "query" or q["name"] in COMMON and key not in ("/isolation", "/meetings"):
                continue
            if q["name"] in ("limit", "offset", "format"):
                continue
            assert re.search(rf"\b{re.escape(q['name'])}\b", row), f"{path}: parameter {q['name']} not in {row!r}"
            pattern = (q.get("schema") or {}).get("pattern", "")
            alternatives = re.fullmatch(r"\^\(([a-z_|]+)\)\$", pattern)
            for value in alternatives.group(1).split("|") if alternatives else []:
                assert value in row, f"{path}: {q['name']}={value} is accepted but not documented"


def test_isolation_freq_default_is_documented(spec):
    freq = next(q for q in spec["paths"]["/api/v1/isolation"]["get"]["parameters"] if q["name"] == "freq")
    assert freq["schema"]["default"] == "year"
    assert "freq `year` by default" in rows()["/isolation"]
