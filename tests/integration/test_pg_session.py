"""Every PostgreSQL session of mediate's is set up alike (`store/dbapi.pg_session_settings`):
the SQLAlchemy engine of the full commands and the DB-API reader of the light path."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from mediate.config import load_settings
from mediate.store.dbapi import open_reader
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from tests import factories
from tests.conftest import _fresh_pg_database, pg_unavailable_reason

pytestmark = pytest.mark.pg

SETTINGS = ("jit", "lock_timeout")


@pytest.fixture
def pg_at_head():
    """A database at the schema head, with a body (the light path opens no database
    without its network), whose own default turns JIT on (as a server may)."""
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    for url in _fresh_pg_database():
        engine = make_engine(url)
        upgrade(engine)
        with Session(engine) as session:
            factories.org(session)
            session.commit()
        with engine.begin() as conn:
            name = make_url(url).database
            conn.execute(text(f'ALTER DATABASE "{name}" SET jit = on'))
        engine.dispose()
        yield url


def test_a_light_path_connection_has_jit_off_and_the_lock_timeout_as_the_engines(pg_at_head):
    engine = make_engine(pg_at_head, lock_timeout=7)
    with engine.connect() as conn:
        full = {name: conn.execute(text(f"SHOW {name}")).scalar_one() for name in SETTINGS}
    engine.dispose()
    reader = open_reader(load_settings(db=pg_at_head, lock_timeout=7))
    try:
        light = {name: reader.scalar(f"SHOW {name}") for name in SETTINGS}
    finally:
        reader.close()
    assert light == full == {"jit": "off", "lock_timeout": "7s"}
