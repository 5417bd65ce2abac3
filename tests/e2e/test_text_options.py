"""Free text typed as a command option passes `screen_text` like every other way in: the
options go through one callback (`commands.common.screened`), and this test walks every
command so that no text option can be added without it."""

from __future__ import annotations

import typing
from typing import Any

import pytest

from tests.conftest import squash
from tests.e2e.test_wrong_arguments import leaf_commands

# Options and arguments that take a str but are no free text: each is parsed strictly by
# the command (dates, times, amounts, periods, formats, a KIND, FIELD=VALUE pairs checked
# as intake checks them, a database URL or role, a follow-up of the closed set
# outcome's own callback parses) and refused when it does not parse.
STRUCTURED = {
    "--on", "--at", "--from", "--to", "--received", "--perform-by", "--effective-on",
    "--as-of", "--date", "--amount", "--period", "--format", "--revision", "--version",
    "--set", "--add-party", "--filter", "--case", "--db-role", "--password-env", "--role",
    "--follow-up", "kind",
}  # fmt: skip
# `--to` is a date in report/export/case list, a database URL in `db copy`; in `case
# transfer` it names a body, and is free text there.
FREE_TEXT_EVEN_SO = {("case", "transfer", "--to")}


def _is_text(param: Any) -> bool:
    annotation = param.type_descriptor.annotation
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is list and args:
        annotation = args[0]
    return annotation is str


def _name(param: Any) -> str:
    return param.opts[0] if param.opts and param.opts[0].startswith("-") else param.name


def text_parameters() -> list[tuple[tuple[str, ...], str, Any]]:
    found = []
    for path, command in leaf_commands():
        for param in command.params:
            if getattr(param, "type_descriptor", None) is not None and _is_text(param):
                found.append((path, _name(param), param))
    return found


def test_every_free_text_option_passes_the_screen():
    unscreened = []
    for path, name, param in text_parameters():
        callback = getattr(param, "callback", None)
        if getattr(callback, "screens_text", False):
            continue
        if callback is not None and callback.__qualname__.startswith("choice."):
            continue  # a closed set: only its codes and labels get through
        if name in STRUCTURED and (*path, name) not in FREE_TEXT_EVEN_SO:
            continue
        unscreened.append(" ".join((*path, name)))
    assert not unscreened, f"text options without screened(): {unscreened}"


def test_the_walk_sees_the_options_the_gaps_were_found_in():
    seen = {" ".join((*path, name)) for path, name, _param in text_parameters()}
    for option in (
        "visit --note",
        "case reopen --reason",
        "session schedule --place",
        "credit report --basis",
        "outcome --terms",
        "case transfer --to",
    ):
        assert option in seen, option


@pytest.mark.parametrize(
    "args",
    [
        ["visit", "1", "--note", "回访\x1b[31m"],
        ["case", "reopen", "1", "--reason", "误结\x07", "--yes"],
        ["credit", "report", "1", "--basis", "征信\x7f", "--yes"],
        ["session", "schedule", "1", "--at", "2026-12-10 09:30", "--place", "调解室\x1b"],
        ["outcome", "1", "failed", "--reason", "\x1b", "--yes"],
    ],
    ids=["visit", "reopen", "credit", "session", "outcome"],
)
def test_a_control_character_in_an_option_is_a_usage_error_naming_it(sqlite_db, cli, args):
    result = cli(["--db", sqlite_db.url, "--no-input", *args])
    assert result.exit_code == 2, result.output
    message = squash(result.stderr)
    option = next(a for a in args if a.startswith("--") and a not in ("--at", "--yes"))
    assert squash(f"Invalid value for '{option}': holds the control character U+") in message


def test_a_place_longer_than_its_column_is_refused_and_line_breaks_fold(sqlite_db, cli):
    from mediate.commands.common import screened

    place = screened("mediation_sessions.place")
    assert place("解放区\r\n人民调解委员会\u2028调解室") == "解放区 人民调解委员会 调解室"
    assert screened(lines=True)("第一行\r\n第二行\x0c") == "第一行\n第二行\n"
    result = cli(
        ["--db", sqlite_db.url, "session", "schedule", "1", "--at", "2026-12-10 09:30",
         "--place", "调" * 301]
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert squash("301 characters, longer than the 300 this field holds") in squash(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["mediator", "add", "--org", "jz-jfq-court-center", "--name", "{value}"],
        ["clerk", "add", "{value}"],
        ["case", "reopen", "1", "--reason", "{value}", "--yes"],
        ["session", "move", "1", "--at", "2026-12-10 09:30", "--reason", "{value}"],
        ["session", "cancel", "1", "--reason", "{value}"],
    ],
    ids=["mediator-name", "clerk-name", "reopen-reason", "move-reason", "cancel-reason"],
)
@pytest.mark.parametrize("value", ["", " ", "调" * 10_001])
def test_an_empty_or_too_long_required_text_is_a_usage_error_naming_it(sqlite_db, cli, args, value):
    """Review of 2026-12-02: `mediator add --name ""` exited 1 but a 500-character name 2.
    Both are typed values (README: exit 2), refused in Chinese naming the option."""
    typed = [a.format(value=value) for a in args]
    result = cli(["--db", sqlite_db.url, "--no-input", *typed], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    said = squash(result.stderr)
    option = next((a for a in args if a in ("--name", "--reason")), "姓名")
    assert f"“{option}”的取值无效" in said, said
    assert ("不能为空" if not value.strip() else "超过该字段可容纳") in said, said
