"""The dashboard's pages. Each reads its filters from the URL (see ``filters``), asks the
store for aggregated figures, and renders a template; no page loads every event."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad.alerts import THRESHOLD as ALERT_THRESHOLD
from dyad.alerts import store_alerts
from dyad.store import Store
from dyad.types import Event, Quote
from dyad.web import charts
from dyad.web.filters import INTERVALS, TEMPORAL, TYPES, BadFilter, UiFilter
from dyad.web.markup import Mark, find_sentence, mark_up, sentence_marks

__all__ = ["mount"]

HERE = Path(__file__).resolve().parent
PREFIX = "/ui"
#: Events listed under a chart; the count above the table says how many matched in all.
PAGE = 100
_CODE = re.compile(r"^[A-Za-z]{3}$")
#: Scripts only from this server; plotly.js sets inline styles on its own elements.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

router = APIRouter(include_in_schema=False)
_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
templates = Jinja2Templates(env=_env)


def web_url(url: str | None) -> str | None:
    """A stored URL fit for a link: http(s) only (a ``javascript:`` URL in a feed must not
    become a link that runs script)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


_env.filters["web_url"] = web_url
_env.globals.update(
    prefix=PREFIX,
    quad_names=charts.QUAD_NAMES,
    types=TYPES,
    temporal_values=TEMPORAL,
    intervals=INTERVALS,
    per_page=PAGE,
)


def _plotly_js() -> Path:
    res = importlib.resources.files("plotly") / "package_data" / "plotly.min.js"
    return Path(str(res))


def mount(app: FastAPI) -> None:
    """Add the pages, the static files and plotly.js to ``app``."""
    app.include_router(router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="dyad-static")
    app.add_middleware(_PageHeaders)


class _PageHeaders:
    """A content security policy on the dashboard's pages (scripts only from this server,
    so even markup that slipped into a page could not run)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == "/" or path.startswith(PREFIX)):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-security-policy", CSP.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _store(request: Request) -> Store:
    store: Store = request.app.state.dyad.store
    return store


def _page(
    request: Request, name: str, f: UiFilter | None, status: int = 200, **context: Any
) -> HTMLResponse:
    ctx = {"f": f or UiFilter(), "path": request.url.path, **context}
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def _problem(request: Request, message: str, status: int) -> HTMLResponse:
    return _page(request, "problem.html", None, status, message=message, title="Problem")


def _filters(request: Request) -> UiFilter:
    return UiFilter.from_query(request.query_params)


@router.get(f"{PREFIX}/plotly.min.js")
def plotly_js() -> FileResponse:
    """plotly.js as installed with the plotly package (no CDN)."""
    return FileResponse(
        _plotly_js(),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    try:
        f = _filters(request)
    except BadFilter as exc:
        return _problem(request, str(exc), 400)
    store = _store(request)
    ef = f.events()
    periods = store.periods(ef, f.interval)
    articles = store.article_periods(f.interval, f.since, f.until)
    counts = store.type_counts(ef)
    last, previous, moves = store.movers(ef, f.interval, limit=10)
    flagged = store_alerts(store, since=f.since)
    if f.until:
        flagged = [a for a in flagged if a.day <= f.until]
    flagged.sort(key=lambda a: (a.day, a.score), reverse=True)
    return _page(
        request,
        "overview.html",
        f,
        title="Overview",
        total=sum(n for _, _, n in counts),
        n_articles=sum(n for _, n in articles),
        activity=charts.figure_json(charts.activity_figure(periods, articles, f.interval)),
        by_type=charts.figure_json(charts.types_figure(counts)),
        dyads=store.top_dyads(ef, limit=15),
        actors=store.top_actors(ef, limit=15),
        moves=moves,
        alerts=flagged[:15],
        alert_threshold=ALERT_THRESHOLD,
        last=last,
        previous=previous,
    )


@router.get(f"{PREFIX}/dyad")
def dyad_form(request: Request) -> Response:
    """The overview's "open a dyad" form: two codes to the dyad's page."""
    a = (request.query_params.get("a") or "").strip().upper()
    b = (request.query_params.get("b") or "").strip().upper()
    if not (_CODE.match(a) and _CODE.match(b)):
        return _problem(request, "a dyad needs two three-letter actor codes, e.g. CHN and JPN", 400)
    return RedirectResponse(f"{PREFIX}/dyad/{a}/{b}", status_code=303)


@router.get(PREFIX + "/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: str, b: str) -> Response:
    if not (_CODE.match(a) and _CODE.match(b)):
        return _problem(request, "a dyad is two three-letter actor codes, e.g. CHN/JPN", 404)
    a, b = a.upper(), b.upper()
    try:
        f = _filters(request)
    except BadFilter as exc:
        return _problem(request, str(exc), 400)
    store = _store(request)
    ef = f.events(actor=a, recipient=b, both_ways=True)
    periods = store.periods(ef, f.interval)
    page = _page_number(request)
    events = list(store.events(ef, limit=PAGE, offset=(page - 1) * PAGE, order="-date"))
    quotes = store.dyad_quotes(a, b, ef)
    return _page(
        request,
        "dyad.html",
        f,
        title=f"{a} – {b}",
        a=a,
        b=b,
        total=store.count(ef),
        timeline=charts.figure_json(charts.timeline_figure(periods, f.interval)),
        events=_evidence(store, events),
        page=page,
        quotes=quotes,
    )


@router.get(PREFIX + "/actor/{code}", response_class=HTMLResponse)
def actor(request: Request, code: str) -> Response:
    if not _CODE.match(code):
        return _problem(request, "an actor is a three-letter code, e.g. CHN", 404)
    code = code.upper()
    try:
        f = _filters(request)
    except BadFilter as exc:
        return _problem(request, str(exc), 400)
    store = _store(request)
    ef = f.events(involving=(code,))
    edges = store.network(code, ef)
    periods = store.periods(ef, f.interval)
    page = _page_number(request)
    events = list(store.events(ef, limit=PAGE, offset=(page - 1) * PAGE, order="-date"))
    return _page(
        request,
        "actor.html",
        f,
        title=code,
        code=code,
        total=store.count(ef),
        network=charts.figure_json(charts.network_figure(code, edges)),
        timeline=charts.figure_json(charts.timeline_figure(periods, f.interval)),
        acts_on=[e for e in edges if e.actor == code],
        acted_on_by=[e for e in edges if e.recipient == code],
        events=_evidence(store, events),
        page=page,
    )


@router.get(f"{PREFIX}/map", response_class=HTMLResponse)
def world_map(request: Request) -> Response:
    try:
        f = _filters(request)
    except BadFilter as exc:
        return _problem(request, str(exc), 400)
    store = _store(request)
    ef = f.events()
    places = store.places(ef)
    return _page(
        request,
        "map.html",
        f,
        title="Map",
        total=store.count(ef),
        located=sum(p.events for p in places),
        places=places,
        figure=charts.figure_json(charts.map_figure(places)),
    )


@router.get(PREFIX + "/article/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> Response:
    store = _store(request)
    found = store.article(article_id)
    if found is None:
        return _problem(request, f"no article {article_id!r} in the store", 404)
    art, copy_of = found
    events = store.article_events(article_id)
    quotes = list(store.quotes(article_id=article_id))
    marks: list[Mark] = [
        Mark(q.start, q.end, f"quote {q.kind}", tag="span", title=_speaker(q)) for q in quotes
    ]
    by_span: dict[tuple[int, int], list[Event]] = {}
    for e in events:
        by_span.setdefault((e.trigger.start, e.trigger.end), []).append(e)
    anchors: dict[str, str] = {}
    for (start, end), group in by_span.items():
        anchor = f"t{start}-{end}"
        for e in group:
            anchors[e.id] = anchor
        label = "; ".join(f"{e.event_type or 'STATEMENT'} {e.cameo}" for e in group)
        worst = max(e.quad_class for e in group)
        marks.append(Mark(start, end, f"trigger q{worst}", title=label, anchor=anchor))
    return _page(
        request,
        "article.html",
        None,
        title=art.title or art.id,
        article=art,
        copy_of=copy_of,
        text=mark_up(art.text, marks),
        events=events,
        anchors=anchors,
        quotes=quotes,
    )


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return max(1, int(raw)) if raw.isdigit() else 1


def _speaker(q: Quote) -> str:
    who = q.speaker.code if q.speaker and q.speaker.code else "?"
    return f"{q.kind} quote: {q.speaker_text or 'unknown speaker'} ({who})"


def _evidence(store: Store, events: Sequence[Event]) -> list[tuple[Event, Markup]]:
    """Each event with its sentence, the trigger and actors marked. The sentence's place in
    its article (so the trigger's offsets can be used) comes from the article texts."""
    texts = store.article_texts([e.article_id for e in events])
    out = []
    for e in events:
        text = texts.get(e.article_id)
        at = find_sentence(text, e.sentence, e.trigger.start, e.trigger.end) if text else None
        out.append((e, mark_up(e.sentence, sentence_marks(e, at))))
    return out
