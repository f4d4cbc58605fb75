"""JSONL and CSV records: ``id``, ``text``, ``date``, optional ``title``, ``url``, ``source``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from dyad.sources.base import Item, Problem, field_problem, parse_date
from dyad.types import Article

__all__ = ["parse_csv", "parse_jsonl", "parse_jsonl_line", "record_to_article"]

csv.field_size_limit(64 * 1024 * 1024)


def record_to_article(
    rec: Mapping[str, Any], *, where: str, number: int, default_date: date | None
) -> Item:
    """One record to an Article, or a Problem saying which field is wrong."""
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(where, "record has no 'text'", number)
    rid = rec.get("id")
    article_id = str(rid) if rid not in (None, "") else f"{where}#{number}"
    raw_date = rec.get("date")
    try:
        when = parse_date(raw_date) if raw_date not in (None, "") else default_date
    except ValueError as exc:
        return Problem(where, str(exc), number)

    def opt(key: str) -> str | None:
        value = rec.get(key)
        return str(value) if value not in (None, "") else None

    fields = {"text": text, "id": article_id, **{k: opt(k) for k in ("title", "url", "source")}}
    for name, value in fields.items():
        why = field_problem(value, name) if value is not None else None
        if why:
            return Problem(where, why, number)

    return Article(
        id=article_id,
        text=text,
        title=opt("title"),
        date=when,
        url=opt("url"),
        source=opt("source"),
    )


def parse_jsonl_line(
    line: str, *, where: str, number: int, default_date: date | None = None
) -> Item | None:
    """One JSONL line; None for a blank line."""
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, f"malformed JSON: {exc.msg} at column {exc.colno}", number)
    if not isinstance(rec, dict):
        return Problem(where, f"expected a JSON object, got {type(rec).__name__}", number)
    return record_to_article(rec, where=where, number=number, default_date=default_date)


def parse_jsonl(
    lines: Iterable[str], *, where: str, default_date: date | None = None
) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        item = parse_jsonl_line(line, where=where, number=number, default_date=default_date)
        if item is not None:
            yield item


def parse_csv(text: str, *, where: str, default_date: date | None = None) -> Iterator[Item]:
    # strict: an unclosed quote is an error, not the rest of the file read as one cell.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        if reader.fieldnames is None or "text" not in reader.fieldnames:
            yield Problem(where, "CSV has no 'text' column in its header", 1)
            return
        for row in reader:
            number = reader.line_num
            if None in row:
                yield Problem(where, "row has more cells than the header", number)
                continue
            yield record_to_article(row, where=where, number=number, default_date=default_date)
    except csv.Error as exc:
        yield Problem(where, f"malformed CSV: {exc}", max(reader.line_num, 1))
