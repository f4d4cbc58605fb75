"""What a store holds, by content (never by autoincrement id), and what it must never hold:
orphans and duplicates. Shared by the crash and concurrency tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from dyad.store import Store
from dyad.store.schema import (
    ArticleBandRow,
    ArticleRow,
    EventRow,
    FeedItemRow,
    FeedRow,
    MentionRow,
    QuoteRow,
)


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Articles, events with their counts, mentions and quotes, keyed by content."""
    with Store(url) as store, Session(store.engine) as s:
        canon = aliased(ArticleRow)
        articles = s.execute(
            select(
                ArticleRow.content_hash,
                ArticleRow.external_id,
                ArticleRow.title,
                ArticleRow.date,
                ArticleRow.url,
                ArticleRow.source,
                canon.content_hash,
            ).outerjoin(canon, canon.pk == ArticleRow.canonical_pk)
        ).all()
        events = s.execute(
            select(
                EventRow.uid,
                EventRow.cameo,
                EventRow.actor_code,
                EventRow.recipient_code,
                EventRow.date,
                EventRow.num_mentions,
                EventRow.num_articles,
                EventRow.num_sources,
                EventRow.first_seen,
                EventRow.last_seen,
            )
        ).all()
        mentions = s.execute(
            select(
                EventRow.uid,
                ArticleRow.content_hash,
                MentionRow.mention_uid,
                MentionRow.sentence_index,
                MentionRow.trigger_start,
                MentionRow.trigger_end,
                MentionRow.rule,
            )
            .join(EventRow, EventRow.pk == MentionRow.event_pk)
            .join(ArticleRow, ArticleRow.pk == MentionRow.article_pk)
        ).all()
        quotes = s.execute(
            select(
                ArticleRow.content_hash, QuoteRow.sentence_index, QuoteRow.start, QuoteRow.end
            ).join(ArticleRow, ArticleRow.pk == QuoteRow.article_pk)
        ).all()
        bands = s.scalar(select(func.count(func.distinct(ArticleBandRow.article_pk)))) or 0
        items = s.execute(
            select(
                FeedRow.url, FeedItemRow.item_key, FeedItemRow.link, FeedItemRow.content_hash
            ).join(FeedRow, FeedRow.pk == FeedItemRow.feed_pk)
        ).all()
    return {
        "articles": sorted(map(tuple, articles), key=repr),
        "events": sorted(map(tuple, events), key=repr),
        "mentions": sorted(map(tuple, mentions), key=repr),
        "quotes": sorted(map(tuple, quotes), key=repr),
        "articles_with_bands": [(bands,)],
        "feed_items": sorted(map(tuple, items), key=repr),
    }


def flaws(url: str) -> list[str]:
    """Orphans, duplicates and (SQLite) file damage; empty when the store is sound."""
    found: list[str] = []
    with Store(url) as store, Session(store.engine) as s:
        if store.engine.dialect.name == "sqlite":
            rows = s.connection().exec_driver_sql("PRAGMA integrity_check").all()
            if [r[0] for r in rows] != ["ok"]:
                found.append(f"integrity_check: {rows}")
        lonely = s.scalar(
            select(func.count())
            .select_from(EventRow)
            .where(~select(MentionRow.pk).where(MentionRow.event_pk == EventRow.pk).exists())
        )
        if lonely:
            found.append(f"{lonely} event(s) without a mention")
        for what, table, col in (
            ("mention", MentionRow, MentionRow.article_pk),
            ("quote", QuoteRow, QuoteRow.article_pk),
            ("band", ArticleBandRow, ArticleBandRow.article_pk),
        ):
            n = s.scalar(
                select(func.count())
                .select_from(table)
                .where(~select(ArticleRow.pk).where(ArticleRow.pk == col).exists())
            )
            if n:
                found.append(f"{n} {what}(s) without their article")
        stray = s.scalar(
            select(func.count())
            .select_from(MentionRow)
            .where(~select(EventRow.pk).where(EventRow.pk == MentionRow.event_pk).exists())
        )
        if stray:
            found.append(f"{stray} mention(s) without their event")
        wrong = s.scalar(
            select(func.count())
            .select_from(EventRow)
            .where(
                EventRow.num_mentions
                != select(func.count(MentionRow.pk))
                .where(MentionRow.event_pk == EventRow.pk)
                .scalar_subquery()
            )
        )
        if wrong:
            found.append(f"{wrong} event(s) whose mention count is wrong")
        # A feed item is marked seen only once its article is stored (dyad watch).
        unstored = s.scalar(
            select(func.count())
            .select_from(FeedItemRow)
            .where(
                FeedItemRow.content_hash.is_not(None),
                ~select(ArticleRow.pk)
                .where(ArticleRow.content_hash == FeedItemRow.content_hash)
                .exists(),
            )
        )
        if unstored:
            found.append(f"{unstored} feed item(s) marked seen without their article")
    return found
