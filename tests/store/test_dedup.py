"""The same event told twice is one canonical event with two sources."""
from datetime import date

from multipolar.model import ActorRef, Article, Event
from multipolar.store.db import Store
from multipolar.store.events import list_events
from multipolar.store.filters import Filters


def _event(eid, doc, when, event="SANCTION", actor="EU", recipient="RUS"):
    return Event(id=eid, doc_id=doc, event=event, actor=(ActorRef(actor, kind="igo"),),
                 recipient=(ActorRef(recipient),), date=when, date_precision="day", sentence="s")


def test_two_outlets_one_event(db_path):
    a = Article.make("The EU adopted sanctions on Russia today.", id="a", url="https://one.example/x")
    b = Article.make("Brussels imposed a new sanctions package on Moscow.", id="b", url="https://two.example/y")
    c = Article.make("Sanctions on Russia again, a week later.", id="c", url="https://one.example/z")
    with Store.open(db_path) as store:
        store.add_coded([(a, 1, [_event("a-0", "a", date(2024, 6, 24))])])
        store.add_coded([(b, 1, [_event("b-0", "b", date(2024, 6, 25))]),     # next day: same event
                         (c, 1, [_event("c-0", "c", date(2024, 7, 2))])])     # a week later: a new event
        rows = list_events(store, Filters(distinct=True))
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"a-0", "c-0"}
    assert by_id["a-0"]["sources"] == {"mentions": 2, "articles": 2, "independent": 2}
    assert by_id["c-0"]["sources"]["mentions"] == 1


def test_different_parties_are_different_events(db_path):
    a = Article.make("One text here about sanctions.", id="a")
    with Store.open(db_path) as store:
        store.add_coded([(a, 2, [_event("a-0", "a", date(2024, 6, 24)),
                                 _event("a-1", "a", date(2024, 6, 24), recipient="BLR")])])
        assert len(list_events(store, Filters(distinct=True))) == 2


def test_the_earliest_telling_is_canonical_whatever_the_order(tmp_path):
    """A store built in another order (Dask chunks, a resumed run) holds the same canonical events."""
    from datetime import date

    from multipolar.store import dedup

    def rows(order):
        base = {"a-0": date(2024, 7, 10), "b-0": date(2024, 7, 9), "c-0": date(2024, 7, 10)}
        width = len(dedup.EVENT_COLUMNS)
        out = []
        for eid in order:
            r = [None] * width
            r[0], r[dedup._DATE], r[dedup._KEY] = eid, base[eid], "ASSAULT|RUS>UKR|asserted"
            out.append(tuple(r))
        return out

    import duckdb
    results = []
    for order in (["a-0", "b-0", "c-0"], ["c-0", "a-0", "b-0"], ["b-0", "c-0", "a-0"]):
        con = duckdb.connect()
        con.execute("CREATE TABLE events (id VARCHAR, dedup_key VARCHAR, date DATE, canonical_id VARCHAR)")
        for r in rows(order):            # one telling per batch, as separate articles arrive
            (done,) = dedup.assign_canonical(con, [r])
            con.execute("INSERT INTO events VALUES (?, ?, ?, ?)",
                        [done[0], done[dedup._KEY], done[dedup._DATE], done[dedup._CANON]])
        results.append(sorted(con.execute("SELECT id, canonical_id FROM events").fetchall()))
    assert results[0] == results[1] == results[2] == [("a-0", "b-0"), ("b-0", "b-0"), ("c-0", "b-0")]
