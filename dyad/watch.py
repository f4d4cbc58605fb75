"""``dyad watch``: follow RSS/Atom feeds, fetch each new item's page, code and store it.

Fetching runs in a thread pool, one task per feed, so a slow or failing host holds up only
its own feed; coding and storing run in the calling thread as each feed's pages arrive (the
spaCy pipeline is not shared between threads). Resuming is safe by order of writes: an
item's article is stored first, the item is marked seen after, and a feed's ETag /
Last-Modified are saved only once all its items are done. A watcher stopped anywhere fetches
again at most what it had not marked, and the article store's text hash drops the repeat.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from dyad.errors import DyadError
from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources.base import Problem
from dyad.sources.feeds import FeedError, FeedItem, parse_feed, read_feed_list
from dyad.sources.fetch import Fetcher, FetchError, page_items
from dyad.store import Store
from dyad.types import Article

__all__ = ["FeedReport", "Watcher", "watch"]


@dataclass
class FeedReport:
    url: str
    #: ``unchanged`` (a 304), ``read``, or ``failed`` (the feed itself could not be read).
    status: str = "read"
    items: int = 0
    new_items: int = 0
    added: int = 0
    duplicates: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class _Gathered:
    """What one feed's fetching task brings back (I/O only, nothing stored yet)."""

    url: str
    report: FeedReport
    etag: str | None = None
    last_modified: str | None = None
    pages: list[tuple[FeedItem, Article | Problem]] = field(default_factory=list)
    #: Some item could not be fetched (to retry): keep the old validators.
    incomplete: bool = False


class Watcher:
    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        pipeline: Pipeline | Callable[[], Pipeline] | None = None,
        *,
        workers: int = 4,
        max_new: int = 200,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        #: Built on first use, so a round where nothing changed never loads the model.
        self._pipeline = pipeline
        self.workers = workers
        #: A feed's first read takes at most this many items (newest first, as feeds list).
        self.max_new = max_new

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline()
        elif callable(self._pipeline):
            self._pipeline = self._pipeline()
        return self._pipeline

    def poll(
        self, feeds: Sequence[str], on_feed: Callable[[FeedReport], None] | None = None
    ) -> list[FeedReport]:
        """Read every feed once; each feed's report as it completes."""
        reports: list[FeedReport] = []
        with ThreadPoolExecutor(max_workers=max(1, min(self.workers, len(feeds)))) as pool:
            futures = [pool.submit(self._gather, url) for url in feeds]
            for fut in as_completed(futures):
                report = self._store(fut.result())
                reports.append(report)
                if on_feed:
                    on_feed(report)
        order = {url: i for i, url in enumerate(feeds)}
        return sorted(reports, key=lambda r: order[r.url])

    def _gather(self, url: str) -> _Gathered:
        g = _Gathered(url, FeedReport(url))
        try:
            state = self.store.feed_state(url)
            resp = self.fetcher.get(url, etag=state.etag, last_modified=state.last_modified)
            if resp.not_modified:
                g.report.status = "unchanged"
                return g
            feed = parse_feed(resp.content, where=url)
        except (FetchError, FeedError) as exc:
            g.report.status = "failed"
            g.report.problems.append(str(exc))
            return g
        except Exception as exc:  # a bug or a store error must not kill the other feeds
            g.report.status = "failed"
            g.report.problems.append(f"{url}: {type(exc).__name__}: {exc}")
            return g
        g.etag, g.last_modified = resp.etag, resp.last_modified
        g.report.items = len(feed.items)
        g.report.problems.extend(feed.problems)
        new = [i for i in feed.items if i.key not in state.seen][: self.max_new]
        g.report.new_items = len(new)
        for item in new:
            try:
                page = self.fetcher.get(item.link)
            except FetchError as exc:
                if exc.permanent:  # gone or refused: done, like a page with no article
                    why = str(exc).removeprefix(f"{item.link}: ")
                    g.pages.append((item, Problem(item.link, why)))
                else:  # to try again next round
                    g.report.problems.append(f"{url}: item {item.link}: {exc}")
                    g.incomplete = True
                continue
            for got in page_items(
                page, article_id=item.link, title=item.title, default_date=item.published
            ):
                g.pages.append((item, got))
        return g

    def _store(self, g: _Gathered) -> FeedReport:
        if g.report.status != "read":
            if g.report.status == "failed":
                self._safely(
                    g,
                    lambda: self.store.save_feed(
                        g.url,
                        etag=None,
                        last_modified=None,
                        error=g.report.problems[-1],
                        keep_validators=True,
                    ),
                )
            return g.report
        articles = [a for _, a in g.pages if isinstance(a, Article)]
        for _, a in g.pages:
            if isinstance(a, Problem):
                g.report.problems.append(str(a))

        def work() -> None:
            if articles:
                result = ingest_articles(self.store, articles, pipeline=self.pipeline)
                g.report.added += result.added
                g.report.duplicates += result.duplicates
                g.report.events += result.events
            # Stored; now (and only now) the items are done. A broken page is done too: it
            # would be as broken on the next poll.
            self.store.mark_seen(
                g.url,
                [
                    (item.key, item.link, a.content_hash if isinstance(a, Article) else None)
                    for item, a in g.pages
                ],
            )
            self.store.save_feed(
                g.url,
                etag=g.etag,
                last_modified=g.last_modified,
                keep_validators=g.incomplete,
            )

        self._safely(g, work)
        return g.report

    def _safely(self, g: _Gathered, work: Callable[[], None]) -> None:
        try:
            work()
        except DyadError as exc:
            g.report.status = "failed"
            g.report.problems.append(f"{g.url}: {exc}")


def watch(
    feed_list: Path,
    watcher: Watcher,
    *,
    every: float = 900.0,
    once: bool = False,
    on_feed: Callable[[FeedReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[FeedReport]:
    """Poll the feeds in ``feed_list`` every ``every`` seconds (the list is read again each
    round, so edits take effect without a restart); once with ``once``. Returns the last
    round's reports."""
    while True:
        started = time.monotonic()
        reports = watcher.poll(read_feed_list(feed_list), on_feed)
        if once:
            return reports
        sleep(max(0.0, every - (time.monotonic() - started)))
