"""The application: routers, the body size limit, and errors that never show a traceback."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import unquote_to_bytes

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad import __version__
from dyad.api import actors, articles, dyads, events, health, quotes
from dyad.api.deps import ApiState
from dyad.errors import StoreBusyError
from dyad.store import Store

__all__ = ["create_app"]

log = logging.getLogger("dyad.api")

_TAGS = [
    {"name": "health", "description": "Whether the store is reachable, and its size."},
    {"name": "events", "description": "Coded events, each once with its reports."},
    {"name": "dyads", "description": "Relations between two actors over time."},
    {"name": "actors", "description": "Actors by how many events they carry out and receive."},
    {"name": "articles", "description": "Stored articles; adding articles needs the API key."},
    {"name": "quotes", "description": "Who said what, in quotation marks or reported."},
]


def create_app(
    store_url: str | None = None, api_key: str | None = None, max_body: int = 1_000_000
) -> FastAPI:
    """The API over the store at ``store_url`` (else $DYAD_DB, else the user store). Without
    ``api_key`` the API is read-only; bodies over ``max_body`` bytes are refused (413)."""
    store = Store(store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="dyad",
        version=__version__,
        description="Political event data from news text: PLOVER and CAMEO events, each with "
        "the sentences that report it.",
        openapi_tags=_TAGS,
        lifespan=lifespan,
    )
    app.state.dyad = ApiState(store, api_key, max_body)
    for module in (health, events, dyads, actors, articles, quotes):
        app.include_router(module.router)
    from dyad.web import mount  # the dashboard: pages at / and under /ui

    mount(app)
    app.add_exception_handler(StoreBusyError, _busy)
    # The last added is the outermost: errors are caught around everything else.
    app.add_middleware(_BodyLimit, max_body=max_body)
    app.add_middleware(_NoNul)
    app.add_middleware(_InternalErrors)
    return app


async def _busy(_: Request, exc: Exception) -> JSONResponse:
    log.warning("%s", exc)
    return JSONResponse({"detail": "store is busy"}, status_code=503, headers={"Retry-After": "5"})


class _BodyLimit:
    """413 for a body over ``max_body`` bytes: by its Content-Length before reading, and by
    the bytes that arrive (a chunked body has no length, and a length can lie)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await self._refuse()(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return f"request body over {self.max_body} bytes"

    def _refuse(self) -> JSONResponse:
        return JSONResponse({"detail": self._message()}, status_code=413)


class _NoNul:
    """400 for a NUL character in the path or query: no store column can hold one
    (PostgreSQL refuses it as a parameter), so it can match nothing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
            "\x00" in scope.get("path", "")
            or b"\x00" in unquote_to_bytes(scope.get("query_string", b""))
        ):
            response = JSONResponse({"detail": "NUL character in the URL"}, status_code=400)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class _InternalErrors:
    """Any error not handled on purpose: logged here with its traceback, and a plain 500 to
    the client (a traceback can show paths, SQL and data)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            response = JSONResponse({"detail": "internal error"}, status_code=500)
            await response(scope, receive, send)
