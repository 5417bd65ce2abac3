"""`--errors OUT`: the rejected rows, as they came, with a reason column, in the input's
format (CSV in the same encoding and delimiter, or XLSX), to fix and import again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mediate.intake.columns import REASON_HEADER
from mediate.intake.readers import Sheet, csv_text
from mediate.intake.values import cell_text

Rejected = tuple[int, list[object], str]  # row number, cells as read, reason


def write_rejected(path: Path, sheet: Sheet, header: list[object], rows: list[Rejected]) -> None:
    width = max([len(header), *(len(cells) for _, cells, _ in rows)])
    head = [*_padded(header, width), REASON_HEADER]
    body = [[*_padded(cells, width), reason] for _, cells, reason in rows]
    if path.suffix.lower() in (".xlsx", ".xlsm") or (
        sheet.format == "xlsx" and path.suffix.lower() not in (".csv", ".txt")
    ):
        _write_xlsx(path, head, body)
    else:
        _write_csv(path, head, body, sheet)


def _padded(cells: list[object], width: int) -> list[object]:
    return [*cells, *([""] * (width - len(cells)))]


def _write_csv(path: Path, head: list[object], body: list[list[object]], sheet: Sheet) -> None:
    encoding = sheet.encoding or "utf-8-sig"
    if encoding == "gbk":
        encoding = "gb18030"  # same bytes for every GBK character, and never fails
    text = csv_text([[cell_text(c) for c in row] for row in [head, *body]], sheet.delimiter)
    path.write_bytes(text.encode(encoding))


def _write_xlsx(path: Path, head: list[object], body: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet()
    for row in [head, *body]:
        ws.append([_xlsx_cell(c) for c in row])
    book.save(path)


def _xlsx_cell(value: object) -> object:
    if value is None or isinstance(value, int | float | dt.date | dt.datetime):
        return value
    return str(value)
