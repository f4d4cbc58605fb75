"""Readers: files, folders and standard input to :class:`~dyad.types.Article` records.

Each reader is registered for file suffixes in ``READERS``; a new format is one function and
one line there. Readers never raise for bad input: they yield a :class:`Problem` and go on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from dyad.sources.base import Item, Problem, decode, parse_date
from dyad.sources.html import parse_html
from dyad.sources.tabular import parse_csv, parse_jsonl, parse_jsonl_line, record_to_article
from dyad.sources.text import parse_text
from dyad.sources.warc import is_warc, read_warc
from dyad.types import Article

__all__ = [
    "READERS",
    "Article",
    "Item",
    "Problem",
    "parse_date",
    "read_path",
    "read_paths",
    "read_stdin",
    "readable",
    "record_to_article",
]

Reader = Callable[[str, str, Path, "date | None"], Iterator[Item]]


def _text(text: str, where: str, path: Path, default_date: date | None) -> Iterator[Item]:
    return parse_text(text, article_id=path.stem, where=where, default_date=default_date)


def _jsonl(text: str, where: str, path: Path, default_date: date | None) -> Iterator[Item]:
    return parse_jsonl(text.splitlines(), where=where, default_date=default_date)


def _csv(text: str, where: str, path: Path, default_date: date | None) -> Iterator[Item]:
    return parse_csv(text, where=where, default_date=default_date)


def _html(text: str, where: str, path: Path, default_date: date | None) -> Iterator[Item]:
    return parse_html(text, where=where, article_id=path.stem, default_date=default_date)


#: By suffix; WARC files (``.warc``, ``.warc.gz``) are read from bytes by ``read_warc``.
READERS: dict[str, Reader] = {
    ".txt": _text,
    ".text": _text,
    ".jsonl": _jsonl,
    ".ndjson": _jsonl,
    ".csv": _csv,
    ".html": _html,
    ".htm": _html,
}


def readable(path: Path) -> bool:
    """A file a folder scan reads: a known suffix, not hidden."""
    return not path.name.startswith(".") and (path.suffix.lower() in READERS or is_warc(path))


def _iter_jsonl_file(path: Path, where: str, default_date: date | None) -> Iterator[Item]:
    """Stream a JSONL file line by line, so a large corpus never sits in memory."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                line = decode(raw)
            except ValueError as exc:
                yield Problem(where, str(exc), number)
                continue
            item = parse_jsonl_line(line, where=where, number=number, default_date=default_date)
            if item is not None:
                yield item


def read_path(path: Path, default_date: date | None = None) -> Iterator[Item]:
    """Articles from one file, or from every readable file under a folder (sorted, recursive)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if readable(child):
                yield from read_path(child, default_date)
        return
    where = str(path)
    if not path.exists():
        yield Problem(where, "no such file or folder")
        return
    if is_warc(path):
        yield from read_warc(path, default_date)
        return
    suffix = path.suffix.lower()
    reader = READERS.get(suffix, _text)
    if reader is _jsonl:
        yield from _iter_jsonl_file(path, where, default_date)
        return
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        yield Problem(where, f"cannot read: {exc.strerror or exc}")
        return
    except ValueError as exc:
        yield Problem(where, str(exc))
        return
    if not text.strip():
        yield Problem(where, "empty file")
        return
    yield from reader(text, where, path, default_date)


def read_stdin(
    default_date: date | None = None, stream: Iterable[str] | None = None
) -> Iterator[Item]:
    """Standard input: JSONL when the first non-blank character is ``{``, else one text."""
    text = "".join(stream if stream is not None else sys.stdin)
    if text.lstrip().startswith("{"):
        yield from parse_jsonl(text.splitlines(), where="<stdin>", default_date=default_date)
    else:
        yield from parse_text(text, article_id="stdin", where="<stdin>", default_date=default_date)


def read_paths(paths: Iterable[str | Path], default_date: date | None = None) -> Iterator[Item]:
    """Articles from many paths; ``-`` is standard input."""
    for p in paths:
        if str(p) == "-":
            yield from read_stdin(default_date)
        else:
            yield from read_path(Path(p), default_date)
