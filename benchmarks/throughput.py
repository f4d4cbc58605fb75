"""Throughput and memory of dyad on one machine and on Spark, in one run.

On the news corpus (``../shared/corpus/news``), each stage in a fresh process whose peak
resident memory (the process and all its children, sampled every 0.1 s with psutil) is
recorded:

1. bare spaCy ``nlp.pipe``, same model and components (the ceiling);
2. ``dyad code``, one process (parse + code, events written as JSONL);
3. ``dyad ingest --workers 2`` into a new SQLite store (``ingest_articles``, the CLI's path);
4. ``dyad spark code`` in Spark ``local[2]`` (JVM start-up timed separately);

then stage 3 again on the corpus replicated ``--replicas`` times (each copy's text prefixed
with its copy number, so no copy is skipped as a duplicate: every copy is coded), for memory
flatness. Spark's events are checked against stage 2's, article by article. Words are
whitespace-separated tokens of the article text. Every stage is timed as a user would see
it, loading the model included (stages 3 and 4 load it in their workers, where it cannot be
timed apart); stages 1 and 2 also report their loading time on its own.

Stages 1-3 run ``--rounds`` times (default 2), in the order 1, 2, 3 and then 3, 2, 1: the
speed of a shared machine drifts by 10-20 % from minute to minute, as much as the margins
measured, and alternating puts the drift on every stage alike. Their mean is reported, with
each round's figures beside it.

Prints a table and writes it between markers in ``benchmarks/results.md``.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--rounds 2] [--replicas 10]
        [--skip-replicas]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
from _corpus import NEWS, news_articles

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
GB = 1024**3
_LOAD_BEFORE = os.getloadavg()[0]


# -- the stages, each run as `throughput.py --stage NAME INPUT OUT` in its own process ----------
def _write_corpus(dest: Path, limit: int | None, replicas: int) -> tuple[int, int]:
    """The corpus as JSONL in ``dest`` (replicated, each copy's text made unique)."""
    arts = news_articles(limit)
    n_words = 0
    with (dest / "news.jsonl").open("w", encoding="utf-8") as fh:
        for copy in range(replicas):
            for a in arts:
                text = a.text if replicas == 1 else f"Copy {copy}. {a.text}"
                rec = {"id": f"{a.id}#{copy}" if replicas > 1 else a.id, "text": text}
                rec |= {"date": a.date.isoformat() if a.date else None, "title": a.title}
                rec |= {"url": a.url, "source": a.source}
                fh.write(json.dumps(rec) + "\n")
                n_words += len(text.split())
    return len(arts) * replicas, n_words


def _stage(name: str, inp: Path, out: Path) -> dict[str, Any]:
    from dyad.sources import read_paths
    from dyad.types import Article

    def articles() -> Any:
        return (a for a in read_paths([inp]) if isinstance(a, Article))

    if name == "bare":
        from dyad.nlp import load

        t = time.perf_counter()
        nlp = load()
        list(nlp.pipe(["Warm up."]))
        loading = time.perf_counter() - t
        for _doc in nlp.pipe((a.text for a in articles()), batch_size=32):
            pass
        return {"seconds": time.perf_counter() - t, "loading": loading}
    if name == "code":
        from dyad.pipeline import Pipeline

        t = time.perf_counter()
        pipeline = Pipeline()
        pipeline.code("Warm up.")
        loading = time.perf_counter() - t
        with out.open("w", encoding="utf-8") as fh:
            for c in pipeline.code_articles(articles()):
                line = {"id": c.article.id, "events": [e.to_dict() for e in c.events]}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        return {"seconds": time.perf_counter() - t, "loading": loading}
    if name == "ingest":
        from dyad.ingest import ingest_articles
        from dyad.store import Store

        t = time.perf_counter()
        with Store(f"sqlite:///{out}") as store:
            r = ingest_articles(store, articles(), workers=2)
        return {
            "seconds": time.perf_counter() - t,
            "write_seconds": r.write_seconds,
            "added": r.added,
            "events": r.events,
        }
    if name == "spark":
        from pyspark.sql import SparkSession

        from dyad.spark.job import code_to_parquet

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        t = time.perf_counter()
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        spark.range(1).count()
        startup = time.perf_counter() - t
        t = time.perf_counter()
        counts = code_to_parquet(spark, [str(inp)], str(out))
        seconds = time.perf_counter() - t
        spark.stop()
        return {"seconds": seconds, "startup": startup, **counts}
    raise SystemExit(f"unknown stage {name}")


# -- the driver ---------------------------------------------------------------------------------
def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def _run(name: str, inp: Path, out: Path) -> dict[str, Any]:
    """Run a stage in a fresh process; its figures plus the peak RSS of its process tree."""
    cmd = [sys.executable, str(Path(__file__)), "--stage", name, str(inp), str(out)]
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, _tree_rss(proc))
        time.sleep(0.1)
    stdout = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"stage {name} failed ({proc.returncode})")
    figures: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    figures["peak_rss"] = peak
    print(f"  {name}: {figures}", file=sys.stderr)
    return figures


def _same_events(code_out: Path, spark_out: Path) -> tuple[bool, int]:
    from dyad.spark.load import read_coded

    spark = [
        {"id": c.article.id, "events": [e.to_dict() for e in c.events]}
        for c in read_coded(spark_out)
    ]
    with code_out.open(encoding="utf-8") as fh:
        local = [json.loads(line) for line in fh]
    spark = json.loads(json.dumps(spark, ensure_ascii=False))
    return spark == local, sum(len(x["events"]) for x in local)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--stage", nargs=3, metavar=("NAME", "INPUT", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--replicas", type=int, default=10, help="copies for the memory check")
    ap.add_argument("--skip-replicas", action="store_true", help="no replicated run")
    ap.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="runs of stages 1-3, in alternating order; their mean is reported",
    )
    ap.add_argument(
        "--memory-only",
        action="store_true",
        help="only stage 3 on the corpus and on its replicas (its own section of results.md)",
    )
    args = ap.parse_args()
    if args.stage:
        name, inp, out = args.stage
        print(json.dumps(_stage(name, Path(inp), Path(out))))
        return
    if args.memory_only:
        _memory_only(args)
        return

    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "one").mkdir()
        n_arts, n_words = _write_corpus(tmp / "one", args.limit, 1)
        src = tmp / "one" / "news.jsonl"
        print(f"corpus: {NEWS}, {n_arts} articles, {n_words} words", file=sys.stderr)
        rounds: list[dict[str, dict[str, Any]]] = []
        for r in range(max(1, args.rounds)):
            # Stages 1-3 in turn, the order reversed each round, so the drift of a shared
            # machine's speed falls on every stage alike.
            order = ["bare", "code", "ingest"] if r % 2 == 0 else ["ingest", "code", "bare"]
            outs = {"bare": tmp / "bare", "code": tmp / f"code{r}.jsonl"}
            outs["ingest"] = tmp / f"ingest{r}.sqlite"
            rounds.append({name: _run(name, src, outs[name]) for name in order})
        res = _mean_rounds(rounds)
        res["spark"] = _run("spark", src, tmp / "spark")
        same, n_events = _same_events(tmp / "code0.jsonl", tmp / "spark")
        report = _report(res, n_arts, n_words, n_events, same, None, 0, 0, args)
        print(report)
        _write_results(report)  # kept if the long replicated run below is cut short
        if not args.skip_replicas and args.replicas > 1:
            (tmp / "big").mkdir()
            big_arts, big_words = _write_corpus(tmp / "big", args.limit, args.replicas)
            big = _run("ingest", tmp / "big" / "news.jsonl", tmp / "big.sqlite")
            report = _report(res, n_arts, n_words, n_events, same, big, big_arts, big_words, args)
            print(report)
            _write_results(report)


def _memory_only(args: argparse.Namespace) -> None:
    """Peak RSS of ``dyad ingest --workers 2`` on the corpus and on it replicated."""
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp_name:
        tmp = Path(tmp_name)
        figures = []
        for copies in (1, args.replicas):
            (tmp / str(copies)).mkdir()
            n_arts, n_words = _write_corpus(tmp / str(copies), args.limit, copies)
            r = _run("ingest", tmp / str(copies) / "news.jsonl", tmp / f"{copies}.sqlite")
            figures.append((copies, n_arts, n_words, r))
    lines = [
        f"`.venv/bin/python benchmarks/throughput.py --memory-only"
        f"{f' --limit {args.limit}' if args.limit else ''} --replicas {args.replicas}` on "
        f"{time.strftime('%Y-%m-%d')}; load average (1 min) before / after: "
        f"{_LOAD_BEFORE:.1f} / {os.getloadavg()[0]:.1f}.",
        "",
        "| `dyad ingest --workers 2` on | articles | seconds | articles/s | peak RSS |",
        "|---|---|---|---|---|",
    ]
    for copies, n_arts, _n_words, r in figures:
        lines.append(
            f"| corpus ×{copies} | {n_arts:,} | {r['seconds']:.1f} | "
            f"{n_arts / r['seconds']:.2f} | {r['peak_rss'] / GB:.2f} GB |"
        )
    growth = figures[1][3]["peak_rss"] / figures[0][3]["peak_rss"] - 1
    verdict = "PASS" if abs(growth) <= 0.2 else "FAIL"
    lines += [
        "",
        f"Peak RSS ×{args.replicas} against ×1: {growth:+.1%} (target within 20 %): {verdict}.",
    ]
    report = "\n".join(lines)
    print(report)
    _write_results(report, "memory", "Memory against corpus size (`throughput.py --memory-only`)")


def _mean_rounds(rounds: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Each stage's figures averaged over the rounds (peak RSS: the highest), with the
    seconds of every round kept for the spread."""
    res: dict[str, dict[str, Any]] = {}
    for name in rounds[0]:
        runs = [r[name] for r in rounds]
        mean = {k: sum(x[k] for x in runs) / len(runs) for k in runs[0] if k != "peak_rss"}
        mean["peak_rss"] = max(x["peak_rss"] for x in runs)
        mean["rounds"] = [x["seconds"] for x in runs]
        res[name] = mean
    return res


def _report(
    res: dict[str, dict[str, Any]],
    n_arts: int,
    n_words: int,
    n_events: int,
    same: bool,
    big: dict[str, Any] | None,
    big_arts: int,
    big_words: int,
    args: argparse.Namespace,
) -> str:
    cores = len(os.sched_getaffinity(0))
    rows = [
        ("1 bare spaCy `nlp.pipe`", res["bare"]),
        ("2 `dyad code`, one process", res["code"]),
        ("3 `dyad ingest --workers 2`, SQLite", res["ingest"]),
        ("4 Spark `local[2]`", res["spark"]),
    ]
    lines = [
        f"`.venv/bin/python benchmarks/throughput.py"
        f"{f' --limit {args.limit}' if args.limit else ''}"
        f"{f' --rounds {args.rounds}' if args.rounds != 2 else ''}` on "
        f"{time.strftime('%Y-%m-%d')}, "
        f"{cores} cores, {psutil.virtual_memory().total / GB:.0f} GB; news corpus: "
        f"{n_arts:,} articles, {n_words:,} words, {n_events:,} events. Load average "
        f"(1 min) before / after: {_LOAD_BEFORE:.1f} / {os.getloadavg()[0]:.1f}.",
        "",
        "| stage | seconds | words/s | articles/s | peak RSS (process tree) |",
        "|---|---|---|---|---|",
    ]
    for label, r in rows:
        s = r["seconds"]
        lines.append(
            f"| {label} | {s:.1f} | {n_words / s:,.0f} | {n_arts / s:.2f} | "
            f"{r['peak_rss'] / GB:.2f} GB |"
        )
    if big is not None:
        s = big["seconds"]
        lines.append(
            f"| 3 on the corpus ×{args.replicas} ({big_arts:,} articles) | {s:.1f} | "
            f"{big_words / s:,.0f} | {big_arts / s:.2f} | {big['peak_rss'] / GB:.2f} GB |"
        )
    b, c, i = res["bare"]["seconds"], res["code"]["seconds"], res["ingest"]["seconds"]
    rss3 = res["ingest"]["peak_rss"]

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    n_rounds = len(res["bare"]["rounds"])
    if n_rounds > 1:
        by_stage = (res["bare"]["rounds"], res["code"]["rounds"], res["ingest"]["rounds"])
        pairs = list(zip(*by_stage, strict=True))
        lines += [
            "",
            f"Stages 1-3 ran {n_rounds} times, in the order 1, 2, 3 and then 3, 2, 1; the "
            "table gives their mean seconds and highest peak RSS. By round: "
            + "; ".join(
                f"{x:.1f} / {y:.1f} / {z:.1f} s (2/1 {x / y:.3f}, 3/2 {y / z:.3f})"
                for x, y, z in pairs
            )
            + ".",
        ]
    lines += [
        "",
        f"Loading the model (inside every stage's seconds): stage 1 "
        f"{res['bare']['loading']:.1f} s, stage 2 {res['code']['loading']:.1f} s. "
        f"Spark JVM start-up (not in stage 4): {res['spark']['startup']:.1f} s. Spark's events "
        f"equal stage 2's, article by article: {'yes' if same else 'NO'}.",
        "",
        "| target | measured | result |",
        "|---|---|---|",
        f"| 2/1 ≥ 0.85 | {b / c:.3f} | {verdict(b / c >= 0.85)} |",
        f"| 3/2 ≥ 1.7 on 2 cores | {c / i:.3f} | {verdict(c / i >= 1.7)} |",
        f"| peak RSS of 3 ≤ 1.5 GB | {rss3 / GB:.2f} GB | {verdict(rss3 <= 1.5 * GB)} |",
    ]
    if big is not None:
        growth = big["peak_rss"] / rss3 - 1
        lines.append(
            f"| peak RSS of 3, ×{args.replicas} vs ×1, within 20 % | {growth:+.1%} | "
            f"{verdict(abs(growth) <= 0.2)} |"
        )
    # Projection: coding scales with cores (each worker or executor codes alone); one
    # machine's ingest is bounded by its single writer, Spark's by nothing shared.
    per_core_ingest = n_arts / i / 2
    writer_rate = res["ingest"]["added"] / max(res["ingest"]["write_seconds"], 1e-9)
    per_core_spark = n_arts / res["spark"]["seconds"] / 2
    day = 200_000
    lines += [
        "",
        f"Projection for a day of {day:,} articles (from the rates above: stage 3 codes "
        f"{per_core_ingest:.2f} articles/s per core and its single writer stored "
        f"{writer_rate:,.0f} articles/s while busy; Spark codes {per_core_spark:.2f} "
        f"articles/s per core; both assumed to scale linearly with cores, one machine's "
        f"ingest capped by its writer):",
        "",
        "| cores | `dyad ingest` on one machine | Spark |",
        "|---|---|---|",
    ]
    for n in (2, 16, 64):
        ingest_rate = min(per_core_ingest * n, writer_rate)
        lines.append(
            f"| {n} | {_hours(day / ingest_rate)} | {_hours(day / (per_core_spark * n))} |"
        )
    return "\n".join(lines)


def _hours(seconds: float) -> str:
    h = seconds / 3600
    return f"{h:.1f} h" if h >= 1 else f"{seconds / 60:.0f} min"


def _write_results(
    report: str, key: str = "throughput", title: str = "Throughput (`throughput.py`)"
) -> None:
    """Replace this benchmark's section of results.md, keeping the rest."""
    begin, end = f"<!-- {key}:begin -->", f"<!-- {key}:end -->"
    section = f"{begin}\n## {title}\n\n{report}\n{end}\n"
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + section.rstrip("\n") + rest.split(end, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
