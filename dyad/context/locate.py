"""Where an event happened: the place named in its clause, else the article's dateline.

The clause is read for place phrases ("in Beijing", "near the Senkaku Islands", "across the
Taiwan Strait"): objects of locative prepositions hanging from the event's trigger, its
carrier verb or the verbs that govern it. Each phrase is looked up in the gazetteer from its
longest form down to its bare head ("the Japan-controlled Senkaku Islands" → "Senkaku
Islands"), with the countries the article names as context for ambiguous names.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

from dyad.types import Location

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["LOCATIVE_PREPS", "Lookup", "dateline", "event_location"]

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "near",
        "at",
        "around",
        "across",
        "off",
        "over",
        "outside",
        "inside",
        "into",
        "along",
        "within",
        "through",
        "throughout",
        "on",
    }
)
# "BEIJING (Reuters) -", "KYIV, Ukraine —", "Tokyo, March 3 -": a wire dateline.
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .'-]{1,40}?)\s*(?:,|\(|—|–|-{1,2})")


class Lookup(Protocol):
    def lookup(self, text: str, context: Collection[str] = ()) -> Location | None: ...


def _joined(toks: list[Token]) -> str:
    """Tokens as written where they are contiguous ("Khanty-Mansiysk", not "Khanty -
    Mansiysk"), else joined by spaces."""
    if all(b.i == a.i + 1 for a, b in pairwise(toks)):
        return toks[0].doc[toks[0].i : toks[-1].i + 1].text
    return " ".join(t.text for t in toks)


def _phrases(pobj: Token) -> Iterator[tuple[str, Token, Token]]:
    """Candidate names for a place phrase, longest first: the whole phrase without
    determiners, then the head with its compounds, then the head alone."""
    toks = [
        t
        for t in pobj.subtree
        if t.dep_ not in ("prep", "pobj", "relcl", "acl", "punct") or t.i == pobj.i
    ]
    toks = [t for t in toks if t.i <= pobj.i and t.dep_ != "det"]
    if toks:
        yield _joined(toks), toks[0], toks[-1]
    comp = [t for t in pobj.lefts if t.dep_ == "compound" or t.text == "-"] + [pobj]
    if len(comp) > 1:
        yield _joined(comp), comp[0], comp[-1]
    yield pobj.text, pobj, pobj


def _clause_chain(tok: Token) -> Iterator[Token]:
    """The trigger, then each head up to the sentence root."""
    node = tok
    for _ in range(8):
        yield node
        if node.head.i == node.i:
            return
        node = node.head


def event_location(
    tok: Token, gazetteer: Lookup, context: Collection[str] = (), hosts: Collection[Token] = ()
) -> Location | None:
    """The first place phrase on the trigger, its extra hosts (a carrier verb) or the clauses
    above it that the gazetteer knows."""
    seen: set[int] = set()
    for node in [*hosts, *_clause_chain(tok)]:
        if node.i in seen:
            continue
        seen.add(node.i)
        for pobj in _place_objects(node):
            for text, first, last in _phrases(pobj):
                found = gazetteer.lookup(text, context)
                if found is not None:
                    span = tok.doc[first.i : last.i + 1]
                    return Location(
                        span.text,
                        found.name,
                        found.kind,
                        found.country_code,
                        found.lat,
                        found.lon,
                        found.geonameid,
                    )
    return None


def _place_objects(node: Token, depth: int = 0) -> Iterator[Token]:
    """Objects of locative prepositions on ``node``, and one level further down ("at a
    briefing *in Beijing*")."""
    for prep in node.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
            continue
        # "outside of Basra": the place is the object of the "of" below the preposition.
        objs = [
            g
            for c in prep.children
            for g in ([c] if c.dep_ == "pobj" else c.children if c.lower_ == "of" else [])
        ]
        for pobj in objs:
            if pobj.dep_ != "pobj" or pobj.ent_type_ in ("DATE", "TIME", "PERSON"):
                continue
            # Place names are proper nouns: "in a bid to" is not Beed, India.
            if any(t.pos_ == "PROPN" for t in pobj.subtree if t.i <= pobj.i):
                yield pobj
            # "near the town of Samarra", "in the Iraqi city of Basra": the name after "of".
            for of in pobj.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    yield from (g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN")
            if depth == 0:
                yield from _place_objects(pobj, depth + 1)


def dateline(text: str, gazetteer: Lookup, context: Collection[str] = ()) -> Location | None:
    """The place of a wire dateline at the start of an article, if it is one."""
    m = _DATELINE.match(text)
    if not m:
        return None
    name = m.group(1).strip()
    if not name.isupper() and len(name.split()) > 3:
        return None
    found = gazetteer.lookup(name.title() if name.isupper() else name, context)
    if found is None or found.kind not in ("city", "country"):
        return None
    return Location(
        name, found.name, found.kind, found.country_code, found.lat, found.lon, found.geonameid
    )
