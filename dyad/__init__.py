"""dyad: political event data from news text.

>>> import dyad
>>> events = dyad.code("China warned Japan on Thursday.", date="2021-08-19")
"""

from __future__ import annotations

from collections.abc import Iterable as _Iterable
from collections.abc import Iterator as _Iterator
from concurrent.futures import ProcessPoolExecutor as _ProcessPoolExecutor
from datetime import date as _date
from itertools import islice as _islice

from dyad.errors import DataFileError, DyadError, EvalError, SourceError, StoreBusyError, StoreError
from dyad.pipeline import CodedArticle, Pipeline
from dyad.records import EventList, QuoteList, SeriesList, SeriesPoint
from dyad.session import EventStore
from dyad.types import Actor, Article, Event, Location, Quote, Span

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "CodedArticle",
    "DataFileError",
    "DyadError",
    "EvalError",
    "Event",
    "EventList",
    "EventStore",
    "Location",
    "Pipeline",
    "Quote",
    "QuoteList",
    "SeriesList",
    "SeriesPoint",
    "SourceError",
    "Span",
    "StoreBusyError",
    "StoreError",
    "__version__",
    "code",
    "code_many",
    "open",
]


def code(text: str, date: _date | str | None = None) -> EventList:
    """Code one text (an article or a sentence) and return its events.

    ``date`` is the article's publication date (a ``date`` or ``"YYYY-MM-DD"``); events are
    dated relative to it, and undated when it is unknown.
    """
    from dyad.pipeline import default_pipeline
    from dyad.session import as_date

    return EventList(default_pipeline().code(text, as_date(date)))


def _article(item: Article | str) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(id=f"text-{Article(id='', text=item).content_hash[:12]}", text=item)
    raise TypeError(f"code_many takes Article records or strings, not {type(item).__name__}")


def _chunks(items: _Iterable[Article], size: int) -> _Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(_islice(it, size)):
        yield chunk


def _load_worker() -> None:
    """Each worker loads the pipeline once, before its first chunk."""
    from dyad._workers import exit_with_parent
    from dyad.pipeline import default_pipeline

    exit_with_parent()
    default_pipeline()


def _code_chunk(chunk: list[Article]) -> list[CodedArticle]:
    from dyad.pipeline import default_pipeline

    return list(default_pipeline().code_articles(chunk))


def code_many(
    items: _Iterable[Article | str], workers: int = 1, chunk_size: int = 32
) -> list[CodedArticle]:
    """Code many articles (``Article`` records or plain strings, which are undated), in
    order. One process parses in batches; ``workers > 1`` spreads chunks of ``chunk_size``
    articles over that many processes, each loading the pipeline once."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    articles = (_article(i) for i in items)
    if workers == 1:
        from dyad.pipeline import default_pipeline

        return list(default_pipeline().code_articles(articles))
    out: list[CodedArticle] = []
    with _ProcessPoolExecutor(max_workers=workers, initializer=_load_worker) as pool:
        for coded in pool.map(_code_chunk, _chunks(articles, chunk_size)):
            out.extend(coded)
    return out


def open(url: str | None = None) -> EventStore:
    """Open the store at ``url`` (any SQLAlchemy URL or a SQLite file path; else ``$DYAD_DB``,
    else the user's store), creating it if needed."""
    return EventStore(url)
