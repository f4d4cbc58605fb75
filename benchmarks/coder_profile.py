"""Where the coder's time goes once the text is parsed: a cProfile of ``EventCoder.code``
on already-parsed news articles (parsing is outside the profile), sorted by own time. The
coder first codes ``--warm`` other articles, so one-off costs of a process (dateparser's and
the regex module's compiled patterns) stay out of a figure meant for a long corpus.

    .venv/bin/python benchmarks/coder_profile.py [--start 300] [--n 120] [--top 18] [--no-profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from _corpus import news_articles

from dyad.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--start", type=int, default=300, help="first article of the corpus")
    ap.add_argument("--n", type=int, default=120, help="articles to code")
    ap.add_argument("--top", type=int, default=18, help="functions to list")
    ap.add_argument("--warm", type=int, default=20, help="articles coded before profiling")
    ap.add_argument(
        "--no-profile",
        action="store_true",
        help="time three passes without the profiler (it inflates many small calls)",
    )
    args = ap.parse_args()
    corpus = news_articles(None)
    arts = corpus[args.start : args.start + args.n]
    pipeline = Pipeline()
    for _ in pipeline.code_articles(corpus[max(0, args.start - args.warm) : args.start]):
        pass
    # Parsed as ``dyad code`` parses, so each Doc carries the text it was parsed from.
    docs = list(pipeline.parse((a.text, a) for a in arts))
    if args.no_profile:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            for doc, art in docs:
                pipeline.coder.code(doc, art.id, art.date)
            times.append(time.perf_counter() - t)
        print(f"{len(arts)} articles coded in " + ", ".join(f"{x:.2f}" for x in times) + " s")
        return
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for doc, art in docs:
        pipeline.coder.code(doc, art.id, art.date)
    profile.disable()
    seconds = time.perf_counter() - started
    words = sum(len(a.text.split()) for a in arts)
    print(f"{len(arts)} articles, {words:,} words coded in {seconds:.2f} s (with the profiler)")
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
