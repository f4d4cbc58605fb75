"""A small HTTP server on 127.0.0.1 for the fetching tests: fixed routes, ETag and
Last-Modified answered with 304, and per-route delays and failures. Loopback only."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LAST_MODIFIED = "Thu, 02 May 2024 10:00:00 GMT"


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    #: Answer 503 to this many requests before answering normally.
    fail_first: int = 0
    etag: bool = True


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    posted: list[tuple[str, bytes, dict[str, str]]] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            site.hits[self.path] += 1
            site.agents.append(self.headers.get("User-Agent", ""))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            if route.fail_first > 0:
                route.fail_first -= 1
                self.send_error(503)
                return
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            # If-None-Match, when sent, decides alone (RFC 9110 13.2.2).
            match = self.headers.get("If-None-Match")
            fresh = (
                match == tag
                if match is not None
                else self.headers.get("If-Modified-Since") == LAST_MODIFIED
            )
            if route.etag and fresh:
                site.not_modified[self.path] += 1
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", tag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            self.wfile.write(route.body)

        def do_POST(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            site.posted.append((self.path, self.rfile.read(n), dict(self.headers)))
            self.send_response(204)
            self.end_headers()

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (a timeout test) is expected, not news


@contextmanager
def serve(site: Site, host: str = "127.0.0.1") -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
