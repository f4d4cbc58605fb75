"""Actors: who appears in the events, and how often as actor and as recipient."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dyad.api.deps import FilterDep, StoreDep

router = APIRouter(tags=["actors"])


@router.get("/actors")
def list_actors(
    store: StoreDep,
    f: FilterDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    """Actor codes of the matching events, most events first."""
    return store.actors(f, limit=limit)
