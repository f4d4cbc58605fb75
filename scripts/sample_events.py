"""Coding quality by hand: code a corpus once, print rates, and print seeded random samples of
events with their sentences for a person to judge.

Rates: events per 1,000 words, typed events with both sides resolved, events with a location,
events dated other than the article date, and events flagged historical, planned or
hypothetical. Samples: ``random`` (any typed event), ``location``, ``dated``, ``historical``,
``planned``, ``hypothetical``.

    .venv/bin/python scripts/sample_events.py ../shared/corpus/news/ --n 50 --seed 7 \\
        --samples random,location,dated,historical,planned,hypothetical

``--dump events.tsv`` also writes every event a line; two dumps (before and after a change to
the coder) diffed line by line show what the change removed, added or re-flagged.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable

from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.types import Article, Event


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--n", type=int, default=50, help="events per sample")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--samples", default="random")
    ap.add_argument(
        "--dump",
        metavar="TSV",
        help="also write every event, one line each (type, CAMEO, actor, recipient, temporal, "
        "trigger, rule, sentence), to diff two versions of the coder",
    )
    args = ap.parse_args()
    arts = [a for a in read_paths(args.paths) if isinstance(a, Article)]
    published = {a.id: a.date for a in arts}
    n_words = sum(len(a.text.split()) for a in arts)
    events = [e for c in Pipeline().code_articles(arts) for e in c.events]
    typed = [e for e in events if e.event_type]
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for e in events:
                a = e.actor.label if e.actor else "?"
                r = e.recipient.label if e.recipient else "-"
                cells = [e.event_type or "STATEMENT", e.cameo, a, r, e.temporal]
                cells += [e.trigger.text, e.rule, " ".join(e.sentence.split())]
                out.write("\t".join(cells) + "\n")

    def share(pred: Callable[[Event], bool], pool: list[Event]) -> str:
        k = sum(1 for e in pool if pred(e))
        return f"{k}/{len(pool)} ({k / max(len(pool), 1):.1%})"

    def both(e: Event) -> bool:
        return bool(e.actor and e.actor.code and e.recipient and e.recipient.code)

    def dated(e: Event) -> bool:
        return e.date != published.get(e.article_id) or e.date_precision != "day"

    print(
        f"articles {len(arts)}  words {n_words}  events {len(events)} "
        f"({1000 * len(events) / n_words:.2f} per 1,000 words; "
        f"{1000 * len(typed) / n_words:.2f} with a PLOVER type)"
    )
    print("typed events with actor and recipient codes:", share(both, typed))
    print(
        "typed events with an actor code:", share(lambda e: bool(e.actor and e.actor.code), typed)
    )
    print("events with a location:", share(lambda e: e.location is not None, events))
    print("events dated other than the article date:", share(dated, events))
    print("temporal:", dict(Counter(e.temporal for e in events)))
    pools: dict[str, list[Event]] = {
        "random": typed,
        "location": [e for e in events if e.location is not None],
        "dated": [e for e in events if dated(e)],
        "historical": [e for e in events if e.temporal == "historical"],
        "planned": [e for e in events if e.temporal == "planned"],
        "hypothetical": [e for e in events if e.temporal == "hypothetical"],
    }
    for name in args.samples.split(","):
        rng = random.Random(f"{args.seed}:{name}")
        pool = pools[name]
        print(f"\n===== sample {name}: {min(args.n, len(pool))} of {len(pool)}")
        for i, e in enumerate(rng.sample(pool, min(args.n, len(pool))), start=1):
            a = e.actor.label if e.actor else "?"
            r = e.recipient.label if e.recipient else "-"
            where = (
                f" @ {e.location.name} ({e.location.kind}, {e.location.country_code})"
                if e.location
                else ""
            )
            print(
                f"[{name} {i}] {e.event_type or 'STATEMENT'} {e.cameo} {a} -> {r} "
                f"[{e.temporal} {e.date} {e.date_precision}; published "
                f"{published.get(e.article_id)}]{where} trigger={e.trigger.text!r} "
                f"rule={e.rule}\n    {' '.join(e.sentence.split())}"
            )


if __name__ == "__main__":
    main()
