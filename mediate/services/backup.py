"""`mediate db backup FILE` and `mediate db restore FILE`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from mediate.errors import ConflictError, DatabaseError, ValidationError
from mediate.files import refuse_existing
from mediate.i18n import _
from mediate.store import backup as store
from mediate.store import rls
from mediate.store.engine import describe
from mediate.store.migrate import check_schema, current_revision
from mediate.store.tables import ClerkRow


@dataclass(frozen=True)
class BackupResult:
    path: Path
    method: str  # sqlite-backup-api | pg_dump
    size: int


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    database: str
    revision: str | None
    clerk_logins: int  # database logins given their privileges again (PostgreSQL)


def backup_database(engine: Engine, dest: Path, force: bool = False) -> BackupResult:
    check_schema(engine)
    refuse_existing(dest, force)
    if dest.is_dir() and not dest.is_symlink():  # a link is replaced itself, never followed
        raise ValidationError(_("{path} is a directory; name a file.").format(path=dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        if not engine.url.database or engine.url.database == ":memory:":
            raise DatabaseError(_("An in-memory database cannot be backed up."))
        store.sqlite_backup(engine, dest)
        method = "sqlite-backup-api"
    else:
        store.pg_backup(engine, dest)
        method = "pg_dump"
    return BackupResult(path=dest, method=method, size=dest.stat().st_size)


def restore_database(engine: Engine, backup: Path, force: bool = False) -> RestoreResult:
    """Replace the database with the backup. Refuses a database holding data unless
    `force`."""
    if backup.is_dir():
        raise ValidationError(_("{path} is a directory; name a file.").format(path=backup))
    if backup.exists() and not backup.is_file():  # /dev/null, a pipe: no backup in it
        raise ValidationError(_("{path} is not a file; name a backup file.").format(path=backup))
    if not backup.is_file():
        raise ValidationError(_("There is no backup file {path}.").format(path=backup))
    kind = store.backup_format(backup)
    backend = engine.dialect.name
    if (kind == "sqlite") != (backend == "sqlite"):
        raise ValidationError(
            _(
                "{path} is a {kind} backup and cannot be restored into {backend}; "
                "restore it into a database of its kind, then use `mediate db copy`."
            ).format(path=backup, kind=kind, backend=backend)
        )
    if current_revision(engine) is not None and not force:
        raise ConflictError(
            _(
                "The database {db} already holds a mediate database; give --force to "
                "replace its content with the backup."
            ).format(db=describe(engine))
        )
    if kind == "sqlite":
        store.sqlite_restore(engine, backup)
        logins = 0
    else:
        store.pg_restore(engine, backup, clean=force)
        logins = _regrant_logins(engine)
    check_schema(engine)
    return RestoreResult(
        path=backup,
        database=describe(engine),
        revision=current_revision(engine),
        clerk_logins=logins,
    )


def _regrant_logins(engine: Engine) -> int:
    """Backups leave privileges out (roles belong to the server, not the database): give
    the clerks' existing logins their privileges in the restored database again."""
    count = 0
    with engine.begin() as connection:
        roles = connection.execute(
            select(ClerkRow.db_role).where(col(ClerkRow.db_role).is_not(None), col(ClerkRow.active))
        ).scalars()
        for role in list(roles):
            if role and rls.role_exists(connection, role):
                rls.grant_clerk_privileges(connection, role)
                count += 1
    return count
