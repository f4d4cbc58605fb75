"""Over-generation check: code a corpus, report events per 1,000 words and how many events
have both sides resolved, and print a seeded random sample of events with their sentences
for reading by hand.

    .venv/bin/python scripts/sample_events.py ../shared/corpus/news/ --sample 50 --seed 7
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from dyad.pipeline import Pipeline
from dyad.sources import read_paths
from dyad.types import Article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--temporal", default=None, help="only events with this temporal status")
    args = ap.parse_args()
    arts = [a for a in read_paths(args.paths) if isinstance(a, Article)]
    n_words = sum(len(a.text.split()) for a in arts)
    events = [e for c in Pipeline().code_articles(arts) for e in c.events]
    typed = [e for e in events if e.event_type]
    both = [e for e in typed if e.actor and e.actor.code and e.recipient and e.recipient.code]
    print(
        f"articles {len(arts)}  words {n_words}  events {len(events)} "
        f"({1000 * len(events) / n_words:.2f} per 1,000 words; "
        f"{1000 * len(typed) / n_words:.2f} with a PLOVER type)"
    )
    print(
        f"typed events with actor and recipient codes: {len(both)}/{len(typed)} "
        f"({len(both) / max(len(typed), 1):.1%})"
    )
    print("temporal:", dict(Counter(e.temporal for e in events)))
    published = {a.id: a.date for a in arts}
    other = sum(
        1 for e in events if e.date != published.get(e.article_id) or e.date_precision != "day"
    )
    print(
        f"dated other than the article date: {other}/{len(events)} "
        f"({other / max(len(events), 1):.1%})"
    )
    pool = [e for e in typed if args.temporal is None or e.temporal == args.temporal]
    rng = random.Random(args.seed)
    for i, e in enumerate(rng.sample(pool, min(args.sample, len(pool))), start=1):
        a = e.actor.label if e.actor else "?"
        r = e.recipient.label if e.recipient else "-"
        print(
            f"\n[{i}] {e.event_type} {e.cameo} {a} -> {r} [{e.temporal} {e.date}] "
            f"trigger={e.trigger.text!r} rule={e.rule}\n    {e.sentence}"
        )


if __name__ == "__main__":
    main()
