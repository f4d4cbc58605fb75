"""Actor resolution: noun phrases to a country or organisation code and a sector.

Tables (``dyad/data/actors``): pycountry's names plus the project's country terms
(aliases, demonyms, capitals, seats of government), IGOs, named national organisations,
parties, persons with their terms of office, and agent words that give a sector. All are
compiled into one phrase index keyed by lower-cased token sequences, tokenised by the same
spaCy tokenizer that tokenises the articles, so "U.S." or "China's" split the same way in both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from dyad._data import data_path, read_tsv, split_cell
from dyad.errors import DataFileError
from dyad.types import Actor

__all__ = ["ActorResolver", "Term", "load_resolver", "model_tokens"]

# Which kinds of term name the actor's code, strongest first.
_PROPER_KINDS = {"party", "org", "person"}
_CODE_RANK = {
    "person": 0,
    "party": 1,
    "org": 1,
    "igo": 2,
    "name": 3,
    "alias": 3,
    "seat": 3,
    "capital": 3,
    "demonym": 4,
    "dictionary": 5,
    "place": 6,
}
_MAX_WORDS = 7
_NAMED = {"person", "party", "org", "igo", "dictionary"}
# Pronouns: never resolved through the tables (the coder resolves them in context).
PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "him",
    "her",
    "them",
    "us",
    "who",
    "which",
    "that",
    "this",
    "these",
    "those",
}


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of the phrase index."""

    kind: str
    code: str | None
    sector: str | None
    name: str
    start: date | None = None
    end: date | None = None

    def in_office(self, when: date | None) -> bool:
        if when is None or (self.start is None and self.end is None):
            return True
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


Tokenize = Callable[[str], list[str]]


def _parse_day(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(f"{where}: bad date {value!r}") from None


class ActorResolver:
    """Phrase index over all actor tables; :meth:`resolve` turns tokens into an :class:`Actor`."""

    def __init__(self, tokenize: Tokenize) -> None:
        self._tokenize = tokenize
        # key -> list of (case_sensitive_form or None, Term)
        self._index: dict[tuple[str, ...], list[tuple[tuple[str, ...] | None, Term]]] = {}
        self._capitals: dict[tuple[tuple[str, ...], str], list[tuple[bool, ...]]] = {}
        self.agents: dict[tuple[str, ...], str] = {}

    # -- building ---------------------------------------------------------------------------
    def add(self, text: str, term: Term) -> None:
        words = tuple(self._tokenize(text))
        if not words or len(words) > _MAX_WORDS:
            return
        # Abbreviations ("US", "UN", "U.S.") only match as written, so "us" stays a pronoun.
        exact = words if (text.isupper() or "." in text) and len(text) <= 8 else None
        if exact is None and term.kind in _PROPER_KINDS:
            # Names of parties, organisations and people are proper nouns: "Labour" is the
            # party, "the labour market" is not. Their capitals must be there.
            caps = tuple(w[:1].isupper() for w in words)
            key = (tuple(w.lower() for w in words), term.name)
            # One pattern per way the name is written ("al-Qaeda", "Al-Qaeda"); a lower-case
            # spelling of it lifts the requirement.
            self._capitals.setdefault(key, []).append(caps)
        self._index.setdefault(tuple(w.lower() for w in words), []).append((exact, term))

    def add_agent(self, text: str, sector: str) -> None:
        words = tuple(w.lower() for w in self._tokenize(text))
        if words:
            self.agents[words] = sector

    @classmethod
    def from_data(cls, tokenize: Tokenize, folder: Path | None = None) -> ActorResolver:
        import pycountry

        folder = folder or data_path("actors")
        res = cls(tokenize)
        names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
        names["KOS"] = "Kosovo"
        rows = list(read_tsv(folder / "countries.tsv", ("code", "term", "kind")))
        # The project's own "name" line is the display name ("Taiwan", not pycountry's
        # "Taiwan, Province of China").
        for _, row in reversed(rows):
            if row["kind"] == "name" and row["code"] in names:
                names[row["code"]] = row["term"]
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    res.add(value, Term("name", c.alpha_3, None, names[c.alpha_3]))
        for lineno, row in rows:
            code = row["code"]
            if code not in names:
                raise DataFileError(f"{folder / 'countries.tsv'}:{lineno}: unknown code {code}")
            sector = "GOV" if row["kind"] in ("capital", "seat") else None
            res.add(row["term"], Term(row["kind"], code, sector, names[code]))
        for _, row in read_tsv(folder / "igos.tsv", ("code", "name", "terms"), ("sector",)):
            term = Term("igo", row["code"], row["sector"] or None, row["name"])
            for t in [row["name"], *split_cell(row["terms"])]:
                res.add(t, term)
        for fname, kind in (("organisations.tsv", "org"), ("parties.tsv", "party")):
            for _, row in read_tsv(folder / fname, ("code", "name", "terms"), ("sector",)):
                term = Term(kind, row["code"], row["sector"] or None, row["name"])
                for t in [row["name"], *split_cell(row["terms"])]:
                    res.add(t, term)
        path = folder / "persons.tsv"
        for lineno, row in read_tsv(
            path, ("name", "terms", "code", "role"), ("sector", "start", "end")
        ):
            where = f"{path}:{lineno}"
            term = Term(
                "person",
                row["code"],
                row["sector"] or None,
                row["name"],
                _parse_day(row["start"], where),
                _parse_day(row["end"], where),
            )
            for t in [row["name"], *split_cell(row["terms"])]:
                res.add(t, term)
        for _, row in read_tsv(folder / "agents.tsv", ("term", "sector")):
            res.add_agent(row["term"], row["sector"])
        places = data_path("places", "places.tsv")
        if places.exists():
            for _, row in read_tsv(
                places, ("name", "terms", "kind"), ("lat", "lon", "controlled_by", "claimed_by")
            ):
                owners = split_cell(row["controlled_by"])
                if len(owners) == 1:
                    term = Term("place", owners[0], None, row["name"])
                    for t in [row["name"], *split_cell(row["terms"])]:
                        res.add(t, term)
        return res

    # -- lookup -----------------------------------------------------------------------------
    def matches(
        self, words: Sequence[str], when: date | None = None
    ) -> list[tuple[int, int, Term]]:
        """Longest-first, non-overlapping matches of known terms in ``words``."""
        out: list[tuple[int, int, Term]] = []
        lower = [w.lower() for w in words]
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                cands = self._index.get(tuple(lower[i : i + n]))
                if not cands:
                    continue
                key = tuple(lower[i : i + n])
                span = words[i : i + n]
                exact_ok = [
                    t
                    for form, t in cands
                    if (form is None or form == tuple(span))
                    and self._capitalised(span, self._capitals.get((key, t.name)))
                ]
                if not exact_ok:
                    continue
                dated = [t for t in exact_ok if t.in_office(when)]
                hit = (i, i + n, (dated or exact_ok)[0])
                break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    @staticmethod
    def _capitalised(span: Sequence[str], patterns: list[tuple[bool, ...]] | None) -> bool:
        """Does ``span`` have the capitals of one of the ways its name is written?"""
        if not patterns:
            return True
        return any(
            all(w[:1].isupper() or not c for w, c in zip(span, caps, strict=False))
            for caps in patterns
        )

    @staticmethod
    def _not_of_country(words: Sequence[str], m: tuple[int, int, Term]) -> bool:
        """A country word that does not say whose the actor is: "an *anti-Syria* journalist",
        "pro-Russian separatists" (a stance), "ethnic Albanians" (an ethnicity: they are coded
        by where they live), "an *Iraq* War veteran" (a war's name)."""
        i = m[0]
        if i >= 2 and words[i - 1] == "-" and words[i - 2].lower() in ("anti", "pro"):
            return True
        if m[2].kind in ("name", "alias", "demonym") and words[i].lower().startswith(
            ("anti-", "pro-")
        ):
            return True
        # "an *Iraq* War veteran": the name of a war, not the veteran's country.
        if m[2].kind in ("name", "alias") and m[1] < len(words) and words[m[1]] == "War":
            return True
        return m[2].kind == "demonym" and i >= 1 and words[i - 1].lower() == "ethnic"

    def agent_sector(self, lemmas: Sequence[str]) -> tuple[int, str] | None:
        """The right-most agent term in a lemma sequence, as (index of its last word, sector)."""
        best: tuple[int, str] | None = None
        for i in range(len(lemmas)):
            for n in range(min(4, len(lemmas) - i), 0, -1):
                sector = self.agents.get(tuple(lemmas[i : i + n]))
                if sector:
                    if best is None or i + n - 1 > best[0]:
                        best = (i + n - 1, sector)
                    break
        return best

    def resolve_words(
        self,
        words: Sequence[str],
        lemmas: Sequence[str],
        head: int,
        when: date | None = None,
        text: str | None = None,
    ) -> Actor | None:
        """An actor from a phrase's words; ``head`` is the index of its syntactic head."""
        found = [m for m in self.matches(words, when) if not self._not_of_country(words, m)]
        # Words inside a name ("European *Union*", "Liberal Democratic *Party*") are part of
        # the name, not agent words: the named entry gives the sector.
        named = {i for s, e, t in found if t.kind in _NAMED for i in range(s, e)}
        plain = [lem.lower() if i not in named else "" for i, lem in enumerate(lemmas)]
        agent = self.agent_sector(plain)
        if agent is not None and agent[0] > head:
            # "supporters of the president": the head's own agent word, not the one after it.
            own = self.agent_sector(plain[: head + 1])
            if own is not None and own[0] == head:
                agent = own
        if not found and agent is None:
            return None
        text = text if text is not None else " ".join(words)

        # A name that modifies the head ("the *Cambodian* refugee camp in Thailand") says whose
        # the thing is; a name in a phrase after the head only where it is ("in Thailand").
        # (A head that is itself a people keeps the usual order: "the Albanians of Serbia".)
        def after_head(m: tuple[int, int, Term]) -> bool:
            on_head = m[0] <= head < m[1] and m[2].kind != "demonym"
            return not (m[0] < head or on_head)

        best = (
            min(found, key=lambda m: (after_head(m), _CODE_RANK.get(m[2].kind, 9), m[0]))
            if found
            else None
        )
        code = best[2].code if best else None
        name = best[2].name if best else None
        how = best[2].kind if best else "agent"
        sector: str | None = None
        head_is_agent = agent is not None and agent[0] == head
        if head_is_agent and agent is not None:
            sector = agent[1]
        elif best and best[2].kind in _NAMED and best[2].sector:
            sector = best[2].sector
        elif agent is not None:
            sector = agent[1]
        elif best and best[2].sector:
            sector = best[2].sector
        if best and best[2].kind in ("capital", "seat") and len(found) == 1 and agent is None:
            sector = "GOV"
        if code is None and sector is None:
            return None
        return Actor(text=text, code=code, sector=sector, name=name, how=how)


def model_tokens(text: str) -> list[str]:
    """The shipped model's tokens; a module function, so a resolver built with it can be
    pickled (Spark broadcasts the coder to its executors).

    Words of plain ASCII letters are tokens as they stand (the tokenizer's prefix, suffix and
    infix patterns all need a non-letter) unless a special case splits them ("Cannot"): most
    of the 9,000 table entries are such, and making a Doc for each cost a second at start-up."""
    words = text.split(" ")
    if all(w.isascii() and w.isalpha() for w in words) and not _special_cases() & set(words):
        return words
    from dyad.nlp import load

    return [t.text for t in load().tokenizer(text)]


@lru_cache(maxsize=1)
def _special_cases() -> frozenset[str]:
    from dyad.nlp import load

    return frozenset(getattr(load().tokenizer, "rules", None) or ())


@lru_cache(maxsize=1)
def load_resolver() -> ActorResolver:
    """The shipped tables, indexed with the shipped model's tokenizer, once per process."""
    return ActorResolver.from_data(model_tokens)
