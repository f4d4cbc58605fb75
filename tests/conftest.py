"""Shared fixtures. Tests that read ../shared skip with a message where it is absent."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
SEED = SHARED / "corpus" / "seed" / "2021-08-19_china-warns-japan.txt"
NEWS = SHARED / "corpus" / "news"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); this test reads its corpus or gold sets")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from dyad.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    """A clean store: a SQLite file, or the PostgreSQL database in DYAD_TEST_DB emptied
    (``make test`` runs the suite once each way)."""
    url = os.environ.get("DYAD_TEST_DB")
    if not url:
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    from sqlalchemy import create_engine, text

    from dyad.store import resolve_url

    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield url
