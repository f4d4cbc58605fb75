"""event query indexes: actor/recipient + type + temporal + date, and a covering dyad index

The /events filters (an actor or recipient, a type, the temporal status, a date range) are
answered and counted from one index each; a dyad's series reads only its covering index. The
covering index replaces ix_events_dyad_date, whose columns are its prefix but for temporal.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 21:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NEW = {
    "ix_events_dyad_series": [
        "actor_code",
        "recipient_code",
        "temporal",
        "date",
        "event_type",
        "quad_class",
        "goldstein",
    ],
    "ix_events_actor_type_temporal_date": ["actor_code", "event_type", "temporal", "date"],
    "ix_events_recipient_type_temporal_date": [
        "recipient_code",
        "event_type",
        "temporal",
        "date",
    ],
    "ix_events_actor_temporal_date": ["actor_code", "temporal", "date"],
}


def upgrade() -> None:
    for name, columns in _NEW.items():
        op.create_index(name, "events", columns)
    op.drop_index("ix_events_dyad_date", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_dyad_date", "events", ["actor_code", "recipient_code", "date"])
    for name in _NEW:
        op.drop_index(name, table_name="events")
