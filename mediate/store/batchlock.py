"""Is the import that wrote a `running` batch still alive?

A batch says `running` from its first chunk to its last; an import that is killed (kill -9,
a power cut) never gets to say otherwise. So while an import runs it holds a lock the
operating system or the server releases when the process dies, and anybody can ask
whether the lock is still held:
- SQLite: an exclusive `flock` on `<database>.batch-<id>.lock` (released on exit, however
  the process ends);
- PostgreSQL: a session advisory lock on a connection of its own (released when that
  connection goes, which a dead client's does).
Where neither is available (SQLite off POSIX) nothing is ever called stale.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

# pg_advisory_lock(int, int): the first key is "mediate import batch", the second the id.
_PG_NAMESPACE = 0x6D656462


def _lock_path(engine: Engine, batch_id: int) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(f"{database}.batch-{batch_id}.lock")


class BatchLock:
    """Held from the batch's creation until `release()` (or the process's end)."""

    def __init__(self, engine: Engine, batch_id: int) -> None:
        self._file: Any = None
        self._connection: Any = None
        self._path: Path | None = None
        if engine.dialect.name == "postgresql":
            self._connection = engine.connect()
            self._connection.execute(
                text("SELECT pg_advisory_lock(:ns, :id)"), {"ns": _PG_NAMESPACE, "id": batch_id}
            )
            self._connection.commit()
            return
        path = _lock_path(engine, batch_id)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return
        if path is None:
            return
        self._path = path
        self._file = path.open("a")
        fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()  # ends the session: the advisory lock goes with it
            self._connection = None
        if self._file is not None:
            # unlinked while still locked: once unlocked, another import may take the
            # same id (a rolled back batch's) and lock a file of this name of its own
            if self._path is not None:
                self._path.unlink(missing_ok=True)
            self._file.close()
            self._file = None


def is_alive(engine: Engine, batch_id: int) -> bool | None:
    """True while the import of `batch_id` runs; False once its process is gone; None
    when it cannot be told."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            free = connection.execute(
                text("SELECT pg_try_advisory_lock(:ns, :id)"), {"ns": _PG_NAMESPACE, "id": batch_id}
            ).scalar_one()
            if free:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:ns, :id)"),
                    {"ns": _PG_NAMESPACE, "id": batch_id},
                )
            connection.commit()
        return not free
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    path = _lock_path(engine, batch_id)
    if path is None:
        return None
    if not path.exists():
        return False
    with path.open("a") as probe:
        try:
            fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        with contextlib.suppress(OSError):
            path.unlink()
    return False
