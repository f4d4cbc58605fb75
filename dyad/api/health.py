"""Health: is the store reachable, and how much is in it."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from dyad.api.deps import StoreDep

router = APIRouter(tags=["health"])
log = logging.getLogger("dyad.api")


@router.get("/health", response_model=None)
def health(store: StoreDep) -> dict[str, Any] | JSONResponse:
    """``ok`` with the store's counts (events as /events counts them by default), or 503
    when the store cannot be read, so a load balancer can tell."""
    try:
        s = store.stats()
    except Exception:
        log.exception("health check: store %s unreadable", store.display_url)
        return JSONResponse({"status": "error", "store": store.display_url}, status_code=503)
    return {
        "status": "ok",
        "store": s["store"],
        "articles": s["articles"],
        "events": s["events"],
    }
