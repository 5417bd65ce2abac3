"""`mediate db backup FILE` and `mediate db restore FILE`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from mediate.errors import ConflictError, DatabaseError, ValidationError
from mediate.files import refuse_existing, sqlite_file
from mediate.i18n import _
from mediate.services.access import require_database_admin
from mediate.store import backup as store
from mediate.store import rls
from mediate.store.engine import describe
from mediate.store.migrate import (
    SCHEMA_HEAD,
    check_schema,
    current_revision,
    known_revision,
    refuse_foreign_tables,
    upgrade,
)
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
    set_aside: Path | None = None  # where a damaged database file was moved (SQLite)
    upgraded_from: str | None = None  # the backup's older schema, upgraded to head


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


def restore_database(
    engine: Engine,
    backup: Path,
    force: bool = False,
    clerk: str | None = None,
    org: str | None = None,
) -> RestoreResult:
    """Replace the database with the backup. In this order, nothing changed until the
    last step: the backup is a file of the database's kind; the database is new or a
    mediate database (never another program's, whatever `force`); `clerk` (when given)
    is an admin of its register (`access.require_database_admin`); it holds no data
    unless `force`; the backup is whole, ours and of a schema this version knows.
    A damaged SQLite database (SQLite's header, but SQLite cannot read it or its register)
    is replaced only with `force`, without asking its register (it cannot be read), and
    is kept aside as NAME.damaged (review of 2026-12-03: the restore that the message for
    a damaged database recommends refused it). A backup of an older schema is upgraded
    to head in the same command (`store.sqlite_restore`, `_upgrade_restored`)."""
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
    damaged: store.DamagedDatabase | None = None
    try:
        present = _check_target(engine)
    except store.DamagedDatabase as exc:
        present, damaged = None, exc
    if damaged is not None and not force:
        raise ConflictError(
            _(
                "The database {path} is damaged ({reason}); give --force to replace it with "
                "the backup (the damaged file is kept beside it as {name})."
            ).format(path=damaged.path, reason=damaged.reason, name=damaged.path.name + ".damaged")
        )
    if present is not None and clerk is not None:
        require_database_admin(engine, clerk, org)
    if present is not None and not force:
        raise ConflictError(
            _(
                "The database {db} already holds a mediate database; give --force to "
                "replace its content with the backup."
            ).format(db=describe(engine))
        )
    aside = None
    held: str | None
    if kind == "sqlite":
        # upgraded before the file is touched
        held, aside = store.sqlite_restore(engine, backup, damaged.path if damaged else None)
        logins = 0
    else:
        held = store.pg_backup_revision(backup)
        store.check_backup_revision(backup, held, kind)
        store.pg_restore(engine, backup, clean=force)
        _upgrade_restored(engine, backup, held)
        logins = _regrant_logins(engine)
    check_schema(engine)
    revision = current_revision(engine)
    return RestoreResult(
        path=backup,
        database=describe(engine),
        revision=revision,
        clerk_logins=logins,
        set_aside=aside,
        upgraded_from=held if held != revision else None,
    )


def _upgrade_restored(engine: Engine, backup: Path, held: str | None) -> None:
    """PostgreSQL: a backup of an older schema is upgraded to head right after
    pg_restore, in the same command, through the migrations `db upgrade` runs (each in
    one transaction). pg_restore writes into the database itself, so unlike SQLite's
    private copy the upgrade cannot come first: should it fail, the database holds the
    backup at its own schema and the error says so, and `db upgrade` finishes it."""
    if held == SCHEMA_HEAD:
        return
    try:
        upgrade(engine)
    except DatabaseError as exc:
        raise DatabaseError(
            _(
                "The backup {path} was restored into {db} at its schema {rev}, but its "
                "upgrade failed ({reason}); fix the cause, then run `mediate db upgrade`."
            ).format(path=backup, db=describe(engine), rev=held, reason=exc)
        ) from exc


def _check_target(engine: Engine) -> str | None:
    """The revision of the database a restore would replace; None for a new one. Refuses
    another program's database and a newer mediate's (whose schema this version does
    not know), read without changing them (a SQLite file is not even opened for
    writing: opening it would set its journal mode)."""
    path = sqlite_file(engine.url.render_as_string(hide_password=False))
    if path is not None:
        revision = store.check_sqlite_target(path)
    else:
        revision = current_revision(engine)
        if revision is None:
            refuse_foreign_tables(engine)
    if revision is not None and not known_revision(revision):
        raise DatabaseError(
            _(
                "The database {db} has schema {rev}, which this version of mediate does not "
                "know (a newer mediate's, or another program's): it will not restore over "
                "it. Restore with the newer mediate, or choose another database."
            ).format(db=describe(engine), rev=revision)
        )
    return revision


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
