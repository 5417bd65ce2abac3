"""Issue #12: every hostile input under tests/data/attacks/ replayed through the real CLI.

Each must end in a clean rejection (exit 1, the file/row/field named) and leave nothing
half-written; none may run code, hang, or end in "Unexpected error" (exit 3).
"""

from __future__ import annotations

import contextlib
import shutil
from functools import partial
from pathlib import Path

import pytest

from tests.data.attacks import make
from tests.factories import one_settled_case, seed
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


# ---------------------------------------------------------------- control characters


def _import(cli, db: str, path: Path, *extra: str) -> dict:
    import json

    result = cli(["--db", db, "--json", "import", str(path), *extra])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _stored_texts(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT name, address FROM parties UNION ALL SELECT cause, facts FROM cases")
        ).all()
    engine.dispose()
    return [value for row in rows for value in row if value is not None]


def test_a_nul_or_escape_is_refused_and_words_line_break_becomes_a_newline(initialised, cli):
    report = _import(cli, initialised.url, ATTACKS / "control-characters.csv")
    assert (report["imported"], report["rejected"]) == (3, 2)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [
        (3, "申请人"),
        (5, "被申请人住所"),
    ]
    assert "U+0000" in report["errors"][0]["message"]
    stored = _stored_texts(initialised.url)
    assert not [t for t in stored if "\x00" in t or "\x1b" in t or "\x0b" in t]
    assert "借款到期\n未还。" in stored


def _dispute_yaml(name: str, facts: str) -> str:
    return (
        "cause: 民间借贷纠纷\n"
        f'facts: "{facts}"\n'
        "parties:\n"
        f'  - {{role: applicant, kind: person, name: "{name}"}}\n'
        "  - {role: respondent, kind: person, name: 周杰}\n"
    )


def test_case_add_refuses_a_nul_naming_the_field(initialised, cli, tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_text(_dispute_yaml("黄\\0勇", "借款"), encoding="utf-8")
    result = cli(["--db", initialised.url, "case", "add", "--file", str(path)])
    assert result.exit_code == 1, result.output
    assert "name" in result.stderr and "U+0000" in result.stderr
    assert not _stored_texts(initialised.url)


def test_case_add_turns_a_vertical_tab_into_a_line_break(initialised, cli, tmp_path):
    path = tmp_path / "vt.yaml"
    path.write_text(_dispute_yaml("黄勇", "借款到期\\v未还"), encoding="utf-8")
    result = cli(["--db", initialised.url, "case", "add", "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert "借款到期\n未还" in _stored_texts(initialised.url)


def test_org_import_refuses_a_control_character_with_its_row(initialised, cli, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        "id,name,kind,division\njz-410802-x1,解放区\x00调解委员会,professional,410802\n",
        encoding="utf-8",
    )
    result = cli(["--db", initialised.url, "org", "import", str(path)])
    assert result.exit_code == 1, result.output
    assert "row 2" in result.stderr and "U+0000" in result.stderr


def test_a_mapping_file_with_a_control_character_is_refused_with_its_line(
    initialised, cli, tmp_path
):
    path = tmp_path / "mapping.yaml"
    path.write_text('"当事\\0人": applicant\n', encoding="utf-8")
    source = ATTACKS / "formula-injection.csv"
    result = cli(["--db", initialised.url, "import", str(source), "--mapping", str(path)])
    assert result.exit_code == 1, result.output
    assert "mapping.yaml:1:1" in result.stderr and "U+0000" in result.stderr


def test_a_vertical_tab_already_stored_still_renders_a_document_word_opens(
    initialised, cli, tmp_path
):
    import docx

    from tests import factories
    from tests.factories import settle

    def build(session):
        case = factories.case(session, status="settled", facts="借款到期\x0b未还。")
        settle(session, case.id)
        return [case.id]

    (case_id,) = seed(initialised.url, build)
    out = tmp_path / "out"
    result = cli(
        ["--db", initialised.url, "doc", "render", "agreement", str(case_id), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "借款到期\n未还。" in text


def test_a_rendered_part_that_is_not_xml_is_not_written():
    import pytest

    from mediate.documents.render import RenderError, check_xml

    with pytest.raises(RenderError, match=r"word/document\.xml"):
        check_xml("word/document.xml", "<w:t>a\x0bb</w:t>")


# ---------------------------------------------------------------- one cell, one row


def test_one_bad_cell_rejects_its_row_and_the_rest_of_the_file_imports(initialised, cli):
    report = _import(cli, initialised.url, ATTACKS / "one-cell-aborts.csv")
    assert (report["imported"], report["rejected"]) == (2, 6)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [
        (3, "标的额"),
        (4, "标的额"),
        (5, "标的额"),
        (6, "申请人"),
        (7, ""),
        (8, "委派法院"),
    ]
    assert "10^13" in report["errors"][0]["message"]
    assert "200" in report["errors"][3]["message"]
    assert "carriage return" in report["errors"][4]["message"]


def test_a_ten_megabyte_cell_rejects_its_row_only(initialised, cli, tmp_path):
    path = make.huge_cell_csv(tmp_path / "huge.csv")
    errors = tmp_path / "errors.csv"
    report = _import(cli, initialised.url, path, "--errors", str(errors))
    assert (report["imported"], report["rejected"]) == (2, 1)
    assert report["errors"][0]["row"] == 3 and "131072" in report["errors"][0]["message"]
    assert errors.stat().st_size < 200_000  # the errors file holds the row, cut to a cell's size


# ---------------------------------------------------------------- resource bombs


WORKBOOK_BOMBS = {
    "sparse": lambda tmp: ATTACKS / "sparse-XFD1048576.xlsx",
    "dimension": lambda tmp: ATTACKS / "dimension-XFD1048576.xlsx",
    "shared-strings": lambda tmp: make.shared_strings_bomb(tmp / "sst.xlsx"),
    "long-reference": lambda tmp: ATTACKS / "reference-AAAAAAAAAAAAAAA2.xlsx",
    "long-row": lambda tmp: ATTACKS / "row-99999999999999.xlsx",
    "dimension-spelled": lambda tmp: make.declared_dimension_spelled_xlsx(tmp / "dim.xlsx"),
    **{
        f"sparse-{spelling}": partial(
            lambda spelling, tmp: make.sparse_spelled_xlsx(tmp / f"{spelling}.xlsx", spelling),
            spelling,
        )
        for spelling in make.SPARSE_SPELLINGS
    },
}


@pytest.mark.parametrize("bomb", sorted(WORKBOOK_BOMBS))
@pytest.mark.parametrize("command", ["import", "org import"])
def test_a_workbook_bomb_is_refused_before_calamine_sees_it(
    sqlite_db, cli, tmp_path, bomb, command
):
    path = WORKBOOK_BOMBS[bomb](tmp_path)
    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0
    result = cli(["--db", sqlite_db.url, *command.split(), str(path)])
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    assert "refused to open this workbook" in message and path.name in message


YAML_BOMBS = {
    "billion-laughs.yaml": "through aliases",
    "deep-nesting.yaml": "levels deep",
    "recursive-alias.yaml": "refers to the node that holds it",
}
YAML_COMMANDS = {
    "case add": ["case", "add", "--file"],
    "import --mapping": ["import", str(ATTACKS / "formula-injection.csv"), "--mapping"],
    "rules check": ["rules", "check"],
    "org import": ["org", "import"],
    "causes import": ["causes", "import"],
}


@pytest.mark.parametrize("bomb", sorted(YAML_BOMBS))
@pytest.mark.parametrize("command", sorted(YAML_COMMANDS))
def test_a_yaml_bomb_is_a_located_error(sqlite_db, cli, bomb, command):
    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0
    result = cli(["--db", sqlite_db.url, *YAML_COMMANDS[command], str(ATTACKS / bomb)])
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    assert YAML_BOMBS[bomb] in message
    assert f"{bomb}:" in message  # file:line:column


def _panic_exception() -> type[BaseException]:
    """PyO3's `pyo3_runtime.PanicException` (a BaseException), as python-calamine raises it
    for a panic of its Rust code; it is importable from nowhere, so found by its name."""
    import python_calamine  # noqa: F401  (creates the class)

    def below(kind: type[BaseException]) -> list[type[BaseException]]:
        return [k for sub in kind.__subclasses__() for k in (sub, *below(sub))]

    # every PyO3 extension loaded (calamine, pydantic-core…) has its own copy of the class
    panics = {k for k in below(BaseException) if k.__qualname__ == "PanicException"}
    assert panics and all(k.__module__ == "pyo3_runtime" for k in panics)
    assert not any(issubclass(k, Exception) for k in panics)
    return next(iter(panics))


@pytest.mark.parametrize("command", ["import", "org import"])
@pytest.mark.parametrize("when", ["open", "read"])
def test_a_panic_in_calamine_is_a_sentence_naming_the_file(
    sqlite_db, cli, tmp_path, monkeypatch, command, when
):
    """No fuzzed workbook made python-calamine 0.9.1 panic (the ones that took it down were
    allocation aborts, now refused by the workbook guard); its panics are replayed here with
    the real exception class, raised where a malformed file would raise it."""
    import python_calamine

    panic = _panic_exception()
    path = make.sparse_xlsx(tmp_path / "stand-in.xlsx")  # passes the guard once patched
    # no guard (check_workbook runs it too), so no slices: calamine reads it whole
    monkeypatch.setattr(
        "mediate.intake.workbook_guard.guarding", lambda path: contextlib.nullcontext()
    )

    def raising(*args, **kwargs):
        raise panic("called `Option::unwrap()` on a `None` value")

    if when == "open":
        monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", raising)
    else:

        class Book:
            def __init__(self, path):
                self.sheet_names = ["Sheet1"]

            def get_sheet_by_index(self, index):
                return Sheet()

        class Sheet:
            name, height, width, start = "Sheet1", 2, 5, (0, 0)

            iter_rows = to_python = raising

        monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", Book)
    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0
    result = cli(["--db", sqlite_db.url, *command.split(), str(path)])
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    assert f"{path}: the file cannot be read as a workbook: the file is damaged" in message
    assert "(technical detail: called `Option::unwrap()`" in message


def test_an_xls_too_big_to_read_is_refused_before_calamine(sqlite_db, cli, tmp_path, monkeypatch):
    """An .xls is not a zip: its size is the check before calamine reads it whole."""
    import python_calamine

    from mediate.intake import workbook_guard

    path = tmp_path / "big.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2 * 2**20))
    monkeypatch.setattr(workbook_guard, "MAX_XLS_BYTES", 2**20)
    opened = []
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", opened.append)
    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0
    result = cli(["--db", sqlite_db.url, "import", str(path)])
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    assert "refused to open this workbook: it is 2 MB" in message and "big.xls" in message
    assert opened == []


def test_a_sheet_larger_than_the_grid_limit_is_refused_before_its_cells_are_read(tmp_path):
    """For every format (an .xls has no archive to look into first): calamine's reported
    dimensions are checked before a cell is turned into Python values."""
    from mediate.errors import ValidationError
    from mediate.intake.workbook_guard import MAX_CELLS, check_sheet_size

    class Sheet:
        name, height, width = "Sheet1", 65_536, 256

    check_sheet_size(tmp_path / "ok.xls", Sheet())  # a full BIFF8 sheet: 16.8 million
    Sheet.width = MAX_CELLS // 65_536 + 1
    with pytest.raises(ValidationError, match="the sheet Sheet1 reaches row 65536"):
        check_sheet_size(tmp_path / "wide.xls", Sheet())
