"""Fuzzing the coder (``dyad.code`` and ``Pipeline``): any text gives events whose offsets
point into it, and over-long input is cut with a warning rather than crashing or hanging."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import dyad
from dyad.cli import app as cli
from dyad.nlp import MAX_SENTENCE_TOKENS
from dyad.pipeline import Pipeline, default_pipeline
from dyad.types import Article, Event
from tests.fuzz.conftest import tried
from tests.fuzz.test_readers import any_text, escaped_text

pytestmark = pytest.mark.model

#: News words that make the coder fire, mixed with anything at all.
NEWS = [
    "China",
    "Japan",
    "Russia",
    "Ukraine",
    "the",
    "United",
    "Nations",
    "President",
    "she",
    "he",
    "they",
    "it",
    "warned",
    "threatened",
    "accused",
    "met",
    "signed",
    "agreed",
    "to",
    "talks",
    "with",
    "against",
    "sanctions",
    "on",
    "Tuesday",
    "said",
    "that",
    "would",
    "not",
    ".",
    ",",
    ";",
    '"',
    "'",
    "(",
    ")",
    "\n",
    "\n\n",
    "last",
    "week",
    "in",
    "Beijing",
    "2021-08-19",
    "attacked",
]
news_text = st.lists(st.sampled_from(NEWS) | any_text | escaped_text, min_size=1, max_size=60).map(
    " ".join
)


def check(text: str, events: list[Event]) -> None:
    """Every event points at the words it was coded from, and serialises."""
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)  # what the pipeline reads
    for e in events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text, e
        assert e.sentence and e.trigger.text in e.sentence
        json.dumps(e.to_dict())


@settings(parent=settings.get_profile("dyad-fuzz"))
@given(text=news_text, date=st.none() | st.dates())
def test_code_survives_anything(text: str, date: object) -> None:
    tried("dyad.code")
    check(text, dyad.code(text, date=date))  # type: ignore[arg-type]


@settings(parent=settings.get_profile("dyad-fuzz"), max_examples=10)
@given(texts=st.lists(news_text, min_size=1, max_size=8))
def test_pipeline_batches_keep_order(texts: list[str]) -> None:
    tried("Pipeline.code_articles")
    pipe = default_pipeline()
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    coded = list(pipe.code_articles(articles, batch_size=3))
    assert [c.article.id for c in coded] == [a.id for a in articles]
    for c in coded:
        check(c.article.text, c.events)


def test_hundred_thousand_token_sentence_is_cut_with_warnings() -> None:
    """No sentence end in 100,000 tokens: the article is cut at the token limit (a smaller
    one here, to keep the test quick) and the rest into sentences of MAX_SENTENCE_TOKENS."""
    text = " ".join(["China", "warned", "Japan", "and"] * 25_000)
    base = default_pipeline()
    pipe = Pipeline(nlp=base.nlp, coder=base.coder, max_tokens=2_000)
    started = time.perf_counter()
    coded = pipe.code_article(Article(id="long", text=text, date=None))
    assert time.perf_counter() - started < 60
    cut, split = coded.warnings
    assert cut == "article long: 100000 tokens, cut to 2000"
    assert f"run(s) of {MAX_SENTENCE_TOKENS} tokens without a sentence end cut" in split
    check(text, coded.events)
    assert coded.events  # the pieces are still coded
    assert max(e.trigger.end for e in coded.events) < len(" ".join(["China"] * 2_000)) * 2
    assert all(len(e.sentence.split()) <= MAX_SENTENCE_TOKENS for e in coded.events)


def test_ten_megabyte_article_is_cut_with_a_warning() -> None:
    text = "China warned Japan against holding talks with Taiwan. " * 200_000  # 10.8 MB
    base = default_pipeline()
    pipe = Pipeline(nlp=base.nlp, coder=base.coder, max_chars=20_000)
    coded = pipe.code_article(Article(id="huge", text=text))
    assert coded.warnings == (f"article huge: {len(text)} characters, cut to 20000",)
    assert coded.events and max(e.trigger.end for e in coded.events) <= 20_000
    check(text, coded.events)


def test_ordinary_sentences_are_not_cut() -> None:
    text = "China warned Japan on Tuesday, " + "and then, " * 60 + "it left."
    coded = default_pipeline().code_article(Article(id="x", text=text))
    assert coded.warnings == ()


def test_nested_markup_is_coded_as_text() -> None:
    text = "<div>" * 5_000 + " China warned Japan. " + "</div>" * 5_000
    check(text, dyad.code(text))


def test_ingest_prints_what_was_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dyad.cli._pipeline", lambda _: default_pipeline())  # loaded once
    src = tmp_path / "runon.txt"
    src.write_text(" ".join(["China", "warned", "Japan", "and"] * 100), encoding="utf-8")
    r = CliRunner().invoke(cli, ["ingest", str(src), "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert r.exit_code == 0, r.output
    assert "warning" in r.output and "runon: 1 run(s) of 300 tokens" in r.output
