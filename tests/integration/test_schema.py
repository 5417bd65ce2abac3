"""The Alembic migrations own the schema, and agree with the models."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from mediate.store import tables  # noqa: F401
from mediate.store.engine import make_engine
from mediate.store.migrate import check_schema, head_revision, upgrade


def test_migrations_create_exactly_the_models(database):
    engine = make_engine(database.url)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_twice_is_harmless_and_lands_on_head(database):
    engine = make_engine(database.url)
    assert upgrade(engine)[0] is None
    assert upgrade(engine) == (head_revision(), head_revision())
    check_schema(engine)
    engine.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_db):
    from sqlalchemy import text

    engine = make_engine(sqlite_db.url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    engine.dispose()


def test_the_fast_schema_check_knows_the_current_head():
    from mediate.store.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


def _stamp(engine, revision: str) -> None:
    from sqlalchemy import text

    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


def test_a_database_of_a_newer_mediate_is_refused_with_a_sentence(sqlite_db):
    import pytest

    from mediate.errors import DatabaseError

    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    _stamp(engine, "9999_from_the_future")
    with pytest.raises(DatabaseError, match="newer than this version of mediate knows"):
        check_schema(engine)
    with pytest.raises(DatabaseError, match="newer than this version of mediate knows"):
        upgrade(engine)
    engine.dispose()


def test_a_database_not_yet_upgraded_is_refused_until_db_upgrade(sqlite_db, monkeypatch):
    import pytest

    from mediate.errors import DatabaseError
    from mediate.store import migrate

    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    # Stand for a release one migration ahead of this database: its head is another
    # revision, and the stored one is an older, known one.
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "0099_next")
    monkeypatch.setattr(migrate, "head_revision", lambda: "0099_next")
    with pytest.raises(DatabaseError, match="needs an upgrade: run `mediate db upgrade`"):
        check_schema(engine)
    engine.dispose()


def test_an_empty_database_is_refused_until_init(sqlite_db):
    import pytest

    from mediate.errors import DatabaseError

    engine = make_engine(sqlite_db.url)
    with pytest.raises(DatabaseError, match="not initialised: run `mediate init`"):
        check_schema(engine)
    engine.dispose()


def test_upgrade_0006_writes_stored_case_numbers_with_full_width_brackets(database):
    """法〔2015〕137号 art. 3: （2026）豫0802民初123号; a number whose canonical form is
    already taken stays as it was rather than failing the upgrade."""
    from alembic import command
    from sqlalchemy import text

    from mediate.store.migrate import alembic_config

    engine = make_engine(database.url)
    command.upgrade(alembic_config(engine), "0005")
    insert = text(
        "INSERT INTO cases (court_case_no, cause, source, received_on, status, version, "
        "extension_days, tags, created_by, created_at, updated_at) VALUES (:no, '民间借贷纠纷', "
        "'court_entrusted', '2026-11-02', 'received', 1, 0, '[]', 'test', :at, :at)"
    )
    at = "2026-11-02 00:00:00"
    with engine.begin() as conn:
        for number in ("(2026)豫0802民初1号", "（2026）豫0802民初2号", "(2026)豫0802民初2号", "无"):
            conn.execute(insert, {"no": number, "at": at})
    upgrade(engine)
    with engine.connect() as conn:
        stored = sorted(conn.execute(text("SELECT court_case_no FROM cases")).scalars())
    engine.dispose()
    assert stored == sorted(
        ["（2026）豫0802民初1号", "（2026）豫0802民初2号", "(2026)豫0802民初2号", "无"]
    )


def test_downgrading_0020_with_a_routed_case_drops_the_unit_and_keeps_the_case(initialised):
    """Review of 2026-12-03: on SQLite the batch recreate of `cases` failed on the
    decisions' foreign key once a case existed, leaving `_alembic_tmp_decisions` behind.
    On PostgreSQL the row-level security 0015 installed is there too."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import inspect, text

    from mediate.store.migrate import alembic_config
    from tests.integration.test_medical_deadline_store import _register

    engine = make_engine(initialised.url)
    case_id = _register(engine, dt.date(2026, 9, 30))  # a medical case: 30 working days
    command.downgrade(alembic_config(engine), "0019")
    schema = inspect(engine)
    for table in ("cases", "decisions"):
        assert "deadline_unit" not in {c["name"] for c in schema.get_columns(table)}
    assert not [t for t in schema.get_table_names() if t.startswith("_alembic_tmp")]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM cases")).scalars().all() == [case_id]
        assert conn.execute(text("SELECT count(*) FROM decisions")).scalar() == 1
    assert upgrade(engine)[1] == head_revision()
    check_schema(engine)
    engine.dispose()


def test_migration_0021_drafted_on_round_trips_with_an_application_on_record(initialised):
    """0021 adds confirmations.drafted_on (the date printed on the application); its
    downgrade drops the column in place, keeping the case and its confirmation (SQLite:
    no batch recreate of a table other rows refer to), and the upgrade back leaves the
    date unknown (NULL) for the applications drafted before it."""
    from alembic import command
    from sqlalchemy import inspect, text

    from mediate.store.migrate import alembic_config

    engine = make_engine(initialised.url)
    at = "2026-11-02 00:00:00"
    with engine.begin() as conn:
        case_id = conn.execute(
            text(
                "INSERT INTO cases (cause, source, received_on, status, version, "
                "extension_days, tags, created_by, created_at, updated_at) VALUES "
                "('民间借贷纠纷', 'self_accepted', '2026-11-02', 'settled', 1, 0, '[]', "
                "'test', :at, :at) RETURNING id"
            ),
            {"at": at},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO confirmations (case_id, court, status, apply_by, drafted_on, "
                "warnings, ruling_grounds, version, updated_at) VALUES (:case, "
                "'焦作市解放区人民法院', 'drafted', '2026-12-20', '2026-11-25', '[]', '[]', 1, "
                ":at)"
            ),
            {"case": case_id, "at": at},
        )
    command.downgrade(alembic_config(engine), "0020")
    schema = inspect(engine)
    assert "drafted_on" not in {c["name"] for c in schema.get_columns("confirmations")}
    assert not [t for t in schema.get_table_names() if t.startswith("_alembic_tmp")]
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT case_id, court, status FROM confirmations")).all()
    assert [tuple(r) for r in kept] == [(case_id, "焦作市解放区人民法院", "drafted")]
    assert upgrade(engine)[1] == head_revision()
    check_schema(engine)
    with engine.connect() as conn:
        drafted = conn.execute(text("SELECT drafted_on FROM confirmations")).scalars().all()
    engine.dispose()
    assert drafted == [None]
