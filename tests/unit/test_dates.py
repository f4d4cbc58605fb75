"""Time expressions against an article date (Thursday 2021-08-19), with dateparser's
pitfalls: bare weekdays, bare years, decades, durations."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.context.dates import ResolvedDate, resolve_date, temporal_status

THU = date(2021, 8, 19)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Wednesday", ResolvedDate(date(2021, 8, 18), "day")),
        ("Thursday", ResolvedDate(date(2021, 8, 19), "day")),  # not a week earlier
        ("on Sunday", ResolvedDate(date(2021, 8, 15), "day")),
        ("yesterday", ResolvedDate(date(2021, 8, 18), "day")),
        ("today", ResolvedDate(date(2021, 8, 19), "day")),
        ("two days ago", ResolvedDate(date(2021, 8, 17), "day")),
        ("August 13", ResolvedDate(date(2021, 8, 13), "day")),
        ("March 3", ResolvedDate(date(2021, 3, 3), "day")),
        ("last month", ResolvedDate(date(2021, 7, 1), "month")),
        ("in May", ResolvedDate(date(2021, 5, 1), "month")),
        ("November", ResolvedDate(date(2020, 11, 1), "month")),  # past by default
        ("in 1895", ResolvedDate(date(1895, 1, 1), "year")),  # not 1895-08-19
        ("2021", ResolvedDate(date(2021, 1, 1), "year")),
        ("the 1990s", ResolvedDate(date(1990, 1, 1), "year")),
        ("June 2014", ResolvedDate(date(2014, 6, 1), "month")),
    ],
)
def test_resolve_against_article_date(text: str, expected: ResolvedDate) -> None:
    assert resolve_date(text, THU) == expected


def test_future_weekday_and_month_for_plans() -> None:
    assert resolve_date("Friday", THU, future=True) == ResolvedDate(date(2021, 8, 20), "day")
    assert resolve_date("Thursday", THU, future=True) == ResolvedDate(date(2021, 8, 26), "day")
    assert resolve_date("in March", THU, future=True) == ResolvedDate(date(2022, 3, 1), "month")


@pytest.mark.parametrize("text", ["for 50 years", "decades", "recently", "", "over hours"])
def test_durations_and_vague_words_are_not_dates(text: str) -> None:
    assert resolve_date(text, THU) is None


def test_relative_expressions_need_an_article_date() -> None:
    assert resolve_date("on Wednesday", None) is None
    assert resolve_date("yesterday", None) is None
    assert resolve_date("in 1895", None) == ResolvedDate(date(1895, 1, 1), "year")


def test_temporal_status() -> None:
    assert temporal_status(date(1895, 1, 1), THU, "current") == "historical"
    assert temporal_status(date(2021, 8, 18), THU, "current") == "current"
    assert temporal_status(date(2021, 8, 25), THU, "current") == "planned"
    assert temporal_status(date(2021, 8, 25), THU, "hypothetical") == "hypothetical"
    assert temporal_status(None, THU, "planned") == "planned"


@pytest.mark.parametrize("text", ["15 years", "nine years", "a week", "four months", "40 days"])
def test_lengths_of_time_are_not_dates(text: str) -> None:
    assert resolve_date(text, THU) is None
    assert resolve_date(f"{text} ago", THU) is not None
