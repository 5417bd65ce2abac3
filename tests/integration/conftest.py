"""Fixtures of the integration tests (the databases themselves: tests/conftest.py)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mediate.services.intake import ImportOptions, ImportReport, import_referrals
from mediate.store.engine import make_engine
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.conftest import Database
from tests.importing import TODAY


@pytest.fixture
def engine(initialised: Database) -> Iterator[Any]:
    """An engine on an initialised database (the network, the taxonomy, the rules)."""
    engine = make_engine(initialised.url)
    yield engine
    engine.dispose()


@pytest.fixture
def imports_at_once(
    initialised: Database, tmp_path: Path
) -> Iterator[Callable[[Path], dict[str, ImportReport]]]:
    """`imports_at_once(source)`: clerks a and b import copies of `source` at the same
    moment, in chunks of two rows; their reports by clerk. Concurrent writers are the
    PostgreSQL deployment: skipped on SQLite."""
    if initialised.backend != "postgresql":
        pytest.skip("concurrent writers: the PostgreSQL deployment")
    engine = make_engine(initialised.url)

    def run(source: Path) -> dict[str, ImportReport]:
        for name in ("a", "b"):
            shutil.copy(source, tmp_path / f"{name}{source.suffix}")
        reports: dict[str, ImportReport] = {}
        barrier = threading.Barrier(2)

        def one(name: str) -> None:
            barrier.wait()
            with UnitOfWork(engine, name) as uow:
                reports[name] = import_referrals(
                    uow,
                    tmp_path / f"{name}{source.suffix}",
                    ImportOptions(chunk_size=2, today=TODAY),
                )

        threads = [threading.Thread(target=one, args=(n,)) for n in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        return reports

    yield run
    engine.dispose()


@pytest.fixture
def settled_case(initialised: Database) -> int:
    """The id of one settled case (its outcome, a drafted confirmation) in `initialised`."""
    (case_id,) = factories.seed(initialised.url, factories.one_settled_case)
    return case_id
