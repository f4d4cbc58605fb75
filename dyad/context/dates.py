"""When an event happened: time expressions resolved against the article's date.

dateparser does the general work ("last month", "March 3", "two days ago"); three of its
pitfalls are handled here first: a bare weekday is the most recent such day on or before the
article date for past events ("on Thursday" in a Thursday article is that day, not a week
earlier) and the next one for planned events; a bare year ("in 1895") keeps year precision
instead of borrowing the article's month and day; decades ("the 1990s") are years too.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Span, Token

__all__ = ["ResolvedDate", "attached_dates", "event_date", "resolve_date", "temporal_status"]

_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_YEAR = re.compile(r"^(?:in |the |since |until |by |of )*(?:the )?(1[0-9]{3}|20[0-9]{2})$")
_DECADE = re.compile(r"^(?:in |the |during )*(?:the )?(1[0-9]{2}0|20[0-9]0)'?s$")
_MONTH_YEAR = re.compile(
    r"^(?:in )?(january|february|march|april|may|june|july|august|september|october|"
    r"november|december)(?: (1[0-9]{3}|20[0-9]{2}))?$"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
# Expressions that name a span of time, not a point: "for 50 years", "decades".
_DURATION = re.compile(r"\b(for|over|decades?|years? long|centuries|hours?|minutes?)\b")
# "15 years", "nine months", "a week": a length of time, not a point in it ("15 years ago" is).
_BARE_AMOUNT = re.compile(
    r"^(?:about |nearly |almost |more than |over |some )?(?:\d+|a|an|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|several|many|few|a few)[ -](?:full )?"
    r"(?:years?|months?|weeks?|days?|hours?|decades?)(?: long| old)?$"
)
_HISTORICAL_DAYS = 365


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: date
    precision: str  # "day" | "month" | "year"


def _weekday(word: str, base: date, future: bool) -> date:
    target = _WEEKDAYS[word]
    if future:
        ahead = (target - base.weekday()) % 7 or 7
        return base + timedelta(days=ahead)
    back = (base.weekday() - target) % 7
    return base - timedelta(days=back)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date, future: bool) -> tuple[date, str] | None:
    import dateparser

    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    precision = "day"
    if re.search(r"\bweeks?\b", text) and not re.search(r"\d", text):
        precision = "week"
    if re.search(r"\b(month|months)\b", text) and not re.search(r"\d", text):
        precision = "month"
    if re.search(r"\b(year|years)\b", text) and not re.search(r"\d", text):
        precision = "year"
    return parsed.date(), precision


def resolve_date(text: str, base: date | None, future: bool = False) -> ResolvedDate | None:
    """A time expression as a date with its precision, or None when it names no point in
    time (a duration, "recently") or cannot be placed (no article date for a relative one)."""
    t = " ".join(text.lower().replace(",", " ").split())
    t = re.sub(
        r"^(on|in|at|during|since|by|from|until|last|this)\s+(?=(monday|tuesday|"
        r"wednesday|thursday|friday|saturday|sunday)$)",
        "",
        t,
    )
    if not t or _DURATION.search(t) or _BARE_AMOUNT.match(t):
        return None
    if m := _YEAR.match(t):
        return ResolvedDate(date(int(m.group(1)), 1, 1), "year")
    if m := _DECADE.match(t):
        return ResolvedDate(date(int(m.group(1)), 1, 1), "year")
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return ResolvedDate(base, "day") if base else None
    if t in _WEEKDAYS:
        return ResolvedDate(_weekday(t, base, future), "day") if base else None
    if m := _MONTH_YEAR.match(t):
        month = _MONTHS[m.group(1)]
        if m.group(2):
            return ResolvedDate(date(int(m.group(2)), month, 1), "month")
        if base is None:
            return None
        year = base.year
        if not future and month > base.month:
            year -= 1
        if future and month < base.month:
            year += 1
        return ResolvedDate(date(year, month, 1), "month")
    if base is None and not re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", t):
        return None
    found = _dateparser(t, base or date(2000, 1, 1), future)
    if found is None:
        return None
    value, precision = found
    if precision == "month":
        value = value.replace(day=1)
    elif precision == "year":
        value = value.replace(month=1, day=1)
    return ResolvedDate(value, precision)


def temporal_status(event_date: date | None, article_date: date | None, status: str) -> str:
    """``historical`` for a past well before the article; a date after the article makes a
    current event ``planned``; otherwise the status the grammar gave."""
    if event_date is None or article_date is None or status == "hypothetical":
        return status
    if (article_date - event_date).days > _HISTORICAL_DAYS:
        return "historical"
    if event_date > article_date and status == "current":
        return "planned"
    return status


def _clause_head(tok: Token) -> Token:
    """The verb whose clause a token belongs to (the token itself if it is a verb)."""
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def attached_dates(tok: Token, sentence_ents: Sequence[Span]) -> list[tuple[Token, str]]:
    """DATE expressions of the sentence that belong to ``tok``'s clause, nearest clause
    first: the event's own clause, then the clauses that govern it ("The war ended in 1895
    with the treaty, which involved China relinquishing Taiwan": relinquishing is 1895).
    ``sentence_ents`` are the named entities of the token's sentence (the caller has them:
    ``Token.sent`` and ``Span.ents`` walk the whole document on every call)."""
    ents = [e for e in sentence_ents if e.label_ in ("DATE", "TIME")]
    if not ents:
        return []
    owners: dict[int, list[tuple[Token, str]]] = {}
    for e in ents:
        root = e.root
        # A date inside an event noun's own phrase ("Monday's attack") belongs to the noun.
        owner = _clause_head(root.head if root.dep_ in ("pobj", "npadvmod", "tmod") else root)
        if root.dep_ == "poss" or root.head.i == tok.i:
            owner = tok
        owners.setdefault(owner.i, []).append((root, e.text))
    out: list[tuple[Token, str]] = []
    node = tok
    seen: set[int] = set()
    for _ in range(12):
        head = node if node.i in owners else _clause_head(node)
        if head.i not in seen:
            seen.add(head.i)
            out.extend(owners.get(head.i, []))
        if head.head.i == head.i:
            break
        node = head.head
    return out


def event_date(
    tok: Token, sentence_ents: Sequence[Span], article_date: date | None, future: bool
) -> ResolvedDate | None:
    """The first attached time expression that resolves to a point in time."""
    for _, text in attached_dates(tok, sentence_ents):
        found = resolve_date(text, article_date, future)
        if found is not None:
            return found
    return None
