"""When events happened, and whether they happened: hand-written cases for each rule."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.sources import read_path
from dyad.types import Article, Event
from tests.conftest import SEED

pytestmark = pytest.mark.model
THU = date(2021, 8, 19)


def _events(pipeline, text: str, when: date | None = THU) -> list[Event]:  # type: ignore[no-untyped-def]
    return [e for e in pipeline.code(text, when) if e.event_type]


def _one(pipeline, text: str, etype: str) -> Event:  # type: ignore[no-untyped-def]
    found = [e for e in _events(pipeline, text) if e.event_type == etype]
    assert found, f"no {etype} in {text!r}"
    return found[0]


def test_weekday_dates_the_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Iran condemned Israel on Wednesday.", "ACCUSE")
    assert (e.date, e.date_precision, e.temporal) == (date(2021, 8, 18), "day", "current")


def test_no_expression_means_the_article_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Iran condemned Israel.", "ACCUSE")
    assert (e.date, e.date_precision) == (THU, "day")


def test_undated_article_gives_undated_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    [e] = [x for x in _events(pipeline, "Iran condemned Israel.", None)]
    assert e.date is None and e.date_precision is None


def test_month_keeps_month_precision(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Russia attacked Ukraine in May.", "ASSAULT")
    assert (e.date, e.date_precision) == (date(2021, 5, 1), "month")


def test_may_the_verb_is_not_a_month(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Russia may attack Ukraine.", "ASSAULT")
    assert e.date == THU and e.temporal == "hypothetical"


def test_old_year_is_historical(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "France and Britain signed the treaty in 1904.", "SUPPORT")
    assert (e.date, e.date_precision, e.temporal) == (date(1904, 1, 1), "year", "historical")


def test_future_is_planned_and_dated_ahead(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Japan will meet China on Friday.", "AGREE")
    assert e.temporal == "planned" and e.plan == "CONSULT"
    assert e.date == date(2021, 8, 20)


def test_conditional_is_hypothetical(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(
        pipeline, "Turkey will expel the ambassador if Sweden attacks Turkish ships.", "ASSAULT"
    )
    assert e.temporal == "hypothetical"


def test_would_in_reported_speech_is_a_plan(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Iraq said it would allow inspectors into the country.", "AGREE")
    assert e.temporal == "planned" and e.actor and e.actor.code == "IRQ"


def test_negated_event_is_dropped(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert not [
        e
        for e in _events(pipeline, "South Korea did not attack North Korea.")
        if e.event_type == "ASSAULT"
    ]


@pytest.fixture(scope="module")
def seed(shared, pipeline) -> list[Event]:  # type: ignore[no-untyped-def]
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    return pipeline.code_article(article).events


def test_seed_treaty_is_historical_1895(seed: list[Event]) -> None:
    treaty = [e for e in seed if "Treaty of Shimonoseki" in e.sentence and e.event_type]
    assert treaty
    for e in treaty:
        assert e.temporal == "historical"
        assert e.date == date(1895, 1, 1) and e.date_precision == "year"


def test_seed_hsieh_statement_on_thursday(seed: list[Event]) -> None:
    told = [e for e in seed if e.trigger.text == "told"]
    assert told
    e = told[0]
    assert e.date == date(2021, 8, 19)
    assert e.actor and (e.actor.code, e.actor.sector) == ("TWN", "PTY")


def test_seed_current_counts_leave_history_out(seed: list[Event]) -> None:
    current = [e for e in seed if e.temporal == "current"]
    assert all(e.date and e.date.year == 2021 for e in current)


def test_seed_coast_guard_patrols_are_located(seed: list[Event]) -> None:
    [e, *_] = [x for x in seed if x.trigger.text == "patrols"]
    assert e.location is not None
    assert e.location.name in ("Senkaku Islands", "East China Sea")
    assert e.location.lat is not None and 24 < e.location.lat < 31
    assert e.location.lon is not None and 122 < e.location.lon < 126


def test_clause_place_is_the_event_location(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Police arrested dozens of protesters in Nairobi on Monday.", "COERCE")
    assert e.location and e.location.name == "Nairobi" and e.location.country_code == "KEN"
    assert e.location.kind == "city"


def test_ambiguous_city_follows_the_article_countries(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The United States and Mexico signed a border deal. "
        "Mexican officials later criticised the United States in Paris."
    )
    found = [e for e in _events(pipeline, text) if e.event_type == "ACCUSE"]
    assert found and found[0].location and found[0].location.country_code == "FRA"
    texas = (
        "Texas police arrested two protesters from Mexico. "
        "Mexico condemned the United States over the arrests in Paris."
    )
    found = [e for e in _events(pipeline, texas) if e.event_type == "ACCUSE"]
    assert found and found[0].location and found[0].location.country_code == "USA"


def test_dateline_locates_events_without_a_clause_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "KYIV, Ukraine - Ukraine accused Russia of shelling a school.", "ACCUSE")
    assert e.location and e.location.name in ("Kyiv", "Kiev")


def test_the_two_sides_are_the_last_two_parties(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Japan and China held talks in Beijing. The two sides agreed to resume flights."
    agree = [e for e in _events(pipeline, text) if e.sentence.startswith("The two sides")]
    assert {(e.actor.code, e.recipient.code) for e in agree if e.actor and e.recipient} == {
        ("JPN", "CHN"),
        ("CHN", "JPN"),
    }
    assert all(e.actor and e.actor.how == "article" for e in agree)


def test_the_two_nations_are_the_two_countries_of_their_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The reporter named earlier is a party, but not a nation; the sentence names two.
    text = (
        "A Chinese reporter criticised the delay. After the Indian and Pakistani ministers met "
        "in Lahore, the two nations pledged to reopen trade."
    )
    agree = [e for e in _events(pipeline, text) if e.trigger.text == "pledged"]
    assert {(e.actor.code, e.recipient.code) for e in agree if e.actor and e.recipient} == {
        ("IND", "PAK"),
        ("PAK", "IND"),
    }


def test_the_two_countries_skip_parties_that_are_not_states(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenya and Uganda signed a border deal. The United Nations praised it. "
        "The two countries also agreed to share a railway."
    )
    agree = [e for e in _events(pipeline, text) if e.sentence.startswith("The two countries")]
    assert {(e.actor.code, e.recipient.code) for e in agree if e.actor and e.recipient} == {
        ("KEN", "UGA"),
        ("UGA", "KEN"),
    }


def test_short_description_refers_back(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Chinese Foreign Ministry condemned Japan. The ministry also criticised Taiwan."
    [e] = [x for x in _events(pipeline, text) if x.trigger.text == "criticised"]
    assert e.actor and (e.actor.code, e.actor.sector, e.actor.how) == ("CHN", "GOV", "article")


def test_a_public_body_no_sentence_places_belongs_to_the_articles_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenya's opposition rejected the vote count. Kenyan bishops urged calm. "
        "The president spoke to reporters in Nairobi. "
        "The police arrested forty protesters on Monday. The company closed its shops."
    )
    [e] = [x for x in _events(pipeline, text) if x.event_type == "COERCE"]
    assert e.actor and (e.actor.code, e.actor.sector, e.actor.how) == (
        "KEN",
        "COP",
        "article-country",
    )
    # A private body may be anyone's: no event names a party for the shops.
    assert not any(
        x.actor and x.actor.sector == "BUS" and x.actor.code for x in _events(pipeline, text)
    )


def test_an_article_about_several_countries_has_no_home_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenya and Uganda disputed the border. Ugandan and Kenyan officials met in Arusha. "
        "Tanzania hosted them. The police arrested forty protesters on Monday."
    )
    [e] = [x for x in _events(pipeline, text) if x.event_type == "COERCE"]
    assert e.actor is None or e.actor.code is None


def test_pronoun_and_surname_follow_the_person(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenyan Foreign Minister Amina Odhiambo met Ugandan officials on Monday. "
        "She later accused Uganda of arming rebels. Odhiambo also criticised Rwanda."
    )
    evs = _events(pipeline, text)
    [acc] = [e for e in evs if e.event_type == "ACCUSE" and e.trigger.text == "accused"]
    assert acc.actor and (acc.actor.code, acc.actor.how) == ("KEN", "pronoun")
    [crit] = [e for e in evs if e.trigger.text == "criticised"]
    assert crit.actor and crit.actor.code == "KEN" and crit.actor.how == "article"


def test_a_year_inside_a_name_is_not_the_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(
        pipeline, "Saudi Arabia signed its Vision 2030 agreement with Egypt on Monday.", "SUPPORT"
    )
    assert (e.date, e.temporal) == (date(2021, 8, 16), "current")
    e = _one(pipeline, "Members of the Charter 77 group protested in Prague on Monday.", "PROTEST")
    assert e.date == date(2021, 8, 16) and e.temporal == "current"


def test_a_conditional_threat_is_hypothetical(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(pipeline, "Turkey will cut ties with Sweden if Sweden arms the rebels.", "SANCTION")
    assert e.temporal == "hypothetical"


def test_the_town_of_a_name_is_located_by_the_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "near the town of Kirkuk", "in the Iraqi city of Basra": the place is the name after "of".
    e = _one(
        pipeline, "Police arrested dozens of protesters in the Kenyan city of Mombasa.", "COERCE"
    )
    assert e.location and e.location.country_code == "KEN"


def test_hyphenated_place_names_are_looked_up_as_written(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = _one(
        pipeline, "Police arrested dozens of protesters in Khanty-Mansiysk on Monday.", "COERCE"
    )
    assert e.location and e.location.country_code == "RUS"
