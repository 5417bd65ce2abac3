"""`db backup` / `db restore`: the restored database equals the one backed up."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from contextlib import ExitStack, contextmanager
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from mediate.errors import ConflictError, DatabaseError, ValidationError
from mediate.services.backup import backup_database, restore_database
from mediate.store.backup import pg_backup
from mediate.store.copy import checksums
from mediate.store.engine import make_engine, sqlite_files
from mediate.store.migrate import head_revision, upgrade
from mediate.store.tables import CaseRow, EventRow, OutcomeRow
from tests import factories
from tests.conftest import _fresh_pg_database


def test_the_sqlite_files_are_the_database_and_the_journals_beside_it(tmp_path):
    database = tmp_path / "m.db"
    names = ["m.db", "m.db-wal", "m.db-shm", "m.db-journal"]
    assert [path.name for path in sqlite_files(database)] == names
    assert sqlite_files(f"sqlite:///{database}?timeout=5") == sqlite_files(database)
    assert sqlite_files("sqlite:///:memory:") == [] == sqlite_files("postgresql://h/mediate")


def fill(engine) -> None:
    with Session(engine) as session:
        factories.org(
            session,
            "jz-jfq-township",
            name="某街道调处中心",
            kind="township_center",
            level="township",
            division_code="410802009",
            parent_id=None,
        )
        case = factories.case(session, tags=["price_dispute"])
        session.add(
            OutcomeRow(
                case_id=case.id,
                result="settled",
                decided_on=case.received_on,
                amount=Decimal("1234.56"),
                recorded_by="测试书记员",
            )
        )
        session.add(
            EventRow(
                case_id=case.id,
                clerk="测试书记员",
                action="registered",
                after={"status": "registered", "金额": "1234.56"},
            )
        )
        factories.case(session, org_id="jz-jfq-township", court_case_no="（2026）豫0802民初1号")
        session.commit()


@pytest.fixture
def engine(database):
    if database.backend == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump/pg_restore (the PostgreSQL client tools) are not on PATH")
    engine = make_engine(database.url)
    upgrade(engine)
    fill(engine)
    yield engine
    engine.dispose()


def test_a_restored_backup_equals_the_database_backed_up(engine, tmp_path):
    before = checksums(engine)
    result = backup_database(engine, tmp_path / "backup.bin")
    assert result.path.stat().st_size == result.size > 0
    with Session(engine) as session:
        factories.case(session, court_case_no="（2026）豫0802民初2号")
        session.commit()
    assert checksums(engine) != before

    restored = restore_database(engine, tmp_path / "backup.bin", force=True)

    assert restored.revision is not None
    assert checksums(engine) == before
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(CaseRow)).one() == 2


def test_restore_refuses_a_database_with_data_without_force(engine, tmp_path):
    backup_database(engine, tmp_path / "backup.bin")
    with pytest.raises(ConflictError, match="give --force"):
        restore_database(engine, tmp_path / "backup.bin")


def test_a_backup_restores_into_an_empty_database_without_force(engine, database, tmp_path):
    backup_database(engine, tmp_path / "backup.bin")
    with ExitStack() as stack:
        if database.backend == "sqlite":
            url = f"sqlite:///{tmp_path / 'empty.db'}"
        else:
            url = stack.enter_context(contextmanager(_fresh_pg_database)())
        empty = make_engine(url)
        stack.callback(empty.dispose)
        restore_database(empty, tmp_path / "backup.bin")
        assert checksums(empty) == checksums(engine)


def test_backup_will_not_overwrite_a_file_without_force(engine, tmp_path):
    target = tmp_path / "backup.bin"
    target.write_bytes(b"keep me")
    with pytest.raises(ValidationError, match="give --force"):  # the clerk's file, not a race
        backup_database(engine, target)
    assert target.read_bytes() == b"keep me"


def test_restore_refuses_a_file_that_is_not_a_backup(engine, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("hello", encoding="utf-8")
    with pytest.raises(ValidationError, match="not a mediate backup"):
        restore_database(engine, junk, force=True)


def test_a_backup_of_one_backend_is_refused_by_the_other(engine, database, tmp_path):
    other = tmp_path / "other.bin"
    if database.backend == "sqlite":
        other.write_bytes(b"PGDMP" + b"\0" * 64)
    else:
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ValidationError, match="cannot be restored into"):
        restore_database(engine, other, force=True)


def test_a_postgresql_backup_says_clearly_when_pg_dump_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1/nowhere")
    with pytest.raises(DatabaseError, match="pg_dump is not on PATH"):
        pg_backup(engine, tmp_path / "x.dump")
    assert list(tmp_path.iterdir()) == []


def test_a_sqlite_backup_is_consistent_while_another_clerk_keeps_writing(sqlite_db, tmp_path):
    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    with Session(engine) as session:
        for i in range(3000):  # a few MB, so the copy takes a while
            session.add(EventRow(clerk="甲", action="bulk", note="备注" * 200 + str(i)))
        session.commit()
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        other = make_engine(sqlite_db.url)
        while not stop.is_set():
            with Session(other) as session:
                session.add(EventRow(clerk="乙", action="concurrent"))
                session.commit()
            written[0] += 1
        other.dispose()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 5:
            stop.wait(0.01)
        backup_database(engine, tmp_path / "live.db")
        during = written[0]
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    copy = sqlite3.connect(tmp_path / "live.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    bulk, concurrent = copy.execute(
        "SELECT sum(action = 'bulk'), sum(action = 'concurrent') FROM events"
    ).fetchone()
    copy.close()
    assert bulk == 3000
    assert 5 <= concurrent <= during + 1
    engine.dispose()


def test_a_failing_pg_dump_is_a_clear_error_and_leaves_no_file(tmp_path, monkeypatch):
    # A pg_dump that exits non-zero (wrong password, server gone, disk full) says why.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text(
        "#!/bin/sh\necho 'pg_dump: error: connection to server failed: FATAL' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1/nowhere")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DatabaseError, match=r"pg_dump failed: .*connection to server failed"):
        pg_backup(engine, out / "x.dump")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("language", "said"), [("en", "is a directory"), ("zh_CN", "是一个目录")])
def test_restoring_a_directory_says_it_is_a_directory_not_missing(tmp_path, language, said):
    from mediate.i18n import in_language

    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with in_language(language), pytest.raises(ValidationError) as caught:
        restore_database(engine, tmp_path)
    assert said in str(caught.value) and str(tmp_path) in str(caught.value)
    assert "no backup file" not in str(caught.value) and "不存在" not in str(caught.value)


def _stale_wal_beside(path) -> None:
    """A SQLite file in WAL mode whose writer was killed: its -wal (a table, a page of rows
    never checkpointed) stays beside it, as a clerk's old backup's may."""
    import subprocess
    import sys

    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute('CREATE TABLE old (x)')\n"
        "c.executemany('INSERT INTO old VALUES (?)', [('x' * 500,)] * 50)\n"
        "c.commit()\n"
        "os._exit(0)  # killed: no checkpoint, the -wal stays\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def test_a_backup_forced_over_a_file_with_an_old_wal_opens_with_all_its_data(sqlite_db, tmp_path):
    """Review of 2026-12-03: `db backup b.db --force` beside a killed writer's b.db-wal
    said it wrote 581632 bytes, and the first open replayed the old -wal over it (8 KB,
    not initialised). The old file's journals go before the backup is renamed in."""
    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    fill(engine)
    target = tmp_path / "b.db"
    _stale_wal_beside(target)
    result = backup_database(engine, target, force=True)
    assert [p.name for p in sqlite_files(target) if p.exists()] == ["b.db"]
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM cases").fetchone() == (2,)
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        assert "alembic_version" in tables and "old" not in tables
    finally:
        copy.close()
    assert target.stat().st_size == result.size
    restored = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    restore_database(restored, target)
    assert checksums(restored) == checksums(engine)
    restored.dispose()
    engine.dispose()


def test_a_restore_reads_the_backup_alone_not_a_stale_wal_beside_it(sqlite_db, tmp_path):
    """SQLite replays a -wal it finds beside a file it opens: a stale b.db-wal left beside
    the backup by another program (here a killed writer's, of another b.db) is not
    restored with it, and is left as it was."""
    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    fill(engine)
    backup = tmp_path / "b.db"
    backup_database(engine, backup)
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    _stale_wal_beside(elsewhere / "b.db")
    stale = backup.with_name("b.db-wal")
    shutil.copyfile(elsewhere / "b.db-wal", stale)
    before = (backup.read_bytes(), stale.read_bytes())
    restored = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    restore_database(restored, backup)
    assert checksums(restored) == checksums(engine)
    assert (backup.read_bytes(), stale.read_bytes()) == before
    restored.dispose()
    engine.dispose()


def _sqlite_engine_with_backup(sqlite_db, tmp_path):
    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    fill(engine)
    backup = tmp_path / "b1.db"
    backup_database(engine, backup)
    return engine, backup


def _payroll(path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE payroll (x)")
    connection.execute("INSERT INTO payroll VALUES (1)")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("force", [False, True])
def test_restore_never_replaces_another_programs_sqlite_file(sqlite_db, tmp_path, force):
    """Review of 2026-12-03: `MEDIATE_DB=other2.db db restore b1.db` replaced another
    program's database (payroll gone), --force or not."""
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    other = tmp_path / "other2.db"
    _payroll(other)
    before = other.read_bytes()
    target = make_engine(f"sqlite:///{other}")
    with pytest.raises(DatabaseError, match=r"other2.db is not a mediate database.*payroll"):
        restore_database(target, backup, force=force)
    target.dispose()
    engine.dispose()
    assert other.read_bytes() == before
    assert sqlite3.connect(other).execute("SELECT x FROM payroll").fetchall() == [(1,)]


def test_restore_never_replaces_a_file_that_is_not_sqlite(sqlite_db, tmp_path):
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"my notes, not a database " * 100)
    target = make_engine(f"sqlite:///{notes}")
    with pytest.raises(DatabaseError, match="is not a SQLite database"):
        restore_database(target, backup, force=True)
    target.dispose()
    engine.dispose()
    assert notes.read_bytes() == b"my notes, not a database " * 100


def _damage_after_first_page(path) -> bytes:
    """Every page after the first overwritten (no valid page type): SQLite sees its header,
    cannot read its schema. Returns the damaged bytes."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_restore_force_replaces_a_damaged_database_and_keeps_it_aside(sqlite_db, tmp_path):
    """Review of 2026-12-03: the message for a damaged database recommends `db restore`,
    which refused it as "not a SQLite database", --force or not. Without --force it is now
    refused as damaged, unchanged; with it the backup takes its place and the damaged file
    is kept as NAME.damaged."""
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    expected = checksums(engine)
    engine.dispose()
    live = tmp_path / "test.db"
    damaged = _damage_after_first_page(live)
    target = make_engine(sqlite_db.url)
    with pytest.raises(ConflictError, match=r"test\.db is damaged.*give --force"):
        restore_database(target, backup, clerk="李书记员")
    assert live.read_bytes() == damaged
    result = restore_database(target, backup, force=True, clerk="李书记员")
    assert result.set_aside == tmp_path / "test.db.damaged"
    assert result.set_aside.read_bytes() == damaged
    assert checksums(target) == expected
    target.dispose()


def test_a_second_damaged_database_is_kept_under_a_free_name(sqlite_db, tmp_path):
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    engine.dispose()
    live = tmp_path / "test.db"
    (tmp_path / "test.db.damaged").write_bytes(b"an earlier one")
    damaged = _damage_after_first_page(live)
    target = make_engine(sqlite_db.url)
    result = restore_database(target, backup, force=True)
    target.dispose()
    assert result.set_aside == tmp_path / "test.db.damaged-2"
    assert result.set_aside.read_bytes() == damaged
    assert (tmp_path / "test.db.damaged").read_bytes() == b"an earlier one"


def test_a_damaged_database_is_not_set_aside_for_a_bad_backup(sqlite_db, tmp_path):
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    engine.dispose()
    live = tmp_path / "test.db"
    damaged = _damage_after_first_page(live)
    newer = _newer(backup, tmp_path)
    target = make_engine(sqlite_db.url)
    with pytest.raises(ValidationError, match="newer than this version"):
        restore_database(target, newer, force=True)
    target.dispose()
    assert live.read_bytes() == damaged
    assert not list(tmp_path.glob("test.db.damaged*"))


def test_restore_fills_an_empty_file_as_a_new_database(sqlite_db, tmp_path):
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    empty = tmp_path / "empty.db"
    empty.touch()
    target = make_engine(f"sqlite:///{empty}")
    restore_database(target, backup)
    assert checksums(target) == checksums(engine)
    target.dispose()
    engine.dispose()


def _newer(backup, tmp_path):
    newer = tmp_path / "newer.db"
    shutil.copyfile(backup, newer)
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return newer


def test_a_backup_of_a_newer_schema_is_refused_before_the_database_is_touched(sqlite_db, tmp_path):
    """Review of 2026-12-03: `db restore --force` of a backup at schema 9999 replaced the
    live database, then said 请升级 mediate: the live database was lost."""
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    newer = _newer(backup, tmp_path)
    before = checksums(engine)
    with pytest.raises(ValidationError, match="schema 9999, newer than this version"):
        restore_database(engine, newer, force=True)
    assert checksums(engine) == before
    engine.dispose()


def test_a_refused_backup_leaves_no_new_database_file_behind(sqlite_db, tmp_path):
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    newer = _newer(backup, tmp_path)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(backup.read_bytes()[: 100 * 1024])
    fresh = tmp_path / "fresh.db"
    for refused, reason in ((newer, "newer than this version"), (damaged, "damaged")):
        target = make_engine(f"sqlite:///{fresh}")
        with pytest.raises(ValidationError, match=reason):
            restore_database(target, refused)
        target.dispose()
        assert sorted(p.name for p in tmp_path.glob("fresh.db*")) == []
    engine.dispose()


def test_restore_refuses_a_database_of_a_schema_it_does_not_know(sqlite_db, tmp_path):
    engine, backup = _sqlite_engine_with_backup(sqlite_db, tmp_path)
    engine.dispose()
    live = tmp_path / "test.db"
    connection = sqlite3.connect(live)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = live.read_bytes()
    target = make_engine(sqlite_db.url)
    with pytest.raises(DatabaseError, match="schema 9999, which this version"):
        restore_database(target, backup, force=True)
    target.dispose()
    assert live.read_bytes() == before


def test_a_pg_dump_of_a_newer_schema_is_refused_before_the_database_is_touched(
    engine, database, tmp_path
):
    if database.backend != "postgresql":
        pytest.skip("the pg_dump archive's revision; SQLite's is tested above")
    from sqlalchemy import text

    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    newer = tmp_path / "newer.dump"
    pg_backup(engine, newer)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()}
        )
    before = checksums(engine)
    with pytest.raises(ValidationError, match="schema 9999, newer than this version"):
        restore_database(engine, newer, force=True)
    assert checksums(engine) == before


def _older_backup(engine, tmp_path, revision="0019"):
    """A backup of the filled database as an older mediate wrote it: at schema `revision`
    (before 0020's deadline_unit). SQLite: the backup downgraded (without the foreign-key
    pragma, as SQLite rebuilds a table to drop a column); PostgreSQL: the database
    downgraded, dumped, and upgraded back."""
    from alembic import command
    from sqlalchemy import create_engine

    from mediate.store.migrate import alembic_config

    older = tmp_path / "last-month.bin"
    if engine.dialect.name == "sqlite":
        backup_database(engine, older)
        plain = create_engine(f"sqlite:///{older}")
        command.downgrade(alembic_config(plain), revision)
        plain.dispose()
    else:
        command.downgrade(alembic_config(engine), revision)
        pg_backup(engine, older)
        upgrade(engine)
    return older


def _cases(engine) -> list[tuple]:
    with Session(engine) as session:
        rows = session.exec(select(CaseRow).order_by(CaseRow.id)).all()
        return [(row.id, row.court_case_no, row.cause, row.deadline_unit) for row in rows]


def test_a_backup_of_an_older_schema_is_restored_and_upgraded_to_head(engine, tmp_path):
    """Review of 2026-12-03: restoring last month's backup (before migration 0020) replaced
    the live database, then every command said it needed `db upgrade`."""
    cases = _cases(engine)
    older = _older_backup(engine, tmp_path)
    with Session(engine) as session:
        session.add(CaseRow.model_validate({**_case_fields(session), "court_case_no": "新"}))
        session.commit()
    result = restore_database(engine, older, force=True)
    assert (result.upgraded_from, result.revision) == ("0019", head_revision())
    assert _cases(engine) == cases  # the backup's cases, the one added after it gone


def _case_fields(session) -> dict:
    row = session.exec(select(CaseRow)).first()
    return {k: v for k, v in row.model_dump().items() if k != "id"}


def test_a_backup_at_head_says_it_was_not_upgraded(engine, tmp_path):
    backup = tmp_path / "now.bin"
    backup_database(engine, backup)
    result = restore_database(engine, backup, force=True)
    assert (result.upgraded_from, result.revision) == (None, head_revision())


def test_an_older_backup_whose_upgrade_fails_leaves_the_database_untouched(
    sqlite_db, tmp_path, monkeypatch
):
    from alembic import command
    from sqlalchemy.exc import OperationalError

    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    fill(engine)
    older = _older_backup(engine, tmp_path)
    before = checksums(engine)

    def fails(*args, **kwargs):
        raise OperationalError("ALTER TABLE cases", {}, Exception("disk I/O error"))

    monkeypatch.setattr(command, "upgrade", fails)
    with pytest.raises(ValidationError, match="older schema and its upgrade failed"):
        restore_database(engine, older, force=True)
    monkeypatch.undo()
    assert checksums(engine) == before
    assert older.read_bytes()[:16] == b"SQLite format 3\x00"
    engine.dispose()


def test_db_restore_of_an_older_backup_says_it_upgraded_it(sqlite_db, tmp_path, cli):
    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    fill(engine)
    older = _older_backup(engine, tmp_path)
    engine.dispose()
    result = cli(
        ["--db", sqlite_db.url, "db", "restore", str(older), "--force"], env={"MEDIATE_LANG": "zh"}
    )
    assert result.exit_code == 0, result.output
    assert f"结构版本从 0019 升级到 {head_revision()}" in result.output
    assert cli(["--db", sqlite_db.url, "case", "list"]).exit_code == 0
