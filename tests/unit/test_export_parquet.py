"""Parquet export: fixed schema, values, and batches written as they fill."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyad.export import CSV_COLUMNS
from dyad.export.parquet import PARQUET_SCHEMA, write_parquet
from dyad.types import Actor, Event, Location, Span

ACTORS = ["CHN", "JPN", "USA", "RUS", "UNO"]
TOKYO = Location("Tokyo", "Tokyo", "city", "JPN", 35.6895, 139.69171, 1850147)


def _events(n: int) -> Iterator[Event]:
    """n events, generated lazily; every third has no recipient, date or place."""
    for i in range(n):
        bare = i % 3 == 2
        yield Event(
            id=f"{i:016x}",
            article_id=f"art-{i // 4}",
            sentence_index=i % 4,
            sentence=f"Sentence number {i}.",
            trigger=Span("warned", i % 50, i % 50 + 6),
            date=None if bare else date(2021, 1, 1) + timedelta(days=i % 365),
            event_type=None if bare else "THREATEN",
            mode=None,
            cameo="138",
            cameo_root="13",
            quad_class=3,
            goldstein=-4.4,
            actor=Actor("x", ACTORS[i % 5], "GOV" if i % 2 else None),
            recipient=None if bare else Actor("y", ACTORS[(i + 1) % 5], None, name="Japan"),
            rule="test.rule",
            confidence=0.25 + (i % 4) / 8,
            location=None if bare else TOKYO,
            num_mentions=1 + i % 7,
            num_articles=1 + i % 5,
            num_sources=1 + i % 3,
        )


def test_writes_in_row_groups_with_a_fixed_schema(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(_events(25_000), path, batch_size=1_000) == 25_000

    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 25_000
    assert meta.num_row_groups == 25
    assert all(meta.row_group(i).num_rows == 1_000 for i in range(meta.num_row_groups))

    table = pq.read_table(path)
    assert table.schema.names == [
        *CSV_COLUMNS,
        "num_mentions",
        "num_articles",
        "num_sources",
        "location_name",
        "location_country",
        "lat",
        "lon",
    ]
    assert table.schema.equals(PARQUET_SCHEMA)
    types = {f.name: f.type for f in table.schema}
    code = pa.dictionary(pa.int32(), pa.string())
    assert types["date"] == pa.date32()
    assert types["cameo"] == types["actor_code"] == types["location_country"] == code
    assert types["num_mentions"] == types["trigger_start"] == pa.int32()
    assert types["goldstein"] == types["lat"] == types["lon"] == pa.float64()

    rows = table.slice(0, 3).to_pylist()
    first, bare = rows[1], rows[2]
    assert first["id"] == "0000000000000001"
    assert first["date"] == date(2021, 1, 2)
    assert first["actor_code"] == "JPN" and first["actor_sector"] == "GOV"
    assert first["recipient_code"] == "USA" and first["recipient_name"] == "Japan"
    assert first["num_mentions"] == 2 and first["num_articles"] == 2 and first["num_sources"] == 2
    assert first["location_name"] == "Tokyo" and first["location_country"] == "JPN"
    assert (first["lat"], first["lon"]) == (35.6895, 139.69171)
    assert first["confidence"] == 0.375 and first["goldstein"] == -4.4
    assert rows[0]["actor_sector"] is None
    for col in ("date", "event_type", "recipient_code", "location_name", "lat", "plan"):
        assert bare[col] is None, col

    last = table.slice(24_999, 1).to_pylist()[0]
    assert last["id"] == f"{24_999:016x}" and last["sentence"] == "Sentence number 24999."


def test_partial_last_batch_and_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "few.parquet"
    assert write_parquet(_events(2_500), path, batch_size=1_000) == 2_500
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [1000, 1000, 500]

    empty = tmp_path / "empty.parquet"
    assert write_parquet(iter(()), empty) == 0
    table = pq.read_table(empty)
    assert table.num_rows == 0 and table.schema.equals(PARQUET_SCHEMA)


def test_bad_batch_size(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        write_parquet(_events(1), tmp_path / "x.parquet", batch_size=0)
