"""The copy of a workbook calamine reads (mediate/intake/calamine_copy.py): the same cells as
the original, a valid archive, and the original read wherever the copy is not plain."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest

from mediate.intake.calamine_copy import MERGE_CELLS, calamine_copy, crc32_combine
from mediate.intake.readers import calamine_sheet
from tests.data.attacks import make

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def _excel_like(path: Path, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """As Excel saves: an XML declaration and CRLF, shared strings, a date, a merged range."""
    strings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" '
        'uniqueCount="3"><si><t>案号</t></si><si><t>金额</t></si><si><t>合并</t></si></sst>'
    ).encode()
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:C3"/><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>(2026)豫0802民初1号</t></is></c>'
        '<c r="B2"><v>45673.43</v></c><c r="C2" t="b"><v>1</v></c></row>'
        '<row r="3"><c r="B3" t="s"><v>2</v></c></row>'
        '</sheetData><mergeCells count="1"><mergeCell ref="B3:C3"/></mergeCells></worksheet>'
    )
    make._workbook(path, sheet, strings)
    if compression == zipfile.ZIP_STORED:
        with zipfile.ZipFile(path) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            for name, data in parts:
                archive.writestr(name, data)
    return path


WORKBOOKS = {
    "court export (openpyxl)": lambda tmp: SAMPLES / "court-export-zhongzhan.xlsx",
    "referrals (openpyxl)": lambda tmp: SAMPLES / "referrals-shanyang.xlsx",
    "as Excel saves": lambda tmp: _excel_like(tmp / "excel.xlsx"),
    "stored, not deflated": lambda tmp: _excel_like(tmp / "stored.xlsx", zipfile.ZIP_STORED),
}


def _rows(path: Path) -> list[list[object]]:
    import python_calamine

    return list(
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    )


@pytest.mark.parametrize("workbook", sorted(WORKBOOKS))
def test_calamine_reads_the_same_cells_from_the_copy_as_from_the_original(tmp_path, workbook):
    original = WORKBOOKS[workbook](tmp_path)
    with calamine_copy(original) as copy:
        assert copy is not None
        with zipfile.ZipFile(copy) as archive:
            assert archive.testzip() is None  # every CRC-32 and size as the archive says
            assert archive.read("xl/worksheets/sheet1.xml").startswith(MERGE_CELLS)
        assert _rows(copy) == _rows(original)


def test_the_merged_cells_are_not_read_from_the_copy(tmp_path):
    """What the copy is for: calamine's read of the merged cells stops at the empty element."""
    import python_calamine

    original = _excel_like(tmp_path / "excel.xlsx")
    book = python_calamine.CalamineWorkbook.from_path(str(original))
    assert book.get_sheet_by_index(0).merged_cell_ranges == [((2, 1), (2, 2))]
    with calamine_copy(original) as copy:
        book = python_calamine.CalamineWorkbook.from_path(str(copy))
        assert book.get_sheet_by_index(0).merged_cell_ranges == []


def test_the_copy_is_removed_on_leaving(tmp_path):
    with calamine_copy(_excel_like(tmp_path / "excel.xlsx")) as copy:
        assert copy is not None and copy.exists()
    assert not copy.exists()


def test_a_workbook_that_is_not_a_plain_xlsx_is_read_from_the_original(tmp_path):
    ods = tmp_path / "book.ods"
    ods.write_bytes(_excel_like(tmp_path / "excel.xlsx").read_bytes())
    lzma = tmp_path / "lzma.xlsx"
    with zipfile.ZipFile(lzma, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not an archive")
    for path in (ods, lzma, damaged):
        with calamine_copy(path) as copy:
            assert copy is None


def test_a_sheet_that_does_not_start_with_a_tag_is_copied_without_the_element(tmp_path):
    path = tmp_path / "bom.xlsx"
    make._workbook(path, "\ufeff" + make._sheet("A1:E1"))
    with calamine_copy(path) as copy:
        assert copy is not None
        with zipfile.ZipFile(copy) as archive:
            assert archive.read("xl/worksheets/sheet1.xml").startswith("\ufeff".encode())
        assert _rows(copy) == _rows(path)


def test_calamine_reads_the_original_when_it_fails_on_the_copy(tmp_path, monkeypatch):
    import python_calamine

    original = _excel_like(tmp_path / "excel.xlsx")
    opened = []
    real = python_calamine.CalamineWorkbook.from_path

    def failing_on_copies(path):
        opened.append(path)
        if path != str(original):
            raise python_calamine.XmlError("at position 25: the copy is not read")
        return real(path)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", failing_on_copies)
    assert next(calamine_sheet(original).iter_rows()) == ["案号", "金额", ""]
    assert len(opened) == 2 and opened[1] == str(original)


@pytest.mark.parametrize("lengths", [(0, 5), (25, 0), (25, 1), (3, 1 << 20), (100, 190_891_133)])
def test_crc32_combine_is_the_crc_of_the_bytes_one_after_the_other(lengths):
    first = bytes(range(256)) * (lengths[0] // 256 + 1)
    first = first[: lengths[0]]
    if lengths[1] > 1 << 20:  # too long to build: zeros, whose CRC is combined the same way
        second_crc = zlib.crc32(bytes(lengths[1]))
        joined = zlib.crc32(bytes(lengths[1]), zlib.crc32(first))
    else:
        second = b"\xa5\x5a" * (lengths[1] // 2) + b"x" * (lengths[1] % 2)
        second_crc, joined = zlib.crc32(second), zlib.crc32(first + second)
    assert crc32_combine(zlib.crc32(first), second_crc, lengths[1]) == joined
