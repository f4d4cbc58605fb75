"""Security: the API key guards writes (compared in constant time), filters are bound
parameters, stored text comes back as data, bodies are bounded, and ``dyad serve`` stays on
loopback unless told otherwise."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from dyad.api import create_app
from dyad.cli import app as cli
from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.store import Store
from dyad.store.schema import ArticleRow, EventRow, MentionRow, QuoteRow
from dyad.types import Article
from tests.conftest import EXAMPLES
from tests.integration.xss import HTML_PAGES, PAYLOADS, assert_escaped

pytestmark = pytest.mark.model
KEY = "security-key-1"
INJECTIONS = (
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    '" OR ""="',
    "1) OR (1=1",
    "CHN' UNION SELECT text FROM articles --",
    "%' OR 1=1 --",
    "\\'; DELETE FROM articles WHERE 1=1; --",
)


@pytest.fixture
def ingested(store_url: str, pipeline: Pipeline) -> str:
    articles = [a for a in read_paths(sorted(EXAMPLES.glob("*.txt"))) if isinstance(a, Article)]
    with Store(store_url) as store:
        ingest_articles(store, articles, pipeline=pipeline)
    return store_url


@pytest.fixture
def client(ingested: str) -> Iterator[TestClient]:
    with TestClient(create_app(ingested, api_key=KEY)) as c:
        yield c


def _counts(url: str) -> dict[str, int]:
    with Store(url) as store, Session(store.engine) as s:
        return {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0
            for t in (ArticleRow, EventRow, MentionRow, QuoteRow)
        }


def test_writes_need_the_key_compared_in_constant_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[Any, Any]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    article = {
        "id": "sec-1",
        "text": "Chile thanked Argentina for the rescue.",
        "date": "2024-01-02",
    }
    for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY[:-1]}, {"X-API-Key": KEY + "x"}):
        r = client.post("/articles", json=article, headers=headers)
        assert r.status_code == 401, r.text
    assert len(compared) == 3  # every key given went through compare_digest
    assert client.get("/articles/sec-1").status_code == 404
    r = client.post("/articles", json=article, headers={"X-API-Key": KEY})
    assert r.status_code == 200 and r.json()["added"] == 1


def _query_params(client: TestClient) -> dict[str, list[str]]:
    """Every query parameter of every GET listing, from the OpenAPI schema (so a filter added
    later is tried too)."""
    out: dict[str, list[str]] = {}
    for path, ops in client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        get = ops.get("get")
        if get:
            out[path] = [p["name"] for p in get.get("parameters", []) if p["in"] == "query"]
    return out


def test_sql_injection_in_every_filter_is_just_a_value(client: TestClient, ingested: str) -> None:
    before = _counts(ingested)
    params = _query_params(client)
    assert {"type", "country", "q", "actor", "since"} <= set(params["/events"])
    tried = 0
    for path, names in params.items():
        url = path.format(a="CHN", b="JPN", event_id="x", article_id="x")
        for name in names:
            for attack in INJECTIONS:
                r = client.get(url, params={name: attack})
                tried += 1
                assert r.status_code in (200, 404, 422), (path, name, attack, r.text)
                if r.status_code == 200 and path == "/events":
                    assert r.json()["total"] == 0 or name in ("sort", "unresolved"), (name, attack)
    for attack in INJECTIONS:  # in path segments too
        assert client.get(f"/events/{attack}").status_code in (404, 422)
        assert client.get(f"/articles/{attack}").status_code == 404
        assert client.get(f"/dyads/{attack}/JPN/series").status_code in (404, 422)
    assert tried > 100
    assert _counts(ingested) == before


def test_stored_hostile_text_comes_back_as_data(client: TestClient) -> None:
    # Dated and placed, so that its events reach every dashboard page (the map too).
    text = "China warned Japan in Beijing. " + " ".join(PAYLOADS) + " Japan accused China."
    article = {
        "id": PAYLOADS[1],
        "text": text,
        "title": PAYLOADS[0],
        "source": PAYLOADS[2],
        "date": "2021-08-19",
    }
    r = client.post("/articles", json=article, headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text
    got = client.get(f"/articles/{PAYLOADS[1]}")
    assert got.headers["content-type"] == "application/json"
    body = got.json()["article"]
    assert (body["id"], body["text"], body["title"], body["source"]) == (
        PAYLOADS[1],
        text,
        PAYLOADS[0],
        PAYLOADS[2],
    )
    events = client.get("/events", params={"q": "<script>", "temporal": "all"})
    assert events.headers["content-type"] == "application/json"
    coded = got.json()["events"]
    assert coded, "the hostile article must yield events, or the dashboard pages show nothing"
    ids = {
        "article": PAYLOADS[1],
        "actor": coded[0]["actor"]["code"],
        "recipient": coded[0]["recipient"]["code"],
    }
    assert {ids["actor"], ids["recipient"]} == {"CHN", "JPN"}
    pages = [page(client, ids) for page in HTML_PAGES]
    for html in pages:
        assert_escaped(html)
    # The pages did show the hostile text, as text: the article page all of it, and the
    # dyad, actor and map pages its id or evidence (the article is linked from its events).
    shown = [str(escape(p)) for p in PAYLOADS if not p.startswith("javascript:")]
    article_page = pages[-1]
    assert all(s in article_page for s in shown), "the article page lost the hostile text"
    assert str(escape(PAYLOADS[1])) in pages[1] and str(escape(PAYLOADS[1])) in pages[2]


def test_json_body_over_the_limit_is_413(ingested: str) -> None:
    with TestClient(create_app(ingested, api_key=KEY, max_body=10_000)) as c:
        big = {"id": "big", "text": "Peru thanked Chile. " * 1_000}
        r = c.post("/articles", json=big, headers={"X-API-Key": KEY})
        assert r.status_code == 413
        r = c.post("/articles", json=big)  # refused before the key is even looked at
        assert r.status_code == 413
        assert c.get("/articles/big").status_code == 404


def test_nul_in_the_url_is_refused(client: TestClient) -> None:
    assert client.get("/events", params={"q": "a\x00b"}).status_code == 400
    assert client.get("/articles/a%00b").status_code == 400


def test_serve_binds_to_loopback_unless_told(
    monkeypatch: pytest.MonkeyPatch, store_url: str
) -> None:
    import uvicorn

    hosts: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port: hosts.append(host))
    r = CliRunner().invoke(cli, ["serve", "--db", store_url])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["serve", "--db", store_url, "--host", "0.0.0.0"])
    assert r.exit_code == 0, r.output
    assert "whoever can reach this port" in r.output
    assert hosts == ["127.0.0.1", "0.0.0.0"]
