"""Opening the database: SQLite (embedded default) or PostgreSQL (shared deployment)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from mediate.errors import DatabaseError
from mediate.files import os_reason, sqlite_file
from mediate.files import sqlite_files as sqlite_files  # where the callers import it
from mediate.i18n import _
from mediate.store.dbapi import pg_session_settings

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(busy_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _pg_session(lock_ms: int) -> Any:
    """Each new connection set up as `pg_session_settings` says."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(pg_session_settings(lock_ms))
        cursor.close()
        dbapi_connection.commit()

    return on_connect


def missing_sqlite_file(url: str) -> bool:
    """True when `url` names a SQLite file that does not exist (yet)."""
    path = sqlite_file(url)
    return path is not None and not path.exists()


def _check_sqlite_path(database: str | None) -> None:
    if not database or database == ":memory:":
        return
    path = Path(database)
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            _(
                "Cannot create the data directory {dir}: {reason}. Choose another place with "
                "--db or MEDIATE_DB."
            ).format(dir=parent, reason=os_reason(exc))
        ) from exc
    target = path if path.exists() else parent
    import os

    if not os.access(target, os.W_OK):
        raise DatabaseError(
            _(
                "The database {path} is not writable by this user. Choose another place with "
                "--db or MEDIATE_DB."
            ).format(path=path)
        )


def make_engine(url: str, lock_timeout: float | None = None, **kwargs: Any) -> Engine:
    """An engine for `url`, with SQLite pragmas (WAL, foreign keys, busy timeout) or
    PostgreSQL's lock_timeout; `lock_timeout` in seconds (default 10)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(
            _(
                "{url!r} is not a database location: give a file path or a URL such as "
                "postgresql+psycopg://user@host/dbname."
            ).format(url=url)
        ) from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(
            _("Unsupported database {backend!r}: use SQLite (a file path) or PostgreSQL.").format(
                backend=backend
            )
        )
    if backend == "sqlite":
        _check_sqlite_path(parsed.database)
        if not parsed.database or parsed.database == ":memory:":
            kwargs.setdefault("poolclass", StaticPool)
            kwargs.setdefault("connect_args", {"check_same_thread": False})
    elif parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        # Parameters (identity numbers, phones) stay out of error messages and logs.
        kwargs.setdefault("hide_parameters", True)
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise DatabaseError(
            _("The driver for {url} is not installed: pip install 'mediate[pg]'.").format(
                url=parsed.render_as_string(hide_password=True)
            )
        ) from exc
    wait_ms = SQLITE_BUSY_TIMEOUT_MS if lock_timeout is None else int(lock_timeout * 1000)
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(wait_ms))
    else:
        event.listen(engine, "connect", _pg_session(wait_ms))
    return engine


def describe(engine: Engine) -> str:
    """The database location for messages, password hidden."""
    return engine.url.render_as_string(hide_password=True)
