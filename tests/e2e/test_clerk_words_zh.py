"""Every word the tool shows the clerk is in the interface language: a walk over every
command, under MEDIATE_LANG=zh, provoking each error that names a parameter (a missing
argument, a word where a number, a date or a listed choice is expected, an existing file
to write without --force). No parameter's Python name may show (`file`, `case_id`: the
clerk knows an argument by its label in the help, 文件, 编号; an option by its flag,
which is what the clerk types), every line fits 80 columns unless it holds a value the
clerk typed (which is never cut), and the exit code is 1 or 2 (DESIGN §1), never 3.
Help texts are made at import in the language of the process: the run is a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

PROVOKE = r"""
import datetime, inspect, json, sys, typing
from pathlib import Path
from typer.testing import CliRunner
from mediate.cli import run
from mediate.commands.common import output_dir, output_file
from tests.e2e.test_wrong_arguments import leaf_commands

db, existing = sys.argv[1], sys.argv[2]
with CliRunner().isolation():
    assert run(["--db", db, "init"]) == 0


def annotation(param):
    found = param.type_descriptor.annotation
    args = typing.get_args(found)
    if typing.get_origin(found) is list and args:
        return args[0]
    if args and type(None) in args:
        return next(a for a in args if a is not type(None))
    return found


def kind(param):
    callback = getattr(param, "callback", None)
    qualname = getattr(callback, "__qualname__", "")
    if qualname.startswith("choice."):
        return "choice"
    if callback is not None and inspect.unwrap(callback) is output_file:
        return "existing"  # output_file, or one made by output_file_callback
    if callback is not None and inspect.unwrap(callback) is output_dir:
        return "existing"  # a file where a directory is wanted
    found = annotation(param)
    if found is Path:
        return "missing"
    if found is int:
        return "int"
    if found is datetime.date:
        return "date"
    return None


BAD = {
    "choice": "不存在的值",
    "existing": existing,
    "missing": existing + ".无",
    "int": "abc",
    "date": "2026-13-45",
}


def filler(param):
    found = annotation(param)
    if found is int:
        return "1"
    if found is Path:
        return existing
    return "甲"


cases = []
for path, command in leaf_commands():
    params = [p for p in command.params if p.name != "help"]
    names = sorted({p.name for p in params if p.name})
    cases.append((path, names, []))
    for param in params:
        bad = kind(param)
        if bad is None:
            continue
        args = []
        if param.param_type_name == "argument":
            for other in params:
                if other.param_type_name == "argument":
                    count = other.nargs if other.nargs > 0 else 1
                    value = BAD[bad] if other is param else filler(other)
                    args.extend([value] * count)
        else:
            args = [param.opts[0], BAD[bad]]
        cases.append((path, names, args))

out = []
for path, names, args in cases:
    with CliRunner().isolation() as streams:
        code = run(["--db", db, "--no-input", *path, *args])
        out.append([list(path), names, args, code, streams[1].getvalue().decode()])
print(json.dumps(out, ensure_ascii=False))
"""

FLAG = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


@pytest.fixture(scope="module")
def provoked(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("words")
    existing = root / "已有.txt"
    existing.write_text("已有\n", encoding="utf-8")
    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="80", MEDIATE_HOME=str(root / "home"))
    result = subprocess.run(
        [sys.executable, "-c", PROVOKE, str(root / "m.db"), str(existing)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=root,  # a command given no output path writes into the working directory
    )
    return json.loads(result.stdout)


def _shown(path: list[str], args: list[str], stderr: str) -> str:
    """What the tool said of its own: the values and flags the clerk typed, and the
    command's words, taken out."""
    for value in sorted(args, key=len, reverse=True):
        stderr = stderr.replace(value, " ")
    stderr = FLAG.sub(" ", stderr)
    return re.sub(r"mediate(?: \S+)*", lambda m: " ", stderr) if path else stderr


def _leaks(names: list[str], text: str) -> list[str]:
    # after a dot it is a file suffix (--xlsx: "end the name in .xlsx"), not the parameter
    return [
        name
        for name in names
        if re.search(rf"(?<![A-Za-z_.]){re.escape(name)}(?![A-Za-z_])", text)
        or re.search(rf"(?<![A-Za-z_]){re.escape(name.upper())}(?![A-Za-z_])", text)
    ]


def test_every_parameter_error_is_provoked(provoked):
    refused = [case for case in provoked if case[3] != 0]
    assert len(provoked) > 100
    assert len(refused) > 100
    kinds = {tuple(case[2][:1]) for case in refused}
    assert ("--force",) not in kinds


def test_no_error_names_a_parameter_by_its_python_name(provoked):
    leaks = {
        " ".join([*path, *args]): (found, stderr)
        for path, names, args, code, stderr in provoked
        if code and (found := _leaks(names, _shown(path, args, stderr)))
    }
    assert not leaks, leaks


def test_exit_codes_are_per_design(provoked):
    wrong = {
        " ".join([*path, *args]): (code, stderr)
        for path, _names, args, code, stderr in provoked
        if code not in (0, 1, 2)
    }
    assert not wrong, wrong


def test_error_lines_fit_80_columns_or_hold_a_typed_value_whole(provoked):
    """Captured here, messages are not wrapped; at an 80-column terminal `console` folds
    them (`_fold_lines`, as `console.error` does): each folded line fits, unless it holds
    a long value the clerk typed (a path is never broken), and no word, code or number is
    cut across two lines."""
    from mediate.console import _fold_lines
    from mediate.textwidth import cell_width

    too_wide, cut = {}, {}
    for path, _names, args, code, stderr in provoked:
        if code == 0:
            continue
        typed = [a for a in args if cell_width(a) > 8]
        for line in stderr.splitlines():
            folded = [line]
            if line.startswith("✗ "):
                lines = _fold_lines(line[2:], 2, 80)
                folded = ["✗ " + lines[0], *("  " + rest for rest in lines[1:])]
            for part in folded:
                if cell_width(part) > 80 and not any(a in part for a in typed):
                    too_wide[" ".join([*path, *args])] = part
            for word in re.findall(r"[A-Za-z0-9_.:/-]{2,}", line):
                if not any(word in part for part in folded):
                    cut[" ".join([*path, *args])] = (word, folded)
    assert not too_wide, too_wide
    assert not cut, cut


def test_an_existing_file_is_named_by_its_label(provoked):
    said = {
        " ".join(path): stderr
        for path, _names, args, _code, stderr in provoked
        if args and args[0].endswith("已有.txt")
    }
    assert "已存在" in said["db backup"]
    assert said["db backup"].startswith("✗ 文件：")  # the Chinese colon after where


def test_every_argument_has_a_label_in_chinese():
    from mediate.framework import argument_label
    from mediate.i18n import in_language
    from tests.e2e.test_wrong_arguments import leaf_commands

    labels = {}
    with in_language("zh_CN"):
        for path, command in leaf_commands():
            for param in command.params:
                if param.param_type_name == "argument":
                    labels[(*path, param.name)] = argument_label(param)
    assert len(labels) > 30
    english = {where: label for where, label in labels.items() if re.search("[A-Za-z]", label)}
    assert not english, english
    assert labels[("db", "backup", "file")] == "文件"


@pytest.mark.parametrize(
    ("errno_name", "said"),
    [("ENOENT", "没有这个文件或目录"), ("EACCES", "没有权限"), ("ENOSPC", "磁盘空间已满")],
)
def test_the_systems_refusal_of_a_file_is_said_in_chinese(errno_name, said):
    import errno

    from mediate.files import os_reason
    from mediate.i18n import in_language

    code = getattr(errno, errno_name)
    with in_language("zh_CN"):
        assert os_reason(OSError(code, os.strerror(code), "x")) == said
        assert os_reason(OSError(errno.EXDEV, "cross-device", "x")) == "系统拒绝了此操作（EXDEV）"


def test_a_missing_file_to_read_is_said_in_chinese(provoked):
    said = {
        " ".join(path): stderr
        for path, _names, args, _code, stderr in provoked
        if args and args[-1].endswith("已有.txt.无")
    }
    assert "没有这个文件或目录" in said["causes import"]
    assert "没有这个文件或目录" in said["rules check"]
    english = {where: text for where, text in said.items() if "No such file" in text}
    assert not english, english


def test_every_option_metavar_is_in_chinese():
    """An option's value is named in the Chinese help by its label (helplayout.
    metavar_labels, the table arguments are named by too): `--on 日期`, `--filter 条件=值`,
    `--db 地址|路径`, never `DATE`, `KEY=VALUE`, `URL|PATH` — in every command and in the
    global options of `mediate --help`."""
    import typer

    from mediate.helplayout import translate_terms
    from mediate.i18n import in_language
    from mediate.typer_app import app
    from tests.e2e.test_wrong_arguments import leaf_commands

    root = typer.main.get_command(app)
    commands = [((), root), *leaf_commands()]
    terms = {}
    with in_language("zh_CN"):
        for path, command in commands:
            ctx = root.make_context("mediate", [], resilient_parsing=True)
            for param in command.params:
                if param.param_type_name != "option":
                    continue
                record = param.get_help_record(ctx)
                if record is None or param.is_flag:
                    continue
                term = translate_terms(record[0])
                terms[(*path, param.opts[-1])] = term
    assert len(terms) > 100
    flags = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
    english = {
        where: term
        for where, term in terms.items()
        if re.search("[A-Za-z]", flags.sub("", term).replace("<", "").replace(">", ""))
    }
    assert not english, english
    assert terms[("doc", "batch", "--filter")] == "--filter 条件=值"
    assert terms[("--db",)] == "--db 地址|路径"
    assert terms[("case", "assign", "--on")] == "--on 日期"
