"""The store's tables (SQLAlchemy 2), shared by SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["ArticleRow", "Base", "EventRow", "QuoteRow"]


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


class EventRow(Base):
    """One coded event as found in one article (a mention, in GDELT's terms)."""

    __tablename__ = "events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32), index=True)
    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), index=True
    )
    sentence_index: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    trigger_text: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    event_type: Mapped[str | None] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(32))
    cameo: Mapped[str] = mapped_column(String(8))
    cameo_root: Mapped[str] = mapped_column(String(2))
    quad_class: Mapped[int] = mapped_column(Integer)
    goldstein: Mapped[float] = mapped_column(Float)
    actor_text: Mapped[str | None] = mapped_column(Text)
    actor_code: Mapped[str | None] = mapped_column(String(8))
    actor_sector: Mapped[str | None] = mapped_column(String(8))
    actor_name: Mapped[str | None] = mapped_column(Text)
    actor_how: Mapped[str | None] = mapped_column(String(16))
    recipient_text: Mapped[str | None] = mapped_column(Text)
    recipient_code: Mapped[str | None] = mapped_column(String(8))
    recipient_sector: Mapped[str | None] = mapped_column(String(8))
    recipient_name: Mapped[str | None] = mapped_column(Text)
    recipient_how: Mapped[str | None] = mapped_column(String(16))
    rule: Mapped[str] = mapped_column(String(128))
    confidence: Mapped[float] = mapped_column(Float)
    temporal: Mapped[str] = mapped_column(String(16))
    plan: Mapped[str | None] = mapped_column(String(16))
    flags: Mapped[str | None] = mapped_column(String(128))
    location_text: Mapped[str | None] = mapped_column(Text)
    location_name: Mapped[str | None] = mapped_column(Text)
    location_kind: Mapped[str | None] = mapped_column(String(16))
    location_country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_events_dyad_date", "actor_code", "recipient_code", "date"),
        Index("ix_events_type_date", "event_type", "date"),
        Index("ix_events_date", "date"),
        Index("ix_events_root", "cameo_root"),
    )


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
