"""The store's tables (SQLAlchemy 2), shared by SQLite and PostgreSQL.

``events`` holds each real-world event once (GDELT's events table); ``mentions`` holds every
report of it (GDELT's mentions table): the article, sentence and span that say so. Changing a
table here needs a migration in ``dyad/store/migrations/versions``.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "ArticleBandRow",
    "ArticleRow",
    "Base",
    "EventRow",
    "FeedItemRow",
    "FeedRow",
    "MentionRow",
    "QuoteRow",
]


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    external_id: Mapped[str] = mapped_column(String(512), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(256))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    #: The article this one is a near-copy of (wire copy, re-post), if any.
    canonical_pk: Mapped[int | None] = mapped_column(
        ForeignKey("articles.pk", ondelete="SET NULL"), index=True
    )
    #: MinHash signature (uint64 values), kept to confirm candidates found by LSH bands.
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)


class ArticleBandRow(Base):
    """LSH band hashes of article signatures: articles sharing a band are candidate copies."""

    __tablename__ = "article_bands"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"))
    band: Mapped[int] = mapped_column(Integer)
    hash: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_article_bands_band_hash", "band", "hash"),)


class EventRow(Base):
    """One real-world event, however many reports of it were read."""

    __tablename__ = "events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    event_type: Mapped[str | None] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(32))
    cameo: Mapped[str] = mapped_column(String(8))
    cameo_root: Mapped[str] = mapped_column(String(2))
    quad_class: Mapped[int] = mapped_column(Integer)
    goldstein: Mapped[float] = mapped_column(Float)
    actor_code: Mapped[str | None] = mapped_column(String(8))
    actor_sector: Mapped[str | None] = mapped_column(String(8))
    actor_name: Mapped[str | None] = mapped_column(Text)
    recipient_code: Mapped[str | None] = mapped_column(String(8))
    recipient_sector: Mapped[str | None] = mapped_column(String(8))
    recipient_name: Mapped[str | None] = mapped_column(Text)
    temporal: Mapped[str] = mapped_column(String(16))
    plan: Mapped[str | None] = mapped_column(String(16))
    location_name: Mapped[str | None] = mapped_column(Text)
    location_kind: Mapped[str | None] = mapped_column(String(16))
    location_country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    num_mentions: Mapped[int] = mapped_column(Integer, default=0)
    num_articles: Mapped[int] = mapped_column(Integer, default=0)
    num_sources: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[_dt.date | None] = mapped_column(Date)  # "date" is a column here
    last_seen: Mapped[_dt.date | None] = mapped_column(Date)

    # Indexes follow the queries: an actor or recipient, then type, then temporal status and a
    # date range (the /events filters, counted index-only); a dyad's series reads only its
    # covering index. Changing them needs a migration (0002 made these).
    __table_args__ = (
        Index(
            "ix_events_dyad_series",
            "actor_code",
            "recipient_code",
            "temporal",
            "date",
            "event_type",
            "quad_class",
            "goldstein",
        ),
        Index("ix_events_actor_type_temporal_date", "actor_code", "event_type", "temporal", "date"),
        Index(
            "ix_events_recipient_type_temporal_date",
            "recipient_code",
            "event_type",
            "temporal",
            "date",
        ),
        Index("ix_events_actor_temporal_date", "actor_code", "temporal", "date"),
        Index("ix_events_type_date", "event_type", "date"),
        Index("ix_events_date", "date"),
        Index("ix_events_root_date", "cameo_root", "date"),
        Index("ix_events_recipient_date", "recipient_code", "date"),
    )


class MentionRow(Base):
    """One report of an event: the evidence an analyst checks."""

    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), index=True
    )
    mention_uid: Mapped[str] = mapped_column(String(32))
    sentence_index: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    trigger_text: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    actor_text: Mapped[str | None] = mapped_column(Text)
    actor_how: Mapped[str | None] = mapped_column(String(16))
    recipient_text: Mapped[str | None] = mapped_column(Text)
    recipient_how: Mapped[str | None] = mapped_column(String(16))
    location_text: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(128))
    confidence: Mapped[float] = mapped_column(Float)
    flags: Mapped[str | None] = mapped_column(String(128))


class QuoteRow(Base):
    """Words attributed to a speaker in one article."""

    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), index=True
    )
    sentence_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_code: Mapped[str | None] = mapped_column(String(8), index=True)
    speaker_sector: Mapped[str | None] = mapped_column(String(8))
    speaker_name: Mapped[str | None] = mapped_column(Text)


class FeedRow(Base):
    """A feed that ``dyad watch`` follows, with the validators of its last complete read."""

    __tablename__ = "feeds"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(1024), unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItemRow(Base):
    """A feed item whose article is stored: marked only after the article is, so a stopped
    watcher fetches again what it had not finished (and the text hash drops a repeat)."""

    __tablename__ = "feed_items"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    feed_pk: Mapped[int] = mapped_column(ForeignKey("feeds.pk", ondelete="CASCADE"))
    #: SHA-1 of the item's id (its guid, else its link).
    item_key: Mapped[str] = mapped_column(String(40))
    link: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("feed_pk", "item_key", name="uq_feed_items_feed_key"),)
