"""Bounded load test of ``dyad serve`` on loopback: C concurrent clients for S seconds.

Starts ``dyad serve`` (127.0.0.1, a free port) over a store, ingesting the news corpus
(``../shared/corpus/news/``) first when the store is empty, then runs C asyncio clients
(httpx) for S seconds over a seeded mix of read requests:

    /events with filters (actor, type, dates, dyad, q, sort), /events/{id},
    /dyads/{a}/{b}/series, /actors, /quotes, /health

and reports the status counts (5xx must be zero), p50/p95/p99 latency and requests per
second, printed and written to ``benchmarks/results.md`` between this script's markers (other
sections of that file are left as they are). Exits 1 on any 5xx or failed request. Traffic
goes only to 127.0.0.1; every loop is bounded by the deadline.

    .venv/bin/python benchmarks/load.py [--db URL] [--clients 50] [--seconds 30] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpus" / "news"
RESULTS = ROOT / "benchmarks" / "results.md"
START, END = "<!-- load.py: start -->", "<!-- load.py: end -->"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ensure_corpus(db: str) -> int:
    from dyad.store import Store

    with Store(db) as store:
        n = int(store.stats()["articles"])
    if n == 0:
        if not NEWS.is_dir():
            sys.exit(f"the store is empty and {NEWS} is absent: give --db with a filled store")
        subprocess.run([sys.executable, "-m", "dyad.cli", "ingest", str(NEWS), "--db", db])
        with Store(db) as store:
            n = int(store.stats()["articles"])
    return n


def _mix(base: httpx.Client, rng: random.Random) -> list[tuple[str, str, dict[str, Any]]]:
    """Seeded requests drawn from what the store holds."""
    events = base.get("/events", params={"limit": 200, "sort": "mentions"}).json()["events"]
    actors = [a["code"] for a in base.get("/actors", params={"limit": 30}).json()]
    pairs = [
        (e["actor"]["code"], e["recipient"]["code"])
        for e in events
        if e.get("recipient")
        and e["actor"]
        and all(
            re.fullmatch(r"[A-Z]{3}", c or "") for c in (e["actor"]["code"], e["recipient"]["code"])
        )
    ] or [("USA", "CHN")]
    ids = [e["id"] for e in events] or ["none"]
    words = ["talks", "sanctions", "police", "protest", "minister", "aid"]
    out: list[tuple[str, str, dict[str, Any]]] = []
    for _ in range(2000):
        kind = rng.choices(
            ["events", "event", "series", "actors", "quotes", "health"], [40, 15, 15, 10, 15, 5]
        )[0]
        if kind == "events":
            params: dict[str, Any] = {"limit": rng.choice([10, 50, 100])}
            pick = rng.random()
            if pick < 0.3 and actors:
                params["actor"] = rng.choice(actors)
            elif pick < 0.5:
                a, b = rng.choice(pairs)
                params["dyad"] = f"{a}-{b}"
            elif pick < 0.7:
                params["q"] = rng.choice(words)
            else:
                params["type"] = rng.choice(["CONSULT", "ACCUSE", "ASSAULT", "AID", "PROTEST"])
            if rng.random() < 0.3:
                params.update(since="2012-01-01", until="2020-12-31")
            if rng.random() < 0.3:
                params["sort"] = rng.choice(["-date", "mentions"])
            out.append(("events", "/events", params))
        elif kind == "event":
            out.append(("event", f"/events/{rng.choice(ids)}", {}))
        elif kind == "series":
            a, b = rng.choice(pairs)
            interval = rng.choice(["month", "week", "day"])
            out.append(("series", f"/dyads/{a}/{b}/series", {"interval": interval}))
        elif kind == "actors":
            out.append(("actors", "/actors", {"limit": rng.choice([20, 100])}))
        elif kind == "quotes":
            params = {"limit": 50}
            if actors and rng.random() < 0.5:
                params["speaker"] = rng.choice(actors)
            out.append(("quotes", "/quotes", params))
        else:
            out.append(("health", "/health", {}))
    return out


async def _client(
    url: str,
    mix: list[tuple[str, str, dict[str, Any]]],
    start: int,
    deadline: float,
    record: list[tuple[str, int, float]],
) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        i = start
        while time.perf_counter() < deadline:
            kind, path, params = mix[i % len(mix)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = await http.get(path, params=params)
                status = r.status_code
            except httpx.HTTPError:
                status = 0  # a failed request counts as an error
            record.append((kind, status, time.perf_counter() - t0))


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000 if values else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", default=None, help="store URL (default: a new SQLite file)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-write", action="store_true", help="print only; leave results.md")
    args = ap.parse_args()
    if not 1 <= args.clients <= 500 or not 0 < args.seconds <= 600:
        sys.exit("keep it bounded: 1-500 clients, at most 600 s")
    db = args.db or f"sqlite:///{Path('/tmp') / 'dyad-load.sqlite'}"
    articles = _ensure_corpus(db)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "dyad.cli", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=url, timeout=10) as base:
            for _ in range(300):
                try:
                    if base.get("/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            else:
                sys.exit("dyad serve did not come up")
            health = base.get("/health").json()
            mix = _mix(base, random.Random(args.seed))
        record: list[tuple[str, int, float]] = []
        load_before = os.getloadavg()[0]
        deadline = time.perf_counter() + args.seconds
        started = time.perf_counter()

        async def run() -> None:
            await asyncio.gather(
                *(_client(url, mix, i * 37, deadline, record) for i in range(args.clients))
            )

        asyncio.run(run())
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    statuses = Counter(s for _, s, _ in record)
    errors = sum(n for s, n in statuses.items() if s >= 500 or s == 0)
    lat = [t for _, _, t in record]
    rows = [("all", lat)] + [
        (k, [t for kind, _, t in record if kind == k])
        for k in ("events", "event", "series", "actors", "quotes", "health")
    ]
    lines = [
        f"`.venv/bin/python benchmarks/load.py --clients {args.clients} --seconds "
        f"{args.seconds:g}` — `dyad serve` (one uvicorn worker, SQLite store with "
        f"{articles} articles, {health['events']} events) and the clients on one 2-core "
        f"machine, loopback, {time.strftime('%Y-%m-%d')}; load average "
        f"{load_before:.1f} before the run (the machine is shared: throughput is a lower "
        "bound and latency an upper bound of a quiet machine's).",
        "",
        f"{len(record)} requests in {elapsed:.1f} s: **{len(record) / elapsed:.1f} req/s**; "
        f"status counts {dict(sorted(statuses.items()))}; **5xx and failed: {errors}**.",
        "",
        "| requests | n | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
    ]
    for name, values in rows:
        if values:
            lines.append(
                f"| {name} | {len(values)} | {_pct(values, 50):.0f} | {_pct(values, 95):.0f} "
                f"| {_pct(values, 99):.0f} |"
            )
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        section = f"{START}\n## Load: `dyad serve` under concurrent clients\n\n{text}\n{END}"
        old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Results\n"
        if START in old and END in old:
            new = old[: old.index(START)] + section + old[old.index(END) + len(END) :]
        else:
            new = old.rstrip("\n") + "\n\n" + section + "\n"
        RESULTS.write_text(new, encoding="utf-8")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
