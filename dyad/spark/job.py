"""The coder on Apache Spark: the same ``Pipeline`` as one process, once per executor.

Records are parsed exactly as ``dyad ingest`` parses them (``parse_jsonl_line``) and coded
by ``mapPartitions``: each Python worker loads the spaCy model once and takes the coder
(lexicon, ontology, grammar, actor tables, gazetteer, and any user dictionaries) from a
broadcast built once on the driver, so the executors never read the data files.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    DataType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from dyad.sources.base import Problem
from dyad.sources.tabular import parse_jsonl_line
from dyad.spark.records import ARTICLE_FIELDS, coded_record

if TYPE_CHECKING:
    from pyspark.broadcast import Broadcast
    from pyspark.sql import DataFrame, SparkSession

    from dyad.coding.events import EventCoder
    from dyad.pipeline import Pipeline

__all__ = [
    "ARTICLES_SCHEMA",
    "code_records",
    "code_to_parquet",
    "read_records",
    "spark_type",
]

_SCALARS: dict[str, DataType] = {
    "string": StringType(),
    "int": IntegerType(),
    "long": LongType(),
    "double": DoubleType(),
    "date": DateType(),
}


def spark_type(kind: Any) -> DataType:
    """The Spark type of a field kind of ``dyad.spark.records``."""
    if isinstance(kind, tuple):
        return StructType([StructField(name, spark_type(k), True) for name, k in kind])
    if isinstance(kind, list):
        return ArrayType(spark_type(kind[0]), True)
    return _SCALARS[kind]


#: One row per input record: where it came from (file, position), the problem if it could not
#: be read, else the article with its events and quotes.
ARTICLES_SCHEMA = StructType(
    [
        StructField("source_file", StringType(), False),
        StructField("position", LongType(), False),
        StructField("problem", StringType(), True),
        *spark_type(ARTICLE_FIELDS).fields,  # type: ignore[attr-defined]
    ]
)


def read_records(spark: SparkSession, paths: str | list[str], fmt: str = "jsonl") -> DataFrame:
    """Input records as JSON text with their file and position (``source_file``,
    ``position``, ``record``). JSONL is read line by line, so a malformed line is reported,
    not lost; Parquet rows (``id``, ``text``, ``date``, ``title``, ``url``, ``source``) are
    turned into the same JSON."""
    paths = [paths] if isinstance(paths, str) else list(paths)
    if fmt == "parquet":
        df = spark.read.parquet(*paths)
        df = df.select(F.to_json(F.struct(*df.columns)).alias("record"))
    elif fmt == "jsonl":
        df = (
            spark.read.option("recursiveFileLookup", "true")
            .text(paths)
            .withColumnRenamed("value", "record")
        )
    else:
        raise ValueError(f"format {fmt!r}: use jsonl or parquet")
    return df.select(
        F.input_file_name().alias("source_file"),
        F.monotonically_increasing_id().alias("position"),
        "record",
    )


_pipelines: dict[int, Pipeline] = {}


def _executor_pipeline(coder: Broadcast[EventCoder]) -> Pipeline:
    """One pipeline per Python worker and broadcast (Spark reuses its workers across
    partitions and tasks)."""
    from dyad.pipeline import Pipeline

    key = id(coder.value)  # the value is deserialised once per worker
    if key not in _pipelines:
        _pipelines.clear()
        _pipelines[key] = Pipeline(coder=coder.value)
    return _pipelines[key]


def _code_partition(rows: Iterable[Any], coder: Broadcast[EventCoder]) -> Iterator[dict[str, Any]]:
    pipeline = _executor_pipeline(coder)
    problems: list[dict[str, Any]] = []
    origin: deque[tuple[str, int]] = deque()

    def articles() -> Iterator[Any]:
        for row in rows:
            item = parse_jsonl_line(row.record, where=row.source_file, number=row.position + 1)
            if item is None:
                continue
            if isinstance(item, Problem):
                problems.append(
                    {"source_file": row.source_file, "position": row.position, "problem": str(item)}
                )
                continue
            origin.append((row.source_file, row.position))
            yield item

    for coded in pipeline.code_articles(articles()):
        source_file, position = origin.popleft()
        yield {"source_file": source_file, "position": position, **coded_record(coded)}
    yield from problems


def code_records(records: DataFrame, dictionaries: Path | None = None) -> DataFrame:
    """Code a frame of ``read_records`` with ``mapPartitions``; rows of ``ARTICLES_SCHEMA``.

    Usable inside your own job: build ``records`` from any source as long as it has the
    columns ``source_file``, ``position`` (a unique long) and ``record`` (a JSON object with
    ``id``, ``text``, ``date``...)."""
    from dyad.pipeline import Pipeline

    spark = records.sparkSession
    coder = spark.sparkContext.broadcast(Pipeline(dictionaries=dictionaries).coder)
    rdd = records.rdd.mapPartitions(lambda rows: _code_partition(rows, coder))
    return spark.createDataFrame(rdd, ARTICLES_SCHEMA)


def code_to_parquet(
    spark: SparkSession,
    inputs: str | list[str],
    output: str,
    *,
    fmt: str = "jsonl",
    dictionaries: Path | None = None,
    mode: str = "errorifexists",
) -> dict[str, int]:
    """Read, code and write ``output``/``articles`` (every article with its events, in input
    order: what ``dyad load`` reads), ``output``/``events`` (partitioned by ``event_date``;
    undated events under ``event_date=__HIVE_DEFAULT_PARTITION__``), ``output``/``quotes``
    (partitioned by ``article_date``) and ``output``/``problems`` (records that could not be
    read). Returns counts."""
    from pyspark import StorageLevel

    coded = code_records(read_records(spark, inputs, fmt), dictionaries)
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        good = coded.where(F.col("problem").isNull()).drop("problem")
        good.orderBy("source_file", "position").write.mode(mode).parquet(f"{output}/articles")
        events = good.select(F.explode("events").alias("e")).select("e.*")
        events.withColumn("event_date", F.date_format("date", "yyyy-MM-dd")).write.mode(
            mode
        ).partitionBy("event_date").parquet(f"{output}/events")
        quotes = good.select(
            F.explode("quotes").alias("q"), F.col("date").alias("article_date")
        ).select("q.*", F.date_format("article_date", "yyyy-MM-dd").alias("article_date"))
        quotes.write.mode(mode).partitionBy("article_date").parquet(f"{output}/quotes")
        problems = coded.where(F.col("problem").isNotNull()).select(
            "source_file", "position", "problem"
        )
        problems.orderBy("source_file", "position").write.mode(mode).parquet(f"{output}/problems")
        counts = coded.agg(
            F.count(F.when(F.col("problem").isNull(), 1)).alias("articles"),
            F.count("problem").alias("problems"),
            F.sum(F.when(F.col("problem").isNull(), F.size("events"))).alias("events"),
            F.sum(F.when(F.col("problem").isNull(), F.size("quotes"))).alias("quotes"),
        ).first()
    finally:
        coded.unpersist()
    assert counts is not None
    return {k: int(counts[k] or 0) for k in ("articles", "problems", "events", "quotes")}
