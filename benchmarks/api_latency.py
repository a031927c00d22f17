"""p50/p95/p99 latency of the common event and dyad API queries, measured from a second process on loopback.

    .venv/bin/python benchmarks/make_big_store.py --events 10000000 --out /tmp/big.duckdb
    .venv/bin/python benchmarks/api_latency.py --db /tmp/big.duckdb            # starts `multipolar serve` itself
    .venv/bin/python benchmarks/api_latency.py --url http://127.0.0.1:8000     # or measure a running server

The server runs in its own process (`multipolar serve` through multipolar.cli_web); this process is the load
client (httpx, keep-alive, --concurrency threads). Every query is requested --rounds times after a warm-up
round; each request is timed from send to the last byte of the body.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

STATES = ["USA", "CHN", "RUS", "UKR", "IND", "IRN", "TUR", "BRA", "FRA", "MLI", "VNM", "ZAF"]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "SANCTION", "AID"]


def queries() -> dict[str, list[str]]:
    """Query kind -> the URLs it cycles through (different states, types and years)."""
    ev, dy = "/api/v1/events?limit=50", "/api/v1/dyads?limit=50"
    return {
        "events newest": [ev],
        "events by actor": [f"{ev}&actor={s}" for s in STATES],
        "events by dyad+type": [f"{ev}&actor={a}&recipient={b}&type={t}" for a, b in zip(STATES, STATES[1:])
                                for t in TYPES[:2]],
        "events by party+year": [f"{ev}&party={s}&since={y}-01-01&until={y}-12-31" for s in STATES[:6]
                                 for y in (2016, 2020, 2024)],
        "events page 5 (offset 200)": [f"{ev}&party={s}&offset=200" for s in STATES],
        "dyads top": [dy],
        "dyads by actor": [f"{dy}&actor={s}" for s in STATES],
        "dyads by actor+type+year": [f"{dy}&actor={s}&type={t}&since=2023-01-01&until=2023-12-31"
                                     for s in STATES[:6] for t in TYPES[:3]],
        "dyad monthly series": [f"{dy}&actor={a}&recipient={b}&by_month=true&limit=200"
                                for a, b in zip(STATES, STATES[1:])],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    cmd = [sys.executable, "-c", "from multipolar.cli_web import serve; serve()", "--db", db,
           "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 1800          # a first start on a new 10M store builds the summaries
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read()}")
        try:
            if httpx.get(url + "/api/v1/health", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not come up")


def measure(url: str, rounds: int, concurrency: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(base_url=url, timeout=60, limits=limits) as client:
        def one(path: str) -> float:
            t = time.perf_counter()
            r = client.get(path)
            r.read()
            if r.status_code != 200:
                raise SystemExit(f"{path}: HTTP {r.status_code} {r.text[:200]}")
            return (time.perf_counter() - t) * 1000
        with ThreadPoolExecutor(concurrency) as pool:
            for name, paths in queries().items():
                list(pool.map(one, paths))                      # warm-up
                work = [paths[i % len(paths)] for i in range(rounds)]
                out[name] = list(pool.map(one, work))
    return out


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="store to serve (a server process is started on a free loopback port)")
    ap.add_argument("--url", help="measure a server that is already running instead")
    ap.add_argument("--rounds", type=int, default=200, help="requests per query kind")
    ap.add_argument("--concurrency", type=int, default=1, help="client threads (requests in flight)")
    args = ap.parse_args()
    if not (args.db or args.url):
        ap.error("give --db FILE or --url URL")
    proc = None
    if args.url:
        url = args.url.rstrip("/")
    else:
        t = time.perf_counter()
        proc, url = start_server(args.db)
        print(f"server up in {time.perf_counter() - t:.1f}s at {url} (pid {proc.pid})")
    try:
        counts = httpx.get(url + "/api/v1/health", timeout=30).json()["counts"]
        print(f"store: {counts['events']:,} events; {args.rounds} requests per kind, concurrency "
              f"{args.concurrency}; cpu count {os.cpu_count()}")
        print(f"{'query':32s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
        worst = 0.0
        for name, ms in measure(url, args.rounds, args.concurrency).items():
            p95 = pct(ms, 95)
            worst = max(worst, p95)
            print(f"{name:32s} {pct(ms, 50):8.1f} {p95:8.1f} {pct(ms, 99):8.1f} {max(ms):8.1f}")
        print(f"worst p95: {worst:.1f} ms (target < 100 ms)")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
