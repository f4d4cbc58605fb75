"""Alembic environment: migrations run on the engine the store opened."""

from __future__ import annotations

from alembic import context

from dyad.store.schema import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",
    )
    context.run_migrations()
