"""dyad on Spark (local[2], loopback): the same events as one process, and ``dyad load``
gives the store ``dyad ingest`` gives.

One SparkSession and one Spark run for the module. The input is a deterministic subset of
the news corpus (every 16th article of each file, in two files as in the corpus) plus an
undated article and a malformed line; ``benchmarks/throughput.py`` compares the full corpus,
which it codes both ways anyway.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.ingest import ingest_articles
from dyad.pipeline import CodedArticle, Pipeline
from dyad.sources import read_path
from dyad.spark.load import read_coded
from dyad.spark.records import event_from_record
from dyad.store import Store
from dyad.types import Article
from tests.conftest import NEWS
from tests.integration.test_workers import dump, write_jsonl

pytestmark = pytest.mark.model
runner = CliRunner()


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dyad-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Article]]:
    folder = tmp_path_factory.mktemp("news")
    every: list[Article] = []
    for f in sorted(NEWS.glob("*.jsonl")):
        arts = [a for a in read_path(f) if isinstance(a, Article)][::16]
        write_jsonl(folder / f.name, arts)
        every += arts
    undated = Article("undated", "Japan sent aid to Turkey.")
    every.append(undated)
    with (folder / f.name).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": undated.id, "text": undated.text}) + "\n")
        fh.write('{"id": "broken", "text": \n')
    return folder, every


@pytest.fixture(scope="module")
def coded(spark: Any, corpus: tuple[Path, list[Article]], tmp_path_factory: Any) -> Path:
    """The corpus coded by ``dyad spark code`` (in this process, so on the session above)."""
    out = tmp_path_factory.mktemp("spark") / "out"
    r = runner.invoke(app, ["spark", "code", str(corpus[0]), str(out)])
    assert r.exit_code == 1, r.output  # the broken line is reported, the rest coded
    assert f"{len(corpus[1])} article(s) coded" in r.stderr
    assert "1 record(s) could not be read" in r.stderr
    return out


def test_spark_events_equal_single_process(
    coded: Path, corpus: tuple[Path, list[Article]], pipeline: Pipeline
) -> None:
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    local: list[CodedArticle] = list(pipeline.code_articles(corpus[1]))
    # Articles in input order, each with its events and quotes in the coder's order.
    from_spark = list(read_coded(coded))
    assert [c.article for c in from_spark] == corpus[1]
    assert [c.events for c in from_spark] == [c.events for c in local]
    assert [c.quotes for c in from_spark] == [c.quotes for c in local]
    n_events = sum(len(c.events) for c in local)
    assert n_events > 3 * len(local)

    # The events dataset: the same events, each under its date's partition.
    table = ds.dataset(coded / "events", format="parquet", partitioning="hive").to_table()
    rows = table.to_pylist()
    assert Counter(event_from_record(r) for r in rows) == Counter(
        e for c in local for e in c.events
    )
    for r in rows:
        assert r["event_date"] == (r["date"].isoformat() if r["date"] else None)
    dirs = {p.name for p in (coded / "events").iterdir() if p.is_dir()}
    assert "event_date=__HIVE_DEFAULT_PARTITION__" in dirs  # undated events (some exist)
    assert any(d.startswith("event_date=20") for d in dirs)
    quotes = ds.dataset(coded / "quotes", format="parquet", partitioning="hive").to_table()
    assert quotes.num_rows == sum(len(c.quotes) for c in local)
    [problem] = pq.read_table(coded / "problems").to_pylist()
    assert problem["source_file"].endswith(".jsonl")
    assert "malformed JSON" in problem["problem"]


def test_load_gives_the_store_ingest_gives(
    coded: Path,
    corpus: tuple[Path, list[Article]],
    pipeline: Pipeline,
    store_url: str,
    tmp_path: Path,
) -> None:
    r = runner.invoke(app, ["load", str(coded), "--db", store_url])
    assert r.exit_code == 0, r.output
    n = len(corpus[1])
    assert f"{n} article(s) read, {n} new" in r.stderr
    again = runner.invoke(app, ["load", str(coded), "--db", store_url])
    assert f"{n} article(s) read, 0 new" in again.stderr
    ingested = f"sqlite:///{tmp_path / 'ingest.sqlite'}"
    with Store(ingested) as store:
        ingest_articles(store, corpus[1], pipeline=pipeline, workers=1)
    a, b = dump(ingested), dump(store_url)
    for table in a:
        assert a[table] == b[table], table


def test_load_names_a_missing_output(tmp_path: Path) -> None:
    r = runner.invoke(app, ["load", str(tmp_path / "nothing"), "--db", str(tmp_path / "s.db")])
    assert r.exit_code == 2
    assert "nothing" in r.stderr and "dyad spark code" in r.stderr
