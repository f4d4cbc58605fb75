"""The pure core: articles in, coded articles out. No I/O beyond loading packaged data."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from dyad.coding.actors import ActorResolver, load_resolver, model_tokens
from dyad.coding.events import EventCoder
from dyad.coding.grammar import load_grammar
from dyad.coding.lexicon import load_lexicon
from dyad.coding.ontology import load_ontology
from dyad.coding.petrarch import load_dictionaries
from dyad.context.places import load_gazetteer
from dyad.nlp import (
    BATCH_CHARS,
    CUT_SENTENCES,
    MAX_CHARS,
    MAX_SENTENCE_TOKENS,
    MAX_TOKENS,
    PIECE_CHARS,
    TEXT,
    pieces,
)
from dyad.nlp import load as load_nlp
from dyad.types import Article, Event, Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["CodedArticle", "Pipeline", "default_pipeline"]

T = TypeVar("T")
C = TypeVar("C")

#: Lone surrogates (a str from bytes decoded with ``surrogateescape``): spaCy cannot hash them.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article with the events and quotes coded from it; in a notebook it shows as its
    text with each event's trigger and actors highlighted."""

    article: Article
    events: list[Event]
    warnings: tuple[str, ...] = ()
    quotes: list[Quote] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"<CodedArticle {self.article.id} {len(self.events)} event(s), "
            f"{len(self.quotes)} quote(s)>"
        )

    def _repr_html_(self) -> str:
        from dyad._html import coded_article_html

        return coded_article_html(self)


class Pipeline:
    """spaCy parse + event coder, built once and reused for every article."""

    def __init__(
        self,
        nlp: Language | None = None,
        coder: EventCoder | None = None,
        dictionaries: Path | None = None,
        max_chars: int = MAX_CHARS,
        max_tokens: int = MAX_TOKENS,
        piece_chars: int = PIECE_CHARS,
        batch_chars: int = BATCH_CHARS,
    ) -> None:
        """``dictionaries``: a folder of user-supplied PETRARCH/CAMEO actor and agent
        dictionaries, added to the shipped actor tables for this pipeline only. Articles
        over ``max_chars`` characters or ``max_tokens`` tokens are cut there, with a warning.
        ``piece_chars`` and ``batch_chars`` bound the parser's memory (see ``parse``)."""
        self.max_chars = min(max_chars, MAX_CHARS)
        self.max_tokens = max_tokens
        self.piece_chars = max(1, piece_chars)
        self.batch_chars = max(1, batch_chars)
        self.nlp = nlp or load_nlp()
        if coder is None:
            resolver = load_resolver()
            if dictionaries is not None:
                tokenizer = self.nlp.tokenizer
                resolver = ActorResolver.from_data(
                    model_tokens if nlp is None else lambda s: [t.text for t in tokenizer(s)]
                )
                load_dictionaries(resolver, dictionaries)
            coder = EventCoder(
                load_lexicon(), load_ontology(), load_grammar(), resolver, load_gazetteer()
            )
        self.coder = coder

    def code_article(self, article: Article) -> CodedArticle:
        return next(self.code_articles([article]))

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        """Code articles in order, parsing them in batches with ``nlp.pipe``."""

        def texts() -> Iterator[tuple[str, tuple[Article, tuple[str, ...]]]]:
            for a in articles:
                warns: tuple[str, ...] = ()
                text = a.text
                if len(text) > self.max_chars:
                    warns = (f"article {a.id}: {len(text)} characters, cut to {self.max_chars}",)
                    text = text[: self.max_chars]
                if len(text) > self.max_tokens:  # a token has at least one character
                    tokens = self.nlp.make_doc(text)
                    if len(tokens) > self.max_tokens:
                        warns = (
                            *warns,
                            f"article {a.id}: {len(tokens)} tokens, cut to {self.max_tokens}",
                        )
                        text = text[: tokens[self.max_tokens].idx]
                if _SURROGATE.search(text):
                    # One for one, so offsets still point into the article's text.
                    text = _SURROGATE.sub("\ufffd", text)
                    warns = (*warns, f"article {a.id}: lone surrogates read as U+FFFD")
                yield text, (a, warns)

        for doc, (article, warns) in self.parse(texts(), batch_size):
            cuts = doc.user_data.get(CUT_SENTENCES)
            if cuts:
                warns = (
                    *warns,
                    f"article {article.id}: {cuts} run(s) of {MAX_SENTENCE_TOKENS} tokens "
                    "without a sentence end cut into sentences",
                )
            events, quotes = self.coder.code(doc, article.id, article.date)
            yield CodedArticle(article, events, warns, quotes)

    def parse(
        self, items: Iterable[tuple[str, C]], batch_size: int = 32
    ) -> Iterator[tuple[Doc, C]]:
        """Parse ``(text, context)`` pairs in order. A text over ``piece_chars`` is parsed in
        pieces (``dyad.nlp.pieces``) joined into one Doc, and a batch holds at most
        ``batch_size`` texts and ``batch_chars`` characters: the parser's working memory
        follows what it is given at once, so this bounds a process's memory whatever the
        articles' lengths. Parsing in pieces changes only how a paragraph's first and last
        few words are tagged (the model looks four tokens either side), never a sentence's
        extent: a sentence never runs across a blank line."""

        def split() -> Iterator[tuple[str, tuple[C, str, int, int]]]:
            for text, ctx in items:
                parts = pieces(text, self.piece_chars)
                for i, part in enumerate(parts):
                    yield part, (ctx, text, i, len(parts))

        started: list[Doc] = []
        for batch in _char_batches(split(), self.batch_chars, batch_size):
            for doc, (ctx, text, i, n) in self.nlp.pipe(
                batch, as_tuples=True, batch_size=len(batch)
            ):
                if n == 1:
                    doc.user_data[TEXT] = text  # the coder needs it; Doc.text rebuilds it
                    yield doc, ctx
                    continue
                started.append(doc)
                if i == n - 1:
                    joined = _join(started)
                    joined.user_data[TEXT] = text
                    yield joined, ctx
                    started = []

    def code(
        self, text: str, date: date | None = None, article_id: str | None = None
    ) -> list[Event]:
        aid = article_id or f"text-{Article(id='', text=text).content_hash[:12]}"
        return self.code_article(Article(id=aid, text=text, date=date)).events


def _char_batches(
    items: Iterable[tuple[str, T]], max_chars: int, max_texts: int
) -> Iterator[list[tuple[str, T]]]:
    batch: list[tuple[str, T]] = []
    size = 0
    for text, ctx in items:
        if batch and (size + len(text) > max_chars or len(batch) >= max_texts):
            yield batch
            batch, size = [], 0
        batch.append((text, ctx))
        size += len(text)
    if batch:
        yield batch


def _join(docs: list[Doc]) -> Doc:
    """The pieces of one text as one Doc, its text exactly the text's."""
    from spacy.tokens import Doc

    cuts = sum(d.user_data.pop(CUT_SENTENCES, 0) for d in docs)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if cuts:
        joined.user_data[CUT_SENTENCES] = cuts
    return joined


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
