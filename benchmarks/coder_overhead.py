"""How much the event coder costs on top of the parse it needs.

Measures, in one run and on the same articles: (1) bare spaCy ``nlp.pipe`` with the model and
components dyad uses (the ceiling), (2) dyad's pipeline (``dyad code``'s path: parse + code).
Prints words/s for each and the ratio 2/1 (target >= 0.85).

On a shared 2-core machine the speed of one pass drifts by 10-20 % from minute to minute, as
much as the margin measured. So the passes alternate chunk by chunk (``--chunk`` articles,
bare first on one chunk, dyad first on the next): drift falls on both alike, and the ratio of
each chunk is printed as a spread beside the ratio of the totals.

    .venv/bin/python benchmarks/coder_overhead.py [--limit N] [--chunk 64]
"""

from __future__ import annotations

import argparse
import statistics
import time

from _corpus import news_articles, words

from dyad.nlp import load
from dyad.pipeline import Pipeline
from dyad.types import Article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--chunk", type=int, default=64, help="articles per alternation")
    args = ap.parse_args()
    arts = news_articles(args.limit)
    n_words = words(arts)
    nlp = load()
    pipeline = Pipeline(nlp)
    list(nlp.pipe(a.text for a in arts[:5]))  # warm up both paths
    list(pipeline.code_articles(arts[:5]))

    def bare(chunk: list[Article]) -> float:
        t = time.perf_counter()
        for _doc in nlp.pipe((a.text for a in chunk), batch_size=32):
            pass
        return time.perf_counter() - t

    n_events = 0

    def coded(chunk: list[Article]) -> float:
        nonlocal n_events
        t = time.perf_counter()
        n_events += sum(len(c.events) for c in pipeline.code_articles(chunk, batch_size=32))
        return time.perf_counter() - t

    totals = [0.0, 0.0]
    ratios: list[float] = []
    for k in range(0, len(arts), args.chunk):
        chunk = arts[k : k + args.chunk]
        if (k // args.chunk) % 2 == 0:
            b = bare(chunk)
            c = coded(chunk)
        else:
            c = coded(chunk)
            b = bare(chunk)
        totals[0] += b
        totals[1] += c
        ratios.append(b / c)
    b, c = totals
    print(f"articles {len(arts)}, words {n_words}, events {n_events}, chunks {len(ratios)}")
    print(f"{'pass':<28}{'seconds':>10}{'words/s':>12}")
    print(f"{'1 bare nlp.pipe':<28}{b:>10.1f}{n_words / b:>12.0f}")
    print(f"{'2 dyad pipeline (code)':<28}{c:>10.1f}{n_words / c:>12.0f}")
    spread = ""
    if len(ratios) > 1:
        q = statistics.quantiles(ratios, n=4)
        spread = f"; by chunk: median {statistics.median(ratios):.3f}, "
        spread += f"quartiles {q[0]:.3f}-{q[2]:.3f}, range {min(ratios):.3f}-{max(ratios):.3f}"
    print(f"ratio 2/1 = {b / c:.3f} (target >= 0.85){spread}")


if __name__ == "__main__":
    main()
