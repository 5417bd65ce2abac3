"""Row-level security: a clerk's own PostgreSQL login sees only their bodies' rows."""

from __future__ import annotations

import shutil
import uuid

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from mediate.errors import DatabaseError, ValidationError
from mediate.services.clerks import add_clerk, disable_clerk, grant_login
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.rls import PROTECTED_TABLES, rls_enabled
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.conftest import _fresh_pg_database, pg_unavailable_reason

pytestmark = pytest.mark.pg

COUNTY = "jz-jfq-court-center"
TOWNSHIP = "jz-jfq-wangchu-center"
OTHER = "jz-syq-court-center"


@pytest.fixture
def pg():
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    yield from _fresh_pg_database()


@pytest.fixture
def network(pg):
    """Three bodies, one case each with its parties, a registry with an admin."""
    engine = make_engine(pg)
    upgrade(engine)
    with Session(engine) as session:
        factories.org(session, COUNTY)
        factories.org(
            session,
            TOWNSHIP,
            name="王褚街道矛盾纠纷调处中心",
            kind="township_center",
            level="township",
            division_code="410802003",
            parent_id=COUNTY,
        )
        factories.org(
            session, OTHER, name="焦作市山阳区人民法院诉调对接中心", division_code="410811"
        )
        factories.case(session, org_id=COUNTY, parties=[factories.person(name="县甲")])
        factories.case(session, org_id=TOWNSHIP, parties=[factories.person(name="乡乙")])
        factories.case(session, org_id=OTHER, parties=[factories.person(name="山丙")])
        session.commit()
    with UnitOfWork(engine, "管理员") as uow:
        add_clerk(uow, "管理员", None, "admin")
        uow.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def logins(network, pg):
    """Makes login roles for clerks; drops them afterwards (roles outlive databases)."""
    made: list[str] = []

    def login(clerk: str, org: str, role: str) -> str:
        name = f"mt_{uuid.uuid4().hex[:10]}"
        made.append(name)
        with UnitOfWork(network, "管理员") as uow:
            add_clerk(uow, clerk, org, role)
            grant_login(uow, clerk, name)
            uow.commit()
        return name

    yield login
    with network.begin() as conn:
        for name in made:
            conn.execute(text(f"DROP OWNED BY {name}"))
    network.dispose()
    admin = make_engine(make_url(pg).set(database="postgres").render_as_string(False))
    with admin.begin() as conn:
        for name in made:
            conn.execute(text(f"DROP ROLE IF EXISTS {name}"))
    admin.dispose()


def connect_as(pg_url: str, role: str) -> psycopg.Connection:
    url = make_url(pg_url)
    return psycopg.connect(
        host=url.host, port=url.port or 5432, dbname=url.database, user=role, autocommit=True
    )


def test_the_migration_switches_row_level_security_on_for_every_case_table(network):
    with network.connect() as conn:
        assert {t: rls_enabled(conn, t) for t in PROTECTED_TABLES} == dict.fromkeys(
            PROTECTED_TABLES, True
        )


def test_a_clerks_direct_sql_login_reads_only_their_bodys_parties(logins, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    with connect_as(pg, role) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM parties ORDER BY name")]
        cases = [r[0] for r in conn.execute("SELECT org_id FROM cases")]
        other = conn.execute(
            "SELECT count(*) FROM parties p JOIN cases c ON c.id = p.case_id WHERE c.org_id = %s",
            (OTHER,),
        ).fetchone()
    assert names == ["乡乙"]
    assert cases == [TOWNSHIP]
    assert other == (0,)


def test_a_supervisors_login_reads_the_bodies_below_theirs_too(logins, pg):
    role = logins("赵主任", COUNTY, "supervisor")
    with connect_as(pg, role) as conn:
        names = sorted(r[0] for r in conn.execute("SELECT name FROM parties"))
    assert names == ["乡乙", "县甲"]


def test_a_clerks_login_cannot_change_or_add_to_another_bodys_case(logins, network, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    with network.connect() as conn:
        other_id = conn.execute(
            text("SELECT id FROM cases WHERE org_id = :o"), {"o": OTHER}
        ).scalar_one()
    with connect_as(pg, role) as conn:
        updated = conn.execute("UPDATE cases SET facts = 'x' WHERE id = %s", (other_id,))
        assert updated.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM parties")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO parties (case_id, position, role, kind, name) "
                "VALUES (%s, 9, 'third_party', 'person', '插入者')",
                (other_id,),
            )


def test_a_disabled_clerks_login_can_no_longer_connect(logins, network, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    with UnitOfWork(network, "管理员") as uow:
        disable_clerk(uow, "王书记员")
        uow.commit()
    with pytest.raises(psycopg.OperationalError):
        connect_as(pg, role).close()


def test_a_role_not_mapped_to_any_clerk_sees_no_case_row(logins, network, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    with network.begin() as conn:
        conn.execute(text("UPDATE clerks SET db_role = NULL WHERE name = '王书记员'"))
    with connect_as(pg, role) as conn:
        assert conn.execute("SELECT count(*) FROM parties").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM cases").fetchone() == (0,)


def test_mediate_connected_as_a_clerks_login_acts_as_that_clerk(logins, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    url = make_url(pg).set(username=role).render_as_string(False)
    engine = make_engine(url)
    with UnitOfWork(engine, "冒名者") as uow:
        from mediate.services import access

        assert access.visible_org_ids(uow) == {TOWNSHIP}
        assert uow.clerk == "王书记员"
        uow.record("note_added", note="直接登录")
        uow.commit()
    engine.dispose()


def test_role_names_that_would_need_quoting_are_refused(network):
    with UnitOfWork(network, "管理员") as uow:
        add_clerk(uow, "王书记员", TOWNSHIP, "clerk")
        with pytest.raises(ValidationError, match="not a usable database role name"):
            grant_login(uow, "王书记员", 'x"; DROP TABLE cases; --')


@pytest.fixture
def owned_by_service_account(pg):
    """A database as deployed: owned by a plain login role (no superuser, no CREATEROLE)."""
    owner, clerk_login = f"mt_{uuid.uuid4().hex[:10]}", f"mt_{uuid.uuid4().hex[:10]}"
    name = f"mediate_t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(make_url(pg).set(database="postgres").render_as_string(False))
    admin = admin.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {owner} LOGIN"))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER {owner}'))
    url = make_url(pg).set(database=name, username=owner).render_as_string(False)
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        factories.org(session, TOWNSHIP, name="王褚街道矛盾纠纷调处中心", division_code="410802003")
        factories.org(session, OTHER, name="山阳区中心", division_code="410811")
        factories.case(session, org_id=TOWNSHIP, parties=[factories.person(name="乡乙")])
        factories.case(session, org_id=OTHER, parties=[factories.person(name="山丙")])
        session.commit()
    with UnitOfWork(engine, "管理员") as uow:
        add_clerk(uow, "管理员", None, "admin")
        add_clerk(uow, "王书记员", TOWNSHIP, "clerk")
        uow.commit()
    yield engine, clerk_login, admin, url
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f"DROP ROLE IF EXISTS {clerk_login}"))
        conn.execute(text(f"DROP ROLE IF EXISTS {owner}"))
    admin.dispose()


def test_a_service_account_without_createrole_is_told_to_ask_the_dba(owned_by_service_account):
    engine, clerk_login, _admin, _url = owned_by_service_account
    with UnitOfWork(engine, "管理员") as uow, pytest.raises(DatabaseError, match="CREATEROLE"):
        grant_login(uow, "王书记员", clerk_login)


def test_as_deployed_the_owner_sees_all_and_a_dba_made_login_only_its_body(
    owned_by_service_account,
):
    engine, clerk_login, admin, url = owned_by_service_account
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {clerk_login} LOGIN"))
    with UnitOfWork(engine, "管理员") as uow:
        assert grant_login(uow, "王书记员", clerk_login).role_created is False
        uow.commit()
    with engine.connect() as conn:
        everything = sorted(conn.execute(text("SELECT name FROM parties")).scalars())
    with connect_as(url, clerk_login) as conn:
        own = [r[0] for r in conn.execute("SELECT name FROM parties")]
    assert everything == ["乡乙", "山丙"]
    assert own == ["乡乙"]


def test_routing_from_a_clerks_login_counts_every_bodys_open_cases(logins, network, pg):
    from mediate.services.routing import open_load

    role = logins("王书记员", TOWNSHIP, "clerk")
    as_clerk = make_engine(make_url(pg).set(username=role).render_as_string(False))
    try:
        with Session(as_clerk) as session:
            seen = open_load(session)
            readable = session.execute(text("SELECT count(*) FROM cases")).scalar_one()
    finally:
        as_clerk.dispose()
    assert seen == {COUNTY: 1, TOWNSHIP: 1, OTHER: 1}
    assert readable == 1


def test_after_a_restore_the_clerks_login_still_reads_its_bodys_parties(
    logins, network, pg, tmp_path
):
    from mediate.services.backup import backup_database, restore_database

    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump/pg_restore (the PostgreSQL client tools) are not on PATH")
    role = logins("王书记员", TOWNSHIP, "clerk")
    backup_database(network, tmp_path / "mediate.dump")
    restored = restore_database(network, tmp_path / "mediate.dump", force=True)
    assert restored.clerk_logins == 1
    with connect_as(pg, role) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM parties")] == ["乡乙"]
