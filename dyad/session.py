"""The store as an analyst meets it in a notebook: keyword filters, typed record lists,
DataFrames on request. A thin layer over :class:`dyad.store.Store`."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from dyad.ingest import IngestResult, ingest_articles
from dyad.pipeline import CodedArticle, Pipeline, default_pipeline
from dyad.records import EventList, QuoteList, SeriesList, SeriesPoint
from dyad.sources import Problem, read_paths
from dyad.store import EventFilter, Store
from dyad.types import Article

__all__ = ["EventStore", "as_date", "temporal_filter"]

Day = date | str | None
TEMPORAL = ("current", "planned", "hypothetical", "historical")


def as_date(value: Day, name: str = "date") -> date | None:
    """A ``date`` from a date or ``"YYYY-MM-DD"``; a clear error otherwise."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: {value!r} is not a date YYYY-MM-DD") from None


def temporal_filter(temporal: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"current"`` (the default), a list of statuses, or ``"all"``/``None`` for every one."""
    if temporal is None or temporal == "all":
        return None
    wanted = (temporal,) if isinstance(temporal, str) else tuple(temporal)
    unknown = [t for t in wanted if t not in TEMPORAL]
    if unknown:
        raise ValueError(f"temporal: {unknown} not among {', '.join(TEMPORAL)} or 'all'")
    return wanted


def _period_start(label: str, interval: str) -> date:
    if interval == "week":
        year, week = label.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if interval == "month":
        return date.fromisoformat(label + "-01")
    return date.fromisoformat(label)


class EventStore:
    """A store opened with :func:`dyad.open`. Close it, or use it in a ``with`` block."""

    def __init__(self, url: str | None = None) -> None:
        self.store = Store(url)

    @property
    def url(self) -> str:
        """The store's URL without a password."""
        return self.store.display_url

    def __repr__(self) -> str:
        return f"<EventStore {self.url}>"

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def ingest(
        self,
        *paths: str | Path,
        date: Day = None,
        pipeline: Pipeline | None = None,
    ) -> IngestResult:
        """Read, code and store files or folders (as ``dyad ingest``); articles already
        stored are skipped. An unreadable input is a warning naming it; the rest go on."""
        articles: list[Article] = []
        for item in read_paths([str(p) for p in paths], as_date(date)):
            if isinstance(item, Problem):
                warnings.warn(f"skipped {item}", stacklevel=2)
            else:
                articles.append(item)
        return ingest_articles(self.store, articles, pipeline=pipeline or default_pipeline())

    def add(self, coded: Iterable[CodedArticle]) -> int:
        """Store articles coded with :func:`dyad.code_many`; returns how many were new."""
        return self.store.add(list(coded)).added

    # -- reading ----------------------------------------------------------------------------
    def _filter(
        self,
        actor: str | None,
        recipient: str | None,
        type: str | None,
        since: Day,
        until: Day,
        temporal: str | Sequence[str] | None,
        unresolved: bool,
        both_ways: bool = False,
    ) -> EventFilter:
        return EventFilter(
            actor=actor,
            recipient=recipient,
            event_type=type,
            since=as_date(since, "since"),
            until=as_date(until, "until"),
            temporal=temporal_filter(temporal),
            resolved=not unresolved,
            both_ways=both_ways,
        )

    def events(
        self,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: Day = None,
        until: Day = None,
        temporal: str | Sequence[str] | None = "current",
        unresolved: bool = False,
        both_ways: bool = False,
        limit: int | None = None,
        order: str = "date",
    ) -> EventList:
        """Stored events, each once with its counts and first report, oldest first.

        Like ``dyad events``: current events with an actor or recipient resolved, unless
        ``temporal`` (``"all"`` or a list of statuses) or ``unresolved=True`` say otherwise.
        ``both_ways`` with an actor and a recipient gives the dyad in both directions;
        ``order`` is ``date``, ``-date`` or ``mentions``."""
        f = self._filter(actor, recipient, type, since, until, temporal, unresolved, both_ways)
        return EventList(self.store.events(f, limit=limit, order=order))

    def count(
        self,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: Day = None,
        until: Day = None,
        temporal: str | Sequence[str] | None = "current",
        unresolved: bool = False,
    ) -> int:
        """How many events :meth:`events` would return, counted in the database."""
        f = self._filter(actor, recipient, type, since, until, temporal, unresolved)
        return self.store.count(f)

    def quotes(
        self,
        speaker: str | None = None,
        kind: str | None = None,
        since: Day = None,
        until: Day = None,
        limit: int | None = None,
        article_id: str | None = None,
    ) -> QuoteList:
        """Stored quotes, oldest article first; ``speaker`` is an actor code, ``kind``
        ``direct`` or ``reported``."""
        return QuoteList(
            self.store.quotes(
                speaker=speaker,
                kind=kind,
                since=as_date(since, "since"),
                until=as_date(until, "until"),
                limit=limit,
                article_id=article_id,
            )
        )

    def series(
        self,
        a: str,
        b: str,
        interval: str = "month",
        type: str | None = None,
        since: Day = None,
        until: Day = None,
        temporal: str | Sequence[str] | None = "current",
    ) -> SeriesList:
        """Events between ``a`` and ``b``, both ways, per ``day``, ``week`` or ``month``:
        counts by direction, quad class and PLOVER type, and the mean Goldstein score.
        Periods without events are left out."""
        f = self._filter(None, None, type, since, until, temporal, False)
        points = SeriesList()
        fwd, back = f"{a.upper()}->{b.upper()}", f"{b.upper()}->{a.upper()}"
        for row in self.store.series(a, b, interval=interval, f=f):
            points.append(
                SeriesPoint(
                    period=_period_start(row["period"], interval),
                    label=row["period"],
                    events=row["events"],
                    a_to_b=row[fwd],
                    b_to_a=row[back] if fwd != back else 0,
                    mean_goldstein=row["mean_goldstein"],
                    by_quad={int(k): v for k, v in row["by_quad"].items()},
                    by_type=dict(row["by_type"]),
                )
            )
        return points

    def article(self, article_id: str) -> CodedArticle | None:
        """A stored article with the events and quotes coded from it (every temporal status,
        resolved or not: what the article says), or None."""
        found = self.store.article(article_id)
        if found is None:
            return None
        art, _copy_of = found
        return CodedArticle(
            art,
            self.store.article_events(article_id),
            quotes=list(self.store.quotes(article_id=article_id)),
        )

    def stats(self, temporal: str | Sequence[str] | None = "current") -> dict[str, Any]:
        """What ``dyad stats --format json`` prints."""
        return self.store.stats(EventFilter(temporal=temporal_filter(temporal)))
