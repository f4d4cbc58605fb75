"""GDELT 2.0 export: every filled column checked against values worked out by hand."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import replace
from datetime import date, datetime

import pytest

from dyad.export import WRITERS
from dyad.export.gdelt import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    gdelt_event_row,
    write_gdelt_events,
    write_gdelt_mentions,
)
from dyad.types import Actor, Event, Location, Mention, Span


def _event(
    eid: str,
    when: date | None,
    actor: Actor | None,
    recip: Actor | None,
    cameo: str,
    sentence_index: int = 0,
    location: Location | None = None,
    **kw: object,
) -> Event:
    return Event(
        id=eid,
        article_id="art-1",
        sentence_index=sentence_index,
        sentence="China warned Japan.",
        trigger=Span("warned", 6, 12),
        date=when,
        event_type="THREATEN",
        mode=None,
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=3,
        goldstein=-4.4,
        actor=actor,
        recipient=recip,
        rule="test.rule",
        confidence=0.8,
        location=location,
        **kw,  # type: ignore[arg-type]
    )


TOKYO = Location("Tokyo", "Tokyo", "city", "JPN", 35.6895, 139.69171, 1850147)
TEXAS = Location("Texas", "Texas", "region", "USA", None, None, 4736286)
CHINA = Location("China", "China", "country", "CHN", 35.0, 105.0, 1814991)

E1 = _event(
    "8000000000000001",
    date(2021, 8, 19),
    Actor("Beijing", "CHN", "GOV", name="China"),
    Actor("Japan", "JPN", None),
    "138",
    location=TOKYO,
    num_mentions=3,
    num_sources=2,
    num_articles=4,
    first_seen=date(2021, 8, 20),
    source_url="https://example.org/a",
)
E2 = _event(
    "00000000000000ff",
    None,
    Actor("the U.N.", "UNO", None, name="United Nations"),
    Actor("U.S. troops", "USA", "MIL"),
    "0231",
    sentence_index=2,
    location=TEXAS,
)
E3 = _event(
    "evt-3",
    date(2020, 1, 1),
    Actor("Brussels", "EUR", "GOV", name="European\tUnion"),
    None,
    "190",
    sentence_index=1,
    location=CHINA,
)


def _read(text: str, columns: list[str]) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    assert all(len(r) == len(columns) for r in rows)
    return [dict(zip(columns, r, strict=True)) for r in rows]


def _check(row: dict[str, str], expected: dict[str, str]) -> None:
    for col, value in expected.items():
        assert row[col] == value, col
    unknown = {c for c in row if c not in expected}
    assert {c: row[c] for c in unknown} == dict.fromkeys(unknown, "")


def test_columns_are_the_codebook_layout() -> None:
    assert len(GDELT_EVENT_COLUMNS) == 61 == len(set(GDELT_EVENT_COLUMNS))
    assert GDELT_EVENT_COLUMNS[:6] == [
        "GlobalEventID",
        "Day",
        "MonthYear",
        "Year",
        "FractionDate",
        "Actor1Code",
    ]
    assert GDELT_EVENT_COLUMNS[25:36] == [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
        "Actor1Geo_Type",
    ]
    assert GDELT_EVENT_COLUMNS[-10:] == [
        "ActionGeo_Type",
        "ActionGeo_FullName",
        "ActionGeo_CountryCode",
        "ActionGeo_ADM1Code",
        "ActionGeo_ADM2Code",
        "ActionGeo_Lat",
        "ActionGeo_Long",
        "ActionGeo_FeatureID",
        "DATEADDED",
        "SOURCEURL",
    ]
    assert len(GDELT_MENTION_COLUMNS) == 16 == len(set(GDELT_MENTION_COLUMNS))
    assert WRITERS["gdelt"] is write_gdelt_events


def test_events_rows() -> None:
    out = io.StringIO(newline="")
    assert write_gdelt_events([E1, E2, E3], out) == 3
    text = out.getvalue()
    assert text.endswith("\n") and "\r" not in text and text.count("\n") == 3
    r1, r2, r3 = _read(text, GDELT_EVENT_COLUMNS)

    _check(
        r1,
        {
            "GlobalEventID": str(2**62),  # (2**63 + 1) >> 1
            "Day": "20210819",
            "MonthYear": "202108",
            "Year": "2021",
            "FractionDate": "2021.6329",  # 19 August is day 231; 2021 + 231/365
            "Actor1Code": "CHNGOV",
            "Actor1Name": "CHINA",
            "Actor1CountryCode": "CHN",
            "Actor1Type1Code": "GOV",
            "Actor2Code": "JPN",
            "Actor2Name": "JAPAN",
            "Actor2CountryCode": "JPN",
            "IsRootEvent": "1",
            "EventCode": "138",
            "EventBaseCode": "138",
            "EventRootCode": "13",
            "QuadClass": "3",
            "GoldsteinScale": "-4.4",
            "NumMentions": "3",
            "NumSources": "2",
            "NumArticles": "4",
            "ActionGeo_Type": "4",
            "ActionGeo_FullName": "Tokyo",
            "ActionGeo_CountryCode": "JA",
            "ActionGeo_Lat": "35.6895",
            "ActionGeo_Long": "139.6917",
            "ActionGeo_FeatureID": "1850147",
            "DATEADDED": "20210820000000",
            "SOURCEURL": "https://example.org/a",
        },
    )
    _check(
        r2,
        {
            "GlobalEventID": "127",  # 0xff >> 1
            "Actor1Code": "IGOUNO",
            "Actor1Name": "UNITED NATIONS",
            "Actor1KnownGroupCode": "UNO",
            "Actor1Type1Code": "IGO",
            "Actor2Code": "USAMIL",
            "Actor2Name": "U.S. TROOPS",
            "Actor2CountryCode": "USA",
            "Actor2Type1Code": "MIL",
            "IsRootEvent": "0",
            "EventCode": "0231",
            "EventBaseCode": "023",
            "EventRootCode": "02",
            "QuadClass": "3",
            "GoldsteinScale": "-4.4",
            "NumMentions": "1",
            "NumSources": "1",
            "NumArticles": "1",
            "ActionGeo_Type": "2",
            "ActionGeo_FullName": "Texas",
            "ActionGeo_CountryCode": "US",
            "ActionGeo_ADM1Code": "USTX",
            "ActionGeo_FeatureID": "4736286",
        },
    )
    _check(
        r3,
        {
            "GlobalEventID": str(int(hashlib.sha1(b"evt-3").hexdigest()[:16], 16) >> 1),
            "Day": "20200101",
            "MonthYear": "202001",
            "Year": "2020",
            "FractionDate": "2020.0027",  # 1/365
            "Actor1Code": "IGOEUREECGOV",
            "Actor1Name": "EUROPEAN UNION",  # the tab would have split the row
            "Actor1KnownGroupCode": "EEC",
            "Actor1Type1Code": "IGO",
            "Actor1Type2Code": "GOV",
            "IsRootEvent": "0",
            "EventCode": "190",
            "EventBaseCode": "190",
            "EventRootCode": "19",
            "QuadClass": "3",
            "GoldsteinScale": "-4.4",
            "NumMentions": "1",
            "NumSources": "1",
            "NumArticles": "1",
            "ActionGeo_Type": "1",
            "ActionGeo_FullName": "China",
            "ActionGeo_CountryCode": "CH",
            "ActionGeo_ADM1Code": "CH",
            "ActionGeo_Lat": "35",
            "ActionGeo_Long": "105",
            "ActionGeo_FeatureID": "1814991",
            "DATEADDED": "20200101000000",
        },
    )


@pytest.mark.parametrize(
    ("kind", "country", "gtype", "fips"),
    [
        ("city", "USA", "3", "US"),
        ("city", "FRA", "4", "FR"),
        ("region", "GBR", "5", "UK"),
        ("sea", None, "5", ""),
        ("island", "JPN", "5", "JA"),
        ("country", "KOS", "1", "KV"),
        ("country", "DEU", "1", "GM"),
    ],
)
def test_action_geo_type_and_fips(kind: str, country: str | None, gtype: str, fips: str) -> None:
    loc = Location("x", "Somewhere", kind, country, 1.5, -2.25)
    row = dict(zip(GDELT_EVENT_COLUMNS, gdelt_event_row(replace(E1, location=loc)), strict=True))
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"]) == (gtype, fips)
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FeatureID"]) == (
        "1.5",
        "-2.25",
        "",
    )


def test_no_location_leaves_geo_empty() -> None:
    row = dict(zip(GDELT_EVENT_COLUMNS, gdelt_event_row(replace(E1, location=None)), strict=True))
    assert all(row[c] == "" for c in GDELT_EVENT_COLUMNS if "Geo_" in c)


def test_mentions_rows() -> None:
    m1 = Mention(
        event_id=E1.id,
        article_id="art-1",
        sentence_index=0,
        sentence="China warned Japan.",
        trigger=Span("warned", 106, 112),
        rule="test.rule",
        confidence=0.87,
        url="https://www.Reuters.com/world/asia/x",
        published=date(2021, 8, 19),
        added=datetime(2021, 8, 20, 13, 5, 9),
        doc_length=2611,
    )
    m2 = Mention(
        event_id=E2.id,
        article_id="art-2",
        sentence_index=4,
        sentence="The U.N. appealed.",
        trigger=Span("appealed", 9, 17),
        rule="test.rule",
        confidence=0.5,
        source="bbc.co.uk",
        published=date(2021, 8, 21),
    )
    out = io.StringIO(newline="")
    assert write_gdelt_mentions([(E1, m1), (E2, m2)], out) == 2
    text = out.getvalue()
    assert text.count("\n") == 2 and "\r" not in text
    r1, r2 = _read(text, GDELT_MENTION_COLUMNS)
    _check(
        r1,
        {
            "GlobalEventID": str(2**62),
            "EventTimeDate": "20210819000000",
            "MentionTimeDate": "20210820130509",
            "MentionType": "1",
            "MentionSourceName": "reuters.com",
            "MentionIdentifier": "https://www.Reuters.com/world/asia/x",
            "SentenceID": "1",
            "ActionCharOffset": "106",
            "InRawText": "1",
            "Confidence": "87",
            "MentionDocLen": "2611",
        },
    )
    _check(
        r2,
        {
            "GlobalEventID": "127",
            "MentionTimeDate": "20210821000000",  # E2 has no date: EventTimeDate empty
            "MentionType": "1",
            "MentionSourceName": "bbc.co.uk",
            "MentionIdentifier": "art-2",
            "SentenceID": "5",
            "ActionCharOffset": "9",
            "InRawText": "1",
            "Confidence": "50",
        },
    )
