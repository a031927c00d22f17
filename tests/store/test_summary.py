"""store.summary.top_dyads: each event counts once per pair, in the count and in the mean score."""
from __future__ import annotations

from multipolar.store.db import Store
from multipolar.store.summary import top_dyads


def _event(con, eid: str, intensity: float, actors: list[str], recipient: str) -> None:
    con.execute(f"INSERT INTO events VALUES ({', '.join('?' * 23)})",
                [eid, "h1", "doc1", "ACCUSE", None, ["diplomatic"], "asserted", None, "day", None, None, None,
                 None, None, intensity, f"sentence {eid}", 0, 10, "trig", 0.9, "test", None, eid])
    rows = [(eid, "actor", i, c, "GOV", f"{c} {i}", None, "state") for i, c in enumerate(actors)]
    rows.append((eid, "recipient", 0, recipient, None, "them", None, "state"))
    con.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def test_an_event_naming_a_state_twice_weighs_once(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        con.execute("INSERT INTO articles (hash, id, url, title, date, source, text, sentences, coder) "
                    "VALUES ('h1', 'doc1', 'https://x.example/1', 'T', DATE '2024-01-01', 's', 'text', 2, 'test')")
        _event(con, "e1", -9.0, ["USA", "USA"], "RUS")      # "Biden and Blinken accused Moscow"
        _event(con, "e2", 1.0, ["USA"], "RUS")
        row = top_dyads(store).iloc[0]
        assert (row.actor, row.recipient, int(row.n)) == ("USA", "RUS", 2)
        assert row.mean_score == -4.0                        # (-9 + 1) / 2, not (-9 - 9 + 1) / 3


def test_event_pairs_list_a_pair_once_per_event(tmp_path):
    """indicators.event_pairs (dyads, blocs): 'Putin and Lavrov met Wang Yi' is one RUS-CHN event"""
    from multipolar.store.indicators import event_pairs
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        con.execute("INSERT INTO articles (hash, id, url, title, date, source, text, sentences, coder) "
                    "VALUES ('h1', 'doc1', 'https://x.example/1', 'T', DATE '2024-01-01', 's', 'text', 2, 'test')")
        _event(con, "e1", 2.0, ["RUS", "RUS"], "CHN")
        con.execute("UPDATE events SET date = DATE '2024-01-01'")
        pairs = event_pairs(store)
        assert len(pairs[(pairs.a == "RUS") & (pairs.b == "CHN")]) == 1
