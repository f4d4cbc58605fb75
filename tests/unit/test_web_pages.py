"""The dashboard's pages rendered by the app (no browser, no model): a store with events
built by hand, read through FastAPI's TestClient."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.store import Store
from dyad.web import routes
from tests.unit.test_store_summaries import BEIJING, _article


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    rows = [
        ("CHN", "JPN", "THREATEN", "130", 3, -4.4, date(2024, 1, d), BEIJING) for d in (1, 2, 3)
    ]
    rows.append(("JPN", "CHN", "REJECT", "120", 3, -4.0, date(2024, 1, 4), None))
    coded = _article("a<1>", date(2024, 1, 5), rows)
    article = replace(coded.article, title="<i>t</i>", url="javascript:alert(1)")
    coded = replace(coded, article=article)
    with Store(store_url) as s:
        s.add([coded])
    with TestClient(create_app(store_url)) as c:
        yield c


def test_pages_render_and_keep_the_rest_api(client: TestClient) -> None:
    for path in ("/", "/ui/dyad/CHN/JPN", "/ui/actor/CHN", "/ui/map", "/ui/article/a%3C1%3E"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/events").json()["total"] == 4
    assert client.get("/health").json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    assert not any(p.startswith("/ui") or p == "/" for p in paths)
    js = client.get("/ui/plotly.min.js")
    assert js.status_code == 200 and b"plotly.js" in js.content[:200]
    assert client.get("/ui/static/topojson/world_110m.json").json()["type"] == "Topology"


def test_stored_strings_are_escaped_and_bad_urls_not_linked(client: TestClient) -> None:
    html = client.get("/ui/article/a%3C1%3E").text
    assert "<i>t</i>" not in html and "&lt;i&gt;t&lt;/i&gt;" in html
    assert "a&lt;1&gt;" in html and "a<1>" not in html
    assert "javascript:" not in html


def test_dyad_filters_and_paging(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    html = client.get("/ui/dyad/chn/jpn?type=REJECT").text
    assert len(re.findall(r'<tr class="q\d" data-type="REJECT"', html)) == 1
    assert 'data-type="THREATEN"' not in html
    monkeypatch.setattr(routes, "PAGE", 3)
    first = client.get("/ui/dyad/CHN/JPN").text
    assert first.count('data-type="') == 3 and 'rel="next" href="/ui/dyad/CHN/JPN?page=2"' in first
    second = client.get("/ui/dyad/CHN/JPN?page=2").text
    assert second.count('data-type="') == 1 and 'rel="prev"' in second
    assert 'rel="next"' not in second


def test_problems_are_pages_with_a_status(client: TestClient) -> None:
    r = client.get("/ui/dyad/CHN/JPN?interval=year")
    assert r.status_code == 400 and "interval" in r.text
    assert client.get("/ui/article/nope").status_code == 404
    assert client.get("/ui/dyad/CHINA/JPN").status_code == 404
    r = client.get("/ui/dyad?a=chn&b=jpn", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/dyad/CHN/JPN"
