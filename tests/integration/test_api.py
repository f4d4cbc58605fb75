"""The REST API end to end: the bundled examples ingested into a real store (SQLite, or the
PostgreSQL test database), read and written through FastAPI's TestClient."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dyad.api import create_app
from dyad.cli import app as cli
from dyad.errors import StoreBusyError
from dyad.ingest import ingest_articles
from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.store import Store
from dyad.types import Article
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model

KEY = "test-key-1"
CHINA_JAPAN = "2023-06-12_east-china-sea-patrols"
NEW_ARTICLE = {
    "id": "api-post-1",
    "text": "Germany condemned Russia on Monday over the missile attack on Kyiv.",
    "date": "2024-06-03",
    "title": "Germany condemns Russia",
    "source": "test wire",
}


@pytest.fixture
def ingested(store_url: str, pipeline: Pipeline) -> str:
    """The store with every example article in it."""
    articles = [a for a in read_paths(sorted(EXAMPLES.glob("*.txt"))) if isinstance(a, Article)]
    assert len(articles) == len(list(EXAMPLES.glob("*.txt")))
    with Store(store_url) as store:
        ingest_articles(store, articles, pipeline=pipeline)
    return store_url


@pytest.fixture
def client(ingested: str) -> Iterator[TestClient]:
    with TestClient(create_app(ingested, api_key=KEY)) as c:
        yield c


def _events(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert body["total"] == len(body["events"])
    return body


def _code(side: dict[str, Any] | None) -> str | None:
    return side["code"] if side else None


def _field_of(r: Any) -> list[Any]:
    """The fields a 422 names (last element of each error's location)."""
    assert r.status_code == 422, r.text
    return [e["loc"][-1] for e in r.json()["detail"]]


# -- reading ------------------------------------------------------------------------------------
def test_health(client: TestClient, ingested: str) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    h = r.json()
    assert h["status"] == "ok"
    assert h["articles"] == len(list(EXAMPLES.glob("*.txt")))
    assert h["events"] == client.get("/events").json()["total"] > 0
    with Store(ingested) as store:
        assert h["store"] == store.display_url


def test_openapi_has_title_version_and_tags(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "dyad" and spec["info"]["version"]
    tags = {t for path in spec["paths"].values() for op in path.values() for t in op["tags"]}
    assert {"health", "events", "dyads", "actors", "articles", "quotes"} <= tags
    assert client.get("/docs").status_code == 200


def test_events_default_is_current_and_resolved(client: TestClient) -> None:
    body = _events(client)
    assert body["events"]
    for e in body["events"]:
        assert e["temporal"] == "current"
        assert _code(e["actor"]) or _code(e["recipient"])
    more = _events(client, unresolved="true")
    assert more["total"] > body["total"]
    assert any(not _code(e["actor"]) and not _code(e["recipient"]) for e in more["events"])


def test_events_actor_and_recipient(client: TestClient) -> None:
    body = _events(client, actor="chn", recipient="JPN")
    assert body["events"]
    assert all(
        _code(e["actor"]) == "CHN" and _code(e["recipient"]) == "JPN" for e in body["events"]
    )
    # "China warned Japan on Monday against sending more coast guard ships"
    assert any(
        e["article_id"] == CHINA_JAPAN and e["event_type"] == "THREATEN" for e in body["events"]
    )
    only_actor = _events(client, actor="CHN")
    assert all(_code(e["actor"]) == "CHN" for e in only_actor["events"])
    assert only_actor["total"] > body["total"]


def test_events_dyad_both_directions(client: TestClient) -> None:
    body = _events(client, dyad="CHN-JPN")
    pairs = {(_code(e["actor"]), _code(e["recipient"])) for e in body["events"]}
    assert pairs == {("CHN", "JPN"), ("JPN", "CHN")}
    one = _events(client, actor="CHN", recipient="JPN")["total"]
    other = _events(client, actor="JPN", recipient="CHN")["total"]
    assert body["total"] == one + other
    assert _events(client, dyad="jpn-chn")["total"] == body["total"]
    # Either the dyad or actor/recipient, not both.
    assert _field_of(client.get("/events", params={"dyad": "CHN-JPN", "actor": "CHN"})) == ["dyad"]


def test_events_type_cameo_root_and_quad(client: TestClient) -> None:
    assaults = _events(client, type="assault")
    assert assaults["events"] and all(e["event_type"] == "ASSAULT" for e in assaults["events"])
    # "Russia attacked the Ukrainian port of Odesa with drones and missiles"
    assert any(
        (_code(e["actor"]), _code(e["recipient"])) == ("RUS", "UKR") for e in assaults["events"]
    )
    consult = _events(client, cameo_root="4")
    assert consult["events"] and all(e["cameo_root"] == "04" for e in consult["events"])
    material = _events(client, quad=4)
    assert material["events"] and all(e["quad_class"] == 4 for e in material["events"])
    both = _events(client, type="ASSAULT", quad=4)
    assert both["total"] == assaults["total"]


def test_events_temporal(client: TestClient) -> None:
    planned = _events(client, temporal="planned")
    # "The two ministers will meet again in Tokyo next month"
    assert planned["events"] and all(e["temporal"] == "planned" for e in planned["events"])
    comma = _events(client, temporal="planned,hypothetical")
    repeated = client.get(
        "/events", params=[("temporal", "planned"), ("temporal", "hypothetical"), ("limit", 500)]
    ).json()
    assert comma["total"] == repeated["total"] >= planned["total"]
    assert {e["temporal"] for e in comma["events"]} <= {"planned", "hypothetical"}
    every = _events(client, temporal="all", unresolved="true")
    assert {"current", "planned", "historical"} <= {e["temporal"] for e in every["events"]}
    assert _field_of(client.get("/events", params={"temporal": "someday"})) == ["temporal"]


def test_events_dates_country_and_text(client: TestClient) -> None:
    body = _events(client, since="2024-01-01", until="2024-03-31")
    assert body["events"]
    assert all("2024-01-01" <= e["date"] <= "2024-03-31" for e in body["events"])
    assert _events(client, since="2024-03-31", until="2024-03-31")["total"] == 0
    # Protests and arrests in Lima are placed in Peru.
    peru = _events(client, country="per")
    assert peru["events"] and all(e["location"]["country_code"] == "PER" for e in peru["events"])
    odesa = _events(client, q="Odesa")
    assert odesa["events"]
    for e in odesa["events"]:
        mentions = client.get(f"/events/{e['id']}").json()["mentions"]
        assert any("odesa" in m["sentence"].lower() for m in mentions)


def test_pagination_is_consistent(client: TestClient) -> None:
    total = client.get("/events").json()["total"]
    assert total > 25
    seen: list[str] = []
    for offset in range(0, total + 10, 10):
        page = client.get("/events", params={"limit": 10, "offset": offset}).json()
        assert page["total"] == total and page["limit"] == 10 and page["offset"] == offset
        assert len(page["events"]) == max(0, min(10, total - offset))
        seen += [e["id"] for e in page["events"]]
    assert len(seen) == total == len(set(seen))
    assert seen == [e["id"] for e in _events(client)["events"]]


def test_sort(client: TestClient) -> None:
    dates = [e["date"] for e in _events(client, sort="date")["events"]]
    assert dates == sorted(dates)
    newest = [e["date"] for e in _events(client, sort="-date")["events"]]
    assert newest == sorted(newest, reverse=True)
    counts = [e["num_mentions"] for e in _events(client, sort="mentions")["events"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    assert _field_of(client.get("/events", params={"sort": "actor"})) == ["sort"]


def test_event_with_mentions_and_unknown_id(client: TestClient) -> None:
    # The headline and the first sentence both report the US sanctions on Iran.
    [e] = [
        e
        for e in _events(client, actor="USA", recipient="IRN", type="SANCTION")["events"]
        if e["num_mentions"] > 1
    ]
    r = client.get(f"/events/{e['id']}")
    assert r.status_code == 200
    got = r.json()
    assert {k: v for k, v in got.items() if k != "mentions"} == e
    assert len(got["mentions"]) == e["num_mentions"]
    assert all(m["event_id"] == e["id"] for m in got["mentions"])
    assert {m["article_id"] for m in got["mentions"]} == {"2023-08-01_us-sanctions-iran-drones"}
    missing = client.get("/events/0000000000000000")
    assert missing.status_code == 404 and "0000000000000000" in missing.json()["detail"]


def test_dyad_series_adds_up(client: TestClient) -> None:
    total = client.get("/events", params={"dyad": "CHN-JPN"}).json()["total"]
    for interval in ("day", "week", "month"):
        r = client.get("/dyads/CHN/JPN/series", params={"interval": interval})
        assert r.status_code == 200, r.text
        body = r.json()
        assert (body["actor"], body["recipient"], body["interval"]) == ("CHN", "JPN", interval)
        periods = [p["period"] for p in body["series"]]
        assert periods == sorted(periods) and len(set(periods)) == len(periods)
        assert sum(p["events"] for p in body["series"]) == total
        for p in body["series"]:
            assert p["CHN->JPN"] + p["JPN->CHN"] == p["events"] == sum(p["by_type"].values())
    months = [p["period"] for p in client.get("/dyads/chn/jpn/series").json()["series"]]
    assert {"2023-06", "2024-02"} <= set(months)
    assert _field_of(client.get("/dyads/CHN/JPN/series", params={"interval": "year"})) == [
        "interval"
    ]
    assert _field_of(client.get("/dyads/CHINA/JPN/series")) == ["a"]


def test_actors(client: TestClient) -> None:
    r = client.get("/actors")
    assert r.status_code == 200
    actors = r.json()
    codes = [a["code"] for a in actors]
    assert {"CHN", "JPN", "RUS", "UKR"} <= set(codes)
    totals = [a["as_actor"] + a["as_recipient"] for a in actors]
    assert totals == sorted(totals, reverse=True)
    assert len(client.get("/actors", params={"limit": 2}).json()) == 2
    assert _field_of(client.get("/actors", params={"limit": 0})) == ["limit"]


def test_article_with_events_and_quotes(client: TestClient) -> None:
    r = client.get(f"/articles/{CHINA_JAPAN}")
    assert r.status_code == 200, r.text
    body = r.json()
    a = body["article"]
    assert a["id"] == CHINA_JAPAN and a["date"] == "2023-06-12"
    assert a["title"].startswith("China warns Japan")
    assert a["text"].startswith(a["title"])
    assert body["near_copy_of"] is None
    events = body["events"]
    assert events and all(e["article_id"] == CHINA_JAPAN for e in events)
    assert len({e["id"] for e in events}) == len(events)
    assert any(
        (_code(e["actor"]), _code(e["recipient"]), e["event_type"]) == ("CHN", "JPN", "THREATEN")
        for e in events
    )
    for e in events:  # the evidence is this article's own sentence
        assert a["text"][e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]
    assert any(q["text"].startswith("Japan must stop") for q in body["quotes"])
    assert all(q["article_id"] == CHINA_JAPAN for q in body["quotes"])
    assert client.get("/articles/no-such-article").status_code == 404


def test_quotes(client: TestClient) -> None:
    r = client.get("/quotes", params={"limit": 500})
    assert r.status_code == 200
    everything = r.json()
    assert everything
    direct = client.get("/quotes", params={"kind": "direct", "limit": 500}).json()
    assert direct and all(q["kind"] == "direct" for q in direct)
    chinese = client.get("/quotes", params={"speaker": "CHN"}).json()
    assert chinese and all(q["speaker"]["code"] == "CHN" for q in chinese)
    dated = client.get("/quotes", params={"since": "2024-01-01", "limit": 500}).json()
    assert dated and all(q["article_id"] >= "2024-01-01" for q in dated)
    assert len(client.get("/quotes", params={"limit": 1}).json()) == 1
    assert _field_of(client.get("/quotes", params={"kind": "rumour"})) == ["kind"]


# -- writing ------------------------------------------------------------------------------------
def test_post_needs_the_key(client: TestClient) -> None:
    assert client.post("/articles", json=NEW_ARTICLE).status_code == 401
    for wrong in ("test-key-2", "", b"test-key-\xe9"):  # not ASCII: still a plain 401
        r = client.post("/articles", json=NEW_ARTICLE, headers={"X-API-Key": wrong})
        assert r.status_code == 401, r.text
    assert client.get("/articles/api-post-1").status_code == 404


def test_post_adds_article_then_duplicate(client: TestClient) -> None:
    headers = {"X-API-Key": KEY}
    r = client.post("/articles", json=NEW_ARTICLE, headers=headers)
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["added"] == 1 and res["duplicates"] == 0 and res["events"] >= 1
    found = _events(client, actor="DEU", recipient="RUS")["events"]
    assert any(e["article_id"] == "api-post-1" and e["date"] == "2024-06-03" for e in found)
    assert client.get("/articles/api-post-1").json()["article"]["source"] == "test wire"
    again = client.post("/articles", json=[NEW_ARTICLE], headers=headers).json()
    assert again == {"added": 0, "duplicates": 1, "near_duplicates": 0, "events": 0}


def test_post_plain_text_and_lists(client: TestClient) -> None:
    headers = {"X-API-Key": KEY, "Content-Type": "text/plain; charset=utf-8"}
    text = "France urged Iran to return to nuclear talks on Tuesday."
    r = client.post(
        "/articles", content=text, params={"date": "2024-06-04", "id": "plain-1"}, headers=headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1
    got = client.get("/articles/plain-1").json()
    assert got["article"]["date"] == "2024-06-04" and got["events"]
    many = [
        {"id": "list-1", "text": "Japan praised India for its flood relief.", "date": "2024-06-05"},
        {"id": "list-2", "text": "Brazil criticised Peru over the arrests.", "date": "2024-06-05"},
    ]
    r = client.post("/articles", json=many, headers={"X-API-Key": KEY})
    assert r.status_code == 200 and r.json()["added"] == 2
    # A record without text, or with a bad date, is refused whole, naming the field.
    bad = [many[0], {"id": "x", "date": "2024-06-05"}]
    assert client.post("/articles", json=bad, headers={"X-API-Key": KEY}).json()["detail"][0][
        "loc"
    ] == ["body", 1, "text"]
    r = client.post("/articles", json={**NEW_ARTICLE, "date": "June"}, headers={"X-API-Key": KEY})
    assert _field_of(r) == ["date"]
    r = client.post("/articles", json={"text": "No id."}, headers={"X-API-Key": KEY})
    assert _field_of(r) == ["id"]
    r = client.post(
        "/articles", content=b"{not json", headers={**headers, "Content-Type": "application/json"}
    )
    assert r.status_code == 422 and "malformed JSON" in r.text
    r = client.post("/articles", content=b"x", headers={**headers, "Content-Type": "image/png"})
    assert r.status_code == 415


def test_post_without_configured_key_is_disabled(ingested: str) -> None:
    with TestClient(create_app(ingested)) as c:
        r = c.post("/articles", json=NEW_ARTICLE, headers={"X-API-Key": "anything"})
        assert r.status_code == 503
        assert "writes are disabled" in r.json()["detail"]
        assert c.get("/health").status_code == 200


def test_oversized_body_is_413(ingested: str) -> None:
    with TestClient(create_app(ingested, api_key=KEY, max_body=1000)) as c:
        headers = {"X-API-Key": KEY, "Content-Type": "text/plain"}
        r = c.post("/articles", content="a" * 2000, headers=headers)
        assert r.status_code == 413
        # No Content-Length (chunked): the bytes that arrive are counted.
        r = c.post("/articles", content=iter([b"a" * 600, b"a" * 600]), headers=headers)
        assert r.status_code == 413
        assert c.get("/articles/api-post-1").status_code == 404


# -- errors -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"offset": -1}, "offset"),
        ({"quad": 9}, "quad"),
        ({"since": "notadate"}, "since"),
        ({"until": "2024-02-30"}, "until"),
        ({"since": "2024-02-01", "until": "2024-01-01"}, "until"),
        ({"dyad": "XYZ"}, "dyad"),
        ({"dyad": "CHN-JPN-USA"}, "dyad"),
        ({"type": "BOGUS"}, "type"),
        ({"cameo_root": "99"}, "cameo_root"),
    ],
)
def test_invalid_parameters_name_the_field(
    client: TestClient, params: dict[str, Any], field: str
) -> None:
    r = client.get("/events", params=params)
    assert _field_of(r) == [field]
    assert all(e["msg"] for e in r.json()["detail"])


def test_sql_looking_values_are_just_values(client: TestClient, ingested: str) -> None:
    before = client.get("/health").json()
    for params in (
        {"actor": "CHN' OR '1'='1"},
        {"q": "'; DROP TABLE events; --"},
        {"country": "x' OR 1=1 --"},
        {"actor": "CHN", "recipient": 'JPN" OR ""="'},
    ):
        r = client.get("/events", params=params)
        assert r.status_code == 200, r.text
        assert r.json()["total"] == 0 and r.json()["events"] == []
    assert client.get("/quotes", params={"speaker": "CHN' OR '1'='1"}).json() == []
    assert client.get("/articles/x' OR '1'='1").status_code == 404
    with Store(ingested) as store:
        assert {"articles", "events", "mentions", "quotes"} <= set(store.table_names())
    assert client.get("/health").json() == before


def test_internal_errors_show_no_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*_: Any, **__: Any) -> int:
        raise RuntimeError("secret detail from /srv/dyad")

    store = client.app.state.dyad.store  # type: ignore[attr-defined]
    monkeypatch.setattr(store, "count", boom)
    r = client.get("/events")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error"}
    assert not re.search(r"Traceback|secret|RuntimeError|/srv", r.text)
    assert "secret detail" in caplog.text  # logged server-side, with its traceback
    assert client.get("/actors").status_code == 200


def test_busy_store_is_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(*_: Any, **__: Any) -> None:
        raise StoreBusyError("store is busy: sqlite:////tmp/x is locked by another writer")

    monkeypatch.setattr(client.app.state.dyad.store, "event", busy)  # type: ignore[attr-defined]
    r = client.get("/events/abc")
    assert r.status_code == 503
    assert r.json() == {"detail": "store is busy"}


def test_serve_help_lists_host_on_loopback() -> None:
    r = CliRunner().invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    [line] = [x for x in r.output.splitlines() if "--host" in x]
    assert "[default: 127.0.0.1]" in line
    assert "--port" in r.output and "--api-key" in r.output and "DYAD_API_KEY" in r.output
