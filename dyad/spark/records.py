"""Coded articles as plain records (nested dicts with dates) and back, without loss.

Spark writes these records to Parquet and ``dyad load`` reads them back with pyarrow, so
both sides agree on one layout; neither needs the other installed. Only what the pipeline
produces is kept: the store's counts (``num_mentions`` and the rest) are filled in by the
store when the records are loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dyad.pipeline import CodedArticle
from dyad.types import Actor, Article, Event, Location, Quote, Span

__all__ = [
    "ACTOR_FIELDS",
    "ARTICLE_FIELDS",
    "EVENT_FIELDS",
    "LOCATION_FIELDS",
    "QUOTE_FIELDS",
    "SPAN_FIELDS",
    "coded_from_record",
    "coded_record",
    "event_from_record",
    "event_record",
    "quote_from_record",
    "quote_record",
]

# (name, kind): kind is "string", "int", "long", "double", "date", a tuple of fields for a
# nested record, or ["string"] for a list. The Spark schema is built from these.
SPAN_FIELDS = (("text", "string"), ("start", "int"), ("end", "int"))
ACTOR_FIELDS = (
    ("text", "string"),
    ("code", "string"),
    ("sector", "string"),
    ("name", "string"),
    ("how", "string"),
)
LOCATION_FIELDS = (
    ("text", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("country_code", "string"),
    ("lat", "double"),
    ("lon", "double"),
    ("geonameid", "long"),
)
EVENT_FIELDS: tuple[tuple[str, Any], ...] = (
    ("id", "string"),
    ("article_id", "string"),
    ("sentence_index", "int"),
    ("sentence", "string"),
    ("trigger", SPAN_FIELDS),
    ("date", "date"),
    ("date_precision", "string"),
    ("event_type", "string"),
    ("mode", "string"),
    ("plan", "string"),
    ("cameo", "string"),
    ("cameo_root", "string"),
    ("quad_class", "int"),
    ("goldstein", "double"),
    ("actor", ACTOR_FIELDS),
    ("recipient", ACTOR_FIELDS),
    ("temporal", "string"),
    ("location", LOCATION_FIELDS),
    ("rule", "string"),
    ("confidence", "double"),
    ("flags", ["string"]),
)
QUOTE_FIELDS: tuple[tuple[str, Any], ...] = (
    ("article_id", "string"),
    ("text", "string"),
    ("start", "int"),
    ("end", "int"),
    ("kind", "string"),
    ("speaker_text", "string"),
    ("speaker", ACTOR_FIELDS),
    ("sentence_index", "int"),
)
ARTICLE_FIELDS: tuple[tuple[str, Any], ...] = (
    ("id", "string"),
    ("title", "string"),
    ("text", "string"),
    ("date", "date"),
    ("url", "string"),
    ("source", "string"),
    ("content_hash", "string"),
    ("events", [EVENT_FIELDS]),
    ("quotes", [QUOTE_FIELDS]),
    ("warnings", ["string"]),
)


def _actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"text": a.text, "code": a.code, "sector": a.sector, "name": a.name, "how": a.how}


def _actor_from(d: Mapping[str, Any] | None) -> Actor | None:
    return None if d is None else Actor(d["text"], d["code"], d["sector"], d["name"], d["how"])


def event_record(e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "id": e.id,
        "article_id": e.article_id,
        "sentence_index": e.sentence_index,
        "sentence": e.sentence,
        "trigger": {"text": e.trigger.text, "start": e.trigger.start, "end": e.trigger.end},
        "date": e.date,
        "date_precision": e.date_precision,
        "event_type": e.event_type,
        "mode": e.mode,
        "plan": e.plan,
        "cameo": e.cameo,
        "cameo_root": e.cameo_root,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "actor": _actor(e.actor),
        "recipient": _actor(e.recipient),
        "temporal": e.temporal,
        "location": None
        if loc is None
        else {name: getattr(loc, name) for name, _ in LOCATION_FIELDS},
        "rule": e.rule,
        "confidence": e.confidence,
        "flags": list(e.flags),
    }


def event_from_record(d: Mapping[str, Any]) -> Event:
    t, loc = d["trigger"], d["location"]
    return Event(
        id=d["id"],
        article_id=d["article_id"],
        sentence_index=d["sentence_index"],
        sentence=d["sentence"],
        trigger=Span(t["text"], t["start"], t["end"]),
        date=d["date"],
        event_type=d["event_type"],
        mode=d["mode"],
        cameo=d["cameo"],
        cameo_root=d["cameo_root"],
        quad_class=d["quad_class"],
        goldstein=d["goldstein"],
        actor=_actor_from(d["actor"]),
        recipient=_actor_from(d["recipient"]),
        rule=d["rule"],
        confidence=d["confidence"],
        temporal=d["temporal"],
        plan=d["plan"],
        location=None if loc is None else Location(**{n: loc[n] for n, _ in LOCATION_FIELDS}),
        date_precision=d["date_precision"],
        flags=tuple(d["flags"] or ()),
    )


def quote_record(q: Quote) -> dict[str, Any]:
    return {
        "article_id": q.article_id,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "speaker_text": q.speaker_text,
        "speaker": _actor(q.speaker),
        "sentence_index": q.sentence_index,
    }


def quote_from_record(d: Mapping[str, Any]) -> Quote:
    return Quote(
        article_id=d["article_id"],
        text=d["text"],
        start=d["start"],
        end=d["end"],
        kind=d["kind"],
        speaker_text=d["speaker_text"],
        speaker=_actor_from(d["speaker"]),
        sentence_index=d["sentence_index"],
    )


def coded_record(c: CodedArticle) -> dict[str, Any]:
    a = c.article
    return {
        "id": a.id,
        "title": a.title,
        "text": a.text,
        "date": a.date,
        "url": a.url,
        "source": a.source,
        "content_hash": a.content_hash,
        "events": [event_record(e) for e in c.events],
        "quotes": [quote_record(q) for q in c.quotes],
        "warnings": list(c.warnings),
    }


def coded_from_record(d: Mapping[str, Any]) -> CodedArticle:
    when = d["date"]
    if when is not None and not isinstance(when, date):
        raise TypeError(f"article {d['id']}: date {when!r} is not a date")
    article = Article(
        id=d["id"],
        text=d["text"],
        title=d["title"],
        date=when,
        url=d["url"],
        source=d["source"],
    )
    return CodedArticle(
        article,
        [event_from_record(e) for e in d["events"] or ()],
        tuple(d["warnings"] or ()),
        [quote_from_record(q) for q in d["quotes"] or ()],
    )
