"""Flat tables out: CSV (stable column keys) and XLSX (display labels); cells through
`mediate.cells` (never a formula)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from mediate.cells import csv_cell, xlsx_row
from mediate.reports.model import Table


def write_csv(table: Table, stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([csv_cell(k) for k in table.keys])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])


def write_rows_csv(keys: Sequence[str], rows: Iterable[Sequence[Any]], stream: IO[str]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([csv_cell(k) for k in keys])
    count = 0
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    return count


def write_xlsx(tables: Sequence[Table], path: Path) -> Path:
    """One sheet per table: display labels in the header row, then the stable keys' values.

    Written to a temporary file and moved into place, so a failure leaves nothing half-written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    book.remove(book.active)
    for number, table in enumerate(tables, start=1):
        title = (table.title or f"Sheet{number}")[:31]
        for bad in "[]:*?/\\":
            title = title.replace(bad, " ")
        sheet = book.create_sheet(title)
        sheet.append(xlsx_row(sheet, table.labels))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(xlsx_row(sheet, row))
        sheet.freeze_panes = "A2"
    return save_atomically(book, path)


def save_atomically(book: Any, path: Path) -> Path:
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        book.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path
