"""Reading the database over plain DB-API (sqlite3, psycopg), without SQLAlchemy.

The everyday reads (`case show`, `case list`, `case find`, `today`, `org list`) are SQL
over a `Reader`: the same functions serve the light entry (`mediate/quick.py`, which
imports neither SQLAlchemy, SQLModel nor pydantic) and the full Typer commands (which get
a `Reader` on their unit of work's connection, `Reader.of_session`). Writes keep the unit
of work.

How to use it for another read (e.g. a report):

- `open_reader(settings)` opens the database the settings name (option > env > config
  file > default, `mediate.config.load_settings`), with the same pragmas / lock timeout as
  `store/engine.py`, and checks the schema head with plain SQL (`SCHEMA_HEAD`). Anything
  it cannot decide alike the full path — no file, another schema, a driver missing, a
  damaged file — raises `NeedsFullPath`: the caller runs the full command, whose messages
  are the authority.
- SQL is written with `?` placeholders; `Reader` turns them into `%s` for psycopg. Never
  put a literal `%` or `?` in the SQL text: pass values as parameters (`contains()`).
- What the clerk sees: `services/who.py` (`identity`, `case_scope`). On PostgreSQL a
  clerk's own login is held by row-level security as well, whatever path reads.
- Values come back as the driver gives them: SQLite dates and datetimes as text, JSON as
  text, money as whole fen; use `day`, `utc_iso`, `json_value`, `money_text` so both
  backends give the same Python values.

`tests/integration/test_read_sql.py` checks every table and column the read SQL names
against the SQLModel tables and the migrations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mediate.config import Settings

SQLITE_BUSY_TIMEOUT_MS = 10_000


class NeedsFullPath(Exception):
    """The light path cannot answer exactly as the full one would: run the full one."""


class Reader:
    """A DB-API connection for reading: `rows(sql, params)`, `one(...)`, `scalar(...)`."""

    def __init__(self, connection: Any, backend: str, owned: bool = True) -> None:
        self.connection = connection
        self.backend = backend  # "sqlite" | "postgresql"
        self._owned = owned
        self._cache: dict[Any, Any] = {}  # per-connection facts (the acting clerk…)

    @classmethod
    def of_session(cls, session: Any) -> Reader:
        """A reader on a SQLAlchemy session's connection (same transaction)."""
        connection = session.connection()
        raw = connection.connection.driver_connection
        return cls(raw, connection.dialect.name, owned=False)

    def for_writing(self) -> Reader:
        """Make the connection durable as store/engine.py's writers are (SQLite:
        synchronous=NORMAL under WAL; the pragma lives here, not in services)."""
        if self.backend == "sqlite":
            self.connection.execute("PRAGMA synchronous=NORMAL")
        return self

    def day_param(self, value: dt.date) -> Any:
        """A date as a parameter: SQLite stores dates as ISO text."""
        return value.isoformat() if self.backend == "sqlite" else value

    def utc_param(self, moment: dt.datetime) -> Any:
        """An aware datetime as a parameter for a UTC column (store/types.UTCDateTime):
        SQLite stores naive UTC text as SQLAlchemy writes it."""
        utc = moment.astimezone(dt.UTC)
        if self.backend == "sqlite":
            return utc.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        return utc

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.backend == "postgresql" else sql

    def _fetch(self, sql: str, params: Sequence[Any]) -> tuple[list[str], list[Any]]:
        cursor = self.connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            return [d[0] for d in cursor.description], cursor.fetchall()
        except Exception as exc:
            _raise_known(exc)
            raise
        finally:
            cursor.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._fetch(sql, params)[1]]

    def dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows as {column: value}."""
        names, found = self._fetch(sql, params)
        return [dict(zip(names, row, strict=True)) for row in found]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """A write, in the connection's transaction (`commit` ends it)."""
        try:
            self.connection.execute(self._sql(sql), tuple(params))
        except Exception as exc:
            _raise_known(exc)
            raise

    def commit(self) -> None:
        try:
            self.connection.commit()
        except Exception as exc:
            _raise_known(exc)
            raise

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def close(self) -> None:
        if self._owned:
            try:
                self.connection.rollback()
            finally:
                self.connection.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _raise_known(exc: Exception) -> None:
    """A driver's error the clerk can act on (a lock held past the lock timeout, a damaged
    file) as the project's DatabaseError, in the words the unit of work's path gives it
    (store/failures.py); any other passes on unchanged: the caller re-raises it."""
    from mediate.store.failures import explain

    known = explain(exc)
    if known is not None:
        raise known from exc


def describe(url: str) -> str:
    """The database location for messages, as store/engine.describe gives it (password
    hidden)."""
    scheme, sep, rest = url.partition("://")
    credentials, at, place = rest.rpartition("@")
    if at and ":" in credentials:
        return f"{scheme}{sep}{credentials.split(':', 1)[0]}:***@{place}"
    return url


# -- SQL helpers ----------------------------------------------------------------------------


def marks(values: Sequence[Any]) -> str:
    """`?, ?, ?` for an IN list (never empty: callers skip the query instead)."""
    return ", ".join("?" for _ in values)


def _escape_like(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


LIKE = "LIKE ? ESCAPE '/'"
"""A LIKE with the escape character `contains`/`endswith` use (as SQLAlchemy's autoescape)."""


def contains(text: str) -> str:
    return "%" + _escape_like(text) + "%"


def endswith(text: str) -> str:
    return "%" + _escape_like(text)


def startswith(text: str) -> str:
    return _escape_like(text) + "%"


# -- values as both backends give them -------------------------------------------------------


def day(value: Any) -> dt.date | None:
    """A DATE column's value (SQLite: 'YYYY-MM-DD' text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def iso_day(value: Any) -> str | None:
    found = day(value)
    return found.isoformat() if found else None


def utc(value: Any) -> dt.datetime | None:
    """A UTC datetime column (store/types.UTCDateTime): aware, in UTC."""
    if value is None:
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def utc_iso(value: Any) -> str | None:
    found = utc(value)
    return found.isoformat() if found else None


def json_value(value: Any) -> Any:
    """A JSON column's value (SQLite: text; psycopg: already decoded)."""
    if isinstance(value, str):
        import json

        return json.loads(value)
    return value


def money_text(fen: Any) -> str | None:
    """A money column (whole fen, store/types.Money) as yuan with 2 places: '52000.50'."""
    if fen is None:
        return None
    from decimal import Decimal

    return f"{Decimal(int(fen)).scaleb(-2):.2f}"


# -- opening ---------------------------------------------------------------------------------


def _sqlite_path(url: str) -> str | None:
    """The file of a `sqlite:///PATH` URL; None for anything else (memory, query strings)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///")
    if not path or "?" in path or path == ":memory:":
        return None
    return path


def _open_sqlite(path: str, settings: Settings) -> Reader:
    import os
    import sqlite3

    if not os.path.isfile(path) or not os.access(path, os.W_OK):
        raise NeedsFullPath("missing or read-only file")  # the full path says which
    lock_timeout = settings.lock_timeout
    try:
        connection = sqlite3.connect(path, timeout=lock_timeout)
        # As store/engine.py: busy timeout and foreign keys (WAL is a property of the file).
        connection.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
        connection.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        raise NeedsFullPath(str(exc)) from exc
    return Reader(connection, "sqlite")


def pg_session_settings(lock_ms: int) -> str:
    """The statement that sets up each PostgreSQL session of mediate's:
    - a held row lock makes a statement wait `lock_ms`, then fail with a sentence
      (`store/failures.py`) instead of hanging silently;
    - no JIT compilation. Every statement of mediate's is interactive (reports under 1 s at
      1 M cases); a report's plan, a clerk's login's above all (its policies' subplans
      count in the estimate), passes the server's JIT thresholds, and compiling it cost
      0.3-2.6 s, more than running it (benchmarks/RESULTS.md, "Clerks' own logins")."""
    return f"SET lock_timeout = {int(lock_ms)}; SET jit = off"


def _open_postgresql(url: str, settings: Settings) -> Reader:
    try:
        import psycopg
    except ImportError as exc:
        raise NeedsFullPath("no psycopg") from exc
    lock_timeout = settings.lock_timeout
    conninfo = "postgresql://" + url.split("://", 1)[1]
    try:
        connection = psycopg.connect(conninfo)
        with connection.cursor() as cursor:
            cursor.execute(pg_session_settings(int(lock_timeout * 1000)))
    except psycopg.Error as exc:
        raise NeedsFullPath(str(exc)) from exc
    return Reader(connection, "postgresql")


def open_reader(settings: Settings) -> Reader:
    """A reader on the database the settings name, at our schema head (the lock timeout
    read as store/engine.py reads it, after the file was found, so a bad setting is
    reported in the same order as the full path reports it)."""
    from mediate.store import failures
    from mediate.store.migrate import NETWORK_PROBE, SCHEMA_HEAD

    url = settings.db
    failures.remember(describe(url))  # for its messages, as AppContext.engine does
    path = _sqlite_path(url)
    if path is not None:
        reader = _open_sqlite(path, settings)
    elif url.startswith("postgresql+psycopg://"):
        reader = _open_postgresql(url, settings)
    else:
        raise NeedsFullPath("not a file or PostgreSQL URL")
    try:
        if stored_revision(reader) != SCHEMA_HEAD:
            raise NeedsFullPath("schema")  # not initialised, older, newer: the full check says
        if not reader.rows(NETWORK_PROBE):
            raise NeedsFullPath("no network")  # `db upgrade` without `init`: the full path says
    except BaseException:
        reader.close()
        raise
    return reader


def stored_revision(reader: Reader) -> str | None:
    """The revision in `alembic_version` (as `store/migrate.py` reads it); None when it
    cannot be read."""
    try:
        found = reader.rows("SELECT version_num FROM alembic_version")
    except Exception:  # no such table, not a database: the full path explains
        return None
    return str(found[0][0]) if len(found) == 1 else None
