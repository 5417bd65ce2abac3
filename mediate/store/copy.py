"""Copy every table of one mediate database into another, resumably, and verify it.

Tables go in foreign-key order, each in chunks of rows ordered by primary key; a chunk is
one transaction on the target and skips the rows the target already has, so a copy that
was interrupted continues where it stopped. Rows are read and written through the table
types (money, aware datetimes, JSON), so the same values land on any backend, and the
checksums compare those values, not the backends' storage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, Integer, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from mediate.errors import DatabaseError
from mediate.i18n import _
from mediate.store import tables as _tables  # noqa: F401  (registers the models)

ChunkHook = Callable[[str, int], None]


@dataclass
class TableCopy:
    table: str
    source_rows: int = 0
    copied: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class TableSum:
    table: str
    rows: int
    sha256: str


def copy_order() -> list[Table]:
    """Every table of the schema, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def _key(table: Table) -> Any:
    columns = list(table.primary_key.columns)
    if len(columns) != 1:
        # a schema invariant (every table has an integer or text id), not a user's error
        raise RuntimeError(f"table {table.name} needs a one-column primary key to be copied")
    return columns[0]


def _self_references(table: Table) -> list[tuple[str, str]]:
    """(column, referenced column) pairs of foreign keys from `table` to itself."""
    return [
        (fk.parent.name, fk.column.name) for fk in table.foreign_keys if fk.column.table is table
    ]


def _parents_first(rows: list[dict[str, Any]], refs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Rows of a self-referencing table (bodies and their parent body) in an order that
    inserts every referenced row before the rows pointing at it."""
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    pending = rows
    while pending:
        pending_keys = {row[target] for row in pending for _col, target in refs}
        ready = [
            row
            for row in pending
            if all(
                row[col] is None or row[col] in placed or row[col] not in pending_keys
                for col, _target in refs
            )
        ]
        if not ready:  # a cycle: let the database report it
            ready = pending
        ready_ids = {id(row) for row in ready}
        ordered.extend(ready)
        for row in ready:
            for _col, target in refs:
                placed.add(row[target])
        pending = [row for row in pending if id(row) not in ready_ids]
    return ordered


def _chunks(connection: Connection, table: Table, size: int) -> Iterator[list[dict[str, Any]]]:
    key = _key(table)
    refs = _self_references(table)
    if refs:
        rows = [dict(r._mapping) for r in connection.execute(select(table).order_by(key))]
        rows = _parents_first(rows, refs)
        for start in range(0, len(rows), size):
            yield rows[start : start + size]
        return
    last: Any = None
    while True:
        statement = select(table).order_by(key).limit(size)
        if last is not None:
            statement = statement.where(key > last)
        rows = [dict(r._mapping) for r in connection.execute(statement)]
        if not rows:
            return
        yield rows
        last = rows[-1][key.name]


def _copy_chunk(target: Engine, table: Table, rows: list[dict[str, Any]]) -> int:
    key = _key(table)
    wanted = [row[key.name] for row in rows]
    with target.begin() as connection:
        present = set(connection.execute(select(key).where(key.in_(wanted))).scalars())
        missing = [row for row in rows if row[key.name] not in present]
        if missing:
            try:
                connection.execute(table.insert(), missing)
            except SQLAlchemyError as exc:
                raise DatabaseError(
                    _("Cannot copy table {table} (rows {first}…{last}): {reason}").format(
                        table=table.name,
                        first=wanted[0],
                        last=wanted[-1],
                        reason=str(getattr(exc, "orig", exc)).strip().splitlines()[0],
                    )
                ) from exc
    return len(missing)


def copy_tables(
    source: Engine,
    target: Engine,
    chunk_size: int = 2000,
    on_chunk: ChunkHook | None = None,
) -> list[TableCopy]:
    """Copy every table's rows that the target lacks. `on_chunk(table, rows)` after each
    chunk is committed (progress; a test interrupts the copy from there)."""
    results: list[TableCopy] = []
    with source.connect() as reader:
        for table in copy_order():
            result = TableCopy(table=table.name)
            results.append(result)
            for rows in _chunks(reader, table, chunk_size):
                copied = _copy_chunk(target, table, rows)
                result.source_rows += len(rows)
                result.copied += copied
                result.skipped += len(rows) - copied
                if on_chunk is not None:
                    on_chunk(table.name, len(rows))
    return results


def reset_sequences(engine: Engine) -> None:
    """After rows came with their ids, make PostgreSQL's next ids follow the highest one."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        for table in copy_order():
            key = _key(table)
            if not isinstance(key.type, Integer):
                continue
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": key.name}
            ).scalar()
            if sequence is None:
                continue
            highest = connection.execute(select(func.max(key))).scalar()
            connection.execute(
                text("SELECT setval(:s, :v, :called)"),
                {"s": sequence, "v": highest or 1, "called": highest is not None},
            )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row_digest(values: Sequence[Any]) -> bytes:
    plain = [_plain(v) for v in values]
    return json.dumps(plain, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


def checksums(engine: Engine) -> list[TableSum]:
    """Row count and a SHA-256 over every row's values, in key order, for each table."""
    sums: list[TableSum] = []
    with engine.connect() as connection:
        for table in copy_order():
            digest = hashlib.sha256()
            rows = 0
            for row in connection.execute(select(table).order_by(_key(table))):
                digest.update(_row_digest(tuple(row)))
                digest.update(b"\n")
                rows += 1
            sums.append(TableSum(table=table.name, rows=rows, sha256=digest.hexdigest()))
    return sums
