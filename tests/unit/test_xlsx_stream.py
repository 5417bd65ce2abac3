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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from mediate.errors import ValidationError
from mediate.intake import xlsx_stream
from mediate.intake.readers import open_sheet
from mediate.intake.workbook_guard import check_workbook

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
CELLS = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 5), VALUES, st.one_of(st.none(), FORMATS)),
    max_size=14,
)


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
LEFT_TO_CALAMINE = {
    "no r on cells (calamine's own positions)",
    "a comment in the sheet",
    "rows out of order",
}


@pytest.mark.parametrize("case", sorted(HAND_WRITTEN))
@pytest.mark.parametrize("date1904", [False, True])
def test_hand_written_sheets_read_alike(tmp_path, case, date1904):
    path = tmp_path / "hand.xlsx"
    path.write_bytes(workbook_bytes(HAND_WRITTEN[case], SHARED, date1904))
    assert_same(path, streamed=case not in LEFT_TO_CALAMINE)
    if case in LEFT_TO_CALAMINE:
        assert xlsx_stream.open_stream(path, None) is None


def test_every_xlsx_fixture_reads_alike():
    """The fixtures are the guard's attacks (calamine aborts the process on them): the
    guard still refuses each before either reader sees it; any other is read alike."""
    found = sorted(FIXTURES.rglob("*.xlsx"))
    assert found
    for path in found:
        try:
            check_workbook(path)
        except ValidationError:
            with pytest.raises(ValidationError, match="refused"):
                list(open_sheet(path).rows)
            continue
        assert_same(path, streamed=False)


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
