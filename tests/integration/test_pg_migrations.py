"""What the migrations install on PostgreSQL stays what they installed when written.

Migration 0015 carries a frozen copy of the row-level security it installs (functions,
policies, triggers), 0016 of what it changes; no migration runs `store/rls.py`. A later
change to rls.py must not change what upgrading to either installs, and a database at the
head must hold exactly what `rls.py` installs (so the two cannot drift apart unnoticed: a
change to rls.py comes with a new migration).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, text

from mediate.store import rls
from mediate.store.engine import make_engine
from mediate.store.migrate import SCHEMA_HEAD, alembic_config, upgrade
from tests.conftest import _fresh_pg_database, pg_unavailable_reason

pytestmark = pytest.mark.pg

VERSIONS = Path(rls.__file__).parent / "migrations" / "versions"
INSTALL_TODAY = rls.install_policies


def migration(revision: str) -> ModuleType:
    (path,) = VERSIONS.glob(f"{revision}_*.py")
    spec = importlib.util.spec_from_file_location(f"migration_{revision}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _engine() -> Iterator[Engine]:
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    for url in _fresh_pg_database():
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    yield from _engine()


@pytest.fixture
def other_pg_engine() -> Iterator[Engine]:
    yield from _engine()


def installed(conn: Connection) -> dict[str, Any]:
    """Everything row-level security consists of in the current schema, as PostgreSQL
    prints it back: the tables' switch, the policies, our functions and triggers."""
    switched = conn.execute(
        text(
            "SELECT c.relname, c.relrowsecurity FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        )
    )
    policies = conn.execute(
        text(
            "SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check "
            "FROM pg_policies WHERE schemaname = current_schema()"
        )
    )
    functions = conn.execute(
        text(
            "SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname LIKE 'mediate%'"
        )
    )
    triggers = conn.execute(
        text(
            "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT t.tgisinternal"
        )
    )
    return {
        "row level security": {t: on for t, on in switched if on},
        "policies": {(t, name): tuple(rest) for t, name, *rest in policies},
        "functions": {signature: definition for signature, definition in functions},
        "triggers": {(t, name): d for t, name, d in triggers},
    }


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    found = []
    for part in a:
        for key in sorted(set(a[part]) | set(b[part]), key=str):
            if a[part].get(key) != b[part].get(key):
                found.append(f"{part} {key}")
    return found


def rls_py_of_another_day(connection: Connection) -> None:
    """store/rls.py as a later change might leave it: another rule in one function, every
    policy another, one policy more."""
    INSTALL_TODAY(connection)
    connection.execute(
        text(
            "CREATE OR REPLACE FUNCTION mediate_current_clerk() RETURNS varchar "
            "LANGUAGE sql STABLE AS $$ SELECT 'changed'::varchar $$"
        )
    )
    for table, name in connection.execute(
        text("SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema()")
    ).all():
        connection.execute(text(f"DROP POLICY {name} ON {table}"))
        connection.execute(text(f"CREATE POLICY {name} ON {table} USING (false)"))
    connection.execute(text("DROP POLICY IF EXISTS mediate_cases_later ON cases"))
    connection.execute(text("CREATE POLICY mediate_cases_later ON cases USING (true)"))


@pytest.mark.parametrize("revision", ["0015", "0016"])
def test_upgrading_to_a_revision_installs_its_frozen_policies_whatever_rls_py_installs_today(
    pg_engine, other_pg_engine, monkeypatch, revision
):
    """Each policy after the upgrade is the one the revision's frozen text creates
    (compared as PostgreSQL prints both back); 0015's are all there are; functions and
    triggers too are as an upgrade with today's rls.py leaves them."""
    command.upgrade(alembic_config(other_pg_engine), revision)
    with other_pg_engine.connect() as conn:
        as_today = installed(conn)
    monkeypatch.setattr(rls, "install_policies", rls_py_of_another_day)
    command.upgrade(alembic_config(pg_engine), revision)
    frozen = migration(revision).policies()
    with pg_engine.connect() as conn:  # probes of the frozen text, rolled back
        after = installed(conn)
        probes = {}
        for name, table, body in frozen:
            sql = body.replace("@S@", "public")
            conn.execute(text(f"CREATE POLICY probe_{name} ON {table} {sql}"))
            probes[(table, name)] = after["policies"].get((table, name))
        printed = installed(conn)["policies"]
        conn.rollback()
    assert {key: printed[(key[0], f"probe_{key[1]}")] for key in probes} == probes
    if revision == "0015":
        assert set(after["policies"]) == {(table, name) for name, table, _body in frozen}
    assert differences(after, as_today) == []


def _refuse(connection: Connection) -> None:
    raise AssertionError("a migration ran today's store/rls.py")


def test_the_head_holds_what_rls_py_installs_so_a_change_to_rls_py_needs_a_migration(
    pg_engine, monkeypatch
):
    """An empty database upgraded from base to head by the migrations alone — none runs
    today's rls.py (it would fail here: review of 2026-12-02, 0001/0003/0005/0010/0011 once
    did, so a later rls.py could break an old database's upgrade partway) — against rls.py
    run on top of them."""
    with monkeypatch.context() as patched:
        patched.setattr(rls, "install_policies", _refuse)
        patched.setattr(rls, "harden_existing_logins", _refuse)
        patched.setattr(rls, "drop_policies", _refuse)
        upgrade(pg_engine)
    with pg_engine.connect() as conn:  # rls.py's installation rolled back
        by_migrations = installed(conn)
        _drop_row_level_security(conn)  # so what rls.py no longer installs is missed
        rls.install_policies(conn)
        by_rls_py = installed(conn)
        conn.rollback()
    assert by_migrations["policies"], "the migrations installed no policy"
    assert differences(by_migrations, by_rls_py) == [], (
        f"store/rls.py installs other row-level security than the migrations leave at the "
        f"head ({SCHEMA_HEAD}): a change to rls.py needs a new migration that installs it "
        f"(a frozen copy, as 0015 and 0016 have), and SCHEMA_HEAD moved to it"
    )


def test_downgrading_0016_leaves_what_0015_installed(pg_engine, other_pg_engine):
    command.upgrade(alembic_config(other_pg_engine), "0015")
    with other_pg_engine.connect() as conn:
        at_0015 = installed(conn)
    command.upgrade(alembic_config(pg_engine), "0016")
    command.downgrade(alembic_config(pg_engine), "0015")
    with pg_engine.connect() as conn:
        after = installed(conn)
    assert differences(after, at_0015) == []


def _drop_row_level_security(conn) -> None:
    """Every policy of the public tables: what rls.py installs is then all there is (review
    of 2026-12-02: a policy deleted from rls.py stayed in both snapshots). Functions stay:
    some (the events' append-only trigger) are the migrations' own, not rls.py's."""
    for table, name in conn.execute(
        text("SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'")
    ).all():
        conn.execute(text(f'DROP POLICY "{name}" ON "{table}"'))
