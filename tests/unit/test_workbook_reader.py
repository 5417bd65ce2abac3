"""`readers.open_sheet` on workbooks: the guard's refusals before any row, a damaged
sheet named with its file, rows numbered as the sheet numbers them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from mediate.errors import ValidationError
from mediate.intake.readers import open_sheet
from mediate.intake.workbook_guard import check_workbook
from tests.workbooks import NS, sheet, workbook_bytes

FIXTURES = Path(__file__).resolve().parents[1]


def test_every_xlsx_fixture_the_guard_refuses_is_refused_before_any_row():
    """The fixtures include the guard's attacks (calamine aborts the process on them): the
    guard refuses each before the reader gives a row."""
    refused = 0
    for path in sorted(FIXTURES.rglob("*.xlsx")):
        try:
            check_workbook(path)
        except ValidationError:
            refused += 1
            with pytest.raises(ValidationError, match="refused"):
                next(open_sheet(path).rows)
    assert refused


def test_a_damaged_sheet_is_a_clear_error_naming_the_file(tmp_path):
    good = workbook_bytes(
        sheet("".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 3000)))
    )
    path = tmp_path / "damaged.xlsx"
    # the sheet's XML cut off in the middle: a row, then no end
    broken = workbook_bytes(
        f"<worksheet {NS}><sheetData>"
        + "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 3000))
        + '<row r="3000"><c r="A3000"><v>1</v></c'
    )
    path.write_bytes(broken)
    with pytest.raises(ValidationError) as caught:
        opened = open_sheet(path)
        list(opened.rows)
    assert str(path) in str(caught.value.where)
    # a corrupted member (its CRC no longer matches)
    data = bytearray(good)
    at = data.find(b'<row r="2000"')
    if at < 0:  # compressed: flip a byte in the middle of the archive instead
        at = len(data) // 2
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ValidationError):
        opened = open_sheet(path)
        list(opened.rows)


def test_open_sheet_numbers_rows_as_the_sheet_does(tmp_path):
    path = tmp_path / "c4.xlsx"
    book = openpyxl.Workbook()
    book.active["C4"] = "案号"
    book.active["C6"] = "（2026）豫0802民初1号"
    book.save(path)
    rows = list(open_sheet(path).rows)
    assert rows == [  # absolute: index 0 is column A, trailing empty cells absent
        (1, []),
        (2, []),
        (3, []),
        (4, ["", "", "案号"]),
        (5, []),
        (6, ["", "", "（2026）豫0802民初1号"]),
    ]
