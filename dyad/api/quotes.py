"""Quotes: who said what, in quotation marks or reported."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from dyad.api.deps import StoreDep, invalid, parse_day

router = APIRouter(tags=["quotes"])


@router.get("/quotes")
def list_quotes(
    store: StoreDep,
    speaker: Annotated[
        str | None, Query(max_length=16, description="Speaker's actor code, e.g. CHN.")
    ] = None,
    kind: Annotated[Literal["direct", "reported"] | None, Query()] = None,
    since: Annotated[str | None, Query(description="First article date YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last article date YYYY-MM-DD.")] = None,
    article: Annotated[str | None, Query(description="Only this article's quotes.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:
    """Stored quotes, oldest article first."""
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first and last and last < first:
        raise invalid(("query", "until"), "until is before since", until)
    found = store.quotes(
        speaker=speaker, kind=kind, since=first, until=last, limit=limit, article_id=article
    )
    return [q.to_dict() for q in found]
