"""The development news corpus, shared by the benchmarks (absent outside the workspace)."""

from __future__ import annotations

import sys
from pathlib import Path

from dyad.sources import read_path
from dyad.types import Article

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "news"


def news_articles(limit: int | None = None) -> list[Article]:
    if not NEWS.is_dir():
        sys.exit(f"benchmark skipped: the news corpus is absent ({NEWS})")
    arts = [a for a in read_path(NEWS) if isinstance(a, Article)]
    return arts[:limit] if limit else arts


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)
