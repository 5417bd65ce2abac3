"""What an import stores, to the byte: the rows of the cases, parties, decisions and events
it writes (and its batch), every column, read back with plain sqlite3 (no converters), are
the golden rows. The bulk writer builds those rows by hand for speed (`services/intake.py`,
`store/bulk.py`); any change in how it builds them must leave them as they are, or say so
(`pytest --update-golden`; so must a change of routing that routes these rows elsewhere).
The same import on PostgreSQL stores the same values."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from mediate import clock
from mediate.resources import data_dir
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, DecisionRow, EventRow, ImportBatchRow, PartyRow
from tests.clockrun import FIXED_NOW
from tests.conftest import Database, invoke
from tests.importing import run_import

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden" / "import-stored-rows.txt"
DATA = HERE.parent / "data" / "imports"
SAMPLES = data_dir() / "samples"
# (file, rows a chunk): the messy sample (rejects, duplicates, GBK), generated rows of the
# benchmark's kind in chunks that do not divide them, rows with every column (no case
# number, a court-entrusted case without one, minors with and without a guardian, a third
# party, two parties in one cell), a workbook.
IMPORTS = (
    (SAMPLES / "messy-referrals.csv", 10_000),
    (DATA / "generated-40.csv", 7),
    (DATA / "edge-cases.csv", 2),
    (SAMPLES / "referrals-shanyang.xlsx", 10_000),
)
TABLES = ("import_batches", "cases", "parties", "decisions", "events")


@pytest.fixture(autouse=True)
def _stopped_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The suite's clock stands still here (it ticks on from FIXED_NOW elsewhere), a fraction
    of a second past it: every instant an import writes is the same every run, and how its
    microseconds are written is in the golden rows too."""
    monkeypatch.setattr(clock, "time", SimpleNamespace(monotonic=lambda: 0.0))
    clock.set_clock(FIXED_NOW + dt.timedelta(microseconds=123_456))
    yield


def _import_all(url: str) -> dict[str, int]:
    """Import every file in turn; the highest id of each table before (what `init` wrote)."""
    engine = make_engine(url)
    try:
        tables = (ImportBatchRow, CaseRow, PartyRow, DecisionRow, EventRow)
        with engine.connect() as c:
            before = {
                name: max(c.execute(select(t.id)).scalars(), default=0)  # type: ignore[attr-defined]
                for name, t in zip(TABLES, tables, strict=True)
            }
        for path, chunk_size in IMPORTS:
            run_import(engine, path, chunk_size=chunk_size)
        return before
    finally:
        engine.dispose()


def _stored_rows(path: Path, before: dict[str, int]) -> str:
    """One line per row the imports wrote: its table and its values as SQLite holds them
    (str, int, float, bytes or None: no converter of Python's sqlite3 module). The rules'
    version, a digest of the rules file, is named, not spelled: any edit of the rules
    changes it."""
    lines = []
    with closing(sqlite3.connect(path)) as db:
        (version,) = db.execute("SELECT DISTINCT rules_version FROM decisions").fetchone()
        for table in TABLES:
            cursor = db.execute(f"SELECT * FROM {table} WHERE id > ? ORDER BY id", (before[table],))
            names = [d[0] for d in cursor.description]
            lines.append(f"# {table}: {', '.join(names)}")
            lines.extend(f"{table} {tuple(row)!r}" for row in cursor)
    return "\n".join(lines).replace(repr(version), "RULES_VERSION") + "\n"


def test_an_import_stores_the_golden_rows(sqlite_db: Database, tmp_path: Path, golden: Any):
    assert invoke(["--db", sqlite_db.url, "init"]).exit_code == 0
    before = _import_all(sqlite_db.url)
    golden(GOLDEN, _stored_rows(tmp_path / "test.db", before))


def _read_back(url: str, before: dict[str, int]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows the imports wrote as SQLAlchemy reads them (ids left out: PostgreSQL's
    sequences hand out their own), each table in the order the rows were written."""
    engine = make_engine(url)
    tables = (ImportBatchRow, CaseRow, PartyRow, DecisionRow, EventRow)
    try:
        with engine.connect() as c:
            return {
                name: [
                    tuple(v for k, v in row._mapping.items() if k != "id")
                    for row in c.execute(
                        select(t.__table__)  # type: ignore[attr-defined]
                        .where(t.id > before[name])  # type: ignore[attr-defined]
                        .order_by(t.id)  # type: ignore[attr-defined]
                    )
                ]
                for name, t in zip(TABLES, tables, strict=True)
            }
    finally:
        engine.dispose()


@pytest.mark.pg
def test_postgresql_stores_the_values_sqlite_stores(tmp_path: Path):
    from tests.conftest import _fresh_pg_database, pg_unavailable_reason

    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    lite = f"sqlite:///{tmp_path / 'lite.db'}"
    assert invoke(["--db", lite, "init"]).exit_code == 0
    expected = _read_back(lite, _import_all(lite))
    for url in _fresh_pg_database():
        assert invoke(["--db", url, "init"]).exit_code == 0
        got = _read_back(url, _import_all(url))
        for table in TABLES:
            assert got[table] == expected[table], table
