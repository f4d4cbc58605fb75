"""Read latency of the API over a large store, SQLite and PostgreSQL side by side.

Generates N events (default 1,000,000) with one mention each and N/50 articles, seeded: 150
country codes in a Zipf-like skew for actor and recipient (15% of events without a
recipient), the 16 PLOVER types with five CAMEO codes each, 5 years of dates, 85% "current".
Loads them chunk by chunk (SQLAlchemy Core bulk inserts, identical rows) into a SQLite file
and a PostgreSQL database, both made by ``Store(url)`` (so by the migrations, with every
index), runs ANALYZE (PostgreSQL: VACUUM ANALYZE, the state autovacuum would reach), then
times the same seeded requests on both through the real app in-process (FastAPI's
TestClient: routing, SQL and JSON), alternating between the backends request by request:

    series  GET /dyads/{a}/{b}/series?interval=month, some with a type or a date window
            target p95 <= 200 ms
    events  GET /events?actor=X&type=Y&since=...&until=...&limit=50 and variants
            (actor and window, dyad=A-B, recipient and type, newest first)
            target p95 <= 100 ms

Prints load times, p50/p95/p99 per backend with PASS/FAIL, and per request variant; for a
failed target (or with --explain) the plans of the slowest request's SQL.

    scripts/with-postgres.sh .venv/bin/python benchmarks/store.py [--events N] [--requests R]
        [--sqlite PATH] [--pg URL | --skip-pg] [--seed S] [--explain]

The PostgreSQL URL is --pg, else $DYAD_TEST_DB (which scripts/with-postgres.sh sets for a
throwaway server). Both stores must be empty: the benchmark inserts, it never deletes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Table, event, func, insert, select, text

from dyad._data import data_path
from dyad.api import create_app
from dyad.coding.ontology import PLOVER_TYPES, load_ontology
from dyad.store import Store
from dyad.store.schema import Base
from dyad.types import content_hash

ARTICLES, EVENTS, MENTIONS = (Base.metadata.tables[t] for t in ("articles", "events", "mentions"))
TARGET_MS = {"series": 200.0, "events": 100.0}
CHUNK = 20_000
EVENTS_PER_ARTICLE = 50
FIRST_DAY = date(2020, 1, 1)
DAYS = 5 * 365 + 1  # 2020-01-01 .. 2024-12-31
N_COUNTRIES = 150
ZIPF_S = 1.0
NO_RECIPIENT = 0.15
NO_ACTOR_CODE = 0.03  # a sector only ("police"), the recipient resolved
CODES_PER_TYPE = 5
# Share of each PLOVER type, roughly as in news-coded event data: consultations and
# accusations common, concessions and retreats rare.
TYPE_SHARE = {
    "CONSULT": 16,
    "ACCUSE": 10,
    "REQUEST": 9,
    "ASSAULT": 9,
    "SUPPORT": 8,
    "AGREE": 8,
    "COOPERATE": 6,
    "THREATEN": 5,
    "PROTEST": 5,
    "REJECT": 5,
    "COERCE": 5,
    "AID": 4,
    "SANCTION": 3,
    "MOBILIZE": 3,
    "CONCEDE": 2,
    "RETREAT": 2,
}
TEMPORAL = (("current", 85), ("planned", 7), ("hypothetical", 4), ("historical", 4))
PRECISION = (("day", 90), ("week", 3), ("month", 5), ("year", 2))
SECTORS = ("GOV", "MIL", "COP", "OPP", "REB", "JUD", "LEG", "BUS", "MED", "CVL")
HOW = ("name", "demonym", "person", "capital", "article")
# The countries most in the news first; the rest of the table after them in seeded order.
HEAD = (
    "USA", "CHN", "RUS", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "IND", "PAK", "TUR", "SYR",
    "JPN", "KOR", "PRK", "AFG", "IRQ", "SAU", "EGY", "BRA", "MEX", "NGA", "ZAF", "CAN",
)  # fmt: skip


# -- the generated data --------------------------------------------------------------------
@dataclass
class Vocab:
    codes: list[str]
    code_cw: list[float]
    names: dict[str, str]
    types: list[str]
    type_cw: list[float]
    #: per PLOVER type: (cameo, root, quad, goldstein, mode)
    cameo: dict[str, list[tuple[str, str, int, float, str | None]]]
    sources: list[str]
    source_cw: list[float]


def _cum(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _zipf(n: int) -> list[float]:
    return _cum([1.0 / (k + 1) ** ZIPF_S for k in range(n)])


def vocabulary(rng: random.Random) -> Vocab:
    names: dict[str, str] = {}
    for line in data_path("actors", "countries.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2] == "name" and parts[0] not in names:
            names[parts[0]] = parts[1]
    rest = sorted(set(names) - set(HEAD))
    rng.shuffle(rest)
    codes = [c for c in HEAD if c in names] + rest
    codes = codes[:N_COUNTRIES]
    onto = load_ontology()
    cameo: dict[str, list[tuple[str, str, int, float, str | None]]] = {}
    for plover in PLOVER_TYPES:
        of_type = sorted(c for c, cc in onto.codes.items() if cc.plover == plover and len(c) >= 3)
        picked = sorted(rng.sample(of_type, min(CODES_PER_TYPE, len(of_type))))
        cameo[plover] = [(c, c[:2], onto[c].quad, onto[c].goldstein, onto[c].mode) for c in picked]
    types = list(TYPE_SHARE)
    sources = [f"news{k:02d}.example" for k in range(40)]
    return Vocab(
        codes=codes,
        code_cw=_zipf(len(codes)),
        names={c: names[c] for c in codes},
        types=types,
        type_cw=_cum([float(TYPE_SHARE[t]) for t in types]),
        cameo=cameo,
        sources=sources,
        source_cw=_zipf(len(sources)),
    )


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    r = rng.random() * sum(w for _, w in table)
    for value, w in table:
        r -= w
        if r < 0:
            return value
    return table[-1][0]


@dataclass
class Articles:
    rows: list[dict[str, Any]] = field(default_factory=list)
    days: list[date] = field(default_factory=list)


def make_articles(rng: random.Random, v: Vocab, n: int) -> Articles:
    """Articles in ingestion order, which is (roughly) their publication order."""
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(DAYS)) for _ in range(n))
    out = Articles(days=days)
    sources = rng.choices(v.sources, cum_weights=v.source_cw, k=n)
    for i, (day, src) in enumerate(zip(days, sources, strict=True)):
        a, b = rng.choices(v.codes[:40], k=2)
        body = (
            f"Officials of {v.names[a]} met counterparts from {v.names[b]} on {day:%d %B %Y}. "
            f"The talks covered trade, security and aid, a spokesperson said. "
            f"Report {i} of {src}."
        )
        out.rows.append(
            {
                "pk": i + 1,
                "content_hash": content_hash(body),
                "external_id": f"bench-{i:06d}",
                "title": f"{v.names[a]} and {v.names[b]} hold talks",
                "text": body,
                "date": day,
                "url": f"https://{src}/news/{i}",
                "source": src,
                "ingested_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=6),
                "canonical_pk": None,
                "minhash": None,
            }
        )
    return out


def make_chunk(
    rng: random.Random, v: Vocab, arts: Articles, start: int, n: int, total: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events ``start`` .. ``start + n`` with one mention each, reported by the articles that
    fall at this point of the ingestion order."""
    n_art = len(arts.days)
    lo, hi = start * n_art // total, max(start * n_art // total + 1, (start + n) * n_art // total)
    art_idx = sorted(rng.randrange(lo, min(hi, n_art)) for _ in range(n))
    actors = rng.choices(v.codes, cum_weights=v.code_cw, k=n)
    recips = rng.choices(v.codes, cum_weights=v.code_cw, k=n)
    types = rng.choices(v.types, cum_weights=v.type_cw, k=n)
    events: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for j in range(n):
        pk = start + j + 1
        ai = art_idx[j]
        published = arts.days[ai]
        plover = types[j]
        cam, root, quad, gold, mode = rng.choice(v.cameo[plover])
        actor: str | None = actors[j]
        recip: str | None = recips[j]
        while recip == actor:
            recip = rng.choices(v.codes, cum_weights=v.code_cw)[0]
        if rng.random() < NO_RECIPIENT:
            recip = None
        elif rng.random() < NO_ACTOR_CODE:
            actor = None
        a_sector = rng.choice(SECTORS) if actor is None or rng.random() < 0.4 else None
        r_sector = rng.choice(SECTORS) if recip is not None and rng.random() < 0.3 else None
        temporal = _pick(rng, TEMPORAL)
        precision: str | None = _pick(rng, PRECISION)
        day: date | None
        if temporal == "planned":
            day = published + timedelta(days=rng.randint(1, 60))
        elif temporal == "historical":
            day = published - timedelta(days=rng.randint(60, 3 * 365))
        else:
            r = rng.random()
            back = 0 if r < 0.7 else rng.randint(1, 3) if r < 0.95 else rng.randint(4, 30)
            day = published - timedelta(days=back)
        if rng.random() < 0.01:
            day, precision = None, None
        where = (recip or actor) if rng.random() < 0.55 else None
        a_name = v.names[actor] if actor else None
        r_name = v.names[recip] if recip else None
        verb = plover.lower()
        events.append(
            {
                "pk": pk,
                "uid": hashlib.sha1(f"bench\x1f{pk}".encode()).hexdigest()[:16],
                "date": day,
                "date_precision": precision,
                "event_type": plover,
                "mode": mode,
                "cameo": cam,
                "cameo_root": root,
                "quad_class": quad,
                "goldstein": gold,
                "actor_code": actor,
                "actor_sector": a_sector,
                "actor_name": a_name,
                "recipient_code": recip,
                "recipient_sector": r_sector,
                "recipient_name": r_name,
                "temporal": temporal,
                "plan": plover if temporal == "planned" else None,
                "location_name": v.names[where] if where else None,
                "location_kind": "country" if where else None,
                "location_country": where,
                "lat": round(rng.uniform(-60, 70), 4) if where else None,
                "lon": round(rng.uniform(-180, 180), 4) if where else None,
                "geonameid": rng.randrange(1, 10_000_000) if where else None,
                "num_mentions": 1,
                "num_articles": 1,
                "num_sources": 1,
                "first_seen": published,
                "last_seen": published,
            }
        )
        who = a_name or (a_sector or "").lower() or "Officials"
        whom = r_name or "the press"
        sentence = f"{who} said it would {verb} {whom} after the meeting on {published:%d %B}."
        t0 = sentence.index(verb)
        mentions.append(
            {
                "pk": pk,
                "event_pk": pk,
                "article_pk": ai + 1,
                "mention_uid": hashlib.sha1(f"mention\x1f{pk}".encode()).hexdigest()[:16],
                "sentence_index": rng.randrange(12),
                "sentence": sentence,
                "trigger_text": verb,
                "trigger_start": t0,
                "trigger_end": t0 + len(verb),
                "actor_text": who,
                "actor_how": rng.choice(HOW) if actor else None,
                "recipient_text": r_name,
                "recipient_how": rng.choice(HOW) if recip else None,
                "location_text": v.names[where] if where else None,
                "rule": f"{verb}.{rng.randrange(20)}",
                "confidence": round(rng.uniform(0.5, 1.0), 2),
                "flags": "reported" if rng.random() < 0.1 else None,
            }
        )
    return events, mentions


# -- the backends ----------------------------------------------------------------------------
@dataclass
class Backend:
    name: str
    url: str
    store: Store
    insert_s: float = 0.0
    analyze_s: float = 0.0
    size_mb: float = 0.0
    client: TestClient | None = None
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    by_variant: dict[tuple[str, str], list[float]] = field(
        default_factory=lambda: defaultdict(list)
    )
    slowest: dict[str, tuple[float, str]] = field(default_factory=dict)
    #: Loaded by an earlier run with the same --events and --seed (--reuse): not loaded again.
    reused: bool = False

    @property
    def dialect(self) -> str:
        return self.store.engine.dialect.name

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        t = time.perf_counter()
        with self.store.engine.begin() as conn:
            for k in range(0, len(rows), CHUNK):
                conn.execute(insert(table), rows[k : k + CHUNK])
        self.insert_s += time.perf_counter() - t

    def insert_chunk(self, events: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> None:
        t = time.perf_counter()
        with self.store.engine.begin() as conn:
            conn.execute(insert(EVENTS), events)
            conn.execute(insert(MENTIONS), mentions)
        self.insert_s += time.perf_counter() - t

    def analyze(self) -> None:
        t = time.perf_counter()
        eng = self.store.engine
        if self.dialect == "postgresql":
            with eng.begin() as conn:
                for table in ("articles", "events", "mentions"):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'pk'), "
                            f"(SELECT max(pk) FROM {table}))"
                        )
                    )
            # VACUUM too (outside a transaction): the state autovacuum reaches on its own a
            # little later, and it must not start in the middle of the measurements.
            with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        else:
            with eng.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        self.size_mb = self.measure_size()
        self.analyze_s = time.perf_counter() - t

    def measure_size(self) -> float:
        """Megabytes on disk (SQLite: after folding the WAL into the file)."""
        eng = self.store.engine
        with eng.connect() as conn:
            if self.dialect == "postgresql":
                size = conn.scalar(text("SELECT pg_database_size(current_database())"))
                return float(size or 0) / 1e6
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(eng.url.database or "").stat().st_size / 1e6


def open_backend(name: str, url: str, reuse_events: int | None = None) -> Backend:
    """An empty store to load, or with ``reuse_events`` one an earlier run loaded with that
    many events (so that latency can be measured again on a quiet machine)."""
    store = Store(url)
    with store.engine.connect() as conn:
        n = conn.scalar(select(func.count()).select_from(EVENTS))
    if n and reuse_events is not None and n == reuse_events:
        return Backend(name, url, store, reused=True)
    if n:
        store.close()
        raise SystemExit(
            f"{name}: {store.display_url} already holds {n} events; use an empty one, or "
            "--reuse with the --events and --seed of the run that loaded it"
        )
    return Backend(name, url, store)


# -- the requests ----------------------------------------------------------------------------
def _window(rng: random.Random, months_lo: int, months_hi: int) -> tuple[str, str]:
    length = rng.randint(months_lo, months_hi) * 30
    first = FIRST_DAY + timedelta(days=rng.randrange(max(1, DAYS - length)))
    return first.isoformat(), (first + timedelta(days=length)).isoformat()


def _two(rng: random.Random, v: Vocab) -> tuple[str, str]:
    a, b = rng.choices(v.codes, cum_weights=v.code_cw, k=2)
    while b == a:
        b = rng.choices(v.codes, cum_weights=v.code_cw)[0]
    return a, b


def series_request(rng: random.Random, v: Vocab) -> tuple[str, str]:
    a, b = _two(rng, v)
    url = f"/dyads/{a}/{b}/series?interval=month"
    r = rng.random()
    if r < 0.6:
        return "dyad", url
    if r < 0.8:
        t = rng.choices(v.types, cum_weights=v.type_cw)[0]
        return "dyad+type", f"{url}&type={t}"
    since, until = _window(rng, 6, 24)
    return "dyad+window", f"{url}&since={since}&until={until}"


def events_request(rng: random.Random, v: Vocab) -> tuple[str, str]:
    actor = rng.choices(v.codes, cum_weights=v.code_cw)[0]
    etype = rng.choices(v.types, cum_weights=v.type_cw)[0]
    since, until = _window(rng, 1, 24)
    r = rng.random()
    if r < 0.55:
        return (
            "actor+type+window",
            f"/events?actor={actor}&type={etype}&since={since}&until={until}&limit=50",
        )
    if r < 0.70:
        return "actor+window", f"/events?actor={actor}&since={since}&until={until}&limit=50"
    if r < 0.80:
        a, b = _two(rng, v)
        return "dyad+window", f"/events?dyad={a}-{b}&since={since}&until={until}&limit=50"
    if r < 0.90:
        return "recipient+type", f"/events?recipient={actor}&type={etype}&limit=50"
    return "actor+type newest", f"/events?actor={actor}&type={etype}&sort=-date&limit=50"


MAKERS: dict[str, Callable[[random.Random, Vocab], tuple[str, str]]] = {
    "series": series_request,
    "events": events_request,
}


def measure(
    backends: list[Backend], v: Vocab, n: int, warmup: int, seed: int
) -> dict[tuple[str, str], list[int]]:
    """The same requests on every backend, alternating backend by backend (so background
    load falls on both alike), after ``warmup`` requests of each kind that are not counted.
    Returns the events each request matched, per variant (checked equal on every backend)."""
    warm = random.Random(seed + 1)
    plan = random.Random(seed + 2)
    for make in MAKERS.values():
        for _ in range(warmup):
            _, url = make(warm, v)
            for b in backends:
                _get(b, url)
    matched: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in range(n):
        for kind, make in MAKERS.items():
            variant, url = make(plan, v)
            order = backends if i % 2 == 0 else backends[::-1]
            found: set[int] = set()
            for b in order:
                ms, count = _get(b, url)
                found.add(count)
                b.times[kind].append(ms)
                b.by_variant[(kind, variant)].append(ms)
                if ms > b.slowest.get(kind, (-1.0, ""))[0]:
                    b.slowest[kind] = (ms, url)
            if len(found) > 1:
                raise SystemExit(f"GET {url}: the backends disagree ({sorted(found)} events)")
            matched[(kind, variant)].append(found.pop())
    return matched


def _get(b: Backend, url: str) -> tuple[float, int]:
    """Milliseconds for the request, and how many events it matched (read after the
    clock stops)."""
    assert b.client is not None
    t = time.perf_counter()
    r = b.client.get(url)
    ms = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{b.name}: GET {url} -> {r.status_code} {r.text[:300]}")
    body = r.json()
    count = body["total"] if "total" in body else sum(p["events"] for p in body["series"])
    return ms, int(count)


def pct(xs: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(xs, n=100, method="inclusive")
    return q[49], q[94], q[98]


# -- plans -------------------------------------------------------------------------------------
def explain(b: Backend, url: str) -> None:
    """Replays one request, capturing the SQL the app runs, and prints each statement's plan
    (PostgreSQL: EXPLAIN ANALYZE with buffers, of the cursor when the app read the rows
    through a server-side cursor, which PostgreSQL plans for the first rows; SQLite: EXPLAIN
    QUERY PLAN)."""
    assert b.client is not None
    store: Store = b.client.app.state.dyad.store  # type: ignore[attr-defined]
    seen: list[tuple[str, Any, bool]] = []

    def capture(_c: Any, cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params, getattr(cur, "name", None) is not None))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        ms, _ = _get(b, url)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    print(f"\n--- {b.name}: GET {url} ({ms:.1f} ms on replay)")
    pg = b.dialect == "postgresql"
    with store.engine.connect() as conn:
        for statement, params, server_side in seen:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            print("\n" + " ".join(statement.split()))
            print(f"  params: {params}" + ("; read through a server-side cursor" * server_side))
            if not pg:
                prefix = "EXPLAIN QUERY PLAN "
            elif server_side:
                prefix = "EXPLAIN (ANALYZE, BUFFERS) DECLARE dyad_bench CURSOR FOR "
            else:
                prefix = "EXPLAIN (ANALYZE, BUFFERS) "
            for row in conn.exec_driver_sql(prefix + statement, params):
                print("  " + (row[0] if pg else f"{row[0]:>3} {row[1]:>3} {row[3]}"))
            conn.rollback()  # a DECLAREd cursor lives until the transaction ends


# -- the run -----------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--events", type=int, default=1_000_000, help="events to generate")
    ap.add_argument("--requests", type=int, default=200, help="requests of each kind")
    ap.add_argument("--warmup", type=int, default=20, help="uncounted requests of each kind")
    ap.add_argument("--sqlite", help="SQLite file to create (default: a temporary file)")
    ap.add_argument("--pg", help="PostgreSQL URL (default: $DYAD_TEST_DB)")
    ap.add_argument("--skip-pg", action="store_true", help="SQLite only")
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--explain", action="store_true", help="plans of every slowest request")
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="measure stores an earlier run loaded (same --events and --seed; --sqlite FILE)",
    )
    args = ap.parse_args()
    if args.events < 1 or args.requests < 2:
        raise SystemExit("--events must be >= 1 and --requests >= 2")

    tmp = None
    if args.sqlite:
        sqlite_path = Path(args.sqlite).resolve()
        if sqlite_path.exists() and not args.reuse:
            raise SystemExit(f"{sqlite_path} exists; give a new file, or --reuse it")
    else:
        tmp = tempfile.TemporaryDirectory(prefix="dyad-bench-")
        sqlite_path = Path(tmp.name) / "store.sqlite"
    pg_url = None if args.skip_pg else (args.pg or os.environ.get("DYAD_TEST_DB"))
    if not args.skip_pg and not pg_url:
        raise SystemExit(
            "no PostgreSQL: give --pg URL, set DYAD_TEST_DB, run under "
            "scripts/with-postgres.sh, or pass --skip-pg"
        )

    with ExitStack() as stack:
        if tmp is not None:
            stack.callback(tmp.cleanup)
        reuse = args.events if args.reuse else None
        backends = [open_backend("sqlite", f"sqlite:///{sqlite_path}", reuse)]
        stack.callback(backends[0].store.close)
        if pg_url:
            backends.append(open_backend("postgresql", pg_url, reuse))
            stack.callback(backends[1].store.close)
        run(backends, args, stack)


def run(backends: list[Backend], args: argparse.Namespace, stack: ExitStack) -> None:
    rng = random.Random(args.seed)
    v = vocabulary(rng)
    n_events = args.events
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    print(
        f"generating {n_events:,} events, {n_events:,} mentions, {n_articles:,} articles "
        f"(seed {args.seed}) into {', '.join(b.name for b in backends)}",
        flush=True,
    )
    if all(b.reused for b in backends):
        print("reusing the stores an earlier run loaded; nothing generated", flush=True)
        for b in backends:
            b.size_mb = b.measure_size()
        measure_and_report(backends, args, stack, v, n_events, n_articles)
        return
    if any(b.reused for b in backends):
        raise SystemExit("--reuse: every backend must hold the earlier run's events")
    gen_s = 0.0
    t = time.perf_counter()
    arts = make_articles(rng, v, n_articles)
    gen_s += time.perf_counter() - t
    for b in backends:
        b.insert(ARTICLES, arts.rows)
    for start in range(0, n_events, CHUNK):
        t = time.perf_counter()
        evs, ments = make_chunk(rng, v, arts, start, min(CHUNK, n_events - start), n_events)
        gen_s += time.perf_counter() - t
        for b in backends:
            b.insert_chunk(evs, ments)
        if (start // CHUNK) % 10 == 9:
            done = start + len(evs)
            loads = ", ".join(f"{b.name} {b.insert_s:.0f} s" for b in backends)
            print(f"  {done:>9,} events; generation {gen_s:.0f} s, {loads}", flush=True)
    for b in backends:
        b.analyze()
    print(f"generation (Python, shared) {gen_s:.1f} s")
    measure_and_report(backends, args, stack, v, n_events, n_articles)


def measure_and_report(
    backends: list[Backend],
    args: argparse.Namespace,
    stack: ExitStack,
    v: Vocab,
    n_events: int,
    n_articles: int,
) -> None:
    for b in backends:
        b.client = stack.enter_context(TestClient(create_app(store_url=b.url)))
    print(
        f"measuring {args.requests} requests of each kind per backend "
        f"(+{args.warmup} warm-up), alternating backends",
        flush=True,
    )
    t = time.perf_counter()
    matched = measure(backends, v, args.requests, args.warmup, args.seed)
    print(f"measured in {time.perf_counter() - t:.1f} s\n")
    report(backends, args, n_events, n_articles, matched)


def report(
    backends: list[Backend],
    args: argparse.Namespace,
    n_events: int,
    n_art: int,
    matched: dict[tuple[str, str], list[int]],
) -> None:
    names = [b.name for b in backends]
    w = 36
    print(f"{n_events:,} events, {n_art:,} articles, {args.requests} requests of each kind")
    print(f"{'':<26}" + "".join(f"{n:^{w}}" for n in names))
    print(f"{'load: inserts s':<26}" + "".join(f"{b.insert_s:^{w}.1f}" for b in backends))
    print(f"{'load: ANALYZE s':<26}" + "".join(f"{b.analyze_s:^{w}.1f}" for b in backends))
    print(
        f"{'load: total s':<26}" + "".join(f"{b.insert_s + b.analyze_s:^{w}.1f}" for b in backends)
    )
    print(f"{'database MB':<26}" + "".join(f"{b.size_mb:^{w}.0f}" for b in backends))
    if any(b.reused for b in backends):
        print("(stores loaded by an earlier run with the same --events and --seed: no load times)")
    head = f"{'p50':>7}{'p95':>8}{'p99':>8}{'max':>8}  result"
    print(f"\n{'request (ms)':<18}{'target':>8}" + "".join(f"{head:<{w}}" for _ in backends))
    failed: list[tuple[Backend, str]] = []
    for kind, target in TARGET_MS.items():
        cells = []
        for b in backends:
            p50, p95, p99 = pct(b.times[kind])
            ok = p95 <= target
            if not ok:
                failed.append((b, kind))
            cell = f"{p50:>7.1f}{p95:>8.1f}{p99:>8.1f}{max(b.times[kind]):>8.1f}  "
            cells.append(f"{cell + ('PASS' if ok else 'FAIL'):<{w}}")
        label = "series month" if kind == "series" else "/events page"
        print(f"{label:<18}{'p95<=' + str(int(target)):>8}" + "".join(cells))

    print(
        f"\nby variant: events matched (median, max), then n and p50 / p95 ms on "
        f"{' | '.join(names)}"
    )
    for kind, variant in sorted(matched):
        found = matched[(kind, variant)]
        cells = [f"{statistics.median(found):>8,.0f}{max(found):>8,}  "]
        for b in backends:
            xs = b.by_variant[(kind, variant)]
            if len(xs) >= 2:
                p50, p95, _ = pct(xs)
                cells.append(f"n={len(xs):<4}{p50:>7.1f} / {p95:>7.1f}")
            else:
                cells.append(f"n={len(xs):<4}")
        print(f"  {kind:<7}{variant:<20}" + cells[0] + " | ".join(cells[1:]))

    todo = [(b, k) for b in backends for k in TARGET_MS] if args.explain else failed
    for b, kind in todo:
        ms, url = b.slowest[kind]
        print(f"\nslowest {kind} request on {b.name}: {ms:.1f} ms")
        explain(b, url)


if __name__ == "__main__":
    main()
