"""Streaming writers from events to the formats analysts' tools read.

Each writer takes an iterator of events and a text stream and writes as it goes, so memory
stays flat with the number of events. ``WRITERS`` maps a format name to its writer.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

from dyad.export.gdelt import write_gdelt_events
from dyad.types import Actor, Event, Quote

__all__ = [
    "CSV_COLUMNS",
    "WRITERS",
    "flat_row",
    "plover_record",
    "write_csv",
    "write_plover",
    "write_quotes",
]

CSV_COLUMNS = [
    "id",
    "article_id",
    "date",
    "event_type",
    "mode",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "actor_code",
    "actor_sector",
    "actor_name",
    "actor_text",
    "recipient_code",
    "recipient_sector",
    "recipient_name",
    "recipient_text",
    "temporal",
    "plan",
    "trigger",
    "trigger_start",
    "trigger_end",
    "sentence_index",
    "sentence",
    "rule",
    "confidence",
]


def flat_row(e: Event) -> dict[str, Any]:
    """An event as one flat row (CSV, tables, DataFrames)."""
    row: dict[str, Any] = {
        "id": e.id,
        "article_id": e.article_id,
        "date": e.date.isoformat() if e.date else "",
        "event_type": e.event_type or "",
        "mode": e.mode or "",
        "cameo": e.cameo,
        "cameo_root": e.cameo_root,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "temporal": e.temporal,
        "plan": e.plan or "",
        "trigger": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        "sentence_index": e.sentence_index,
        "sentence": e.sentence,
        "rule": e.rule,
        "confidence": e.confidence,
    }
    for prefix, actor in (("actor", e.actor), ("recipient", e.recipient)):
        row[f"{prefix}_code"] = actor.code or "" if actor else ""
        row[f"{prefix}_sector"] = actor.sector or "" if actor else ""
        row[f"{prefix}_name"] = actor.name or "" if actor else ""
        row[f"{prefix}_text"] = actor.text if actor else ""
    return row


def _entity(a: Actor | None) -> list[dict[str, Any]]:
    if a is None:
        return []
    ent: dict[str, Any] = {"code": a.code, "sector": a.sector, "entity_text": a.text}
    if a.name:
        ent["identifier_text"] = a.name
    return [ent]


def plover_record(e: Event, coded_at: datetime | None = None) -> dict[str, Any]:
    """An event with the PLOVER manual's field names."""
    coded_at = coded_at or datetime.now(UTC)
    rec: dict[str, Any] = {
        "id": e.id,
        "has_event": True,
        "date": e.date.isoformat() if e.date else None,
        "actor": _entity(e.actor),
        "recipient": _entity(e.recipient),
        "event": [e.event_type] if e.event_type else [],
        "event_text": [e.trigger.text],
        "quad_code": e.quad_class,
        "event_scale": e.goldstein,
        "mode": [e.mode] if e.mode else [],
        "context": [],
        "text": e.sentence,
        "text_info": {
            "sequence": e.sentence_index,
            "start": e.trigger.start,
            "end": e.trigger.end,
            "text_story": e.article_id,
        },
        "coder": "dyad",
        "coded_date": coded_at.date().isoformat(),
        "comment": f"rule={e.rule}; cameo={e.cameo}; temporal={e.temporal}"
        + (f"; plan={e.plan}" if e.plan else ""),
    }
    return rec


def write_plover(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    now = datetime.now(UTC)
    for e in events:
        out.write(json.dumps(plover_record(e, now), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for e in events:
        writer.writerow(flat_row(e))
        n += 1
    return n


WRITERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "plover": write_plover,
    "csv": write_csv,
    "gdelt": write_gdelt_events,  # GDELT 2.0 Events; mentions: dyad.export.gdelt
}


def write_quotes(quotes: Iterable[Quote], out: TextIO) -> int:
    """Quotes as JSONL: article, speaker (text and actor), the words, direct or reported."""
    n = 0
    for q in quotes:
        out.write(json.dumps(q.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
