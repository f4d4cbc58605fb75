"""dyad: political event data from news text.

>>> import dyad
>>> events = dyad.code("China warned Japan on Thursday.", date="2021-08-19")
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as _date

from dyad.errors import DataFileError, DyadError, EvalError, SourceError, StoreBusyError, StoreError
from dyad.pipeline import CodedArticle, Pipeline
from dyad.types import Actor, Article, Event, Location, Span

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "CodedArticle",
    "DataFileError",
    "DyadError",
    "EvalError",
    "Event",
    "Location",
    "Pipeline",
    "SourceError",
    "Span",
    "StoreBusyError",
    "StoreError",
    "__version__",
    "code",
    "code_many",
]


def _as_date(value: _date | str | None) -> _date | None:
    if value is None or isinstance(value, _date):
        return value
    return _date.fromisoformat(value)


def code(text: str, date: _date | str | None = None) -> list[Event]:
    """Code one text (an article or a sentence) and return its events.

    ``date`` is the article's publication date (a ``date`` or ``"YYYY-MM-DD"``); events are
    dated relative to it, and undated when it is unknown.
    """
    from dyad.pipeline import default_pipeline

    return default_pipeline().code(text, _as_date(date))


def code_many(articles: Iterable[Article]) -> list[CodedArticle]:
    """Code many articles in one batched pass of the parser."""
    from dyad.pipeline import default_pipeline

    return list(default_pipeline().code_articles(articles))
