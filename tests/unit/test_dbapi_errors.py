"""store/dbapi.py turns the driver's errors the clerk can act on into the project's, as
the unit of work's path does (store/failures.py): the commands above catch no driver."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from mediate.errors import DatabaseError
from mediate.store.dbapi import Reader


def _reader(path: Path) -> Reader:
    return Reader(sqlite3.connect(path, timeout=0.1), "sqlite")


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "held.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    return path


def test_a_write_lock_held_past_the_timeout_is_a_database_error(database):
    with closing(sqlite3.connect(database)) as holder, _reader(database) as reader:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseError, match="is locked: another mediate") as raised:
            reader.execute("INSERT INTO notes VALUES (?)", ["a"])
        holder.rollback()
    assert isinstance(raised.value.__cause__, sqlite3.OperationalError)


def test_a_damaged_file_is_a_database_error_on_a_read(tmp_path):
    path = tmp_path / "noise.db"
    path.write_bytes(b"\xa5" * 8192)
    with _reader(path) as reader, pytest.raises(DatabaseError, match="damaged"):
        reader.rows("SELECT * FROM notes")


def test_any_other_driver_error_passes_on_unchanged(database):
    with _reader(database) as reader, pytest.raises(sqlite3.OperationalError, match="no such"):
        reader.execute("INSERT INTO nowhere VALUES (1)")
