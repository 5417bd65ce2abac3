"""Databases for the lifecycle tests, on SQLite and PostgreSQL.

SQLite: a fresh file per test. PostgreSQL: one database per test session, upgraded once
and emptied (TRUNCATE … RESTART IDENTITY) before each test — creating and dropping a
PostgreSQL database per test costs about two seconds, most of these tests' time.
Import the fixture: `from tests.test_lifecycle_fixtures import store, lifecycle_pg_url`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from mediate.store import tables  # noqa: F401  (the metadata)
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from tests.conftest import Database, _fresh_pg_database, pg_unavailable_reason


@pytest.fixture(scope="session")
def lifecycle_pg_url() -> Iterator[str]:
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    databases = _fresh_pg_database()
    url = next(databases)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    next(databases, None)  # drops the database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """An upgraded, empty database on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return Database(url=url, backend="sqlite")
    url = request.getfixturevalue("lifecycle_pg_url")
    engine = make_engine(url)
    names = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return Database(url=url, backend="postgresql")
