"""The workbook guard's scan of a sheet's cell references (e2e: tests/e2e/test_attacks.py)."""

from __future__ import annotations

import zipfile

import pytest

from mediate.errors import ValidationError
from mediate.intake.workbook_guard import check_workbook


def _workbook(path, references, compression=zipfile.ZIP_DEFLATED, padding=0):
    cells = "".join(f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>' for ref in references)
    filler = '<row r="2"><c r="A2"><v>1</v></c></row>' * padding
    sheet = f'<worksheet><sheetData><row r="1">{cells}</row>{filler}</sheetData></worksheet>'
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


COMPRESSIONS = {"deflated": zipfile.ZIP_DEFLATED, "stored": zipfile.ZIP_STORED}


@pytest.mark.parametrize(
    "reference",
    [
        "XFD1048576",  # two letters: the farthest cell there is
        "A20000001",  # six digits or more: a row past the grid limit
        "A1B2C3D4E5F6",  # neither, but longer than any real reference
    ],
)
@pytest.mark.parametrize("compression", sorted(COMPRESSIONS))
def test_a_reference_beyond_the_grid_is_refused_however_it_is_spelt(
    tmp_path, reference, compression
):
    path = _workbook(tmp_path / "far.xlsx", ["A1", "B1", reference], COMPRESSIONS[compression])
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


@pytest.mark.parametrize("compression", sorted(COMPRESSIONS))
def test_an_ordinary_sheet_passes(tmp_path, compression):
    path = _workbook(tmp_path / "ok.xlsx", ["A1", "Z99999", "AB100000"], COMPRESSIONS[compression])
    check_workbook(path)


def test_a_far_reference_past_the_size_the_archive_declares_is_not_let_through(tmp_path):
    """The sheet is inflated by the guard itself (not by zipfile, which stops at the declared
    size): a member that inflates to more than its directory says is read by zipfile again,
    and refused for it, like a far reference hidden after the declared end."""
    path = _workbook(tmp_path / "liar.xlsx", ["A1"] + ["B1"] * 4000 + ["XFD1048576"])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        (info,) = archive.infolist()
    declared = info.file_size.to_bytes(4, "little")
    smaller = (info.file_size // 2).to_bytes(4, "little")
    for at in (22, data.rindex(b"PK\x01\x02") + 24):  # local header, central directory
        assert data[at : at + 4] == declared
        data[at : at + 4] = smaller
    path.write_bytes(bytes(data))
    with pytest.raises(ValidationError, match=str(path.name)):
        check_workbook(path)


def test_a_sheet_larger_than_a_read_is_scanned_to_its_end(tmp_path):
    path = _workbook(tmp_path / "long.xlsx", ["A1"], padding=60_000)
    check_workbook(path)
    far = _workbook(tmp_path / "far.xlsx", ["A1"], padding=60_000)
    data = (
        zipfile.ZipFile(far)
        .read("xl/worksheets/sheet1.xml")
        .replace(b"</sheetData>", b'<row r="9000"><c r="XFD9000"/></row></sheetData>')
    )
    with zipfile.ZipFile(far, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", data)
    assert len(data) > 2 << 20
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(far)


def test_a_sheet_stored_outside_the_worksheets_folder_is_scanned_too(tmp_path):
    """calamine reads as a sheet the part the workbook's relationships name, wherever it is."""
    from tests.data.attacks import make

    path = tmp_path / "elsewhere.xlsx"
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", make._CONTENT_TYPES.replace("worksheets/", "x/"))
        archive.writestr("_rels/.rels", make._ROOT_RELS)
        archive.writestr("xl/workbook.xml", make._WORKBOOK)
        archive.writestr(
            "xl/_rels/workbook.xml.rels", make._WORKBOOK_RELS.replace("worksheets/", "x/")
        )
        archive.writestr("xl/x/sheet1.xml", make._sheet("A1:E1", far))
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


# ---------------------------------------------------------------- which parts are sheets
# calamine (0.37, src/xlsx/mod.rs) reads as sheets the targets of the workbook's worksheet,
# chartsheet and dialogsheet relationships, wherever they are; nothing else as a grid.

_OOXML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
_EXTERNAL_LINK = (  # what Excel writes for ='[prices.xlsx]Sheet1'!XFD1048576
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_OOXML}"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/>'
    '</sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1048576">'
    '<cell r="XFD1048576"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook>'
    "</externalLink>"
)


def _package(
    path,
    parts,
    *,
    target="worksheets/sheet1.xml",
    kind=f"{_OOXML}/worksheet",
    folder="xl/",
    more_relationships="",
    workbook_tail="",
):
    """A workbook whose one sheet is the relationship (kind, target) of `folder`'s
    workbook.xml.rels; `parts` are the other members, by name."""
    from tests.data.attacks import make

    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{kind}" Target="{target}"/>{more_relationships}'
        "</Relationships>"
    )
    workbook = make._WORKBOOK.replace("</workbook>", f"{workbook_tail}</workbook>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", make._CONTENT_TYPES)
        archive.writestr(
            "_rels/.rels", make._ROOT_RELS.replace("xl/workbook.xml", f"{folder}workbook.xml")
        )
        archive.writestr(f"{folder}workbook.xml", workbook)
        archive.writestr(f"{folder}_rels/workbook.xml.rels", rels)
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _sheet(far=False):
    from tests.data.attacks import make

    return make._sheet("A1:E1", _FAR if far else "")


def test_a_far_cell_cached_for_an_external_link_is_no_sheet_and_the_workbook_imports(tmp_path):
    """A formula naming a cell of another workbook makes Excel cache that cell in
    xl/externalLinks/externalLink1.xml; calamine never reads that part as a grid, so the
    guard does not refuse the workbook for it (review of 2026-12-02: it did, since every
    member was scanned)."""
    from mediate.intake.readers import calamine_sheet

    path = _package(
        tmp_path / "linked.xlsx",
        {
            "xl/worksheets/sheet1.xml": _sheet(),
            "xl/externalLinks/externalLink1.xml": _EXTERNAL_LINK,
            "xl/externalLinks/_rels/externalLink1.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                f'Type="{_OOXML}/externalLinkPath" Target="prices.xlsx" TargetMode="External"/>'
                "</Relationships>"
            ),
        },
        more_relationships=(
            f'<Relationship Id="rId3" Type="{_OOXML}/externalLink" '
            'Target="externalLinks/externalLink1.xml"/>'
        ),
        workbook_tail='<externalReferences><externalReference r:id="rId3"/></externalReferences>',
    )
    check_workbook(path)
    sheet = calamine_sheet(path)
    assert sheet.to_python()[0][:2] == ["案号", "案由"]


SHEETS_ELSEWHERE = {  # (relationship target, member, relationship type, workbook folder)
    "odd folder": ("x/sheet1.xml", "xl/x/sheet1.xml", "worksheet", "xl/"),
    "odd name": (
        "externalLinks/externalLink1.xml",
        "xl/externalLinks/externalLink1.xml",
        "worksheet",
        "xl/",
    ),
    "case": ("X/SHEET1.XML", "xl/x/Sheet1.xml", "worksheet", "xl/"),
    "absolute": ("/y/sheet1.xml", "y/sheet1.xml", "worksheet", "xl/"),
    "dot-dot as written": ("../y/sheet1.xml", "xl/../y/sheet1.xml", "worksheet", "xl/"),
    "entity as written": ("x/sh&amp;eet1.xml", "xl/x/sh&amp;eet1.xml", "worksheet", "xl/"),
    "backslashes": ("x/sheet1.xml", "xl\\x\\sheet1.xml", "worksheet", "xl/"),
    "chartsheet": ("x/sheet1.xml", "xl/x/sheet1.xml", "chartsheet", "xl/"),
    "dialogsheet": ("x/sheet1.xml", "xl/x/sheet1.xml", "dialogsheet", "xl/"),
    "workbook folder": ("x/sheet1.xml", "book/x/sheet1.xml", "worksheet", "book/"),
    "workbook at the top": ("x/sheet1.xml", "x/sheet1.xml", "worksheet", ""),
}


@pytest.mark.parametrize("case", sorted(SHEETS_ELSEWHERE))
def test_a_sheet_the_relationships_name_is_followed_wherever_it_is(tmp_path, case):
    """calamine reads the part its relationships name (checked on each shape here: the
    ordinary sheet reads), so the guard scans that part (the far one is refused), and
    only that part: the same far cells in a part no sheet relationship names pass."""
    import python_calamine

    target, member, kind, folder = SHEETS_ELSEWHERE[case]
    options = {"target": target, "kind": f"{_OOXML}/{kind}", "folder": folder}
    ordinary = _package(tmp_path / "ordinary.xlsx", {member: _sheet()}, **options)
    check_workbook(ordinary)
    book = python_calamine.CalamineWorkbook.from_path(str(ordinary))
    assert book.get_sheet_by_index(0).width == 5  # calamine read the part as the sheet
    far = _package(tmp_path / "far.xlsx", {member: _sheet(far=True)}, **options)
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(far)
    unnamed = _package(
        tmp_path / "unnamed.xlsx",
        {member: _sheet(), "xl/unnamed/sheet9.xml": _sheet(far=True)},
        **options,
    )
    check_workbook(unnamed)


def test_a_macro_sheet_is_scanned_though_calamine_refuses_its_type(tmp_path):
    kind = "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"
    path = _package(
        tmp_path / "macro.xlsm",
        {"xl/x/sheet1.xml": _sheet(far=True)},
        target="x/sheet1.xml",
        kind=kind,
    )
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


def test_a_second_relationships_part_of_the_same_name_is_read_too(tmp_path):
    """Two members named xl/_rels/workbook.xml.rels: whichever calamine takes, its sheets
    are scanned."""
    path = _package(tmp_path / "twice.xlsx", {"xl/worksheets/sheet1.xml": _sheet()})
    with zipfile.ZipFile(path, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships><Relationship Id="rId1" Type="{_OOXML}/worksheet" '
            'Target="x/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/x/sheet1.xml", _sheet(far=True))
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


@pytest.mark.parametrize(
    "relationships",
    [
        '<?xml version="1.0" encoding="UTF-16"?><Relationships/>'.encode("utf-16"),
        b'<?xml version="1.0" encoding="GBK"?><Relationships/>',
        b"",  # names no sheet
    ],
    ids=["utf-16", "gbk", "no sheet"],
)
def test_relationships_not_read_plainly_mean_every_part_is_scanned(tmp_path, relationships):
    """What calamine decodes and this guard does not (another encoding), or a workbook
    naming no sheet: every member is scanned again, as before relationships were read."""
    path = _package(tmp_path / "odd.xlsx", {"xl/externalLinks/externalLink1.xml": _EXTERNAL_LINK})
    _replace(path, "xl/_rels/workbook.xml.rels", relationships)
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


def test_a_sheet_named_that_no_member_is_means_every_part_is_scanned(tmp_path):
    """A sheet calamine might find under a name zipfile does not give (a Unicode path
    field, an encoding of names): every member is scanned."""
    path = _package(
        tmp_path / "missing.xlsx",
        {"xl/elsewhere.bin": _sheet(far=True)},
        target="worksheets/sheet1.xml",
    )
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


def test_a_member_with_a_second_name_means_every_part_is_scanned(tmp_path):
    """The Info-ZIP Unicode Path field gives a member a name zipfile does not read."""
    import struct

    path = _package(tmp_path / "renamed.xlsx", {"xl/worksheets/sheet1.xml": _sheet()})
    name = b"xl/x/sheet1.xml"
    info = zipfile.ZipInfo("a.bin")
    info.extra = struct.pack("<HHB", 0x7075, 5 + len(name), 1) + b"\0\0\0\0" + name
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(info, _sheet(far=True))
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


def _replace(path, name, content):
    with zipfile.ZipFile(path) as archive:
        data = {info.filename: archive.read(info) for info in archive.infolist()}
    data[name] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in data.items():
            archive.writestr(member, text)


def test_a_sheet_relationship_hidden_from_a_plain_scan_means_every_part_is_scanned(tmp_path):
    """A quote opened in a comment would hide the next relationship from a scan of the raw
    text; calamine's parser skips the comment and reads that sheet (checked below), so
    the guard scans every part when its reading does not account for each element."""
    import python_calamine

    hidden = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId9" Type="{_OOXML}/worksheet" Target="worksheets/sheet1.xml"/>'
        "<!-- <Relationship a=' -->"
        f'<Relationship Id="rId1" Type="{_OOXML}/worksheet" Target="x/sheet1.xml"/>'
        "<!-- ' --></Relationships>"
    )
    for far in (False, True):
        path = _package(
            tmp_path / f"hidden-{far}.xlsx",
            {"xl/worksheets/sheet1.xml": _sheet(), "xl/x/sheet1.xml": _sheet(far=far)},
        )
        _replace(path, "xl/_rels/workbook.xml.rels", hidden)
        if not far:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            assert book.get_sheet_by_index(0).width == 5
            continue
        with pytest.raises(ValidationError, match="refused to open this workbook"):
            check_workbook(path)


def test_relationships_left_open_at_the_size_limit_are_read_in_one_pass(tmp_path):
    """`<Relationship a` repeated, never closed: a pattern retried from each start read the
    4 MB part once per start (hours). Read in one pass, the part is refused as not plain
    and every member is scanned; a hang fails the subprocess at its generous timeout."""
    import subprocess
    import sys

    from mediate.intake import workbook_guard

    limit = workbook_guard._MAX_RELATIONSHIPS_BYTES
    path = _package(tmp_path / "open.xlsx", {"xl/externalLinks/externalLink1.xml": _EXTERNAL_LINK})
    _replace(path, "xl/_rels/workbook.xml.rels", b"<Relationship a" * (limit // 15))
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from mediate.errors import ValidationError\n"
        "from mediate.intake import workbook_guard as g\n"
        f"data = b'<Relationship a' * ({limit} // 15)\n"
        "try:\n"
        "    g._relationship_elements(data)\n"
        "    sys.exit('read as plain')\n"
        "except g.Unplain:\n"
        "    pass\n"
        "try:\n"
        "    g.check_workbook(Path(sys.argv[1]))\n"
        "    sys.exit('not refused')\n"
        "except ValidationError:\n"
        "    print('refused')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=20
    )
    assert (done.returncode, done.stdout.strip()) == (0, "refused"), done.stderr


@pytest.mark.parametrize(
    "text",
    [
        b'<Relationship Id="a>b" Target="x"/><x:Relationship Target=\'y\'>',
        b"<Relationship a='x' /><Relationship b=\"",
        b'<Relationship a="<Relationship b=1>"/>',
        b"<Relationships><Relationship/></Relationships>",
    ],
)
def test_relationship_elements_read_as_the_pattern_over_the_whole_part_did(text):
    """The one-pass reading keeps what the former pattern (findall, then every start
    accounted for) accepted and refused."""
    import re

    from mediate.intake import workbook_guard as g

    former = re.compile(rb"""<(?:[\w.-]+:)?Relationship\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
    expected = former.findall(text)
    if len(expected) != len(g._RELATIONSHIP_START.findall(text)):
        with pytest.raises(g.Unplain):
            g._relationship_elements(text)
    else:
        assert g._relationship_elements(text) == expected


# ---------------------------------------------------------------- the farthest cell named
# The scan passes over chunks naming nothing past row 99,999 or column Z (the fast path):
# what it found was counted at least 26 columns and 99,999 rows, and a sheet of 19 columns
# and 1,000,000 rows was refused as 26,000,000 cells (it is 19,000,000 < MAX_CELLS).
# A corrupted deflate stream that inflates to garbage was refused as the grid its garbage
# names ("row 840410802, column 12854716702222"): it is said to be damaged.

_ROWS = 200_000


def _wide(tmp_path, far_row: int, width: str = "S", early: str = "", filler: int = 0):
    """Row 1 holds A1 to `width`1, row 3 `early` (a cell), `filler` rows after it, row
    `far_row` A`far_row`."""
    from tests.workbooks import sheet, workbook_bytes

    letters = [chr(c) for c in range(ord("A"), ord(width) + 1)]
    first = "".join(f'<c r="{x}1"><v>1</v></c>' for x in letters)
    rows = f'<row r="1">{first}</row><row r="2"><c r="A2"><v>2</v></c></row>'
    rows += f'<row r="3"><c r="{early or "A3"}"><v>3</v></c></row>'
    rows += "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(4, 4 + filler))
    rows += f'<row r="{far_row}"><c r="A{far_row}"><v>4</v></c></row>'
    path = tmp_path / f"w{far_row}{early}.xlsx"
    path.write_bytes(workbook_bytes(sheet(rows)))
    return path


def _read_every_way(path):
    """The guard run as open_sheet runs it whole, sliced and streamed."""
    from tests.workbooks import sliced_and_streamed

    check_workbook(path)
    for rows in sliced_and_streamed(path):
        list(rows)


@pytest.mark.parametrize("chunk", [1 << 20, 64], ids=["one chunk", "chunks passed over"])
def test_a_grid_is_counted_on_the_columns_it_names_not_26(tmp_path, monkeypatch, chunk):
    from mediate.intake import workbook_guard, xlsx_slices

    monkeypatch.setattr(workbook_guard, "MAX_CELLS", 19 * _ROWS)
    monkeypatch.setattr(workbook_guard, "_CHUNK", chunk)
    monkeypatch.setattr(xlsx_slices, "_CHUNK", chunk)
    _read_every_way(_wide(tmp_path, _ROWS))  # 19 x 200,000: at the limit
    for farther in (_wide(tmp_path, _ROWS + 1), _wide(tmp_path, _ROWS, early="Z3")):
        with pytest.raises(ValidationError, match="refused to open this workbook") as caught:
            check_workbook(farther)
        assert f"reaches row {_ROWS}" in str(caught.value) or f"row {_ROWS + 1}" in str(
            caught.value
        )
        from mediate.intake.readers import open_sheet

        with pytest.raises(ValidationError, match="refused to open this workbook"):
            list(open_sheet(farther).rows)
        found = xlsx_slices.stream_slices(farther, None, rows_per_slice=1)
        if found is not None:  # (None: refused at its head, left to open_sheet)
            with pytest.raises(ValidationError, match="refused to open this workbook"):
                list(found[1])
    with pytest.raises(ValidationError, match=r"column 26: a grid of 5,200,000 cells"):
        check_workbook(_wide(tmp_path, _ROWS, early="Z3"))


def _crc_of_another(path, before: bytes, after: bytes, compression):
    """The workbook at `path` with its sheet's `before` made `after`, the CRC-32 left as
    `before` gave it: a member damaged in the archive, its data inflating all the same."""
    import io
    import struct
    import zlib

    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    name = "xl/worksheets/sheet1.xml"
    good = parts[name]
    parts[name] = good.replace(before, after)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as book:
        for filename, data in parts.items():
            book.writestr(filename, data)
    data = out.getvalue()
    wrong, right = (struct.pack("<I", zlib.crc32(x)) for x in (parts[name], good))
    assert data.count(wrong) == 2  # the local header and the central directory
    path.write_bytes(data.replace(wrong, right))
    return path


@pytest.mark.parametrize(
    ("after", "compression"),
    [
        (b'r="A840410802"', zipfile.ZIP_DEFLATED),  # a huge grid, once inflated
        (b'r="A840410802"', zipfile.ZIP_STORED),
        (b'r="XFD40410802"', zipfile.ZIP_DEFLATED),  # beyond XFD1048576
        (b'r="XFD40410802"', zipfile.ZIP_STORED),
    ],
)
def test_a_damaged_sheet_is_said_to_be_damaged_not_a_huge_grid(
    tmp_path, monkeypatch, after, compression
):
    from mediate.i18n import in_language
    from mediate.intake import xlsx_slices
    from mediate.intake.readers import open_sheet

    before = b'q="' + after[3:]  # an attribute calamine ignores: no reference
    path = _wide(tmp_path, 9000, early="B3", filler=8000)
    data = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    path = tmp_path / "d.xlsx"
    from tests.workbooks import workbook_bytes

    path.write_bytes(workbook_bytes(data.replace(b'r="B3"', b'r="B3" ' + before).decode()))
    _crc_of_another(path, before, after, compression)
    monkeypatch.setattr(xlsx_slices, "_CHUNK", 64)  # streamed: the damage after its head
    streamed = xlsx_slices.stream_slices(path, None, rows_per_slice=1)
    assert streamed is not None
    reads = [lambda: check_workbook(path), lambda: list(open_sheet(path).rows)]
    reads.append(lambda: list(streamed[1]))
    for read in reads:
        with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
            read()
        said = str(caught.value)
        assert "文件已损坏" in said and "拒绝" not in said, said
