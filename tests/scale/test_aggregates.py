"""The pre-aggregates give list_events exactly the plain path's records (same events, same order), stay exact
after `append`, and step aside when events were stored behind their back."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from multipolar.store import aggregates
from multipolar.store.db import Store
from multipolar.store.events import list_events as _list_events
from multipolar.store.filters import Filters

def list_events(store, limit=None, offset=0, **filters):
    return _list_events(store, Filters.make(**filters), limit=limit, offset=offset)


CODES = ["USA", "RUS", "CHN", "UKR", "FRA", "NATO"]
TYPES = ["CONSULT", "ACCUSE", "AID", "COERCE"]


def fill(store: Store, rng: random.Random, articles: range) -> list[str]:
    """Articles with 0-5 events each, stored as ingest would: tricky cases on purpose (NULL dates, equal dates,
    the same code twice as actor, claim sources, locations, events without a recipient)."""
    con, hashes = store.con, []
    for a in articles:
        h = f"h{a:05d}"
        hashes.append(h)
        con.execute("INSERT INTO articles (hash, id, url, title, date, source, text, sentences, coder) "
                    "VALUES (?, ?, ?, ?, DATE '2020-01-01', 's', 'text', 3, 'test')",
                    [h, f"doc{a}", f"https://x.example/{a}", f"T{a}"])
        for k in range(rng.randrange(6)):
            eid = f"{h}-{k}"
            day = None if rng.random() < 0.08 else date(2019, 1, 1) + timedelta(days=rng.randrange(0, 1000, 3))
            loc = ("Kyiv", "UKR", 50.4, 30.5) if rng.random() < 0.3 else (None, None, None, None)
            con.execute(f"INSERT INTO events VALUES ({', '.join('?' * 23)})",
                        [eid, h, f"doc{a}", rng.choice(TYPES), rng.choice([None, "verbal"]), ["diplomatic"],
                         rng.choice(["asserted", "reported", "negated"]), day, "day", *loc, None,
                         rng.uniform(-9, 9), f"sentence {eid}", 0, 10, "trig", rng.random(), "test", None, eid])
            actors = rng.sample(CODES, rng.choice([1, 1, 2]))
            if rng.random() < 0.1:
                actors.append(actors[0])                     # "Biden and Blinken": the same code twice
            rows = [(eid, "actor", i, c, "GOV", f"{c} {i}", c.title() if i else None, "state")
                    for i, c in enumerate(actors)]
            if rng.random() < 0.85:
                rows.append((eid, "recipient", 0, rng.choice(CODES), None, "them", None, "state"))
            if rng.random() < 0.2:
                rows.append((eid, "claim_source", 0, rng.choice(CODES), "GOV", "officials", None, "state"))
            con.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return hashes


QUERIES = [
    dict(actor="USA"), dict(actor="usa", limit=50), dict(actor="RUS", limit=7, offset=5),
    dict(recipient="UKR", limit=20), dict(recipient="NATO"), dict(actor="CHN", since="2019-06-01", until="2020-02-15"),
    dict(actor="USA", since="2020-03-10", until="2020-03-31", limit=3),
    dict(actor="USA", until="2021-01-17", limit=10), dict(actor="USA", since="2021-06-02", limit=10, offset=3),
    dict(actor="FRA", type="accuse", limit=5), dict(actor="UKR", modality="reported", limit=12),
    dict(recipient="RUS", min_confidence=0.5, until="2020-12-31", limit=9),
    dict(actor="USA", type="CONSULT", since="2019-02-01", until="2021-08-01", limit=4, offset=2),
    dict(actor="XXX", limit=10), dict(actor="USA", since="2030-01-01"), dict(actor="USA", limit=1000, offset=0),
]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "agg.duckdb") as s:
        fill(s, random.Random(3), range(300))
        yield s


def test_fast_path_gives_the_plain_records_in_the_same_order(store):
    plain = [list_events(store, **q) for q in QUERIES]           # no aggregates yet: the plain path
    assert not aggregates.current(store)
    aggregates.build(store)
    assert aggregates.current(store)
    assert sum(len(p) for p in plain) > 500
    for q, expected in zip(QUERIES, plain):
        args = {k: v for k, v in q.items() if k not in ("limit", "offset")}
        fast = aggregates.fast_list(store, Filters.make(**args), limit=q.get("limit"), offset=q.get("offset", 0))
        assert fast is not None, q                                 # the fast path answered ...
        assert fast == expected, q                                 # ... with exactly the plain records
        assert list_events(store, **q) == expected, q              # and list_events takes it


def test_filters_the_aggregates_do_not_carry_use_the_plain_path(store):
    aggregates.build(store)
    for q in (dict(party="USA"), dict(actor="USA", recipient="RUS"), dict(actor="USA", distinct=True), {}):
        assert aggregates.fast_list(store, Filters.make(**q), limit=None, offset=0) is None


def test_append_keeps_the_pages_exact_and_a_store_behind_their_back_is_stale(store, tmp_path):
    aggregates.build(store)
    new = fill(store, random.Random(4), range(300, 340))
    assert not aggregates.current(store)                           # stored without append: stale, plain path
    stale_answer = list_events(store, actor="USA", limit=30)
    aggregates.append(store, new)
    assert aggregates.current(store)
    assert list_events(store, actor="USA", limit=30) == stale_answer
    with Store.open(tmp_path / "fresh.duckdb") as fresh:             # the same data built in one go
        fill(fresh, random.Random(3), range(300))
        fill(fresh, random.Random(4), range(300, 340))
        aggregates.build(fresh)
        for table in ("agg_actor_month", "agg_dyad_month"):
            q = f"SELECT * FROM {table} ORDER BY ALL"                # float sums: equal to 1e-9
            rounded = [[tuple(round(v, 9) if isinstance(v, float) else v for v in r)
                        for r in s.con.execute(q).fetchall()] for s in (store, fresh)]
            assert rounded[0] == rounded[1], table
        for q in QUERIES:
            assert list_events(store, **q) == list_events(fresh, **q), q


def test_monthly_counts_count_each_event_once_per_code_and_role(store):
    aggregates.build(store)
    months = store.con.execute("SELECT sum(n) FROM agg_actor_month WHERE code = 'USA' AND role = 'actor'").fetchone()
    distinct = store.con.execute(
        "SELECT count(DISTINCT a.event_id) FROM event_actors a JOIN events e ON e.id = a.event_id "
        "WHERE a.code = 'USA' AND a.role = 'actor' AND e.date IS NOT NULL").fetchone()
    assert months == distinct
    page = aggregates.actor_events(store, "USA", since="2019-01-01", until="2021-12-31", limit=10)
    assert [r["id"] for r in page] == [r["id"] for r in list_events(store, actor="USA", since="2019-01-01",
                                                                       until="2021-12-31", limit=10)]


def test_module_command_builds_them(tmp_path, capsys):
    path = tmp_path / "cmd.duckdb"
    with Store.open(path) as s:
        fill(s, random.Random(5), range(20))
    aggregates.main([str(path)])
    assert "agg_actor_events" in capsys.readouterr().out
    with Store.open(path, read_only=True) as s:
        assert aggregates.current(s)


def test_a_build_in_small_runs_of_codes_gives_the_same_table(store, tmp_path):
    """Big stores build agg_actor_events in runs of codes: the table is the same rows in the same order."""
    aggregates.build(store)
    whole = store.con.execute("SELECT * FROM agg_actor_events").fetchall()
    assert len(aggregates._code_batches(store, 50)) > 3
    aggregates.build(store, batch_rows=50)
    assert store.con.execute("SELECT * FROM agg_actor_events").fetchall() == whole
    assert aggregates.current(store)


def test_dyad_months_count_an_event_once_when_it_names_a_state_twice(store):
    """fill() stores events with the same code twice as actor ("Biden and Blinken"): one event, one count."""
    aggregates.build(store)
    pairs = store.con.execute(
        "SELECT DISTINCT a.code, r.code FROM event_actors a JOIN event_actors r ON r.event_id = a.event_id "
        "AND r.role = 'recipient' JOIN events e ON e.id = a.event_id WHERE a.role = 'actor' AND a.code <> r.code "
        "AND e.date IS NOT NULL GROUP BY a.event_id, a.code, r.code HAVING count(*) > 1").fetchall()
    assert pairs, "the fixture should hold such events"
    for actor, recipient in pairs:
        got = store.con.execute("SELECT sum(n) FROM agg_dyad_month WHERE actor = ? AND recipient = ?",
                                [actor, recipient]).fetchone()[0]
        want = store.con.execute(
            "SELECT count(DISTINCT e.id) FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor' "
            "AND a.code = ? JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient' AND r.code = ? "
            "WHERE e.date IS NOT NULL", [actor, recipient]).fetchone()[0]
        assert got == want, (actor, recipient, got, want)
