"""Cue words used outside politics (grammar ``weak_cues``): their events are kept only when
they name a party. Sentences written for these tests; expected values from their meaning and
the CAMEO/PLOVER codebooks."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.types import Event

pytestmark = pytest.mark.model
DAY = date(2023, 5, 2)


def _code(pipeline, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    return [e for e in pipeline.code(text, DAY) if e.event_type]


def _dyads(events: list[Event], etype: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in events
        if e.event_type == etype
    }


@pytest.mark.parametrize(
    "text",
    [
        "The update fixes a flaw that allows remote code execution.",
        "Thank you for reading.",
        "The team discussed the results of the experiment.",
        "The band released its third album in May.",
        "The company offered a discount to new customers.",
        "We should support users who cannot upgrade their laptops.",
        "Attackers can exploit the bug to take over a server.",
        "The referee warned that the match could be stopped.",
    ],
)
def test_everyday_senses_give_no_event(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _code(pipeline, text) == []


def test_thanks_between_states_is_support(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = _code(pipeline, "China thanked Pakistan for its support.")
    assert _dyads(evs, "SUPPORT") == {("CHN", "PAK")}


def test_talks_between_ministers_are_consult(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = _code(pipeline, "The foreign ministers of Japan and India discussed maritime security.")
    assert ("JPN", "IND") in _dyads(evs, "CONSULT")


def test_weak_cue_with_an_official_agent_is_kept(pipeline) -> None:  # type: ignore[no-untyped-def]
    # No country named, but "the police" is a state agent (COP): an arrest-like coercion
    # the text attributes, not an everyday restriction.
    evs = _code(pipeline, "The police banned the march.")
    assert "COERCE" in {e.event_type for e in evs}


def test_strong_cue_needs_no_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    # An airstrike is political violence even when no one is named as its author.
    evs = _code(pipeline, "An airstrike hit a market on Tuesday.")
    assert "ASSAULT" in {e.event_type for e in evs}
