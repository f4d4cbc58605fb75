"""Ingest: read, skip what is stored, code the rest in batches, store each batch atomically.

With ``workers`` > 1 the batches are coded in worker processes (each loads the pipeline once)
while this process reads, skips known texts and writes: one writer, batches written in input
order, so the store is the same as with one process whatever order the workers finish in.
Near-copy detection and event aggregation happen in the writer, as with one process. At most
``2 * workers`` batches are in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from dyad._workers import exit_with_parent
from dyad.pipeline import CodedArticle, Pipeline
from dyad.sources import readable
from dyad.store import Store
from dyad.store.dedup import NearDuplicates
from dyad.types import Article

__all__ = [
    "IngestResult",
    "count_inputs",
    "default_workers",
    "ingest_articles",
    "ingest_coded",
    "store_coded",
]

T = TypeVar("T")


@dataclass
class IngestResult:
    seen: int = 0
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    #: Time spent writing to the store (the single writer's share; for capacity planning).
    write_seconds: float = 0.0
    #: What coding cut short (over-long articles and sentences), one line per article.
    warnings: list[str] = field(default_factory=list)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def count_inputs(paths: Iterable[str]) -> int | None:
    """A cheap count of the records under ``paths`` for the progress bar (None for stdin)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        if p.startswith(("http://", "https://")):
            total += 1
            continue
        path = Path(p)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if not f.is_file() or (path.is_dir() and not readable(f)):
                continue
            if suffix in (".jsonl", ".ndjson", ".csv"):
                try:
                    with f.open("rb") as fh:
                        lines = sum(1 for line in fh if line.strip())
                except OSError:
                    continue
                total += lines - (1 if suffix == ".csv" else 0)
            else:
                total += 1
    return total


_PART = 16  # articles a worker codes at a time


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- worker processes ---------------------------------------------------------------------------
_worker_dictionaries: Path | None = None
_worker_pipeline: Pipeline | None = None
#: Signatures do not depend on the store's similarity threshold, only on the shingles.
_SIGNATURES = NearDuplicates()


def _init_worker(dictionaries: Path | None) -> None:
    global _worker_dictionaries
    _worker_dictionaries = dictionaries
    exit_with_parent()


def _code_batch(articles: list[Article]) -> list[tuple[CodedArticle, bytes]]:
    """Code one batch in a worker, with each article's near-copy signature (so the single
    writer does not spend its time on them). The pipeline is built at the first batch, not
    in the initializer, so a bad dictionary comes back as the DyadError naming the file
    instead of a broken pool."""
    global _worker_pipeline
    if _worker_pipeline is None:
        _worker_pipeline = Pipeline(dictionaries=_worker_dictionaries)
    return [
        (c, _SIGNATURES.signature(c.article.text)) for c in _worker_pipeline.code_articles(articles)
    ]


# -- the writer ---------------------------------------------------------------------------------
def _fresh(store: Store, chunk: Sequence[Article], pending: set[str]) -> list[Article]:
    """The articles of ``chunk`` whose text is neither stored, nor earlier in the chunk, nor
    in a batch on its way to the store."""
    seen = store.known_hashes([a.content_hash for a in chunk]) | pending
    fresh: list[Article] = []
    for a in chunk:
        if a.content_hash not in seen:
            seen.add(a.content_hash)
            fresh.append(a)
    return fresh


def store_coded(
    store: Store,
    seen: int,
    coded: Sequence[CodedArticle],
    result: IngestResult,
    signatures: Sequence[bytes] | None = None,
) -> None:
    """Write one batch of ``seen`` articles read of which ``coded`` were coded, counting the
    rest as already stored. Ingest and ``dyad load`` both write through here."""
    result.warnings.extend(w for c in coded for w in c.warnings)
    t = time.perf_counter()
    stored = store.add(coded, signatures)
    result.write_seconds += time.perf_counter() - t
    result.seen += seen
    result.added += stored.added
    result.duplicates += seen - stored.added
    result.near_duplicates += stored.near_duplicates
    result.events += stored.mentions


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    pipeline: Pipeline | None = None,
    batch: int = 64,
    on_progress: Callable[[int, float], None] | None = None,
    workers: int = 1,
    dictionaries: Path | None = None,
) -> IngestResult:
    """Store ``articles`` with their events. Articles whose text is already stored are not
    coded again; each batch is one transaction, so an interrupted run loses at most a batch
    and a rerun completes it.

    ``workers`` > 1 codes in that many processes (``dictionaries`` is passed to them; a
    given ``pipeline`` is used only when the input is a single batch, where starting workers
    would cost more than it saves)."""
    result = IngestResult()
    started = time.perf_counter()

    def progress() -> None:
        if on_progress:
            elapsed = max(time.perf_counter() - started, 1e-9)
            on_progress(result.seen, result.seen / elapsed)

    batches = _batches(articles, batch)
    first = list(islice(batches, 2))
    if workers <= 1 or len(first) < 2:
        pipe = pipeline or Pipeline(dictionaries=dictionaries)
        for chunk in chain(first, batches):
            fresh = _fresh(store, chunk, set())
            store_coded(store, len(chunk), list(pipe.code_articles(fresh)), result)
            progress()
        return result

    # 'spawn': a fresh interpreter per worker, safe whatever threads this process runs.
    ctx = multiprocessing.get_context("spawn")
    window: deque[tuple[int, set[str], list[Future[list[tuple[CodedArticle, bytes]]]]]] = deque()
    pending: set[str] = set()
    # A batch is coded in parts, so the last batches of a run keep every worker busy; it is
    # still written as one transaction.
    part = max(1, min(_PART, batch))

    def write_oldest() -> None:
        n, hashes, futures = window.popleft()
        done = [pair for f in futures for pair in f.result()]
        store_coded(store, n, [c for c, _ in done], result, [sig for _, sig in done])
        pending.difference_update(hashes)
        progress()

    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_worker, initargs=(dictionaries,)
    ) as pool:
        try:
            for chunk in chain(first, batches):
                fresh = _fresh(store, chunk, pending)
                hashes = {a.content_hash for a in fresh}
                pending |= hashes
                futures = [
                    pool.submit(_code_batch, fresh[i : i + part])
                    for i in range(0, len(fresh), part)
                ]
                window.append((len(chunk), hashes, futures))
                if len(window) >= 2 * workers:
                    write_oldest()
            while window:
                write_oldest()
        except BaseException:
            for _, _, futures in window:
                for f in futures:
                    f.cancel()
            raise
    return result


def ingest_coded(
    store: Store,
    coded: Iterable[CodedArticle],
    *,
    batch: int = 64,
    on_progress: Callable[[int, float], None] | None = None,
) -> IngestResult:
    """Store articles coded elsewhere (Spark), batch by batch exactly as ``ingest_articles``
    stores what it codes, so both give the same store from the same input."""
    result = IngestResult()
    started = time.perf_counter()
    for chunk in _batches(coded, batch):
        fresh = {id(a) for a in _fresh(store, [c.article for c in chunk], set())}
        store_coded(store, len(chunk), [c for c in chunk if id(c.article) in fresh], result)
        if on_progress:
            elapsed = max(time.perf_counter() - started, 1e-9)
            on_progress(result.seen, result.seen / elapsed)
    return result
