"""Time of the dashboard's pages over a large store (SQLite, or PostgreSQL with --pg).

Loads N synthetic events with benchmarks/store.py's generator (150 countries in a Zipf-like
skew, 16 PLOVER types, 5 years), then requests each page through the real app in-process
(FastAPI's TestClient: routing, SQL, figures, templates) and prints the median and the
slowest of R requests per page. The pages ask the database for aggregates only, so their time
grows with the scans, not with Python loops over events.

    .venv/bin/python benchmarks/dashboard.py [--events N] [--requests R] [--pg URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from store import (  # benchmarks/store.py, run as a sibling script
    ARTICLES,
    CHUNK,
    EVENTS_PER_ARTICLE,
    make_articles,
    make_chunk,
    open_backend,
    vocabulary,
)

from dyad.api import create_app


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--requests", type=int, default=5)
    ap.add_argument("--pg", help="an empty PostgreSQL database (default: a SQLite file)")
    ap.add_argument("--seed", type=int, default=20261126)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dyad-dash-") as tmp:
        url = args.pg or f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        b = open_backend("store", url)
        rng = random.Random(args.seed)
        v = vocabulary(rng)
        arts = make_articles(rng, v, max(1, args.events // EVENTS_PER_ARTICLE))
        b.insert(ARTICLES, arts.rows)
        for start in range(0, args.events, CHUNK):
            n = min(CHUNK, args.events - start)
            b.insert_chunk(*make_chunk(rng, v, arts, start, n, args.events))
        b.analyze()
        print(f"{args.events:,} events in {b.store.display_url}: loaded in {b.insert_s:.0f} s")
        a, c = v.codes[0], v.codes[1]
        pages = [
            "/",
            "/?since=2024-01-01&until=2024-06-30",
            f"/ui/dyad/{a}/{c}",
            f"/ui/dyad/{a}/{c}?interval=week&type=ASSAULT",
            f"/ui/actor/{a}",
            "/ui/map",
            f"/ui/map?dyad={a}-{c}",
        ]
        with TestClient(create_app(url)) as client:
            client.get("/")  # plotly's import and the first connections
            print(f"{'page':<48}{'median ms':>10}{'max ms':>10}")
            for page in pages:
                times = []
                for _ in range(args.requests):
                    t = time.perf_counter()
                    r = client.get(page)
                    times.append((time.perf_counter() - t) * 1000)
                    assert r.status_code == 200, (page, r.status_code)
                print(f"{page:<48}{statistics.median(times):>10.0f}{max(times):>10.0f}")
        b.store.close()


if __name__ == "__main__":
    main()
