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
        .replace(b"</sheetData>", b'<row r="3"><c r="XFD3"/></row></sheetData>')
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
