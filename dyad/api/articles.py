"""Articles: one stored article with what was coded from it, and adding articles (with the
API key)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool

from dyad.api.deps import StateDep, StoreDep, invalid, parse_day, require_key
from dyad.sources import Problem, record_to_article
from dyad.sources.base import decode, field_problem
from dyad.sources.text import parse_text
from dyad.types import Article, content_hash

router = APIRouter(tags=["articles"])

_ARTICLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "text"],
    "properties": {
        "id": {"type": "string"},
        "text": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "source": {"type": "string"},
    },
}


@router.get("/articles/{article_id:path}")
def get_article(
    store: StoreDep,
    article_id: Annotated[str, Path(description="The article's input id.")],
) -> dict[str, Any]:
    """The article, the article it nearly copies (if any), its events (every temporal
    status, with this article's sentence as evidence) and its quotes."""
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    a, copy_of = found
    return {
        "article": {
            "id": a.id,
            "title": a.title,
            "text": a.text,
            "date": a.date.isoformat() if a.date else None,
            "url": a.url,
            "source": a.source,
        },
        "near_copy_of": copy_of,
        "events": [e.to_dict() for e in store.article_events(article_id)],
        "quotes": [q.to_dict() for q in store.quotes(article_id=article_id)],
    }


@router.post(
    "/articles",
    dependencies=[Depends(require_key)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            _ARTICLE_SCHEMA,
                            {"type": "array", "items": _ARTICLE_SCHEMA},
                        ]
                    }
                },
                "text/plain": {"schema": {"type": "string"}},
            },
        }
    },
)
async def add_articles(
    request: Request,
    state: StateDep,
    date_: Annotated[
        str | None,
        Query(alias="date", description="Date YYYY-MM-DD for articles that carry none."),
    ] = None,
    id_: Annotated[
        str | None,
        Query(alias="id", min_length=1, max_length=500, description="Id of a text/plain article."),
    ] = None,
) -> dict[str, int]:
    """Code and store articles: a JSON article ``{"id", "text", "date"?, "title"?, "url"?,
    "source"?}``, a list of them, or a text/plain article (a first line ``date YYYY-MM-DD
    headline`` gives its date and title). Articles already stored (same text) are skipped.
    Needs the ``X-API-Key`` header."""
    default = parse_day(date_, "date")
    body = await request.body()
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        articles = _from_json(body, default)
    elif media == "text/plain":
        articles = [_from_text(body, default, id_)]
    else:
        raise HTTPException(415, "send application/json or text/plain")
    result = await run_in_threadpool(state.ingest, articles)
    return {
        "added": result.added,
        "duplicates": result.duplicates,
        "near_duplicates": result.near_duplicates,
        "events": result.events,
    }


def _decode(body: bytes) -> str:
    try:
        return decode(body)
    except ValueError as exc:
        raise invalid(("body",), str(exc)) from None


def _from_text(body: bytes, default: date | None, article_id: str | None) -> Article:
    text = _decode(body)
    if not text.strip():
        raise invalid(("body",), "the body is empty")
    aid = article_id or f"text-{content_hash(text)[:12]}"
    why = field_problem(aid, "id")
    if why:
        raise invalid(("query", "id"), why)
    for item in parse_text(text, article_id=aid, where="body", default_date=default):
        if isinstance(item, Problem):
            raise invalid(("body",), item.message)
        return item
    raise invalid(("body",), "no article in the body")


def _from_json(body: bytes, default: date | None) -> list[Article]:
    try:
        data = json.loads(_decode(body))
    except json.JSONDecodeError as exc:
        raise invalid(("body",), f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    if isinstance(data, list):
        if not data:
            raise invalid(("body",), "the list has no articles")
        return [_record(rec, ("body", i), default) for i, rec in enumerate(data)]
    return [_record(data, ("body",), default)]


def _record(rec: Any, loc: tuple[str | int, ...], default: date | None) -> Article:
    """One JSON record; a 422 naming the field that is missing or wrong."""
    if not isinstance(rec, dict):
        raise invalid(loc, f"expected an article object, got {type(rec).__name__}")
    rid = rec.get("id")
    if not isinstance(rid, str | int) or isinstance(rid, bool) or str(rid) == "":
        raise invalid((*loc, "id"), "an article needs an 'id' (a string)", rid)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise invalid((*loc, "text"), "an article needs a non-empty 'text'")
    for key in ("title", "url", "source", "date"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise invalid((*loc, key), f"'{key}' must be a string", rec[key])
    for key in ("id", "text", "title", "url", "source"):
        why = field_problem(str(rec[key]), key) if rec.get(key) is not None else None
        if why:
            raise invalid((*loc, key), why)
    item = record_to_article(rec, where="body", number=1, default_date=default)
    if isinstance(item, Problem):  # the text and id are checked above: the date is wrong
        raise invalid((*loc, "date"), item.message, rec.get("date"))
    return item
