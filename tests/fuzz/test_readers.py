"""Fuzzing every reader: whatever the bytes, a reader yields articles or problems that name
the file, never raises, never hangs, and never passes on text the store cannot hold.

``FORMATS`` gives each registered suffix its input generator; a new reader registered in
``dyad.sources.READERS`` is fuzzed by adding one line there (the first test fails until it is).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyad.sources import READERS, Article, Problem, read_path, read_stdin
from dyad.sources.base import FIELD_LIMITS
from dyad.sources.feeds import FeedError, parse_feed
from tests.fuzz.conftest import tried

# -- generators -----------------------------------------------------------------------------
#: Any code point but lone surrogates: control characters, NUL, private use, unassigned.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
#: Strings as Python holds undecodable bytes: lone surrogates from ``surrogateescape``.
escaped_text = st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape"))
words = st.sampled_from(
    [
        "China",
        "Japan",
        "warned",
        "talks",
        "Taiwan",
        "the",
        "on",
        "Tuesday",
        "said",
        "Russia",
        "sanctions",
        "\u202e",
        "\u200b",
        "\x00",
        "\x1b[31m",
        "\r\n",
        "\n\n",
        "<div>",
        "&amp;",
        "2021-08-19",
        "date",
    ]
)
prose = st.lists(words | any_text, max_size=40).map(" ".join)


def _utf8(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


#: latin-1 and UTF-8 in one file, as a badly merged feed has them.
mixed_encodings = st.lists(
    st.tuples(any_text, st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16"])).map(
        lambda p: p[0].encode(p[1], "replace")
    ),
    max_size=6,
).map(b"".join)

raw_bytes = st.one_of(
    st.binary(max_size=600), mixed_encodings, any_text.map(_utf8), escaped_text.map(_utf8)
)

dates = st.one_of(
    st.dates().map(str), st.sampled_from(["2021-02-30", "0000-00-00", "June", ""]), any_text
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text | escaped_text,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(any_text, kids, max_size=3),
    max_leaves=8,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(any_text, st.integers(), st.text(min_size=500, max_size=600), json_value),
        "text": st.one_of(prose, escaped_text, json_value),
        "date": st.one_of(dates, json_value),
        "title": st.one_of(any_text, json_value),
        "url": any_text,
        "source": st.one_of(any_text, st.text(min_size=250, max_size=300)),
    },
)


def _jsonl_line(rec: dict[str, object], cut: int | None) -> str:
    line = json.dumps(rec)  # lone surrogates and NUL come out as \ud800 and \u0000 escapes
    return line[:cut] if cut is not None else line


jsonl_files = st.lists(
    st.one_of(
        st.builds(_jsonl_line, record, st.none() | st.integers(0, 60)),
        json_value.map(json.dumps),
        any_text,
    ),
    max_size=8,
).map(lambda lines: _utf8("\n".join(lines)))


def _csv(header: list[str], rows: list[list[str]], quoting: int) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, quoting=quoting)
    w.writerow(header)
    w.writerows(rows)
    return _utf8(out.getvalue())


cells = st.one_of(prose, dates, any_text)
csv_files = st.one_of(
    st.builds(
        _csv,
        st.lists(st.sampled_from(["id", "text", "date", "title", "url", "source", "", "x"])),
        st.lists(st.lists(cells, max_size=7), max_size=6),
        st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
    ),
    st.lists(st.sampled_from(['"', ",", "\n", "\r", "text", "id", "\x00", "é"])).map(
        lambda parts: _utf8("".join(parts))
    ),
)

dated_text = st.builds(
    lambda d, head, body: _utf8(f"date {d} {head}\n{body}"), dates, any_text, prose
)


def _article_page(title: str, day: str, paragraphs: list[str], charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>"
        f'<meta property="article:published_time" content="{day}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>(c) news</footer></body></html>"
    )


_charsets = st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16", "shift_jis", "koi8-r"])
html_pages = st.builds(
    _article_page,
    prose,
    dates,
    st.lists(prose, max_size=6),
    st.none() | _charsets | any_text.map(lambda s: s.replace('"', "")),
).map(_utf8)


def _encoded_page(page: str, declared: str | None, actual: str) -> bytes:
    """A page saved in one encoding, with or without a <meta charset> that may say another."""
    head = f'<meta charset="{declared}">' if declared else ""
    return f"<html><head>{head}</head><body>{page}</body></html>".encode(actual, "replace")


_tags = st.sampled_from(["<p>", "<div>", "</p>", "<a href='", "<!--", "<script>", "<br/>"])
broken_markup = st.lists(
    _tags | words | st.sampled_from(["<", ">", "</", "<![CDATA[", "&#0;", "&#xD800;", "&"]),
    max_size=60,
).map(lambda parts: _utf8("".join(parts)))


def _nested(tag: str, depth: int, inner: str) -> bytes:
    return _utf8(f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>")


html_files = st.one_of(
    html_pages,
    broken_markup,
    st.builds(
        _encoded_page,
        prose,
        st.none() | _charsets,
        st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16", "shift_jis"]),
    ),
    st.builds(
        _nested,
        st.sampled_from(["div", "p", "span", "b"]),
        st.sampled_from([1, 100, 5_000]),
        prose,
    ),
    raw_bytes,
)


def _warc(pages: list[tuple[str, bytes, str, bool]], compress: bool) -> bytes:
    """A WARC file written by warcio (as crawlers write them): one response per page, and a
    request record before each when ``bool`` says so."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "fuzz"}))
    for n, (kind, body, uri_tail, with_request) in enumerate(pages):
        uri = f"https://news.example/{n}/{uri_tail}"
        if with_request:
            get = StatusAndHeaders(
                f"GET /{n} HTTP/1.1", [("Host", "news.example")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(uri, "request", payload=io.BytesIO(), http_headers=get)
            )
        http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        )
    return out.getvalue()


def _damaged(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    """Cut short and with some bytes changed, as a broken download or disk leaves it."""
    out = bytearray(data[: max(0, len(data) - cut)])
    for at, value in flips:
        if out:
            out[at % len(out)] = value
    return bytes(out)


_warc_pages = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "text/html; charset=utf-8",
                "text/html",
                "text/html; charset=bogus-9",
                "application/xhtml+xml",
                "application/pdf",
                "image/png",
                "",
            ]
        ),
        html_files,
        st.text("abcxyz-é", max_size=8),
        st.booleans(),
    ),
    max_size=4,
)


def _warc_files(compress: bool) -> st.SearchStrategy[bytes]:
    whole = st.builds(_warc, _warc_pages, st.just(compress))
    damaged = st.builds(
        _damaged,
        whole,
        st.integers(0, 400),
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
    )
    junk = raw_bytes.map(gzip.compress) if compress else raw_bytes
    return st.one_of(whole, damaged, junk, raw_bytes)


#: The generator of each reader's input; every suffix in READERS needs one. WARC files are
#: read by suffix outside READERS (``is_warc``), and fuzzed here all the same.
FORMATS: dict[str, st.SearchStrategy[bytes]] = {
    ".txt": st.one_of(dated_text, prose.map(_utf8), raw_bytes),
    ".text": st.one_of(dated_text, raw_bytes),
    ".jsonl": st.one_of(jsonl_files, raw_bytes),
    ".ndjson": jsonl_files,
    ".csv": st.one_of(csv_files, raw_bytes),
    ".html": html_files,
    ".htm": st.one_of(html_pages, raw_bytes),
    ".warc": _warc_files(compress=False),
    ".warc.gz": _warc_files(compress=True),
}


# -- what every reader promises -------------------------------------------------------------
def check(items: Iterable[Article | Problem], where: str) -> list[Article | Problem]:
    """Articles a store can hold, or problems naming the input; nothing else."""
    out = list(items)
    for item in out:
        if isinstance(item, Problem):
            # (a WARC problem names the record too: "file@offset <uri>")
            assert item.where == where or item.where.startswith(f"{where}@"), item
            assert item.message.strip(), item
            assert item.record is None or item.record >= 1
            continue
        assert isinstance(item, Article), item
        assert item.text.strip()
        for value in (item.text, item.id, item.title, item.url, item.source):
            if value is not None:
                assert "\x00" not in value
                value.encode("utf-8")  # no lone surrogates
        assert 0 < len(item.id) <= FIELD_LIMITS["id"]
        assert item.source is None or len(item.source) <= FIELD_LIMITS["source"]
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_every_reader_has_a_generator() -> None:
    assert set(READERS) <= set(FORMATS), f"add a generator for {set(READERS) - set(FORMATS)}"


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_reader_survives_anything(suffix: str, folder: Path) -> None:
    path = folder / f"input{suffix}"

    @settings(parent=settings.get_profile("dyad-fuzz"))
    @given(data=FORMATS[suffix])
    def run(data: bytes) -> None:
        tried(f"reader{suffix}")
        path.write_bytes(data)
        check(read_path(path), str(path))

    run()


@settings(parent=settings.get_profile("dyad-fuzz"))
@given(text=st.one_of(prose, escaped_text, jsonl_files.map(lambda b: b.decode("utf-8", "replace"))))
def test_stdin_survives_anything(text: str) -> None:
    tried("stdin")
    check(read_stdin(stream=io.StringIO(text)), "<stdin>")


# -- what cannot be read says why -----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b"PK\x03\x04\x00\x00binary", "binary file"),
        ("a.txt", "Caf\xe9 in Paris".encode("latin-1"), "not valid UTF-8 at byte 3"),
        ("a.txt", "Café ".encode() + "Café".encode("latin-1"), "not valid UTF-8 at byte 9"),
        ("a.txt", b"x" * 9000 + b"\x00", "NUL character"),
        ("a.jsonl", b'{"id": "a", "text": "bad \\ud800 half"}', "lone surrogate"),
        ("a.jsonl", b'{"id": "a", "text": "nul \\u0000 here"}', "NUL character"),
        ("a.jsonl", b'{"id": "' + b"i" * 600 + b'", "text": "t"}', "'id' is 600 characters"),
        ("a.jsonl", b'{"id": "a", "text": "t"', "malformed JSON"),
        ("a.csv", b'id,text\n1,"unclosed\n2,more\n', "malformed CSV"),
        ("a.csv", b"id,title\n1,x\n", "no 'text' column"),
        ("a.txt", b"date 2021-13-45 Headline\nbody", "bad date"),
    ],
)
def test_unreadable_input_gets_a_clear_problem(
    folder: Path, name: str, data: bytes, message: str
) -> None:
    path = folder / name
    path.write_bytes(data)
    items = check(read_path(path), str(path))
    problems = [i for i in items if isinstance(i, Problem)]
    assert problems and message in problems[0].message, items


# -- huge inputs ----------------------------------------------------------------------------
TEN_MB = 10 * 1024 * 1024


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
def test_ten_megabyte_article_is_read_quickly(folder: Path, suffix: str) -> None:
    text = ("China warned Japan against talks. " * (TEN_MB // 34 + 1))[:TEN_MB]
    path = folder / f"big{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"id": "big", "text": text}))
    elif suffix == ".csv":
        path.write_bytes(_csv(["id", "text"], [["big", text]], csv.QUOTE_MINIMAL))
    else:
        path.write_text(text)
    started = time.perf_counter()
    [article] = check(read_path(path), str(path))
    assert time.perf_counter() - started < 10
    assert isinstance(article, Article) and len(article.text) == len(text.strip())


def test_deeply_nested_markup_is_just_text(folder: Path) -> None:
    path = folder / "nested.txt"
    path.write_text("<div>" * 100_000 + "China warned Japan." + "</div>" * 100_000)
    [article] = check(read_path(path), str(path))
    assert isinstance(article, Article) and "China warned Japan." in article.text


# -- the feeds ``dyad watch`` follows -------------------------------------------------------
def _rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
        for t, link, d in items
    )
    return _utf8(f'<rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>')


def _atom(title: str, items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{d}</updated>'
        "</entry>"
        for t, link, d in items
    )
    return _utf8(f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{body}</feed>')


def _laughs(levels: int, root: str) -> bytes:
    """The "billion laughs": each entity ten of the one before, declared on one line."""
    ents = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)
    )
    return _utf8(
        f'<?xml version="1.0"?><!DOCTYPE {root} [{ents}]>'
        f'<rss version="2.0"><channel><title>&l{levels};</title>'
        f"<item><title>&l{levels};</title><link>https://a.example/1</link></item>"
        "</channel></rss>"
    )


_links = st.one_of(
    st.sampled_from(["https://news.example/a", "http://x.example/?q=1&amp;b=2", "ftp://x", ""]),
    any_text,
)
_feed_items = st.lists(st.tuples(prose, _links, dates), max_size=5)
feeds = st.one_of(
    st.builds(_rss, prose, _feed_items),
    st.builds(_atom, prose, _feed_items),
    st.builds(_rss, prose, _feed_items).map(lambda b: b[: len(b) // 2]),
    st.builds(_laughs, st.integers(1, 12), st.sampled_from(["rss", "feed", "x"])),
    st.builds(
        lambda depth: _utf8(
            '<rss version="2.0"><channel>' + "<x>" * depth + "</x>" * depth + "</channel></rss>"
        ),
        st.sampled_from([10, 5_000, 20_000]),
    ),
    broken_markup,
    raw_bytes,
)


@settings(parent=settings.get_profile("dyad-fuzz"))
@given(data=feeds)
def test_feed_parser_survives_anything(data: bytes) -> None:
    tried("feed")
    started = time.perf_counter()
    try:
        feed = parse_feed(data, where="https://feeds.example/rss")
    except FeedError as exc:
        assert str(exc).startswith("https://feeds.example/rss: "), exc
    else:
        for item in feed.items:
            assert item.link.startswith(("http://", "https://")) and item.id
        for line in feed.problems:
            assert line.startswith("https://feeds.example/rss: ")
    assert time.perf_counter() - started < 10


def test_entity_expansion_is_refused_not_expanded() -> None:
    """800 bytes that expand to 3 GB: feedparser strips only declarations that open a line,
    and expat expanded these for seconds before its amplification limit stopped it."""
    started = time.perf_counter()
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(_laughs(9, "rss"), where="f")
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(_laughs(9, "rss").decode().encode("utf-16"), where="f")
    assert time.perf_counter() - started < 1
    # An ordinary DOCTYPE (no entities) is still read.
    plain = b'<?xml version="1.0"?><!DOCTYPE rss>' + _rss("t", [("a", "https://a.b/1", "")])
    assert [i.link for i in parse_feed(plain, where="f").items] == ["https://a.b/1"]


# -- what the longer campaign found ---------------------------------------------------------
def test_feed_item_dated_year_zero_is_undated() -> None:
    """feedparser reads "0001-01-01T00:00:00+01:00" as year 0, which ``date`` refuses."""
    doc = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://a.b/1"/>'
        b"<updated>0001-01-01T00:00:00+01:00</updated></entry></feed>"
    )
    [item] = parse_feed(doc, where="f").items
    assert item.link == "https://a.b/1" and item.published is None


def test_warc_response_without_target_uri_is_a_problem(folder: Path) -> None:
    """warcio raised AttributeError on a response record with no WARC-Target-URI."""
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>"
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
    path = folder / "no-uri.warc"
    path.write_bytes(head + b"Content-Length: %d\r\n\r\n" % len(body) + body + b"\r\n\r\n")
    [problem] = check(read_path(path), str(path))
    assert isinstance(problem, Problem) and "broken WARC record header" in problem.message


def test_feed_with_a_surrogate_character_reference_is_an_error() -> None:
    """feedparser's loose parser raised UnicodeEncodeError on "&#55296;" in a broken feed."""
    broken = b'<rss version="2.0"><channel><title>&#55296;</title></channel>'
    with pytest.raises(FeedError, match=r"^f: unreadable feed: UnicodeEncodeError"):
        parse_feed(broken, where="f")
