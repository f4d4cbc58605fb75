"""The seed article, read the way an analyst reads it (expectations from issues 2 and 3)."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.sources import read_path
from dyad.types import Article, Event
from tests.conftest import SEED

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_events(shared, pipeline) -> list[Event]:  # type: ignore[no-untyped-def]
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    return pipeline.code_article(article).events


def _find(
    events: list[Event], actor: str, recip: str, types: set[str], sentence_has: str | None = None
) -> list[Event]:
    return [
        e
        for e in events
        if e.actor
        and e.actor.code == actor
        and e.recipient
        and e.recipient.code == recip
        and e.event_type in types
        and (sentence_has is None or sentence_has in e.sentence)
    ]


def test_headline_china_warns_japan(seed_events: list[Event]) -> None:
    [e, *_] = [e for e in _find(seed_events, "CHN", "JPN", {"THREATEN"}) if e.sentence_index == 0]
    assert e.cameo_root == "13" and e.date == date(2021, 8, 19)
    assert e.trigger.text == "warns"
    assert e.quad_class == 3 and e.goldstein < 0


def test_trigger_offsets_point_into_the_article(seed_events: list[Event]) -> None:
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    for e in seed_events:
        assert article.text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert e.trigger.text in e.sentence


def test_china_asks_japan_to_reexamine(seed_events: list[Event]) -> None:
    assert _find(seed_events, "CHN", "JPN", {"REQUEST"}, "re-examine")


def test_china_opposes_contacts_with_taiwan(seed_events: list[Event]) -> None:
    assert _find(seed_events, "CHN", "TWN", {"ACCUSE", "REJECT"}, "opposes")


def test_ldp_dpp_talks_are_planned(seed_events: list[Event]) -> None:
    talks = [
        e
        for e in seed_events
        if "arranging talks" in e.sentence
        and e.actor
        and e.recipient
        and {e.actor.code, e.recipient.code} == {"JPN", "TWN"}
    ]
    assert talks
    for e in talks:
        assert e.actor and e.recipient
        assert e.actor.sector == "PTY" and e.recipient.sector == "PTY"
        assert e.temporal == "planned"
        assert e.event_type == "AGREE" and e.plan == "CONSULT"


def test_coast_guard_patrols_near_senkakus(seed_events: list[Event]) -> None:
    assert _find(seed_events, "CHN", "JPN", {"MOBILIZE"}, "Senkaku")


def test_pla_flights_near_taiwan(seed_events: list[Event]) -> None:
    found = _find(seed_events, "CHN", "TWN", {"MOBILIZE"}, "Liberation Army")
    assert found and all(e.actor and e.actor.sector == "MIL" for e in found)


def test_no_event_from_a_negated_sentence(seed_events: list[Event]) -> None:
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    clause = "She didn’t go into detail"
    start = article.text.index(clause)
    inside = [e for e in seed_events if start <= e.trigger.start < start + len(clause)]
    assert inside == []


def test_hua_quotes_are_attributed_to_her(shared, pipeline) -> None:  # type: ignore[no-untyped-def]
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    coded = pipeline.code_article(article)
    direct = [q for q in coded.quotes if q.kind == "direct" and len(q.text.split()) > 5]
    assert [q.text.split()[:3] for q in direct] == [
        ["The", "Taiwan", "question"],
        ["Japan", "must", "and"],
        ["We", "solemnly", "ask"],
    ]
    for q in direct:
        assert q.speaker and (q.speaker.code, q.speaker.sector) == ("CHN", "GOV")
        assert article.text[q.start : q.end] == q.text
    hsieh = [q for q in coded.quotes if q.speaker_text and "Hsieh" in q.speaker_text]
    assert (
        hsieh
        and hsieh[0].speaker
        and (hsieh[0].speaker.code, hsieh[0].speaker.sector) == ("TWN", "PTY")
    )
