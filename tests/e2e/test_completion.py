"""Shell completion: `mediate --install-completion` / `--show-completion` for bash and zsh.

Typer detects the shell itself; `_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION` lets a test
name it instead (the options then take the shell as their value)."""

import os
import subprocess
import sys

import pytest


def mediate(*args: str, home: str | None = None, **env: str) -> subprocess.CompletedProcess:
    full = dict(os.environ, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1", **env)
    if home:
        full["HOME"] = home
    return subprocess.run(
        [sys.executable, "-m", "mediate", *args], env=full, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o default -F _mediate_completion mediate"), ("zsh", "#compdef mediate")],
)
def test_a_completion_script_is_generated(shell, marker):
    result = mediate("--show-completion", shell)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    assert f"_MEDIATE_COMPLETE=complete_{shell}" in result.stdout


@pytest.mark.parametrize(("shell", "rc_file"), [("bash", ".bashrc"), ("zsh", ".zshrc")])
def test_install_completion_writes_the_script_and_loads_it(shell, rc_file, tmp_path):
    from pathlib import Path

    result = mediate("--install-completion", shell, home=str(tmp_path))
    assert result.returncode == 0, result.stderr
    installed = Path(result.stdout.split("installed in ")[1].split()[0])
    assert installed.is_relative_to(tmp_path)
    assert f"_MEDIATE_COMPLETE=complete_{shell}" in installed.read_text()
    assert (tmp_path / rc_file).exists()  # the shell's start-up file now loads it


def test_bash_completes_command_names():
    result = mediate(_MEDIATE_COMPLETE="complete_bash", COMP_WORDS="mediate ca", COMP_CWORD="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["case", "causes"]


def test_zsh_completes_subcommands():
    result = mediate(_MEDIATE_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="mediate case li")
    assert result.returncode == 0, result.stderr
    assert '"list"' in result.stdout


def test_an_options_former_names_are_not_completed_but_still_work():
    """`--org-id` is `--body`'s former name (helplayout.FORMER_NAMES): left out of the
    completions as of the help page; `mediator add --org` (its only name) is completed."""
    words = {"COMP_CWORD": "3", "_MEDIATE_COMPLETE": "complete_bash"}
    offered = mediate(COMP_WORDS="mediate export cases --", **words)
    assert offered.returncode == 0, offered.stderr
    assert "--body" in offered.stdout.split()
    assert not {"--org-id", "--org"} & set(offered.stdout.split())
    alone = mediate(COMP_WORDS="mediate mediator add --o", **words)
    assert alone.stdout.split() == ["--org"]
