"""Issue #12: every hostile input under tests/data/attacks/ replayed through the real CLI.

Each must end in a clean rejection (exit 1, the file/row/field named) and leave nothing
half-written; none may run code, hang, or end in "Unexpected error" (exit 3).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.data.attacks import make
from tests.integration.test_doc_service import one_settled_case, seed
from tests.report_data import seed as seed_reports

ATTACKS = make.HERE


def test_a_case_template_that_reaches_os_does_not_run(initialised, cli, tmp_path):
    (case_id,) = seed(initialised.url, one_settled_case)
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(ATTACKS / "ssti-agreement.docx", own / "agreement.docx")
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "doc", "render", "agreement", str(case_id), "-o", str(out)],
        env={"MEDIATE_TEMPLATES": str(own)},
    )
    assert result.exit_code == 1, result.output
    assert "agreement.docx" in result.stderr and "unsafe" in result.stderr
    assert "uid=" not in result.output
    assert not out.exists() or not list(out.iterdir())


def test_a_whitepaper_template_that_reaches_os_does_not_run(sqlite_db, cli, tmp_path):
    seed_reports(sqlite_db.url)
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(ATTACKS / "ssti-whitepaper.docx", templates / "whitepaper.docx")
    target = tmp_path / "paper.docx"
    result = cli(
        ["--db", sqlite_db.url, "report", "whitepaper", "-p", "2026Q2", "-o", str(target)],
        env={"MEDIATE_TEMPLATES": str(templates)},
    )
    assert result.exit_code == 1, result.output
    assert "whitepaper.docx" in result.stderr and "unsafe" in result.stderr
    assert "uid=" not in result.output
    assert not target.exists()


def test_doc_lint_flags_the_template_attack(cli, tmp_path):
    result = cli(["doc", "lint", str(ATTACKS / "ssti-agreement.docx")])
    assert result.exit_code == 1, result.output
    assert "'__init__'" in result.output and "'__globals__'" in result.output
    assert "'cycler'" in result.output


def test_the_attack_files_are_what_the_generator_makes(tmp_path):
    """The committed files are the generator's output (so the tests replay what it says)."""
    import docx

    made = make.ssti_case_template(tmp_path / "a.docx")
    texts = [p.text for p in docx.Document(str(made)).paragraphs]
    assert texts == [p.text for p in docx.Document(str(ATTACKS / "ssti-agreement.docx")).paragraphs]
    assert make.SSTI in texts


def _csv_cells(text: str) -> list[str]:
    import csv
    import io

    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_csv_holds_no_formula(cells: list[str]) -> None:
    from mediate.cells import neutralised

    for cell in cells:
        assert neutralised(cell) == cell, f"{cell!r} would be evaluated"


def _assert_xlsx_holds_no_formula(path: Path) -> list[object]:
    import zipfile

    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert b"<f>" not in data and b"<f " not in data and b"<hyperlink" not in data
    book = load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    return [c.value for c in cells]


def test_formula_cells_come_back_out_as_text_from_every_writer(sqlite_db, cli, tmp_path):
    """export (CSV, XLSX), case list --csv and import --errors (CSV, XLSX)."""
    db = ["--db", sqlite_db.url]
    assert cli([*db, "init"]).exit_code == 0
    attack = ATTACKS / "formula-injection.csv"
    result = cli([*db, "import", str(attack), "--errors", str(tmp_path / "errors.csv")])
    assert result.exit_code == 1, result.output  # one row imported, one rejected
    errors = (tmp_path / "errors.csv").read_text(encoding="utf-8-sig")
    _assert_csv_holds_no_formula(_csv_cells(errors))
    assert "'=HYPERLINK(" in errors
    cli([*db, "import", str(attack), "--errors", str(tmp_path / "errors.xlsx")])
    values = _assert_xlsx_holds_no_formula(tmp_path / "errors.xlsx")
    assert '=HYPERLINK("http://evil.example/","点击")' in values

    listed = cli([*db, "case", "list", "--csv"])
    assert listed.exit_code == 0, listed.output
    _assert_csv_holds_no_formula(_csv_cells(listed.stdout))
    assert "'@SUM(A1:A9)" in listed.stdout

    assert cli([*db, "export", "cases", "-o", str(tmp_path / "e.csv")]).exit_code == 0
    exported = (tmp_path / "e.csv").read_text(encoding="utf-8")
    _assert_csv_holds_no_formula(_csv_cells(exported))
    assert "'=HYPERLINK(" in exported and ",52000.00," in exported
    assert cli([*db, "export", "cases", "-o", str(tmp_path / "e.xlsx")]).exit_code == 0
    values = _assert_xlsx_holds_no_formula(tmp_path / "e.xlsx")
    assert "@SUM(A1:A9)" in values and 52000 in values  # the amount stays a number
