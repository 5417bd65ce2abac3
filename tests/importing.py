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
