"""XSS payloads and the check that a page shows them as text. Pages that render stored text
(the dashboard) are listed in ``HTML_PAGES``: one line each, a function from the test client
and the ids of the stored hostile article to the page's HTML."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi.testclient import TestClient

PAYLOADS = (
    "<script>alert('dyad')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(2)>",
    "javascript:alert(3)//",
    "</textarea><iframe src=javascript:alert(4)>",
)


def _get(client: TestClient, path: str) -> str:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
    return r.text


#: (client, ids) -> HTML of a page that shows the stored article or its events; ids has the
#: hostile article's id ("article") and the actor and recipient codes of one of its events.
HTML_PAGES: list[Callable[[TestClient, dict[str, str]], str]] = [
    lambda c, ids: _get(c, "/"),
    lambda c, ids: _get(c, f"/ui/dyad/{ids['actor']}/{ids['recipient']}"),
    lambda c, ids: _get(c, f"/ui/actor/{ids['actor']}"),
    lambda c, ids: _get(c, f"/ui/actor/{ids['recipient']}"),
    lambda c, ids: _get(c, "/ui/map"),
    lambda c, ids: _get(c, "/ui/article/" + quote(ids["article"], safe="")),
]


def assert_escaped(page: str) -> None:
    """No payload appears as markup; each one that appears at all is escaped."""
    for payload in PAYLOADS:
        if payload.startswith("javascript:"):
            assert 'href="javascript:' not in page.replace("'", '"'), payload
            continue
        assert payload not in page, f"unescaped {payload!r}"
    for tag in ("<script>alert", "<img src=x", "<svg/onload", "<iframe"):
        assert tag not in page, tag
