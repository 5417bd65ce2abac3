"""The sliced XLSX reader gives exactly what calamine reading the sheet whole gives.

Differential: each workbook is read by `readers.open_sheet` with slicing off (calamine
whole, rows made absolute) and by `xlsx_slices.open_slices` with tiny slices (1, 2 or 3
rows), and the rows compared, values and Python types alike. The workbooks are tests/workbooks.py's
(hypothesis-drawn openpyxl workbooks, hand-written sheet XML).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediate.errors import ValidationError
from mediate.intake import workbook_guard, xlsx_slices
from mediate.intake.readers import UnreadableRow, open_sheet
from tests.workbooks import (
    CELLS,
    HAND_WRITTEN,
    LEFT_TO_CALAMINE,
    NS,
    SHARED,
    openpyxl_workbook,
    rows_xml,
    sheet,
    whole,
    workbook_bytes,
    write_workbook,
)

Rows = list[tuple[int, list[object]]]


def guarded_slices(path: Path, name: str | None = None, **kwargs: Any) -> Any:
    """`open_slices` as `readers.open_sheet` calls it: inside the guard."""
    with workbook_guard.guarding(path) as guard:
        assert guard is not None
        return xlsx_slices.open_slices(path, name, guard, **kwargs)


def sliced(path: Path, name: str | None = None, every: int = 1) -> Rows | None:
    found = guarded_slices(path, name, rows_per_slice=every)
    return None if found is None else list(found.rows)


def typed(rows: Rows) -> list[tuple[int, list[tuple[type, object]]]]:
    return [(n, [(type(c), c) for c in cells]) for n, cells in rows]


def assert_same(path: Path, name: str | None = None, every: int = 1) -> Rows:
    got = sliced(path, name, every)
    assert got is not None, "declined"
    expected = whole(path, name)
    assert typed(got) == typed(expected)
    return got


write = write_workbook


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=CELLS, top=st.integers(0, 4), left=st.integers(0, 3), every=st.sampled_from([1, 2, 3]))
def test_openpyxl_workbooks_read_alike_in_slices_of_1_2_3_rows(
    tmp_path_factory, cells, top, left, every
):
    path = openpyxl_workbook(tmp_path_factory.mktemp("wb") / "w.xlsx", cells, top, left)
    got = sliced(path, None, every)
    if got is None:  # one slice only (or no rows): nothing to cut
        return
    try:
        expected = whole(path)
    except ValidationError:  # a value calamine refuses (a date out of its range): that row
        assert any(isinstance(cells, UnreadableRow) for _, cells in got)
        return
    assert typed(got) == typed(expected)


@pytest.mark.parametrize("case", sorted(HAND_WRITTEN))
@pytest.mark.parametrize("date1904", [False, True])
def test_hand_written_sheets_read_alike(tmp_path, case, date1904):
    xml = HAND_WRITTEN[case].replace("</sheetData>", rows_xml([20, 21]) + "</sheetData>")
    path = write(tmp_path, xml, strings=SHARED, date1904=date1904)
    if case in LEFT_TO_CALAMINE:  # no r on cells, a comment, rows out of order
        assert sliced(path) is None
        return
    assert_same(path)


def test_dates_count_from_1900_or_1904_as_workbook_xml_says(tmp_path):
    xml = sheet(rows_xml([1, 2]) + '<row r="3"><c r="B3" s="1"><v>45418</v></c></row>')
    dates = []
    for date1904 in (False, True):
        path = write(tmp_path, xml, date1904=date1904)
        dates.append(assert_same(path)[-1][1][1])
    assert dates == [dt.date(2024, 5, 6), dt.date(2028, 5, 7)]


def test_shared_strings_in_every_slice(tmp_path):
    got = assert_same(write(tmp_path, HAND_WRITTEN["shared strings"], strings=SHARED))
    assert [n for n, _ in got] == [1, 2, 3]
    assert got[1][1][2] == "  kept  "
    assert got[2][1][2:] == ["", "a&b<c案"]  # an empty shared string, entities


def test_gaps_leading_empty_rows_and_a_header_not_in_column_a(tmp_path):
    path = write(tmp_path, sheet(rows_xml([3, 4, 9, 10], column="C")))
    got = assert_same(path, every=1)
    assert got[:4] == [(1, []), (2, []), (3, ["", "", 3.0, "行3"]), (4, ["", "", 4.0, "行4"])]
    assert [n for n, _ in got] == list(range(1, 11))
    assert got[4:8] == [(5, []), (6, []), (7, []), (8, [])]


@pytest.mark.parametrize("every", [1, 2, 3, 7])
def test_a_long_sheet_in_slices(tmp_path, every):
    numbers = [n for n in range(1, 200) if n % 11]
    got = assert_same(write(tmp_path, sheet(rows_xml(numbers))), every=every)
    assert len(got) == 199


def test_a_second_sheet_by_name(tmp_path):
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "首"
    book.active["A1"] = "first"
    other = book.create_sheet("转办")
    for n in range(2, 40):
        other.cell(row=n, column=2, value=f"刘䶮{n}")
        other.cell(row=n, column=3, value=n)
    book.save(path)
    got = assert_same(path, "转办", every=2)
    assert got[1] == (2, ["", "刘䶮2", 2])
    assert sliced(path, "没有") is None  # calamine names the sheets there are


def test_a_small_sheet_is_one_slice_and_read_whole(tmp_path):
    path = write(tmp_path, sheet(rows_xml(list(range(1, 50)))))
    assert guarded_slices(path, None) is None
    assert guarded_slices(path, None, slice_bytes=500) is not None


ROWS = rows_xml([1, 2, 3, 4])
DECLINED = {
    "prefixed root": (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<x:sheetData>" + ROWS.replace("<", "<x:").replace("<x:/", "</x:") + "</x:sheetData>"
        "</x:worksheet>"
    ),
    "prefixed cells": (
        f'<worksheet {NS} xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>" + ROWS.replace("<c ", "<x:c ").replace("</c>", "</x:c>") + "</sheetData>"
        "</worksheet>"
    ),
    "empty sheetData": f"<worksheet {NS}><sheetData/></worksheet>",
    "comment": sheet(ROWS.replace("</row>", "<!-- x --></row>", 1)),
    "CDATA": sheet(
        ROWS + '<row r="5"><c r="A5" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>'
    ),
    "DOCTYPE": '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "x">]>' + sheet(ROWS),
    "cell without r": sheet(ROWS + '<row r="5"><c><v>5</v></c></row>'),
    "cell with r second": sheet(ROWS + '<row r="5"><c t="n" r="A5"><v>5</v></c></row>'),
    "row without r": sheet(ROWS + '<row><c r="A5"><v>5</v></c></row>'),
    "cells out of order": sheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="B3"><v>3</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c></row>'
    ),
    "rows out of order": sheet(rows_xml([1, 3, 2, 4])),
    "one row across a cut": sheet(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="B1"><v>2</v></c></row>'
        + rows_xml([2, 3])
    ),
}


@pytest.mark.parametrize("case", sorted(DECLINED))
def test_what_slices_cannot_read_exactly_is_read_whole(tmp_path, case):
    path = write(tmp_path, DECLINED[case])
    assert sliced(path, None, 1) is None
    try:
        expected: object = whole(path)
    except ValidationError as exc:
        expected = str(exc)
    try:
        got: object = list(open_sheet(path).rows)
    except ValidationError as exc:
        got = str(exc)
    assert got == expected


def test_equal_rows_within_a_slice_are_read(tmp_path):
    """The same row twice in a row is declined only across a cut: within a slice calamine
    places both as the whole read does."""
    path = write(tmp_path, DECLINED["one row across a cut"])
    assert sliced(path, None, 1) is None
    assert_same(path, every=2)


def stored(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_STORED)
    return out.getvalue()


def test_a_damaged_sheet_fails_before_any_row(tmp_path):
    data = bytearray(stored(workbook_bytes(sheet(rows_xml(list(range(1, 300)))))))
    at = data.find(b"<v>297</v>")
    data[at + 3] = ord("8")  # still XML, but the CRC no longer matches
    path = tmp_path / "crc.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        guarded_slices(path, None, rows_per_slice=2)
    with pytest.raises(ValidationError, match="CRC"):
        open_sheet(path)  # the guard or the slices' first pass: no row given


def test_a_deflated_sheet_whose_crc_is_wrong_fails_before_any_row(tmp_path):
    """Inflated by the guard's zlib reader, not zipfile's: the CRC-32 compared at the end."""
    data = workbook_bytes(sheet(rows_xml(list(range(1, 300)))))
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    crc = struct.pack("<L", info.CRC)
    assert data.count(crc) == 2  # the local header and the central directory
    path = tmp_path / "crc.xlsx"
    path.write_bytes(data.replace(crc, struct.pack("<L", info.CRC ^ 1)))
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        guarded_slices(path, None, rows_per_slice=2)
    with pytest.raises(ValidationError, match="CRC"):
        open_sheet(path)


@pytest.mark.parametrize(
    ("last", "refusal"),
    [
        ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "grid"),
        ('<row r="300"><c r="A30000000000"><v>1</v></c></row>', "beyond XFD1048576"),
    ],
)
def test_the_guard_checks_a_sheet_read_in_slices_on_the_first_pass(tmp_path, last, refusal):
    """The sheet's grid is checked on the slices' first pass (one inflating for both):
    refused as the guard refuses it, before any row."""
    path = write(tmp_path, sheet(rows_xml(list(range(1, 300))) + last))
    with pytest.raises(ValidationError, match=refusal):
        guarded_slices(path, None, rows_per_slice=2)
    with pytest.raises(ValidationError, match=refusal):
        open_sheet(path)
    with zipfile.ZipFile(path) as archive:  # the same sheet, no check pending: read
        unguarded = workbook_guard.Guard(path, archive, [])
        assert xlsx_slices.open_slices(path, None, unguarded, rows_per_slice=2) is not None


@pytest.mark.parametrize("every", [1, 5, 64, 300])
def test_a_row_calamine_refuses_is_rejected_with_its_reason_and_the_rest_read(tmp_path, every):
    numbers = list(range(1, 400))
    bad = rows_xml(numbers).replace(
        '<c r="D250" t="inlineStr"><is><t>行250</t></is></c>', '<c r="D250"><x/></c>'
    )
    path = write(tmp_path, sheet(bad))
    with pytest.raises(ValidationError):
        whole(path)  # calamine whole refuses the file
    got = sliced(path, None, every)
    assert got is not None
    assert [n for n, _ in got] == numbers
    refused = got[249][1]
    assert isinstance(refused, UnreadableRow) and refused == []
    assert "Expecting" in refused.reason  # calamine's own words
    good = write(tmp_path / ".." / tmp_path.name, sheet(rows_xml(numbers)))
    expected = whole(good)
    assert got[:249] == expected[:249] and got[250:] == expected[250:]


def test_open_sheet_reads_in_slices_and_rejects_only_the_bad_row(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_slices, "SLICE_BYTES", 2000)
    bad = rows_xml(list(range(1, 300))).replace("<v>150</v>", "<v>150</v><x/>")
    path = write(tmp_path, sheet(bad))
    opened = open_sheet(path)
    assert opened.total == 299
    got = list(opened.rows)
    assert len(got) == 299
    assert [n for n, cells in got if isinstance(cells, UnreadableRow)] == [150]
    assert got[0] == (1, [1.0, "", "", "行1"])


def test_rich_text_with_colours_is_read_in_slices(tmp_path):
    """`<color` and `<charset` start with `<c` too: the cells are counted each way then."""
    rich = (
        '<row r="3"><c r="A3" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/>'
        '<charset val="134"/></rPr><t>红</t></r><r><t>字</t></r></is></c></row>'
    )
    got = assert_same(write(tmp_path, sheet(rows_xml([1, 2]) + rich + rows_xml([4]))))
    assert got[2] == (3, ["红字"])


def test_too_many_rows_calamine_refuses_refuse_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_slices, "MAX_UNREADABLE", 2)
    monkeypatch.setattr(xlsx_slices, "SLICE_BYTES", 300)
    bad = rows_xml(list(range(1, 20)))
    for n in (3, 9, 15):
        bad = bad.replace(f"<v>{n}</v>", f"<v>{n}</v><x/>")
    path = write(tmp_path, sheet(bad))
    with pytest.raises(ValidationError, match="cannot be read as a workbook"):
        list(open_sheet(path).rows)
    monkeypatch.setattr(xlsx_slices, "MAX_UNREADABLE", 3)
    assert len(sliced(path, None, 4) or []) == 19


SPACED = sheet(rows_xml([1, 2, 3, 4]).replace("</row>", "</row >", 1))
DECLINED_TOO = {
    "a row end written </row >": SPACED,
    "a row end written </row\\n>": sheet(rows_xml([1, 2, 3, 4]).replace("</row>", "</row\n>", 1)),
    "rows wrapped in an element": sheet(rows_xml([1, 2]) + "<g>" + rows_xml([3, 4]) + "</g>"),
    "all rows wrapped": sheet("<g>" + rows_xml([1, 2, 3, 4]) + "</g>"),
    "an element between rows": sheet(rows_xml([1, 2]) + "<g/>" + rows_xml([3, 4])),
    "a cell with two r": sheet(rows_xml([1, 2, 3]).replace('<c r="D2" ', '<c r="D2" r="D3" ')),
    "a row with two r": sheet(rows_xml([1, 2, 3]).replace('<row r="2"', '<row r="2" r="3"')),
}


@pytest.mark.parametrize("case", sorted(DECLINED_TOO))
def test_row_ends_wrappers_and_twice_written_r_are_read_whole(tmp_path, case):
    path = write(tmp_path, DECLINED_TOO[case])
    for every in (1, 2):
        assert sliced(path, None, every) is None


def test_the_first_pass_finds_a_wrapper_across_a_chunk_edge(tmp_path, monkeypatch):
    xml = sheet(rows_xml(list(range(1, 40))) + "<g>" + rows_xml([40, 41]) + "</g>")
    path = write(tmp_path, xml)
    edge = xml.encode().index(b"<g>")
    for chunk in (edge - 3, edge - 1, edge, edge + 1, 7, 64):
        monkeypatch.setattr(xlsx_slices, "_CHUNK", chunk)
        monkeypatch.setattr(workbook_guard, "_CHUNK", chunk)  # the first pass's chunks
        assert sliced(path, None, 1) is None


def test_a_row_longer_than_the_carry_declines_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_slices, "_CHUNK", 256)
    monkeypatch.setattr(workbook_guard, "_CHUNK", 256)
    monkeypatch.setattr(xlsx_slices, "MAX_CARRY", 2000)
    long = '<row r="3"><c r="A3" t="inlineStr"><is><t>' + "长" * 2000 + "</t></is></c></row>"
    path = write(tmp_path, sheet(rows_xml([1, 2]) + long + rows_xml([4, 5])))
    assert sliced(path, None, 1) is None
    monkeypatch.setattr(xlsx_slices, "MAX_CARRY", 20000)
    assert_same(path)


def test_every_part_copied_into_a_slice_counts_for_its_size(tmp_path, monkeypatch):
    """workbook.xml (and the other parts) are parsed again for each slice too."""
    monkeypatch.setattr(xlsx_slices, "SLICE_BYTES", 200)
    monkeypatch.setattr(xlsx_slices, "PARTS_FACTOR", 1)
    data = workbook_bytes(sheet(rows_xml(list(range(1, 40)))))
    path = tmp_path / "w.xlsx"
    path.write_bytes(data)
    assert guarded_slices(path, None) is not None
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = body.replace(b"</workbook>", b" " * 50_000 + b"</workbook>")
            dst.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())
    assert guarded_slices(path, None) is None  # one slice: read whole


def test_a_leaf_of_several_rows_rejects_each_by_its_own_number(tmp_path):
    """Should a slice calamine refuses hold rows not cut at `</row>`, each is rejected,
    none given empty."""
    path = write(tmp_path, sheet(rows_xml([1, 2])))
    with zipfile.ZipFile(path) as book:
        parts = [(i.filename, book.read(i)) for i in book.infolist()]
    part = "xl/worksheets/sheet1.xml"
    xml = dict(parts)[part]
    head = xml[: xml.index(b"<sheetData>") + len(b"<sheetData>")]
    others = [(n, d) for n, d in parts if n != part]
    reader = xlsx_slices._Slices("表一", others, part, head)
    body = rows_xml([5, 6, 7]).replace("</row>", "</row >").replace("<v>6</v>", "<v>6</v><x/>")
    got = list(reader.rows(body.encode()))
    assert [n for n, _ in got] == [5, 6, 7]
    assert all(isinstance(cells, UnreadableRow) and cells == [] for _, cells in got)


def test_a_row_calamine_refuses_says_so_in_a_sentence_of_the_catalog(tmp_path):
    bad = rows_xml(list(range(1, 10))).replace("<v>6</v>", "<v>6</v><x/>")
    got = sliced(write(tmp_path, sheet(bad)), None, 2)
    assert got is not None
    refused = got[5][1]
    assert isinstance(refused, UnreadableRow)
    assert refused.reason.startswith("the row cannot be read: the file is damaged")
    assert "(technical detail: Expecting" in refused.reason
    from mediate.i18n import in_language

    with in_language("zh_CN"):
        got = sliced(write(tmp_path, sheet(bad)), None, 2)
    assert got is not None
    said = got[5][1].reason  # type: ignore[attr-defined]
    assert said.startswith("此行无法读取：文件已损坏") and "（技术细节：Expecting" in said
