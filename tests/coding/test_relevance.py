"""Cue words used outside politics (grammar ``weak_cues``): their events are kept only when
they name a party. Sentences written for these tests; expected values from their meaning and
the CAMEO/PLOVER codebooks."""

from __future__ import annotations

import pytest

from tests.coding.helpers import dyads, typed_events

pytestmark = pytest.mark.model


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
    assert typed_events(pipeline, text) == []


def test_thanks_between_states_is_support(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "China thanked Pakistan for its support.")
    assert dyads(evs, "SUPPORT") == {("CHN", "PAK")}


def test_talks_between_ministers_are_consult(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(
        pipeline, "The foreign ministers of Japan and India discussed maritime security."
    )
    assert ("JPN", "IND") in dyads(evs, "CONSULT")


def test_weak_cue_with_an_official_agent_is_kept(pipeline) -> None:  # type: ignore[no-untyped-def]
    # No country named, but "the police" is a state agent (COP): an arrest-like coercion
    # the text attributes, not an everyday restriction.
    evs = typed_events(pipeline, "The police banned the march.")
    assert "COERCE" in {e.event_type for e in evs}


def test_strong_cue_needs_no_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    # An airstrike is political violence even when no one is named as its author.
    evs = typed_events(pipeline, "An airstrike hit a market on Tuesday.")
    assert "ASSAULT" in {e.event_type for e in evs}


# Mentions that are not events: mishaps, plots and lacks, other senses of a cue word
# (grammar mishap_nouns, unrealised_nouns, person_object_cues, sense_exclusions).
@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("A car crash killed three people in Lagos.", "ASSAULT"),
        ("Two workers were killed in a fire at a factory near Dhaka.", "ASSAULT"),
        ("The storm destroyed hundreds of homes in Fiji.", "ASSAULT"),
        ("Six people were killed when a small plane crashed near Denver.", "ASSAULT"),
        ("A bus crashed into a river in Nepal, killing twelve passengers.", "ASSAULT"),
        ("An earthquake that struck the coast of Peru damaged dozens of houses.", "ASSAULT"),
        ("Police foiled a plot to kill the mayor.", "ASSAULT"),
        ("The opposition complained about a lack of concessions from the government.", "CONCEDE"),
        ("Trump held a campaign rally in Ohio.", "PROTEST"),
        ("The ministry released its annual report.", "RETREAT"),
        ("The government released 5 billion dollars for schools.", "RETREAT"),
        ("New rules were released by the ministry on Monday.", "RETREAT"),
        ("The minister intends to appeal the ruling of the court.", None),
        ("The reporter asked the mayor why the bridge had closed.", "REQUEST"),
        ('A teacher in Lima asks, "Does banning phones make pupils learn more?"', "REQUEST"),
        ("When asked about the budget, the senator declined to comment.", "REQUEST"),
        ("The injured Chilean minister was taken to hospital.", "PROTEST"),
        ("Kenyan lawyers took the case to court.", "PROTEST"),
        ("The Kenyan airline offers flights to Cuba.", "AGREE"),
        ("The Kenyan candidate meets the citizenship requirement.", "CONSULT"),
        ("The Kenyan minister offered a suggestion to Uganda.", "AGREE"),
        ("Maria Lopez, the Spanish envoy for Kosovo peace talks, resigned on Friday.", "CONSULT"),
    ],
)
def test_mentions_give_no_event(pipeline, text: str, etype: str | None) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, text)
    if etype is None:
        assert not [e for e in evs if e.rule.startswith("statement.appeal")]
    else:
        assert etype not in {e.event_type for e in evs}


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Rebels released two hostages on Sunday.", "RETREAT"),
        ("Rebels stormed an army post in Herat, killing nine soldiers.", "ASSAULT"),
        ("The militia released two kidnapped volunteers to the Red Cross.", "RETREAT"),
        ("Chile asked Peru to return the fishing boats.", "REQUEST"),
        ("The union asked the government for higher wages.", "REQUEST"),
        ("Myanmar freed hundreds of political prisoners.", "RETREAT"),
        ("Gunmen killed three soldiers in Samarra.", "ASSAULT"),
        ("A roadside bomb killed two soldiers near Kandahar.", "ASSAULT"),
        ("Thousands of students held a rally against the government in Dhaka.", "PROTEST"),
        ("Farmers in Chile took to the streets against the new water law.", "PROTEST"),
        ("Turkey offered Iraq technical expertise on water management.", "AGREE"),
        ("Hours before the plane crashed, Iran launched missiles at a base in Iraq.", "ASSAULT"),
    ],
)
def test_events_beside_those_senses_stay(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert etype in {e.event_type for e in typed_events(pipeline, text)}
