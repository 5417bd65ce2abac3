"""The workbook guard's scan of a sheet's cell references (e2e: tests/e2e/test_attacks.py)."""

from __future__ import annotations

import zipfile

import pytest

from mediate.errors import ValidationError
from mediate.intake.workbook_guard import check_workbook


def _workbook(path, references):
    cells = "".join(f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>' for ref in references)
    sheet = f'<worksheet><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


@pytest.mark.parametrize(
    "reference",
    [
        "XFD1048576",  # two letters: the farthest cell there is
        "A20000001",  # six digits or more: a row past the grid limit
        "A1B2C3D4E5F6",  # neither, but longer than any real reference
    ],
)
def test_a_reference_beyond_the_grid_is_refused_however_it_is_spelt(tmp_path, reference):
    path = _workbook(tmp_path / "far.xlsx", ["A1", "B1", reference])
    with pytest.raises(ValidationError, match="refused to open this workbook"):
        check_workbook(path)


def test_an_ordinary_sheet_passes(tmp_path):
    check_workbook(_workbook(tmp_path / "ok.xlsx", ["A1", "Z99999", "AB100000"]))
