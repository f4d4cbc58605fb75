"""The actor tables are indexed with the model's tokens; the fast path for plain words must
give exactly what the tokenizer gives."""

from __future__ import annotations

import pytest

from dyad.coding.actors import model_tokens
from dyad.nlp import load

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "name",
    [
        "Hezbollah",
        "Democratic Progressive Party",
        "Cannot",  # a special case: "Can" + "not"
        "Gonna Party",
        "U.S. Navy",
        "al-Qaeda",
        "Côte d'Ivoire",
        "People's Liberation Army",
        "Lt. Col.",
        "  spaced   out  ",
    ],
)
def test_model_tokens_are_the_tokenizers(name: str) -> None:
    assert model_tokens(name) == [t.text for t in load().tokenizer(name)]
