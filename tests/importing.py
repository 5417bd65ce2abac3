"""Importing referral files in the integration tests (tests/integration/conftest.py has
the fixtures): the day they are imported on, one import by a clerk, a table's row count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mediate.services.intake import ImportOptions, import_referrals
from mediate.store.uow import UnitOfWork

TODAY = dt.date(2026, 11, 25)


def run_import(engine: Any, path: Path | str, **options: Any) -> Any:
    with UnitOfWork(engine, "测试书记员") as uow:
        return import_referrals(uow, Path(path), ImportOptions(today=TODAY, **options))


def count(engine: Any, table: Any) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(table)).scalar_one())


class BrokenMapping(dict):  # type: ignore[type-arg]
    """A `--mapping` whose lookup fails: a bug in reading a row, in whichever process reads
    it (a reader process imports this module to unpickle it)."""

    def get(self, key: object, default: object = None) -> object:
        raise ZeroDivisionError("a bug while reading")


def stop_the_clock(monkeypatch: Any) -> None:
    """Every instant an import writes the same, run after run (as in the golden test)."""
    from types import SimpleNamespace

    from mediate import clock
    from tests.clockrun import FIXED_NOW

    monkeypatch.setattr(clock, "time", SimpleNamespace(monotonic=lambda: 0.0))
    clock.set_clock(FIXED_NOW + dt.timedelta(microseconds=123_456))


def initialised_database(folder: Path) -> Path:
    """An initialised SQLite database in `folder`, checkpointed (one file, to copy)."""
    import sqlite3
    from contextlib import closing

    from tests.conftest import invoke

    path = folder / "init.db"
    result = invoke(["--db", f"sqlite:///{path}", "init"])
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path
