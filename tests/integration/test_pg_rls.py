"""Row-level security: a clerk's own PostgreSQL login sees only their bodies' rows."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from mediate.errors import DatabaseError, ValidationError
from mediate.services.clerks import add_clerk, disable_clerk, grant_login
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.rls import CASE_CHILD_TABLES, PROTECTED_TABLES, rls_enabled
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.conftest import _fresh_pg_database, pg_name_prefix, pg_unavailable_reason

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
            division_code="410802009",
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
        name = f"{pg_name_prefix('mt_')}{uuid.uuid4().hex[:10]}"
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
    owner, clerk_login = (f"{pg_name_prefix('mt_')}{uuid.uuid4().hex[:10]}" for _ in range(2))
    name = f"{pg_name_prefix('mediate_t_')}{uuid.uuid4().hex[:12]}"
    admin = make_engine(make_url(pg).set(database="postgres").render_as_string(False))
    admin = admin.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {owner} LOGIN"))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER {owner}'))
    url = make_url(pg).set(database=name, username=owner).render_as_string(False)
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        factories.org(session, TOWNSHIP, name="王褚街道矛盾纠纷调处中心", division_code="410802009")
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


# --- Issue #12: the attacks a clerk's own login can try, replayed ---------------------

ATTACKS = Path(__file__).resolve().parent.parent / "data" / "attacks"


def attack(name: str) -> list[str]:
    """The statements of an attack file (separated by lines holding only `;`)."""
    text_ = (ATTACKS / name).read_text(encoding="utf-8")
    lines = [line for line in text_.splitlines() if not line.startswith("--")]
    return [s.strip() for s in "\n".join(lines).split("\n;\n") if s.strip()]


def case_of(engine, org: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT id FROM cases WHERE org_id = :o"), {"o": org}).scalar_one()


def test_a_clerk_login_may_create_no_temporary_table_and_nothing_in_the_schema(logins, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    statements = attack("pg_schema_objects.sql")
    with connect_as(pg, role) as conn:
        for statement in statements:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    assert len(statements) == 3


def test_the_temp_table_attack_leaves_the_login_exactly_its_own_rows(logins, network, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    other_id = case_of(network, OTHER)
    with network.connect() as conn:  # a database where TEMP was left open to the login
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        conn.execute(text(f'GRANT TEMPORARY ON DATABASE "{database}" TO {role}'))
        conn.commit()
    with connect_as(pg, role) as conn:
        for statement in attack("pg_temp_clerks.sql"):
            conn.execute(statement)
        shadowed = conn.execute("SELECT role FROM clerks").fetchall()
        names = [r[0] for r in conn.execute("SELECT name FROM parties ORDER BY name")]
        orgs = [r[0] for r in conn.execute("SELECT org_id FROM cases")]
        updated = conn.execute("UPDATE cases SET facts = 'x' WHERE id = %s", (other_id,))
        events = conn.execute("SELECT count(*) FROM events WHERE case_id = %s", (other_id,))
        assert (updated.rowcount, events.fetchone()) == (0, (0,))
    assert shadowed == [("admin",)]  # the attack was in place...
    assert names == ["乡乙"]  # ...and changed nothing
    assert orgs == [TOWNSHIP]


def test_import_batches_are_under_row_level_security(logins, network, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    with network.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO import_batches (file_name, file_sha256, clerk, started_at, "
                "rows_total, imported, duplicates, rejected, status) VALUES "
                "('别人的.csv', 'x', '管理员', now(), 1, 1, 0, 0, 'done')"
            )
        )
    with connect_as(pg, role) as conn:
        before = conn.execute("SELECT count(*) FROM import_batches").fetchone()
        conn.execute(
            "INSERT INTO import_batches (file_name, file_sha256, clerk, started_at, "
            "rows_total, imported, duplicates, rejected, status) VALUES "
            "('我的.csv', 'y', '管理员', now(), 0, 0, 0, 0, 'running')"
        )
        mine = conn.execute("SELECT file_name, clerk FROM import_batches").fetchall()
    assert before == (0,)
    assert mine == [("我的.csv", "王书记员")]


def history_of(engine, case_id: int) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT action, clerk, org_id, before, after FROM events "
                    "WHERE case_id = :c ORDER BY id"
                ),
                {"c": case_id},
            )
        ]


def version_of(engine, case_id: int) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT version FROM cases WHERE id = :c"), {"c": case_id}
        ).scalar_one()


def test_direct_writes_by_a_login_bump_the_version_and_leave_events_in_its_clerks_name(
    logins, network, pg
):
    role = logins("王书记员", TOWNSHIP, "clerk")
    case_id = case_of(network, TOWNSHIP)
    with network.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (case_id, kind, path, sha256, template_sha256, "
                "created_by, created_at) VALUES (:c, 'application', '/tmp/a.docx', "
                "repeat('a', 64), repeat('b', 64), '王书记员', now())"
            ),
            {"c": case_id},
        )
    statements = attack("pg_direct_writes.sql")
    with connect_as(pg, role) as conn:
        for statement in statements[:-2]:
            conn.execute(statement, {"case": case_id})
        for refused in statements[-2:]:  # an event as another clerk; a document's checksum
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(refused, {"case": case_id})
    events = history_of(network, case_id)
    with network.connect() as conn:
        sha = conn.execute(text("SELECT sha256 FROM documents")).scalar_one()
    assert sha == "a" * 64
    # facts; status (with the version "reset" to 1); the case's one party
    assert version_of(network, case_id) == 1 + 3
    assert [e[0] for e in events] == ["direct_sql_update"] * 3
    assert {(e[1], e[2]) for e in events} == {("王书记员", TOWNSHIP)}
    assert events[0][3:] == ({"facts": None}, {"facts": "改写的案情"})
    assert events[1][4] == {"status": "withdrawn"}
    assert events[2][4]["name"] == "换人"
    assert events[2][4]["id_number"] == "410***********9999"  # masked like the screen


def test_a_made_up_event_does_not_hide_a_direct_change(logins, network, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    case_id = case_of(network, TOWNSHIP)
    with connect_as(pg, role) as conn, conn.transaction():
        conn.execute(
            "INSERT INTO events (case_id, at, clerk, action, before, after) VALUES "
            "(%s, now(), '王书记员', 'start', '{\"facts\": \"早就如此\"}', "
            '\'{"facts": "新案情"}\')',
            (case_id,),
        )
        conn.execute("UPDATE cases SET facts = '新案情' WHERE id = %s", (case_id,))
    actions = [e[0] for e in history_of(network, case_id)]
    assert actions == ["start", "direct_sql_update"]


def test_mediate_on_a_clerks_login_writes_one_event_and_one_version_per_change(logins, network, pg):
    from mediate.services.lifecycle import assign, start
    from mediate.store.tables import MediatorRow

    role = logins("王书记员", TOWNSHIP, "clerk")
    case_id = case_of(network, TOWNSHIP)
    with Session(network) as session:
        session.add(MediatorRow(org_id=TOWNSHIP, name="赵调解员", type="人民调解员"))
        session.commit()
    as_clerk = make_engine(make_url(pg).set(username=role).render_as_string(False))
    try:
        with UnitOfWork(as_clerk, "王书记员") as uow:
            assign(uow, case_id, on=dt.date(2026, 11, 3))
            uow.commit()
        with UnitOfWork(as_clerk, "王书记员") as uow:
            start(uow, case_id)
            uow.commit()
    finally:
        as_clerk.dispose()
    events = history_of(network, case_id)
    assert [e[0] for e in events] == ["assign", "start"]
    assert version_of(network, case_id) == 3


def test_the_service_account_is_not_audited_twice(network):
    from mediate.services.lifecycle import start

    case_id = case_of(network, COUNTY)
    with network.begin() as conn:
        conn.execute(text("UPDATE cases SET status = 'assigned' WHERE id = :c"), {"c": case_id})
    with UnitOfWork(network, "管理员") as uow:
        start(uow, case_id)
        uow.commit()
    assert [e[0] for e in history_of(network, case_id)] == ["start"]
    assert version_of(network, case_id) == 2


def test_upgrading_a_database_takes_back_what_older_logins_were_granted(pg):
    from alembic import command

    from mediate.store.migrate import alembic_config

    engine = make_engine(pg)
    role = f"{pg_name_prefix('mt_')}{uuid.uuid4().hex[:10]}"
    command.upgrade(alembic_config(engine), "0001")
    try:
        with engine.begin() as conn:
            database = conn.execute(text("SELECT current_database()")).scalar_one()
            conn.execute(text(f"CREATE ROLE {role} LOGIN"))
            conn.execute(text(f'GRANT TEMPORARY ON DATABASE "{database}" TO PUBLIC'))
            conn.execute(text(f"GRANT INSERT, UPDATE ON documents, outcomes TO {role}"))
            conn.execute(
                text(
                    "INSERT INTO clerks (name, role, db_role, active, created_at) "
                    "VALUES ('王书记员', 'clerk', :r, true, now())"
                ),
                {"r": role},
            )
        upgrade(engine)
        with engine.connect() as conn:
            rights = conn.execute(
                text(
                    "SELECT has_database_privilege(:r, current_database(), 'TEMPORARY'), "
                    "has_table_privilege(:r, 'documents', 'UPDATE'), "
                    "has_table_privilege(:r, 'documents', 'INSERT'), "
                    "has_table_privilege(:r, 'cases', 'UPDATE')"
                ),
                {"r": role},
            ).one()
        assert tuple(rights) == (False, False, True, True)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        engine.dispose()


def test_a_clerks_login_sees_only_their_bodys_sessions_and_performance(logins, network, pg):
    # Issue 20's tables are case tables: the same row-level security as parties.
    with network.begin() as conn:
        for org in (TOWNSHIP, OTHER):
            case_id = conn.execute(
                text("SELECT id FROM cases WHERE org_id = :o"), {"o": org}
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO mediation_sessions (case_id, starts_at, place, online, summoned,"
                    " status, attended, created_by, created_at) VALUES (:c, now(), :p, false,"
                    " '[]', 'scheduled', '[]', 'x', now())"
                ),
                {"c": case_id, "p": org},
            )
            conn.execute(
                text(
                    'INSERT INTO performance_events (case_id, kind, "on", recorded_by,'
                    " recorded_at) VALUES (:c, 'visit', current_date, 'x', now())"
                ),
                {"c": case_id},
            )
    role = logins("王书记员", TOWNSHIP, "clerk")
    with connect_as(pg, role) as conn:
        places = [r[0] for r in conn.execute("SELECT place FROM mediation_sessions")]
        visits = conn.execute("SELECT count(*) FROM performance_events").fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE performance_events SET note = 'x'")
    assert places == [TOWNSHIP]
    assert visits == (1,)


def test_rows_a_login_inserts_without_an_event_are_audited_in_its_clerks_name(logins, network, pg):
    """Issue: inserts into a case's tables by a login left no trace but the row. Now a
    row without an event of its transaction bumps the case and writes direct_sql_insert."""
    role = logins("王书记员", TOWNSHIP, "clerk")
    case_id = case_of(network, TOWNSHIP)
    with connect_as(pg, role) as conn, conn.transaction():
        conn.execute(
            "INSERT INTO parties (case_id, position, role, kind, name, id_number) "
            "VALUES (%s, 9, 'respondent', 'person', '塞进来', '410802199901019999')",
            (case_id,),
        )
        conn.execute(
            "INSERT INTO outcomes (case_id, result, decided_on, recorded_by, recorded_at) "
            "VALUES (%s, 'failed', '2026-11-30', '王书记员', now())",
            (case_id,),
        )
    events = history_of(network, case_id)
    assert [e[0] for e in events] == ["direct_sql_insert"] * 2
    assert {(e[1], e[2]) for e in events} == {("王书记员", TOWNSHIP)}
    assert events[0][4]["parties"]["name"] == "塞进来"
    assert events[0][4]["parties"]["id_number"] == "410***********9999"  # masked
    assert events[1][4]["outcomes"]["result"] == "failed"
    assert version_of(network, case_id) == 1 + 2


def test_a_login_that_writes_its_event_with_the_row_is_not_audited_twice(logins, network, pg):
    role = logins("王书记员", TOWNSHIP, "clerk")
    case_id = case_of(network, TOWNSHIP)
    with connect_as(pg, role) as conn, conn.transaction():
        conn.execute(
            "INSERT INTO events (case_id, at, clerk, org_id, action, note) "
            "VALUES (%s, now(), '王书记员', %s, 'visit', '电话回访')",
            (case_id, TOWNSHIP),
        )
        conn.execute(
            'INSERT INTO performance_events (case_id, kind, "on", recorded_by, recorded_at, '
            "note) VALUES (%s, 'visit', '2026-11-30', '王书记员', now(), '电话回访')",
            (case_id,),
        )
    assert [e[0] for e in history_of(network, case_id)] == ["visit"]


def test_the_service_accounts_inserts_never_call_the_insert_audit(network):
    """The owner is skipped in the triggers' WHEN clause (bulk imports pay nothing)."""
    with network.connect() as conn:
        definitions = (
            conn.execute(
                text(
                    "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t "
                    "WHERE t.tgname LIKE 'mediate_%_insert_audit'"
                )
            )
            .scalars()
            .all()
        )
        owner = conn.execute(text("SELECT current_user")).scalar_one()
    assert len(definitions) == 7
    assert all(f"WHEN ((SESSION_USER <> '{owner}'::name))" in d for d in definitions), definitions


def test_a_case_s_rows_are_checked_by_looking_the_case_up_not_by_a_list_of_every_case(network):
    """`case_id IN (SELECT id FROM cases)` is hashed only while every visible case fits in
    work_mem; beyond, PostgreSQL scans the list once per row read (a clerk's login never
    finished a report over the outcomes of a million cases). Each child table's policy
    looks its case up by key instead."""
    with network.connect() as conn:
        policies = conn.exec_driver_sql(
            "SELECT tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') "
            "FROM pg_policies WHERE schemaname = current_schema()"
        ).all()
    by_case = {t: rule for t, _name, rule in policies if t in (*CASE_CHILD_TABLES, "events")}
    assert set(by_case) == {*CASE_CHILD_TABLES, "events"}
    for table, rule in by_case.items():
        assert "EXISTS" in rule and f"c.id = {table}.case_id" in rule, (table, rule)
        assert "IN ( SELECT c.id" not in rule, (table, rule)


# --- A login that sees every body: no lookup of the case per row (issue 19) -------------

ME = "甲书记员"  # the clerk of each login below; "别人" registers the other unrouted case


# One row for a case (:case) in each of its tables but parties (the factory adds those).
CASE_ROWS = (
    "INSERT INTO decisions (case_id, org_id, rule, path, deadline_days, rules_version, trace,"
    " warnings, decided_by, decided_at) VALUES (:case, :org, 'r', '[]', 30, 'v', '[]', '[]',"
    " 'x', now())",
    "INSERT INTO outcomes (case_id, result, decided_on, recorded_by, recorded_at)"
    " VALUES (:case, 'failed', current_date, 'x', now())",
    "INSERT INTO confirmations (case_id, court, status, apply_by, warnings, version,"
    " updated_at) VALUES (:case, '法院', 'drafted', current_date, '[]', 1, now())",
    "INSERT INTO documents (case_id, kind, path, sha256, template_sha256, created_by,"
    " created_at) VALUES (:case, 'application', '/tmp/' || :case || '.docx', repeat('a', 64),"
    " repeat('b', 64), 'x', now())",
    "INSERT INTO mediation_sessions (case_id, starts_at, place, online, summoned, status,"
    " attended, created_by, created_at) VALUES (:case, now(), 'p', false, '[]', 'scheduled',"
    " '[]', 'x', now())",
    'INSERT INTO performance_events (case_id, kind, "on", recorded_by, recorded_at)'
    " VALUES (:case, 'visit', current_date, 'x', now())",
    "INSERT INTO events (case_id, at, clerk, action) VALUES (:case, now(), 'x', 'note_added')",
)


@pytest.fixture
def every_case_table(network):
    """Besides the three routed cases, two that no body has yet (one registered by ME, one
    by another clerk), a row in every case table for each of the five, and an event
    without a case by each of the two clerks. Case id → (body, registered by)."""
    with Session(network) as session:
        for who in (ME, "别人"):
            factories.case(session, org_id=None, status="registered", created_by=who)
        session.commit()
    with network.begin() as conn:
        cases = {
            case_id: (org, by)
            for case_id, org, by in conn.execute(text("SELECT id, org_id, created_by FROM cases"))
        }
        for case_id in cases:
            for statement in CASE_ROWS:
                conn.execute(text(statement), {"case": case_id, "org": COUNTY})
        for who in (ME, "别人"):
            conn.execute(
                text("INSERT INTO events (at, clerk, action) VALUES (now(), :w, 'note_added')"),
                {"w": who},
            )
    assert len(cases) == 5
    return cases


@pytest.mark.parametrize(
    ("role", "org", "bodies"),
    [
        ("admin", None, {COUNTY, TOWNSHIP, OTHER}),
        ("supervisor", COUNTY, {COUNTY, TOWNSHIP}),
        ("clerk", TOWNSHIP, {TOWNSHIP}),
    ],
)
def test_a_login_reads_exactly_the_rows_of_the_cases_it_sees_in_every_case_table(
    logins, every_case_table, pg, role, org, bodies
):
    """The rule of services/access.py, table by table: a case of a body the login sees, or
    one its clerk registered — and for an admin every case, the one no body has yet that
    another clerk registered too (not that clerk's events without a case)."""
    login = logins(ME, org, role)
    seen = sorted(
        case_id
        for case_id, (body, by) in every_case_table.items()
        if body in bodies or by == ME or role == "admin"
    )
    with connect_as(pg, login) as conn:
        cases = sorted(r[0] for r in conn.execute("SELECT id FROM cases"))
        rows = {
            table: sorted(
                {r[0] for r in conn.execute(f"SELECT case_id FROM {table} WHERE case_id > 0")}
            )
            for table in (*CASE_CHILD_TABLES, "events")
        }
        clerks_of_caseless_events = [
            r[0] for r in conn.execute("SELECT clerk FROM events WHERE case_id IS NULL")
        ]
    assert cases == seen
    assert rows == {t: seen for t in (*CASE_CHILD_TABLES, "events")}
    assert clerks_of_caseless_events == [ME]
    assert len(seen) == {"admin": 5, "supervisor": 3, "clerk": 2}[role]


def _lookups_of_cases(plan: dict) -> list[int]:
    """The loops of every scan of `cases` inside a subplan of a JSON plan."""
    found = []
    for child in plan.get("Plans", []):
        if child.get("Relation Name") == "cases" and "SubPlan" in child.get(
            "Parent Relationship", ""
        ):
            found.append(child["Actual Loops"])
        found += _lookups_of_cases(child)
    return found


def test_an_admins_login_reads_the_rows_of_cases_it_sees_without_looking_them_up(
    logins, every_case_table, pg
):
    """The rows of every case (an admin's login sees them all, those no body has yet too):
    none is looked up in `cases` (the lookup subplan never runs), they pass the hashed list
    of hidden cases, empty for an admin. Before, each row (or the whole list of visible
    cases) was looked up."""
    admin = logins(ME, None, "admin")
    explain = "EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM decisions"
    with connect_as(pg, admin) as conn:
        plan = conn.execute(explain).fetchone()[0][0]["Plan"]
        assert conn.execute("SELECT count(*) FROM decisions").fetchone() == (5,)
    assert _lookups_of_cases(plan) == [0]


def _below_the_county(network) -> None:
    """Every body below COUNTY (OTHER was a root of its own): its supervisor sees every body."""
    with network.begin() as conn:
        below = {"p": COUNTY, "o": OTHER}
        conn.execute(text("UPDATE orgs SET parent_id = :p WHERE id = :o"), below)


def test_only_a_login_that_sees_every_body_learns_which_cases_are_hidden_from_it(
    logins, every_case_table, network, pg
):
    """A supervisor of the body every other is below is told the unrouted case another
    clerk registered (hidden from it); nothing is hidden from an admin; a clerk, and a
    login asking for a role it may not take, learn nothing."""
    _below_the_county(network)
    admin, clerk = logins(ME, None, "admin"), logins("乙书记员", TOWNSHIP, "clerk")
    top = logins("丙主任", COUNTY, "supervisor")
    unrouted = {k: by for k, (body, by) in every_case_table.items() if body is None}
    unseen = "SELECT mediate_unseen_cases(%s)"
    with connect_as(pg, admin) as conn:
        own = [r[0] for r in conn.execute(unseen, (admin,))]
    with connect_as(pg, top) as conn:
        the_tops = sorted(r[0] for r in conn.execute(unseen, (top,)))
    with connect_as(pg, clerk) as conn:
        mine = [r[0] for r in conn.execute(unseen, (clerk,))]
        the_admins = [r[0] for r in conn.execute(unseen, (admin,))]  # not a role it may take
    assert own == []
    assert the_tops == sorted(unrouted)  # both: neither is 丙主任's
    assert mine == [None]
    assert the_admins == [None]


# --- The services and the database agree on what a clerk sees (issue: an admin and the
# cases no body has yet) -----------------------------------------------------------------


REPORTS = ("funnel", "orgs", "overdue", "causes", "months")


def _figures(engine, clerk: str) -> dict[str, object]:
    """Every report of `clerk` over 2026, as --json prints it."""
    from mediate.services import reports

    filters = reports.make_filters("2026")
    with UnitOfWork(engine, clerk) as uow:
        found = {name: getattr(reports, f"report_{name}")(uow, filters) for name in REPORTS}
    return {
        name: [m.as_json() for m in made] if isinstance(made, list) else made.as_json()
        for name, made in found.items()
    }


@pytest.mark.parametrize(
    ("role", "org"),
    [("admin", None), ("supervisor", COUNTY), ("clerk", TOWNSHIP), ("top supervisor", COUNTY)],
)
def test_the_services_and_the_policies_show_and_let_change_the_same_cases_for_each_role(
    logins, every_case_table, network, pg, role, org
):
    """docs/postgresql.md: a login reads "cases of the bodies it sees, and cases its clerk
    registered" (an admin's every case), and changes those of its bodies or the unrouted
    ones its clerk registered (an admin's every unrouted one) — the rule of the services
    (services/access.py, services/who.py). Every report counts, on the service account,
    exactly what the clerk's own login counts under the policies (review of 2026-12-02:
    an admin's funnel counted the unrouted cases its login could not see). A supervisor of
    the body every other is below ("top supervisor") sees every body, not another clerk's
    unrouted case."""
    from sqlmodel import select

    from mediate.services import access, who
    from mediate.store.tables import CaseRow

    if role == "top supervisor":
        _below_the_county(network)
        role = "supervisor"
    with Session(network) as session:  # closed ones too, for the funnel
        closed = {"closed_on": dt.date(2026, 11, 20), "created_by": "别人"}
        factories.case(session, org_id=None, status="withdrawn", **closed)
        factories.case(session, org_id=TOWNSHIP, status="settled", **closed)
        session.commit()
    login = logins(ME, org, role)
    with connect_as(pg, login) as conn:
        db_seen = {r[0] for r in conn.execute("SELECT id FROM cases")}
        with conn.transaction(force_rollback=True):
            changed = conn.execute("UPDATE cases SET facts = facts RETURNING id")
            db_changed = {r[0] for r in changed}
    with UnitOfWork(network, ME) as uow:
        listed = set(uow.session.exec(access.restrict_cases(uow, select(CaseRow.id))))
        rows = uow.session.exec(select(CaseRow)).all()
        py_seen = {c.id for c in rows if access.can_see(uow, c)}
        py_changed = {c.id for c in rows if access.can_change(uow, c)}
        scope, params = who.case_scope(access.identity(uow))
        where = f" WHERE {scope}" if scope else ""
        light = {r[0] for r in access.reader(uow).rows(f"SELECT id FROM cases{where}", params)}
        unrouted_of_another = {c.id for c in rows if c.org_id is None and c.created_by != ME}
    assert (listed, py_seen, light) == (db_seen, db_seen, db_seen)
    assert py_changed == db_changed
    assert (unrouted_of_another <= db_seen) is (role == "admin")
    assert (unrouted_of_another <= db_changed) is (role == "admin")
    assert not (unrouted_of_another & db_seen) or role == "admin"
    login_engine = make_engine(make_url(pg).set(username=login).render_as_string(False))
    try:
        assert _figures(network, ME) == _figures(login_engine, ME)
    finally:
        login_engine.dispose()


def test_a_clerks_login_records_the_date_printed_on_its_bodys_application(
    logins, network, pg, tmp_path
):
    """Migration 0021: the application's date is written to `confirmations` by the login
    that makes it (row-level security lets it change its body's case's confirmation), with
    the document event carrying it, so no direct change is appended by the audit."""
    from mediate.services.documents import render_document
    from mediate.store.tables import CaseRow

    case_id = case_of(network, TOWNSHIP)
    with Session(network) as session:
        case = session.get(CaseRow, case_id)
        assert case is not None
        case.status = "settled"
        session.add(case)
        factories.settle(session, case_id)
        session.commit()
    role = logins("王书记员", TOWNSHIP, "clerk")
    as_clerk = make_engine(make_url(pg).set(username=role).render_as_string(False))
    try:
        with UnitOfWork(as_clerk, "王书记员") as uow:
            render_document(uow, "application", case_id, tmp_path, dt.date(2026, 11, 20))
    finally:
        as_clerk.dispose()
    with network.connect() as conn:
        drafted = conn.execute(
            text("SELECT drafted_on FROM confirmations WHERE case_id = :c"), {"c": case_id}
        ).scalar_one()
        actions = conn.execute(
            text("SELECT action FROM events WHERE case_id = :c ORDER BY id"), {"c": case_id}
        ).scalars()
        assert list(actions) == ["document"]
    assert drafted == dt.date(2026, 11, 20)
