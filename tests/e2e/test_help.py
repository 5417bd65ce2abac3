"""Every command has help, in both languages (in the spirit of sqlite-utils' test_docs)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import typer

from mediate.typer_app import COMMANDS, app


def all_commands(group=None, prefix=(), parent=None):
    """Every command and group, through the groups' own list/get (the root one is lazy)."""
    command = group or typer.main.get_command(app)
    ctx = typer.Context(command, info_name=prefix[-1] if prefix else "mediate", parent=parent)
    if not hasattr(command, "list_commands"):
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        assert sub is not None, (*prefix, name)
        yield (*prefix, name), sub
        yield from all_commands(sub, (*prefix, name), ctx)


def python_with(env_lang: str, code: str) -> str:
    env = dict(os.environ, MEDIATE_LANG=env_lang)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_the_walk_reaches_every_registered_command_and_the_case_subcommands():
    paths = {path for path, _cmd in all_commands()}
    assert {(name,) for name in COMMANDS} <= paths
    assert ("case", "show") in paths
    assert ("config", "show") in paths
    assert len(paths) > len(COMMANDS) + 30


def test_every_command_has_help_text():
    missing = [" ".join(path) for path, cmd in all_commands() if not (cmd.help or "").strip()]
    assert not missing, f"commands without help: {missing}"


def test_every_command_answers_help(cli):
    for path, _cmd in all_commands():
        result = cli([*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.stdout


def test_the_usage_line_names_arguments_plainly_in_both_languages(cli):
    """`mediate case show [OPTIONS] ID`, never `{ID}` (Typer's way of marking a required
    argument, which reads as a placeholder to fill; review of 2026-12-02)."""
    for language in ("en", "zh"):
        for path, _cmd in all_commands():
            page = cli([*path, "--help"], env={"MEDIATE_LANG": language}).stdout
            usage = page.split("\n\n")[0]
            assert "{" not in usage and "......" not in usage, (language, path, usage)
    assert "Usage: mediate case show [OPTIONS] ID\n" in cli(["case", "show", "--help"]).stdout


def test_help_speaks_chinese_when_asked():
    env = dict(os.environ, MEDIATE_LANG="zh")
    out = subprocess.run(
        [sys.executable, "-m", "mediate", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "诉前纠纷调解" in out
    assert "演示全流程" in out


def test_case_new_help_puts_the_global_no_input_before_the_command():
    """--no-input is an option of `mediate`, not of `case new`: the help shows where."""
    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="200")
    out = subprocess.run(
        [sys.executable, "-m", "mediate", "case", "new", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "mediate --no-input case new" in out
    assert "配合 --no-input" not in out


def test_root_help_lists_the_registry_without_importing_any_command_module():
    code = (
        "import sys\n"
        "from mediate.cli import run\n"
        "code = run(['--help'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('mediate.commands.'))\n"
        "print(code, loaded)\n"
    )
    out = python_with("en", code)
    assert out.splitlines()[-1] == ("0 ['mediate.commands.registry', 'mediate.commands.summaries']")
    for name in COMMANDS:
        assert f"\n  {name} " in out


def test_a_subcommand_imports_only_its_own_group():
    code = (
        "import sys\n"
        "from mediate.cli import run\n"
        "run(['case', 'show', '--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('mediate.commands.')))\n"
    )
    out = python_with("en", code)
    assert out.splitlines()[-1] == str(
        [
            "mediate.commands.case",
            "mediate.commands.case_desk",
            "mediate.commands.case_dossier",
            "mediate.commands.case_intake",
            "mediate.commands.case_lifecycle",
            "mediate.commands.common",
            "mediate.commands.registry",
            "mediate.commands.summaries",
        ]
    )


def test_the_registry_help_is_the_help_each_command_is_built_with():
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="mediate")
    assert root.list_commands(ctx) == list(COMMANDS)
    for name, entry in COMMANDS.items():
        assert root.get_command(ctx, name).help == entry.help, name


def test_the_case_subcommands_keep_their_order_whichever_module_loads_first():
    out = python_with(
        "en",
        "import mediate.commands.case_lifecycle\n"
        "from mediate.cli import run\n"
        "run(['case', '--help'])\n",
    )
    listed = [  # a command's name is indented two spaces; its help may go on below it
        line.split()[0]
        for line in out.split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert listed == [
        "add",
        "new",
        "list",
        "show",
        "history",
        "edit",
        "reopen",
        "find",
        "assign",
        "start",
        "transfer",
        "extend",
        "pause",
        "resume",
        "dossier",
    ]


def test_an_unknown_command_is_a_usage_error_with_a_suggestion(cli):
    result = cli(["cas"])
    assert result.exit_code == 2
    assert "No such command 'cas'. Did you mean 'case', 'causes'?" in result.stderr


_DATE_HELPS = """
import json, typer
from tests.e2e.test_help import all_commands
helps = {}
for path, command in all_commands():
    for param in getattr(command, "params", []):
        if getattr(param, "metavar", None) == "DATE":  # every date option (--on, --from…)
            helps[" ".join((*path, *param.opts))] = param.help
print(json.dumps(helps, ensure_ascii=False))
"""


def test_every_date_option_says_the_forms_it_takes_in_both_languages():
    import json

    from mediate.commands.reads import parse_day

    forms = ("2026-12-01", "2026/12/1", "2026年12月1日")
    assert {parse_day(form, "--date") for form in forms} == {parse_day("2026-12-01", "--date")}
    for language in ("en", "zh"):
        helps = json.loads(python_with(language, _DATE_HELPS))
        # the date options intake/values.option_date reads, in every command
        assert len(helps) > 15, helps
        for option in ("case assign --on", "confirm record --on", "report funnel --from"):
            assert option in helps, (option, sorted(helps))
        for option, text in helps.items():
            assert "YYYY" not in text, (language, option, text)
            assert all(form in text for form in forms), (language, option, text)


def test_chinese_help_writes_its_examples_in_chinese(monkeypatch):
    """A Chinese clerk reads no English key in an example (`'role=respondent,name=…'`,
    `key=value`): every quoted FIELD=VALUE example of every Chinese help page is in
    Chinese (test_labels_cli checks the commands take them back)."""
    import json
    import re

    # A command's help is put in the interface language when its module is imported, once
    # per process: walked in a process that starts in Chinese, as a clerk's does (in this
    # one an earlier test may have built the commands in English).
    code = (
        "import json\n"
        "from tests.conftest import invoke\n"
        "from tests.e2e.test_help import all_commands\n"
        "pages = []\n"
        "for path, _cmd in [((), None), *all_commands()]:\n"
        "    result = invoke([*path, '--help'])\n"
        "    pages.append([list(path), result.exit_code, result.stdout + result.stderr])\n"
        "print(json.dumps(pages))\n"
    )
    monkeypatch.setenv("COLUMNS", "80")
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    pages = json.loads(python_with("zh", code))
    assert len(pages) > len(COMMANDS) + 30
    examples = []
    by_path = {}
    for path, exit_code, output in pages:
        assert exit_code == 0, (path, output)
        page = by_path[tuple(path)] = "".join(output.split())  # wrapped lines joined again
        assert "key=value" not in page, path
        for example in re.findall(r"'([^']*=[^']*)'", page):
            assert not re.search(r"[A-Za-z]", example), (path, example)
            examples.append(example)
    assert "姓名=张三,证件号码=…,电话=…" in examples
    assert "诉讼地位=被申请人,姓名=…,…" in examples
    # a closed set by its Chinese words first, the words `performance` takes
    page = by_path[("performance",)]
    assert "已履行（done）、部分履行（partial）、未履行（none）或申请执行（enforcement）" in page
    from mediate.domain.vocabulary import PERFORMANCE_REPORT

    kinds = [
        PERFORMANCE_REPORT.parse(word) for word in ("已履行", "部分履行", "未履行", "申请执行")
    ]
    assert kinds == ["done", "partial", "none", "enforcement"]


def test_config_show_says_what_each_setting_is_in_chinese_at_80_columns(cli):
    """Walk of 2026-12-02: setting names (typed in mediate.toml) were shown in English only;
    each now has its Chinese meaning under it, and the table still fits 80 columns."""
    from mediate import console
    from mediate.textwidth import cell_width

    console.reset(width=80)
    shown = cli(["config", "show"], env={"MEDIATE_LANG": "zh", "COLUMNS": "80"})
    assert shown.exit_code == 0, shown.output
    for name, meaning in (
        ("db", "数据库"),
        ("credit_agency", "征信机构名称"),
        ("clerk", "书记员姓名"),
    ):
        # a table, or one record per setting when a long path leaves no room for it
        assert re.search(rf"[│ ] {name} *[│\n]", shown.stdout), shown.stdout
        assert re.search(rf"[│ ] {meaning} *[│\n]", shown.stdout), shown.stdout
    assert max(cell_width(line) for line in shown.stdout.splitlines()) <= 80
