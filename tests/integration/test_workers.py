"""``dyad ingest --workers N``: coding in N processes gives the very store one process gives."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from dyad.cli import app
from dyad.sources import read_paths
from dyad.store import resolve_url
from dyad.store.schema import ArticleRow, EventRow, MentionRow, QuoteRow
from dyad.types import Article
from tests.conftest import NEWS

pytestmark = pytest.mark.model
runner = CliRunner()


def news_subset(shared: Path, every: int) -> list[Article]:
    arts = [a for a in read_paths([NEWS]) if isinstance(a, Article)]
    return arts[::every]


def write_jsonl(path: Path, articles: list[Article]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            rec = {"id": a.id, "text": a.text, "date": a.date.isoformat() if a.date else None}
            rec |= {"title": a.title, "url": a.url, "source": a.source}
            fh.write(json.dumps(rec) + "\n")


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row, keys included, except the time of ingest."""
    engine = create_engine(resolve_url(url))
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in (ArticleRow, EventRow, MentionRow, QuoteRow):
            cols = [c for c in table.__table__.columns if c.name != "ingested_at"]
            rows = conn.execute(select(*cols).order_by(*table.__table__.primary_key.columns))
            out[table.__tablename__] = [tuple(r) for r in rows]
    engine.dispose()
    return out


def test_two_workers_store_what_one_process_stores(
    shared: Path, store_url: str, tmp_path: Path
) -> None:
    arts = news_subset(shared, 20)
    # Exact repeats (one in the same batch, one a batch later, while its first copy may still
    # be in a worker) and a near copy: dedup and near-copy links are the writer's job. Batches
    # of 20 are coded in parts (16 + 4), written as one transaction each.
    edited = Article(
        id="near-copy", text=arts[3].text + " (Republished.)", date=arts[3].date, source="x"
    )
    inputs = [*arts[:5], arts[1], *arts[5:], arts[2], edited]
    src = tmp_path / "in.jsonl"
    write_jsonl(src, inputs)
    one = f"sqlite:///{tmp_path / 'one.sqlite'}"
    r1 = runner.invoke(app, ["ingest", str(src), "--db", one, "--workers", "1", "--batch", "20"])
    assert r1.exit_code == 0, r1.output
    r2 = runner.invoke(
        app, ["ingest", str(src), "--db", store_url, "--workers", "2", "--batch", "20"]
    )
    assert r2.exit_code == 0, r2.output
    n = len(arts) + 1
    summary = f"{len(inputs)} article(s) read, {n} new (1 near copies of stored ones), 2 already"
    assert summary in r1.stderr
    assert summary in r2.stderr
    a, b = dump(one), dump(store_url)
    assert len(a["articles"]) == n
    assert len(a["mentions"]) > n  # the news codes several events per article
    for table in a:
        assert a[table] == b[table], table


def test_workers_use_the_dictionaries_and_report_bad_ones(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    recs = [
        {"id": "a", "text": "Zorbland accused Japan of spying.", "date": "2024-03-01"},
        {"id": "b", "text": "Japan criticised Zorbland on Monday.", "date": "2024-03-02"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    dicts = tmp_path / "dicts"
    dicts.mkdir()
    (dicts / "mine.actors.txt").write_text("ZORBLAND_ [ZZZ]\n", encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    opts = ["--workers", "2", "--batch", "1", "--dictionaries", str(dicts)]
    r = runner.invoke(app, ["ingest", str(src), "--db", db, *opts])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--all-temporal"])
    found = [json.loads(x) for x in r.stdout.splitlines()]
    dyads = {(e["actor"]["code"], e["recipient"]["code"]) for e in found if e["recipient"]}
    assert ("ZZZ", "JPN") in dyads and ("JPN", "ZZZ") in dyads

    bad = dicts / "bad.agents.txt"
    bad.write_text("POLICE [~COP\n", encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "t.sqlite"), *opts])
    assert r.exit_code == 2
    assert f"{bad}:1: unclosed '['" in " ".join(r.stderr.split())


def test_workers_exit_when_the_ingest_is_killed(shared: Path, tmp_path: Path) -> None:
    """An ingest killed outright (SIGKILL, the OOM killer) leaves no coding worker behind
    waiting for work with a model in memory."""
    src = tmp_path / "news.jsonl"
    write_jsonl(src, news_subset(shared, 8))
    argv = [sys.executable, "-m", "dyad.cli", "ingest", str(src), "--workers", "2"]
    proc = psutil.Popen(
        [*argv, "--db", f"sqlite:///{tmp_path / 's.db'}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[psutil.Process] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = [
            p
            for p in proc.children(recursive=True)
            if "spawn_main" in " ".join(p.cmdline()) and "--multiprocessing-fork" in p.cmdline()
        ]
    assert len(workers) == 2, "the ingest did not start two workers"
    time.sleep(2)  # the workers are loading or coding
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=30)
    for p in alive:
        p.kill()
    assert alive == []
