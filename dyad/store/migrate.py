"""Schema migrations (Alembic), run when a store is opened.

The scripts live in ``dyad/store/migrations``; a store created by any released version is
brought up to the current schema in place. A store made before migrations existed (an early
development layout) is refused with a clear message rather than altered.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from dyad.errors import StoreError

__all__ = ["alembic_config", "upgrade"]


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("dyad.store") / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    if tables and "alembic_version" not in tables:
        raise StoreError(
            f"store {engine.url.render_as_string(hide_password=True)} was made by a development "
            "version of dyad without migrations; move it away and ingest again"
        )
    command.upgrade(alembic_config(engine), "head")
