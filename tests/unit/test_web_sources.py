"""Web inputs: HTML pages, WARC archives, RSS/Atom feeds, the feed list, the fetcher."""

from __future__ import annotations

import io
import re
import time
from datetime import date
from pathlib import Path

import pytest

from dyad.errors import SourceError
from dyad.sources import Problem, read_path
from dyad.sources.feeds import FeedError, parse_feed, read_feed_list
from dyad.sources.fetch import USER_AGENT, Fetcher, FetchError, read_urls
from dyad.types import Article
from tests.webserver import Route, Site, serve

WEB = Path(__file__).resolve().parent.parent / "data" / "web"


def _page(name: str) -> bytes:
    return (WEB / name).read_bytes()


def test_html_file_gives_text_title_and_date_without_boilerplate() -> None:
    [art] = list(read_path(WEB / "vietnam-protests-china.html"))
    assert isinstance(art, Article)
    assert art.title == "Vietnam protests Chinese coast guard action near Paracels"
    assert art.date == date(2024, 5, 2)
    assert art.text.startswith(art.title)
    assert "fired water cannon at two Vietnamese fishing boats" in art.text
    assert "rejected the protest" in art.text
    for chrome in ("newsletter", "Cookie", "Sport"):
        assert chrome not in art.text


def test_html_page_without_an_article_is_a_problem() -> None:
    [item] = list(read_path(WEB / "not-an-article.html"))
    assert isinstance(item, Problem)
    assert "not-an-article.html" in str(item) and "no article text" in item.message


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "dyad tests"}))
        for uri, body, kind in (
            ("http://courier.test/vn.html", _page("vietnam-protests-china.html"), "text/html"),
            ("http://courier.test/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
            ("http://wire.test/rs.html", _page("serbia-recalls-envoy.html"), "text/html"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )


def test_warc_response_records_become_articles_with_their_urls(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    _warc(path)
    items = list(read_path(path))
    arts = [i for i in items if isinstance(i, Article)]
    probs = [i for i in items if isinstance(i, Problem)]
    assert [a.url for a in arts] == ["http://courier.test/vn.html", "http://wire.test/rs.html"]
    assert arts[0].id == "http://courier.test/vn.html" and arts[0].source == "courier.test"
    assert arts[1].title == "Serbia recalls ambassador from Kosovo talks"
    assert len(probs) == 1
    assert "logo.png" in probs[0].where and "@" in probs[0].where
    assert "not an HTML response" in probs[0].message and "image/png" in probs[0].message
    # A folder scan finds .warc.gz files too.
    assert len([i for i in read_path(tmp_path) if isinstance(i, Article)]) == 2


def test_broken_warc_records_are_problems_naming_the_offset(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:-300])  # the last record loses its end
    items = list(read_path(cut))
    assert isinstance(items[0], Article)
    last = items[-1]
    assert isinstance(last, Problem) and "<http://wire.test/rs.html>" in last.where
    assert re.search(r"cut\.warc\.gz@\d+ ", last.where) and "truncated" in last.message
    garbled = tmp_path / "garbled.warc.gz"
    garbled.write_bytes(data[:400] + b"garbage" * 20 + data[400:])
    problems = [i for i in read_path(garbled) if isinstance(i, Problem)]
    assert problems and "garbled.warc.gz@" in problems[-1].where
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"<html><p>a page saved under the wrong name</p></html>\n")
    [p] = list(read_path(junk))
    assert isinstance(p, Problem) and "junk.warc@0" in str(p) and "broken WARC" in p.message


def test_rss_and_atom_items() -> None:
    rss = parse_feed(_page("rss.xml"), where="rss")
    assert rss.title == "Harbour Courier: World"
    assert [i.id for i in rss.items] == ["courier-2024-05-02-001", "courier-2024-05-02-002"]
    assert rss.items[0].link == "http://HOST/world/vietnam-protests-china.html"
    assert rss.items[0].published == date(2024, 5, 2)
    atom = parse_feed(_page("atom.xml"), where="atom")
    [entry] = atom.items
    assert entry.id == "urn:northern-wire:2024-05-03:17"
    assert entry.title == "Serbia recalls ambassador from Kosovo talks"
    assert entry.published == date(2024, 5, 3)


def test_malformed_and_non_feeds_are_clear_errors() -> None:
    with pytest.raises(FeedError, match=r"http://x/feed: .*(malformed|not an RSS)"):
        parse_feed(_page("broken-feed.xml"), where="http://x/feed")
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(_page("kenya-ethiopia-trade.html"), where="http://x/page")
    with pytest.raises(FeedError, match="empty feed"):
        parse_feed(b"  ", where="http://x/empty")


def test_feed_list_comments_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "feeds.txt"
    f.write_text(
        "# world desks\nhttp://a.test/rss.xml  # courier\n\nhttps://b.test/atom#x\n"
        "http://a.test/rss.xml\n"
    )
    assert read_feed_list(f) == ["http://a.test/rss.xml", "https://b.test/atom#x"]
    f.write_text("http://a.test/rss.xml\nftp://c.test/feed\n")
    with pytest.raises(SourceError, match=r"feeds.txt:2: not an http\(s\) URL"):
        read_feed_list(f)


def test_fetcher_retries_then_succeeds_and_names_itself() -> None:
    site = Site({"/flaky.html": Route(_page("kenya-ethiopia-trade.html"), fail_first=2)})
    with serve(site), Fetcher(retries=2, backoff=0.01, per_host_interval=0) as f:
        r = f.get(site.url("/flaky.html"))
    assert r.status == 200 and site.hits["/flaky.html"] == 3
    assert set(site.agents) == {USER_AGENT}


def test_fetcher_gives_up_with_a_clear_error() -> None:
    site = Site(
        {
            "/down": Route(b"", fail_first=99),
            "/slow": Route(b"late", delay=1.0),
        }
    )
    with serve(site), Fetcher(timeout=0.2, retries=1, backoff=0.01, per_host_interval=0) as f:
        with pytest.raises(FetchError, match=r"/down: HTTP 503 .*tried 2 times"):
            f.get(site.url("/down"))
        with pytest.raises(FetchError, match=r"/slow: timed out"):
            f.get(site.url("/slow"))
        with pytest.raises(FetchError, match=r"/missing: HTTP 404"):
            f.get(site.url("/missing"))
    assert site.hits["/down"] == 2 and site.hits["/missing"] == 1  # a 404 is not retried


def test_conditional_request_gets_304() -> None:
    site = Site({"/feed": Route(_page("rss.xml"), content_type="application/rss+xml")})
    with serve(site), Fetcher(per_host_interval=0) as f:
        first = f.get(site.url("/feed"))
        again = f.get(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and first.etag
    assert again.not_modified and site.not_modified["/feed"] == 1


def test_per_host_rate_limit_spaces_requests() -> None:
    site = Site({"/p": Route(b"x", content_type="text/plain")})
    with serve(site), Fetcher(per_host_interval=0.15) as f:
        t0 = time.monotonic()
        for _ in range(3):
            f.get(site.url("/p"))
        assert time.monotonic() - t0 >= 0.3


def test_urls_read_as_articles_or_problems() -> None:
    site = Site(
        {
            "/vn.html": Route(_page("vietnam-protests-china.html")),
            "/img.png": Route(b"\x89PNG", content_type="image/png"),
        }
    )
    with serve(site), Fetcher(retries=0, per_host_interval=0) as f:
        items = list(read_urls([site.url(p) for p in ("/vn.html", "/img.png", "/gone.html")], f))
    art, img, gone = items
    assert isinstance(art, Article) and art.url == site.url("/vn.html")
    assert art.source == "127.0.0.1" and art.date == date(2024, 5, 2)
    assert isinstance(img, Problem) and "image/png" in img.message
    assert isinstance(gone, Problem) and gone.where.endswith("/gone.html") and "404" in gone.message


def test_page_charset_from_meta_when_headers_name_none() -> None:
    html = (
        (WEB / "kenya-ethiopia-trade.html")
        .read_text(encoding="utf-8")
        .replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
        .replace("Ruth Wanjiku", "Renée Wanjiku")
    )
    site = Site({"/ke.html": Route(html.encode("latin-1"), content_type="text/html")})
    with serve(site), Fetcher(retries=0, per_host_interval=0) as f:
        [art] = list(read_urls([site.url("/ke.html")], f))
    assert isinstance(art, Article) and "Trade Minister Renée Wanjiku said" in art.text
