"""The event store: SQLite by default (WAL), any SQLAlchemy URL (PostgreSQL) for teams.

Writes are idempotent: an article is keyed by the hash of its text, and an article and its
events are written in one transaction, so a crash never leaves events without their article.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, event, func, or_, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from dyad.errors import StoreBusyError, StoreError
from dyad.pipeline import CodedArticle
from dyad.store.schema import ArticleRow, Base, EventRow, QuoteRow
from dyad.types import Actor, Event, Location, Quote, Span

__all__ = ["EventFilter", "Store", "default_url", "resolve_url"]


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


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    temporal: Sequence[str] | None = ("current",)
    #: Only events with an actor or a recipient resolved to a code: "who did what to whom"
    #: with neither who nor whom is not dyadic data (kept in the store, shown on request).
    resolved: bool = True
    cameo_root: str | None = None
    quad_class: int | None = None


def _actor(prefix: str, row: EventRow) -> Actor | None:
    code = getattr(row, f"{prefix}_code")
    text = getattr(row, f"{prefix}_text")
    sector = getattr(row, f"{prefix}_sector")
    if text is None and code is None and sector is None:
        return None
    return Actor(
        text or "", code, sector, getattr(row, f"{prefix}_name"), getattr(row, f"{prefix}_how")
    )


def row_to_event(row: EventRow, article_id: str) -> Event:
    return Event(
        id=row.uid,
        article_id=article_id,
        sentence_index=row.sentence_index,
        sentence=row.sentence,
        trigger=Span(row.trigger_text, row.trigger_start, row.trigger_end),
        date=row.date,
        event_type=row.event_type,
        mode=row.mode,
        cameo=row.cameo,
        cameo_root=row.cameo_root,
        quad_class=row.quad_class,
        goldstein=row.goldstein,
        actor=_actor("actor", row),
        recipient=_actor("recipient", row),
        rule=row.rule,
        confidence=row.confidence,
        temporal=row.temporal,
        plan=row.plan,
        date_precision=row.date_precision,
        flags=tuple(row.flags.split(",")) if row.flags else (),
        location=Location(
            row.location_text or "",
            row.location_name,
            row.location_kind or "",
            row.location_country,
            row.lat,
            row.lon,
            row.geonameid,
        )
        if row.location_name
        else None,
    )


class Store:
    """One database. Create with a URL; use as a context manager or call :meth:`close`."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        try:
            if self.url.startswith("sqlite:///"):
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                self.url, future=True, connect_args=self._connect_args()
            )
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            Base.metadata.create_all(self.engine)
        except OperationalError as exc:
            raise self._error(exc) from exc
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open store {self.display_url}: {exc}") from exc

    def _connect_args(self) -> dict[str, Any]:
        return {"timeout": 30} if self.url.startswith("sqlite") else {}

    @property
    def display_url(self) -> str:
        """The URL without a password."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    def _error(self, exc: OperationalError) -> StoreError:
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreBusyError(f"store is busy: {self.display_url} is locked by another writer")
        return StoreError(f"store {self.display_url}: {exc.orig}")

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
        """Store articles with their events in one transaction; returns how many were new."""
        if not coded:
            return 0
        try:
            with Session(self.engine) as s, s.begin():
                hashes = [c.article.content_hash for c in coded]
                known = set(
                    s.scalars(
                        select(ArticleRow.content_hash).where(ArticleRow.content_hash.in_(hashes))
                    )
                )
                added = 0
                now = datetime.now(UTC).replace(tzinfo=None)
                for c in coded:
                    h = c.article.content_hash
                    if h in known:
                        continue
                    known.add(h)
                    a = c.article
                    row = ArticleRow(
                        content_hash=h,
                        external_id=a.id,
                        title=a.title,
                        text=a.text,
                        date=a.date,
                        url=a.url,
                        source=a.source,
                        ingested_at=now,
                    )
                    s.add(row)
                    s.flush()
                    s.add_all(_event_row(e, row.pk) for e in c.events)
                    s.add_all(_quote_row(q, row.pk) for q in c.quotes)
                    added += 1
                return added
        except OperationalError as exc:
            raise self._error(exc) from exc

    # -- reading ----------------------------------------------------------------------------
    def _filtered(self, f: EventFilter) -> Select[EventRow, str]:
        q = select(EventRow, ArticleRow.external_id).join(
            ArticleRow, ArticleRow.pk == EventRow.article_pk
        )
        if f.actor:
            q = q.where(EventRow.actor_code == f.actor.upper())
        if f.recipient:
            q = q.where(EventRow.recipient_code == f.recipient.upper())
        if f.event_type:
            q = q.where(EventRow.event_type == f.event_type.upper())
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
        if f.resolved:
            q = q.where(or_(EventRow.actor_code.is_not(None), EventRow.recipient_code.is_not(None)))
        return q

    def events(self, f: EventFilter | None = None, limit: int | None = None) -> Iterator[Event]:
        """Events matching the filter, oldest first, streamed."""
        q = self._filtered(f or EventFilter()).order_by(EventRow.date, EventRow.pk)
        if limit:
            q = q.limit(limit)
        with Session(self.engine) as s:
            for row, ext in s.execute(q.execution_options(yield_per=1000)):
                yield row_to_event(row, ext)

    def quotes(
        self,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        limit: int | None = None,
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
        q = q.order_by(ArticleRow.date, QuoteRow.pk)
        if limit:
            q = q.limit(limit)
        with Session(self.engine) as s:
            for row, ext in s.execute(q.execution_options(yield_per=1000)):
                sp = None
                if row.speaker_code or row.speaker_sector:
                    sp = Actor(
                        row.speaker_text or "",
                        row.speaker_code,
                        row.speaker_sector,
                        row.speaker_name,
                    )
                yield Quote(
                    ext,
                    row.text,
                    row.start,
                    row.end,
                    row.kind,
                    row.speaker_text,
                    sp,
                    row.sentence_index,
                )

    def stats(self, f: EventFilter | None = None, top: int = 10) -> dict[str, Any]:
        f = f or EventFilter()
        with Session(self.engine) as s:
            n_articles = s.scalar(select(func.count()).select_from(ArticleRow)) or 0
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
            "events": n_events,
            "first_date": span[0].isoformat() if span[0] else None,
            "last_date": span[1].isoformat() if span[1] else None,
            "by_type": [{"event_type": t or "STATEMENT", "count": n} for t, n in by_type],
            "top_dyads": [{"actor": a, "recipient": b, "count": n} for a, b, n in dyads],
        }


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _event_row(e: Event, article_pk: int) -> EventRow:
    a, r, loc = e.actor, e.recipient, e.location
    return EventRow(
        uid=e.id,
        article_pk=article_pk,
        sentence_index=e.sentence_index,
        sentence=e.sentence,
        trigger_text=e.trigger.text,
        trigger_start=e.trigger.start,
        trigger_end=e.trigger.end,
        date=e.date,
        date_precision=e.date_precision,
        event_type=e.event_type,
        mode=e.mode,
        cameo=e.cameo,
        cameo_root=e.cameo_root,
        quad_class=e.quad_class,
        goldstein=e.goldstein,
        actor_text=a.text if a else None,
        actor_code=a.code if a else None,
        actor_sector=a.sector if a else None,
        actor_name=a.name if a else None,
        actor_how=a.how if a else None,
        recipient_text=r.text if r else None,
        recipient_code=r.code if r else None,
        recipient_sector=r.sector if r else None,
        recipient_name=r.name if r else None,
        recipient_how=r.how if r else None,
        rule=e.rule,
        confidence=e.confidence,
        temporal=e.temporal,
        plan=e.plan,
        flags=",".join(e.flags) or None,
        location_text=loc.text if loc else None,
        location_name=loc.name if loc else None,
        location_kind=loc.kind if loc else None,
        location_country=loc.country_code if loc else None,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        geonameid=loc.geonameid if loc else None,
    )


def _quote_row(q: Quote, article_pk: int) -> QuoteRow:
    sp = q.speaker
    return QuoteRow(
        article_pk=article_pk,
        sentence_index=q.sentence_index,
        kind=q.kind,
        text=q.text,
        start=q.start,
        end=q.end,
        speaker_text=q.speaker_text,
        speaker_code=sp.code if sp else None,
        speaker_sector=sp.sector if sp else None,
        speaker_name=sp.name if sp else None,
    )
