"""Query latency of the common queries on generated stores of 1M, 10M and 100M events: p50 and p95.

    .venv/bin/python benchmarks/query_latency.py                         # 1M and 10M
    .venv/bin/python benchmarks/query_latency.py --sizes 1e6 1e7 3e7     # what was measured (see docs/scale.md)
    .venv/bin/python benchmarks/query_latency.py --sizes 1e8             # 100M: ~33 GB on disk plus sort spill
    .venv/bin/python benchmarks/query_latency.py --sizes 1e6 --keep /tmp/q  # keep (and later reuse) the stores

Sizes run one after the other and each store is deleted before the next is generated, so only one big
store is ever on disk. Each store is generated inside DuckDB with SQL (range() and hash()-based picks, no
Python loop), in the real schema (multipolar.store.schema, primary keys and indexes included), in date
order as an ingest would leave it, with news-like skew: Zipf weights over the roster's states (USA, CHN,
RUS, UKR, ISR, IRN ... take most events), cooperative types more common than conflictual ones, dates
2015-2024 with more events in recent years, ~4 events per article, 90% with a recipient, short synthetic
sentences ("USA consults RUS (123).") to keep the files small. Then the pre-aggregates
(multipolar.store.aggregates.build) are built, and each query runs `--reps` times with random parameters
(half head states, half tail states; periods of one month and one year) after one warm-up; the table gives
p50/p95 in milliseconds, and the log lines give generation and aggregation times and the file size.

Queries:
  events_cli       list_events(Filters(actor=X, since, until), limit=50), what `multipolar events --actor X --since
                   --until --limit 50` runs: answered from agg_actor_events when the aggregates are current
  actor_events     aggregates.actor_events(X, since, until, limit=50): the same page, called directly
  actor_months     aggregates.actor_months(X, since, until): monthly counts by type
  dyad_series      aggregates.dyad_series(A, B): monthly A -> B series over all years
  events_plain     list_events with the fast path switched off (joins over events/event_actors)
  dyad_series_raw  the dyad series computed from events/event_actors without the aggregates
The last two take seconds on big stores and run only up to --plain-max events (default 10M).
A benchmark, never a test.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

from multipolar.actors import Roster
from multipolar.store import aggregates, schema
from multipolar.store.db import Store
from multipolar.store.events import list_events
from multipolar.store.filters import Filters

HEAD = ["USA", "CHN", "RUS", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "IND", "TUR", "JPN", "PRK", "KOR", "SAU"]
TYPES = [("CONSULT", 30, 1.0), ("AGREE", 12, 3.0), ("SUPPORT", 10, 3.4), ("COOPERATE", 8, 5.0), ("AID", 6, 7.0),
         ("REQUEST", 7, -0.5), ("ACCUSE", 8, -2.0), ("REJECT", 4, -4.0), ("THREATEN", 3, -6.0),
         ("PROTEST", 3, -6.5), ("SANCTION", 3, -6.0), ("MOBILIZE", 2, -7.0), ("COERCE", 2, -8.0),
         ("ASSAULT", 2, -9.0), ("CONCEDE", 1, 4.0), ("RETREAT", 1, 2.0)]
MODALITIES = [("asserted", 70), ("reported", 18), ("future", 7), ("hypothetical", 3), ("negated", 2)]
START, DAYS = date(2015, 1, 1), 3650


def slots(weighted, n=10_000) -> list[str]:
    total = sum(w for _, w in weighted)
    out: list[str] = []
    for value, w in weighted:
        out += [value] * max(1, round(n * w / total))
    return out


def states() -> list[str]:
    rest = [c for c in Roster.load().countries() if c not in HEAD]
    return HEAD + rest


def generate(path: Path, n: int) -> float:
    """Write a store of n events; returns seconds."""
    t0 = time.perf_counter()
    with duckdb.connect(str(path)) as con:        # not Store.open: indexes after the load
        for stmt in schema.TABLES:
            con.execute(stmt)
        codes = states()
        c = slots([(s, 1.0 / (k + 1) ** 1.15) for k, s in enumerate(codes)])
        t = slots([(x, w) for x, w, _ in TYPES])
        m = slots(MODALITIES)
        con.execute("CREATE OR REPLACE TEMP TABLE pick AS SELECT ?::VARCHAR[] c, ?::VARCHAR[] t, ?::VARCHAR[] m",
                    [c, t, m])
        con.execute("CREATE OR REPLACE TEMP TABLE score AS SELECT unnest(?::VARCHAR[]) event, unnest(?::DOUBLE[]) s",
                    [[x for x, _, _ in TYPES], [s for _, _, s in TYPES]])
        # hash(i, k) is a fixed pseudo-random number per event, so events and participants agree
        pick = "p.{col}[1 + (hash(i, {k}) % len(p.{col}))::INTEGER]"
        day = f"least({DAYS - 1}, floor(sqrt(i / {n}) * {DAYS}) + hash(i, 9) % 3)::INTEGER"
        con.execute(f"""CREATE OR REPLACE TEMP VIEW gen AS SELECT i, printf('%016x', i // 4) AS art,
            printf('%016x-%d', i // 4, i % 4) AS id, DATE '{START}' + {day} AS date,
            {pick.format(col='c', k=1)} AS a, {pick.format(col='c', k=2)} AS r,
            {pick.format(col='t', k=3)} AS event, {pick.format(col='m', k=4)} AS modality,
            hash(i, 5) % 10 = 0 AS alone
            FROM range({n}) t(i), pick p""")
        phase = time.perf_counter()

        def done(what: str) -> None:
            nonlocal phase
            print(f"#   {what} {time.perf_counter() - phase:.0f}s", flush=True)
            phase = time.perf_counter()
        # an article per 4 events, dated by its first event (no GROUP BY over n rows)
        con.execute("""INSERT INTO articles (hash, id, url, title, date, source, text, sentences, coder)
            SELECT art, 'g' || art, 'https://news.example.org/' || art, NULL, date, 'generated',
                   'generated article', 20, 'generated' FROM gen WHERE i % 4 = 0""")
        done("articles")
        con.execute("""INSERT INTO events SELECT id, art, 'g' || art, g.event, NULL, ['diplomatic'], modality,
            date, 'day', NULL, NULL, NULL, NULL, NULL, s.s, a || ' ' || lower(g.event) || 's ' || r || ' (' || i || ').', 0, 80, lower(g.event),
            0.5 + (hash(i, 6) % 50) / 100, 'generated', NULL, id
            FROM gen g JOIN score s ON s.event = g.event""")
        done("events")
        con.execute("""INSERT INTO event_actors SELECT id, 'actor', 0, a, 'GOV', a, NULL, 'state' FROM gen
            UNION ALL SELECT id, 'recipient', 0, r, 'GOV', r, NULL, 'state' FROM gen WHERE NOT alone AND r <> a""")
        done("participants")
        con.execute("DROP VIEW gen")
        build_indexes(con)
    return time.perf_counter() - t0


def build_indexes(con) -> None:
    """The real store's indexes, built after the bulk load one statement (one transaction) at a time:
    schema.migrate makes them all in one transaction, which at 100M events exceeds the memory limit."""
    t1 = time.perf_counter()
    for stmt in schema.INDEXES:
        name = stmt.split(" ON ")[0].split()[-1]
        try:
            con.execute(stmt)
            print(f"#   index {name} {time.perf_counter() - t1:.0f}s", flush=True)
        except duckdb.OutOfMemoryException as exc:
            # DuckDB builds an ART index in memory: report it and time the queries without it
            print(f"#   index {name} NOT BUILT (out of memory): {str(exc).splitlines()[0]}", flush=True)
    for stmt in schema.UPGRADES + schema.VIEWS:   # the rest of schema.migrate, without its indexes
        con.execute(stmt)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(schema.SCHEMA_VERSION)])
    print(f"# indexes {time.perf_counter() - t1:.0f}s", flush=True)


def reusable(path: Path, n: int) -> bool:
    """A store kept by an earlier --keep run with exactly n events (generation is the slow part)."""
    if not path.exists():
        return False
    try:
        with duckdb.connect(str(path)) as con:
            have = con.execute("SELECT count(*) FROM events").fetchone()[0]
            if have == n:
                build_indexes(con)
                return True
    except duckdb.Error as exc:
        print(f"# the kept store at {path} cannot be reused ({exc}); generating a new one", flush=True)
    return False


def timed(fn, reps: int, params) -> list[float]:
    fn(*params[0])                                     # warm-up
    out = []
    for i in range(reps):
        t = time.perf_counter()
        fn(*params[i % len(params)])
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def run_size(path: Path, n: int, reps: int, rng: random.Random, plain_max: int) -> list[tuple]:
    if reusable(path, n):
        print(f"# reusing the {n:,}-event store kept in {path}", flush=True)
        gen_s = float("nan")
    else:
        path.unlink(missing_ok=True)
        gen_s = generate(path, n)
    size0 = path.stat().st_size / 1e9
    with duckdb.connect(str(path)) as con:
        t = time.perf_counter()
        counts = aggregates.build(Store(con, str(path)))
        agg_s = time.perf_counter() - t
        con.execute("CHECKPOINT")
    size_gb = path.stat().st_size / 1e9
    print(f"# {n:,} events: generated in {gen_s:.0f}s ({size0:.2f} GB, {size0 * 1e3 / (n / 1e6):.0f} MB/M "
          f"events), aggregates in {agg_s:.0f}s ({counts['agg_actor_events']:,} page rows); file with "
          f"aggregates {size_gb:.2f} GB = {size_gb * 1e3 / (n / 1e6):.0f} MB per million events", flush=True)
    codes = states()
    head, tail = codes[:6], codes[20:80]
    periods = []
    for _ in range(reps):
        x = rng.choice(head) if rng.random() < 0.5 else rng.choice(tail)
        start = START + timedelta(days=rng.randrange(DAYS - 400))
        end = start + timedelta(days=rng.choice([30, 365]))
        periods.append((x, start, end))
    dyads = [(rng.choice(head), rng.choice(head + tail[:10])) for _ in range(reps)]
    rows = []
    with Store.open(path, read_only=True) as store:
        assert aggregates.current(store)
        fast = aggregates.fast_list

        def plain(x, s, u):                       # list_events with the fast path switched off
            aggregates.fast_list = lambda *a, **k: None
            try:
                return list_events(store, Filters(actor=x, since=s, until=u), limit=50)
            finally:
                aggregates.fast_list = fast

        queries = [
            ("events_cli", lambda x, s, u: list_events(store, Filters(actor=x, since=s, until=u), limit=50), periods),
            ("actor_events", lambda x, s, u: aggregates.actor_events(store, x, since=s, until=u, limit=50), periods),
            ("actor_months", lambda x, s, u: aggregates.actor_months(store, x, since=s, until=u), periods),
            ("dyad_series", lambda a, b: aggregates.dyad_series(store, a, b), dyads),
            ("events_plain", plain, periods),
            ("dyad_series_raw", lambda a, b: store.con.execute(
                "SELECT date_trunc('month', e.date) m, count(*), avg(e.intensity) FROM events e "
                "JOIN event_actors x ON x.event_id = e.id AND x.role = 'actor' AND x.code = ? "
                "JOIN event_actors y ON y.event_id = e.id AND y.role = 'recipient' AND y.code = ? "
                "GROUP BY m ORDER BY m", [a, b]).fetchall(), dyads),
        ]
        for name, fn, params in queries:
            if name in ("events_plain", "dyad_series_raw") and n > plain_max:
                print(f"{n:>12,} {name:<16} skipped (--plain-max {plain_max:,})", flush=True)
                continue
            ms = timed(fn, reps, params)
            rows.append((n, name, reps, pct(ms, 0.5), pct(ms, 0.95)))
            print(f"{n:>12,} {name:<16} {reps:>5} {pct(ms, 0.5):>9.1f} {pct(ms, 0.95):>9.1f}", flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", type=float, default=[1e6, 1e7])
    ap.add_argument("--reps", type=int, default=40)
    ap.add_argument("--keep", type=Path, help="keep the generated stores in this folder")
    ap.add_argument("--plain-max", type=float, default=1e7,
                    help="time the paths without aggregates only up to this many events (they take seconds)")
    args = ap.parse_args()
    rng = random.Random(7)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="multipolar-q-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'events':>12} {'query':<16} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9}")
    try:
        for size in args.sizes:
            n = int(size)
            path = folder / f"q{n}.duckdb"
            if not args.keep:
                path.unlink(missing_ok=True)
            run_size(path, n, args.reps, rng, int(args.plain_max))
            if not args.keep:
                path.unlink(missing_ok=True)
                Path(str(path) + ".wal").unlink(missing_ok=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
