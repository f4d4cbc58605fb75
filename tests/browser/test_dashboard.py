"""The dashboard in a real browser: Debian's /usr/bin/chromium driven by Playwright (never a
browser Playwright downloads), headless, against `dyad serve` on loopback with the examples
ingested (once for this module) and one article whose text holds a <script> element. Every
request the browser makes must stay on 127.0.0.1."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Request,
    Route,
    sync_playwright,
)

from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.store import Store
from dyad.types import Article
from tests.conftest import EXAMPLES

pytestmark = [pytest.mark.model, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHINA_JAPAN = "2023-06-12_east-china-sea-patrols"
SCRIPT_ID = "script-in-text"
SCRIPT_TEXT = (
    "China warned Japan on Monday about a page that ran <script>alert(1)</script> "
    "and an <img src=x onerror=alert(2)> tag."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _fresh_store_url(tmp: Path) -> str:
    """A SQLite file, or the PostgreSQL test database emptied (as tests/conftest.py does)."""
    url = os.environ.get("DYAD_TEST_DB")
    if not url:
        return f"sqlite:///{tmp / 'dash.sqlite'}"
    from sqlalchemy import create_engine, text

    from dyad.store import resolve_url

    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[str]:
    """`dyad serve` on a free loopback port over a store with the examples ingested."""
    tmp = tmp_path_factory.mktemp("dash")
    url = _fresh_store_url(tmp)
    articles = [a for a in read_paths(sorted(EXAMPLES.glob("*.txt"))) if isinstance(a, Article)]
    articles.append(
        Article(
            id=SCRIPT_ID,
            text=SCRIPT_TEXT,
            title="<b>not bold</b>",
            date=date(2024, 6, 3),
            url="javascript:alert(3)",
        )
    )
    with Store(url) as store:
        ingest_articles(store, articles, pipeline=pipeline)
    port = _free_port()
    dyad = Path(sys.executable).with_name("dyad")
    proc = subprocess.Popen(
        [str(dyad), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "DYAD_API_KEY": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"dyad serve did not start: {err[-2000:]}")
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Watch:
    """What the browser did that a test must not see: console errors, uncaught errors,
    dialogs (an alert would mean stored text ran as script), requests off loopback."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        assert not self.outside, self.outside


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `.ci/run` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context: BrowserContext, server: str) -> Iterator[tuple[Page, Watch]]:
    watch = Watch()

    def guard(route: Route, request: Request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith("data:") or host == "127.0.0.1":
            route.continue_()
        else:
            watch.outside.append(request.url)
            route.abort()

    def console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            watch.errors.append(msg.text)

    def dialog(d: Dialog) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    browser_context.route("**/*", guard)
    pg = browser_context.new_page()
    pg.on("console", console)
    pg.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    pg.on("dialog", dialog)
    yield pg, watch
    pg.close()
    browser_context.unroute("**/*")


def _drawn(pg: Page, n: int) -> None:
    """Wait until ``n`` charts are drawn by plotly."""
    if n:
        pg.locator(".chart[data-drawn]").nth(n - 1).wait_for(timeout=20000)


PAGES = [
    ("/", 2),
    ("/ui/dyad/CHN/JPN", 1),
    ("/ui/actor/CHN", 2),
    ("/ui/map", 1),
    (f"/ui/article/{CHINA_JAPAN}", 0),
    (f"/ui/article/{SCRIPT_ID}", 0),
]


def test_every_page_loads_without_console_errors(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    for path, charts in PAGES:
        response = pg.goto(server + path)
        assert response is not None and response.status == 200, path
        _drawn(pg, charts)
        assert pg.locator(".chart:not([data-drawn])").count() == 0, path
    # The map drew the world outline from the bundled topojson, not from a CDN.
    pg.goto(server + "/ui/map")
    _drawn(pg, 1)
    assert pg.locator("#map g.layer.countries path").count() > 0
    assert pg.locator("#map .scattergeo path.point").count() > 0
    watch.clean()


def test_bad_filters_and_unknown_pages_say_what_is_wrong(
    page: tuple[Page, Watch], server: str
) -> None:
    pg, _ = page
    r = pg.goto(server + "/?since=2024-13-01")
    assert r is not None and r.status == 400
    assert "since" in pg.locator("#problem").inner_text()
    r = pg.goto(server + "/ui/article/no-such-article")
    assert r is not None and r.status == 404
    assert "no-such-article" in pg.locator("#problem").inner_text()


def _rows(pg: Page) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = pg.eval_on_selector_all(
        "#events tbody tr",
        """rows => rows.map(r => ({type: r.dataset.type, who: r.cells[2].innerText,
             sentence: r.cells[3].innerText,
             trigger: (r.querySelector('.sentence mark.trigger') || {}).innerText || ''}))""",
    )
    return rows


def test_clicking_a_dyad_opens_its_timeline_and_events(
    page: tuple[Page, Watch], server: str
) -> None:
    pg, watch = page
    pg.goto(server + "/")
    _drawn(pg, 2)
    pg.locator("#top-dyads a", has_text="CHN ⇄ JPN").click()
    pg.wait_for_url(re.compile(r"/ui/dyad/CHN/JPN"))
    _drawn(pg, 1)
    # Bars of the timeline and the Goldstein line are drawn.
    assert pg.locator("#timeline g.trace.bars path").count() > 0
    assert pg.locator("#timeline g.trace.scatter path.js-line").count() == 1
    rows = _rows(pg)
    assert rows
    for row in rows:
        assert set(re.findall(r"[A-Z]{3}", row["who"])) == {"CHN", "JPN"}, row
        assert row["trigger"] and row["trigger"] in row["sentence"]
    # "China warned Japan on Monday against sending more coast guard ships ..."
    assert any(r["type"] == "THREATEN" and r["trigger"] == "warned" for r in rows)
    watch.clean()


def test_a_filter_changes_the_table_and_the_url(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(server + "/ui/dyad/CHN/JPN")
    before = _rows(pg)
    assert {r["type"] for r in before} > {"THREATEN"}
    pg.locator("details.types summary").click()
    pg.locator("input[name=type][value=THREATEN]").check()
    pg.locator("#filters button[type=submit]").click()
    pg.wait_for_url(re.compile(r"type=THREATEN"))
    query = parse_qs(urlsplit(pg.url).query)
    assert query["type"] == ["THREATEN"]
    after = _rows(pg)
    assert after and len(after) < len(before)
    assert {r["type"] for r in after} == {"THREATEN"}
    assert pg.locator("#event-count").inner_text().startswith(f"{len(after)} event")
    # The filter is in the URL: opening it afresh shows the same table, and links keep it.
    pg.goto(pg.url)
    assert _rows(pg) == after
    href = pg.locator("a", has_text="swap").get_attribute("href")
    assert href and "type=THREATEN" in href
    watch.clean()


def test_an_article_shows_its_events_highlighted(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/ui/article/{CHINA_JAPAN}")
    marks = pg.eval_on_selector_all(
        "#article-text mark.trigger", "ms => ms.map(m => [m.innerText, m.className, m.id])"
    )
    texts = [t for t, _, _ in marks]
    # "China warned Japan", "accused Japan of provoking", "China deployed four vessels"
    for word in ("warned", "accused", "deployed"):
        assert word in texts, texts
    assert any(t == "warned" and "q3" in c for t, c, _ in marks)  # verbal conflict
    assert any(t == "deployed" and "q4" in c for t, c, _ in marks)  # material conflict
    quotes = pg.locator("#article-text span.quote").all_inner_texts()
    assert any("Japan must stop these dangerous patrols" in q for q in quotes)
    # Each coded event beside the text links to its mark.
    coded = pg.locator("#coding li a")
    assert coded.count() >= 3
    first = coded.first.get_attribute("href")
    assert first and pg.locator(f"#article-text mark{first}").count() == 1
    watch.clean()


def test_a_script_in_a_stored_article_is_shown_as_text(
    page: tuple[Page, Watch], server: str
) -> None:
    pg, watch = page
    pg.goto(f"{server}/ui/article/{SCRIPT_ID}")
    pg.wait_for_timeout(300)
    body = pg.locator("#article-text")
    assert "<script>alert(1)</script>" in body.inner_text()
    assert "<img src=x onerror=alert(2)>" in body.inner_text()
    assert body.locator("script, img").count() == 0
    assert pg.locator("h1").inner_text() == "<b>not bold</b>"
    assert pg.locator("h1 b").count() == 0
    # It is coded like any article (China warned Japan), and listed with its sentence.
    assert pg.locator("#article-text mark.trigger").count() >= 1
    pg.goto(f"{server}/ui/dyad/CHN/JPN")
    assert any("<script>alert(1)</script>" in r["sentence"] for r in _rows(pg))
    assert pg.locator("#events script").count() == 0
    watch.clean()


def test_pages_fit_a_phone_screen(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.set_viewport_size({"width": 390, "height": 844})
    for path, charts in PAGES:
        pg.goto(server + path)
        _drawn(pg, charts)
        width = pg.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width[0] <= width[1], (path, width)
    watch.clean()
