"""Tension alerts on generated event streams: a quiet dyad that escalates is flagged on the
day it does; a dyad that is always busy is not flagged for being busy."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from typer.testing import CliRunner

from dyad.alerts import detect
from dyad.cli import app
from dyad.pipeline import CodedArticle
from dyad.store import Store
from dyad.types import Actor, Article, Event, Span
from tests.webserver import Site, serve

START = date(2024, 1, 1)
DAYS = 90
ESCALATION = START + timedelta(days=60)


def _streams(seed: int = 7) -> dict[tuple[str, str], dict[date, float]]:
    """Intensity (sum of |Goldstein| of conflict events) per day for three dyads."""
    rng = random.Random(seed)
    quiet: dict[date, float] = {}
    busy: dict[date, float] = {}
    for i in range(DAYS):
        day = START + timedelta(days=i)
        if i % 11 == 3:  # a protest note now and then
            quiet[day] = 2.0
        # 4 to 9 conflict events a day, each |Goldstein| between 2 and 10.
        busy[day] = sum(rng.uniform(2, 10) for _ in range(rng.randint(4, 9)))
    # Three attacks and a threat in one day.
    quiet[ESCALATION] = 3 * 10.0 + 4.4
    quiet[ESCALATION + timedelta(days=1)] = 10.0
    return {("ARM", "AZE"): quiet, ("ISR", "PSE"): busy, ("FRA", "DEU"): {}}


def test_quiet_dyad_escalating_is_flagged_on_that_day() -> None:
    alerts = detect(_streams(), start=START, end=START + timedelta(days=DAYS - 1))
    quiet = [a for a in alerts if (a.actor, a.recipient) == ("ARM", "AZE")]
    assert [a.day for a in quiet] == [ESCALATION]
    [a] = quiet
    assert a.value == 34.4 and a.baseline_days == 30 and a.score >= 3 and a.p < 0.01
    assert a.baseline_mean < 1


def test_always_busy_dyad_is_not_flagged_for_being_busy() -> None:
    # Over 20 generated streams (83 tested days each), ordinary busy days are almost never
    # flagged: at z >= 3 fewer than 1 in 100.
    end = START + timedelta(days=DAYS - 1)
    flagged = sum(
        1
        for seed in range(20)
        for a in detect(_streams(seed), start=START, end=end)
        if a.actor == "ISR"
    )
    assert flagged <= 0.01 * 20 * (DAYS - 7)
    # ... but a day twice its worst is.
    streams = _streams()
    busy = streams[("ISR", "PSE")]
    spike = START + timedelta(days=75)
    busy[spike] = 2 * max(busy.values())
    assert spike in [a.day for a in detect(streams, start=START, end=end) if a.actor == "ISR"]


def test_no_alert_without_enough_history_or_before_since() -> None:
    streams = {("ARM", "AZE"): {START + timedelta(days=2): 40.0, ESCALATION: 40.0}}
    # Day 2 has two days of history behind it: unknown, not quiet.
    assert [a.day for a in detect(streams, start=START, end=ESCALATION)] == [ESCALATION]
    later = detect(streams, start=START, end=ESCALATION, since=ESCALATION + timedelta(days=1))
    assert later == []


def _event(aid: str, n: int, a: str, r: str, day: date, quad: int, gold: float) -> Event:
    return Event(
        id=f"{aid}-{n}",
        article_id=aid,
        sentence_index=n,
        sentence=f"sentence {n}",
        trigger=Span("x", 0, 1),
        date=day,
        event_type="ASSAULT" if quad == 4 else "CONSULT",
        mode=None,
        cameo=f"19{n % 10}" if quad == 4 else f"04{n % 10}",
        cameo_root="19" if quad == 4 else "04",
        quad_class=quad,
        goldstein=gold,
        actor=Actor(a, a, "MIL"),
        recipient=Actor(r, r, "MIL"),
        rule="test",
        confidence=1.0,
        temporal="current",
    )


def test_store_series_cli_json_and_webhook(store_url: str) -> None:
    coded = []
    for i in range(45):
        day = START + timedelta(days=i)
        evs = [_event(f"a{i}", 0, "RUS", "UKR", day, 4, -10.0)]  # a busy war, daily
        evs.append(_event(f"a{i}", 1, "ARM", "AZE", day, 1, 3.0))  # cooperation: not counted
        if i == 40:  # the quiet dyad turns: both directions, one article each way
            evs += [_event(f"a{i}", k, "AZE", "ARM", day, 4, -10.0) for k in range(2, 4)]
            evs.append(_event(f"a{i}", 4, "ARM", "AZE", day, 3, -5.0))
        coded.append(CodedArticle(Article(id=f"a{i}", text=f"day {i} text", date=day), evs))
    with Store(store_url) as store:
        store.add(coded)
        series = store.conflict_intensity()
    assert series[("ARM", "AZE")] == {START + timedelta(days=40): 25.0}
    assert len(series[("RUS", "UKR")]) == 45
    assert set(series[("RUS", "UKR")].values()) == {10.0}

    site = Site()
    with serve(site):
        result = CliRunner().invoke(
            app,
            ["alerts", "--db", store_url, "--format", "json", "--since", "2024-01-20"],
            env={"DYAD_ALERT_WEBHOOK": site.url("/hook")},
        )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(a["dyad"], a["day"]) for a in found] == [("ARM-AZE", "2024-02-10")]
    [(path, body, headers)] = site.posted
    assert path == "/hook" and headers["Content-Type"] == "application/json"
    assert json.loads(body)["alerts"] == found

    from fastapi.testclient import TestClient

    from dyad.api import create_app

    with TestClient(create_app(store_url)) as client:
        r = client.get("/alerts", params={"since": "2024-01-20"})
        assert r.status_code == 200 and r.json()["alerts"] == found
        assert client.get("/alerts", params={"since": "2024-02-11"}).json()["alerts"] == []
        # The dashboard's overview lists the same alert, linked to the dyad's page.
        html = client.get("/", params={"since": "2024-01-20"}).text
        table = html[html.index('id="alerts"') :]
        table = table[: table.index("</table>")]
        assert "2024-02-10" in table and 'href="/ui/dyad/ARM/AZE' in table
        assert "RUS" not in table  # the busy war is not flagged for being busy
