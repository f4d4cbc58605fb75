"""PETRARCH/CAMEO dictionary reader: hand-written snippets, then the real Phoenix files."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from dyad.coding.actors import ActorResolver, Term
from dyad.coding.petrarch import (
    DictEntry,
    load_dictionaries,
    read_actor_dictionary,
    read_agent_dictionary,
)
from dyad.errors import DataFileError

PHOENIX = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
PHOENIX = PHOENIX / "petrarch2-dictionaries"


def _resolver() -> ActorResolver:
    return ActorResolver(lambda s: s.replace("'", " '").split())


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _term(res: ActorResolver, text: str, when: date | None = None) -> Term | None:
    found = res.matches(text.split(), when)
    return found[0][2] if found and found[0][:2] == (0, len(text.split())) else None


def _codes(entries: list[DictEntry]) -> dict[str, set[tuple[str | None, str | None]]]:
    out: dict[str, set[tuple[str | None, str | None]]] = {}
    for e in entries:
        out.setdefault(e.phrase, set()).add((e.code, e.sector))
    return out


def test_plain_actor_and_synonyms(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "a.actors.txt",
        "# header\n\nAFGHANISTAN_  [AFG]\n+AFGHAN_ \n+KABUL_  # capital\n+MAZAR-I-SHARIF_\n",
    )
    entries = list(read_actor_dictionary(path))
    assert [e.phrase for e in entries] == ["afghanistan", "afghan", "kabul", "mazar-i-sharif"]
    assert {(e.code, e.sector, e.start, e.end, e.name) for e in entries} == {
        ("AFG", None, None, None, "afghanistan")
    }
    assert entries[0].source == f"{path}:3"
    assert entries[2].source == f"{path}:5"


def test_codes_split_into_code_and_plover_sector(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "a.actors.txt",
        "US_ARMY_ [USAMIL]\n"
        "ICJ_\t[IGOUNOJUDICJ]# NGO_Actors\n"
        "EUROPEAN_UNION_ [IGOEUREEC]\n"
        "OPEC_ [IGOBUSOPC]\n"
        "REUTERS\n\t[MED]\n"
        "MSF_ [NGOHLH]\n"
        "ABU_NIDAL_ORGANIZATION [IMGMUSALQ]\n"
        "KOREAN_MINISTER_ [KORGOVBUS]\n",
    )
    assert _codes(list(read_actor_dictionary(path))) == {
        "us army": {("USA", "MIL")},
        "icj": {("UNO", "JUD")},  # IGOUNO is dyad's UNO
        "european union": {("EUR", None)},
        "opec": {("IGO", "BUS")},
        "reuters": {(None, "JRN")},  # CAMEO MED is the media
        "msf": {("NGO", "MED")},  # CAMEO HLH is PLOVER's MED
        "abu nidal organization": {("IMG", None)},  # MUS is a religion, ALQ a group
        "korean minister": {("KOR", "GOV")},  # the first role wins
    }


def test_date_ranged_person_with_two_roles(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "p.actors.txt",
        "HAMID_KARZAI_  # CountryInfo.txt\n"
        "+PRESIDENT_KARZAI_\n"
        "\t[AFGELI 750101-011221]\n"
        "\t[AFGGOV 011222-20140929]\n"
        "\t[AFGELI]\n",
    )
    entries = list(read_actor_dictionary(path))
    gov = [e for e in entries if e.phrase == "hamid karzai" and e.sector == "GOV"]
    assert [(g.start, g.end) for g in gov] == [(date(2001, 12, 22), date(2014, 9, 29))]
    res = _resolver()
    assert load_dictionaries(res, tmp_path) == 6
    for when, sector in [
        (date(1990, 1, 1), "ELI"),
        (date(2005, 6, 1), "GOV"),
        (date(2014, 9, 29), "GOV"),  # limits are inclusive
        (date(2016, 1, 1), "ELI"),  # no restriction holds: the default
        (None, "GOV"),  # date unknown: the latest dated role
    ]:
        for phrase in ("Hamid Karzai", "President Karzai"):
            term = _term(res, phrase, when)
            assert term is not None and (term.code, term.sector) == ("AFG", sector), when


def test_before_after_and_two_digit_years(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "p.actors.txt",
        "VLADIMIR_PUTIN_\n\t[RUSELI <990809]\n\t[RUSGOV >20000507]\n"
        "OLD_TIMER_\n\t[XXXELI 310101-300101]\n",
    )
    spans = {(e.phrase, e.sector): (e.start, e.end) for e in read_actor_dictionary(path)}
    assert spans[("vladimir putin", "ELI")] == (None, date(1999, 8, 9))
    assert spans[("vladimir putin", "GOV")] == (date(2000, 5, 7), None)
    # 31-99 are 19YY, 00-30 are 20YY (PETRARCH's pivot)
    assert spans[("old timer", "ELI")] == (date(1931, 1, 1), date(2030, 1, 1))


def test_uncoded_phrases_share_the_next_codes_and_null_code_ends_a_record(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        "c.actors.txt",
        "CROATIA_ [HRV]\n# Presidents\nIVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\n"
        "\t[HRVGOV >20100218]\n"
        "INDIAN_OCEAN  [---]\nLOK_SABHA\n+RAJYA_SABHA\n\t[INDGOVLEG]\n",
    )
    skipped: Counter[str] = Counter()
    assert _codes(list(read_actor_dictionary(path, skipped))) == {
        "croatia": {("HRV", None)},
        "ivo josipovic": {("HRV", "GOV")},
        "president josipovic": {("HRV", "GOV")},
        "lok sabha": {("IND", "GOV")},  # INDGOVLEG: the first role wins
        "rajya sabha": {("IND", "GOV")},
    }
    assert skipped["null code [---]"] == 1


def test_several_codes_on_one_line(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "i.actors.txt",
        "ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# US Sec of Agri.\n"
        "KOFI_ANNAN_\t\n+K._ANNAN_\n\t[IGOUNO 970101-061231] \n\t[ELI]# IGOrulers.txt\n",
    )
    res = _resolver()
    load_dictionaries(res, tmp_path)
    assert (t := _term(res, "Ann Veneman", date(2003, 1, 1))) and t.code == "USA"
    assert (t := _term(res, "Ann Veneman", date(2008, 1, 1))) and t.code == "UNO"
    assert (t := _term(res, "K. Annan", date(2000, 1, 1))) and (t.code, t.sector) == ("UNO", None)
    assert (t := _term(res, "Kofi Annan", date(2010, 1, 1))) and (t.code, t.sector) == (None, "ELI")
    assert t.name == "Kofi Annan"


def test_comments(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "c.actors.txt",
        "<!-- a header\nUSA_ [USA]\nstill a comment -->\n"
        "# FRANCE_ [FRA]\n"
        "GERMANY_ [DEU] <!-- inline --> ; legacy comment\n"
        "CHINA_ [CHN] # PAS\n"
        "---STOP---\n"
        "JAPAN_ [JPN]\n",
    )
    assert _codes(list(read_actor_dictionary(path))) == {
        "germany": {("DEU", None)},
        "china": {("CHN", None)},
    }


def test_agent_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "x.agents.txt",
        "# CAMEO agents\n"
        "!PERSON! = MAN, WOMAN\n"
        "POLICE {} [~COP]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG] # mj 05 Jan 2006\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "JOURNALIST [~MED]\n"
        "ISLAMIC_MILITANT [~MUSUAF]\n"
        "MUSLIM [~MUS]\n"
        "HUMAN_RIGHTS_BODY  [NGO~]\n"
        "ISLAMIC_EXTREMIST\n",
    )
    skipped: Counter[str] = Counter()
    assert set(read_agent_dictionary(path, skipped)) == {
        ("police", "COP"),
        ("attorney general", "GOV"),
        ("attorneys general", "GOV"),
        ("congressman", "LEG"),
        ("congresswoman", "LEG"),
        ("journalist", "JRN"),
        ("islamic militant", "UAF"),
    }
    assert skipped["agent code [~MUS] without a PLOVER sector"] == 1
    assert skipped["agent code [NGO~] without a PLOVER sector"] == 1
    assert skipped["agent without a code"] == 1


def test_harmless_oddities_are_counted(tmp_path: Path) -> None:
    actors = _write(
        tmp_path,
        "o.actors.txt",
        "FAROE_ISLANDS_ [FRO]\n+FAEROYENE]_\n"
        "A.H._BELO_ [MNCMED]\tNewspapers/Magazines\n"
        "MILO_DJUKANOVIC_\n\t[MNEGOV 20121204]\n\t[MNEELI 2004017-20061201]\n",
    )
    agents = _write(tmp_path, "o.agents.txt", "DEPARMENT_OF_ENVIRONMENT [~GOV}\n")
    skipped: Counter[str] = Counter()
    assert _codes(list(read_actor_dictionary(actors, skipped))) == {
        "faroe islands": {("FRO", None)},
        "faeroyene": {("FRO", None)},
        "a.h. belo": {("MNC", "JRN")},
    }
    assert list(read_agent_dictionary(agents, skipped)) == [("deparment of environment", "GOV")]
    assert skipped == Counter(
        {
            "stray ']'": 1,
            "text after the codes": 1,
            "unreadable code or restriction": 1,
            "bad date": 1,
            "phrase without a usable code": 1,
            "'[' closed by '}'": 1,
        }
    )


def test_unclosed_bracket_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.actors.txt", "# x\nCHINA_ [CHN]\nJAPAN_ [JPN\n")
    with pytest.raises(DataFileError, match=re.escape(f"{path}:3: unclosed '['")):
        list(read_actor_dictionary(path))
    agents = _write(tmp_path, "bad.agents.txt", "POLICE [~COP]\nTROOP {TROOPS [~MIL]\n")
    with pytest.raises(DataFileError, match=re.escape(f"{agents}:2: unclosed '{{'")):
        list(read_agent_dictionary(agents))


def test_load_dictionaries_adds_actors_and_agents(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "my.actors.txt",
        "AFGHANISTAN_ [AFG]\n+AFGHAN_\nUN_ [IGOUNO]\nU.N._\nUNITED_NATIONS_ [IGOUNO]\n",
    )
    _write(tmp_path, "my.agents.txt", "POLICE {} [~COP]\n")
    _write(tmp_path, "CAMEO.2.0.txt", "this is a verbs file [010]\n[unclosed\n")
    res = _resolver()
    assert load_dictionaries(res, tmp_path) == 6
    actor = res.resolve_words(["Afghan", "police"], ["afghan", "police"], head=1)
    assert actor is not None and (actor.code, actor.sector) == ("AFG", "COP")
    assert (t := _term(res, "U.N.")) and t.code == "UNO" and t.kind == "dictionary"
    assert (t := _term(res, "UN")) and t.name == "UN"
    assert _term(res, "un") is None  # short acronyms match only in capitals


def test_load_dictionaries_leaves_resolver_alone_on_error(tmp_path: Path) -> None:
    _write(tmp_path, "a.actors.txt", "AFGHANISTAN_ [AFG]\n")
    _write(tmp_path, "b.agents.txt", "POLICE [~COP\n")
    res = _resolver()
    with pytest.raises(DataFileError, match=re.escape("b.agents.txt:1: unclosed '['")):
        load_dictionaries(res, tmp_path)
    assert res.matches(["Afghanistan"]) == [] and res.agents == {}


def test_load_dictionaries_needs_dictionary_files(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not a folder"):
        load_dictionaries(_resolver(), tmp_path / "missing")
    _write(tmp_path, "notes.txt", "AFGHANISTAN_ [AFG]\n")
    with pytest.raises(DataFileError, match="no"):
        load_dictionaries(_resolver(), tmp_path)


@pytest.mark.shared
def test_phoenix_dictionaries() -> None:
    if not PHOENIX.is_dir():
        pytest.skip(f"PETRARCH dictionaries are absent ({PHOENIX})")
    res = _resolver()
    skipped: Counter[str] = Counter()
    added = load_dictionaries(res, PHOENIX, skipped)
    assert added > 40_000
    assert sum(skipped.values()) < 0.01 * added

    def code(text: str, when: date | None = None) -> tuple[str | None, str | None]:
        term = _term(res, text, when)
        assert term is not None, text
        return term.code, term.sector

    # Read by hand in the files:
    assert code("Afghanistan") == ("AFG", None)  # Countries: AFGHANISTAN_  [AFG]
    assert code("Kabul") == ("AFG", None)  # +KABUL_
    assert code("UN") == ("UNO", None)  # International: UN_ [IGOUNO]
    assert code("the European Union") == ("EUR", None)  # +THE_EUROPEAN_UNION [IGOEUREEC]
    assert code("Reuters") == (None, "JRN")  # REUTERS / [MED]
    assert code("Angry Brigade") == ("ITA", "REB")  # MilNonState: ANGRY_BRIGADE_ [ITAREB]
    # VLADIMIR_PUTIN_: [RUSELI 700101-990809] [RUSGOV 991231-080507] [RUSGOV >080508] [RUSELI]
    assert code("Vladimir Putin", date(1995, 1, 1)) == ("RUS", "ELI")
    assert code("President Putin", date(2005, 1, 1)) == ("RUS", "GOV")
    assert code("Putin", date(2015, 1, 1)) == ("RUS", "GOV")
    # KOFI_ANNAN_: [IGOUNO 970101-061231] [ELI]
    assert code("Kofi Annan", date(2000, 1, 1)) == ("UNO", None)
    assert code("Kofi Annan", date(2010, 1, 1)) == (None, "ELI")
    # Agents: POLICE {} [~COP]; JOURNALIST [~MED]; FOREIGN_!MINIST! [~GOV]
    assert res.agents[("police",)] == "COP"
    assert res.agents[("journalist",)] == "JRN"
    assert res.agents[("foreign", "ministry")] == "GOV"
