"""Peak memory of one coding process as it goes through the news corpus.

Does a coder's memory grow with the number of articles (a leak: the corpus must be split), or
is it set by the longest article it has parsed (long articles must be parsed in pieces)? Codes
the articles in order in this process and prints the peak RSS every ``--every`` articles and
wherever it rose, beside the longest article the parser had read by then (it reads a batch
ahead of the article it hands back).

    .venv/bin/python benchmarks/article_memory.py [--file wikinews_2019_2021.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import resource
import sys
from collections.abc import Iterator
from pathlib import Path

from dyad.pipeline import Pipeline
from dyad.sources import read_path
from dyad.types import Article

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", default="wikinews_2019_2021.jsonl", help="a file of the corpus")
    ap.add_argument("--limit", type=int, default=0, help="first N articles (0: all)")
    ap.add_argument("--every", type=int, default=40)
    args = ap.parse_args()
    path = NEWS / args.file
    if not path.is_file():
        sys.exit(f"{path} is absent: this benchmark reads ../shared/corpus/news")
    articles = [a for a in read_path(path) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    pipeline = Pipeline()
    pipeline.code("Warm up: China warned Japan.", None)
    before = peak_mb()
    print(f"{len(articles)} articles from {args.file}; after loading the model {before:.0f} MB")
    print(f"{'coded':>6} {'read':>6} {'longest read (chars)':>21} {'peak MB':>8}")
    read: list[int] = []

    def reading() -> Iterator[Article]:
        for a in articles:
            read.append(len(a.text))
            yield a

    for i, _coded in enumerate(pipeline.code_articles(reading()), 1):
        now = peak_mb()
        if now > before + 1 or i % args.every == 0:
            mark = " <- rose" if now > before + 1 else ""
            print(f"{i:>6} {len(read):>6} {max(read):>21,} {now:>8.0f}{mark}", flush=True)
        before = now
    longest = max(len(a.text) for a in articles)
    print(f"end: peak {peak_mb():.0f} MB; longest article {longest:,} characters")


if __name__ == "__main__":
    main()
