"""A formula cell with no saved result (as openpyxl writes one) is refused with its row,
naming the cell and the formula, on both XLSX paths: not read as an empty cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from mediate.intake import readers, workbook_guard, xlsx_slices
from mediate.intake.formulas import uncached
from mediate.intake.readers import UnreadableRow, open_sheet


def book(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "f.xlsx"
    wb.save(path)
    return path


ROWS = [
    ["申请人", "被申请人", "案由", "标的额"],
    ["甲", "乙", "民间借贷纠纷", "=A1*2"],
    ["=cmd|' /C calc'!A0", "乙", "民间借贷纠纷", "100"],
    ["丙", "乙", "民间借贷纠纷", 5],
]


def check(rows: list[tuple[int, list[object]]]) -> None:
    by_number = dict(rows)
    amount, applicant = by_number[2], by_number[3]
    assert isinstance(amount, UnreadableRow) and isinstance(applicant, UnreadableRow)
    assert list(amount) == ["甲", "乙", "民间借贷纠纷", "=A1*2"]
    assert "D2" in amount.reason and "=A1*2" in amount.reason
    assert list(applicant) == ["=cmd|' /C calc'!A0", "乙", "民间借贷纠纷", "100"]
    assert "A3" in applicant.reason and "=cmd|' /C calc'!A0" in applicant.reason
    assert by_number[4] == ["丙", "乙", "民间借贷纠纷", 5]
    assert not isinstance(by_number[1], UnreadableRow)


def test_a_formula_without_its_result_is_refused_when_the_sheet_is_read_whole(tmp_path):
    path = book(tmp_path, ROWS)
    saved = readers.SLICED_SUFFIXES
    readers.SLICED_SUFFIXES = ()
    try:
        check(list(open_sheet(path).rows))
    finally:
        readers.SLICED_SUFFIXES = saved


def test_a_formula_without_its_result_is_refused_in_slices(tmp_path):
    path = book(tmp_path, ROWS)
    with workbook_guard.guarding(path) as guard:
        assert guard is not None
        found = xlsx_slices.open_slices(path, None, guard, rows_per_slice=1)
    assert found is not None
    check(list(found.rows))


def test_a_formula_with_its_saved_result_is_that_result_and_a_row_of_one_formula_is_given():
    xml = (
        b'<row r="2"><c r="A2"/><c r="B2"><f>1+1</f><v>2</v></c>'
        b'<c r="C2" t="str"><f>""</f><v></v></c></row>'
        b'<row r="7"><c r="AB7"><f t="shared" si="0"/></c></row>'
    )
    assert uncached(xml) == {7: {27: "="}}


def test_a_formula_cell_is_found_whatever_the_order_and_quotes_of_its_attributes():
    """calamine reads `r` wherever it stands among a cell's attributes (review of
    2026-12-02: `<c s="1" r="A1">` and `r='A1'` slipped through as empty cells)."""
    xml = (
        b'<row r="3"><c s="1" r="B3"><f>A1*2</f></c>'
        b"<c t='n' r='C3'><f>A1*3</f><v></v></c>"
        b'<c r="D3" s="2"><f>A1*4</f><v>4</v></c></row>'
    )
    assert uncached(xml) == {3: {1: "=A1*2", 2: "=A1*3"}}
