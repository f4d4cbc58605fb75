"""How much the event coder costs on top of the parse it needs.

Measures, in one run and on the same articles: (1) bare spaCy ``nlp.pipe`` with the model and
components dyad uses (the ceiling), (2) dyad's pipeline (``dyad code``'s path: parse + code).
Prints words/s for each and the ratio 2/1 (target >= 0.85).

    .venv/bin/python benchmarks/coder_overhead.py [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import time

from _corpus import news_articles, words

from dyad.nlp import load
from dyad.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--repeat", type=int, default=1, help="alternate the two passes R times")
    args = ap.parse_args()
    arts = news_articles(args.limit)
    n_words = words(arts)
    nlp = load()
    pipeline = Pipeline(nlp)
    texts = [a.text for a in arts]
    list(nlp.pipe(texts[:5]))  # warm up both paths
    list(pipeline.code_articles(arts[:5]))
    bare = coded = 0.0
    n_events = 0
    for _ in range(args.repeat):
        t = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        bare += time.perf_counter() - t
        t = time.perf_counter()
        n_events = sum(len(c.events) for c in pipeline.code_articles(arts, batch_size=32))
        coded += time.perf_counter() - t
    total = n_words * args.repeat
    print(f"articles {len(arts)}, words {n_words}, repeats {args.repeat}, events {n_events}")
    print(f"{'pass':<28}{'seconds':>10}{'words/s':>12}")
    print(f"{'1 bare nlp.pipe':<28}{bare:>10.1f}{total / bare:>12.0f}")
    print(f"{'2 dyad pipeline (code)':<28}{coded:>10.1f}{total / coded:>12.0f}")
    print(f"ratio 2/1 = {bare / coded:.3f} (target >= 0.85)")


if __name__ == "__main__":
    main()
