"""The event store: SQLite by default (WAL), PostgreSQL for teams (``postgresql://...``).

Articles are keyed by the hash of their text, and near-copies (wire copies, re-posts) are
linked to the article they copy. Each real-world event is stored once, with every report of
it as a mention (GDELT's events and mentions tables): reports of one dyad, event type and
code, date, place and temporal status are one event with counts of mentions, articles and
sources. A batch of articles with all its events is one transaction, so a crash never leaves
events without their article, and a rerun completes what was interrupted.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Engine,
    Select,
    String,
    case,
    cast,
    create_engine,
    distinct,
    event,
    func,
    insert,
    inspect,
    literal,
    or_,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from dyad.errors import StoreBusyError, StoreError
from dyad.pipeline import CodedArticle
from dyad.store.dedup import NearDuplicates
from dyad.store.schema import (
    ArticleBandRow,
    ArticleRow,
    Base,
    EventRow,
    FeedItemRow,
    FeedRow,
    MentionRow,
    QuoteRow,
)
from dyad.types import Actor, Article, Event, Location, Mention, Quote, Span

__all__ = [
    "ActorSummary",
    "AddResult",
    "DyadMove",
    "DyadSummary",
    "Edge",
    "EventFilter",
    "FeedState",
    "PeriodCounts",
    "Place",
    "Store",
    "aggregation_key",
    "default_url",
    "resolve_url",
]

T = TypeVar("T")
K = TypeVar("K")
_RETRIES = 5
#: PostgreSQL advisory lock that writers take for their transaction (an arbitrary constant).
_WRITE_LOCK = 0x6479616401
#: The tables as Core tables, for the writer's bulk inserts.
_TABLES = Base.metadata.tables


def default_url() -> str:
    """A SQLite file in the user's data folder (XDG_DATA_HOME, else ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(base) / 'dyad' / 'dyad.sqlite'}"


def resolve_url(url: str | None) -> str:
    """``--db`` beats ``DYAD_DB`` beats the default; a bare path means a SQLite file."""
    url = url or os.environ.get("DYAD_DB") or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    # Plain postgresql:// means psycopg 3 (the driver dyad[postgres] installs).
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url.removeprefix(plain)
    return url


def aggregation_key(e: Event) -> str:
    """Reports of the same dyad, type and code, date, place and temporal status are one
    event. The key is a hash, the same in every process."""
    a, r, loc = e.actor, e.recipient, e.location
    parts = (
        a.code if a else None,
        a.sector if a else None,
        r.code if r else None,
        r.sector if r else None,
        e.event_type,
        e.cameo,
        e.date.isoformat() if e.date else None,
        e.date_precision,
        e.temporal,
        loc.name if loc else None,
        loc.country_code if loc else None,
    )
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    temporal: Sequence[str] | None = ("current",)
    cameo_root: str | None = None
    quad_class: int | None = None
    #: Only events with an actor or a recipient resolved to a code: "who did what to whom"
    #: with neither who nor whom is not dyadic data (kept in the store, shown on request).
    resolved: bool = True
    #: Either direction of a dyad: events between ``actor`` and ``recipient`` both ways.
    both_ways: bool = False
    location_country: str | None = None
    text: str | None = None
    #: Any of these PLOVER types (``event_type`` is one type); STATEMENT means CAMEO 01.
    event_types: Sequence[str] | None = None
    #: Events with any of these codes on either side (actor or recipient).
    involving: Sequence[str] | None = None


@dataclass(frozen=True, slots=True)
class FeedState:
    """What ``dyad watch`` remembers of a feed: validators and the items already stored."""

    etag: str | None
    last_modified: str | None
    seen: frozenset[str]


@dataclass
class AddResult:
    added: int = 0
    near_duplicates: int = 0
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class PeriodCounts:
    """Events in one day, ISO week or month: by quad class, with the mean Goldstein score."""

    period: str
    events: int
    by_quad: dict[int, int]
    mean_goldstein: float


@dataclass(frozen=True, slots=True)
class DyadSummary:
    """Events between two actors, both ways (``a`` sorts before ``b``)."""

    a: str
    b: str
    events: int
    conflict: int  # quad classes 3 and 4
    mean_goldstein: float


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """Events an actor carried out and received."""

    code: str
    as_actor: int
    as_recipient: int


@dataclass(frozen=True, slots=True)
class DyadMove:
    """How a dyad's conflict score (the sum of its events' Goldstein scores, both ways;
    below zero is more conflict than cooperation) changed from one period to the next."""

    a: str
    b: str
    previous: float
    last: float
    events_previous: int
    events_last: int

    @property
    def change(self) -> float:
        return self.last - self.previous


@dataclass(frozen=True, slots=True)
class Edge:
    """Events one actor carried out on another."""

    actor: str
    recipient: str
    events: int
    conflict: int
    mean_goldstein: float


@dataclass(frozen=True, slots=True)
class Place:
    """Events located at one place (with coordinates)."""

    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    conflict: int
    mean_goldstein: float


class Store:
    """One database. Create with a URL; use as a context manager or call :meth:`close`."""

    def __init__(self, url: str | None = None, near_duplicate_threshold: float = 0.8) -> None:
        self.url = resolve_url(url)
        self.dedup = NearDuplicates(near_duplicate_threshold)
        try:
            if self.url.startswith("sqlite:///"):
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                self.url, future=True, connect_args=self._connect_args()
            )
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            from dyad.store.migrate import upgrade

            self._retry(lambda: upgrade(self.engine))
        except StoreError:
            raise
        except OperationalError as exc:
            raise self._error(exc) from exc
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open store {self.display_url}: {exc}") from exc

    def _connect_args(self) -> dict[str, Any]:
        return {"timeout": 15} if self.url.startswith("sqlite") else {}

    @property
    def display_url(self) -> str:
        """The URL without a password."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    def _error(self, exc: OperationalError) -> StoreError:
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreBusyError(
                f"store is busy: {self.display_url} is locked by another writer "
                f"(tried {_RETRIES} times)"
            )
        return StoreError(f"store {self.display_url}: {exc.orig}")

    def _retry(self, work: Callable[[], T]) -> T:
        """Run a transaction, again after a pause when SQLite says another writer holds it
        or PostgreSQL reports a clash of concurrent inserts."""
        for attempt in range(_RETRIES):
            try:
                return work()
            except OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise self._error(exc) from exc
                last: Exception = exc
            except IntegrityError as exc:
                last = exc
            time.sleep(0.2 * 2**attempt)
        if isinstance(last, OperationalError):
            raise self._error(last) from last
        raise StoreError(f"store {self.display_url}: {last}") from last

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        with Session(self.engine) as s:
            rows = s.scalars(
                select(ArticleRow.content_hash).where(ArticleRow.content_hash.in_(list(hashes)))
            )
            return set(rows)

    def add_many(self, coded: Sequence[CodedArticle]) -> int:
        """Store articles with their events and quotes in one transaction; returns how many
        articles were new (an article already stored, by text, is skipped)."""
        return self.add(coded).added

    def add(
        self, coded: Sequence[CodedArticle], signatures: Sequence[bytes] | None = None
    ) -> AddResult:
        """Store a batch in one transaction. ``signatures`` are the articles' MinHash
        signatures (``NearDuplicates.signature``) when the caller computed them elsewhere,
        in the worker processes that coded the articles, so the single writer does not."""
        if not coded:
            return AddResult()
        if signatures is not None and len(signatures) != len(coded):
            raise ValueError(f"{len(signatures)} signatures for {len(coded)} articles")
        sigs = dict(zip((c.article.content_hash for c in coded), signatures or (), strict=False))
        return self._retry(lambda: self._add(coded, sigs))

    def _add(self, coded: Sequence[CodedArticle], given: dict[str, bytes]) -> AddResult:
        """One transaction, a few statements per batch rather than per event: the writer is
        the one process every worker waits on."""
        result = AddResult()
        with Session(self.engine) as s, s.begin():
            if self.engine.dialect.name == "postgresql":
                # One writer at a time: a transaction that waited for another to update the
                # same event would recount its reports from a snapshot taken before the
                # other's commit (READ COMMITTED), and near-copies written at once would not
                # see each other. SQLite's write lock does the same there.
                s.execute(sql("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK})
            known = set(
                s.scalars(
                    select(ArticleRow.content_hash).where(
                        ArticleRow.content_hash.in_([c.article.content_hash for c in coded])
                    )
                )
            )
            new: list[CodedArticle] = []
            for c in coded:
                if c.article.content_hash not in known:
                    known.add(c.article.content_hash)
                    new.append(c)
            if not new:
                return result
            now = datetime.now(UTC).replace(tzinfo=None)
            sigs = [
                given.get(c.article.content_hash) or self.dedup.signature(c.article.text)
                for c in new
            ]
            keys = [self.dedup.band_keys(sig) for sig in sigs]
            canonical = self._copies_of(s, sigs, keys)
            s.execute(
                insert(_TABLES["articles"]),
                [
                    _article_values(c.article, now, sig, copy if copy and copy > 0 else None)
                    for c, sig, copy in zip(new, sigs, canonical, strict=True)
                ],
            )
            pks: dict[str, int] = {
                h: pk
                for h, pk in s.execute(
                    select(ArticleRow.content_hash, ArticleRow.pk).where(
                        ArticleRow.content_hash.in_([c.article.content_hash for c in new])
                    )
                )
            }
            article_pks = [pks[c.article.content_hash] for c in new]
            for pk, copy in zip(article_pks, canonical, strict=True):
                if copy is not None and copy < 0:  # a copy of an earlier article of the batch
                    s.execute(
                        update(ArticleRow)
                        .where(ArticleRow.pk == pk)
                        .values(canonical_pk=article_pks[-1 - copy])
                        .execution_options(synchronize_session=False)
                    )
            s.execute(
                insert(_TABLES["article_bands"]),
                [
                    {"article_pk": pk, "band": b, "hash": h}
                    for pk, ks in zip(article_pks, keys, strict=True)
                    for b, h in ks
                ],
            )
            event_pks = self._event_pks(s, [e for c in new for e in c.events])
            mentions = [
                _mention_values(e, event_pks[aggregation_key(e)], pk)
                for c, pk in zip(new, article_pks, strict=True)
                for e in c.events
            ]
            if mentions:
                s.execute(insert(_TABLES["mentions"]), mentions)
            quotes = [
                _quote_values(q, pk)
                for c, pk in zip(new, article_pks, strict=True)
                for q in c.quotes
            ]
            if quotes:
                s.execute(insert(_TABLES["quotes"]), quotes)
            _recount(s, set(event_pks.values()))
            result.added = len(new)
            result.near_duplicates = sum(1 for copy in canonical if copy is not None)
            result.mentions = len(mentions)
        return result

    def _copies_of(
        self, s: Session, sigs: list[bytes], keys: list[list[tuple[int, int]]]
    ) -> list[int | None]:
        """For each new signature, the stored article it nearly copies (that article's own
        original, if it is a copy itself), or an earlier article of the same batch it copies,
        given as ``-1 - index`` until that article has a key."""
        wanted = {k for ks in keys for k in ks}
        stored: dict[tuple[int, int], list[int]] = {}
        for chunk in _chunks(sorted(wanted), 400):
            rows = s.execute(
                select(ArticleBandRow.band, ArticleBandRow.hash, ArticleBandRow.article_pk).where(
                    tuple_(ArticleBandRow.band, ArticleBandRow.hash).in_(chunk)
                )
            )
            for band, h, pk in rows:
                stored.setdefault((band, h), []).append(pk)
        cand_sets = [sorted({pk for k in ks for pk in stored.get(k, ())})[:50] for ks in keys]
        need = sorted({pk for c in cand_sets for pk in c})
        others: dict[int, tuple[bytes | None, int | None]] = {}
        for part in _chunks(need, 500):
            for pk, mh, canon in s.execute(
                select(ArticleRow.pk, ArticleRow.minhash, ArticleRow.canonical_pk).where(
                    ArticleRow.pk.in_(part)
                )
            ):
                others[pk] = (mh, canon)
        out: list[int | None] = []
        batch_keys: dict[tuple[int, int], list[int]] = {}
        for i, (sig, ks) in enumerate(zip(sigs, keys, strict=True)):
            best: tuple[float, int] | None = None
            for pk in cand_sets[i]:
                mh, canon = others.get(pk, (None, None))
                if mh is None:
                    continue
                sim = self.dedup.similarity(sig, mh)
                if sim >= self.dedup.threshold and (best is None or sim > best[0]):
                    best = (sim, canon or pk)
            # Earlier articles of this batch are not stored yet: compare with them here.
            for j in sorted({j for k in ks for j in batch_keys.get(k, ())}):
                sim = self.dedup.similarity(sig, sigs[j])
                if sim >= self.dedup.threshold and (best is None or sim > best[0]):
                    root = out[j]
                    best = (sim, root if root is not None else -1 - j)
            out.append(best[1] if best else None)
            for k in ks:
                batch_keys.setdefault(k, []).append(i)
        return out

    def _event_pks(self, s: Session, events: list[Event]) -> dict[str, int]:
        """The key of every event of the batch, inserting those not yet stored (with the
        first report's fields, as one process would)."""
        first: dict[str, Event] = {}
        for e in events:
            first.setdefault(aggregation_key(e), e)
        pks: dict[str, int] = {}

        def lookup(uids: list[str]) -> None:
            for chunk in _chunks(uids, 500):
                for uid, pk in s.execute(
                    select(EventRow.uid, EventRow.pk).where(EventRow.uid.in_(chunk))
                ):
                    pks[uid] = pk

        lookup(list(first))
        missing = [uid for uid in first if uid not in pks]
        if missing:
            # A concurrent writer inserting the same uid fails here; _retry reruns the batch.
            s.execute(insert(_TABLES["events"]), [_event_values(first[u], u) for u in missing])
            lookup(missing)
        return pks

    # -- reading ----------------------------------------------------------------------------
    def _filtered(self, f: EventFilter) -> Select[EventRow]:
        q = select(EventRow)
        a = f.actor.upper() if f.actor else None
        r = f.recipient.upper() if f.recipient else None
        if f.both_ways and a and r:
            q = q.where(
                or_(
                    (EventRow.actor_code == a) & (EventRow.recipient_code == r),
                    (EventRow.actor_code == r) & (EventRow.recipient_code == a),
                )
            )
        else:
            if a:
                q = q.where(EventRow.actor_code == a)
            if r:
                q = q.where(EventRow.recipient_code == r)
        if f.event_type:
            q = q.where(EventRow.event_type == f.event_type.upper())
        if f.event_types:
            kinds = [t.upper() for t in f.event_types]
            named = [t for t in kinds if t != "STATEMENT"]
            cond = EventRow.event_type.in_(named)
            q = q.where(or_(cond, EventRow.event_type.is_(None)) if "STATEMENT" in kinds else cond)
        if f.involving:
            codes = [c.upper() for c in f.involving]
            q = q.where(or_(EventRow.actor_code.in_(codes), EventRow.recipient_code.in_(codes)))
        if f.cameo_root:
            q = q.where(EventRow.cameo_root == f.cameo_root.zfill(2))
        if f.quad_class:
            q = q.where(EventRow.quad_class == f.quad_class)
        if f.since:
            q = q.where(EventRow.date >= f.since)
        if f.until:
            q = q.where(EventRow.date <= f.until)
        if f.temporal:
            q = q.where(EventRow.temporal.in_(list(f.temporal)))
        if f.resolved and not (a or r):
            # Implied when an actor or recipient is given; left out then, so that counts stay
            # index-only scans of the (actor|recipient, type, temporal, date) indexes.
            q = q.where(or_(EventRow.actor_code.is_not(None), EventRow.recipient_code.is_not(None)))
        if f.location_country:
            q = q.where(EventRow.location_country == f.location_country.upper())
        if f.text:
            m = aliased(MentionRow)
            q = q.where(
                select(m.pk).where(m.event_pk == EventRow.pk, m.sentence.contains(f.text)).exists()
            )
        return q

    def _with_evidence(self, q: Select[EventRow]) -> Select[Any]:
        """Each event with its first report (the evidence shown beside it)."""
        first = (
            select(func.min(MentionRow.pk))
            .where(MentionRow.event_pk == EventRow.pk)
            .correlate(EventRow)
            .scalar_subquery()
        )
        return (
            q.add_columns(MentionRow, ArticleRow.external_id, ArticleRow.url)
            .join(MentionRow, MentionRow.pk == first)
            .join(ArticleRow, ArticleRow.pk == MentionRow.article_pk)
        )

    def events(
        self,
        f: EventFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
        order: str = "date",
    ) -> Iterator[Event]:
        """Events matching the filter, each once with its counts and first report, streamed.
        ``order``: ``date`` (oldest first), ``-date``, ``mentions`` (most reported first)."""
        q = self._with_evidence(self._filtered(f or EventFilter()))
        if order == "-date":
            q = q.order_by(EventRow.date.desc(), EventRow.pk.desc())
        elif order == "mentions":
            q = q.order_by(EventRow.num_mentions.desc(), EventRow.pk)
        else:
            q = q.order_by(EventRow.date, EventRow.pk)
        if offset:
            q = q.offset(offset)
        if limit:
            q = q.limit(limit)
        # A page is read in one go; only unbounded reads stream through a cursor (on PostgreSQL
        # a server-side cursor is planned for its first rows, a poor plan for a filtered page).
        if limit is None or limit > 1000:
            q = q.execution_options(yield_per=1000)
        with Session(self.engine) as s:
            for ev, m, ext, url in s.execute(q):
                yield _to_event(ev, m, ext, url)

    def count(self, f: EventFilter | None = None) -> int:
        with Session(self.engine) as s:
            sub = self._filtered(f or EventFilter()).subquery()
            return s.scalar(select(func.count()).select_from(sub)) or 0

    def event(self, uid: str) -> Event | None:
        q = self._with_evidence(select(EventRow).where(EventRow.uid == uid))
        with Session(self.engine) as s:
            row = s.execute(q).first()
            return _to_event(*row) if row else None

    def mentions(self, uid: str) -> list[Mention]:
        """Every report of one event, in the order they were stored."""
        q = (
            select(MentionRow, ArticleRow)
            .join(EventRow, EventRow.pk == MentionRow.event_pk)
            .join(ArticleRow, ArticleRow.pk == MentionRow.article_pk)
            .where(EventRow.uid == uid)
            .order_by(MentionRow.pk)
        )
        with Session(self.engine) as s:
            return [
                Mention(
                    event_id=uid,
                    article_id=a.external_id,
                    sentence_index=m.sentence_index,
                    sentence=m.sentence,
                    trigger=Span(m.trigger_text, m.trigger_start, m.trigger_end),
                    rule=m.rule,
                    confidence=m.confidence,
                    source=a.source,
                    url=a.url,
                    published=a.date,
                    added=a.ingested_at,
                    doc_length=len(a.text),
                )
                for m, a in s.execute(q)
            ]

    def all_mentions(self, f: EventFilter | None = None) -> Iterator[tuple[Event, Mention]]:
        """(event, mention) pairs for the events matching the filter, streamed (exports)."""
        sub = self._filtered(f or EventFilter()).subquery()
        q = (
            select(EventRow, MentionRow, ArticleRow)
            .join(MentionRow, MentionRow.event_pk == EventRow.pk)
            .join(ArticleRow, ArticleRow.pk == MentionRow.article_pk)
            .where(EventRow.pk.in_(select(sub.c.pk)))
            .order_by(EventRow.pk, MentionRow.pk)
        )
        with Session(self.engine) as s:
            for ev, m, a in s.execute(q.execution_options(yield_per=1000)):
                e = _to_event(ev, m, a.external_id, a.url)
                yield (
                    e,
                    Mention(
                        event_id=ev.uid,
                        article_id=a.external_id,
                        sentence_index=m.sentence_index,
                        sentence=m.sentence,
                        trigger=Span(m.trigger_text, m.trigger_start, m.trigger_end),
                        rule=m.rule,
                        confidence=m.confidence,
                        source=a.source,
                        url=a.url,
                        published=a.date,
                        added=a.ingested_at,
                        doc_length=len(a.text),
                    ),
                )

    def article(self, article_id: str) -> tuple[Article, str | None] | None:
        """An article by its input id (the first stored with it) and the id of the article
        it nearly copies, if any."""
        with Session(self.engine) as s:
            row = s.scalars(
                select(ArticleRow)
                .where(ArticleRow.external_id == article_id)
                .order_by(ArticleRow.pk)
                .limit(1)
            ).first()
            if row is None:
                return None
            canon = s.get(ArticleRow, row.canonical_pk) if row.canonical_pk else None
            art = Article(
                id=row.external_id,
                text=row.text,
                title=row.title,
                date=row.date,
                url=row.url,
                source=row.source,
            )
            return art, canon.external_id if canon else None

    def article_events(self, article_id: str) -> list[Event]:
        """The events one article reports (the first stored with this input id, as in
        :meth:`article`), each once with this article's sentence as its evidence, in text
        order; every temporal status, resolved or not, since this is what the article says."""
        pk = (
            select(func.min(ArticleRow.pk))
            .where(ArticleRow.external_id == article_id)
            .scalar_subquery()
        )
        first = (
            select(func.min(MentionRow.pk))
            .where(MentionRow.article_pk == pk)
            .group_by(MentionRow.event_pk)
        )
        q = (
            select(EventRow, MentionRow, ArticleRow.external_id, ArticleRow.url)
            .join(MentionRow, MentionRow.event_pk == EventRow.pk)
            .join(ArticleRow, ArticleRow.pk == MentionRow.article_pk)
            .where(MentionRow.pk.in_(first))
            .order_by(MentionRow.sentence_index, MentionRow.trigger_start, MentionRow.pk)
        )
        with Session(self.engine) as s:
            return [_to_event(ev, m, ext, url) for ev, m, ext, url in s.execute(q)]

    def quotes(
        self,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        limit: int | None = None,
        article_id: str | None = None,
    ) -> Iterator[Quote]:
        """Stored quotes, oldest article first; ``speaker`` is an actor code."""
        q = select(QuoteRow, ArticleRow.external_id).join(
            ArticleRow, ArticleRow.pk == QuoteRow.article_pk
        )
        if speaker:
            q = q.where(QuoteRow.speaker_code == speaker.upper())
        if kind:
            q = q.where(QuoteRow.kind == kind)
        if since:
            q = q.where(ArticleRow.date >= since)
        if until:
            q = q.where(ArticleRow.date <= until)
        if article_id:
            q = q.where(ArticleRow.external_id == article_id)
        q = q.order_by(ArticleRow.date, QuoteRow.pk)
        if limit:
            q = q.limit(limit)
        with Session(self.engine) as s:
            for row, ext in s.execute(q.execution_options(yield_per=1000)):
                yield _to_quote(row, ext)

    def actors(self, f: EventFilter | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Actor codes with how many events they carried out and received."""
        sub = self._filtered(f or EventFilter()).subquery()
        with Session(self.engine) as s:
            out: dict[str, dict[str, Any]] = {}
            for col, key in (
                (sub.c.actor_code, "as_actor"),
                (sub.c.recipient_code, "as_recipient"),
            ):
                for code, n in s.execute(
                    select(col, func.count()).where(col.is_not(None)).group_by(col)
                ):
                    row = out.setdefault(code, {"code": code, "as_actor": 0, "as_recipient": 0})
                    row[key] = n
        ranked = sorted(out.values(), key=lambda r: -(r["as_actor"] + r["as_recipient"]))
        return ranked[:limit]

    def series(
        self, a: str, b: str, interval: str = "month", f: EventFilter | None = None
    ) -> list[dict[str, Any]]:
        """Events between ``a`` and ``b`` (both ways) per day, week or month: counts by PLOVER
        type and quad class, and the mean Goldstein score."""
        if interval not in ("day", "week", "month"):
            raise ValueError("interval must be day, week or month")
        base = f or EventFilter()
        flt = EventFilter(
            **{
                **{k: getattr(base, k) for k in base.__dataclass_fields__},
                "actor": a,
                "recipient": b,
                "both_ways": True,
            }
        )
        up_a, up_b = a.upper(), b.upper()
        forward, backward = f"{up_a}->{up_b}", f"{up_b}->{up_a}"

        def one_way(
            x: str, y: str, label: str
        ) -> Select[date | None, str, str | None, int, int, float]:
            # Each direction on its own, so both use the dyad's covering index.
            one = replace(flt, actor=x, recipient=y, both_ways=False)
            return (
                self._filtered(one)
                .where(EventRow.date.is_not(None))
                .with_only_columns(
                    EventRow.date,
                    literal(label).label("direction"),
                    EventRow.event_type,
                    EventRow.quad_class,
                    func.count().label("n"),
                    func.sum(EventRow.goldstein).label("goldstein"),
                )
                .group_by(EventRow.date, EventRow.event_type, EventRow.quad_class)
            )

        parts = [one_way(up_a, up_b, forward)]
        if up_a != up_b:
            parts.append(one_way(up_b, up_a, backward))
        buckets: dict[str, dict[str, Any]] = {}
        with Session(self.engine) as s:
            for day, direction, etype, quad, n, gold in s.execute(union_all(*parts)):
                if day is None:  # excluded by the query; keeps the type checker informed
                    continue
                key = _bucket(day, interval)
                bucket = buckets.setdefault(
                    key,
                    {
                        "period": key,
                        "events": 0,
                        "by_type": {},
                        "by_quad": {},
                        "goldstein": 0.0,
                        forward: 0,
                        backward: 0,
                    },
                )
                etype = etype or "STATEMENT"
                bucket["events"] += n
                bucket["by_type"][etype] = bucket["by_type"].get(etype, 0) + n
                bucket["by_quad"][str(quad)] = bucket["by_quad"].get(str(quad), 0) + n
                bucket["goldstein"] += gold
                bucket[direction] += n
        out = []
        for key in sorted(buckets):
            bucket = buckets[key]
            bucket["mean_goldstein"] = round(bucket.pop("goldstein") / bucket["events"], 3)
            out.append(bucket)
        return out

    def stats(self, f: EventFilter | None = None, top: int = 10) -> dict[str, Any]:
        f = f or EventFilter()
        with Session(self.engine) as s:
            n_articles = s.scalar(select(func.count()).select_from(ArticleRow)) or 0
            n_copies = (
                s.scalar(
                    select(func.count())
                    .select_from(ArticleRow)
                    .where(ArticleRow.canonical_pk.is_not(None))
                )
                or 0
            )
            n_mentions = s.scalar(select(func.count()).select_from(MentionRow)) or 0
            base = self._filtered(f).subquery()
            n_events = s.scalar(select(func.count()).select_from(base)) or 0
            by_type = s.execute(
                select(base.c.event_type, func.count())
                .group_by(base.c.event_type)
                .order_by(func.count().desc())
            ).all()
            dyads = s.execute(
                select(base.c.actor_code, base.c.recipient_code, func.count())
                .where(base.c.actor_code.is_not(None), base.c.recipient_code.is_not(None))
                .group_by(base.c.actor_code, base.c.recipient_code)
                .order_by(func.count().desc(), base.c.actor_code, base.c.recipient_code)
                .limit(top)
            ).all()
            span = s.execute(select(func.min(ArticleRow.date), func.max(ArticleRow.date))).one()
        return {
            "store": self.display_url,
            "articles": n_articles,
            "near_duplicates": n_copies,
            "mentions": n_mentions,
            "events": n_events,
            "first_date": span[0].isoformat() if span[0] else None,
            "last_date": span[1].isoformat() if span[1] else None,
            "by_type": [{"event_type": t or "STATEMENT", "count": n} for t, n in by_type],
            "top_dyads": [{"actor": a, "recipient": b, "count": n} for a, b, n in dyads],
        }

    # -- summaries for the dashboard: aggregated in the database ------------------------------
    def periods(self, f: EventFilter | None = None, interval: str = "month") -> list[PeriodCounts]:
        """Dated events matching the filter per day, ISO week or month. The database counts
        per day and quad class; only those day totals are merged into periods here."""
        _check_interval(interval)
        sub = self._filtered(f or EventFilter()).subquery()
        q = (
            select(sub.c.date, sub.c.quad_class, func.count(), func.sum(sub.c.goldstein))
            .where(sub.c.date.is_not(None))
            .group_by(sub.c.date, sub.c.quad_class)
        )
        acc: dict[str, tuple[dict[int, int], list[float]]] = {}
        with Session(self.engine) as s:
            for day, quad, n, total in s.execute(q):
                by_quad, gold = acc.setdefault(_bucket(day, interval), ({}, [0.0]))
                by_quad[quad] = by_quad.get(quad, 0) + n
                gold[0] += float(total or 0.0)
        out = []
        for key in sorted(acc):
            by_quad, gold = acc[key]
            n = sum(by_quad.values())
            out.append(PeriodCounts(key, n, dict(sorted(by_quad.items())), round(gold[0] / n, 3)))
        return out

    def article_periods(
        self, interval: str = "month", since: date | None = None, until: date | None = None
    ) -> list[tuple[str, int]]:
        """Dated articles per day, ISO week or month (near-copies included: they were
        published)."""
        _check_interval(interval)
        q = (
            select(ArticleRow.date, func.count())
            .where(ArticleRow.date.is_not(None))
            .group_by(ArticleRow.date)
        )
        if since:
            q = q.where(ArticleRow.date >= since)
        if until:
            q = q.where(ArticleRow.date <= until)
        acc: dict[str, int] = {}
        with Session(self.engine) as s:
            for day, n in s.execute(q):
                if day is not None:
                    key = _bucket(day, interval)
                    acc[key] = acc.get(key, 0) + n
        return sorted(acc.items())

    def type_counts(self, f: EventFilter | None = None) -> list[tuple[str, int, int]]:
        """(PLOVER type or STATEMENT, quad class, events), most frequent first."""
        sub = self._filtered(f or EventFilter()).subquery()
        q = (
            select(sub.c.event_type, sub.c.quad_class, func.count())
            .group_by(sub.c.event_type, sub.c.quad_class)
            .order_by(func.count().desc(), sub.c.event_type, sub.c.quad_class)
        )
        with Session(self.engine) as s:
            return [(t or "STATEMENT", quad, n) for t, quad, n in s.execute(q)]

    def top_dyads(self, f: EventFilter | None = None, limit: int = 10) -> list[DyadSummary]:
        """The dyads with most events, counted both ways (CHN→JPN and JPN→CHN together)."""
        sub = self._filtered(f or EventFilter()).subquery()
        lo, hi = _pair(sub.c.actor_code, sub.c.recipient_code)
        conflict = func.sum(case((sub.c.quad_class >= 3, 1), else_=0))
        q = (
            select(lo, hi, func.count(), conflict, func.avg(sub.c.goldstein))
            .where(sub.c.actor_code.is_not(None), sub.c.recipient_code.is_not(None))
            .group_by(lo, hi)
            .order_by(func.count().desc(), lo, hi)
            .limit(limit)
        )
        with Session(self.engine) as s:
            return [
                DyadSummary(a, b, n, int(c or 0), round(float(g), 3))
                for a, b, n, c, g in s.execute(q)
            ]

    def top_actors(self, f: EventFilter | None = None, limit: int = 10) -> list[ActorSummary]:
        """The actors in most events (as actor or recipient), ranked and cut in the database
        in one pass over the matching events (:meth:`actors` ranks every code in Python)."""
        sub = self._filtered(f or EventFilter()).subquery()
        both = union_all(
            select(
                sub.c.actor_code.label("code"), literal(1).label("a"), literal(0).label("r")
            ).where(sub.c.actor_code.is_not(None)),
            select(
                sub.c.recipient_code.label("code"), literal(0).label("a"), literal(1).label("r")
            ).where(sub.c.recipient_code.is_not(None)),
        ).subquery()
        q = (
            select(both.c.code, func.sum(both.c.a), func.sum(both.c.r))
            .group_by(both.c.code)
            .order_by(func.count().desc(), both.c.code)
            .limit(limit)
        )
        with Session(self.engine) as s:
            return [ActorSummary(code, int(a), int(r)) for code, a, r in s.execute(q)]

    def movers(
        self, f: EventFilter | None = None, interval: str = "month", limit: int = 10
    ) -> tuple[str, str, list[DyadMove]]:
        """The last period with events (given the filter), the one before it, and the dyads
        whose conflict score changed most between them."""
        _check_interval(interval)
        sub = self._filtered(f or EventFilter()).subquery()
        with Session(self.engine) as s:
            latest = s.scalar(select(func.max(sub.c.date)))
            if latest is None:
                return "", "", []
            start, prev_start = _period_start(latest, interval)
            lo, hi = _pair(sub.c.actor_code, sub.c.recipient_code)
            is_last = sub.c.date >= start
            last = func.sum(case((is_last, sub.c.goldstein), else_=0.0))
            prev = func.sum(case((is_last, 0.0), else_=sub.c.goldstein))
            n_last = func.sum(case((is_last, 1), else_=0))
            n_prev = func.sum(case((is_last, 0), else_=1))
            q = (
                select(lo, hi, prev, last, n_prev, n_last)
                .where(
                    sub.c.actor_code.is_not(None),
                    sub.c.recipient_code.is_not(None),
                    sub.c.date >= prev_start,
                    sub.c.date <= latest,
                )
                .group_by(lo, hi)
                .order_by(func.abs(last - prev).desc(), lo, hi)
                .limit(limit)
            )
            moves = [
                DyadMove(a, b, round(float(p), 3), round(float(la), 3), int(np), int(nl))
                for a, b, p, la, np, nl in s.execute(q)
            ]
        return _bucket(latest, interval), _bucket(prev_start, interval), moves

    def network(self, code: str, f: EventFilter | None = None, limit: int = 40) -> list[Edge]:
        """Who ``code`` acts on and who acts on it: directed edges with counts, most events
        first."""
        code = code.upper()
        sub = self._filtered(f or EventFilter()).subquery()
        conflict = func.sum(case((sub.c.quad_class >= 3, 1), else_=0))
        q = (
            select(
                sub.c.actor_code,
                sub.c.recipient_code,
                func.count(),
                conflict,
                func.avg(sub.c.goldstein),
            )
            .where(
                sub.c.actor_code.is_not(None),
                sub.c.recipient_code.is_not(None),
                or_(sub.c.actor_code == code, sub.c.recipient_code == code),
            )
            .group_by(sub.c.actor_code, sub.c.recipient_code)
            .order_by(func.count().desc(), sub.c.actor_code, sub.c.recipient_code)
            .limit(limit)
        )
        with Session(self.engine) as s:
            return [
                Edge(a, r, n, int(c or 0), round(float(g), 3)) for a, r, n, c, g in s.execute(q)
            ]

    def places(self, f: EventFilter | None = None, limit: int = 2000) -> list[Place]:
        """Places with coordinates and how many matching events happened there."""
        sub = self._filtered(f or EventFilter()).subquery()
        conflict = func.sum(case((sub.c.quad_class >= 3, 1), else_=0))
        keys = (sub.c.location_name, sub.c.location_country, sub.c.lat, sub.c.lon)
        q = (
            select(*keys, func.count(), conflict, func.avg(sub.c.goldstein))
            .where(sub.c.lat.is_not(None), sub.c.lon.is_not(None))
            .group_by(*keys)
            .order_by(func.count().desc(), sub.c.location_name)
            .limit(limit)
        )
        with Session(self.engine) as s:
            return [
                Place(name, cc, lat, lon, n, int(c or 0), round(float(g), 3))
                for name, cc, lat, lon, n, c, g in s.execute(q)
            ]

    def dyad_quotes(
        self, a: str, b: str, f: EventFilter | None = None, limit: int = 50
    ) -> list[Quote]:
        """What either side said in the articles that report events between them (matching
        the filter), oldest article first."""
        base = f or EventFilter()
        flt = replace(base, actor=a, recipient=b, both_ways=True)
        sub = self._filtered(flt).subquery()
        articles = select(MentionRow.article_pk).where(MentionRow.event_pk.in_(select(sub.c.pk)))
        q = (
            select(QuoteRow, ArticleRow.external_id)
            .join(ArticleRow, ArticleRow.pk == QuoteRow.article_pk)
            .where(
                QuoteRow.speaker_code.in_([a.upper(), b.upper()]),
                QuoteRow.article_pk.in_(articles),
            )
            .order_by(ArticleRow.date, QuoteRow.pk)
            .limit(limit)
        )
        with Session(self.engine) as s:
            return [_to_quote(row, ext) for row, ext in s.execute(q)]

    def article_texts(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The text of each article id (the first stored with it), for showing evidence
        sentences in place."""
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        first = (
            select(func.min(ArticleRow.pk))
            .where(ArticleRow.external_id.in_(ids))
            .group_by(ArticleRow.external_id)
        )
        q = select(ArticleRow.external_id, ArticleRow.text).where(ArticleRow.pk.in_(first))
        with Session(self.engine) as s:
            return {ext: text for ext, text in s.execute(q)}

    # -- watched feeds ----------------------------------------------------------------------
    def feed_state(self, url: str) -> FeedState:
        with Session(self.engine) as s:
            feed = s.scalars(select(FeedRow).where(FeedRow.url == url)).first()
            if feed is None:
                return FeedState(None, None, frozenset())
            seen = s.scalars(select(FeedItemRow.item_key).where(FeedItemRow.feed_pk == feed.pk))
            return FeedState(feed.etag, feed.last_modified, frozenset(seen))

    def _feed_pk(self, s: Session, url: str) -> int:
        pk = s.scalar(select(FeedRow.pk).where(FeedRow.url == url))
        if pk is None:
            row = FeedRow(url=url)
            s.add(row)
            s.flush()  # a concurrent watcher adding the same feed fails here; _retry reruns
            pk = row.pk
        return pk

    def mark_seen(self, url: str, items: Sequence[tuple[str, str | None, str | None]]) -> None:
        """Record feed items (key, link, content hash) as done. Call only once their
        articles are stored: a crash in between means one more fetch, never a lost item."""

        def work() -> None:
            with Session(self.engine) as s, s.begin():
                pk = self._feed_pk(s, url)
                known = set(
                    s.scalars(select(FeedItemRow.item_key).where(FeedItemRow.feed_pk == pk))
                )
                now = datetime.now(UTC).replace(tzinfo=None)
                for key, link, h in items:
                    if key not in known:
                        known.add(key)
                        s.add(
                            FeedItemRow(
                                feed_pk=pk, item_key=key, link=link, content_hash=h, seen_at=now
                            )
                        )

        if items:
            self._retry(work)

    def save_feed(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        error: str | None = None,
        keep_validators: bool = False,
    ) -> None:
        """After a poll: the validators of a feed read to the end (``keep_validators`` keeps
        the old ones when some item failed, so the next poll reads the feed again)."""

        def work() -> None:
            with Session(self.engine) as s, s.begin():
                row = s.get(FeedRow, self._feed_pk(s, url))
                assert row is not None
                if not keep_validators:
                    row.etag, row.last_modified = etag, last_modified
                row.last_polled = datetime.now(UTC).replace(tzinfo=None)
                row.last_error = error

        self._retry(work)

    # -- alerts -------------------------------------------------------------------------------
    def conflict_intensity(
        self, since: date | None = None, until: date | None = None
    ) -> dict[tuple[str, str], dict[date, float]]:
        """Daily conflict intensity per dyad, computed in SQL: the sum of |Goldstein| over the
        day's conflict events (CAMEO quad classes 3 and 4), current events with both actor
        and recipient resolved. A dyad is unordered ("CHN", "JPN"): either side's actions
        turn the relationship."""
        lo = case(
            (EventRow.actor_code <= EventRow.recipient_code, EventRow.actor_code),
            else_=EventRow.recipient_code,
        ).label("a")
        hi = case(
            (EventRow.actor_code <= EventRow.recipient_code, EventRow.recipient_code),
            else_=EventRow.actor_code,
        ).label("b")
        q = (
            select(lo, hi, EventRow.date, func.sum(func.abs(EventRow.goldstein)))
            .where(
                EventRow.temporal == "current",
                EventRow.actor_code.is_not(None),
                EventRow.recipient_code.is_not(None),
                EventRow.quad_class.in_((3, 4)),
                EventRow.date.is_not(None),
            )
            .group_by(lo, hi, EventRow.date)
        )
        if since:
            q = q.where(EventRow.date >= since)
        if until:
            q = q.where(EventRow.date <= until)
        out: dict[tuple[str, str], dict[date, float]] = {}
        with Session(self.engine) as s:
            for a, b, day, value in s.execute(q):
                out.setdefault((a, b), {})[day] = float(value)
        return out

    def event_dates(self) -> tuple[date | None, date | None]:
        """The first and last day with a current, resolved event: where observation starts."""
        with Session(self.engine) as s:
            first, last = s.execute(
                select(func.min(EventRow.date), func.max(EventRow.date)).where(
                    EventRow.temporal == "current",
                    or_(EventRow.actor_code.is_not(None), EventRow.recipient_code.is_not(None)),
                )
            ).one()
        return first, last

    def table_names(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())


def _check_interval(interval: str) -> None:
    if interval not in ("day", "week", "month"):
        raise ValueError("interval must be day, week or month")


def _period_start(day: date, interval: str) -> tuple[date, date]:
    """The first day of the period holding ``day`` and of the period before it."""
    if interval == "day":
        return day, day - timedelta(days=1)
    if interval == "week":
        start = day - timedelta(days=day.weekday())
        return start, start - timedelta(days=7)
    start = day.replace(day=1)
    prev = (start - timedelta(days=1)).replace(day=1)
    return start, prev


def _pair(x: Any, y: Any) -> tuple[Any, Any]:
    """The two codes of a dyad in sorted order, so both directions group together."""
    return case((x <= y, x), else_=y), case((x <= y, y), else_=x)


def _bucket(day: date, interval: str) -> str:
    if interval == "day":
        return day.isoformat()
    if interval == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return f"{day.year}-{day.month:02d}"


def _recount(s: Session, pks: set[int]) -> None:
    """Counts of the events a batch touched, from their mentions (so that concurrent writers
    and reruns always agree with what is stored)."""
    if not pks:
        return
    m, a = aliased(MentionRow), aliased(ArticleRow)
    source = func.coalesce(a.source, a.url, cast(a.pk, String))
    for chunk in _chunks(sorted(pks), 500):
        s.execute(
            update(EventRow)
            .where(EventRow.pk.in_(chunk))
            .values(
                num_mentions=select(func.count(m.pk))
                .where(m.event_pk == EventRow.pk)
                .scalar_subquery(),
                num_articles=select(func.count(distinct(m.article_pk)))
                .where(m.event_pk == EventRow.pk)
                .scalar_subquery(),
                num_sources=select(func.count(distinct(source)))
                .select_from(m)
                .join(a, a.pk == m.article_pk)
                .where(m.event_pk == EventRow.pk)
                .scalar_subquery(),
                first_seen=select(func.min(a.date))
                .select_from(m)
                .join(a, a.pk == m.article_pk)
                .where(m.event_pk == EventRow.pk)
                .scalar_subquery(),
                last_seen=select(func.max(a.date))
                .select_from(m)
                .join(a, a.pk == m.article_pk)
                .where(m.event_pk == EventRow.pk)
                .scalar_subquery(),
            )
            .execution_options(synchronize_session=False)
        )


def _chunks(items: list[K], n: int) -> Iterator[list[K]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _actor(prefix: str, ev: EventRow, m: MentionRow) -> Actor | None:
    code = getattr(ev, f"{prefix}_code")
    sector = getattr(ev, f"{prefix}_sector")
    text = getattr(m, f"{prefix}_text")
    if text is None and code is None and sector is None:
        return None
    return Actor(
        text or "", code, sector, getattr(ev, f"{prefix}_name"), getattr(m, f"{prefix}_how")
    )


def _to_event(ev: EventRow, m: MentionRow, article_id: str, url: str | None) -> Event:
    loc = None
    if ev.location_name:
        loc = Location(
            m.location_text or ev.location_name,
            ev.location_name,
            ev.location_kind or "",
            ev.location_country,
            ev.lat,
            ev.lon,
            ev.geonameid,
        )
    return Event(
        id=ev.uid,
        article_id=article_id,
        sentence_index=m.sentence_index,
        sentence=m.sentence,
        trigger=Span(m.trigger_text, m.trigger_start, m.trigger_end),
        date=ev.date,
        event_type=ev.event_type,
        mode=ev.mode,
        cameo=ev.cameo,
        cameo_root=ev.cameo_root,
        quad_class=ev.quad_class,
        goldstein=ev.goldstein,
        actor=_actor("actor", ev, m),
        recipient=_actor("recipient", ev, m),
        rule=m.rule,
        confidence=m.confidence,
        temporal=ev.temporal,
        plan=ev.plan,
        location=loc,
        date_precision=ev.date_precision,
        flags=tuple(m.flags.split(",")) if m.flags else (),
        num_mentions=ev.num_mentions,
        num_articles=ev.num_articles,
        num_sources=ev.num_sources,
        first_seen=ev.first_seen,
        last_seen=ev.last_seen,
        source_url=url,
    )


def _to_quote(row: QuoteRow, article_id: str) -> Quote:
    sp = None
    if row.speaker_code or row.speaker_sector:
        sp = Actor(row.speaker_text or "", row.speaker_code, row.speaker_sector, row.speaker_name)
    return Quote(
        article_id,
        row.text,
        row.start,
        row.end,
        row.kind,
        row.speaker_text,
        sp,
        row.sentence_index,
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _article_values(a: Article, now: datetime, sig: bytes, copy: int | None) -> dict[str, Any]:
    return {
        "content_hash": a.content_hash,
        "external_id": a.id,
        "title": a.title,
        "text": a.text,
        "date": a.date,
        "url": a.url,
        "source": a.source,
        "ingested_at": now,
        "canonical_pk": copy,
        "minhash": sig,
    }


def _event_values(e: Event, uid: str) -> dict[str, Any]:
    loc, a, r = e.location, e.actor, e.recipient
    return {
        "uid": uid,
        "date": e.date,
        "date_precision": e.date_precision,
        "event_type": e.event_type,
        "mode": e.mode,
        "cameo": e.cameo,
        "cameo_root": e.cameo_root,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "actor_code": a.code if a else None,
        "actor_sector": a.sector if a else None,
        "actor_name": a.name if a else None,
        "recipient_code": r.code if r else None,
        "recipient_sector": r.sector if r else None,
        "recipient_name": r.name if r else None,
        "temporal": e.temporal,
        "plan": e.plan,
        "location_name": loc.name if loc else None,
        "location_kind": loc.kind if loc else None,
        "location_country": loc.country_code if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "num_mentions": 0,
        "num_articles": 0,
        "num_sources": 0,
        "first_seen": None,
        "last_seen": None,
    }


def _mention_values(e: Event, event_pk: int, article_pk: int) -> dict[str, Any]:
    a, r = e.actor, e.recipient
    return {
        "event_pk": event_pk,
        "article_pk": article_pk,
        "mention_uid": e.id,
        "sentence_index": e.sentence_index,
        "sentence": e.sentence,
        "trigger_text": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        "actor_text": a.text if a else None,
        "actor_how": a.how if a else None,
        "recipient_text": r.text if r else None,
        "recipient_how": r.how if r else None,
        "location_text": e.location.text if e.location else None,
        "rule": e.rule,
        "confidence": e.confidence,
        "flags": ",".join(e.flags) or None,
    }


def _quote_values(q: Quote, article_pk: int) -> dict[str, Any]:
    sp = q.speaker
    return {
        "article_pk": article_pk,
        "sentence_index": q.sentence_index,
        "kind": q.kind,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "speaker_text": q.speaker_text,
        "speaker_code": sp.code if sp else None,
        "speaker_sector": sp.sector if sp else None,
        "speaker_name": sp.name if sp else None,
    }
