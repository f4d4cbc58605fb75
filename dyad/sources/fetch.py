"""Fetching over HTTP: the one place where dyad reads the network, and only when asked
(``dyad watch``, URL arguments to ``dyad ingest``).

Polite by construction: a User-Agent that names dyad, timeouts, retries with exponential
backoff on timeouts and 429/5xx answers, a minimum interval between two requests to one host
(shared by all threads), and conditional requests (ETag / Last-Modified) so that an unchanged
feed costs one 304.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import httpx

from dyad import __version__
from dyad.errors import SourceError
from dyad.sources.base import Item, Problem
from dyad.sources.html import parse_html

__all__ = ["USER_AGENT", "FetchError", "Fetcher", "Response", "is_url", "read_urls"]

USER_AGENT = f"dyad/{__version__} (political event coder; polls feeds politely)"
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(SourceError):
    """A URL that could not be fetched, after the retries: the message names it.
    ``permanent``: the server said it is not there (4xx), so asking again will not help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    status: int
    content: bytes
    text: str
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _HostLimiter:
    """At most one request per ``interval`` seconds to each host: a caller reserves the next
    free slot under the lock and sleeps outside it, so other hosts never wait."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """GET with timeouts, retries, backoff, a per-host rate limit and conditional requests.
    Safe to share between threads."""

    def __init__(
        self,
        *,
        timeout: float = 15.0,
        retries: int = 2,
        backoff: float = 1.0,
        per_host_interval: float = 1.0,
        user_agent: str = USER_AGENT,
        max_bytes: int = 20 * 1024 * 1024,
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self._limiter = _HostLimiter(per_host_interval)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent},
            follow_redirects=True,
            max_redirects=5,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """The response (a 304 when the validators still hold); FetchError otherwise."""
        if not is_url(url):
            raise FetchError(f"{url}: not an http(s) URL")
        host = urlsplit(url).netloc
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._limiter.wait(host)
            try:
                r = self._client.get(url, headers=headers)
            except httpx.InvalidURL as exc:
                raise FetchError(f"{url}: invalid URL: {exc}", permanent=True) from None
            except httpx.TimeoutException:
                problem = "timed out"
                continue
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
                continue
            if r.status_code in _RETRY_STATUS:
                problem = f"HTTP {r.status_code} {r.reason_phrase}"
                continue
            if r.status_code >= 400:
                raise FetchError(f"{url}: HTTP {r.status_code} {r.reason_phrase}", permanent=True)
            if len(r.content) > self.max_bytes:
                raise FetchError(f"{url}: larger than {self.max_bytes} bytes")
            return Response(
                url=str(r.url),
                status=r.status_code,
                content=r.content,
                text=r.text if r.status_code != 304 else "",
                content_type=r.headers.get("content-type", ""),
                etag=r.headers.get("etag"),
                last_modified=r.headers.get("last-modified"),
            )
        raise FetchError(f"{url}: {problem} (tried {self.retries + 1} times)")


def page_items(
    resp: Response,
    *,
    article_id: str | None = None,
    title: str | None = None,
    default_date: date | None = None,
) -> Iterator[Item]:
    """The article of a fetched HTML page (or a Problem naming the URL)."""
    kind = resp.content_type.split(";")[0].strip().lower()
    if kind and kind not in ("text/html", "application/xhtml+xml"):
        yield Problem(resp.url, f"not an HTML page (Content-Type {kind})")
        return
    yield from parse_html(
        resp.text if "charset=" in resp.content_type.lower() else resp.content,
        where=resp.url,
        article_id=article_id or resp.url,
        url=resp.url,
        source=urlsplit(resp.url).hostname,
        title=title,
        default_date=default_date,
    )


def read_urls(
    urls: Iterable[str], fetcher: Fetcher, default_date: date | None = None
) -> Iterator[Item]:
    """Articles from web pages, one per URL; a URL that fails is a Problem, not an abort."""
    for url in urls:
        try:
            resp = fetcher.get(url)
        except FetchError as exc:
            yield Problem(url, str(exc).removeprefix(f"{url}: "))
            continue
        yield from page_items(resp, default_date=default_date)
