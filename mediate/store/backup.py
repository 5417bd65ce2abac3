"""Backups of the database file (SQLite) or of the PostgreSQL database (pg_dump).

SQLite uses the online backup API: a consistent copy page by page while other clerks keep
writing. PostgreSQL uses pg_dump's custom format and pg_restore. A backup is written next
to its final name and renamed into place, so a failed backup never leaves half a file;
the journals of an old file of that name are removed first (`remove_journals`).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from mediate.errors import DatabaseError, ValidationError
from mediate.files import os_reason, replacing, sqlite_files
from mediate.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


def backup_format(path: Path) -> str:
    """'sqlite' or 'pg_dump', from the file's first bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ValidationError(
            _("Cannot read the backup {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "pg_dump"
    raise ValidationError(
        _("{path} is not a mediate backup (neither a SQLite file nor a pg_dump archive).").format(
            path=path
        )
    )


def sqlite_backup(engine: Engine, dest: Path) -> None:
    """Copy the live SQLite database into `dest` with the online backup API."""
    source = engine.raw_connection()
    try:
        live = source.driver_connection
        assert isinstance(live, sqlite3.Connection)
        with replacing(dest) as partial:
            copy = sqlite3.connect(partial)
            try:
                live.backup(copy)  # one step: a consistent snapshot; WAL writers go on
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
            remove_journals(dest)
    except sqlite3.Error as exc:
        raise DatabaseError(_("The backup failed: {reason}").format(reason=exc)) from exc
    finally:
        source.close()


def remove_journals(database: Path) -> None:
    """Remove what SQLite left beside an old file of that name (`engine.SQLITE_JOURNALS`),
    just before a new file is renamed over it: the first open of the new file would replay
    an old -wal (or roll back a hot -journal) into it — review of 2026-12-03: `db backup
    b.db --force` beside a killed writer's b.db-wal left an 8 KB uninitialised database."""
    for journal in sqlite_files(database)[1:]:
        try:
            journal.unlink(missing_ok=True)
        except OSError as exc:
            raise DatabaseError(
                _("Cannot remove the old journal {path}: {reason}").format(
                    path=journal, reason=os_reason(exc)
                )
            ) from exc


def sqlite_has_schema(path: Path) -> bool:
    """Does the SQLite file hold a mediate database (an Alembic revision)?"""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        return found is not None
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def sqlite_restore(engine: Engine, backup: Path) -> None:
    """Replace the database's content with the backup's, through the backup API (so the
    database file stays consistent for anybody who has it open). The backup file is read
    alone: SQLite replays a -wal it finds beside a file it opens, and a stale one left
    beside the backup by another program would be restored with it, so the file is copied
    to a private directory and read there."""
    with tempfile.TemporaryDirectory(prefix="mediate-restore-") as private:
        alone = Path(private) / "backup.db"
        try:
            shutil.copyfile(backup, alone)
        except OSError as exc:
            raise ValidationError(
                _("Cannot read the backup {path}: {reason}").format(
                    path=backup, reason=os_reason(exc)
                )
            ) from exc
        if not sqlite_has_schema(alone):
            raise ValidationError(
                _("{path} is a SQLite file but not a mediate database.").format(path=backup)
            )
        _copy_into(engine, alone)


def _copy_into(engine: Engine, backup: Path) -> None:
    engine.dispose()
    source = sqlite3.connect(backup)
    target = engine.raw_connection()
    try:
        live = target.driver_connection
        assert isinstance(live, sqlite3.Connection)
        source.backup(live)
    except sqlite3.Error as exc:
        raise DatabaseError(_("The restore failed: {reason}").format(reason=exc)) from exc
    finally:
        target.close()
        source.close()
        engine.dispose()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError(
            _(
                "{tool} is not on PATH; it comes with the PostgreSQL client tools "
                "(e.g. `apt install postgresql-client`). Install them, or back up with "
                "your database server's own tools."
            ).format(tool=name)
        )
    return found


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it
    (so it never shows in the process list)."""
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        raise DatabaseError(_("{what} failed: {reason}").format(what=what, reason=reason))


def pg_backup(engine: Engine, dest: Path) -> None:
    tool = _tool("pg_dump")
    dsn, env = _libpq(engine.url)
    with replacing(dest) as partial:
        _run(
            [
                tool,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={partial}",
                f"--dbname={dsn}",
            ],
            env,
            "pg_dump",
        )


def pg_restore(engine: Engine, backup: Path, clean: bool) -> None:
    tool = _tool("pg_restore")
    dsn, env = _libpq(engine.url)
    engine.dispose()
    command = [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, f"--dbname={dsn}", str(backup)], env, "pg_restore")
