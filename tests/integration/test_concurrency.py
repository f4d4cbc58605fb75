"""Concurrent writers on one store: two ``dyad ingest`` processes on overlapping inputs and
the API's POST /articles at the same time. Each either succeeds or says "store is busy"
(SQLite, after its retries); the store ends as a one-at-a-time run would, with nothing twice."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.store import Store
from dyad.types import Article
from tests.conftest import NEWS
from tests.integration._store_snapshot import flaws, snapshot

pytestmark = [pytest.mark.model, pytest.mark.shared]

KEY = "concurrency-key"


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _ingest(src: Path, db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dyad.cli", "ingest", str(src), "--db", db, "--batch", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _content(url: str) -> dict[str, list[Any]]:
    """The snapshot without which copy an article counts as original: that depends on the
    order writers happened to commit in."""
    snap = snapshot(url)
    snap["articles"] = sorted((row[:6] for row in snap["articles"]), key=repr)
    return snap


def test_two_ingests_and_the_api_at_once(
    shared: Path, store_url: str, tmp_path: Path, pipeline: Pipeline
) -> None:
    lines = (NEWS / "globalvoices_2012.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines[:10]]
    first = _write(tmp_path / "a.jsonl", records[:7])
    second = _write(tmp_path / "b.jsonl", records[3:10])
    posted = records[4:7]  # in both files too

    Store(store_url).close()  # the schema exists before the writers race
    procs = [_ingest(first, store_url), _ingest(second, store_url)]
    answers = []
    with TestClient(create_app(store_url, api_key=KEY)) as client:
        deadline = time.monotonic() + 120
        with Store(store_url) as store:  # post while the ingests are writing
            while not store.stats()["articles"] and time.monotonic() < deadline:
                time.sleep(0.2)
        for rec in posted:
            r = client.post("/articles", json=rec, headers={"X-API-Key": KEY})
            answers.append(r)
    outcomes = [(p.wait(timeout=600), p.communicate()[1]) for p in procs]

    busy = 0
    for code, stderr in outcomes:
        assert code == 0 or (code == 2 and "store is busy" in stderr), stderr
        busy += code != 0
    for r in answers:
        assert r.status_code == 200 or (
            r.status_code == 503 and r.json() == {"detail": "store is busy"}
        ), r.text
    if store_url.startswith("postgres"):
        assert busy == 0 and all(r.status_code == 200 for r in answers)
    print(f"busy: {busy} ingest(s), {sum(r.status_code == 503 for r in answers)} POST(s)")
    assert flaws(store_url) == []

    # What said "busy" is run again, as its user would; then the store is complete.
    for (code, _), src in zip(outcomes, (first, second), strict=True):
        if code:
            assert _ingest(src, store_url).wait(timeout=600) == 0
    reference = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    with Store(reference) as ref:  # one writer, in this process (the model is loaded)
        articles = [a for a in read_paths([first, second]) if isinstance(a, Article)]
        ingest_articles(ref, articles, pipeline=pipeline)
    assert flaws(store_url) == []
    assert _content(store_url) == _content(reference)
    assert len(_content(store_url)["articles"]) == 10
