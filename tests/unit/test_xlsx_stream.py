"""The streaming XLSX reader gives exactly what python-calamine's `iter_rows()` gives.

Differential: each workbook is read by both (`python_calamine` and `xlsx_stream`) and the
rows compared, values and Python types alike (1.0 is not 1, a date is not a datetime).
Workbooks come from openpyxl (hypothesis draws their cells) and, for what openpyxl never
writes (inline and rich strings, phonetic runs, `str` results, errors, the 1904 system,
cells without `r`), from sheet XML written here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediate.errors import ValidationError
from mediate.intake import xlsx_stream
from tests.workbooks import (
    CELLS,
    HAND_WRITTEN,
    LEFT_TO_CALAMINE,
    NS,
    SHARED,
    sheet,
    workbook_bytes,
)

FIXTURES = Path(__file__).resolve().parents[1]


def calamine_rows(path: Path, sheet: str | None = None) -> tuple[list[list[object]], int]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    chosen = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
    return [list(row) for row in chosen.iter_rows()], chosen.height


def streamed_rows(path: Path, sheet: str | None = None) -> tuple[list[list[object]], int] | None:
    streamed = xlsx_stream.open_stream(path, sheet)
    if streamed is None:
        return None
    return [list(row) for row in streamed.rows], streamed.height


def typed(rows: list[list[object]]) -> list[list[tuple[type, object]]]:
    return [[(type(cell), cell) for cell in row] for row in rows]


def assert_same(path: Path, sheet: str | None = None, *, streamed: bool = True) -> None:
    try:
        expected_rows, expected_height = calamine_rows(path, sheet)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        # calamine cannot give these rows: neither may the streaming reader (it fails too,
        # or declines, and calamine's error is the import's)
        try:
            declined = streamed_rows(path, sheet)
        except (ValueError, OverflowError, IndexError):
            return
        assert declined is None, "the streaming reader gave rows calamine refuses"
        return
    got = streamed_rows(path, sheet)
    if got is None:
        assert not streamed, "the streaming reader left this workbook to calamine"
        return
    rows, height = got
    assert typed(rows) == typed(expected_rows)
    assert height == expected_height


# ---------------------------------------------------------------- openpyxl workbooks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=CELLS, top=st.integers(0, 4), left=st.integers(0, 3))
def test_openpyxl_workbooks_read_alike(tmp_path_factory, cells, top, left):
    path = tmp_path_factory.mktemp("wb") / "w.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    formula = False
    for row, column, value, number_format in cells:
        cell = sheet.cell(row=top + row + 1, column=left + column + 1)
        cell.value = value
        formula |= isinstance(value, str) and value.startswith("=")
        if number_format:
            cell.number_format = number_format
    book.save(path)
    # a formula openpyxl writes has no cached value: where it could be the edge of the
    # range the reader cannot tell without reading it, and leaves the file to calamine
    assert_same(path, streamed=not formula)


def test_a_sheet_starting_at_c4_with_gaps_dates_and_styled_empty_cells(tmp_path):
    path = tmp_path / "c4.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C4"], sheet["D4"], sheet["E4"] = "案号", 1, 1.5
    sheet["F4"], sheet["G4"] = True, dt.date(2024, 5, 6)
    sheet["H4"] = dt.datetime(2024, 5, 6, 7, 8, 9)
    sheet["C5"], sheet["E5"], sheet["G5"] = "  x  ", "#N/A", dt.time(12, 30)
    sheet["H5"] = dt.timedelta(hours=30)
    sheet["C7"], sheet["E7"], sheet["F7"] = "a\nb&<>", -1e20, False
    sheet["I9"] = dt.date(2024, 1, 2)
    sheet["I9"].number_format = 'yyyy"年"m"月"d"日"'
    sheet["J2"].number_format = "0.00"  # styled, no value: outside the range
    sheet["K12"].number_format = "0.00"
    book.save(path)
    assert_same(path)
    rows, _ = streamed_rows(path)  # type: ignore[misc]
    assert rows[3][:2] == ["案号", 1.0] and len(rows) == 9 and len(rows[0]) == 7


def test_a_named_sheet_and_an_empty_sheet(tmp_path):
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "空"
    other = book.create_sheet("转办")
    other["B2"] = "刘䶮"
    book.save(path)
    assert_same(path)
    assert_same(path, "转办")
    assert streamed_rows(path) == ([], 0)
    assert xlsx_stream.open_stream(path, "没有") is None  # calamine names the sheets


# ---------------------------------------------------------------- sheet XML written here


@pytest.mark.parametrize("case", sorted(HAND_WRITTEN))
@pytest.mark.parametrize("date1904", [False, True])
def test_hand_written_sheets_read_alike(tmp_path, case, date1904):
    path = tmp_path / "hand.xlsx"
    path.write_bytes(workbook_bytes(HAND_WRITTEN[case], SHARED, date1904))
    assert_same(path, streamed=case not in LEFT_TO_CALAMINE)
    if case in LEFT_TO_CALAMINE:
        assert xlsx_stream.open_stream(path, None) is None


def test_the_padding_is_bounded_even_without_the_guard(tmp_path):
    """The guard refuses a sheet whose farthest cells make a huge grid; the streaming reader
    checks its own range too, so its empty padding stays bounded however it is called."""
    path = tmp_path / "sparse.xlsx"
    path.write_bytes(
        workbook_bytes(
            sheet(
                '<row r="1"><c r="A1"><v>1</v></c></row>'
                '<row r="999999"><c r="ZZ999999"><v>2</v></c></row>'  # the stream's farthest
            )
        )
    )
    with pytest.raises(ValidationError, match="refused"):
        xlsx_stream.open_stream(path, None)


def assert_left_to_calamine(path: Path) -> None:
    """Declined before a row is read, whatever calamine makes of the workbook (its rows,
    or its error, which the import then reports as for any workbook calamine reads)."""
    with contextlib.suppress(Exception):  # calamine's own outcome: the stream declines
        calamine_rows(path)
    assert xlsx_stream.open_stream(path, None) is None


def _with(data: bytes, **members: bytes | str) -> bytes:
    """The workbook `data` with the members named (`__` for `/`, `_dot_` for `.`) replaced."""
    names = {k.replace("__", "/").replace("_dot_", "."): v for k, v in members.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info.filename, names.pop(info.filename, source.read(info)))
        for name, content in names.items():
            archive.writestr(name, content)
    return out.getvalue()


_ROW = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>'
_BOOK = (
    f'<workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships">{}<sheets><sheet name="表一" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_DOCTYPE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "案">]>'
_SHARED_ONE = f"<sst {NS}><si><t>甲</t></si></sst>"
_SHEET_RELS = "xl/_rels/workbook.xml.rels"

LEFT_BY_THE_STREAM = {
    # a: cell parts with a prefix under an unprefixed root
    "prefixed row": sheet('<x:row xmlns:x="u" r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'),
    "prefixed c": sheet(f'<row r="1"><x:c xmlns:x="{NS[7:-1]}" r="A1"><v>1</v></x:c></row>'),
    "prefixed v": sheet(f'<row r="1"><c r="A1"><x:v xmlns:x="{NS[7:-1]}">1</x:v></c></row>'),
    # b: an `r` calamine does not read as a place
    **{
        f"r {ref!r}": sheet(f'<row r="2"><c r="A2"><v>1</v></c><c r="{ref}"><v>2</v></c></row>')
        for ref in ("A+2", " B2", "Ａ2", "1A", "A", "", " A1", "A0", "XFE2", "A1048577")
    },
    # c: a document type declaration in a part the stream reads
    "doctype in the sheet": _DOCTYPE + sheet('<row r="1"><c r="A1"><v>1</v></c></row>'),
    # d: a row revisited, cells out of order
    "row revisited": sheet(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
        '<row r="3"><c r="A1"><v>3</v></c></row>'
    ),
    "cell of an earlier row": sheet('<row><c r="A2"><v>1</v></c><c r="B1"><v>2</v></c></row>'),
    # e: a character reference in a number
    "character reference in v": sheet('<row r="1"><c r="A1"><v>1&#48;</v></c></row>'),
    # f: a shared string that is not there
    "string index overflow": sheet('<row r="1"><c r="A1" t="s"><v>99</v></c></row>'),
}


@pytest.mark.parametrize("case", sorted(LEFT_BY_THE_STREAM))
def test_what_the_stream_cannot_match_is_left_to_calamine(tmp_path, case):
    """The stream's contract: calamine's rows, or declining before a row is read."""
    path = tmp_path / "left.xlsx"
    path.write_bytes(workbook_bytes(LEFT_BY_THE_STREAM[case], SHARED))
    assert_left_to_calamine(path)


@pytest.mark.parametrize(
    "members",
    [
        {"xl/sharedStrings.xml": _DOCTYPE + _SHARED_ONE},
        {"xl/workbook.xml": _DOCTYPE + _BOOK.format("")},
        {"xl/styles.xml": _DOCTYPE + f"<styleSheet {NS}/>"},
        {_SHEET_RELS: "<!DOCTYPE x>"},
        {
            "xl/sharedStrings.xml": ('<?xml version="1.0" encoding="GBK"?>' + _SHARED_ONE).encode(
                "gbk"
            )
        },
        {"xl/sharedStrings.xml": _SHARED_ONE.encode("utf-16")},
        {"xl/workbook.xml": _BOOK.format('<workbookPr date1904="1"/><workbookPr/>')},
        {"xl/workbook.xml": _BOOK.format('<workbookPr/><workbookPr date1904="1"/>')},
    ],
    ids=[
        "doctype strings",
        "doctype workbook",
        "doctype styles",
        "doctype rels",
        "gbk strings",
        "utf-16 strings",
        "workbookPr twice 1904 first",
        "workbookPr twice 1904 last",
    ],
)
def test_parts_the_stream_cannot_match_are_left_to_calamine(tmp_path, members):
    path = tmp_path / "parts.xlsx"
    data = workbook_bytes(sheet(_ROW), _SHARED_ONE)
    if _SHEET_RELS in members:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {_SHEET_RELS: members[_SHEET_RELS] + archive.read(_SHEET_RELS).decode()}
    path.write_bytes(
        _with(data, **{k.replace("/", "__").replace(".", "_dot_"): v for k, v in members.items()})
    )
    assert_left_to_calamine(path)


def test_a_backslash_in_the_sheet_target_is_left_to_calamine(tmp_path):
    path = tmp_path / "backslash.xlsx"
    data = workbook_bytes(sheet(_ROW), _SHARED_ONE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read(_SHEET_RELS).decode().replace("worksheets/sheet1", "worksheets\\sheet1")
    path.write_bytes(_with(data, xl___rels__workbook_dot_xml_dot_rels=rels))
    assert_left_to_calamine(path)


@pytest.mark.parametrize("number", ["2.0806633505350875e+300", "1e308", "-1e308", "1e15"])
@pytest.mark.parametrize("style", ["1", "3"])  # a date format, an elapsed-time format
def test_a_date_too_far_for_milliseconds_reads_as_calamine_does(tmp_path, number, style):
    """Days times 86,400,000 overflow to infinity past about 2e300: Rust's cast saturates,
    calamine gives the number (or pyo3's OverflowError for a duration)."""
    path = tmp_path / "far-date.xlsx"
    path.write_bytes(
        workbook_bytes(sheet(f'<row r="1"><c r="A1" s="{style}"><v>{number}</v></c></row>'))
    )
    assert_same(path)
