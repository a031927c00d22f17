"""Generate a synthetic event store of N events (default 10 million) for the API latency benchmark.

Everything is generated inside DuckDB with SQL, so 10M events take a few minutes, not hours:

    .venv/bin/python benchmarks/make_big_store.py --events 10000000 --out /tmp/big.duckdb
    .venv/bin/python benchmarks/make_big_store.py --events 1000000 --out /tmp/1m.duckdb

The skew is meant to look like news: a handful of states take most of the events (Zipf weights over the
roster, USA/CHN/RUS/UKR/ISR/IRN first), cooperative types outnumber conflictual ones, most events are
'asserted', and there are more events in recent years. Each article carries ~4 events. Event ids, article
hashes and sentences are synthetic; the schema is the real one (multipolar.store.schema), and the web
summaries (multipolar.store.web_queries.build_summaries) are built at the end unless --no-summaries.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from multipolar.actors import Roster
from multipolar.store import schema

HEAD = ["USA", "CHN", "RUS", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "IND", "TUR", "JPN", "PRK", "KOR",
        "SAU", "PSE", "BRA", "ZAF", "PAK", "SYR"]
# PLOVER types with a relative frequency and a typical intensity score
TYPES = [("CONSULT", 30, 1.0), ("AGREE", 12, 3.0), ("SUPPORT", 10, 3.4), ("COOPERATE", 8, 5.0), ("AID", 6, 7.0),
         ("REQUEST", 7, -0.5), ("ACCUSE", 8, -2.0), ("REJECT", 4, -4.0), ("THREATEN", 3, -6.0),
         ("PROTEST", 3, -6.5), ("SANCTION", 3, -6.0), ("MOBILIZE", 2, -7.0), ("COERCE", 2, -8.0),
         ("ASSAULT", 2, -9.0), ("CONCEDE", 1, 4.0), ("RETREAT", 1, 2.0)]
MODALITIES = [("asserted", 70), ("reported", 18), ("future", 7), ("hypothetical", 3), ("negated", 2)]
SLOTS = 10_000


def _slots(weighted: list[tuple[str, float]]) -> list[str]:
    """A list of SLOTS entries in which each value fills a share proportional to its weight."""
    total = sum(w for _, w in weighted)
    out: list[str] = []
    for value, w in weighted:
        out += [value] * max(1, round(SLOTS * w / total))
    return out


def country_weights(roster: Roster) -> list[tuple[str, float]]:
    rest = [c for c in roster.countries() if c not in HEAD]
    ordered = HEAD + rest
    return [(c, 1.0 / (rank + 1) ** 1.15) for rank, c in enumerate(ordered)]


def generate(out: Path, n_events: int, *, seed: float = 0.42) -> None:
    roster = Roster.load()
    if out.exists():
        out.unlink()
    con = duckdb.connect(str(out))
    for stmt in schema.TABLES:            # tables first, indexes after the bulk load (much faster)
        con.execute(stmt)
    con.execute("SELECT setseed(?)", [seed])
    countries = _slots(country_weights(roster))
    types = _slots([(t, w) for t, w, _ in TYPES])
    mods = _slots(MODALITIES)
    con.execute("CREATE TEMP TABLE score AS SELECT * FROM (VALUES " +
                ", ".join(f"('{t}', {s})" for t, _, s in TYPES) + ") v(event, score)")
    con.execute("CREATE TEMP TABLE pick AS SELECT ?::VARCHAR[] AS c, ?::VARCHAR[] AS t, ?::VARCHAR[] AS m",
                [countries, types, mods])
    names = {c: roster.country(c)["name"] for c in roster.countries()}
    con.execute("CREATE TEMP TABLE names AS SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS name",
                [list(names), list(names.values())])
    n_articles = max(1, n_events // 4)
    t0 = time.perf_counter()
    # days since 2014-01-01, skewed to recent years: sqrt of a uniform number pushes mass to the end
    con.execute(f"""
        CREATE TEMP TABLE ev AS
        SELECT i, (i // 4) AS art,
               (DATE '2014-01-01' + CAST(floor(sqrt(random()) * 4380) AS INTEGER)) AS date,
               p.c[1 + CAST(floor(random() * len(p.c)) AS INTEGER)] AS a,
               p.c[1 + CAST(floor(random() * len(p.c)) AS INTEGER)] AS r,
               p.t[1 + CAST(floor(random() * len(p.t)) AS INTEGER)] AS event,
               p.m[1 + CAST(floor(random() * len(p.m)) AS INTEGER)] AS modality,
               round(0.35 + random() * 0.6, 3) AS confidence,
               random() < 0.15 AS reciprocal, random() < 0.1 AS no_recipient
        FROM range({n_events}) t(i), pick p""")
    con.execute(f"""
        INSERT INTO articles (hash, id, url, title, date, source, text, sentences, coder)
        SELECT printf('%016x', art), 'synthetic-' || art, 'https://news.example.org/a/' || art,
               'Synthetic article ' || art, min(date),
               'synthetic', 'Synthetic article text ' || art || '.', 12, 'multipolar synthetic'
        FROM ev GROUP BY art""")
    # one row per event, newest last, as an ingest in date order would leave them
    con.execute("""
        INSERT INTO events
        SELECT printf('%016x', art) || '-' || (i % 4), printf('%016x', art), 'synthetic-' || art, ev.event,
               NULL, ['diplomatic'], modality, date, 'day', NULL, NULL, NULL, NULL, NULL,
               s.score + round(random() - 0.5, 1), na.name || ' ' || lower(ev.event) || 's ' ||
               coalesce(nr.name, 'partners') || ' in a synthetic sentence about talks.',
               (i % 4) * 120, (i % 4) * 120 + 90, lower(ev.event) || 's', confidence, 'multipolar synthetic'
        FROM ev JOIN score s USING (event) JOIN names na ON na.code = ev.a LEFT JOIN names nr ON nr.code = ev.r
        ORDER BY date, i""")
    con.execute("""
        INSERT INTO event_actors
        SELECT printf('%016x', art) || '-' || (i % 4), 'actor', 0, a, 'GOV', n.name, n.name, 'state'
        FROM ev JOIN names n ON n.code = ev.a
        UNION ALL
        SELECT printf('%016x', art) || '-' || (i % 4), CASE WHEN reciprocal THEN 'actor' ELSE 'recipient' END,
               CASE WHEN reciprocal THEN 1 ELSE 0 END, r, 'GOV', n.name, n.name, 'state'
        FROM ev JOIN names n ON n.code = ev.r WHERE r <> a AND NOT no_recipient""")
    print(f"generated {n_events:,} events in {n_articles:,} articles: {time.perf_counter() - t0:.1f}s", flush=True)
    t1 = time.perf_counter()
    schema.migrate(con)
    print(f"indexes: {time.perf_counter() - t1:.1f}s", flush=True)
    con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/multipolar-big.duckdb"))
    ap.add_argument("--no-summaries", action="store_true", help="skip building the web summary tables")
    args = ap.parse_args()
    generate(args.out, args.events)
    if not args.no_summaries:
        from multipolar.store.db import Store
        from multipolar.store.web_queries import build_summaries
        t = time.perf_counter()
        with Store.open(args.out) as store:
            build_summaries(store)
        print(f"web summaries: {time.perf_counter() - t:.1f}s", flush=True)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e9:.2f} GB)")


if __name__ == "__main__":
    main()
