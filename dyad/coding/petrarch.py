"""Reader for user-supplied PETRARCH/CAMEO actor and agent dictionaries.

Lets a user bring the large Phoenix/PETRARCH dictionaries (or their own in that format) into
dyad's :class:`~dyad.coding.actors.ActorResolver` instead of re-typing them as TSV tables.

Actor files (PETRARCH's ``read_actor_dictionary``, TABARI heritage) hold records::

    HAMID_KARZAI_  # comment          primary phrase, optionally with [codes] on the line
    +KARZAI_                          synonyms share the record's codes
        [AFGGOV >011222]              indented code lines: a code with a date restriction
        [AFGELI]                      a code without one is the default

A restriction is ``<date`` (up to and including), ``>date`` (from, inclusive) or
``date-date``; dates are YYMMDD or YYYYMMDD. Two-digit years follow PETRARCH and KEDS/TABARI:
00-30 are 20YY, 31-99 are 19YY. (A 00-49 pivot would put the 1931-49 birth years that
CountryInfo uses for ``ELI`` ranges in the 2030s and reverse 805 ranges of the Phoenix files.)
Consecutive primary phrases with no code of their own share the codes that follow them, as in
PETRARCH (``IVO_JOSIPOVIC_`` / ``PRESIDENT_JOSIPOVIC_`` / ``[HRVGOV >20120219]``).

Agent files hold ``PHRASE {plural} [~CODE]`` lines and ``!MARKER! = A, B`` substitution sets.

Comments are ``#`` or ``;`` to the end of the line and ``<!-- ... -->``; ``---STOP---``
ends a file. Phrases use ``_`` or space between words; they become lower case with spaces.
Only a clearly malformed line (a ``[`` or ``{`` never closed) raises
:class:`~dyad.errors.DataFileError`; harmless oddities are skipped and counted by reason in
the optional ``skipped`` counter, so a large third-party file still loads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dyad.coding.actors import ActorResolver, Term
from dyad.errors import DataFileError

__all__ = ["DictEntry", "load_dictionaries", "read_actor_dictionary", "read_agent_dictionary"]

# CAMEO role codes that name a PLOVER sector. CAMEO's MED is the media (PLOVER JRN); PLOVER's
# MED is health (CAMEO HLH). Religion codes (MUS, CHR, ...) name adherents as often as clergy,
# and ENV covers environment ministries as well as activists, so they give no sector.
SECTORS: dict[str, str] = {
    **{c: c for c in ("AGR", "BUS", "COP", "CRM", "CVL", "EDU", "ELI", "GOV", "JUD", "LAB")},
    **{c: c for c in ("LEG", "MIL", "OPP", "PTY", "REB", "REF", "REL", "SPY", "UAF")},
    "MED": "JRN",
    "HLH": "MED",
    "INS": "REB",
    "SEP": "REB",
    "HRI": "CVL",
}
# CAMEO prefixes that dyad codes with their own PLOVER non-state code (see igos.tsv).
PLOVER_CODES: dict[str, str] = {"IGOUNO": "UNO", "IGOEUREEC": "EUR"}
PIVOT_YEAR = 30  # two-digit years up to this are 20YY, above it 19YY

_MARKER_DEF = re.compile(r"!([^!\s]+)!\s*=\s*(.*)")
_MARKER_USE = re.compile(r"!([^!\s]+)!")
_RESTRICTION = re.compile(
    r"(?P<code>[^\s<>]+)(?:\s*(?P<op>[<>])\s*(?P<date>\d+)|\s+(?P<a>\d+)\s*-\s*(?P<b>\d+))?"
)


@dataclass(frozen=True, slots=True)
class DictEntry:
    """One phrase with one (possibly date-restricted) code of an actor dictionary."""

    phrase: str  # "hamid karzai": lower case, words separated by single spaces
    code: str | None  # country or non-state code as written ("AFG", "IGO"), UNO/EUR mapped
    sector: str | None  # PLOVER sector of the first CAMEO role code after the country
    start: date | None
    end: date | None
    source: str  # "file:line" of the phrase
    name: str  # the record's primary phrase, for display ("kabul" is named "afghanistan")


@dataclass(frozen=True, slots=True)
class _Code:
    code: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None


@dataclass
class _Record:
    phrases: list[tuple[str, int]] = field(default_factory=list)
    codes: list[_Code] = field(default_factory=list)
    coded: bool = False  # any [...] seen, usable or not ([---] ends a record too)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines with comments removed, numbered as in the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc
    in_comment = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail.split("-->", 1)[1]
            else:
                line, in_comment = head, True
        line = re.split(r"[#;]", line, maxsplit=1)[0]
        if "---STOP---" in line:
            return
        if line.strip():
            yield lineno, line


def _phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).lower()


def _split_line(line: str, where: str, skipped: Counter[str]) -> tuple[str, list[str]]:
    """The text before the first ``[`` and the contents of each ``[...]`` on the line.

    A ``[`` or ``{`` that is never closed is an error; a stray ``]`` or ``}`` is dropped.
    """
    head: list[str] = []
    after: list[str] = []
    codes: list[str] = []
    in_brace = False
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "[":
            ends = [k for k in (line.find("]", i), line.find("}", i)) if k >= 0]
            if not ends or "[" in line[i + 1 : min(ends)]:
                raise DataFileError(f"{where}: unclosed '[' in {line.strip()!r}")
            if line[min(ends)] == "}":
                skipped["'[' closed by '}'"] += 1
            codes.append(line[i + 1 : min(ends)].strip())
            i = min(ends) + 1
            continue
        if ch == "]" or (ch == "}" and not in_brace):
            skipped[f"stray '{ch}'"] += 1
        else:
            if ch == "{" and in_brace:
                break
            in_brace = (in_brace or ch == "{") and ch != "}"
            (after if codes else head).append(ch)
        i += 1
    if in_brace or i < len(line):
        raise DataFileError(f"{where}: unclosed '{{' in {line.strip()!r}")
    if "".join(after).strip():
        skipped["text after the codes"] += 1
    return "".join(head), codes


def _day(digits: str) -> date | None:
    """YYMMDD or YYYYMMDD, else None."""
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= PIVOT_YEAR else 1900 + yy
    elif len(digits) == 8:
        year = int(digits[:4])
    else:
        return None
    try:
        return date(year, int(digits[-4:-2]), int(digits[-2:]))
    except ValueError:
        return None


def _split_code(raw: str) -> tuple[str | None, str | None]:
    """(code, sector) of a CAMEO code: ``AFGGOV`` -> (AFG, GOV); ``ELI`` -> (None, ELI)."""
    raw = raw.upper()
    chunks = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    if chunks[0] in SECTORS:
        code, roles = None, chunks
    else:
        mapped = [v for k, v in PLOVER_CODES.items() if raw.startswith(k)]
        code, roles = (mapped[0] if mapped else chunks[0]), chunks[1:]
    return code, next((SECTORS[r] for r in roles if r in SECTORS), None)


def _parse_code(text: str, skipped: Counter[str]) -> _Code | None:
    m = _RESTRICTION.fullmatch(text)
    if m is None:
        skipped["unreadable code or restriction"] += 1
        return None
    if set(m["code"]) == {"-"}:
        skipped["null code [---]"] += 1
        return None
    code, sector = _split_code(m["code"])
    start = end = None
    if m["op"]:
        day = _day(m["date"])
        if day is None:
            skipped["bad date"] += 1
            return None
        start, end = (day, None) if m["op"] == ">" else (None, day)
    elif m["a"]:
        start, end = _day(m["a"]), _day(m["b"])
        if start is None or end is None or end < start:
            skipped["bad date"] += 1
            return None
    return _Code(code, sector, start, end)


def _entries(record: _Record, path: Path, skipped: Counter[str]) -> Iterator[DictEntry]:
    if not record.codes:
        skipped["phrase without a usable code"] += len(record.phrases)
        return
    # The resolver takes the first term in office (every term when the date is unknown):
    # dated codes go first, latest start first, so the default applies only when no
    # restriction holds (as in PETRARCH) and an undated article gets the latest role.
    codes = sorted(
        record.codes,
        key=lambda c: (c.start is None and c.end is None, -(c.start or date.min).toordinal()),
    )
    name = record.phrases[0][0]
    seen: set[str] = set()
    for phrase, lineno in record.phrases:
        if phrase in seen:
            continue
        seen.add(phrase)
        for c in codes:
            yield DictEntry(phrase, c.code, c.sector, c.start, c.end, f"{path}:{lineno}", name)


def read_actor_dictionary(path: Path, skipped: Counter[str] | None = None) -> Iterator[DictEntry]:
    """Every (phrase, code) pair of an actor file, synonyms expanded."""
    skipped = Counter() if skipped is None else skipped
    record: _Record | None = None
    for lineno, line in _lines(path):
        text = line.strip()
        head, raw_codes = _split_line(text, f"{path}:{lineno}", skipped)
        codes = [c for c in (_parse_code(r, skipped) for r in raw_codes) if c is not None]
        if text.startswith("["):
            if record is None:
                skipped["code line before any phrase"] += 1
                continue
        elif text.startswith("+"):
            if record is None:
                skipped["synonym before any phrase"] += 1
                continue
            # "+A_+B_" (a lost line break) is two synonyms.
            record.phrases += [(p, lineno) for p in map(_phrase, head.split("+")) if p]
        else:
            if record is None or record.coded:
                if record is not None:
                    yield from _entries(record, path, skipped)
                record = _Record()
            if "{" in head:
                skipped["{...} in an actor phrase"] += 1
                head = re.sub(r"\{[^}]*\}", " ", head)
            if _phrase(head):
                record.phrases.append((_phrase(head), lineno))
        record.codes += codes
        record.coded = record.coded or bool(raw_codes)
    if record is not None:
        yield from _entries(record, path, skipped)


def _expand(phrase: str, markers: dict[str, list[str]], skipped: Counter[str]) -> list[str]:
    """``CONGRESS!PERSON!`` -> CONGRESSMAN, CONGRESSWOMAN, ... (no plurals added)."""
    m = _MARKER_USE.search(phrase)
    if m is None:
        return [phrase]
    if m.group(1) not in markers:
        skipped["undefined !marker!"] += 1
        return []
    out: list[str] = []
    for sub in markers[m.group(1)]:
        out += _expand(phrase[: m.start()] + sub + phrase[m.end() :], markers, skipped)
    return out


def read_agent_dictionary(
    path: Path, skipped: Counter[str] | None = None
) -> Iterator[tuple[str, str]]:
    """(phrase, PLOVER sector) for each agent form, explicit ``{plurals}`` included.

    Regular plurals are not generated: dyad looks agents up by lemma. Agents whose code has
    no PLOVER sector (``~PPL``, ``~MUS``, ``IGO~``) are skipped.
    """
    skipped = Counter() if skipped is None else skipped
    markers: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for lineno, line in _lines(path):
        text = line.strip()
        m = _MARKER_DEF.fullmatch(text)
        if m:
            markers[m.group(1)] = [s.strip() for s in m.group(2).split(",") if s.strip()]
            continue
        head, codes = _split_line(text, f"{path}:{lineno}", skipped)
        if not codes:
            skipped["agent without a code"] += 1
            continue
        roles = codes[0].replace("~", "").upper()
        chunks = [roles[i : i + 3] for i in range(0, len(roles), 3)]
        sector = next((SECTORS[c] for c in chunks if c in SECTORS), None)
        if sector is None:
            skipped[f"agent code [{codes[0]}] without a PLOVER sector"] += 1
            continue
        forms = [head]
        if "{" in head:
            forms = [head[: head.index("{")], head[head.index("{") + 1 : head.index("}")]]
        for form in forms:
            for expanded in _expand(form, markers, skipped):
                phrase = _phrase(expanded)
                if phrase and (phrase, sector) not in seen:
                    seen.add((phrase, sector))
                    yield phrase, sector


def _acronym(phrase: str) -> bool:
    return " " not in phrase and ("." in phrase or (len(phrase) <= 3 and phrase.isalpha()))


def _title(phrase: str) -> str:
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in phrase.split())


def _surface(phrase: str) -> str:
    """The form given to the resolver, which matches short phrases in capitals or with dots
    only as written: acronyms in capitals ("US", "U.N."; not the pronoun "us"), other short
    dotted phrases in title case ("K. Annan")."""
    if _acronym(phrase):
        return phrase.upper()
    return _title(phrase) if "." in phrase and len(phrase) <= 8 else phrase


def _display(phrase: str) -> str:
    """A name for output: "un" -> "UN", "u.n." -> "U.N.", "al-qaeda" -> "Al-Qaeda"."""
    return phrase.upper() if _acronym(phrase) else _title(phrase)


def load_dictionaries(
    resolver: ActorResolver, folder: Path, skipped: Counter[str] | None = None
) -> int:
    """Add the ``*actors*.txt`` and ``*agents*.txt`` files of ``folder`` to ``resolver``.

    Every file is read before any entry is added, so a malformed file leaves the resolver as
    it was. Returns the number of entries handed to the resolver (which ignores phrases
    longer than its window). Agents replace the resolver's own sector for the same words.
    """
    skipped = Counter() if skipped is None else skipped
    if not folder.is_dir():
        raise DataFileError(f"{folder}: not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    agent_files = [p for p in files if "agents" in p.name.lower()]
    actor_files = [p for p in files if "actors" in p.name.lower() and p not in agent_files]
    if not agent_files and not actor_files:
        raise DataFileError(f"{folder}: no *actors*.txt or *agents*.txt dictionary files")
    actors = [e for p in actor_files for e in read_actor_dictionary(p, skipped)]
    agents = [a for p in agent_files for a in read_agent_dictionary(p, skipped)]
    for e in actors:
        term = Term("dictionary", e.code, e.sector, _display(e.name), e.start, e.end)
        resolver.add(_surface(e.phrase), term)
    for phrase, sector in agents:
        resolver.add_agent(phrase, sector)
    return len(actors) + len(agents)
