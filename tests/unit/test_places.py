"""The offline gazetteer: places.tsv, countries and geonames cities; no spaCy model needed.

Expected coordinates and codes are geography (an atlas, GeoNames ids), not the program's output.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from dyad._data import data_path, read_tsv, split_cell
from dyad.context.places import KOSOVO, PLACE_KINDS, Gazetteer, load_gazetteer
from dyad.errors import DataFileError
from dyad.types import Location

PLACES = data_path("places", "places.tsv")
STOPLIST = data_path("places", "stoplist.txt")
CODES = {c.alpha_3 for c in pycountry.countries} | {KOSOVO}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _find(gaz: Gazetteer, text: str, context: frozenset[str] = frozenset()) -> Location:
    found = gaz.lookup(text, context)
    assert found is not None, text
    return found


def _near(loc: Location, lat: float, lon: float, tolerance: float) -> bool:
    assert loc.lat is not None and loc.lon is not None
    return abs(loc.lat - lat) <= tolerance and abs(loc.lon - lon) <= tolerance


# --- places.tsv -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["the Senkaku Islands", "Senkaku Islands", "Senkakus", "Diaoyu Islands", "Diaoyutai"]
)
def test_senkaku_islands_and_aliases(gaz: Gazetteer, text: str) -> None:
    loc = _find(gaz, text)
    assert loc.name == "Senkaku Islands"
    assert loc.kind == "island"
    assert loc.country_code == "JPN"  # administered by Japan, claimed by China and Taiwan
    assert _near(loc, 25.7, 123.5, 0.5)
    assert loc.geonameid is None
    assert loc.text == text


def test_east_china_sea_has_no_single_country(gaz: Gazetteer) -> None:
    loc = _find(gaz, "East China Sea")
    assert loc.kind == "sea"
    assert loc.country_code is None
    assert _near(loc, 29.0, 125.0, 3.0)


def test_taiwan_strait(gaz: Gazetteer) -> None:
    loc = _find(gaz, "the Taiwan Strait")
    assert loc.name == "Taiwan Strait"
    assert loc.kind == "strait"
    assert loc.country_code is None
    assert _near(loc, 24.5, 119.5, 1.5)
    assert _find(gaz, "Formosa Strait").name == "Taiwan Strait"


def test_places_entry_beats_a_city_of_the_same_name(gaz: Gazetteer) -> None:
    # Gaza is also a city in GeoNames; the table's Gaza Strip wins.
    loc = _find(gaz, "Gaza")
    assert loc.name == "Gaza Strip"
    assert loc.kind == "disputed"


def test_places_entry_beats_a_country_name(gaz: Gazetteer) -> None:
    # pycountry lists Western Sahara as a territory; the table says Morocco administers it.
    loc = _find(gaz, "Western Sahara")
    assert loc.kind == "disputed"
    assert loc.country_code == "MAR"


# --- cities -----------------------------------------------------------------------------------


def test_beijing(gaz: Gazetteer) -> None:
    loc = _find(gaz, "Beijing")
    assert loc.kind == "city"
    assert loc.country_code == "CHN"
    assert loc.geonameid == 1816670
    assert _near(loc, 39.9, 116.4, 0.3)


def test_exonym_of_a_large_city(gaz: Gazetteer) -> None:
    assert _find(gaz, "Peking").geonameid == 1816670
    assert _find(gaz, "Bombay").country_code == "IND"


def test_paris_is_in_france_unless_the_article_is_about_the_us(gaz: Gazetteer) -> None:
    paris = _find(gaz, "Paris")
    assert (paris.country_code, paris.geonameid) == ("FRA", 2988507)
    assert _near(paris, 48.86, 2.35, 0.2)

    texas = _find(gaz, "Paris", frozenset({"USA"}))
    assert texas.country_code == "USA"
    assert _near(texas, 33.66, -95.56, 0.2)  # Paris, Texas

    both = _find(gaz, "Paris", frozenset({"USA", "FRA"}))
    assert both.country_code == "FRA"  # both mentioned: the larger city


def test_tripoli_in_lebanon_with_lebanon_in_context(gaz: Gazetteer) -> None:
    libya = _find(gaz, "Tripoli")
    assert libya.country_code == "LBY"
    assert _near(libya, 32.9, 13.2, 0.3)

    lebanon = _find(gaz, "Tripoli", frozenset({"LBN"}))
    assert lebanon.country_code == "LBN"
    assert _near(lebanon, 34.44, 35.85, 0.3)


def test_hyderabad_by_context(gaz: Gazetteer) -> None:
    assert _find(gaz, "Hyderabad").country_code == "IND"
    sindh = _find(gaz, "Hyderabad", frozenset({"PAK"}))
    assert sindh.country_code == "PAK"
    assert _near(sindh, 25.4, 68.4, 0.3)


def test_context_is_a_preference_not_a_filter(gaz: Gazetteer) -> None:
    assert _find(gaz, "Beijing", frozenset({"USA"})).country_code == "CHN"


def test_context_finds_a_city_by_its_other_spelling(gaz: Gazetteer) -> None:
    # GeoNames calls the Ukrainian port "Odesa"; "Odessa" alone is the Texan city's own name.
    odesa = _find(gaz, "Odessa", frozenset({"UKR"}))
    assert odesa.country_code == "UKR"
    assert _near(odesa, 46.48, 30.73, 0.3)


def test_city_in_kosovo_uses_the_project_code(gaz: Gazetteer) -> None:
    assert _find(gaz, "Pristina").country_code == KOSOVO


# --- countries and states ---------------------------------------------------------------------


def test_country_is_located_at_its_capital(gaz: Gazetteer) -> None:
    loc = _find(gaz, "Japan")
    assert loc.kind == "country"
    assert loc.country_code == "JPN"
    assert _near(loc, 35.7, 139.7, 0.3)  # Tokyo


@pytest.mark.parametrize(
    ("text", "code"),
    [("Russia", "RUS"), ("Russian Federation", "RUS"), ("Britain", "GBR"), ("Kosovo", KOSOVO)],
)
def test_country_names(gaz: Gazetteer, text: str, code: str) -> None:
    loc = _find(gaz, text)
    assert (loc.kind, loc.country_code) == ("country", code)


def test_abbreviations_match_only_as_written(gaz: Gazetteer) -> None:
    assert _find(gaz, "US").country_code == "USA"
    assert _find(gaz, "the U.S.").country_code == "USA"
    assert gaz.lookup("us") is None


def test_us_state_is_not_a_foreign_town(gaz: Gazetteer) -> None:
    # Florida is also a town in Cuba.
    loc = _find(gaz, "Florida")
    assert (loc.kind, loc.country_code) == ("region", "USA")
    # but "Washington" in news is the capital
    assert _find(gaz, "Washington").kind == "city"


# --- matching rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["BEIJING", "beijing", "  Beijing ", "the Beijing"])
def test_case_spacing_and_the_are_ignored(gaz: Gazetteer, text: str) -> None:
    assert _find(gaz, text).geonameid == 1816670


@pytest.mark.parametrize("text", ["the east china sea", "THE EAST CHINA SEA", "East  China Sea"])
def test_place_matching_ignores_case_and_the(gaz: Gazetteer, text: str) -> None:
    assert _find(gaz, text).name == "East China Sea"


def test_accents_are_ignored(gaz: Gazetteer) -> None:
    assert _find(gaz, "Sao Paulo").country_code == "BRA"
    assert _find(gaz, "São Paulo").country_code == "BRA"


@pytest.mark.parametrize("text", ["Xyzzyville", "", "   ", "the", "Atlantis Minor"])
def test_unknown_names(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


@pytest.mark.parametrize("text", ["Mobile", "Reading", "police", "Split", "Obama"])
def test_stoplist_words_are_not_cities(gaz: Gazetteer, text: str) -> None:
    # Each is a real town (Mobile, Alabama; Reading, England; Police, Poland; Split, Croatia;
    # Obama, Japan), but in news the word means something else.
    assert gaz.lookup(text) is None
    assert gaz.lookup(text, frozenset({"USA", "GBR", "POL", "HRV", "JPN"})) is None


def test_stoplist_keeps_accents(gaz: Gazetteer) -> None:
    assert gaz.lookup("Male") is None
    assert _find(gaz, "Malé").country_code == "MDV"


def test_no_stoplist_entry_resolves_to_a_city(gaz: Gazetteer) -> None:
    for line in STOPLIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found = gaz.lookup(line)
            assert found is None or found.kind != "city", line


def test_load_gazetteer_builds_once() -> None:
    assert load_gazetteer() is load_gazetteer()


# --- the data files ---------------------------------------------------------------------------


def _rows() -> list[tuple[int, dict[str, str]]]:
    return list(
        read_tsv(PLACES, ("name", "terms", "kind", "lat", "lon"), ("controlled_by", "claimed_by"))
    )


def test_every_places_row_is_valid() -> None:
    rows = _rows()
    assert len(rows) > 400
    for lineno, row in rows:
        where = f"places.tsv:{lineno}"
        assert row["kind"] in PLACE_KINDS, where
        assert -90.0 <= float(row["lat"]) <= 90.0, where
        assert -180.0 <= float(row["lon"]) <= 180.0, where
        for code in split_cell(row["controlled_by"]) + split_cell(row["claimed_by"]):
            assert code in CODES, f"{where}: {code}"


def test_every_places_term_finds_its_row(gaz: Gazetteer) -> None:
    for lineno, row in _rows():
        controlled = split_cell(row["controlled_by"])
        for term in [row["name"], *split_cell(row["terms"])]:
            loc = _find(gaz, term)
            assert loc.name == row["name"], f"places.tsv:{lineno}: {term!r} -> {loc.name!r}"
            assert loc.kind == row["kind"]
            assert loc.country_code == (controlled[0] if len(controlled) == 1 else None)
            assert (loc.lat, loc.lon) == (float(row["lat"]), float(row["lon"]))


def test_stoplist_header() -> None:
    text = STOPLIST.read_text(encoding="utf-8")
    assert "Written for dyad (MIT licence)" in text
    assert "Nice" not in text.splitlines()  # a real city, not a false friend


def test_a_real_city_named_like_a_word_is_kept(gaz: Gazetteer) -> None:
    assert _find(gaz, "Nice").country_code == "FRA"


HEADER = "name\tterms\tkind\tlat\tlon\tcontrolled_by\tclaimed_by\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Nowhere Sea\tNowhere Sea\tpuddle\t10\t10\t\t\n", "unknown kind"),
        ("Nowhere Sea\tNowhere Sea\tsea\t95\t10\t\t\n", "out of range"),
        ("Nowhere Sea\tNowhere Sea\tsea\tnorth\t10\t\t\n", "bad coordinate"),
        ("Nowhere Sea\tNowhere Sea\tsea\t10\t10\tXXX\t\n", "unknown country code"),
    ],
)
def test_bad_places_file_is_rejected(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "places.tsv"
    path.write_text(HEADER + line, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        Gazetteer.from_data(places=path)


def test_own_files(tmp_path: Path) -> None:
    places = tmp_path / "places.tsv"
    places.write_text(
        HEADER + "Nowhere Sea\tNowhere Sea|Nowhere\tsea\t10\t20\tJPN\t\n", encoding="utf-8"
    )
    stoplist = tmp_path / "stoplist.txt"
    stoplist.write_text("# none\nBeijing\n", encoding="utf-8")
    gaz = Gazetteer.from_data(places=places, stoplist=stoplist)
    loc = _find(gaz, "nowhere")
    assert (loc.name, loc.country_code, loc.lat, loc.lon) == ("Nowhere Sea", "JPN", 10.0, 20.0)
    assert gaz.lookup("Beijing") is None
    assert _find(gaz, "Mobile").country_code == "USA"  # Mobile, Alabama
