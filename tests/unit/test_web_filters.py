"""The dashboard's URL filters: what a shared link says is what the page filters by."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.datastructures import QueryParams

from dyad.web.filters import BadFilter, UiFilter


def _parse(qs: str) -> UiFilter:
    return UiFilter.from_query(QueryParams(qs))


def test_defaults_are_current_events_per_month() -> None:
    f = _parse("")
    assert f.temporal == ("current",) and f.interval == "month" and f.types == ()
    assert f.query() == ""
    assert f.events().temporal == ("current",)


def test_repeated_and_comma_separated_values() -> None:
    f = _parse("type=threaten,ACCUSE&type=THREATEN&actor=chn&temporal=planned&temporal=current")
    assert f.types == ("THREATEN", "ACCUSE")
    assert f.actors == ("CHN",)
    assert f.temporal == ("planned", "current")
    ef = f.events()
    assert ef.event_types == ("THREATEN", "ACCUSE") and ef.involving == ("CHN",)


def test_the_query_round_trips() -> None:
    f = _parse("since=2024-01-01&until=2024-02-01&type=AID&dyad=chn-jpn&interval=week")
    assert f.dyad == ("CHN", "JPN")
    assert _parse(f.query().lstrip("?")) == f
    assert f.events().both_ways and f.events().actor == "CHN"
    assert "dyad" not in f.query(dyad=None)


@pytest.mark.parametrize(
    ("qs", "field"),
    [
        ("since=2024-13-01", "since"),
        ("since=2024-02-01&until=2024-01-01", "until"),
        ("type=BOMB", "type"),
        ("actor=CHINA", "actor"),
        ("dyad=CHN", "dyad"),
        ("temporal=someday", "temporal"),
        ("interval=year", "interval"),
    ],
)
def test_bad_values_name_the_field(qs: str, field: str) -> None:
    with pytest.raises(BadFilter, match=field):
        _parse(qs)


def test_dates() -> None:
    assert _parse("since=2024-01-31").since == date(2024, 1, 31)
