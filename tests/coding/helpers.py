"""Shared by the coder's rule tests: code a sentence on a fixed date, read its dyads."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline
    from dyad.types import Event

DAY = date(2023, 5, 2)


def typed_events(pipeline: Pipeline, text: str) -> list[Event]:
    """The events of ``text`` that have a PLOVER type."""
    return [e for e in pipeline.code(text, DAY) if e.event_type]


def dyads(events: list[Event], etype: str) -> set[tuple[str | None, str | None]]:
    """(actor code, recipient code) of the events of type ``etype``."""
    return {
        (e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in events
        if e.event_type == etype
    }
