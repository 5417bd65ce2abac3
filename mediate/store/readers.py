"""Plain-SQL reads on a unit of work's connection: `?` placeholders, rows as tuples.

For queries written once for every path (e.g. `reports/funnel.py`): they run here on the
SQLAlchemy connection's own DB-API cursor, in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection


class ConnectionReader:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.backend = connection.dialect.name  # "sqlite" | "postgresql"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.backend == "postgresql":
            sql = sql.replace("?", "%s")
        return [tuple(row) for row in self.connection.exec_driver_sql(sql, tuple(params))]
