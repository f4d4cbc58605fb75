"""The records dyad produces: articles in, events and quotes out.

Plain frozen dataclasses, so the core stays free of any store or web framework; ``to_dict``
gives the JSON record documented in the README.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

__all__ = [
    "Actor",
    "Article",
    "Event",
    "Location",
    "Mention",
    "Quote",
    "Span",
    "content_hash",
    "event_id",
]


def content_hash(text: str) -> str:
    """Hash of an article's text with white space folded, so re-posts with other line
    breaks match."""
    folded = " ".join(text.split())
    # surrogatepass: a str from Python may hold lone surrogates (the same bytes otherwise).
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a source."""

    id: str
    text: str
    title: str | None = None
    date: date | None = None
    url: str | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def __repr__(self) -> str:
        day = self.date.isoformat() if self.date else "undated"
        return f"<Article {self.id} {day} {_short(self.title or self.text)}>"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts or is acted on.

    ``code`` is a country (ISO 3166 alpha-3, ``KOS``) or a PLOVER non-state code (``IGO``,
    ``UNO``, ``EUR``, ``NGO``); ``how`` says which table or rule resolved it.
    """

    text: str
    code: str | None
    sector: str | None = None
    name: str | None = None
    how: str | None = None

    @property
    def label(self) -> str:
        return f"{self.code or '---'}{' ' + self.sector if self.sector else ''}"

    def __repr__(self) -> str:
        return f"<Actor {self.label} {_short(self.text)}>"


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of a stored event: the article and sentence that say so."""

    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    trigger: Span
    rule: str
    confidence: float
    source: str | None = None
    url: str | None = None
    published: date | None = None
    added: datetime | None = None
    doc_length: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        d["added"] = self.added.isoformat() if self.added else None
        return d


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: a direct quote (in quotation marks) or reported speech
    ("X said that ...", "according to X"). ``start``/``end`` are offsets of the quoted words
    in the article text."""

    article_id: str
    text: str
    start: int
    end: int
    kind: str  # "direct" | "reported"
    speaker_text: str | None
    speaker: Actor | None
    sentence_index: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __repr__(self) -> str:
        who = self.speaker.label if self.speaker else (self.speaker_text or "?")
        return f"<Quote {self.kind} {who}: {_short(self.text)}>"


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    name: str
    kind: str
    country_code: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    trigger: Span
    date: date | None
    event_type: str | None
    mode: str | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    actor: Actor | None
    recipient: Actor | None
    rule: str
    confidence: float
    temporal: str = "current"
    plan: str | None = None
    location: Location | None = None
    date_precision: str | None = None
    flags: tuple[str, ...] = field(default_factory=tuple)
    # Filled in by the store, where reports of one event are counted once (GDELT-style):
    num_mentions: int = 1
    num_articles: int = 1
    num_sources: int = 1
    first_seen: _dt.date | None = None  # "date" is a field name in this class
    last_seen: _dt.date | None = None
    source_url: str | None = None

    @property
    def dyad(self) -> tuple[str | None, str | None]:
        return (
            self.actor.code if self.actor else None,
            self.recipient.code if self.recipient else None,
        )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        d["flags"] = list(self.flags)
        for key in ("first_seen", "last_seen"):
            d[key] = d[key].isoformat() if d[key] else None
        return d

    def __repr__(self) -> str:
        actor = self.actor.label if self.actor else "?"
        recip = f" → {self.recipient.label}" if self.recipient else ""
        kind = self.event_type or "STATEMENT"
        day = self.date.isoformat() if self.date else "undated"
        extra = "" if self.temporal == "current" else f" [{self.temporal}]"
        return (
            f"<Event {actor}{recip} {kind} (CAMEO {self.cameo}) {day}{extra} "
            f"{_short(self.trigger.text)}>"
        )


def _short(text: str, limit: int = 60) -> str:
    """Text for a one-line repr: one line, quoted, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return '"' + flat.replace('"', "'") + '"'


def event_id(
    article_id: str, start: int, end: int, actor: str | None, recip: str | None, cameo: str
) -> str:
    """Deterministic id, so reruns, worker pools and Spark agree on it."""
    key = f"{article_id}\x1f{start}\x1f{end}\x1f{actor}\x1f{recip}\x1f{cameo}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
