"""baseline: articles, near-copy bands, events, mentions, quotes

Revision ID: 0001
Revises:
Create Date: 2026-11-26 18:56:09.204047
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("external_id", sa.String(length=512), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=256), nullable=True),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("canonical_pk", sa.Integer(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["canonical_pk"], ["articles.pk"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_articles_canonical_pk"), ["canonical_pk"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_content_hash"), ["content_hash"], unique=True)
        batch_op.create_index(batch_op.f("ix_articles_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_external_id"), ["external_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("event_type", sa.String(length=16), nullable=True),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("cameo_root", sa.String(length=2), nullable=False),
        sa.Column("quad_class", sa.Integer(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=False),
        sa.Column("actor_code", sa.String(length=8), nullable=True),
        sa.Column("actor_sector", sa.String(length=8), nullable=True),
        sa.Column("actor_name", sa.Text(), nullable=True),
        sa.Column("recipient_code", sa.String(length=8), nullable=True),
        sa.Column("recipient_sector", sa.String(length=8), nullable=True),
        sa.Column("recipient_name", sa.Text(), nullable=True),
        sa.Column("temporal", sa.String(length=16), nullable=False),
        sa.Column("plan", sa.String(length=16), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("location_kind", sa.String(length=16), nullable=True),
        sa.Column("location_country", sa.String(length=8), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("num_mentions", sa.Integer(), nullable=False),
        sa.Column("num_articles", sa.Integer(), nullable=False),
        sa.Column("num_sources", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_date", ["date"], unique=False)
        batch_op.create_index(
            "ix_events_dyad_date", ["actor_code", "recipient_code", "date"], unique=False
        )
        batch_op.create_index("ix_events_recipient_date", ["recipient_code", "date"], unique=False)
        batch_op.create_index("ix_events_root_date", ["cameo_root", "date"], unique=False)
        batch_op.create_index("ix_events_type_date", ["event_type", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_uid"), ["uid"], unique=True)

    op.create_table(
        "article_bands",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.create_index("ix_article_bands_band_hash", ["band", "hash"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("mention_uid", sa.String(length=32), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("actor_text", sa.Text(), nullable=True),
        sa.Column("actor_how", sa.String(length=16), nullable=True),
        sa.Column("recipient_text", sa.Text(), nullable=True),
        sa.Column("recipient_how", sa.String(length=16), nullable=True),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("rule", sa.String(length=128), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("flags", sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_article_pk"), ["article_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_event_pk"), ["event_pk"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_code", sa.String(length=8), nullable=True),
        sa.Column("speaker_sector", sa.String(length=8), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotes_article_pk"), ["article_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_quotes_speaker_code"), ["speaker_code"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotes_speaker_code"))
        batch_op.drop_index(batch_op.f("ix_quotes_article_pk"))

    op.drop_table("quotes")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_event_pk"))
        batch_op.drop_index(batch_op.f("ix_mentions_article_pk"))

    op.drop_table("mentions")
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_article_bands_band_hash")

    op.drop_table("article_bands")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_uid"))
        batch_op.drop_index("ix_events_type_date")
        batch_op.drop_index("ix_events_root_date")
        batch_op.drop_index("ix_events_recipient_date")
        batch_op.drop_index("ix_events_dyad_date")
        batch_op.drop_index("ix_events_date")

    op.drop_table("events")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_external_id"))
        batch_op.drop_index(batch_op.f("ix_articles_date"))
        batch_op.drop_index(batch_op.f("ix_articles_content_hash"))
        batch_op.drop_index(batch_op.f("ix_articles_canonical_pk"))

    op.drop_table("articles")
