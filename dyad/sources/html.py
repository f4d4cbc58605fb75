"""Web pages: the article's text, title and date extracted from HTML by trafilatura
(boilerplate, menus and comments dropped)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import trafilatura

from dyad.sources.base import Item, Problem, parse_date
from dyad.types import Article

__all__ = ["parse_html"]

#: Shorter than this, what trafilatura found is a stub (a paywall, an index page), not news.
MIN_CHARS = 80


def parse_html(
    html: str | bytes,
    *,
    where: str,
    article_id: str,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    default_date: date | None = None,
) -> Iterator[Item]:
    """One article from a page. The headline opens the text (as for dated text files), so
    that offsets point into what was coded and the headline's event is found. ``title`` and
    ``default_date`` (from a feed item, say) stand in when the page has none. Bytes are
    decoded by trafilatura from the page's own declaration (``<meta charset>``) or by
    detection, for pages whose HTTP headers name no charset."""
    if not html.strip():
        yield Problem(where, "empty page")
        return
    tagged = "<" in html if isinstance(html, str) else b"<" in html
    if not tagged:
        yield Problem(where, "not HTML (no tags)")
        return
    try:
        raw = trafilatura.extract(
            html,
            url=url,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        yield Problem(where, f"cannot parse HTML: {type(exc).__name__}: {exc}")
        return
    doc = json.loads(raw) if raw else {}
    body = (doc.get("text") or "").strip()
    if len(body) < MIN_CHARS:
        yield Problem(where, f"no article text found in the page ({len(body)} characters)")
        return
    head = (doc.get("title") or title or "").strip() or None
    try:
        when = parse_date(doc.get("date")) or default_date
    except ValueError:
        when = default_date
    text = body if head is None or body.startswith(head) else f"{head}\n\n{body}"
    yield Article(
        id=article_id,
        text=text,
        title=head,
        date=when,
        url=url or doc.get("url") or None,
        source=source or doc.get("hostname") or doc.get("sitename") or None,
    )
