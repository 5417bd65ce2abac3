"""A file the clerk names is never replaced without --force, and never left half written.

Every command that writes a file (exports, reports, the white paper, documents, `import
--errors`, `import --template`, `db backup`) refuses an existing one with a sentence unless
given --force, and writes through a temporary file renamed into place (`mediate.files`)."""

from __future__ import annotations

import pytest

from mediate.commands.common import output_dir, output_file
from tests.conftest import squash
from tests.e2e.test_wrong_arguments import leaf_commands
from tests.factories import one_settled_case
from tests.factories import seed as seed_documents
from tests.report_data import seed as seed_reports

OLD = b"the clerk's own file\n"


def _unwrapped(callback):
    return getattr(callback, "__wrapped__", callback)  # Typer wraps (ctx, param, value) ones


def test_every_command_that_writes_a_file_takes_force():
    writers = []
    for path, command in leaf_commands():
        writes = [p for p in command.params if _unwrapped(p.callback) in (output_file, output_dir)]
        if not writes:
            continue
        writers.append(" ".join(path))
        force = [p for p in command.params if p.name == "force"]
        assert force and force[0].is_eager, f"{' '.join(path)} writes a file but has no --force"
    for command in ("export cases", "report funnel", "report whitepaper", "import", "db backup"):
        assert command in writers, command
    assert "doc render" in writers and "case dossier" in writers


def _existing(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(OLD)
    return path


def _refused(result, path):
    assert result.exit_code == 1, result.output
    assert squash(f"{path} exists; give --force to overwrite it.") in squash(result.stderr)
    assert path.read_bytes() == OLD
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".partial")] == []


@pytest.mark.parametrize(
    "args, name",
    [
        (["export", "cases", "-o"], "cases.csv"),
        (["export", "credit", "--period", "2026", "-o"], "credit.json"),
        (["report", "funnel", "--period", "2026", "--xlsx"], "funnel.xlsx"),
        (["report", "orgs", "--period", "2026", "--xlsx"], "orgs.xlsx"),
        (["report", "whitepaper", "--period", "2026", "-o"], "白皮书.docx"),
        (["db", "backup"], "backup.db"),
    ],
    ids=["export-cases", "export-credit", "report-xlsx", "report-orgs", "whitepaper", "backup"],
)
def test_an_existing_output_file_is_kept_unless_force(sqlite_db, cli, tmp_path, args, name):
    seed_reports(sqlite_db.url)
    path = _existing(tmp_path, name)
    _refused(cli(["--db", sqlite_db.url, *args, str(path)]), path)
    forced = cli(["--db", sqlite_db.url, *args, str(path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert path.read_bytes() != OLD
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".partial")] == []


def test_import_keeps_an_existing_errors_file_and_template(initialised, cli, tmp_path):
    db = ["--db", initialised.url]
    batch = tmp_path / "batch.csv"
    batch.write_text("案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,\n", encoding="utf-8")
    errors = _existing(tmp_path, "errors.csv")
    _refused(cli([*db, "import", str(batch), "--errors", str(errors)]), errors)
    template = _existing(tmp_path, "模板.xlsx")
    _refused(cli([*db, "import", "--template", str(template)]), template)
    assert cli([*db, "import", "--template", str(template), "--force"]).exit_code == 0
    assert template.read_bytes().startswith(b"PK")


def test_the_real_run_replaces_the_errors_file_its_dry_run_wrote_and_no_other(
    initialised, cli, tmp_path
):
    """`import b1.csv --errors e.csv --dry-run`, then the same without --dry-run: refused
    (e.csv exists) until the dry run's file counted as the batch's own (unchanged)."""
    db = ["--db", initialised.url]
    batch = tmp_path / "batch.csv"
    batch.write_text("案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,\n", encoding="utf-8")
    errors = tmp_path / "errors.csv"
    command = [*db, "import", str(batch), "--errors", str(errors)]
    assert cli([*command, "--dry-run"]).exit_code == 1  # a rejected row
    assert cli([*command, "--dry-run"]).exit_code == 1  # a second dry run: no --force
    other = tmp_path / "other.csv"
    other.write_bytes(batch.read_bytes())
    written = errors.read_bytes()
    refused = cli([*db, "import", str(other), "--errors", str(errors)])
    assert refused.exit_code == 1 and "--force" in refused.stderr  # another file's errors
    assert errors.read_bytes() == written
    result = cli(command)
    assert result.exit_code == 1 and "--force" not in result.stderr, result.stderr
    assert "张三" in errors.read_text(encoding="utf-8-sig")
    errors.write_bytes(OLD)  # the clerk's edits are never replaced without --force
    assert cli([*command, "--dry-run"]).exit_code == 1
    _refused(cli(command), errors)


def test_a_document_is_not_rendered_over_an_existing_file(initialised, cli, tmp_path):
    (case_id,) = seed_documents(initialised.url, one_settled_case)
    out = tmp_path / "out"
    args = ["--db", initialised.url, "--json", "doc", "render", "agreement", str(case_id)]
    first = cli([*args, "-o", str(out)])
    assert first.exit_code == 0, first.output
    (written,) = out.iterdir()
    before = written.read_bytes()
    again = cli([*args, "-o", str(out)])
    assert again.exit_code == 1, again.output
    assert squash(f"{written} exists; give --force to overwrite it.") in squash(again.stderr)
    assert written.read_bytes() == before
    batch = cli(["--db", initialised.url, "doc", "batch", "agreement", "-o", str(out)])
    assert str(written.name) in squash(batch.output)
    assert cli([*args, "-o", str(out), "--force"]).exit_code == 0


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_partial_one(
    sqlite_db, cli, tmp_path, monkeypatch
):
    from mediate.errors import MediateError
    from mediate.services import exports

    seed_reports(sqlite_db.url)
    real = exports.export_cases

    def failing(*args, **kwargs):
        rows = real(*args, **kwargs)
        yield next(rows)
        raise MediateError("the database went away")

    monkeypatch.setattr(exports, "export_cases", failing)
    path = _existing(tmp_path, "cases.csv")
    result = cli(["--db", sqlite_db.url, "export", "cases", "-o", str(path), "--force"])
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "test.db"]


def test_a_document_that_cannot_be_written_fails_alone_with_its_path(initialised, cli, tmp_path):
    (_case_id,) = seed_documents(initialised.url, one_settled_case)
    out = tmp_path / "out"
    args = ["--db", initialised.url, "doc", "batch", "agreement", "-o", str(out), "--force"]
    assert cli(args).exit_code == 0
    (written,) = out.iterdir()
    written.unlink()
    written.mkdir()  # a directory where the document goes: the system refuses the rename
    result = cli(args)
    assert result.exit_code == 1, result.output
    assert squash(f"Cannot write {written}: it is a directory") in squash(result.stderr)
    assert "Traceback" not in result.output and "IsADirectoryError" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [written.name] and written.is_dir()


def test_a_backup_replaces_a_link_in_its_place_and_never_writes_through_it(
    sqlite_db, cli, tmp_path
):
    seed_reports(sqlite_db.url)
    link = tmp_path / "dangle.db"
    link.symlink_to(tmp_path / "nowhere" / "zz")
    result = cli(["--db", sqlite_db.url, "db", "backup", str(link), "--force"])
    assert result.exit_code == 0, result.output
    assert not link.is_symlink() and link.read_bytes().startswith(b"SQLite format 3")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("args", "where"),
    [(["db", "backup", ""], "文件"), (["export", "cases", "-o", ""], "--output/-o")],
)
def test_an_empty_file_name_is_a_usage_error_saying_so(initialised, cli, args, where):
    """Walk of 2026-12-02: `db backup ''` said "文件：. 是目录"."""
    result = cli(["--db", initialised.url, *args], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert squash(f"{where}：没有给出文件名") in squash(result.stderr)
    assert "是目录" not in result.stderr
