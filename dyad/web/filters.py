"""The dashboard's filters, read from and written back to the URL so a view can be shared."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from dyad.coding.ontology import PLOVER_TYPES
from dyad.store import EventFilter

__all__ = ["INTERVALS", "TEMPORAL", "TYPES", "BadFilter", "UiFilter"]

TYPES: tuple[str, ...] = (*PLOVER_TYPES, "STATEMENT")
TEMPORAL = ("current", "planned", "hypothetical", "historical")
INTERVALS = ("day", "week", "month")
_CODE = re.compile(r"^[A-Za-z]{3}$")


class BadFilter(ValueError):
    """A filter value the page cannot use; the message names the field."""


@dataclass(frozen=True, slots=True)
class UiFilter:
    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    dyad: tuple[str, str] | None = None
    temporal: tuple[str, ...] = ("current",)
    interval: str = "month"

    @classmethod
    def from_query(cls, q: QueryParams) -> UiFilter:
        since, until = _day(q.get("since"), "since"), _day(q.get("until"), "until")
        if since and until and until < since:
            raise BadFilter("until is before since")
        types = _many(q.getlist("type"))
        unknown = [t for t in types if t not in TYPES]
        if unknown:
            raise BadFilter(f"type: unknown event type {unknown[0]!r}")
        actors = _many(q.getlist("actor"))
        for code in actors:
            if not _CODE.match(code):
                raise BadFilter(f"actor: {code!r} is not a three-letter code")
        dyad = None
        raw = (q.get("dyad") or "").strip().upper()
        if raw:
            parts = re.split(r"[-–→ ]+", raw)
            if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
                raise BadFilter(f"dyad: {raw!r} is not two codes like CHN-JPN")
            dyad = (parts[0], parts[1])
        temporal = tuple(t.lower() for t in _many(q.getlist("temporal"))) or ("current",)
        bad = [t for t in temporal if t not in TEMPORAL]
        if bad:
            raise BadFilter(f"temporal: unknown status {bad[0]!r}")
        interval = q.get("interval") or "month"
        if interval not in INTERVALS:
            raise BadFilter(f"interval: {interval!r} is not day, week or month")
        return cls(since, until, types, actors, dyad, temporal, interval)

    def events(self, **extra: object) -> EventFilter:
        """The store filter (``extra`` sets actor, recipient, both_ways, ...)."""
        f = EventFilter(
            since=self.since,
            until=self.until,
            temporal=self.temporal,
            event_types=self.types or None,
            involving=self.actors or None,
        )
        if self.dyad:
            f = replace(f, actor=self.dyad[0], recipient=self.dyad[1], both_ways=True)
        return replace(f, **extra) if extra else f  # type: ignore[arg-type]

    def params(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.since:
            out.append(("since", self.since.isoformat()))
        if self.until:
            out.append(("until", self.until.isoformat()))
        out.extend(("type", t) for t in self.types)
        out.extend(("actor", a) for a in self.actors)
        if self.dyad:
            out.append(("dyad", "-".join(self.dyad)))
        if self.temporal != ("current",):
            out.extend(("temporal", t) for t in self.temporal)
        if self.interval != "month":
            out.append(("interval", self.interval))
        return out

    def query(self, **changes: object) -> str:
        """``?...`` for a link that keeps these filters (with ``changes``), or ``""``."""
        f = replace(self, **changes) if changes else self  # type: ignore[arg-type]
        qs = urlencode(f.params())
        return f"?{qs}" if qs else ""


def _day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadFilter(f"{field}: {value!r} is not a date YYYY-MM-DD") from None


def _many(values: list[str]) -> tuple[str, ...]:
    """Repeated or comma-separated values, upper-cased, in order, once each."""
    items = [v.strip().upper() for raw in values for v in raw.split(",") if v.strip()]
    return tuple(dict.fromkeys(items))
