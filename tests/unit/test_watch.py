"""dyad watch against feeds and pages served on 127.0.0.1: new items picked up, unchanged
feeds cost one conditional request, slow or failing hosts do not hold up the others, bad
feeds and pages are named, and a stopped watcher resumes without losing or repeating."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dyad.pipeline import CodedArticle
from dyad.sources.fetch import Fetcher
from dyad.store import Store
from dyad.store.schema import ArticleRow
from dyad.types import Article
from dyad.watch import FeedReport, Watcher
from tests.webserver import Route, Site, serve

WEB = Path(__file__).resolve().parent.parent / "data" / "web"
RSS_PAGES = ("vietnam-protests-china.html", "kenya-ethiopia-trade.html")


class NoEvents:
    """Stands in for the spaCy pipeline where only storing and resuming are tested."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for a in articles:
            if self.fail_on and self.fail_on in a.text:
                raise KeyboardInterrupt  # the watcher is stopped while coding
            yield CodedArticle(a, [])


def _site(feed: str = "rss.xml", pages: Iterable[str] = RSS_PAGES) -> Site:
    site = Site()
    site.routes["/feed"] = Route((WEB / feed).read_bytes(), content_type="application/xml")
    for name in pages:
        folder = "/news/" if feed == "atom.xml" else "/world/"
        site.routes[folder + name] = Route((WEB / name).read_bytes())
    return site


def _bind(site: Site) -> None:
    """Point the feed's links at the server once its port is known."""
    feed = site.routes["/feed"]
    feed.body = feed.body.replace(b"http://HOST", site.base.encode())


def _fetcher(**kw: float) -> Fetcher:
    opts = {"timeout": 2.0, "retries": 1, "backoff": 0.01, "per_host_interval": 0.0} | kw
    return Fetcher(**opts)  # type: ignore[arg-type]


def _urls(store: Store) -> list[str]:
    with Session(store.engine) as s:
        return sorted(u or "" for u in s.scalars(select(ArticleRow.url)))


def test_new_items_then_one_conditional_request(store_url: str) -> None:
    with serve(_site()) as site, Store(store_url) as store, _fetcher() as f:
        _bind(site)
        w = Watcher(store, f, NoEvents())  # type: ignore[arg-type]
        [r] = w.poll([site.url("/feed")])
        assert (r.status, r.items, r.new_items, r.added) == ("read", 2, 2, 2)
        assert _urls(store) == sorted(site.url("/world/" + p) for p in RSS_PAGES)
        hits = dict(site.hits)

        def no_model() -> None:
            raise AssertionError("the model was loaded for an unchanged feed")

        restarted = Watcher(store, f, no_model)  # type: ignore[arg-type]
        [again] = restarted.poll([site.url("/feed")])
        assert again.status == "unchanged" and again.added == 0
        assert site.hits["/feed"] == hits["/feed"] + 1 and site.not_modified["/feed"] == 1
        assert {k: v for k, v in site.hits.items() if k != "/feed"} == {
            k: v for k, v in hits.items() if k != "/feed"
        }

        # A new item: the feed changes, only the new page is fetched.
        site.routes["/world/serbia.html"] = Route((WEB / "serbia-recalls-envoy.html").read_bytes())
        item = (
            b"<item><title>Serbia recalls ambassador</title>"
            b"<link>" + site.url("/world/serbia.html").encode() + b"</link>"
            b"<guid>courier-2024-05-03-001</guid></item></channel>"
        )
        site.routes["/feed"].body = site.routes["/feed"].body.replace(b"</channel>", item)
        [third] = w.poll([site.url("/feed")])
        assert (third.status, third.items, third.new_items, third.added) == ("read", 3, 1, 1)
        assert site.hits["/world/serbia.html"] == 1
        assert all(site.hits["/world/" + p] == 1 for p in RSS_PAGES)
        assert len(_urls(store)) == 3


def test_slow_and_failing_hosts_do_not_stop_the_others(store_url: str) -> None:
    slow, down, good = _site(), _site(), _site("atom.xml", ["serbia-recalls-envoy.html"])
    slow.routes["/feed"].delay = 3.0
    down.routes["/feed"].fail_first = 99
    with (
        serve(slow),
        serve(down),
        serve(good),
        Store(store_url) as store,
        _fetcher(timeout=0.3, retries=1) as f,
    ):
        for s in (slow, down, good):
            _bind(s)
        order: list[FeedReport] = []
        w = Watcher(store, f, NoEvents(), workers=3)  # type: ignore[arg-type]
        t0 = time.monotonic()
        reports = w.poll([slow.url("/feed"), down.url("/feed"), good.url("/feed")], order.append)
        took = time.monotonic() - t0
    by_url = {r.url: r for r in reports}
    assert by_url[good.url("/feed")].added == 1
    assert _urls(store) == [good.url("/news/serbia-recalls-envoy.html")]
    done = [r.url for r in order]
    assert done.index(good.url("/feed")) < done.index(slow.url("/feed"))  # not held up
    assert by_url[slow.url("/feed")].status == "failed"
    assert "timed out" in by_url[slow.url("/feed")].problems[0]
    assert slow.url("/feed") in by_url[slow.url("/feed")].problems[0]
    assert "HTTP 503" in by_url[down.url("/feed")].problems[0]
    assert took < 2.5  # two timeouts of 0.3 s, not the slow host's 3 s


def test_bad_feed_and_bad_pages_are_named(store_url: str) -> None:
    broken = _site("broken-feed.xml", [])
    site = _site()
    site.routes["/world/kenya-ethiopia-trade.html"].body = (
        WEB / "not-an-article.html"
    ).read_bytes()
    del site.routes["/world/vietnam-protests-china.html"]  # a 404
    with serve(broken), serve(site), Store(store_url) as store, _fetcher() as f:
        _bind(broken)
        _bind(site)
        w = Watcher(store, f, NoEvents())  # type: ignore[arg-type]
        bad, ok = w.poll([broken.url("/feed"), site.url("/feed")])
        assert bad.status == "failed" and broken.url("/feed") in bad.problems[0]
        assert "malformed" in bad.problems[0]
        assert ok.status == "read" and ok.added == 0
        [empty] = [p for p in ok.problems if "kenya" in p]
        [gone] = [p for p in ok.problems if "vietnam" in p]
        assert "kenya-ethiopia-trade.html" in empty and "no article text" in empty
        assert "vietnam-protests-china.html: HTTP 404" in gone
        # Both would fail the same way next time: done, not fetched at every poll.
        [again] = w.poll([site.url("/feed")])
        assert again.status == "unchanged"
        assert site.hits["/world/kenya-ethiopia-trade.html"] == 1
        assert site.hits["/world/vietnam-protests-china.html"] == 1


def test_a_failed_page_is_fetched_again_next_poll(store_url: str) -> None:
    site = _site()
    site.routes["/world/kenya-ethiopia-trade.html"].fail_first = 2
    with serve(site), Store(store_url) as store, _fetcher(retries=1) as f:
        _bind(site)
        w = Watcher(store, f, NoEvents())  # type: ignore[arg-type]
        [first] = w.poll([site.url("/feed")])
        assert first.added == 1 and "HTTP 503" in first.problems[0]
        [second] = w.poll([site.url("/feed")])
        assert second.status == "read"  # validators were not saved: the feed is read again
        assert (second.new_items, second.added) == (1, 1)
        assert len(_urls(store)) == 2


@pytest.mark.parametrize("stop", ["while coding", "after storing, before marking"])
def test_stopped_watcher_resumes_exactly_once(
    store_url: str, stop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rss, atom = _site(), _site("atom.xml", ["serbia-recalls-envoy.html"])
    with serve(rss), serve(atom), _fetcher() as f:
        _bind(rss)
        _bind(atom)
        feeds = [rss.url("/feed"), atom.url("/feed")]
        with Store(store_url) as store:
            if stop == "while coding":
                pipeline = NoEvents(fail_on="Kenya and Ethiopia signed")
            else:
                pipeline = NoEvents()

                def crash(*args: object, **kw: object) -> None:
                    raise KeyboardInterrupt

                monkeypatch.setattr(store, "mark_seen", crash)
            w = Watcher(store, f, pipeline, workers=1)  # type: ignore[arg-type]
            with pytest.raises(KeyboardInterrupt):
                w.poll(feeds)
            stored_before = len(_urls(store))
        assert stored_before == (2 if stop != "while coding" else 0)

        with Store(store_url) as store:  # restarted
            w = Watcher(store, f, NoEvents(), workers=1)  # type: ignore[arg-type]
            reports = w.poll(feeds)
            assert sum(r.added for r in reports) == 3 - stored_before
            urls = _urls(store)
            assert len(urls) == len(set(urls)) == 3
            assert all(r.status == "unchanged" for r in w.poll(feeds))
            assert len(_urls(store)) == 3


_CHILD = """
import sys
from dyad.pipeline import CodedArticle
from dyad.sources.fetch import Fetcher
from dyad.store import Store
from dyad.watch import Watcher

class NoEvents:
    def code_articles(self, articles):
        for a in articles:
            yield CodedArticle(a, [])

with Store(sys.argv[1]) as store, Fetcher(per_host_interval=0, retries=0) as f:
    Watcher(store, f, NoEvents(), workers=1).poll(sys.argv[2:])
"""


def test_watcher_killed_mid_run_resumes_exactly_once(store_url: str) -> None:
    """A real kill (SIGKILL) of a watcher process between two feeds' writes, then a restart."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent.parent
    page = (WEB / "vietnam-protests-china.html").read_bytes()
    site = Site()
    feeds: list[str] = []
    for k in range(3):
        items = b""
        for n in range(2):
            path = f"/f{k}/item{n}.html"
            note = f"<p>The coast guard said it logged incident {k}-{n} at the scene.</p>"
            site.routes[path] = Route(page.replace(b"</article>", note.encode() + b"</article>"))
            site.routes[path].delay = 0.3
            items += f"<item><title>t</title><link>LINK{path}</link></item>".encode()
        site.routes[f"/f{k}.xml"] = Route(
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>'
            + items
            + b"</channel></rss>",
            content_type="application/rss+xml",
        )
    with serve(site), Store(store_url) as store:
        for k in range(3):
            feed = site.routes[f"/f{k}.xml"]
            feed.body = feed.body.replace(b"LINK", site.base.encode())
            feeds.append(site.url(f"/f{k}.xml"))
        cmd = [sys.executable, "-c", _CHILD, store_url, *feeds]
        child = subprocess.Popen(cmd, cwd=root)
        deadline = time.monotonic() + 120
        while not _urls(store) and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        child.kill()
        child.wait()
        stored = len(_urls(store))
        assert 0 < stored < 6, "the kill did not fall mid-run"
        with _fetcher() as f:  # restarted (in this process: one slow interpreter start is enough)
            Watcher(store, f, NoEvents(), workers=1).poll(feeds)  # type: ignore[arg-type]
        urls = _urls(store)
        assert len(urls) == len(set(urls)) == 6
    assert all(site.hits[f"/f{k}/item{n}.html"] <= 2 for k in range(3) for n in range(2))
