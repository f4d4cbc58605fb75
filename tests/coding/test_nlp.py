"""The shared helpers of ``dyad.nlp`` that read a parsed Doc."""

from __future__ import annotations

import pytest

from dyad.nlp import load, tokens_with

pytestmark = pytest.mark.model


def test_tokens_with_reads_lemma_and_lower_form() -> None:
    doc = load()("Officials SAID the minister says Tokyo will warn Seoul, according to AP.")
    known: dict[int, bool] = {}
    found = tokens_with(doc, lambda w: w in {"say", "according"}, known)
    assert [doc[i].text for i in found] == ["SAID", "says", "according"]
    # The cache answers the next document without asking again.
    again = load()("She said so.")
    assert [again[i].text for i in tokens_with(again, lambda w: False, known)] == ["said"]
