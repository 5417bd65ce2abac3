"""Wrong input gives one clear sentence and the exit codes of DESIGN.md §1."""

from pathlib import Path


def test_an_unknown_command_is_a_usage_error(cli):
    result = cli(["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_an_unsupported_database_url_is_one_sentence(cli):
    result = cli(["--db", "mysql://x@y/z", "init"])
    assert result.exit_code == 1
    assert "Unsupported database 'mysql'" in result.stderr
    assert "Traceback" not in result.output


def test_a_database_under_a_file_cannot_be_created(cli, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = cli(["--db", str(blocker / "mediate.db"), "init"])
    assert result.exit_code == 1
    assert "Cannot create the data directory" in result.stderr


def test_a_database_from_a_newer_schema_is_refused(cli, tmp_path):
    import sqlite3

    db = tmp_path / "future.db"
    assert cli(["--db", str(db), "init"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    result = cli(["--db", str(db), "db", "upgrade"])
    assert result.exit_code == 1
    assert "newer than this version of mediate" in result.stderr


def test_an_uninitialised_database_says_to_run_init(tmp_path):
    import pytest

    from mediate.errors import DatabaseError
    from mediate.store.engine import make_engine
    from mediate.store.migrate import check_schema

    engine = make_engine(f"sqlite:///{Path(tmp_path, 'empty.db')}")
    with pytest.raises(DatabaseError, match="run `mediate init` first"):
        check_schema(engine)


def test_an_unexpected_error_exits_3_and_writes_the_log(cli, monkeypatch, tmp_path):
    import mediate.services.setup as setup

    def boom(*_a, **_k):
        raise RuntimeError("simulated")

    monkeypatch.setattr(setup, "initialise", boom)
    result = cli(["--db", str(tmp_path / "x.db"), "init"])
    assert result.exit_code == 3
    assert "Unexpected error: RuntimeError" in result.stderr
    log = Path(__import__("os").environ["MEDIATE_LOG"])
    assert "simulated" in log.read_text(encoding="utf-8")
