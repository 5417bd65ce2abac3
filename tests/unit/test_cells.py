"""Cells written to spreadsheets are never formulas (issue #12, item 3): one helper,
`mediate.cells`, used by every writer; the outputs are read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mediate.cells import csv_cell, neutralised
from mediate.reports.model import Table
from mediate.reports.sinks import write_rows
from mediate.reports.tabular import write_csv, write_xlsx

HOSTILE = [
    '=HYPERLINK("http://evil.example/","点击")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_evaluate_gets_a_quote_in_csv(text):
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("value", [Decimal("-500.00"), -3, -0.5, "-500", "-1.5e3", "+7"])
def test_numbers_stay_numbers_even_negative_ones(value):
    assert csv_cell(value) == value


def test_ordinary_text_dates_and_none_are_unchanged():
    assert [csv_cell(v) for v in ("张三", "A-1", None, dt.date(2026, 1, 2))] == [
        "张三",
        "A-1",
        "",
        "2026-01-02",
    ]


def _table() -> Table:
    rows = [[text, Decimal("-12.50"), -3] for text in HOSTILE]
    return Table(keys=["name", "amount", "count"], labels=["名称", "金额", "数量"], rows=rows)


def assert_no_live_formula(cells: list[object]) -> None:
    for cell in cells:
        if isinstance(cell, str) and cell:
            assert cell[0] not in "=+-@\t\r" or cell.lstrip("+-").replace(".", "").isdigit(), cell


def test_report_csv_reads_back_neutralised_and_numeric(tmp_path):
    stream = io.StringIO()
    write_csv(_table(), stream)
    rows = list(csv.reader(io.StringIO(stream.getvalue())))[1:]
    assert [r[0] for r in rows] == ["'" + t.replace("\r", "\n") for t in HOSTILE]
    assert {(r[1], r[2]) for r in rows} == {("-12.50", "-3")}
    assert_no_live_formula([c for r in rows for c in r])


def _assert_xlsx_has_text_not_formulas(path, hostile_column):
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert b"<f>" not in data and b"<f " not in data, name
            assert b"<hyperlink" not in data and b"relationships/hyperlink" not in data, name
    sheet = load_workbook(path).worksheets[0]
    column = next(iter(sheet.iter_cols(min_col=hostile_column, max_col=hostile_column)))[1:]
    assert [c.value for c in column] == [t.replace("\r", "\n") for t in HOSTILE]
    assert {c.data_type for c in column} == {"s"}
    return sheet


def test_report_xlsx_writes_text_cells_and_keeps_numbers_numeric(tmp_path):
    path = write_xlsx([_table()], tmp_path / "r.xlsx")
    sheet = _assert_xlsx_has_text_not_formulas(path, 1)
    assert {(r[1].value, r[2].value) for r in sheet.iter_rows(min_row=2)} == {(-12.5, -3)}
    assert {(r[1].data_type, r[2].data_type) for r in sheet.iter_rows(min_row=2)} == {("n", "n")}


def test_export_sinks_write_no_formula_in_csv_or_xlsx(tmp_path, capsys):
    rows = [[1, text, Decimal("-1.00")] for text in HOSTILE]
    write_rows("xlsx", ["id", "name", "amount"], rows, tmp_path / "e.xlsx")
    _assert_xlsx_has_text_not_formulas(tmp_path / "e.xlsx", 2)
    write_rows("csv", ["id", "name", "amount"], rows, tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as fh:
        back = list(csv.reader(fh))[1:]
    assert [r[1] for r in back] == ["'" + t.replace("\r", "\n") for t in HOSTILE]
    assert {r[2] for r in back} == {"-1.00"}


def test_xlsx_cells_lose_characters_xml_cannot_hold_and_stay_within_excels_limit(tmp_path):
    rows = [[1, "a\x00b\x0bc", "x" * 40_000]]
    write_rows("xlsx", ["id", "text", "long"], rows, tmp_path / "e.xlsx")
    row = list(load_workbook(tmp_path / "e.xlsx").worksheets[0].iter_rows(values_only=True))[1]
    assert row[1] == "ab\nc" and len(row[2]) == 32_767  # NUL dropped, a vertical tab a line break


def test_column_letters_and_numbers_are_openpyxls():
    """One helper for every reader and writer of cell references (formulas, the workbook
    guard, the charts' workbooks)."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    from mediate.cells import column_letters, column_number

    for number in [*range(1, 800), 16_383, 16_384, 18_278]:
        letters = get_column_letter(number)
        assert column_letters(number - 1) == letters
        assert column_number(letters.encode()) == column_index_from_string(letters) == number
        assert column_number(letters.lower().encode()) == number
