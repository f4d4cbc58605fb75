"""What the routers share: the app's store and key, the key check, and query parsing whose
errors look like FastAPI's own (422, naming the field)."""

from __future__ import annotations

import hmac
import re
import threading
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError

from dyad.coding.ontology import PLOVER_TYPES
from dyad.ingest import IngestResult, ingest_articles
from dyad.pipeline import Pipeline, default_pipeline
from dyad.store import EventFilter, Store
from dyad.types import Article

__all__ = [
    "TEMPORAL",
    "ApiState",
    "FilterDep",
    "StateDep",
    "StoreDep",
    "event_filter",
    "invalid",
    "parse_day",
    "require_key",
]

TEMPORAL = ("current", "planned", "hypothetical", "historical")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ApiState:
    """One app's store, key and coding pipeline (loaded on the first write, not at start,
    so a read-only server never pays for the spaCy model)."""

    def __init__(self, store: Store, api_key: str | None, max_body: int) -> None:
        self.store = store
        self.api_key = api_key or None
        self.max_body = max_body
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def ingest(self, articles: Sequence[Article]) -> IngestResult:
        """Code and store articles, one request at a time: the pipeline is not shared
        between threads, and coding is CPU-bound anyway."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = default_pipeline()
            return ingest_articles(self.store, articles, pipeline=self._pipeline)


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.dyad
    return state


def get_store(request: Request) -> Store:
    return get_state(request).store


StateDep = Annotated[ApiState, Depends(get_state)]
StoreDep = Annotated[Store, Depends(get_store)]


def invalid(loc: tuple[str | int, ...], message: str, value: Any = None) -> RequestValidationError:
    """A 422 shaped like FastAPI's own validation errors (``loc`` names the field), so
    clients parse one format."""
    return RequestValidationError(
        [{"type": "value_error", "loc": loc, "msg": message, "input": value}]
    )


def parse_day(value: str | None, field: str) -> date | None:
    if value is None or value == "":
        return None
    if _DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise invalid(("query", field), f"{value!r} is not a date YYYY-MM-DD", value)


def require_key(
    request: Request,
    x_api_key: Annotated[
        str | None, Header(description="The server's API key; required to add articles.")
    ] = None,
) -> None:
    """Writes need the configured key; a server started without one takes no writes."""
    key = get_state(request).api_key
    if key is None:
        raise HTTPException(
            503, "writes are disabled: the server has no API key (set DYAD_API_KEY or --api-key)"
        )
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode("utf-8"), key.encode("utf-8")):
        raise HTTPException(401, "missing or wrong X-API-Key header")


def _temporal(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeated or comma-separated statuses; ``all`` for every status, default current."""
    wanted = [v.strip().lower() for raw in values or [] for v in raw.split(",") if v.strip()]
    if not wanted:
        return ("current",)
    if "all" in wanted:
        return None
    unknown = [v for v in wanted if v not in TEMPORAL]
    if unknown:
        raise invalid(
            ("query", "temporal"),
            f"unknown status {unknown[0]!r}: use {', '.join(TEMPORAL)} or all",
            unknown[0],
        )
    return tuple(dict.fromkeys(wanted))


def event_filter(
    type_: Annotated[
        str | None, Query(alias="type", description="PLOVER event type, e.g. THREATEN.")
    ] = None,
    cameo_root: Annotated[
        str | None,
        Query(pattern=r"^(0?[1-9]|1[0-9]|20)$", description="CAMEO root code 01-20."),
    ] = None,
    quad: Annotated[
        int | None,
        Query(ge=1, le=4, description="Quad class: 1 verbal/2 material cooperation, 3/4 conflict."),
    ] = None,
    temporal: Annotated[
        list[str] | None,
        Query(
            description="current, planned, hypothetical, historical (repeat or comma-separate); "
            "all for every status. Default current."
        ),
    ] = None,
    since: Annotated[str | None, Query(description="First date YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last date YYYY-MM-DD.")] = None,
    country: Annotated[
        str | None, Query(max_length=16, description="Country code of the event's place, e.g. PER.")
    ] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=500, description="Text in a reporting sentence."),
    ] = None,
    unresolved: Annotated[
        bool, Query(description="Include events with neither actor nor recipient resolved.")
    ] = False,
) -> EventFilter:
    """The event filters every listing shares (actor and recipient are the caller's)."""
    if type_ is not None and type_.upper() not in PLOVER_TYPES:
        kinds = ", ".join(PLOVER_TYPES)
        raise invalid(("query", "type"), f"unknown type: use one of {kinds}", type_)
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first and last and last < first:
        raise invalid(("query", "until"), "until is before since", until)
    return EventFilter(
        event_type=type_,
        cameo_root=cameo_root,
        quad_class=quad,
        temporal=_temporal(temporal),
        since=first,
        until=last,
        location_country=country,
        text=q,
        resolved=not unresolved,
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]
