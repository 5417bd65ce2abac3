"""Every command has help, in both languages (in the spirit of sqlite-utils' test_docs)."""

import os
import subprocess
import sys

import typer

from mediate.cli import app


def all_commands(group=None, prefix=()):
    command = group or typer.main.get_command(app)
    for name, sub in getattr(command, "commands", {}).items():
        yield (*prefix, name), sub
        yield from all_commands(sub, (*prefix, name))


def test_every_command_has_help_text():
    missing = [" ".join(path) for path, cmd in all_commands() if not (cmd.help or "").strip()]
    assert not missing, f"commands without help: {missing}"


def test_every_command_answers_help(cli):
    for path, _cmd in all_commands():
        result = cli([*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.stdout


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
