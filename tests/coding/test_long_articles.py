"""An article longer than a piece is parsed in pieces and coded as one Doc."""

from __future__ import annotations

from typing import Any

import pytest

from dyad.nlp import MAX_SENTENCE_TOKENS, TEXT, doc_text
from dyad.pipeline import Pipeline
from dyad.types import Article

pytestmark = pytest.mark.model

PARAGRAPHS = [
    "China warned Japan against holding security talks with Taiwan.",
    "Russia's army attacked Ukrainian positions near Kharkiv on Tuesday.",
    "The European Union imposed sanctions on Iran.",
    "Japan's prime minister met the president of South Korea in Tokyo.",
]


def _events(pipe: Pipeline, text: str) -> set[tuple[Any, ...]]:
    coded = pipe.code_article(Article(id="long", text=text))
    return {
        (
            e.sentence_index,
            e.trigger.start,
            e.trigger.end,
            e.event_type,
            e.cameo,
            e.actor and e.actor.code,
            e.recipient and e.recipient.code,
        )
        for e in coded.events
    }


def test_pieces_give_the_events_of_the_whole(pipeline: Pipeline) -> None:
    """Each paragraph a piece or the whole text one: the same events, at the same offsets of
    the article's text (a sentence never crosses a blank line)."""
    text = "\n\n".join(PARAGRAPHS * 3)
    whole = Pipeline(nlp=pipeline.nlp, coder=pipeline.coder, piece_chars=10**6)
    pieces = Pipeline(nlp=pipeline.nlp, coder=pipeline.coder, piece_chars=80, batch_chars=150)
    got = _events(pieces, text)
    assert got == _events(whole, text)
    found = [(text[start:end], typ, a, r) for _, start, end, typ, _, a, r in got]
    # Read from the paragraphs (EUR is CAMEO's code for the EU), each three times over.
    assert sorted(set(found)) == [
        ("attacked", "ASSAULT", "RUS", "UKR"),
        ("imposed sanctions", "SANCTION", "EUR", "IRN"),
        ("met", "CONSULT", "JPN", "KOR"),
        ("warned", "THREATEN", "CHN", "JPN"),
    ]
    assert len(found) == 12


def test_pieces_keep_the_article_text_and_count_cut_sentences(pipeline: Pipeline) -> None:
    run_on = " ".join(["China", "warned", "Japan", "and"] * 100)  # 400 tokens, no end
    text = f"{PARAGRAPHS[0]}\n\n{run_on}\n\n{run_on}"
    pipe = Pipeline(nlp=pipeline.nlp, coder=pipeline.coder, piece_chars=500)
    coded = pipe.code_article(Article(id="runon", text=text))
    assert coded.warnings == (
        f"article runon: 2 run(s) of {MAX_SENTENCE_TOKENS} tokens without a sentence end cut "
        "into sentences",
    )
    for e in coded.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text


def test_the_parsed_text_travels_with_its_doc(pipeline: Pipeline) -> None:
    """The coder reads offsets from the text the pipeline stored on the Doc (``doc_text``),
    so that text must be the Doc's own, whether it was parsed whole or in pieces."""
    text = "\n\n".join(PARAGRAPHS)
    for piece_chars in (10**6, 80):
        pipe = Pipeline(nlp=pipeline.nlp, coder=pipeline.coder, piece_chars=piece_chars)
        ((doc, ctx),) = pipe.parse([(text, "a")])
        assert ctx == "a"
        assert doc.user_data[TEXT] == doc.text == text
    bare = pipeline.nlp("Beijing warned Tokyo.")
    assert TEXT not in bare.user_data
    assert doc_text(bare) == "Beijing warned Tokyo."
