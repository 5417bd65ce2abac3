"""No file a command writes is the database mediate works on; no name of spaces is a file.

Review of 2026-12-03 (a clerk's walk, MEDIATE_LANG=zh): `mediate --db live.db export cases
-o live.db --force` wrote CSV over the database; `import bad.csv --errors ' '` wrote a file
named " "; `import --template F` ignored --dry-run and a missing --mapping."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from mediate.commands.common import output_file
from mediate.commands.doc import document_out
from mediate.store.engine import sqlite_files
from tests.conftest import squash
from tests.e2e.test_output_files import THE_DATABASE
from tests.e2e.test_wrong_arguments import leaf_commands

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
HOLDS = "中有 mediate 正在使用的数据库"


def _live(cli, directory: Path, name: str = "live.docx") -> tuple[Path, str]:
    """An initialised database, named .docx so that `doc render -o` takes it as a file."""
    directory.mkdir(parents=True, exist_ok=True)
    live = directory / name
    url = f"sqlite:///{live}"
    assert cli(["--db", url, "init"]).exit_code == 0
    return live, url


def _files_written():
    """(command path, parameter) of every option or argument naming a file to write."""
    for path, command in leaf_commands():
        for param in command.params:
            callback = inspect.unwrap(param.callback) if param.callback else None
            if callback in (output_file, document_out):
                yield path, param


def _invocation(path, param, target: Path, tmp_path: Path) -> list[str]:
    before = [str(tmp_path / "in.csv")] if path == ("import",) else []
    named = [param.opts[0], str(target)] if param.param_type_name == "option" else [str(target)]
    return [*path, *before, *named, "--force"]


def test_no_output_file_of_any_command_may_be_the_database_or_its_journal(cli, tmp_path):
    """Every option (or argument) naming a file to write, walked as the --force test walks
    them: the configured SQLite database and its -wal, -shm, -journal are refused, exit 2,
    naming the option, whatever --force says; the database is left as it was."""
    live, url = _live(cli, tmp_path)
    (tmp_path / "in.csv").write_text("案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,\n", "utf-8")
    before = live.read_bytes()
    walked = []
    for path, param in _files_written():
        walked.append(" ".join(path))
        for target in sqlite_files(live):
            result = cli(["--db", url, *_invocation(path, param, target, tmp_path)], env=ZH)
            assert result.exit_code == 2, (path, target, result.output)
            said = squash(result.stderr)
            assert squash(f"{target} {THE_DATABASE}") in said, (path, result.stderr)
            if param.param_type_name == "option":
                assert param.opts[0] in result.stderr or param.opts[-1] in result.stderr
    for command in ("export cases", "export credit", "report funnel", "report whitepaper"):
        assert command in walked, command
    assert {"import", "db backup", "doc render"} <= set(walked)
    assert live.read_bytes() == before
    assert [p.name for p in sqlite_files(live) if p.exists()] == [live.name]


@pytest.mark.parametrize("driver", ["sqlite+pysqlite", "SQLite"])
def test_the_database_is_recognised_whatever_its_url_names_the_driver(cli, tmp_path, driver):
    """Review of 2026-12-03: `--db sqlite+pysqlite:///x.db export cases -o x.db --force`
    wrote CSV over the live database (the guard read only `sqlite:///`)."""
    live, url = _live(cli, tmp_path, "live.db")
    before = live.read_bytes()
    other = url.replace("sqlite", driver, 1)
    args = ["--db", other, "export", "cases", "-f", "csv", "-o", str(live), "--force"]
    result = cli(args, env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(f"{live} {THE_DATABASE}") in squash(result.stderr)
    assert live.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["import", "--template", "{live}"],
        ["import", "--template", "{live}-wal"],
        ["export", "cases", "-f", "csv", "-o", "{live}"],
        ["doc", "batch", "agreement", "-o", "{live}-wal"],
        ["case", "dossier", "1", "-o", "{live}-journal"],
    ],
    ids=["template", "template-wal", "export-format", "doc-batch-dir", "dossier-dir"],
)
def test_the_database_is_no_template_nor_a_directory_to_write_into(cli, tmp_path, args):
    live, url = _live(cli, tmp_path, "live.db")
    before = live.read_bytes()
    said = [a.format(live=live) for a in args]
    result = cli(["--db", url, *said, "--force"], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(f"{said[-1]} {THE_DATABASE}") in squash(result.stderr)
    assert live.read_bytes() == before
    assert [p.name for p in sqlite_files(live) if p.exists()] == ["live.db"]


@pytest.mark.parametrize(
    "inside", ["mediate.db", "shared.db", "backup/b.db", "documents/x.db", "dossiers/y.db"]
)
def test_demo_never_writes_over_the_database_in_its_directory(cli, tmp_path, inside):
    """`demo --dir D --force` removes and rewrites D/mediate.db, D/shared.db and D/backup,
    D/documents, D/dossiers: none of them may be, or hold, the configured database."""
    directory = tmp_path / "D"
    live, url = _live(cli, (directory / inside).parent, Path(inside).name)
    before = live.read_bytes()
    result = cli(["--db", url, "demo", "--dir", str(directory), "--force"], env=ZH)
    assert result.exit_code == 2, result.output
    said = squash(result.stderr)
    assert "--dir" in said and (squash(THE_DATABASE) in said or squash(HOLDS) in said), said
    assert live.read_bytes() == before


@pytest.mark.parametrize(
    "args, where",
    [
        (["import", "{tmp}/in.csv", "--errors", "{blank}"], "--errors"),
        (["import", "--template", "{blank}"], "--template"),
        (["export", "cases", "-o", "{blank}"], "--output/-o"),
        (["report", "funnel", "--period", "2026", "--xlsx", "{blank}"], "--xlsx"),
        (["db", "backup", "{blank}"], "文件"),
    ],
    ids=["errors", "template", "export", "report", "backup"],
)
@pytest.mark.parametrize("blank", [" ", "   ", "\t"], ids=["space", "spaces", "tab"])
def test_a_file_name_of_spaces_is_no_name(cli, tmp_path, monkeypatch, args, where, blank):
    """Review of 2026-12-03: `import bad.csv --errors ' '` wrote a file named " " and said
    "退回的行已写入  。": a name of only whitespace names no file, as '' does (exit 2)."""
    _live_db, url = _live(cli, tmp_path / "db")
    (tmp_path / "in.csv").write_text("案号,案由,申请人,被申请人\n,民间借贷纠纷,张三,\n", "utf-8")
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    said = [a.format(tmp=tmp_path, blank=blank) for a in args]
    result = cli(["--db", url, *said, "--force"], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(f"{where}：没有给出文件名") in squash(result.stderr)
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    "args", [["doc", "render", "agreement", "1", "-o", " "], ["demo", "--dir", " "]]
)
def test_a_directory_name_of_spaces_is_no_name(cli, tmp_path, monkeypatch, args):
    _live_db, url = _live(cli, tmp_path / "db")
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    result = cli(["--db", url, *args], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash("没有给出名称：请给出要写入的目录") in squash(result.stderr)
    assert list(work.iterdir()) == []


ONE, SEVERAL = "请去掉这个选项", "请去掉这些选项"


@pytest.mark.parametrize(
    "extra, named, leave_out",
    [
        (["--dry-run"], "--dry-run", ONE),
        (["--mapping", "nonexist.yaml"], "--mapping", ONE),
        (["--errors", "{tmp}/existing.csv"], "--errors", ONE),
        (["--errors", "{tmp}/new.csv", "--dry-run"], "--dry-run、--errors", SEVERAL),
        (["--source", "court_delegated"], "--source", ONE),
        (["--sheet", "Sheet1"], "--sheet", ONE),
        (["--update", "--overwrite"], "--update、--overwrite", SEVERAL),
    ],
    ids=["dry-run", "mapping", "errors-exists", "errors-new", "source", "sheet", "update"],
)
def test_import_template_refuses_the_options_it_does_not_use(
    cli, tmp_path, extra, named, leave_out
):
    """Review of 2026-12-03: `import --template F --dry-run --mapping nonexist.yaml` wrote
    F, ignoring both, yet refused when an --errors file existed. Every option only an
    import uses is refused alike (exit 2), named; nothing is written. One option named is
    "this option" (这个选项), several "these" (这些选项): it said 这些 for one as well."""
    _live_db, url = _live(cli, tmp_path / "db")
    (tmp_path / "existing.csv").write_bytes(b"keep\n")
    template = tmp_path / "模板.xlsx"
    said = [a.format(tmp=tmp_path) for a in extra]
    result = cli(["--db", url, "import", "--template", str(template), *said], env=ZH)
    assert result.exit_code == 2, result.output
    told = f"--template：它只写出一张空白的导入表，不使用 {named}：{leave_out}，或不加 --template"
    assert squash(told) in squash(result.stderr), result.stderr
    assert not template.exists() and not (tmp_path / "new.csv").exists()
    assert (tmp_path / "existing.csv").read_bytes() == b"keep\n"
    ok = cli(["--db", url, "import", "--template", str(template), "--force"], env=ZH)
    assert ok.exit_code == 0 and template.read_bytes().startswith(b"PK")


def test_the_pdf_beside_a_named_docx_is_checked_as_the_docx_is(cli, tmp_path):
    """`doc render … --pdf -o X.docx` makes X.pdf beside it: that name is checked with -o's
    rules before anything is rendered or converted (LibreOffice need not be there): the
    configured database is refused whatever --force says (exit 2), an existing file needs
    --force (exit 1)."""
    live, url = _live(cli, tmp_path, "live.pdf")
    before = live.read_bytes()
    render = ["--db", url, "doc", "render", "agreement", "1", "--pdf", "-o"]
    refused = cli([*render, str(tmp_path / "live.docx"), "--force"], env=ZH)
    assert refused.exit_code == 2, refused.output
    assert squash(f"{live} {THE_DATABASE}") in squash(refused.stderr)
    assert "--out" in refused.stderr or "-o" in refused.stderr
    assert live.read_bytes() == before and not (tmp_path / "live.docx").exists()
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(b"%PDF-1.4 the clerk's signed copy")
    kept = cli([*render, str(tmp_path / "signed.docx")], env=ZH)
    assert kept.exit_code == 1, kept.output
    assert str(signed) in squash(kept.stderr) and "--force" in kept.stderr
    assert signed.read_bytes() == b"%PDF-1.4 the clerk's signed copy"
    assert not (tmp_path / "signed.docx").exists()


PARTIES = ["--applicant", "黄勇", "--respondent", "周杰"]


def _registered(cli, tmp_path: Path, stem: str, suffix: str) -> tuple[Path, str]:
    """A database holding case 1, moved into `tmp_path / "papers"` under the name its
    registration form's file (`stem`) has there with `suffix`: the name `doc render -o
    DIR` (and `doc batch`) derive in DIR, which the clerk never typed."""
    first, url = _live(cli, tmp_path / "first", "first.db")
    case = ["--cause", "民间借贷纠纷", "--source", "委托", "--court", "焦作市中级人民法院"]
    added = cli(
        ["--db", url, "case", "new", *case, "--received", "2026-11-30", *PARTIES, "--yes"],
        env=ZH,
    )
    assert added.exit_code == 0, added.output
    papers = tmp_path / "papers"
    papers.mkdir()
    live = papers / f"{stem}{suffix}"
    first.rename(live)
    return live, f"sqlite:///{live}"


STEM = "1-调解受理登记表-黄勇等"


@pytest.mark.parametrize(
    ("suffix", "command"),
    [
        (".pdf", ["doc", "render", "registration", "1", "--pdf"]),
        (".docx", ["doc", "render", "registration", "1"]),
        (".pdf", ["doc", "batch", "registration", "--pdf"]),
        (".docx", ["doc", "batch", "registration"]),
    ],
)
def test_a_document_or_pdf_named_in_a_directory_is_never_the_database(
    cli, tmp_path, suffix, command
):
    """`doc render … -o DIR --pdf` (and `doc batch`) name the .docx and the PDF beside it
    themselves: both names pass the guard -o's typed file passes (files.refuse_the_database),
    so a database in DIR under that name is refused (exit 2, naming -o), whatever --force
    says, before anything is rendered or converted (LibreOffice need not be there)."""
    live, url = _registered(cli, tmp_path, STEM, suffix)
    before = live.read_bytes()
    refused = cli(["--db", url, *command, "-o", str(live.parent), "--force"], env=ZH)
    assert refused.exit_code == 2, refused.output
    assert squash(f"{live} {THE_DATABASE}") in squash(refused.stderr), refused.stderr
    assert "--out" in refused.stderr or "-o" in refused.stderr
    assert live.read_bytes() == before
    written = [p.name for p in live.parent.iterdir() if not p.name.startswith(live.name)]
    assert written == []  # no .docx either: refused before rendering
    plain = [word for word in command if word != "--pdf"]  # LibreOffice need not be there
    elsewhere = cli(["--db", url, *plain, "-o", str(tmp_path / "out")], env=ZH)
    assert elsewhere.exit_code == 0, elsewhere.output  # the name is the one derived
    assert (tmp_path / "out" / f"{STEM}.docx").exists()
