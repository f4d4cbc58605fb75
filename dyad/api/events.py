"""Events: filtered, paged listings and one event with every report of it."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from dyad.api.deps import FilterDep, StoreDep, invalid

router = APIRouter(tags=["events"])


@router.get("/events")
def list_events(
    store: StoreDep,
    f: FilterDep,
    actor: Annotated[str | None, Query(max_length=16, description="Actor code, e.g. CHN.")] = None,
    recipient: Annotated[
        str | None, Query(max_length=16, description="Recipient code, e.g. JPN.")
    ] = None,
    dyad: Annotated[
        str | None,
        Query(
            pattern=r"^[A-Za-z]{3}-[A-Za-z]{3}$",
            description="Two actor codes, e.g. CHN-JPN: events between them either way.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
    sort: Annotated[
        Literal["date", "-date", "mentions"],
        Query(description="date (oldest first), -date, or mentions (most reported first)."),
    ] = "date",
) -> dict[str, Any]:
    """Each event once, with its counts of reports and its first report as evidence."""
    if dyad:
        if actor or recipient:
            raise invalid(("query", "dyad"), "give dyad or actor/recipient, not both", dyad)
        a, b = dyad.split("-")
        f = replace(f, actor=a, recipient=b, both_ways=True)
    else:
        f = replace(f, actor=actor, recipient=recipient)
    total = store.count(f)
    found = [e.to_dict() for e in store.events(f, limit=limit, offset=offset, order=sort)]
    return {"total": total, "limit": limit, "offset": offset, "events": found}


@router.get("/events/{event_id}")
def get_event(store: StoreDep, event_id: str) -> dict[str, Any]:
    """One event with every report of it (``mentions``), in the order they were stored."""
    e = store.event(event_id)
    if e is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return {**e.to_dict(), "mentions": [m.to_dict() for m in store.mentions(event_id)]}
