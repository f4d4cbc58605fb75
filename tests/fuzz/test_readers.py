"""Fuzzing every reader: whatever the bytes, a reader yields articles or problems that name
the file, never raises, never hangs, and never passes on text the store cannot hold.

``FORMATS`` gives each registered suffix its input generator; a new reader registered in
``dyad.sources.READERS`` is fuzzed by adding one line there (the first test fails until it is).
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.sources import READERS, Article, Problem, read_path, read_stdin
from dyad.sources.base import FIELD_LIMITS
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

#: The generator of each reader's input; every suffix in READERS needs one.
FORMATS: dict[str, st.SearchStrategy[bytes]] = {
    ".txt": st.one_of(dated_text, prose.map(_utf8), raw_bytes),
    ".text": st.one_of(dated_text, raw_bytes),
    ".jsonl": st.one_of(jsonl_files, raw_bytes),
    ".ndjson": jsonl_files,
    ".csv": st.one_of(csv_files, raw_bytes),
}


# -- what every reader promises -------------------------------------------------------------
def check(items: Iterable[Article | Problem], where: str) -> list[Article | Problem]:
    """Articles a store can hold, or problems naming the input; nothing else."""
    out = list(items)
    for item in out:
        if isinstance(item, Problem):
            assert item.where == where and item.message.strip(), item
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
