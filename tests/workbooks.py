"""Workbooks for the XLSX reader tests: hypothesis strategies for the cells of openpyxl
workbooks, and sheet XML written by hand for what openpyxl never writes (inline and rich
strings, phonetic runs, `str` results, errors, the 1904 system, cells without `r`).
(They were the streaming reader's, tests/unit/test_xlsx_stream.py, deleted with it.)"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# ---------------------------------------------------------------- openpyxl workbooks

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("案号申请人刘䶮豫 \t\n\r&<>\"'_x0D;#=-.0123456789年月日😀🀄")),
        st.characters(codec="utf-8"),
    ),
    max_size=12,
).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
DATES = st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31))
FORMATS = st.sampled_from(
    [
        "General",
        "0.00",
        "yyyy-mm-dd",
        "m/d/yy h:mm",
        "h:mm:ss",
        "[h]:mm:ss",
        'yyyy"年"m"月"d"日"',
        "#,##0.00;[Red]-#,##0.00",
        "mm:ss",
        '"Y: "0.00"m"',
    ]
)
VALUES = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    DATES,
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)
    ),
    st.times().map(lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000)),
    st.timedeltas(dt.timedelta(0), dt.timedelta(days=1000)).map(
        lambda d: dt.timedelta(milliseconds=d // dt.timedelta(milliseconds=1))
    ),
    st.sampled_from(["=1+2", '="a"&"b"', "#N/A", "#DIV/0!"]),
)
# (row, column, value, number format) of up to 14 cells, from A1 (a test offsets them)
CELLS = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 5), VALUES, st.one_of(st.none(), FORMATS)),
    max_size=14,
)


# ---------------------------------------------------------------- sheet XML written here

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook_bytes(sheet_xml: str, strings: str | None = None, date1904: bool = False) -> bytes:
    styles = (
        f'<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
        '<xf numFmtId="46"/></cellXfs></styleSheet>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>'
        + (
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            if strings is not None
            else ""
        )
        + "</Relationships>"
    )
    root = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    book = (
        f'<workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships"><workbookPr date1904="{1 if date1904 else 0}"/><sheets>'
        '<sheet name="表一" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/styles.xml", styles)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings is not None:
            archive.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def sheet(rows: str) -> str:
    return f"<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>"


SHARED = (
    f'<sst {NS} count="6" uniqueCount="6">'
    "<si><t>  trimmed\n </t></si>"
    '<si><t xml:space="preserve">  kept  </t></si>'
    '<si><r><t>豫</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 0802</t></r>'
    '<rPh sb="0" eb="1"><t>ユ</t></rPh></si>'
    "<si><t>line_x000D_break_x0041_</t></si>"
    "<si></si>"
    "<si><t>a&amp;b&lt;c&#26696;</t></si>"
    "</sst>"
)

HAND_WRITTEN = {
    "shared strings": sheet(
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c>'
        '<c r="D2" t="s"><v>2</v></c></row>'
        '<row r="3"><c r="B3" t="s"><v>3</v></c><c r="C3" t="s"><v>4</v></c>'
        '<c r="D3" t="s"><v>5</v></c></row>'
    ),
    "inline, str, bool, error": sheet(
        '<row r="1"><c r="A1" t="inlineStr"><is><t> 申请人 </t></is></c>'
        '<c r="B1" t="str"><v> =x </v></c><c r="C1" t="b"><v>1</v></c>'
        '<c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#REF!</v></c>'
        '<c r="F1" t="inlineStr"><is><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></is></c>'
        "</row>"
        '<row r="4"><c r="C4" t="str"><v></v></c><c r="D4" t="inlineStr"><is/></c></row>'
    ),
    "dates and numbers": sheet(
        '<row r="3"><c r="B3" s="1"><v>45418</v></c><c r="C3" s="1"><v>45418.5</v></c>'
        '<c r="D3" s="1"><v>0.25</v></c><c r="E3" s="2"><v>1</v></c>'
        '<c r="F3" s="3"><v>1.5</v></c><c r="G3" s="1"><v>-5</v></c>'
        '<c r="H3" s="1"><v>3000000</v></c><c r="I3"><v>1E-300</v></c>'
        '<c r="J3" s="9"><v>12</v></c><c r="K3"><v>not a number</v></c>'
        '<c r="L3" s="1"><v>59.5</v></c><c r="M3" s="1"><v>60</v></c></row>'
    ),
    "formulas with cached values": sheet(
        '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"</f><v>a</v></c>'
        '<c r="C1" s="1"><f>TODAY()</f><v>45000</v></c></row>'
    ),
    "styled empty cells outside the values": sheet(
        '<row r="1"><c r="A1" s="1"/><c r="Z1" s="1"></c></row>'
        '<row r="5"><c r="C5"><v>1</v></c><c r="D5" s="2"/></row>'
        '<row r="9"><c r="B9" s="1"/></row>'
    ),
    "no r on cells (calamine's own positions)": sheet(
        '<row r="2"><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'
    ),
    "a comment in the sheet": sheet('<row r="1"><!-- c --><c r="A1"><v>1</v></c></row>'),
    "rows out of order": sheet(
        '<row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="B1"><v>1</v></c></row>'
    ),
}
# What a reader of part of a sheet leaves to calamine reading it whole (xlsx_slices declines it)
LEFT_TO_CALAMINE = {
    "no r on cells (calamine's own positions)",
    "a comment in the sheet",
    "rows out of order",
}


def whole(path: Path, name: str | None = None) -> list[tuple[int, list[object]]]:
    """The sheet's rows as calamine reading it whole gives them (`readers.open_sheet` with
    slicing off), to compare the sliced and streamed readers with."""
    from mediate.intake import readers

    saved = readers.SLICED_SUFFIXES
    readers.SLICED_SUFFIXES = ()
    try:
        return list(readers.open_sheet(path, name).rows)
    finally:
        readers.SLICED_SUFFIXES = saved


def sliced_and_streamed(path: Path, every: int = 1) -> list[Any]:
    """The sheet's rows as the sliced reader (`xlsx_slices.open_slices`, under the guard)
    and the streamed one (`stream_slices`) give them, `every` rows a slice: two iterators."""
    from mediate.intake import workbook_guard, xlsx_slices

    with workbook_guard.guarding(path) as guard:
        assert guard is not None
        sliced = xlsx_slices.open_slices(path, None, guard, rows_per_slice=every)
    assert sliced is not None
    streamed = xlsx_slices.stream_slices(path, None, rows_per_slice=every)
    assert streamed is not None
    return [sliced.rows, streamed[1]]


def openpyxl_workbook(path: Path, cells: list[Any], top: int, left: int) -> Path:
    """A workbook of hypothesis-drawn `CELLS` saved by openpyxl, moved `top` rows down and
    `left` columns right."""
    import openpyxl

    book = openpyxl.Workbook()
    for row, column, value, number_format in cells:
        cell = book.active.cell(row=top + row + 1, column=left + column + 1)
        cell.value = value
        if number_format:
            cell.number_format = number_format
    book.save(path)
    return path


def rows_xml(numbers: list[int], column: str = "A") -> str:
    """Rows of sheet XML: row n holds n in `column` and the text 行n in column D."""
    return "".join(
        f'<row r="{n}"><c r="{column}{n}"><v>{n}</v></c><c r="D{n}" t="inlineStr">'
        f"<is><t>行{n}</t></is></c></row>"
        for n in numbers
    )


def write_workbook(tmp_path: Path, sheet_xml: str, **kwargs: Any) -> Path:
    """`workbook_bytes(sheet_xml, ...)` written to tmp_path/w.xlsx."""
    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook_bytes(sheet_xml, **kwargs))
    return path
