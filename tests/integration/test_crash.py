"""Crash safety: ``dyad ingest`` killed with SIGKILL at random points and rerun leaves the
store exactly as an uninterrupted run does: no article missing, none twice, no orphans.

Other writers (``dyad watch``) are checked by adding a line to ``WRITERS``: a command that
writes ``{src}`` into ``{db}`` and exits when done.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.store import Store, resolve_url
from dyad.types import Article
from tests.conftest import NEWS
from tests.integration._store_snapshot import flaws, snapshot

pytestmark = [pytest.mark.model, pytest.mark.shared]

DYAD = [sys.executable, "-m", "dyad.cli"]
#: Writers to crash: argv templates with {src} (a JSONL file) and {db} (a store URL).
WRITERS: dict[str, list[str]] = {
    "ingest": [*DYAD, "ingest", "{src}", "--db", "{db}", "--batch", "2"],
}
KILLS = 3
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
    writer: str, subset: Path, store_url: str, tmp_path: Path, pipeline: Pipeline
) -> None:
    reference = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    with Store(reference) as ref:
        ingest_articles(ref, (a for a in read_paths([subset]) if isinstance(a, Article)), batch=2)
    expected = snapshot(reference)
    assert len(expected["articles"]) == ARTICLES and expected["mentions"]

    Store(store_url).close()  # the tables exist, so the progress can be read from the start
    rng = random.Random(SEED)
    # Each kill comes once a random number of articles is stored (more each time), plus a
    # random delay: inside a batch's coding, or its commit.
    counts = sorted(rng.sample(range(ARTICLES - 1), KILLS))
    points = [(n, round(rng.uniform(0, 0.5), 2)) for n in counts]
    print(f"{writer}: SIGKILL after (articles stored, then seconds): {points}")
    for after, delay in points:
        proc = subprocess.Popen(
            _argv(writer, subset, store_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 300
        while proc.poll() is None and _stored(store_url) < after and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert flaws(store_url) == []
        print(f"{writer}: killed with {_stored(store_url)} article(s) stored")
    done = subprocess.run(_argv(writer, subset, store_url), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert flaws(store_url) == []
    assert snapshot(store_url) == expected
