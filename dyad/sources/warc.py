"""WARC archives (``.warc``, ``.warc.gz``), as Common Crawl's news archives are distributed:
each ``response`` record with an HTML payload is one article, its target URI kept as the
article's id and url. Other record types (requests, metadata, warcinfo) carry no article and
are passed over; a non-HTML response or a broken record is a Problem naming its offset."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyad.sources.base import Item, Problem
from dyad.sources.html import parse_html

__all__ = ["is_warc", "read_warc"]

_HTML = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def read_warc(path: Path, default_date: date | None = None) -> Iterator[Item]:
    """Articles from the HTML responses in one WARC file; the run goes on past a bad record
    where the archive lets it, and stops with a Problem where it is cut or corrupt."""
    where = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Problem(where, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        records = ArchiveIterator(fh, check_digests=True)
        found = 0
        broken = False
        try:
            for record in records:
                found += 1
                if not str(record.format).startswith("warc"):
                    # warcio reads any line of five words as an old ARC header: a file of
                    # some other kind under a .warc name. Say so rather than guess.
                    broken = True
                    yield Problem(
                        f"{where}@{records.offset}", "broken WARC file: not a WARC record"
                    )
                    break
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                kind = ""
                if record.http_headers is not None:
                    kind = record.http_headers.get_header("Content-Type") or ""
                if kind.split(";")[0].strip().lower() not in _HTML:
                    # (the offset is known once the record is read: ask for it after reading)
                    here = f"{where}@{records.get_record_offset()} <{uri}>"
                    yield Problem(here, f"not an HTML response (Content-Type {kind or 'none'})")
                    continue
                try:
                    payload = record.content_stream().read()
                    charset = _charset(kind)
                    # Without a charset in the headers, trafilatura reads the page's own.
                    html: str | bytes = (
                        payload.decode(charset, errors="replace") if charset else payload
                    )
                    error = None
                except (LookupError, OSError, ValueError) as exc:
                    html, error = "", exc
                offset = records.get_record_offset()
                here = f"{where}@{offset} <{uri}>"
                if error is not None:
                    yield Problem(here, f"cannot read the payload: {error}")
                    continue
                # Bytes the record announced but the file does not have: cut short.
                short = getattr(record.raw_stream, "limit", 0) or 0
                if short > 0 or record.digest_checker.passed is False:
                    yield Problem(here, "truncated or corrupt record (its digest does not match)")
                    continue
                yield from parse_html(
                    html,
                    where=here,
                    article_id=uri or f"{where}@{offset}",
                    url=uri or None,
                    source=urlsplit(uri).hostname if uri else None,
                    default_date=default_date,
                )
        except ArchiveLoadFailed as exc:
            broken = True
            yield Problem(f"{where}@{records.offset}", f"broken WARC record: {exc}")
        except (OSError, EOFError, ValueError) as exc:
            broken = True
            yield Problem(f"{where}@{records.offset}", f"broken WARC file: {exc}")
        except (AttributeError, TypeError, KeyError, IndexError) as exc:
            # warcio trips on some malformed headers (a response without WARC-Target-URI)
            broken = True
            why = f"{type(exc).__name__}: {exc}"
            yield Problem(f"{where}@{records.offset}", f"broken WARC record header ({why})")
        if not found and not broken:
            yield Problem(where, "no WARC records in the file")
