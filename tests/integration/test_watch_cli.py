"""dyad watch and dyad ingest over HTTP and WARC, end to end with the real coder."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.store import EventFilter, Store
from tests.webserver import Route, Site, serve

pytestmark = pytest.mark.model
WEB = Path(__file__).resolve().parent.parent / "data" / "web"


def _site() -> Site:
    site = Site()
    site.routes["/rss.xml"] = Route((WEB / "rss.xml").read_bytes(), "application/rss+xml")
    for name in ("vietnam-protests-china.html", "kenya-ethiopia-trade.html"):
        site.routes["/world/" + name] = Route((WEB / name).read_bytes())
    return site


def test_watch_once_codes_feed_articles_and_resumes(store_url: str, tmp_path: Path) -> None:
    with serve(_site()) as site:
        feed = site.routes["/rss.xml"]
        feed.body = feed.body.replace(b"http://HOST", site.base.encode())
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"# test desk\n{site.url('/rss.xml')}\n")
        args = ["watch", str(feeds), "--once", "--db", store_url, "--per-host", "0"]
        first = CliRunner().invoke(app, args)
        assert first.exit_code == 0, first.output
        assert "2 new item(s), 2 article(s) stored" in first.stderr
        again = CliRunner().invoke(app, args)
        assert again.exit_code == 0 and "unchanged" in again.stderr
    with Store(store_url) as store:
        assert store.stats()["articles"] == 2
        # "Vietnam protested on Thursday against China ..." (the first page's lead).
        vn = list(store.events(EventFilter(actor="VNM", recipient="CHN")))
        assert vn and all(
            e.source_url == site.url("/world/vietnam-protests-china.html") for e in vn
        )


def test_ingest_urls_and_warc(store_url: str, tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = (WEB / "serbia-recalls-envoy.html").read_bytes()
        w.write_record(
            w.create_warc_record(
                "http://wire.test/serbia.html",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
    with serve(_site()) as site:
        r = CliRunner().invoke(
            app,
            [
                "ingest",
                site.url("/world/kenya-ethiopia-trade.html"),
                site.url("/world/missing.html"),
                str(warc),
                "--db",
                store_url,
            ],
        )
    assert r.exit_code == 1, r.output  # the missing page is reported and counted
    assert "missing.html: HTTP 404" in r.stderr and "1 input(s) skipped" in r.stderr
    with Store(store_url) as store:
        assert store.stats()["articles"] == 2
        rs = list(store.events(EventFilter(actor="SRB")))
        assert rs and rs[0].source_url == "http://wire.test/serbia.html"
