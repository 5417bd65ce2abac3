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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from mediate.errors import DatabaseError, ValidationError
from mediate.files import os_reason, replacing, sqlite_files
from mediate.i18n import _
from mediate.store.failures import damage

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


def sqlite_revision(path: Path) -> str | None:
    """The Alembic revision a SQLite file holds, read only; None without one (another
    program's file, an empty one). A file SQLite cannot read raises sqlite3.Error."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if found is None:
            return None
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None
    finally:
        connection.close()


def sqlite_tables(path: Path) -> list[str]:
    """The tables of a SQLite file, read only (sqlite3.Error for a file SQLite cannot read)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        return [str(row[0]) for row in rows]
    finally:
        connection.close()


def sqlite_has_schema(path: Path) -> bool:
    """Does the SQLite file hold a mediate database (an Alembic revision)?"""
    try:
        return sqlite_revision(path) is not None
    except sqlite3.Error:
        return False


class DamagedDatabase(DatabaseError):
    """A file with SQLite's header that SQLite cannot read (or whose register cannot be
    read): `db restore --force` sets it aside and restores in its place."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[DamagedDatabase], tuple[Path, str]]:
        # rebuilt from its own arguments (an error may cross into another process)
        return type(self), (self.path, self.reason)


def check_sqlite_target(path: Path) -> str | None:
    """What `db restore` would replace: None for a new database (no file, an empty file,
    a SQLite file without tables), else its revision. Raises a DatabaseError for a file
    that is not a mediate database (another program's, or not SQLite): a restore never
    replaces it, whatever --force says (review of 2026-12-03: another program's
    payroll.db was overwritten); DamagedDatabase for a SQLite file SQLite cannot read
    (review of 2026-12-03: the damaged database the clerk is told to restore was
    refused as "not SQLite"), unless it can still tell that the tables are another
    program's, or one that opens but fails SQLite's integrity check (it is set aside with
    --force, as the unreadable one is, never overwritten in place)."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            sqlite = fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
        if not sqlite:
            raise DatabaseError(
                _(
                    "{path} is not a SQLite database (another program's file, or a damaged "
                    "one): mediate will not restore over it. Move it away or choose another "
                    "file with --db."
                ).format(path=path)
            )
        try:
            tables = sqlite_tables(path)
        except sqlite3.Error as exc:
            raise DamagedDatabase(path, damage(str(exc))) from exc
        if tables and "alembic_version" not in tables:
            shown = _(", ").join(tables[:5]) + (_(", ") + "…" if len(tables) > 5 else "")
            raise DatabaseError(
                _(
                    "{path} is not a mediate database: it holds another program's tables "
                    "({tables}). mediate will not restore over it, even with --force; choose "
                    "another file with --db."
                ).format(path=path, tables=shown)
            )
        try:
            revision = sqlite_revision(path)
            if "clerks" in tables:  # the register the restore asks (access.py)
                _read_register(path)
            finding = _integrity(path) if revision is not None else None
        except sqlite3.Error as exc:
            raise DamagedDatabase(path, damage(str(exc))) from exc
        if finding is not None:  # it opens, but it is not whole: set aside, not overwritten
            raise DamagedDatabase(
                path, _("its integrity check fails: {finding}").format(finding=finding)
            )
    except OSError as exc:
        raise DatabaseError(
            _("Cannot read the database {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    return revision


def _read_register(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.execute("SELECT name, org_id, role, active FROM clerks").fetchall()
    finally:
        connection.close()


def set_aside(path: Path) -> Path:
    """Move a damaged database and its journals to NAME.damaged (NAME.damaged-2, …, the
    first free name), journals renamed to match so SQLite still reads them together;
    the new name."""
    aside = path.with_name(path.name + ".damaged")
    number = 1
    while any(p.exists() for p in sqlite_files(aside)):
        number += 1
        aside = path.with_name(f"{path.name}.damaged-{number}")
    try:
        for old, new in zip(sqlite_files(path), sqlite_files(aside), strict=True):
            if old.exists():
                old.rename(new)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot move the damaged database {path} aside: {reason}").format(
                path=path, reason=os_reason(exc)
            )
        ) from exc
    return aside


@contextmanager
def checked_sqlite_backup(backup: Path) -> Iterator[Path]:
    """The backup copied alone into a private directory, once it is
    known to be whole and ours: SQLite reads it, it holds a mediate schema this version
    knows, and its integrity check passes — all before the database is touched (review
    of 2026-12-03: a backup of a newer schema replaced the live database, then was
    refused). SQLite replays a -wal it finds beside a file it opens, and a stale one left
    beside the backup by another program would be restored with it: hence the copy."""
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
        try:
            revision = sqlite_revision(alone)
            damage = _integrity(alone) if revision is not None else None
        except sqlite3.Error as exc:
            raise ValidationError(
                _("The backup {path} is damaged: SQLite cannot read it ({reason}).").format(
                    path=backup, reason=exc
                )
            ) from exc
        check_backup_revision(backup, revision, "sqlite")
        if damage is not None:
            raise ValidationError(
                _("The backup {path} is damaged ({reason}); nothing was changed.").format(
                    path=backup, reason=damage
                )
            )
        yield alone


def check_backup_revision(backup: Path, revision: str | None, kind: str) -> None:
    """A backup (of `kind`, sqlite or pg_dump) holding `revision` is a mediate database
    of a schema this version knows, or a ValidationError says which it is not."""
    from mediate.store.migrate import known_revision

    if revision is None:
        if kind == "sqlite":
            message = _("{path} is a SQLite file but not a mediate database.")
        else:
            message = _("{path} is a pg_dump archive but not of a mediate database.")
        raise ValidationError(message.format(path=backup))
    if not known_revision(revision):
        raise ValidationError(
            _(
                "The backup {path} has schema {rev}, newer than this version of mediate "
                "knows: upgrade mediate, then restore it. Nothing was changed."
            ).format(path=backup, rev=revision)
        )


def _integrity(path: Path) -> str | None:
    """SQLite's integrity check of a file: None when it is whole, else its first finding."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        first = connection.execute("PRAGMA integrity_check(1)").fetchone()
    finally:
        connection.close()
    found = str(first[0]) if first else "?"
    return None if found == "ok" else found


def sqlite_restore(
    engine: Engine, backup: Path, damaged: Path | None = None
) -> tuple[str, Path | None]:
    """Replace the database's content with the backup's (checked first,
    `checked_sqlite_backup`), through the backup API (so the database file stays
    consistent for anybody who has it open). A backup of an older schema is upgraded to
    this version's head in its private copy first, through the migrations `db upgrade`
    runs, and checked again (review of 2026-12-03: last month's backup replaced the live
    database, then every command said it needed an upgrade): a failed upgrade leaves the
    database as it was. A `damaged` database file is set aside then, once the backup is
    known good (`set_aside`). Returns the revision the backup held and where a damaged
    file went."""
    with checked_sqlite_backup(backup) as alone:
        revision = sqlite_revision(alone)
        assert revision is not None  # checked_sqlite_backup refuses a file without one
        _upgrade_copy(backup, alone)
        aside = None
        if damaged is not None:
            engine.dispose()
            aside = set_aside(damaged)
        _copy_into(engine, alone)
    return revision, aside


def _upgrade_copy(backup: Path, copy: Path) -> None:
    """Upgrade the private copy of `backup` to head (nothing when it is there), then check
    it whole and at head; a ValidationError says why not, nothing else changed."""
    from mediate.store.engine import make_engine
    from mediate.store.migrate import SCHEMA_HEAD, upgrade

    if sqlite_revision(copy) == SCHEMA_HEAD:
        return
    engine = make_engine(f"sqlite:///{copy}")
    try:
        upgrade(engine)
    except DatabaseError as exc:
        raise _upgrade_failed(backup, exc) from exc
    finally:
        engine.dispose()
    connection = sqlite3.connect(copy)  # the live file keeps its own journal mode
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    damage = _integrity(copy)
    if damage is not None or sqlite_revision(copy) != SCHEMA_HEAD:
        raise _upgrade_failed(backup, damage or sqlite_revision(copy))


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


def _upgrade_failed(backup: Path, reason: object) -> ValidationError:
    return ValidationError(
        _(
            "The backup {path} is of an older schema and its upgrade failed ({reason}); "
            "nothing was changed."
        ).format(path=backup, reason=reason)
    )


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


def pg_backup_revision(backup: Path) -> str | None:
    """The Alembic revision a pg_dump archive holds (its alembic_version rows, read by
    pg_restore into a script, no database touched); None without one."""
    tool = _tool("pg_restore")
    done = subprocess.run(
        [tool, "--data-only", "--table=alembic_version", "--file=-", str(backup)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise ValidationError(
            _("The backup {path} is damaged: pg_restore cannot read it ({reason}).").format(
                path=backup, reason=lines[-1] if lines else done.returncode
            )
        )
    rows: list[str] = []
    copying = False
    for line in done.stdout.splitlines():
        if line.startswith("COPY ") and "alembic_version" in line:
            copying = True
        elif copying and line == "\\.":
            break
        elif copying:
            rows.append(line.strip())
    return rows[0] if len(rows) == 1 else None


def pg_restore(engine: Engine, backup: Path, clean: bool) -> None:
    tool = _tool("pg_restore")
    dsn, env = _libpq(engine.url)
    engine.dispose()
    command = [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, f"--dbname={dsn}", str(backup)], env, "pg_restore")
