"""Flat tables out: CSV and XLSX; cells through `mediate.cells` (never a formula).

For people (the default) a CSV starts with a UTF-8 byte-order mark — without it Excel on a
Chinese Windows reads UTF-8 as GBK and shows mojibake — and has the display labels as its
header; `raw` keeps the stable column keys and no mark, for scripts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from mediate.cells import csv_cell, money_columns, stamp_workbook, xlsx_row
from mediate.reports.model import Table


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return value


BOM = "\ufeff"


def _label(key: str, value: Any, places: Mapping[str, str] | None = None) -> Any:
    """A stored code as people read it (numbers and dates as they are): a funnel's
    化解层次 as the terminal table names it, any other closed set as `value_label` reads it
    (a place at a division of the deployment's own by `places`)."""
    from mediate.domain.events import value_label
    from mediate.reports.model import BUCKET_KEY, bucket_label

    if not isinstance(value, str) or not value:
        return value
    if key == BUCKET_KEY:
        return bucket_label(value)
    return value_label(key, value, places=places)


def write_csv(table: Table, stream: IO[str], raw: bool = False) -> None:
    if not raw:
        stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([csv_cell(k) for k in (table.keys if raw else table.labels)])
    for row in table.rows:
        cells = [_cell(v) for v in row]
        if not raw:
            cells = [_label(k, v) for k, v in zip(table.keys, cells, strict=True)]
        writer.writerow([csv_cell(v) for v in cells])


def write_rows_csv(
    keys: Sequence[str],
    rows: Iterable[Sequence[Any]],
    stream: IO[str],
    raw: bool = False,
    places: Mapping[str, str] | None = None,
) -> int:
    """Records as CSV: for people, labelled headers and closed-set values by label (and the
    byte-order mark), a place at a division of the deployment's own by `places` (code ->
    name); `raw`: the keys and the stored codes."""
    from mediate.domain.events import column_header

    if not raw:
        stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([csv_cell(k) for k in (keys if raw else [column_header(k) for k in keys])])
    count = 0
    for row in rows:
        cells = [_cell(v) for v in row]
        if not raw:
            cells = [_label(k, v, places) for k, v in zip(keys, cells, strict=True)]
        writer.writerow([csv_cell(v) for v in cells])
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
    stamp_workbook(book, tables[0].title if tables else "")
    for number, table in enumerate(tables, start=1):
        title = (table.title or f"Sheet{number}")[:31]
        for bad in "[]:*?/\\":
            title = title.replace(bad, " ")
        sheet = book.create_sheet(title)
        sheet.append(xlsx_row(sheet, table.labels))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        money = money_columns(table.keys)
        for row in table.rows:
            cells = [_label(k, v) for k, v in zip(table.keys, row, strict=True)]
            sheet.append(xlsx_row(sheet, cells, money))
        sheet.freeze_panes = "A2"
    return save_atomically(book, path)


def save_atomically(book: Any, path: Path) -> Path:
    from mediate.files import replacing

    path = path.resolve()
    with replacing(path) as partial:
        book.save(partial)
    return path
