"""Dyads: how relations between two actors move over time."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from dyad.api.deps import FilterDep, StoreDep

router = APIRouter(tags=["dyads"])

ActorCode = Annotated[str, Path(pattern=r"^[A-Za-z]{3}$", description="Actor code, e.g. CHN.")]


@router.get("/dyads/{a}/{b}/series")
def dyad_series(
    store: StoreDep,
    f: FilterDep,
    a: ActorCode,
    b: ActorCode,
    interval: Annotated[Literal["day", "week", "month"], Query()] = "month",
) -> dict[str, Any]:
    """Events between ``a`` and ``b``, both ways, per period (undated events are left out):
    counts by type, quad class and direction, and the mean Goldstein score."""
    return {
        "actor": a.upper(),
        "recipient": b.upper(),
        "interval": interval,
        "series": store.series(a, b, interval, f),
    }


@router.get("/alerts")
def alerts(
    store: StoreDep,
    since: Annotated[date | None, Query(description="First day to test, YYYY-MM-DD.")] = None,
    threshold: Annotated[
        float, Query(gt=0, description="Score from which a day is flagged.")
    ] = 3.0,
) -> dict[str, Any]:
    """Dyad-days whose conflict intensity is improbable under the dyad's previous 30 days
    (see ``dyad.alerts``), oldest first."""
    from dyad.alerts import store_alerts

    return {"alerts": [a.to_dict() for a in store_alerts(store, since, threshold)]}
