"""Crash safety: ``dyad ingest`` and ``dyad watch`` killed with SIGKILL at random points and
rerun leave the store exactly as an uninterrupted run does: no article missing, none twice, no
orphans, no feed item marked seen without its article.

Other writers are checked by adding a line to ``WRITERS``: a command that writes ``{src}``
into ``{db}`` and exits when done (and, when ``{src}`` is not the JSONL subset, a line to
``SOURCES``).
"""

from __future__ import annotations

import html
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.sources.fetch import Fetcher
from dyad.store import Store, resolve_url
from dyad.types import Article
from dyad.watch import Watcher, watch
from tests.conftest import NEWS
from tests.integration._store_snapshot import flaws, snapshot
from tests.webserver import Route, Site, serve

pytestmark = [pytest.mark.model, pytest.mark.shared]

DYAD = [sys.executable, "-m", "dyad.cli"]
#: Writers to crash: argv templates with {src} (the writer's source, see SOURCES; else the
#: JSONL subset) and {db} (a store URL), and how many times each is killed.
WRITERS: dict[str, list[str]] = {
    "ingest": [*DYAD, "ingest", "{src}", "--db", "{db}", "--batch", "2"],
    "watch": [*DYAD, "watch", "{src}", "--once", "--db", "{db}", "--per-host", "0"],
}
KILLS = {"ingest": 3, "watch": 2}
ARTICLES = 8
SEED = int(os.environ.get("DYAD_CRASH_SEED") or 20261126)


@pytest.fixture(scope="module")
def subset(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight news articles (a small, quick subset of the corpus), two of them twice."""
    lines = (NEWS / "wikinews_2019_2021.jsonl").read_text(encoding="utf-8").splitlines()
    out = tmp_path_factory.mktemp("crash") / "subset.jsonl"
    picked = [json.loads(x) for x in lines[:ARTICLES]]
    picked += picked[:2]  # the same text again: stored once however the run is cut
    out.write_text("".join(json.dumps(r) + "\n" for r in picked), encoding="utf-8")
    return out


def _page(record: dict[str, str]) -> bytes:
    paragraphs = "".join(
        f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n") if p.strip()
    )
    title = html.escape(record["title"])
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='article:published_time' content='{record['date']}'></head><body>"
        f"<nav><a href='/'>News</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "</body></html>"
    ).encode()


def _rss(site: Site, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{site.url(path)}</link></item>"
        for path, t in items
    )
    return f'<rss version="2.0"><channel><title>News</title>{entries}</channel></rss>'.encode()


@pytest.fixture(scope="module")
def news_site(subset: Path) -> Iterator[Site]:
    """The subset's articles as web pages on loopback, in four feeds of two items; the last
    feed also lists an item of the first (the same page: stored once)."""
    records = [json.loads(x) for x in subset.read_text(encoding="utf-8").splitlines()]
    records = records[:ARTICLES]
    site = Site()
    with serve(site):
        items = [(f"/news/{n}.html", r["title"]) for n, r in enumerate(records)]
        for (path, _), r in zip(items, records, strict=True):
            site.routes[path] = Route(_page(r))
        for f in range(4):
            listed = items[2 * f : 2 * f + 2] + (items[:1] if f == 3 else [])
            site.routes[f"/feed{f}.xml"] = Route(_rss(site, listed), "application/rss+xml")
        yield site


def _feed_list(site: Site, folder: Path) -> Path:
    out = folder / "feeds.txt"
    out.write_text("".join(site.url(f"/feed{f}.xml") + "\n" for f in range(4)))
    return out


def _watch_reference(src: Path, url: str, pipeline: Pipeline) -> None:
    with Store(url) as store, Fetcher(per_host_interval=0) as fetcher:
        watch(src, Watcher(store, fetcher, pipeline), once=True)


#: A writer's source (from the JSONL subset, the news site and a folder) and how its
#: uninterrupted run is made in-process (quicker than a subprocess loading the model again).
SOURCES: dict[str, tuple[Callable[[Path, Site, Path], Path], Callable[[Path, str, Pipeline], None]]]
SOURCES = {"watch": (lambda subset, site, folder: _feed_list(site, folder), _watch_reference)}


def _ingest_reference(src: Path, url: str, pipeline: Pipeline) -> None:
    with Store(url) as ref:
        ingest_articles(ref, (a for a in read_paths([src]) if isinstance(a, Article)), batch=2)


def _argv(writer: str, src: Path, db: str) -> list[str]:
    return [a.format(src=src, db=db) for a in WRITERS[writer]]


def _stored(url: str) -> int:
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except (OperationalError, ProgrammingError):  # not created yet
        return 0
    finally:
        engine.dispose()


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_killed_runs_end_like_an_uninterrupted_one(
    writer: str,
    subset: Path,
    news_site: Site,
    store_url: str,
    tmp_path: Path,
    pipeline: Pipeline,
) -> None:
    source, make_reference = SOURCES.get(writer, (lambda s, _, __: s, _ingest_reference))
    src = source(subset, news_site, tmp_path)
    reference = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    make_reference(src, reference, pipeline)
    expected = snapshot(reference)
    assert len(expected["articles"]) == ARTICLES and expected["mentions"]
    if writer == "watch":  # every item is marked, with the hash of a stored article
        stored = {a[0] for a in expected["articles"]}
        assert len(expected["feed_items"]) == ARTICLES + 1
        assert {i[3] for i in expected["feed_items"]} == stored

    Store(store_url).close()  # the tables exist, so the progress can be read from the start
    rng = random.Random(SEED)
    # Each kill comes once a random number of articles is stored (more each time), plus a
    # random delay: inside a batch's coding, or its commit.
    counts = sorted(rng.sample(range(ARTICLES - 1), KILLS[writer]))
    points = [(n, round(rng.uniform(0, 0.5), 2)) for n in counts]
    print(f"{writer}: SIGKILL after (articles stored, then seconds): {points}")
    for after, delay in points:
        proc = subprocess.Popen(
            _argv(writer, src, store_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 300
        while proc.poll() is None and _stored(store_url) < after and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert flaws(store_url) == []
        print(f"{writer}: killed with {_stored(store_url)} article(s) stored")
    done = subprocess.run(_argv(writer, src, store_url), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert flaws(store_url) == []
    assert snapshot(store_url) == expected
