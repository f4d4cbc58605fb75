"""Readers: every format yields typed articles, and bad input yields a Problem naming it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from dyad.sources import Problem, read_path, read_paths, read_stdin
from dyad.types import Article


def _items(path: Path, default: date | None = None) -> list[Article | Problem]:
    return list(read_path(path, default))


def test_dated_text_file_has_headline_date_and_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("date 2021-08-19 China warns Japan\n\nBody one.\n", encoding="utf-8")
    [a] = _items(f)
    assert isinstance(a, Article)
    assert a.date == date(2021, 8, 19)
    assert a.title == "China warns Japan"
    assert a.text.startswith("China warns Japan\n\nBody one.")
    assert a.id == "a"


def test_leading_space_and_bom_before_date_line(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_bytes("\ufeff date 2020-01-02 Headline\n\nText.".encode())
    [a] = _items(f)
    assert isinstance(a, Article) and a.date == date(2020, 1, 2)


def test_plain_text_takes_default_date_or_none(tmp_path: Path) -> None:
    f = tmp_path / "c.txt"
    f.write_text("Russia accused Ukraine of shelling.", encoding="utf-8")
    [a] = _items(f)
    assert isinstance(a, Article) and a.date is None and a.title is None
    [b] = _items(f, date(2022, 3, 1))
    assert isinstance(b, Article) and b.date == date(2022, 3, 1)


def test_bad_date_line_is_a_problem(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text("date 2021-13-45 Bad\n\nText", encoding="utf-8")
    [p] = _items(f)
    assert isinstance(p, Problem) and p.record == 1 and "2021-13-45" in p.message


def test_empty_binary_and_undecodable_files(tmp_path: Path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "f.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    latin = tmp_path / "g.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    for path, words in ((empty, "empty"), (binary, "binary"), (latin, "UTF-8")):
        [p] = _items(path)
        assert isinstance(p, Problem)
        assert words in p.message and str(path) in str(p)


def test_jsonl_records_and_their_problems(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(
        '{"id": "a1", "text": "Japan met China.", "date": "2021-01-02", "title": "T", '
        '"url": "http://x", "source": "wire"}\n'
        "\n"
        "{not json}\n"
        '{"id": "a3", "date": "2021-01-02"}\n'
        '{"id": "a4", "text": "Text", "date": "yesterday"}\n'
        '["a list"]\n'
        '{"text": "No id here."}\n',
        encoding="utf-8",
    )
    items = _items(f)
    a1 = items[0]
    assert isinstance(a1, Article)
    assert (a1.id, a1.title, a1.url, a1.source, a1.date) == (
        "a1",
        "T",
        "http://x",
        "wire",
        date(2021, 1, 2),
    )
    problems = [i for i in items if isinstance(i, Problem)]
    assert [p.record for p in problems] == [3, 4, 5, 6]
    assert "malformed JSON" in problems[0].message
    assert "'text'" in problems[1].message
    assert "yesterday" in problems[2].message
    last = items[-1]
    assert isinstance(last, Article) and last.id == f"{f}#7"


def test_csv_records(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text('id,text,date\n1,"Iran, Iraq talks",2020-05-05\n2,,2020-05-05\n', encoding="utf-8")
    items = _items(f)
    assert isinstance(items[0], Article) and items[0].text == "Iran, Iraq talks"
    assert isinstance(items[1], Problem) and items[1].record == 3


def test_csv_without_text_column(tmp_path: Path) -> None:
    f = tmp_path / "y.csv"
    f.write_text("id,body\n1,x\n", encoding="utf-8")
    [p] = _items(f)
    assert isinstance(p, Problem) and "text" in p.message


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("date 2020-01-01 B\n\nb", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("date 2020-01-01 A\n\na", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    ids = [i.id for i in read_paths([tmp_path]) if isinstance(i, Article)]
    assert ids == ["b", "a"]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    [p] = list(read_paths([tmp_path / "nope.txt"]))
    assert isinstance(p, Problem) and "no such file" in p.message


def test_stdin_text_and_jsonl() -> None:
    [a] = list(read_stdin(stream=io.StringIO("date 2021-08-19 H\n\nBody")))
    assert isinstance(a, Article) and a.date == date(2021, 8, 19)
    items = list(read_stdin(stream=io.StringIO('{"id": "s", "text": "T"}\n')))
    assert isinstance(items[0], Article) and items[0].id == "s"


def test_content_hash_ignores_whitespace_layout() -> None:
    a = Article(id="1", text="China  warns\nJapan.")
    b = Article(id="2", text="China warns Japan.")
    c = Article(id="3", text="China warns Korea.")
    assert a.content_hash == b.content_hash != c.content_hash
