"""What a database failure means to the clerk: a sentence instead of "unexpected error".

A held lock, a file that is no database, a damaged one: each is the user's situation, not
a bug, so the one error handler (`cli.run`) asks `explain` before reporting exit 3.
"""

from __future__ import annotations

import re
import sqlite3
import sys

from mediate.errors import DatabaseError
from mediate.i18n import _

# The database the command opened, for the messages (set by AppContext.engine).
_where: list[str] = []

_SQLITE_BUSY = ("database is locked", "database table is locked", "database schema is locked")
_SQLITE_DAMAGED = (
    "file is not a database",
    "database disk image is malformed",
    "file is encrypted or is not a database",
    "unsupported file format",
    "malformed database schema",
)
# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_RELATION = r'relation "([^"]+)"'
# PostgreSQL SQLSTATEs: lock_not_available (lock_timeout), deadlock_detected.
_PG_LOCK_TIMEOUT, _PG_DEADLOCK = "55P03", "40P01"


def remember(description: str) -> None:
    _where[:] = [description]


def _database() -> str:
    return _where[0] if _where else _("the database")


_SQLITE_FILE = r"sqlite(\+\w+)?:///(?P<path>[^?]+)(\?.*)?"


def _file() -> str:
    """The database as the clerk typed it: a SQLite file's plain path, not its URL."""
    db = _database()
    found = re.fullmatch(_SQLITE_FILE, db)
    return found["path"] if found else db


def damage(first: str) -> str:
    """SQLite's reason a file cannot be read, in the interface language."""
    lowered = first.lower()
    if "encrypted" in lowered:
        return _("the file is encrypted or is not a database")
    if "not a database" in lowered:
        return _("the file is not a database")
    if "unsupported file format" in lowered:
        return _("an unsupported file format")
    if "malformed" in lowered:
        return _("the file is damaged")
    return first


def _driver_error(exc: BaseException) -> BaseException | None:
    # SQLAlchemy wraps the driver's error only where it was imported: the DB-API paths
    # (store/dbapi.py) ask too and must not import it
    wrapped = sys.modules.get("sqlalchemy.exc")
    if wrapped is not None and isinstance(exc, wrapped.DBAPIError):
        return getattr(exc, "orig", None)
    if isinstance(exc, sqlite3.Error):
        return exc
    module = type(exc).__module__
    return exc if module.startswith("psycopg") else None


def explain(exc: BaseException) -> DatabaseError | None:
    """The user-facing error for a database failure they can act on; None for a bug."""
    orig = _driver_error(exc)
    if orig is None:
        return None
    text = str(orig).strip()
    first = text.splitlines()[0] if text else ""
    lowered = first.lower()
    if isinstance(orig, sqlite3.Error):
        if any(s in lowered for s in _SQLITE_BUSY):
            return DatabaseError(
                _(
                    "The database {db} is locked: another mediate (or another program) is "
                    "writing to it and did not finish within the lock timeout. Try again when "
                    "it has finished (MEDIATE_LOCK_TIMEOUT sets how many seconds to wait)."
                ).format(db=_database())
            )
        if any(s in lowered for s in _SQLITE_DAMAGED):
            return DatabaseError(
                _(
                    "{db} is not a mediate database, or it is damaged ({reason}). Point --db "
                    "at the right file, or restore a backup with `mediate db restore`."
                ).format(db=_file(), reason=damage(first))
            )
        return None
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate == _PG_LOCK_TIMEOUT:
        diag = getattr(orig, "diag", None)
        context = getattr(diag, "context", None) or text
        found = re.search(_RELATION, context)
        what = found.group(1) if found else _("the records this command changes")
        return DatabaseError(
            _(
                "Gave up waiting for a lock on {what} in {db}: another connection holds it in "
                "a transaction that has not finished (another clerk's change, or a session "
                "left open). Try again later (MEDIATE_LOCK_TIMEOUT sets how many seconds "
                "to wait)."
            ).format(what=what, db=_database())
        )
    if sqlstate == _PG_DEADLOCK:
        return DatabaseError(
            _(
                "Another clerk's change to the same records collided with this one in {db}; "
                "nothing was changed. Run the command again."
            ).format(db=_database())
        )
    return None
