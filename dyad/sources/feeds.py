"""RSS and Atom feeds (feedparser, from bytes already fetched: feedparser never touches the
network here) and the feed list that ``dyad watch`` follows."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from dyad.errors import SourceError

__all__ = ["FeedError", "FeedItem", "ParsedFeed", "parse_feed", "read_feed_list"]

_COMMENT = re.compile(r"\s#.*$")  # a "#" after a space; a URL's own fragment stays


class FeedError(SourceError):
    """A feed that is not RSS or Atom, or too broken to read: the message names it."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    #: The item's guid (RSS) or id (Atom), else its link: what "seen" is keyed on.
    id: str
    link: str
    title: str | None
    published: date | None

    @property
    def key(self) -> str:
        return hashlib.sha1(self.id.encode("utf-8")).hexdigest()


@dataclass
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    #: Items that could not be used and a malformation feedparser read past, one line each.
    problems: list[str] = field(default_factory=list)


def _day(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            try:
                return date(t.tm_year, t.tm_mon, t.tm_mday)
            except ValueError:  # feedparser passes on years such as -1 or 0
                continue
    return None


#: "<!DOCTYPE" and "<!ENTITY" as a feed may spell them: ASCII-compatible, UTF-16, UTF-32.
_ENCODINGS = ("latin-1", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_DTD = [("<!DOCTYPE".encode(e), "<!ENTITY".encode(e)) for e in _ENCODINGS]


def _declares_entities(data: bytes) -> bool:
    """A DTD declaring entities. feedparser strips such declarations only when each starts
    a line, and expat expands the rest (a "billion laughs" payload of 800 bytes cost
    seconds of CPU, bounded only by the amplification limit of recent expat versions)."""
    for doctype, entity in _DTD:
        start = data.find(doctype)
        if start >= 0 and data.find(entity, start) >= 0:
            return True
    return False


def parse_feed(data: bytes, *, where: str) -> ParsedFeed:
    """The items of an RSS or Atom document; FeedError when it is neither or unreadable."""
    if not data.strip():
        raise FeedError(f"{where}: empty feed")
    if _declares_entities(data):
        # No real feed needs its own entities; the risk is entity expansion.
        raise FeedError(f"{where}: the feed declares XML entities in its DTD (refused)")
    try:
        parsed = feedparser.parse(data)
    except (UnicodeError, ValueError, LookupError, RecursionError) as exc:
        # feedparser's loose parser raises on some broken markup, e.g. a character
        # reference to a surrogate (&#55296;) in a feed that is not well-formed XML.
        raise FeedError(f"{where}: unreadable feed: {type(exc).__name__}: {exc}") from None
    bozo = parsed.get("bozo_exception")
    if not parsed.get("version"):
        why = f": {bozo}" if bozo else ""
        raise FeedError(f"{where}: not an RSS or Atom feed{why}")
    out = ParsedFeed(title=parsed.feed.get("title") or None, items=[])
    for n, entry in enumerate(parsed.entries, start=1):
        link = (entry.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            out.problems.append(f"{where}: item {n} has no http(s) link")
            continue
        ident = (entry.get("id") or "").strip() or link
        out.items.append(
            FeedItem(
                id=ident,
                link=link,
                title=(entry.get("title") or "").strip() or None,
                published=_day(entry),
            )
        )
    if bozo:
        if not out.items:
            raise FeedError(f"{where}: malformed feed: {bozo}")
        out.problems.append(f"{where}: malformed feed, read as far as possible: {bozo}")
    return out


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs, one a line; ``#`` starts a comment. A line that is not an http(s) URL is
    an error naming the line, so a typo is not silently never polled."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read the feed list: {exc}") from None
    urls: list[str] = []
    for number, line in enumerate(lines, start=1):
        url = "" if line.lstrip().startswith("#") else _COMMENT.sub("", line).strip()
        if not url:
            continue
        if not url.startswith(("http://", "https://")) or " " in url:
            raise SourceError(f"{path}:{number}: not an http(s) URL: {url!r}")
        if url not in urls:
            urls.append(url)
    return urls
