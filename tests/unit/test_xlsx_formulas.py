"""A formula cell with no saved result (as openpyxl writes one) is refused with its row,
naming the cell and the formula, on both XLSX paths: not read as an empty cell."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from mediate.errors import ValidationError
from mediate.intake import workbook_guard, xlsx_slices
from mediate.intake.formulas import SHARED_UNKNOWN, uncached
from mediate.intake.readers import UnreadableRow, open_sheet
from tests.workbooks import CELLS, sheet, sliced_and_streamed, whole, workbook_bytes


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
    check(whole(book(tmp_path, ROWS)))


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
    assert uncached(xml) == {7: {27: SHARED_UNKNOWN}}


def test_a_formula_cell_is_found_whatever_the_order_and_quotes_of_its_attributes():
    """calamine reads `r` wherever it stands among a cell's attributes (review of
    2026-12-02: `<c s="1" r="A1">` and `r='A1'` slipped through as empty cells)."""
    xml = (
        b'<row r="3"><c s="1" r="B3"><f>A1*2</f></c>'
        b"<c t='n' r='C3'><f>A1*3</f><v></v></c>"
        b'<c r="D3" s="2"><f>A1*4</f><v>4</v></c></row>'
    )
    assert uncached(xml) == {3: {1: "=A1*2", 2: "=A1*3"}}


# ---------------------------------------------------------------- prefixed elements


def prefixed(xml: str, prefix: str = "x") -> str:
    """`xml` (a sheet part, unprefixed) with every element in `prefix`, as OpenXML SDK
    exports write it (`<x:worksheet xmlns:x=…><x:sheetData><x:row><x:c>`)."""
    xml = re.sub(r"<(/?)([A-Za-z])", rf"<\1{prefix}:\2", xml)
    return re.sub(r"\sxmlns=", f" xmlns:{prefix}=", xml, count=1)


def test_a_formula_without_its_result_in_a_prefixed_sheet_is_refused(tmp_path):
    """calamine reads `<x:c r="A2"><x:f>A1*2</x:f></x:c>` by its local names, as an empty
    cell; the sliced reader declines prefixes, so the sheet is read whole."""
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>甲</t></is></c>'
        '</row><row r="2"><c r="A2"><f>A1*2</f></c><c r="B2" t="inlineStr"><is><t>乙</t>'
        '</is></c></row><row r="3"><c r="A3"><f>A1*3</f><v>3</v></c></row>'
        '<row r="5"><c r="B5"><f>A1*4</f><v></v></c></row>'
    )
    path = tmp_path / "x.xlsx"
    path.write_bytes(workbook_bytes(prefixed(sheet(rows))))
    with workbook_guard.guarding(path) as guard:
        assert guard is not None
        assert xlsx_slices.open_slices(path, None, guard, rows_per_slice=1) is None
    got = list(open_sheet(path).rows)
    assert [n for n, _ in got] == [1, 2, 3, 4, 5]
    refused = {n: cells for n, cells in got if isinstance(cells, UnreadableRow)}
    assert sorted(refused) == [2, 5]
    assert list(refused[2]) == ["=A1*2", "乙"] and "A2" in refused[2].reason
    assert list(refused[5]) == ["", "=A1*4"] and "=A1*4" in refused[5].reason
    assert dict(got)[3] == [3.0]


def test_prefixed_cells_are_found_and_others_named_alike_are_not():
    xml = (
        b'<x:cols><x:col min="1" max="2"/></x:cols><x:sheetData><x:row r="1">'
        b'<x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"/><ab.c-1:c r="C1" s="1">'
        b"<ab.c-1:f>A1&amp;&quot;x&quot;</ab.c-1:f><ab.c-1:v/></ab.c-1:c>"
        b'<x:c r="D1"><x:f>A1</x:f><x:v>1</x:v></x:c></x:row></x:sheetData>'
        b'<x:conditionalFormatting sqref="A1"><x:cfRule type="expression">'
        b"<x:formula>A1&gt;1</x:formula></x:cfRule></x:conditionalFormatting>"
    )
    assert uncached(xml) == {1: {2: '=A1&"x"'}}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=CELLS)
def test_openpyxl_sheets_give_the_same_formulas_prefixed(cells):
    wb = openpyxl.Workbook()
    for row, column, value, _ in cells:
        wb.active.cell(row=row + 1, column=column + 1).value = value
    out = io.BytesIO()
    wb.save(out)
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    plain = uncached(xml.encode())
    assert uncached(prefixed(xml).encode()) == plain
    assert uncached(prefixed(xml, "s.ml-2").encode()) == plain


# ---------------------------------------------------------------- shared formulas

SHARED = (
    '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f>'
    "<v>2</v></c></row>"
    '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/></c></row>'
    '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"></f><v></v></c></row>'
    '<row r="4"><c r="A4"><v>4</v></c><c r="B4"><f t="shared" si="7"/></c></row>'
)


def test_a_shared_formula_without_its_result_is_named_by_its_first_cell_moved():
    """Excel writes a formula filled down once, in its first cell (`ref`, `si`), the others
    `<f t="shared" si="0"/>`: each is named with the first cell's text, moved to it."""
    assert uncached(SHARED.encode()) == {
        2: {1: "=A2*2"},
        3: {1: "=A3*2"},
        4: {1: SHARED_UNKNOWN},
    }


def test_a_shared_formula_whose_first_cell_is_not_read_says_so_not_an_empty_formula(
    tmp_path, monkeypatch
):
    path = tmp_path / "s.xlsx"
    path.write_bytes(workbook_bytes(sheet(SHARED)))
    rows = dict(whole(path))
    assert list(rows[2]) == [2.0, "=A2*2"] and "(=A2*2)" in rows[2].reason  # type: ignore[attr-defined]
    unknown = rows[4]
    assert isinstance(unknown, UnreadableRow) and list(unknown) == [4.0, ""]
    assert "B4" in unknown.reason and "shared formula" in unknown.reason
    assert "(=)" not in unknown.reason
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    rows = dict(whole(path))
    assert "单元格 B4 是共享公式" in rows[4].reason  # type: ignore[attr-defined]


def test_shared_formulas_are_read_across_the_chunks_of_a_part(tmp_path, monkeypatch):
    from mediate.intake import formulas

    monkeypatch.setattr(formulas, "_CHUNK", 64)
    path = tmp_path / "s.xlsx"
    path.write_bytes(workbook_bytes(prefixed(sheet(SHARED))))
    assert formulas.of_sheet(path, "表一") == uncached(SHARED.encode())


# ---------------------------------------------------------------- the sheet's part


def with_doctype(tmp_path: Path) -> Path:
    """A workbook of FORMULA_ROWS whose workbook.xml has a DOCTYPE: `find_sheet` declines
    it, calamine reads the sheet."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(sheet(FORMULA_ROWS))))
    path = tmp_path / "d.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/workbook.xml":
                part = b"<!DOCTYPE workbook>" + part
            archive.writestr(info.filename, part)
    return path


FORMULA_ROWS = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f></c></row>'


def test_a_formula_is_refused_when_the_sheet_is_not_found_as_the_slices_find_it(tmp_path):
    """The formula was imported as an empty cell (of_sheet gave {} for any error)."""
    ((number, cells),) = whole(with_doctype(tmp_path))
    assert number == 1 and isinstance(cells, UnreadableRow) and list(cells) == [1.0, "=A1*2"]


def test_a_formula_in_one_of_several_sheets_not_found_refuses_the_workbook(tmp_path):
    from mediate.intake.formulas import of_sheet

    path = with_doctype(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/worksheets/sheet2.xml", sheet('<row r="1"><c r="A1"/></row>'))
    with pytest.raises(ValidationError, match=r"sheet1\.xml"):
        of_sheet(path, "表一")


def test_rows_between_refused_rows_are_given_empty_when_read_whole(tmp_path):
    """calamine gives no row for one holding only such formulas: the rows around it, to the
    first, are given as the sliced reader gives them (found by
    test_openpyxl_workbooks_read_alike_in_slices_of_1_2_3_rows: row 1 empty, A2 =1+2)."""
    assert [n for n, _ in whole(book(tmp_path, [[None], ["=1+2"]]))] == [1, 2]
    assert [n for n, _ in whole(book(tmp_path, [[1], [None], ["=1"], [None], ["=2"]]))] == [
        1,
        2,
        3,
        4,
        5,
    ]


def test_a_shared_formula_s_first_cell_in_an_earlier_slice_names_the_later_ones(tmp_path):
    """Sliced one row at a time (`xlsx_slices`), the cells of rows 2 and 3 are named by
    row 1's formula moved to them, as read whole: the first cells are kept from slice to
    slice, by the vouched slices and by the streamed ones alike."""

    path = tmp_path / "s.xlsx"
    path.write_bytes(workbook_bytes(sheet(SHARED)))
    expected = [(n, list(cells), getattr(cells, "reason", None)) for n, cells in whole(path)]
    for rows in sliced_and_streamed(path):
        got = [(n, list(cells), getattr(cells, "reason", None)) for n, cells in rows]
        assert got == expected
        assert "=A3*2" in str(got[2][2])


ERRORS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>申请人</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>被申请人</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>标的额</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>乙</t></is></c><c r="C2"><v>5</v></c></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>甲</t></is></c>'
    '<c r="B3" t="inlineStr"><is><t>乙</t></is></c>'
    '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t>甲</t></is></c>'
    '<c r="B4" s="1" t=\'e\'><v>#N/A</v></c></row>'
    '<row r="5"><c r="A5" t="inlineStr"><is><t>丙</t></is></c>'
    '<c r="B5" t="str"><v>#N/A</v></c><c r="C5" t="e"/></row>'
    '<row r="6"><c r="C6" t="e"><v>#REF!</v></c></row>'
)


def test_an_error_value_refuses_its_row_naming_the_cell_on_every_path(tmp_path):
    """calamine gives an error cell (`t="e"`) as an empty cell: `=1/0` in 标的额 was imported
    as no amount, `#N/A` in 被申请人 as no respondent. Read whole, in slices and streamed,
    the row is refused naming the cell and the error value; a text "#N/A" (`t="str"`) and
    an error cell with no value are not errors."""
    path = tmp_path / "e.xlsx"
    path.write_bytes(workbook_bytes(sheet(ERRORS)))
    expected = [(n, list(cells), getattr(cells, "reason", None)) for n, cells in whole(path)]
    by_number = {n: (cells, reason) for n, cells, reason in expected}
    assert by_number[2] == (["甲", "乙", 5.0], None)
    assert by_number[3][0] == ["甲", "乙", "#DIV/0!"]
    assert "C3" in by_number[3][1] and "#DIV/0!" in by_number[3][1]
    assert by_number[4][0] == ["甲", "#N/A"] and "B4" in by_number[4][1]
    assert by_number[5] == (["丙", "#N/A"], None)
    assert by_number[6][0] == ["", "", "#REF!"] and "C6 " in by_number[6][1]
    for every in (1, 2, 5):
        for rows in sliced_and_streamed(path, every):
            got = [(n, list(cells), getattr(cells, "reason", None)) for n, cells in rows]
            assert got == expected


def test_an_error_value_is_found_however_its_attributes_are_written():
    found = uncached(b'<c s="1" r=\'B4\' t = \'e\'><v>#N/A</v></c><c r="C4" t="e"></c>')
    assert found == {4: {1: "#N/A"}}


def test_a_shared_formula_whose_text_openpyxl_cannot_move_is_named_in_words():
    """Final read: openpyxl's Translator raised IndexError on the text `)` (the file was
    then called damaged); the cell is named as a shared formula without its text."""
    xml = (
        '<row r="1"><c r="B1"><f t="shared" ref="B1:B2" si="0">)</f><v>1</v></c></row>'
        '<row r="2"><c r="B2"><f t="shared" si="0"/></c></row>'
    )
    assert uncached(xml.encode()) == {2: {1: SHARED_UNKNOWN}}
