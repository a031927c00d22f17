"""One listing path (issue 15 part 8): `multipolar events` and `GET /api/v1/events` take the same filters by the
same names (store.filters.Filters) and give the same records from the same function (store.events.list_events),
whichever tables answer (the API reads the web summaries, the CLI on an unserved store joins the events)."""
from __future__ import annotations

import json

import httpx
import pytest
from click.testing import CliRunner

from multipolar.cli import main
from multipolar.store import web_queries
from multipolar.store.filters import Filters

QUERIES = [
    {},
    {"actor": "RUS"},
    {"recipient": "UKR"},
    {"party": "USA"},
    {"type": "CONSULT", "since": "2020-01-01", "until": "2030-12-31"},
    {"modality": "asserted", "min_confidence": 0.5},
    {"dated": "false"},
    {"dated": "true", "party": "CHN"},
    {"distinct": "true"},
]


def _cli(db, query: dict) -> list[dict]:
    args = ["events", "--db", str(db), "--format", "json", "--limit", "1000"]
    for name, value in query.items():
        if name == "dated":
            args.append("--dated" if value == "true" else "--undated")
        elif name == "distinct":
            args.append("--distinct")
        else:
            args += ["--" + name.replace("_", "-"), str(value)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output[:result.output.rindex("]") + 1])


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(f"{k}={v}" for k, v in q.items()) or "all")
def test_cli_and_api_list_the_same_records_under_the_same_filter_names(server, example_store, query):
    resp = httpx.get(server.url + "/api/v1/events", params={**query, "limit": 1000}, timeout=30)
    assert resp.status_code == 200, resp.text
    api = resp.json()["items"]
    assert api or query.get("dated") == "false" or "party" in query, "the examples should give events here"
    assert _cli(example_store, query) == api


def test_the_vocabulary_is_one_dataclass():
    names = {"actor", "recipient", "party", "type", "modality", "since", "until", "min_confidence", "dated",
             "distinct"}
    assert set(Filters.__dataclass_fields__) == names
    assert not hasattr(web_queries, "event_page") and web_queries.Filters is Filters
    f = Filters.make(actor="sco", type="consult", since="2024-01-01")
    assert (f.actor, f.type, f.since.isoformat()) == ("IGOSCO", "CONSULT", "2024-01-01")
