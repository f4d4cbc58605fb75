"""The ``dyad`` command: thin shells over the library (parse options, call, print)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from dyad.errors import DyadError
from dyad.sources import Problem, read_paths
from dyad.spark.cli import app as spark_app
from dyad.types import Article, Event

app = typer.Typer(
    name="dyad",
    help="Political event data from news text: who did what to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store URL or SQLite path (else $DYAD_DB, else the user store)."),
]
DictOption = Annotated[
    Path | None,
    typer.Option(
        "--dictionaries",
        help="Folder of PETRARCH/CAMEO actor and agent dictionaries to add to the tables.",
        exists=True,
        file_okay=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Publication date YYYY-MM-DD for inputs that carry none."),
]


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=option) from None


class _Tally:
    """Counts what was skipped, printing one clear line per problem."""

    def __init__(self) -> None:
        self.skipped = 0

    def articles(self, items: Iterable[Article | Problem]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                self.skipped += 1
                err.print(f"[yellow]skipped[/] {item}", markup=True, highlight=False)
            else:
                yield item

    def finish(self) -> None:
        if self.skipped:
            err.print(f"{self.skipped} input(s) skipped; see the lines above.")
            raise typer.Exit(1)


def _event_table(events: Iterable[Event], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for col in (
        "date",
        "actor",
        "recipient",
        "type",
        "cameo",
        "temporal",
        "reports",
        "trigger",
        "sentence",
    ):
        table.add_column(col, overflow="fold")
    for e in events:
        table.add_row(
            e.date.isoformat() if e.date else "",
            e.actor.label if e.actor else "",
            e.recipient.label if e.recipient else "",
            e.event_type or "STATEMENT",
            e.cameo,
            e.temporal,
            str(e.num_mentions),
            e.trigger.text,
            e.sentence if len(e.sentence) < 160 else e.sentence[:157] + "...",
        )
    return table


def _pipeline(dictionaries: Path | None) -> Any:
    """The coding pipeline, with user dictionaries if given (a clear error if unreadable)."""
    from dyad.pipeline import Pipeline

    try:
        return Pipeline(dictionaries=dictionaries)
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None


@app.command()
def code(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders; none or - for stdin.")
    ] = None,
    date_: DateOption = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, json or table.")] = "jsonl",
    dictionaries: DictOption = None,
) -> None:
    """Code articles and print their events, without storing anything."""
    if fmt not in ("jsonl", "json", "table"):
        raise typer.BadParameter("use jsonl, json or table", param_hint="--format")
    default = _parse_day(date_, "--date")
    tally = _Tally()
    items = read_paths(paths or ["-"], default)
    pipeline = _pipeline(dictionaries)
    collected: list[dict[str, Any]] = []
    for coded in pipeline.code_articles(tally.articles(items)):
        for w in coded.warnings:
            err.print(f"[yellow]warning[/] {w}")
        a = coded.article
        if a.date is None:
            err.print(f"[yellow]note[/] {a.id}: no date given; events are undated (use --date)")
        if fmt == "jsonl":
            line = {
                "id": a.id,
                "date": a.date.isoformat() if a.date else None,
                "events": [e.to_dict() for e in coded.events],
                "quotes": [q.to_dict() for q in coded.quotes],
            }
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        elif fmt == "json":
            collected.append(
                {
                    "id": a.id,
                    "date": a.date.isoformat() if a.date else None,
                    "events": [e.to_dict() for e in coded.events],
                    "quotes": [q.to_dict() for q in coded.quotes],
                }
            )
        else:
            out.print(_event_table(coded.events, title=a.title or a.id))
    if fmt == "json":
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    tally.finish()


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )


def _inputs(paths: list[str], default: date | None) -> Iterator[Article | Problem]:
    """Files, folders and stdin as read_paths reads them; http(s) URLs fetched politely."""
    from dyad.sources.fetch import Fetcher, is_url, read_urls

    if not any(is_url(p) for p in paths):
        yield from read_paths(paths, default)
        return
    with Fetcher() as fetcher:
        for p in paths:
            yield from (read_urls([p], fetcher, default) if is_url(p) else read_paths([p], default))


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders, WARC archives or http(s) URLs; - for stdin."),
    ],
    db: DbOption = None,
    date_: DateOption = None,
    batch: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
    dictionaries: DictOption = None,
    near_copies: Annotated[
        float,
        typer.Option(
            "--near-copies",
            min=0.1,
            max=1.0,
            help="Similarity (Jaccard of word 5-grams) above which an article is a near "
            "copy of a stored one.",
        ),
    ] = 0.8,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Processes that parse and code (default: one per core)."
        ),
    ] = None,
) -> None:
    """Read, code and store articles. Articles already stored (same text) are skipped."""
    from dyad.ingest import count_inputs, default_workers, ingest_articles
    from dyad.store import Store

    default = _parse_day(date_, "--date")
    tally = _Tally()
    try:
        store = Store(db, near_duplicate_threshold=near_copies)
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None
    total = count_inputs(paths)
    with store, _progress() as progress:
        task = progress.add_task("ingest", total=total, rate="0.0")
        try:
            result = ingest_articles(
                store,
                tally.articles(_inputs(paths, default)),
                batch=batch,
                workers=workers or default_workers(),
                dictionaries=dictionaries,
                on_progress=lambda n, rate: progress.update(task, completed=n, rate=f"{rate:.1f}"),
            )
        except DyadError as exc:
            err.print(f"[red]error[/] {exc}")
            raise typer.Exit(2) from None
        progress.update(task, total=result.seen, completed=result.seen)
    for w in result.warnings:
        err.print(f"[yellow]warning[/] {w}")
    err.print(
        f"{result.seen} article(s) read, {result.added} new ({result.near_duplicates} near "
        f"copies of stored ones), {result.duplicates} already stored, {result.events} event "
        f"report(s) stored in {store.display_url}"
    )
    tally.finish()


def _filter(
    actor: str | None,
    recipient: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    include: bool,
    unresolved: bool = False,
) -> Any:
    from dyad.store import EventFilter

    return EventFilter(
        actor=actor,
        recipient=recipient,
        event_type=type_,
        since=_parse_day(since, "--since"),
        until=_parse_day(until, "--until"),
        temporal=None if include else ("current",),
        resolved=not unresolved,
    )


ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor code, e.g. CHN.")]
RecipOpt = Annotated[str | None, typer.Option("--recipient", help="Recipient code, e.g. JPN.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. THREATEN.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="First date YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Last date YYYY-MM-DD.")]
UnresolvedOpt = Annotated[
    bool,
    typer.Option(
        "--unresolved", help="Include events whose actor and recipient are both unresolved."
    ),
]
AllOpt = Annotated[
    bool,
    typer.Option("--all-temporal", help="Include historical, planned and hypothetical events."),
]


@app.command()
def events(
    actor: ActorOpt = None,
    recipient: RecipOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    all_temporal: AllOpt = False,
    unresolved: UnresolvedOpt = False,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    db: DbOption = None,
) -> None:
    """List stored events (current events only, unless --all-temporal)."""
    from dyad.export import write_csv
    from dyad.store import Store

    f = _filter(actor, recipient, type_, since, until, all_temporal, unresolved)
    with Store(db) as store:
        found = store.events(f, limit=limit)
        if fmt == "table":
            out.print(_event_table(found))
        elif fmt == "jsonl":
            for e in found:
                sys.stdout.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            write_csv(found, sys.stdout)
        else:
            raise typer.BadParameter("use table, jsonl or csv", param_hint="--format")


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker's actor code.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct or reported.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many quotes.")] = None,
    db: DbOption = None,
) -> None:
    """List stored quotes: who said what, direct or reported."""
    from dyad.export import write_quotes
    from dyad.store import Store

    if fmt not in ("table", "jsonl"):
        raise typer.BadParameter("use table or jsonl", param_hint="--format")
    with Store(db) as store:
        found = store.quotes(
            speaker=speaker,
            kind=kind,
            since=_parse_day(since, "--since"),
            until=_parse_day(until, "--until"),
            limit=limit,
        )
        if fmt == "jsonl":
            write_quotes(found, sys.stdout)
            return
        table = Table()
        for col in ("article", "speaker", "actor", "kind", "quote"):
            table.add_column(col, overflow="fold")
        for q in found:
            text = q.text if len(q.text) < 200 else q.text[:197] + "..."
            table.add_row(
                q.article_id,
                q.speaker_text or "",
                q.speaker.label if q.speaker else "",
                q.kind,
                text,
            )
        out.print(table)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="plover, csv, gdelt (GDELT 2.0 events), gdelt-mentions, parquet or quotes.",
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write; - for stdout.")],
    actor: ActorOpt = None,
    recipient: RecipOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    all_temporal: AllOpt = False,
    unresolved: UnresolvedOpt = False,
    db: DbOption = None,
) -> None:
    """Export stored events (or quotes), streaming, in an analyst's format. A file is written
    beside its name and moved into place only when complete."""
    from dyad.export import WRITERS, write_quotes

    choices = [*WRITERS, "gdelt-mentions", "parquet", "quotes"]
    if fmt not in choices:
        raise typer.BadParameter(f"use one of {', '.join(choices)}", param_hint="--format")
    if fmt == "parquet" and str(output) == "-":
        raise typer.BadParameter("Parquet is binary: give a file name", param_hint="--output")
    from dyad.store import Store

    f = _filter(actor, recipient, type_, since, until, all_temporal, unresolved)
    with Store(db) as store:

        def write(fh: Any) -> int:
            if fmt == "quotes":
                return write_quotes(store.quotes(speaker=actor, since=f.since, until=f.until), fh)
            if fmt == "gdelt-mentions":
                from dyad.export.gdelt import write_gdelt_mentions

                return write_gdelt_mentions(store.all_mentions(f), fh)
            return WRITERS[fmt](store.events(f), fh)

        tmp = output.with_name(output.name + ".part")
        if fmt == "parquet":
            from dyad.export.parquet import write_parquet

            n = write_parquet(store.events(f), tmp)
            tmp.replace(output)
        elif str(output) == "-":
            n = write(sys.stdout)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = write(fh)
            tmp.replace(output)
    what = {"quotes": "quote(s)", "gdelt-mentions": "mention(s)"}.get(fmt, "event(s)")
    err.print(f"{n} {what} written to {output}")


@app.command()
def stats(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    all_temporal: AllOpt = False,
    unresolved: UnresolvedOpt = False,
) -> None:
    """Summarise the store: articles, events by type, top dyads."""
    from dyad.store import EventFilter, Store

    with Store(db) as store:
        s = store.stats(
            EventFilter(temporal=None if all_temporal else ("current",), resolved=not unresolved)
        )
    if fmt == "json":
        sys.stdout.write(json.dumps(s, indent=2) + "\n")
        return
    out.print(f"[bold]store[/] {s['store']}")
    out.print(
        f"[bold]reports[/] {s['mentions']} event mentions, "
        f"{s['near_duplicates']} near-copy article(s)"
    )
    counted = [] if all_temporal else ["current"]
    counted += [] if unresolved else ["with an actor or recipient"]
    note = f" ({', '.join(counted)})" if counted else ""
    out.print(
        f"[bold]articles[/] {s['articles']}   [bold]events[/] {s['events']}{note}   "
        f"[bold]dates[/] {s['first_date'] or '?'} .. {s['last_date'] or '?'}"
    )
    t = Table(title="events by type")
    t.add_column("type")
    t.add_column("events", justify="right")
    for row in s["by_type"]:
        t.add_row(row["event_type"], str(row["count"]))
    d = Table(title="top dyads")
    d.add_column("actor")
    d.add_column("recipient")
    d.add_column("events", justify="right")
    for row in s["top_dyads"]:
        d.add_row(row["actor"], row["recipient"], str(row["count"]))
    out.print(t)
    out.print(d)


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on; the default keeps the API on this machine."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    db: DbOption = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            envvar="DYAD_API_KEY",
            show_envvar=True,
            help="Key that POST /articles needs in its X-API-Key header; without one the API "
            "is read-only.",
        ),
    ] = None,
) -> None:
    """Serve the dashboard (at /) and the REST API (interactive docs at /docs)."""
    import logging

    import uvicorn

    from dyad.api import create_app

    try:
        api = create_app(db, api_key=api_key)
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            f"[yellow]note[/] listening on {host}: whoever can reach this port can read the store"
        )
    if not api_key:
        err.print("[yellow]note[/] no API key (--api-key or DYAD_API_KEY): writes are disabled")
    # The API logs its internal errors (with tracebacks) here, never to the client.
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    uvicorn.run(api, host=host, port=port)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (PLOVER or ConfliBERT penta).")],
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    dictionaries: DictOption = None,
) -> None:
    """Measure the coder against annotated sentences."""
    from dyad.evaluation import evaluate

    try:
        rep = evaluate(gold, _pipeline(dictionaries))
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None
    if fmt == "json":
        sys.stdout.write(json.dumps(rep.to_dict(), indent=2) + "\n")
        return
    t = Table(title=f"{gold.name} ({rep.kind})")
    t.add_column("metric")
    t.add_column("value", justify="right")
    t.add_column("count", justify="right")
    for k, v in rep.metrics.items():
        h, n = rep.counts.get(k, (None, None))
        t.add_row(k, str(v), f"{h}/{n}" if n is not None else "")
    out.print(t)
    if rep.confusion:
        c = Table(title="gold type -> predicted (the gold type if found, else the most confident)")
        c.add_column("gold")
        c.add_column("predicted")
        for g, counts in rep.confusion.items():
            c.add_row(g, ", ".join(f"{p} {n}" for p, n in counts.most_common()))
        out.print(c)
    if rep.per_class:
        r = Table(title="per-class recall")
        for col in ("class", "hits", "of", "recall"):
            r.add_column(col)
        for k, (h, n) in rep.per_class.items():
            r.add_row(k, str(h), str(n), f"{h / n:.3f}" if n else "-")
        out.print(r)


@app.command()
def watch(
    feed_list: Annotated[
        Path, typer.Argument(help="File of feed URLs, one a line; # starts a comment.")
    ],
    db: DbOption = None,
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 90s, 15m, 1h.")
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then stop.")] = False,
    per_host: Annotated[
        float, typer.Option("--per-host", help="Seconds between two requests to one host.")
    ] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds before a request gives up.")] = 15.0,
    dictionaries: DictOption = None,
) -> None:
    """Follow RSS/Atom feeds: fetch new items' pages, code and store them; resumes safely."""
    import re
    import time as _time

    from dyad.sources.fetch import Fetcher
    from dyad.store import Store
    from dyad.watch import FeedReport, Watcher
    from dyad.watch import watch as run

    m = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", every.strip())
    if not m:
        raise typer.BadParameter("use a number of seconds, or 90s, 15m, 1h", param_hint="--every")
    seconds = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]

    def show(r: FeedReport) -> None:
        stamp = _time.strftime("%H:%M:%S")
        err.print(
            f"{stamp} {r.url}: {r.status}, {r.new_items} new item(s), {r.added} article(s) "
            f"stored, {r.events} event report(s)",
            highlight=False,
        )
        for p in r.problems:
            err.print(f"  [yellow]problem[/] {p}", markup=True, highlight=False)

    # Unreadable dictionaries are an error before any fetching; else the model is loaded
    # only when some article is new.
    given = _pipeline(dictionaries) if dictionaries is not None else None
    try:
        with (
            Store(db) as store,
            Fetcher(timeout=timeout, per_host_interval=per_host) as fetcher,
        ):
            reports = run(
                feed_list,
                Watcher(store, fetcher, given or (lambda: _pipeline(None))),
                every=seconds,
                once=once,
                on_feed=show,
            )
    except KeyboardInterrupt:
        err.print("stopped; the next run resumes where this one was")
        raise typer.Exit(130) from None
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None
    if any(r.status == "failed" for r in reports):
        raise typer.Exit(1)


@app.command()
def alerts(
    db: DbOption = None,
    since: SinceOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    webhook: Annotated[
        str | None,
        typer.Option(
            "--webhook", envvar="DYAD_ALERT_WEBHOOK", help="POST the alerts as JSON to this URL."
        ),
    ] = None,
    threshold: Annotated[float, typer.Option(help="Score (z) from which a day is flagged.")] = 3.0,
) -> None:
    """Dyads whose daily conflict intensity is improbable under their previous 30 days."""
    from dyad.alerts import post_webhook, store_alerts
    from dyad.store import Store

    if fmt not in ("table", "json"):
        raise typer.BadParameter("use table or json", param_hint="--format")
    first_day = _parse_day(since, "--since")
    try:
        with Store(db) as store:
            found = store_alerts(store, first_day, threshold)
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None
    if fmt == "json":
        sys.stdout.write(json.dumps([a.to_dict() for a in found], indent=2) + "\n")
    else:
        t = Table(title=f"tension alerts ({len(found)})")
        for col in ("day", "dyad", "intensity", "30-day mean", "std", "score", "p"):
            t.add_column(col, justify="left" if col in ("day", "dyad") else "right")
        for a in found:
            d = a.to_dict()
            t.add_row(
                d["day"],
                d["dyad"],
                f"{a.value:.1f}",
                f"{a.baseline_mean:.1f}",
                f"{a.baseline_std:.1f}",
                f"{a.score:.1f}",
                f"{a.p:.2g}",
            )
        out.print(t)
    if webhook:
        import httpx

        try:
            status = post_webhook(webhook, found)
        except httpx.HTTPError as exc:
            err.print(f"[red]error[/] webhook {webhook}: {exc}")
            raise typer.Exit(1) from None
        err.print(f"{len(found)} alert(s) posted to {webhook} (HTTP {status})")


@app.command()
def load(
    output: Annotated[str, typer.Argument(help="OUTPUT of 'dyad spark code' (a path or URI).")],
    db: DbOption = None,
    batch: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
) -> None:
    """Store articles coded by 'dyad spark code', deduplicated and aggregated as ingest does."""
    from dyad.ingest import ingest_coded
    from dyad.spark.load import read_coded
    from dyad.store import Store

    try:
        with Store(db) as store:
            result = ingest_coded(store, read_coded(output), batch=batch)
    except DyadError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from None
    err.print(
        f"{result.seen} article(s) read, {result.added} new ({result.near_duplicates} near "
        f"copies of stored ones), {result.duplicates} already stored, {result.events} event "
        f"report(s) stored in {store.display_url}"
    )


app.add_typer(spark_app, name="spark")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
