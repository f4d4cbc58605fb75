"""What every reader yields: articles, or problems that name the file and record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dyad.types import Article

__all__ = ["FIELD_LIMITS", "Item", "Problem", "decode", "field_problem", "parse_date"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read. ``record`` is a 1-based line or row number."""

    where: str
    message: str
    record: int | None = None

    def __str__(self) -> str:
        loc = f"{self.where}:{self.record}" if self.record is not None else self.where
        return f"{loc}: {self.message}"


Item = Article | Problem


#: Longest stored id and source (the store's column widths; PostgreSQL refuses longer ones).
FIELD_LIMITS = {"id": 512, "source": 256}


def field_problem(value: str, name: str) -> str | None:
    """Why a text field cannot be stored, else None: databases refuse NUL characters and
    lone surrogates (a JSON ``\\ud800`` escape decodes to one), and ids and sources have a
    column width."""
    nul = value.find("\x00")
    if nul >= 0:
        return f"'{name}' contains a NUL character (at character {nul})"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"'{name}' contains a lone surrogate (at character {exc.start})"
    limit = FIELD_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        return f"'{name}' is {len(value)} characters long; at most {limit}"
    return None


def parse_date(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date); raises ValueError otherwise."""
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    head = value[:10]
    if not _ISO_DATE.match(head):
        raise ValueError(f"date {value!r} is not YYYY-MM-DD")
    return date.fromisoformat(head)


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); raises ValueError for binary or undecodable bytes."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 at byte {exc.start}") from None
    return text
