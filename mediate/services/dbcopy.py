"""`mediate db copy --to URL`: move a desk's embedded database up to a shared PostgreSQL.

The target gets the schema by the same migrations, then every table's rows (with their
ids), then its sequences are reset; finally counts and checksums of every table are
compared. Running it again after an interruption copies only what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from mediate.errors import DatabaseError
from mediate.i18n import _
from mediate.store.copy import TableCopy, TableSum, checksums, copy_tables, reset_sequences
from mediate.store.engine import describe
from mediate.store.migrate import check_schema, upgrade


@dataclass
class TableReport:
    table: str
    source_rows: int
    target_rows: int
    copied: int
    skipped: int
    source_sha256: str
    target_sha256: str

    @property
    def matches(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sha256 == self.target_sha256

    def as_dict(self) -> dict[str, object]:
        return {
            "table": self.table,
            "source_rows": self.source_rows,
            "target_rows": self.target_rows,
            "copied": self.copied,
            "skipped": self.skipped,
            "sha256": self.source_sha256,
            "matches": self.matches,
        }


@dataclass
class CopyReport:
    source: str
    target: str
    tables: list[TableReport] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return all(t.matches for t in self.tables)

    @property
    def copied(self) -> int:
        return sum(t.copied for t in self.tables)

    @property
    def skipped(self) -> int:
        return sum(t.skipped for t in self.tables)


def _same_database(source: Engine, target: Engine) -> bool:
    return source.url.render_as_string(hide_password=False) == target.url.render_as_string(
        hide_password=False
    )


def copy_database(
    source: Engine,
    target: Engine,
    chunk_size: int = 2000,
    on_chunk: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy `source` into `target` (migrated first), reset sequences, verify. Raises
    DatabaseError when the target does not match afterwards."""
    if _same_database(source, target):
        raise DatabaseError(_("The source and the target of the copy are the same database."))
    check_schema(source)
    upgrade(target)
    copies = {c.table: c for c in copy_tables(source, target, chunk_size, on_chunk)}
    reset_sequences(target)
    report = verify(source, target, copies)
    if not report.verified:
        wrong = _(", ").join(t.table for t in report.tables if not t.matches)
        raise DatabaseError(
            _(
                "The copy in {target} differs from {source} in: {tables}. Was the target "
                "not empty? Copy into a fresh database."
            ).format(target=report.target, source=report.source, tables=wrong)
        )
    return report


def verify(
    source: Engine, target: Engine, copies: dict[str, TableCopy] | None = None
) -> CopyReport:
    """Counts and checksums of every table on both sides."""
    report = CopyReport(source=describe(source), target=describe(target))
    theirs: dict[str, TableSum] = {s.table: s for s in checksums(target)}
    for mine in checksums(source):
        other = theirs[mine.table]
        copy = (copies or {}).get(mine.table, TableCopy(table=mine.table))
        report.tables.append(
            TableReport(
                table=mine.table,
                source_rows=mine.rows,
                target_rows=other.rows,
                copied=copy.copied,
                skipped=copy.skipped,
                source_sha256=mine.sha256,
                target_sha256=other.sha256,
            )
        )
    return report
