"""The framework's own words (Typer/Click/pydantic) in Chinese: every help page and the
usage errors a clerk meets. Help texts are made at import in the language of the process,
so the Chinese run is a subprocess."""

import json
import os
import re
import subprocess
import sys

import pytest

ENGLISH_FRAMEWORK_WORDS = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|required\]|\[default|"
    r"<str>|<int|<float|<list|<Path|<bool|Error:|Try '|Missing|Invalid value|No such|"
    r"Got unexpected|Input should|unable to parse|env var|x>=|x<="
)

WALK_ALL_HELP = """
import json, sys
import typer
from typer.testing import CliRunner
from mediate.cli import run
from mediate.typer_app import app

def walk(command, prefix, parent):
    ctx = typer.Context(command, info_name=prefix[-1] if prefix else "mediate", parent=parent)
    yield prefix
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            yield from walk(command.get_command(ctx, name), (*prefix, name), ctx)

pages = {}
for path in walk(typer.main.get_command(app), (), None):
    with CliRunner().isolation() as streams:
        code = run([*path, "--help"])
        pages[" ".join(path)] = [code, streams[0].getvalue().decode()]
print(json.dumps(pages, ensure_ascii=False))
"""

USAGE_ERRORS = [
    ["case", "lst"],
    ["cas"],
    ["case", "list", "--limit", "abc"],
    ["case", "list", "--limit", "0"],
    ["case", "list", "--statu", "x"],
    ["case", "list", "--status"],
    ["case", "show"],
    ["case", "show", "1", "2"],
    ["case", "transfer", "1"],
    ["report", "funnel", "--bogus"],
]

RUN_ERRORS = """
import json, sys
from typer.testing import CliRunner
from mediate.cli import run
out = []
for args in json.loads(sys.argv[1]):
    with CliRunner().isolation() as streams:
        code = run(args)
        out.append([args, code, streams[1].getvalue().decode()])
print(json.dumps(out, ensure_ascii=False))
"""


def _zh(code: str, *args: str) -> object:
    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="80")
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def zh_help_pages() -> dict[str, list]:
    return _zh(WALK_ALL_HELP)  # type: ignore[return-value]


def test_no_zh_help_page_holds_an_english_framework_word(zh_help_pages):
    assert len(zh_help_pages) > 40
    leftovers = {
        path: sorted(set(ENGLISH_FRAMEWORK_WORDS.findall(text)))
        for path, (code, text) in zh_help_pages.items()
        if ENGLISH_FRAMEWORK_WORDS.search(text)
    }
    assert not leftovers, leftovers
    assert all(code == 0 for code, _text in zh_help_pages.values())


def test_zh_help_has_chinese_headings_and_notes(zh_help_pages):
    page = zh_help_pages["case list"][1]
    assert page.startswith("用法：mediate case list [选项]")
    assert "选项：" in page
    assert "显示本帮助并退出。" in page
    assert "[默认：50；1 至 1000000000]" in page
    assert "<整数>" in page


def test_zh_help_lists_each_commands_help_whole_within_80_columns(zh_help_pages):
    listing = zh_help_pages[""][1].split("命令：")[1]
    assert "..." not in listing
    assert "导入法院委派案件表格（UTF-8/GBK/GB18030 编码的 CSV，或 XLSX）" in listing
    from mediate.textwidth import cell_width

    too_wide = {
        path: line
        for path, (_code, page) in zh_help_pages.items()
        for line in page.splitlines()
        if cell_width(line) > 80
    }
    assert not too_wide, too_wide


def test_usage_errors_are_chinese_and_exit_2():
    results = _zh(RUN_ERRORS, json.dumps(USAGE_ERRORS))
    for args, code, stderr in results:  # type: ignore[attr-defined]
        assert code == 2, (args, stderr)
        assert not ENGLISH_FRAMEWORK_WORDS.search(stderr), (args, stderr)
    by_args = {" ".join(args): stderr for args, _code, stderr in results}  # type: ignore[attr-defined]
    # Chinese quotes, never ASCII ones, around what the clerk typed or must type
    assert "没有命令“lst”。您是否要用 “list”？" in by_args["case lst"]
    assert "“--limit”的取值无效：“abc” 不是整数。" in by_args["case list --limit abc"]
    assert "缺少参数“编号”。" in by_args["case show"]
    assert "多余的参数：2。" in by_args["case show 1 2"]
    assert "用法：mediate case show [选项] 编号\n" in by_args["case show"]  # not {编号}
