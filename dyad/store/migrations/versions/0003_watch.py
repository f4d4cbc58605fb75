"""watch: followed feeds and the items whose articles are stored

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 20:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_polled", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("url"),
    )
    op.create_table(
        "feed_items",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed_pk", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=40), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["feed_pk"], ["feeds.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("feed_pk", "item_key", name="uq_feed_items_feed_key"),
    )


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
