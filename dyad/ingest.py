"""Ingest: read, skip what is stored, code the rest in batches, store each batch atomically."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from dyad.pipeline import Pipeline
from dyad.sources import readable
from dyad.store import Store
from dyad.types import Article

__all__ = ["IngestResult", "count_inputs", "ingest_articles"]


@dataclass
class IngestResult:
    seen: int = 0
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    #: What coding cut short (over-long articles and sentences), one line per article.
    warnings: list[str] = field(default_factory=list)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
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


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    pipeline: Pipeline | None = None,
    batch: int = 64,
    on_progress: Callable[[int, float], None] | None = None,
) -> IngestResult:
    """Store ``articles`` with their events. Articles whose text is already stored are not
    coded again; each batch is one transaction, so an interrupted run loses at most a batch
    and a rerun completes it."""
    pipeline = pipeline or Pipeline()
    result = IngestResult()
    started = time.perf_counter()
    for chunk in _batches(articles, batch):
        result.seen += len(chunk)
        known = store.known_hashes([a.content_hash for a in chunk])
        fresh: list[Article] = []
        hashes: set[str] = set(known)
        for a in chunk:
            if a.content_hash in hashes:
                result.duplicates += 1
            else:
                hashes.add(a.content_hash)
                fresh.append(a)
        coded = list(pipeline.code_articles(fresh))
        result.warnings.extend(w for c in coded for w in c.warnings)
        stored = store.add(coded)
        result.added += stored.added
        result.duplicates += len(fresh) - stored.added
        result.near_duplicates += stored.near_duplicates
        result.events += stored.mentions
        if on_progress:
            elapsed = max(time.perf_counter() - started, 1e-9)
            on_progress(result.seen, result.seen / elapsed)
    return result
