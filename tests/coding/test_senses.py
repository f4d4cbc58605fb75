"""Cue words in a sense that is not the political event: abstract things "clashing", verbs
used without what they act on, talking about a topic with no one, agreeing that a fact holds
(grammar abstract_subjects, counterpart_cues, opinion_codes; lexicon ``@dobj``). Sentences
written for these tests; expected values from their meaning and the CAMEO/PLOVER codebooks."""

from __future__ import annotations

import pytest

from tests.coding.helpers import DAY, dyads, typed_events

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # Views, interests, timetables and colours clash without anyone being attacked.
        (
            "The senator's conservative views have clashed with the stance of the Kenyan cabinet.",
            "ASSAULT",
        ),
        ("Her business interests clash with her duties as Brazil's finance minister.", "ASSAULT"),
        ("The new timetable clashes with the school holidays in Spain.", "ASSAULT"),
        (
            "A culture clash between the Canadian and Mexican delegations slowed the work.",
            "ASSAULT",
        ),
        ("His beliefs prohibit him from serving in the Israeli army.", "COERCE"),
        (
            "An audit prohibiting the governor from publishing his accounts angered Peru's press.",
            "COERCE",
        ),
        ("The French minister spoke of a clash of civilisations in the Sahel.", "ASSAULT"),
        ("Video captured the Kenyan president wearing a mask.", "ASSAULT"),
        # Decisions, bills, social ills and fires are not attacked or fought with force.
        ("The Kenyan president attacked the decision of the court.", "ASSAULT"),
        ("The Ugandan parliament killed the bill on Tuesday.", "ASSAULT"),
        ("The Kenyan government is fighting corruption.", "ASSAULT"),
        ("Mexico launched a fight against poverty.", "ASSAULT"),
        ("Firefighters in Greece fought the blaze for three days.", "ASSAULT"),
        # Starving and dispersing with nothing acted on are not done to anyone.
        ("Many families in northern Yemen are starving.", "COERCE"),
        ("The crowd outside the Georgian parliament dispersed peacefully at night.", "COERCE"),
    ],
)
def test_figurative_and_intransitive_senses_give_no_event(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert etype not in {e.event_type for e in typed_events(pipeline, text)}


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Police clashed with protesters outside the parliament in Nairobi.", "ASSAULT"),
        ("Rebels clashed with Congolese troops near Goma.", "ASSAULT"),
        ("Missiles struck an air base near Kharkiv.", "ASSAULT"),
        ("Russian troops attacked Ukrainian positions near Bakhmut.", "ASSAULT"),
        ("Israel launched an attack on Hamas positions in Gaza.", "ASSAULT"),
        ("The Nigerian army fought the rebels in Borno.", "ASSAULT"),
        ("Kenya's new law prohibits public gatherings in Nairobi.", "COERCE"),
        ("The Pakistani government prohibited rallies in Islamabad.", "COERCE"),
        ("The Sudanese army starved the people of Darfur.", "COERCE"),
        ("The people of Darfur were starved by the Sudanese army.", "COERCE"),
        ("Georgian police dispersed the crowd with water cannon.", "COERCE"),
        ("Iran seized a Greek tanker in the Gulf.", "COERCE"),
        ("Greece demanded the return of a tanker that Iran seized in the Gulf.", "COERCE"),
        ("Stolen statues were returned to Cambodia by the United States.", "RETREAT"),
    ],
)
def test_force_with_an_agent_and_an_object_stays(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert etype in {e.event_type for e in typed_events(pipeline, text)}


@pytest.mark.parametrize(
    "text",
    [
        "In the interview, the German chancellor discusses her childhood and climate change.",
        "The Indian prime minister talked about the economy in his speech in Delhi.",
        "Biden will discuss inflation in Ohio on Monday.",
        "Many Kazakhs have started talking about the possibility of a new government.",
    ],
)
def test_talking_about_a_topic_alone_is_not_consult(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "CONSULT" not in {e.event_type for e in typed_events(pipeline, text)}


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Egypt and Qatar discussed the crisis in Gaza.", {("EGY", "QAT"), ("QAT", "EGY")}),
        ("Kenya discussed trade with Uganda.", {("KEN", "UGA")}),
        ("The French president talked with the Iranian president on Tuesday.", {("FRA", "IRN")}),
        ("The US secretary of state called the Russian foreign minister to discuss the war.", None),
        ("The foreign ministers of the Arab League discussed the crisis.", None),
        ("The Nigerian cabinet discussed the budget on Monday.", None),
    ],
)
def test_talks_between_parties_stay_consult(pipeline, text: str, pairs: set | None) -> None:  # type: ignore[type-arg,no-untyped-def]
    evs = typed_events(pipeline, text)
    assert "CONSULT" in {e.event_type for e in evs}
    if pairs is not None:
        assert pairs <= dyads(evs, "CONSULT")


def test_the_topic_of_talks_is_not_their_recipient(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Syria is what is discussed, not who discusses it.
    evs = typed_events(pipeline, "Turkey and Russia discussed the situation in Syria.")
    assert dyads(evs, "CONSULT") == {("TUR", "RUS"), ("RUS", "TUR")}


@pytest.mark.parametrize(
    "text",
    [
        "All four candidates agreed that the vaccines have saved many lives.",
        "Germany agreed with France that Russia was responsible for the explosion.",
        "The Kenyan opposition agrees with the decision of the Supreme Court.",
        "A Nigerian judge agreed the minister may have hidden the payments.",
    ],
)
def test_agreeing_that_a_fact_holds_is_an_opinion(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    evs = pipeline.code(text, DAY)
    assert "AGREE" not in {e.event_type for e in evs}
    assert "019" in {e.cameo for e in evs}


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine agreed to exchange prisoners.",
        "Israel and Hamas agreed on a ceasefire.",
        "The two governments agreed that their troops should withdraw from the border.",
        "Iran agreed with Iraq that the border crossings would reopen next week.",
        "Serbia and Kosovo agreed that the talks be held in Brussels.",
        "Hungary then agreed with Airbus to open a helicopter factory.",
    ],
)
def test_agreeing_on_an_act_stays_agree(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "AGREE" in {e.event_type for e in typed_events(pipeline, text)}


def test_an_agreed_fact_keeps_the_events_it_reports(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Like "said", agreeing that something happened reports it: the attack is still coded.
    evs = typed_events(pipeline, "Britain and France agreed that Russia attacked Ukraine.")
    assert ("RUS", "UKR") in dyads(evs, "ASSAULT")
    assert "AGREE" not in {e.event_type for e in evs}


def test_insisting_that_something_is_so_is_a_statement(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = pipeline.code("The Kenyan minister insisted that she was never pressured by Uganda.", DAY)
    assert "REQUEST" not in {e.event_type for e in evs}
    assert "010" in {e.cameo for e in evs}
    # Insisting that something be done is a demand.
    evs = pipeline.code("Kenya insisted that Uganda withdraw its troops from the border.", DAY)
    assert "REQUEST" in {e.event_type for e in evs}


def test_an_attack_on_a_decision_is_criticism(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = pipeline.code("The Kenyan president attacked the subpoena as a political ploy.", DAY)
    assert {(e.event_type, e.cameo) for e in evs if e.event_type} == {("ACCUSE", "111")}
    # Troops attack a camp, not an idea.
    evs = pipeline.code("Kenyan troops attacked the rebel camp near the border.", DAY)
    assert "ASSAULT" in {e.event_type for e in evs}
