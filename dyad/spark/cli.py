"""``dyad spark ...``: the Spark commands (PySpark is imported only when one runs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    name="spark",
    help="Code articles on Apache Spark (pip install 'dyad\\[spark]').",
    no_args_is_help=True,
)
err = Console(stderr=True, soft_wrap=True)


@app.command("code")
def code(
    inputs: Annotated[
        list[str],
        typer.Argument(help="INPUT... (paths Spark can read), then OUTPUT."),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="jsonl or parquet (default: by the first input's suffix)."),
    ] = None,
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark master (default: spark-submit's, else local[*])."),
    ] = None,
    dictionaries: Annotated[
        Path | None,
        typer.Option(
            "--dictionaries",
            help="PETRARCH/CAMEO dictionaries folder (on the driver; broadcast to executors).",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing OUTPUT.")] = False,
) -> None:
    """Code INPUT... with the dyad pipeline on Spark; write OUTPUT/{articles,events,quotes,
    problems} as Parquet (events partitioned by event_date). Load with 'dyad load OUTPUT'."""
    if len(inputs) < 2:
        raise typer.BadParameter("give INPUT... OUTPUT", param_hint="INPUTS")
    *sources, output = inputs
    fmt = fmt or ("parquet" if sources[0].rstrip("/").endswith(".parquet") else "jsonl")
    if fmt not in ("jsonl", "parquet"):
        raise typer.BadParameter("use jsonl or parquet", param_hint="--format")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        err.print("[red]error[/] PySpark is not installed: pip install 'dyad\\[spark]'")
        raise typer.Exit(2) from None
    from dyad.errors import DyadError
    from dyad.spark.job import code_to_parquet

    running = SparkSession.getActiveSession()
    if running is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Not under spark-submit: local workers run this very Python (with dyad installed).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if master is None or master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName("dyad")
    if master:
        builder = builder.master(master)
    spark = running or builder.getOrCreate()
    try:
        counts = code_to_parquet(
            spark,
            sources,
            output,
            fmt=fmt,
            dictionaries=dictionaries,
            mode="overwrite" if overwrite else "errorifexists",
        )
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None
    finally:
        if running is None:
            spark.stop()
    err.print(
        f"{counts['articles']} article(s) coded, {counts['events']} event(s), "
        f"{counts['quotes']} quote(s) written to {output}"
    )
    if counts["problems"]:
        err.print(
            f"{counts['problems']} record(s) could not be read: see {output}/problems "
            "(source_file, position, problem)"
        )
        raise typer.Exit(1)
