"""Plain text articles, with or without a ``date YYYY-MM-DD <headline>`` first line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from dyad.sources.base import Item, Problem, field_problem
from dyad.types import Article

__all__ = ["parse_text"]

_DATELINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.IGNORECASE)


def parse_text(
    text: str, *, article_id: str, where: str, default_date: date | None = None
) -> Iterator[Item]:
    """One article from a text. The headline, when there is one, opens the article text,
    so that offsets point into what was coded and the headline's event is found."""
    if not text.strip():
        yield Problem(where, "empty file")
        return
    why = field_problem(text, "text")
    if why:
        yield Problem(where, why.replace("'text'", "the text"))
        return
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    m = _DATELINE.match(first)
    title: str | None = None
    when = default_date
    body = text
    if m:
        try:
            when = date.fromisoformat(m.group(1))
        except ValueError:
            yield Problem(where, f"bad date {m.group(1)!r} on the date line", 1)
            return
        title = (m.group(2) or "").strip() or None
        body = rest.strip()
        body = f"{title}\n\n{body}" if title else body
        if not body.strip():
            yield Problem(where, "the file has a date line but no text", 1)
            return
    else:
        body = text.strip()
    yield Article(id=article_id, text=body, title=title, date=when, source=None, url=None)
