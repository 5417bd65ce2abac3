"""Review of 2026-12-03 (clerk/attacker at MEDIATE_LANG=zh): a clerk name or a party's
name holding an ESC sequence or a text-direction control (U+202E, "Trojan Source",
CVE-2021-42574) is refused on the way in, and what was stored before is never printed
raw nor put into a document; -f and the output's suffix agree; --pdf of a dossier
without LibreOffice says so once and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.factories import case, one_settled_case, person, seed

ESC_RLO = "\u202e王\x1b[31mX"


@pytest.fixture
def db(sqlite_db, cli) -> str:
    result = cli(["--db", sqlite_db.url, "init"])
    assert result.exit_code == 0, result.output
    seed(sqlite_db.url, one_settled_case)
    return sqlite_db.url


def _scalar(url: str, sql: str) -> object:
    engine = create_engine(url)
    with engine.connect() as conn:
        value = conn.execute(text(sql)).scalar()
    engine.dispose()
    return value


def _events(url: str) -> int:
    return int(_scalar(url, "SELECT count(*) FROM events") or 0)  # type: ignore[call-overload]


# ---------------------------------------------------------------- the clerk's name


@pytest.mark.parametrize(
    ("how", "where", "code"),
    [
        ("option", "--clerk", "U+001B"),
        ("env", "MEDIATE_CLERK", "U+001B"),
        ("file", "clerk", "U+202E"),
    ],
)
def test_a_clerk_name_with_a_control_character_is_refused_from_every_source(
    db, cli, tmp_path, how, where, code
):
    config = tmp_path / "mediate.toml"
    config.write_text('clerk = "王\\u202e五"\n' if how == "file" else "", encoding="utf-8")
    env = {"MEDIATE_CONFIG": str(config), "MEDIATE_CLERK": ""}
    args = ["--db", db]
    if how == "option":
        args += ["--clerk", ESC_RLO]
    if how == "env":
        env["MEDIATE_CLERK"] = "王\x1b[31m"
    before = _events(db)
    result = cli([*args, "case", "edit", "1", "--set", "请求事项=还款"], env=env)
    assert result.exit_code == 2, result.output
    assert where in result.stderr and code in result.stderr
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert _events(db) == before


def test_a_clerk_name_longer_than_the_audit_trail_holds_is_refused(db, cli):
    result = cli(["--db", db, "--clerk", "王" * 101, "case", "edit", "1", "--set", "请求事项=还"])
    assert result.exit_code == 2, result.output
    assert "--clerk" in result.stderr and "100" in result.stderr
    ok = cli(["--db", db, "--clerk", "王" * 100, "case", "edit", "1", "--set", "请求事项=还"])
    assert ok.exit_code == 0, ok.output


def test_clerk_add_refuses_a_text_direction_control(db, cli):
    result = cli(["--db", db, "clerk", "add", "王\u202e五", "--role", "admin"])
    assert result.exit_code == 2, result.output
    assert "U+202E" in result.stderr
    assert _scalar(db, "SELECT count(*) FROM clerks") == 0


def test_history_and_show_print_a_stored_escape_as_its_escape_never_raw(db, cli):
    engine = create_engine(db)
    with engine.begin() as conn:  # stored before the clerk's name was screened
        conn.execute(
            text(
                "INSERT INTO events (case_id, at, clerk, action, note) "
                "VALUES (1, '2026-12-01 09:00:00', :clerk, 'note', :note)"
            ),
            {"clerk": ESC_RLO, "note": "记\x1b[2J录"},
        )
        conn.execute(text("UPDATE parties SET name = :name WHERE id = 1"), {"name": "\u202e王五"})
    engine.dispose()
    for command in (["case", "history", "1"], ["case", "show", "1"]):
        result = cli(["--db", db, *command])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    history = cli(["--db", db, "case", "history", "1"]).stdout
    assert "\\x1b" in history and "\\u202e" in history


# ---------------------------------------------------------------- the case's text fields


def test_case_edit_refuses_a_text_direction_control_naming_the_field(db, cli):
    result = cli(["--db", db, "case", "edit", "1", "--party", "1", "--set", "姓名=\u202e王五"])
    assert result.exit_code == 2, result.output
    assert "姓名" in result.stderr and "U+202E" in result.stderr
    assert "\u202e" not in str(_scalar(db, "SELECT group_concat(name) FROM parties"))


def test_case_add_from_a_file_refuses_a_text_direction_control_naming_the_field(db, cli, tmp_path):
    path = tmp_path / "dispute.yaml"
    path.write_text(
        "cause: 民间借贷纠纷\nfacts: 借款\nparties:\n"
        '  - {role: applicant, kind: person, name: "黄\\u2066勇"}\n'
        "  - {role: respondent, kind: person, name: 周杰}\n",
        encoding="utf-8",
    )
    result = cli(["--db", db, "case", "add", "--file", str(path)])
    assert result.exit_code == 1, result.output
    assert "name" in result.stderr and "U+2066" in result.stderr
    assert _scalar(db, "SELECT count(*) FROM cases") == 1


def test_import_refuses_a_text_direction_control_with_its_row_and_column(db, cli, tmp_path):
    import json

    source = Path(__file__).parents[1] / "data" / "attacks" / "control-characters.csv"
    header, first = source.read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "bidi.csv"
    row = first.replace("黄勇", "黄\u202e勇", 1)
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = cli(["--db", db, "--json", "import", str(path)])
    assert result.exit_code == 1, result.output
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["row"], error["field"]) == (2, "申请人")
    assert "U+202E" in error["message"]


def test_zero_width_characters_are_dropped_not_stored(db, cli):
    result = cli(
        ["--db", db, "case", "edit", "1", "--party", "1", "--set", "姓名=王\u200b五\ufeff"]
    )
    assert result.exit_code == 0, result.output
    assert _scalar(db, "SELECT name FROM parties WHERE id = 1") == "王五"


def test_a_stored_text_direction_control_is_not_put_into_a_document(sqlite_db, cli, tmp_path):
    import docx

    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0

    def build(session):
        found = case(session, [person(name="\u202e王五\u200b"), person("respondent", "周杰")])
        return [found.id]

    (case_id,) = seed(sqlite_db.url, build)
    out = tmp_path / "out"
    result = cli(
        ["--db", sqlite_db.url, "doc", "render", "registration", str(case_id), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.docx")
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    written = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "王五" in written
    assert "\u202e" not in written and "\u200b" not in written


# ---------------------------------------------------------------- output formats and PDFs


@pytest.mark.parametrize(
    ("command", "fmt", "name"),
    [(["export", "cases"], "xlsx", "ex.csv"), (["export", "credit"], "json", "credit.csv")],
)
def test_a_format_the_output_name_contradicts_is_a_usage_error(
    db, cli, tmp_path, command, fmt, name
):
    target = tmp_path / name
    result = cli(["--db", db, *command, "-f", fmt, "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "--format" in result.stderr and name in result.stderr
    assert not target.exists()
    same = cli(["--db", db, "export", "cases", "-f", "csv", "-o", str(tmp_path / "ok.csv")])
    assert same.exit_code == 0, same.output


@pytest.mark.parametrize(
    "command",
    [["case", "dossier", "1"], ["export", "dossiers", "--period", "2026H2"]],
)
def test_a_dossier_pdf_without_libreoffice_says_so_once_and_writes_nothing(
    db, cli, tmp_path, command
):
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "out"
    result = cli(["--db", db, *command, "-o", str(out), "--pdf"], env={"PATH": str(empty)})
    assert result.exit_code == 1, result.output
    assert result.stderr.count("LibreOffice") == 1
    assert ".docx files were written" not in result.stderr
    assert not out.exists() or not list(out.iterdir())
