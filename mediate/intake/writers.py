"""`--errors OUT`: the rejected rows, as they came, with a reason column, in the input's
format (CSV in the same encoding and delimiter, or XLSX), to fix and import again. Cells
go through `mediate.cells`: a cell that reads as a formula is written as text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mediate.cells import csv_cell, stamp_workbook, xlsx_row
from mediate.files import replacing, write_atomically
from mediate.i18n import _
from mediate.intake.columns import REASON_HEADER
from mediate.intake.readers import Sheet
from mediate.intake.values import cell_text

Rejected = tuple[int, list[object], str]  # row number, cells as read, reason

# The names `--errors OUT` and `import --template FILE` take, by suffix (files.format_by_suffix).
# No .xlsm: the errors file is a plain workbook, without macros (review of 2026-12-02).
ERRORS_SUFFIXES = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx"}
TEMPLATE_SUFFIXES = {".xlsx": "xlsx", ".csv": "csv", ".txt": "csv"}


def write_rejected(path: Path, sheet: Sheet, header: list[object], rows: list[Rejected]) -> None:
    width = max([len(header), *(len(cells) for _, cells, _ in rows)])
    head = [*_padded(header, width), REASON_HEADER]
    body = [[*_padded(cells, width), reason] for _, cells, reason in rows]
    # a name of ERRORS_SUFFIXES says the format; any other, the input's
    if ERRORS_SUFFIXES.get(path.suffix.lower(), sheet.format) == "xlsx":
        _write_xlsx(path, head, body)
    else:
        _write_csv(path, head, body, sheet)


def _padded(cells: list[object], width: int) -> list[object]:
    return [*cells, *([""] * (width - len(cells)))]


def _write_csv(path: Path, head: list[object], body: list[list[object]], sheet: Sheet) -> None:
    encoding = sheet.encoding or "utf-8-sig"
    if encoding == "gbk":
        encoding = "gb18030"  # same bytes for every GBK character, and never fails
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sheet.delimiter, lineterminator="\r\n")
    writer.writerows([[csv_cell(cell_text(c)) for c in row] for row in [head, *body]])
    write_atomically(path, buffer.getvalue().encode(encoding))


def _write_xlsx(path: Path, head: list[object], body: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    stamp_workbook(book, _("Rejected rows"))
    ws = book.create_sheet()
    for row in [head, *body]:
        ws.append(xlsx_row(ws, row))
    with replacing(path) as partial:
        book.save(partial)


def write_template(path: Path) -> None:
    """`import --template`: a blank sheet with a header for every column the import reads
    (columns.TEMPLATE_HEADERS; XLSX, or CSV in UTF-8 with BOM when the name ends in .csv),
    identity, phone and place columns formatted as text (columns.TEXT_FIELDS)."""
    from mediate.intake.columns import TEMPLATE_FIELDS, TEMPLATE_HEADERS, TEXT_FIELDS

    if path.suffix.lower() in (".csv", ".txt"):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(TEMPLATE_HEADERS)
        write_atomically(path, buffer.getvalue().encode("utf-8-sig"))
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "案件清单"
    stamp_workbook(book, "案件清单")
    ws.append(list(TEMPLATE_HEADERS))
    for index, (name, header) in enumerate(zip(TEMPLATE_FIELDS, TEMPLATE_HEADERS, strict=True), 1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index).font = Font(bold=True)
        ws.column_dimensions[letter].width = max(12, 3 * len(header))
        if name in TEXT_FIELDS:
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    with replacing(path) as partial:
        book.save(partial)
