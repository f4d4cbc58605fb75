"""Events as a Parquet file, for pandas, polars, DuckDB and Spark.

Written in batches of ``batch_size`` rows, one row group each, with a fixed schema, so
memory stays flat with the number of events and every file has the same column types
whatever its first rows hold. Columns are those of ``flat_row`` (in ``CSV_COLUMNS`` order)
plus the store's counts and the event's place. Missing values are nulls, not "".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.export import CSV_COLUMNS, flat_row
from dyad.types import Event

__all__ = ["PARQUET_SCHEMA", "write_parquet"]

_CODE = pa.dictionary(pa.int32(), pa.string())  # few distinct values, many rows

_TYPES: dict[str, pa.DataType] = {
    "id": pa.string(),
    "article_id": pa.string(),
    "date": pa.date32(),
    "event_type": _CODE,
    "mode": _CODE,
    "cameo": _CODE,
    "cameo_root": _CODE,
    "quad_class": pa.int8(),
    "goldstein": pa.float64(),
    "actor_code": _CODE,
    "actor_sector": _CODE,
    "actor_name": _CODE,
    "actor_text": pa.string(),
    "recipient_code": _CODE,
    "recipient_sector": _CODE,
    "recipient_name": _CODE,
    "recipient_text": pa.string(),
    "temporal": _CODE,
    "plan": _CODE,
    "trigger": pa.string(),
    "trigger_start": pa.int32(),
    "trigger_end": pa.int32(),
    "sentence_index": pa.int32(),
    "sentence": pa.string(),
    "rule": _CODE,
    "confidence": pa.float64(),
    "num_mentions": pa.int32(),
    "num_articles": pa.int32(),
    "num_sources": pa.int32(),
    "location_name": _CODE,
    "location_country": _CODE,
    "lat": pa.float64(),
    "lon": pa.float64(),
}
# flat_row writes "" for these when unknown; Parquet has nulls for that.
_NULLABLE_TEXT = {
    "event_type",
    "mode",
    "plan",
    *(f"{who}_{what}" for who in ("actor", "recipient") for what in ("code", "sector", "name")),
}
_REQUIRED = {"id", "article_id", "cameo", "cameo_root", "trigger", "sentence", "rule"}
_EXTRA = [
    "num_mentions",
    "num_articles",
    "num_sources",
    "location_name",
    "location_country",
    "lat",
    "lon",
]

# A column added to CSV_COLUMNS without a type here fails at import, not in a user's file.
PARQUET_SCHEMA: pa.Schema = pa.schema(
    [
        pa.field(name, _TYPES[name], nullable=name not in _REQUIRED)
        for name in [*CSV_COLUMNS, *_EXTRA]
    ]
)


def _row(e: Event) -> dict[str, Any]:
    """One event with typed values: a date, not its ISO text; None, not ""."""
    row = flat_row(e)
    for name in _NULLABLE_TEXT:
        row[name] = row[name] or None
    loc = e.location
    row.update(
        date=e.date,
        num_mentions=e.num_mentions,
        num_articles=e.num_articles,
        num_sources=e.num_sources,
        location_name=loc.name if loc else None,
        location_country=loc.country_code if loc else None,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
    )
    return row


def _batch(columns: dict[str, list[Any]]) -> pa.RecordBatch:
    """Column lists as one record batch of PARQUET_SCHEMA."""
    arrays = []
    for f in PARQUET_SCHEMA:
        if pa.types.is_dictionary(f.type):
            arrays.append(pa.array(columns[f.name], pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(columns[f.name], f.type))
    return pa.RecordBatch.from_arrays(arrays, schema=PARQUET_SCHEMA)


def write_parquet(events: Iterable[Event], path: Path, batch_size: int = 10_000) -> int:
    """Write events to ``path`` as Parquet, ``batch_size`` rows at a time; returns the count.

    The file is complete only when this returns: write to a temporary name and move it into
    place, as the CLI's export does, if a reader may see it earlier.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    n = 0
    columns: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA.names}
    with pq.ParquetWriter(str(path), PARQUET_SCHEMA, compression="zstd") as writer:
        for e in events:
            row = _row(e)
            for name, values in columns.items():
                values.append(row[name])
            n += 1
            if n % batch_size == 0:
                writer.write_batch(_batch(columns))
                columns = {name: [] for name in PARQUET_SCHEMA.names}
        if n % batch_size:
            writer.write_batch(_batch(columns))
    return n
