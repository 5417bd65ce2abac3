"""A file the clerk names is never replaced without --force, and never left half written.

Every command that writes a file (exports, reports, the white paper, documents, `import
--errors`, `import --template`, `db backup`) refuses an existing one with a sentence unless
given --force, and writes through a temporary file renamed into place (`mediate.files`)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from mediate.commands.common import output_dir, output_file
from mediate.commands.doc import document_out
from tests.conftest import squash
from tests.e2e.test_wrong_arguments import leaf_commands
from tests.factories import one_settled_case
from tests.factories import seed as seed_documents
from tests.report_data import seed as seed_reports

OLD = b"the clerk's own file\n"


def _unwrapped(callback):
    # Typer wraps (ctx, param, value) ones; output_file_in wraps output_file
    return inspect.unwrap(callback) if callback is not None else None


def test_every_command_that_writes_a_file_takes_force():
    writers = []
    for path, command in leaf_commands():
        writes = [
            p
            for p in command.params
            if _unwrapped(p.callback) in (output_file, output_dir, document_out)
        ]
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


BEING_READ = "是正在读取的文件：请为要写出的文件另起一个名字（即使加 --force 也不会覆盖它）。"


@pytest.mark.parametrize(
    "errors",
    [
        "{tmp}/in.csv",
        "{tmp}/无此目录/../in.csv",
        "{tmp}/link.csv",
        "{tmp}/hard.csv",
        "{tmp}/map.csv",
    ],
    ids=["same", "dotdot", "symlink", "hardlink", "mapping"],
)
def test_import_never_writes_its_errors_over_a_file_it_reads_even_with_force(
    initialised, cli, tmp_path, errors
):
    """Review of 2026-12-02: `import in.csv --dry-run --errors in.csv --force` replaced the
    input by its rejected rows; the good rows, never imported, were lost. A file the
    import reads (FILE, --mapping), however named, is a usage error whatever --force says."""
    batch = tmp_path / "in.csv"
    text = "案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,李四\n,民间借贷纠纷,,\n"
    batch.write_text(text, encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(batch)
    (tmp_path / "hard.csv").hardlink_to(batch)
    mapping = tmp_path / "map.csv"
    mapping.write_text("columns: {}\n", encoding="utf-8")
    out = errors.format(tmp=tmp_path)
    args = ["--db", initialised.url, "import", str(batch), "--errors", out, "--force"]
    for extra in (["--dry-run"], []):
        result = cli([*args, "--mapping", str(mapping), *extra], env=ZH)
        assert result.exit_code == 2, result.output
        assert squash(f"--errors：{Path(out)} {BEING_READ}") in squash(result.stderr)
        assert batch.read_text(encoding="utf-8") == text
        assert mapping.read_text(encoding="utf-8") == "columns: {}\n"
    assert not (tmp_path / "无此目录").exists()


THE_DATABASE = (
    "是 mediate 正在使用的数据库或其日志文件：请为要写出的文件另起一个名字"
    "（即使加 --force 也不会覆盖它）。"
)


def test_db_backup_never_writes_over_the_database_it_backs_up(sqlite_db, cli, tmp_path):
    """`db backup live.db --force` renamed a snapshot over the live file (beside its -wal):
    the database, or its journal, is the file being read."""
    seed_reports(sqlite_db.url)
    live = tmp_path / "test.db"
    before = live.read_bytes()
    for name in ("test.db", "./test.db", "test.db-wal"):
        result = cli(
            ["--db", sqlite_db.url, "db", "backup", str(tmp_path / name), "--force"], env=ZH
        )
        assert result.exit_code == 2, result.output
        assert squash(f"{tmp_path / name} {THE_DATABASE}") in squash(result.stderr)
    assert live.read_bytes() == before
    assert cli(["--db", sqlite_db.url, "db", "backup", str(tmp_path / "copy.db")]).exit_code == 0


def test_the_dry_runs_errors_file_is_known_whatever_the_order_typed(initialised, cli, tmp_path):
    """`import --errors e.csv b1.csv`: --errors typed before FILE. Its callback decides
    whether the dry run of this FILE wrote e.csv (FILE is eager, read first): the real run
    replaces it, a run of another file is refused."""
    db = ["--db", initialised.url]
    batch = tmp_path / "batch.csv"
    batch.write_text("案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,\n", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_bytes(batch.read_bytes())
    errors = tmp_path / "errors.csv"
    assert cli([*db, "import", "--errors", str(errors), "--dry-run", str(batch)]).exit_code == 1
    written = errors.read_bytes()
    refused = cli([*db, "import", "--errors", str(errors), str(other)])
    assert refused.exit_code == 1 and "--force" in refused.stderr, refused.stderr
    assert errors.read_bytes() == written
    result = cli([*db, "import", "--errors", str(errors), str(batch)])
    assert result.exit_code == 1 and "--force" not in result.stderr, result.stderr
    assert "张三" in errors.read_text(encoding="utf-8-sig")


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


def test_a_pdf_is_not_made_over_an_existing_pdf_in_a_directory(initialised, cli, tmp_path):
    """`doc render --pdf -o DIR` replaced an existing PDF of the document's name without
    --force (review of 2026-12-02): refused before anything is written, as the .docx is."""
    (case_id,) = seed_documents(initialised.url, one_settled_case)
    out = tmp_path / "out"
    args = ["--db", initialised.url, "doc", "render", "agreement", str(case_id), "-o", str(out)]
    assert cli(args).exit_code == 0
    (written,) = out.iterdir()
    written.unlink()
    pdf = written.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4 the clerk's signed copy")
    refused = cli([*args, "--pdf"])
    assert refused.exit_code == 1, refused.output
    assert squash(f"{pdf} exists; give --force to overwrite it.") in squash(refused.stderr)
    assert pdf.read_bytes() == b"%PDF-1.4 the clerk's signed copy"
    assert not written.exists()  # nothing written


ZH = {"MEDIATE_LANG": "zh"}


def test_doc_render_o_names_the_docx_file_to_write(initialised, cli, tmp_path):
    """Review of 2026-12-02: `doc render KIND ID -o x.docx` made a directory x.docx. A name
    ending in .docx is the file to write (its directory must exist); an existing one is
    only replaced with --force; a directory keeps working."""
    (case_id,) = seed_documents(initialised.url, one_settled_case)
    args = ["--db", initialised.url, "doc", "render", "agreement", str(case_id), "-o"]
    target = tmp_path / "协议.docx"
    first = cli([*args, str(target)], env=ZH)
    assert first.exit_code == 0, first.output
    assert target.is_file() and target.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "test.db") == ["协议.docx"]
    before = target.read_bytes()
    again = cli([*args, str(target)], env=ZH)
    assert again.exit_code == 1, again.output
    assert squash(f"{target} 已存在；如需覆盖请加 --force") in squash(again.stderr)
    assert target.read_bytes() == before
    assert cli([*args, str(target), "--force"]).exit_code == 0
    missing = cli([*args, str(tmp_path / "无此目录" / "x.docx")], env=ZH)
    assert missing.exit_code == 2, missing.output
    assert squash(f"目录 {tmp_path / '无此目录'} 不存在") in squash(missing.stderr)
    assert not (tmp_path / "无此目录").exists()
    into = cli([*args, str(tmp_path / "papers")])
    assert into.exit_code == 0, into.output
    assert [p.suffix for p in (tmp_path / "papers").iterdir()] == [".docx"]


def test_doc_render_help_says_o_may_name_the_docx_file_in_chinese():
    import os
    import subprocess
    import sys

    env = os.environ | {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
    shown = subprocess.run(
        [sys.executable, "-m", "mediate", "doc", "render", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert squash("或要写入的 .docx 文件（其所在目录须已存在") in squash(shown), shown


@pytest.mark.parametrize(
    "args",
    [
        ["doc", "batch", "agreement", "-o", "{tmp}/papers.docx"],
        ["case", "dossier", "1", "-o", "{tmp}/卷宗.zip"],
        ["export", "dossiers", "--period", "2026", "-o", "{tmp}/卷宗.pdf"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_file_name_where_a_directory_is_written_is_a_usage_error(
    initialised, cli, tmp_path, args
):
    """The same trap in the commands whose -o is a directory: a name ending in .docx,
    .zip or .pdf would become a directory of that name."""
    result = cli(["--db", initialised.url, *(a.format(tmp=tmp_path) for a in args)], env=ZH)
    assert result.exit_code == 2, result.output
    assert "是文件名，而此选项要的是写入的目录" in squash(result.stderr)
    assert [p.name for p in tmp_path.iterdir() if p.name != "test.db"] == []


def test_an_existing_file_where_a_directory_is_written_is_a_usage_error_too(
    initialised, cli, tmp_path
):
    """Review of 2026-12-02: an existing file given to a directory option exited 1 while a
    file name not yet there exited 2: both are a typed value (exit 2), and the file is kept."""
    blocker = tmp_path / "plain.txt"
    blocker.write_bytes(OLD)
    args = ["doc", "batch", "agreement", "-o", str(blocker)]
    result = cli(["--db", initialised.url, *args], env=ZH)
    assert result.exit_code == 2, result.output
    assert "--output" in result.stderr or "-o" in result.stderr, result.stderr
    assert squash("是文件") in squash(result.stderr), result.stderr
    assert blocker.read_bytes() == OLD


@pytest.mark.parametrize(
    ("args", "where", "taken"),
    [
        (
            ["export", "cases", "-o", "{tmp}/c.exe"],
            "--output",
            ".csv、.json、.xlsx 结尾，或用 --format",
        ),
        (
            ["export", "credit", "--period", "2026", "-o", "{tmp}/c.xlsx"],
            "--output",
            ".json、.csv 结尾",
        ),
        (["import", "--template", "{tmp}/模板.exe"], "--template", ".xlsx、.csv、.txt 结尾。"),
        (
            ["import", "{tmp}/in.csv", "--errors", "{tmp}/退回.exe"],
            "--errors",
            ".csv、.txt、.xlsx 结尾。",
        ),
        # review of 2026-12-02: the errors file is a plain workbook, never an .xlsm
        (["import", "{tmp}/in.csv", "--errors", "{tmp}/退回.xlsm"], "--errors", ".xlsx 结尾。"),
        # review of 2026-12-02 (h9): a Word file as wp.pdf, an XLSX as r.csv, CSV as c.docx
        (
            ["report", "whitepaper", "--period", "2026", "-o", "{tmp}/wp.pdf"],
            "--output",
            ".docx 结尾",
        ),
        (["report", "orgs", "--period", "2026", "--xlsx", "{tmp}/r.csv"], "--xlsx", ".xlsx 结尾"),
        (["export", "cases", "-o", "{tmp}/c.docx"], "--output", ".csv、.json、.xlsx 结尾"),
    ],
    ids=[
        "export-cases",
        "export-credit",
        "import-template",
        "import-errors",
        "import-errors-xlsm",
        "whitepaper",
        "report-xlsx",
        "export-cases-docx",
    ],
)
def test_a_file_suffix_that_names_no_format_is_a_usage_error(
    initialised, cli, tmp_path, args, where, taken
):
    """Review of 2026-12-02: `export cases -o c.exe` wrote CSV under that name. Without
    --format, a suffix the command does not write is refused naming it and the ones it
    takes (files.format_by_suffix), before any work."""
    (tmp_path / "in.csv").write_text("案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,\n", "utf-8")
    result = cli(["--db", initialised.url, *(a.format(tmp=tmp_path) for a in args)], env=ZH)
    assert result.exit_code == 2, result.output
    said = squash(result.stderr)
    suffix = "." + args[-1].rsplit(".", 1)[1]
    assert squash(where) in said and f"不能写成“{suffix}”文件" in said, said
    assert squash(taken) in said, said
    assert [p.name for p in tmp_path.iterdir() if p.name != "test.db"] == ["in.csv"]


def test_export_with_format_takes_any_file_name(initialised, cli, tmp_path):
    target = tmp_path / "cases.txt"
    result = cli(["--db", initialised.url, "export", "cases", "-f", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8-sig").startswith("案件编号") or target.stat().st_size > 0


def test_import_template_to_a_directory_is_one_usage_error(initialised, cli, tmp_path):
    """Review of 2026-12-02: `import --template dir/` said 已存在, then 这是一个目录."""
    result = cli(["--db", initialised.url, "import", "--template", f"{tmp_path}/"], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(result.stderr) == squash(
        f"✗ --template：{tmp_path} 是目录：请给出要写入的文件名。"
    )


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
    [
        (["db", "backup", ""], "文件"),
        (["export", "cases", "-o", ""], "--output/-o"),
        (["import", "--template", ""], "--template"),  # it said "是目录" (commands.common)
    ],
)
def test_an_empty_file_name_is_a_usage_error_saying_so(initialised, cli, args, where):
    """Walk of 2026-12-02: `db backup ''` said "文件：. 是目录"."""
    result = cli(["--db", initialised.url, *args], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert squash(f"{where}：没有给出文件名") in squash(result.stderr)
    assert "是目录" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["doc", "render", "agreement", "1", "-o", ""],
        ["doc", "batch", "agreement", "-o", ""],
        ["case", "dossier", "1", "-o", ""],
        ["export", "dossiers", "--period", "2026", "-o", ""],
        ["demo", "--dir", ""],
    ],
    ids=["doc-render", "doc-batch", "case-dossier", "export-dossiers", "demo"],
)
def test_an_empty_directory_name_is_a_usage_error_not_the_current_directory(
    initialised, cli, tmp_path, monkeypatch, args
):
    """Review of 2026-12-02: `doc render -o ''` wrote into the current directory (Path('')
    is '.') while `import --template ''` was refused: '' names nothing anywhere."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    seed_documents(initialised.url, one_settled_case)
    result = cli(["--db", initialised.url, *args], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash("没有给出名称：请给出要写入的目录（. 表示当前目录）") in squash(result.stderr)
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["doc", "render", "agreement", "{id}", "-o", "{tmp}/a.txt"],
        ["doc", "batch", "agreement", "-o", "{tmp}/b.txt"],
        ["case", "dossier", "{id}", "-o", "{tmp}/c.odt"],
    ],
    ids=["doc-render", "doc-batch", "case-dossier"],
)
def test_any_file_name_given_as_a_directory_is_refused_not_made_a_directory(
    initialised, cli, tmp_path, args
):
    """Review of 2026-12-02: `doc render -o a.txt` made a directory named a.txt (only
    .docx/.pdf/… were known file names): any short suffix of letters reads as a file's."""
    (case_id,) = seed_documents(initialised.url, one_settled_case)
    said = [a.format(tmp=tmp_path, id=case_id) for a in args]
    result = cli(["--db", initialised.url, *said], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(said[-1]) in squash(result.stderr), result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name != "test.db"] == []


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["import", "--template", "{new}/模板.csv"], "--template"),
        (["import", "{tmp}/in.csv", "--errors", "{new}/退回.csv"], "--errors"),
        (["export", "cases", "-o", "{new}/cases.csv"], "--output/-o"),
        (["report", "funnel", "--period", "2026", "--xlsx", "{new}/f.xlsx"], "--xlsx"),
        (["db", "backup", "{new}/b.db"], "文件"),
        (["doc", "render", "agreement", "{id}", "-o", "{new}/协议.docx"], "-o/--out"),
    ],
    ids=["template", "errors", "export", "report", "backup", "doc-render"],
)
def test_an_output_file_in_a_missing_directory_is_refused_and_no_directory_made(
    initialised, cli, tmp_path, args, where
):
    """One rule for every file named to write (review of 2026-12-02: `import --template
    /nonexist/t.csv` made /nonexist, `doc render -o new/a.docx` refused): its directory
    must exist; a usage error naming it, nothing created."""
    (case_id,) = seed_documents(initialised.url, one_settled_case)
    (tmp_path / "in.csv").write_text("案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,\n", "utf-8")
    new = tmp_path / "无此目录" / "子目录"
    said = [a.format(tmp=tmp_path, new=new, id=case_id) for a in args]
    result = cli(["--db", initialised.url, *said], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(f"{where}：无法写入 {said[-1]}：目录 {new} 不存在。") in squash(result.stderr)
    assert not (tmp_path / "无此目录").exists()


def test_doc_render_o_with_another_file_suffix_says_a_directory_or_the_docx(
    initialised, cli, tmp_path
):
    """`doc render -o x.pdf` was told "-o names a directory", though -o also takes the
    .docx to write: the message names both, and nothing is written."""
    (case_id,) = seed_documents(initialised.url, one_settled_case)
    target = tmp_path / "协议.pdf"
    args = ["--db", initialised.url, "doc", "render", "agreement", str(case_id), "-o"]
    result = cli([*args, str(target)], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(f"{target}：请给出目录，或要写入的 .docx 文件") in squash(result.stderr)
    assert not target.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["import", "--template", "~nouser-mediate/t.xlsx"],
        ["export", "cases", "-o", "~nouser-mediate/c.csv"],
        ["db", "backup", "~nouser-mediate/x.db"],
        ["doc", "render", "agreement", "1", "-o", "~nouser-mediate/d"],
        ["demo", "--dir", "~nouser-mediate/d"],
    ],
)
def test_a_home_of_no_such_user_is_a_usage_error_not_exit_3(initialised, cli, args):
    """Final read of 2026-12-02: pathlib's RuntimeError for `~nouser` ended in exit 3."""
    result = cli(["--db", initialised.url, *args], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert "没有这个用户" in squash(result.stderr)


def test_a_callback_made_by_output_file_callback_keeps_its_own_name_and_docstring():
    """commands.common.output_file_callback took output_file's name and docstring for the
    function it decorated (functools.wraps(output_file)): db.backup_file.__name__ was
    output_file and its help for developers output_file's. It keeps its own, and is still an
    output_file to what walks the commands (inspect.unwrap)."""
    from mediate.commands.common import output_file_in
    from mediate.commands.db import backup_file
    from mediate.commands.importing import errors_file

    for callback, name, doc in (
        (backup_file, "backup_file", "`db backup FILE`"),
        (errors_file, "errors_file", "`import FILE --errors OUT`"),
    ):
        assert (callback.__name__, callback.__doc__.split(":")[0]) == (name, doc)
        assert _unwrapped(callback) is output_file
    assert _unwrapped(output_file_in({".csv": "csv"})) is output_file
