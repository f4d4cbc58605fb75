"""Long texts are parsed in pieces cut after blank lines (``dyad.nlp.pieces``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dyad.nlp import pieces


def test_short_text_is_one_piece() -> None:
    assert pieces("China warned Japan.\n\nJapan replied.", 100) == [
        "China warned Japan.\n\nJapan replied."
    ]


def test_cut_after_blank_lines_keeping_the_whitespace() -> None:
    text = "One two.\n\nThree four.\n \n  Five six.\n\n\nSeven."
    # 10 + 16 characters do not fit in 20, nor 16 + 12; 12 + 6 do.
    assert pieces(text, 20) == ["One two.\n\n", "Three four.\n \n  ", "Five six.\n\n\nSeven."]
    # Two paragraphs fit in 30.
    assert pieces(text, 30) == ["One two.\n\nThree four.\n \n  ", "Five six.\n\n\nSeven."]


def test_a_single_newline_is_not_a_cut() -> None:
    """A line break inside a paragraph may sit inside a sentence."""
    text = "China warned\nJapan. " * 10
    assert pieces(text, 30) == [text]


def test_paragraph_longer_than_a_piece_is_kept_whole() -> None:
    long = "word " * 50
    assert pieces(f"Short.\n\n{long}\n\nEnd.", 40) == ["Short.\n\n", f"{long}\n\n", "End."]


@given(
    st.lists(st.sampled_from(["China", " ", "\n", "\n\n", " \n \n ", "warned.", "é"]), max_size=80),
    st.integers(min_value=1, max_value=60),
)
def test_pieces_join_to_the_text(words: list[str], size: int) -> None:
    text = "".join(words)
    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(parts) or parts == [text]
    for part in parts[1:]:  # every cut follows a blank line
        assert not part[0].isspace()
