"""Issue #12, item 8: exit 3 ("unexpected error") is for bugs only. Every command, driven
with obviously wrong arguments — a directory or a binary file where a file is expected,
an id that does not exist, a word where a number is — must end in 0, 1, 2 or 130, never 3.
"""

from __future__ import annotations

import enum
import os
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Commands too slow or too side-effecting to run blind; each has its own tests.
SKIP = {("demo",)}


def leaf_commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    from mediate.typer_app import COMMANDS, load_commands

    def walk(path: tuple[str, ...], command: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                yield from walk((*path, name), child)
        else:
            yield path, command

    seen: set[tuple[str, ...]] = set()
    for name in COMMANDS:
        for built, command in load_commands(name).items():
            for path, leaf in walk((built,), command):
                if path not in seen and path not in SKIP:
                    seen.add(path)
                    yield path, leaf


def _annotation(param: Any) -> Any:
    annotation = param.type_descriptor.annotation
    args = typing.get_args(annotation)
    return args[0] if typing.get_origin(annotation) is list and args else annotation


def _is_path(param: Any) -> bool:
    return _annotation(param) is Path


def _wrong_value(param: Any, path_value: str) -> str:
    annotation = _annotation(param)
    if annotation is Path:
        return path_value
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return str(next(iter(annotation)).value)
    if annotation is int:
        return "999999"
    if annotation is float:
        return "-1"
    return "不存在的值"


def arguments(command: Any, path_value: str) -> list[str]:
    """The command's arguments and required options, each given a wrong value; every
    option that takes a file or directory given `path_value`."""
    args: list[str] = []
    for param in command.params:
        if param.param_type_name == "argument":
            count = param.nargs if param.nargs > 0 else 1
            args.extend(_wrong_value(param, path_value) for _ in range(count))
        elif not getattr(param, "is_flag", False) and (param.required or _is_path(param)):
            args.extend([param.opts[0], _wrong_value(param, path_value)])
    return args


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> dict[str, str]:
    from tests.conftest import invoke

    root = tmp_path_factory.mktemp("wrong")
    db = root / "mediate.db"
    assert invoke(["--db", str(db), "init"]).exit_code == 0
    binary = root / "binary.yaml"
    binary.write_bytes(bytes(range(256)) * 16)
    directory = root / "a-directory"
    directory.mkdir()
    under_a_file = root / "binary.yaml" / "x.csv"
    return {
        "db": str(db),
        "directory": str(directory),
        "binary": str(binary),
        "under_a_file": str(under_a_file),
        "missing": str(root / "missing" / "nothing.yaml"),
    }


COMMANDS = sorted(leaf_commands(), key=lambda item: item[0])


@pytest.mark.parametrize("kind", ["directory", "binary", "under_a_file", "missing"])
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _c in COMMANDS])
def test_no_command_ends_in_an_unexpected_error_on_wrong_arguments(
    desk, cli, path, command, kind, monkeypatch, tmp_path
):
    monkeypatch.setenv("MEDIATE_LOCK_TIMEOUT", "1")
    monkeypatch.chdir(tmp_path)  # `db copy --to 不存在的值` makes that SQLite file here
    args = ["--db", desk["db"], "--no-input", *path, *arguments(command, desk[kind])]
    result = cli(args, input="")
    assert result.exit_code != 3, f"mediate {' '.join(args)}\n{result.output}"
    assert "Unexpected error" not in result.output
    assert os.path.exists(desk["db"])


# --- the cases issue #12 names, one test each ----------------------------------------

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.fixture
def initialised_desk(cli, tmp_path) -> list[str]:
    db = tmp_path / "mediate.db"
    assert cli(["--db", str(db), "init"]).exit_code == 0
    assert (
        cli(
            ["--db", str(db), "case", "add", "--file", str(SAMPLES / "disputes" / "finance.yaml")]
        ).exit_code
        == 0
    )
    return ["--db", str(db)]


def said(result) -> str:
    """stderr with the console's line wrapping undone."""
    return " ".join(result.stderr.split())


def _cases(cli, db: list[str]) -> int:
    import json

    return json.loads(cli([*db, "--json", "case", "list"]).stdout)["total"]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "cases", "-o", "{dir}"],
        ["export", "credit", "-o", "{dir}"],
        ["report", "funnel", "--xlsx", "{dir}"],
        ["report", "whitepaper", "-o", "{dir}"],
        ["db", "backup", "{dir}"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_an_existing_directory_given_as_the_file_to_write_is_refused(
    cli, initialised_desk, tmp_path, command
):
    result = cli([*initialised_desk, *(a.format(dir=tmp_path) for a in command)])
    assert result.exit_code == 2, result.output  # a typed path that names no file: usage
    assert "is a directory: give the name of a file to write" in said(result)


@pytest.mark.parametrize(
    "command",
    [
        ["export", "cases", "-o", "{blocked}/cases.csv"],
        ["report", "orgs", "--xlsx", "{blocked}/orgs.xlsx"],
        ["doc", "batch", "application", "-o", "{blocked}/docs"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_path_that_cannot_be_created_is_refused_before_any_work(
    cli, initialised_desk, tmp_path, command
):
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    result = cli([*initialised_desk, *(a.format(blocked=blocked) for a in command)])
    assert result.exit_code == 1, result.output
    assert "is a file, not a directory" in said(result)


def test_import_errors_to_a_directory_is_refused_before_importing_anything(
    cli, initialised_desk, tmp_path
):
    result = cli(
        [
            *initialised_desk,
            "import",
            str(SAMPLES / "messy-referrals.csv"),
            "--errors",
            str(tmp_path),
        ]
    )
    assert result.exit_code == 2, result.output
    assert "--errors: " in said(result)
    assert _cases(cli, initialised_desk) == 1


def test_doc_render_over_an_existing_file_is_refused(cli, initialised_desk, tmp_path):
    """-o names the .docx to write (or a directory): an existing one needs --force."""
    target = tmp_path / "exists.docx"
    target.write_bytes(b"x")
    result = cli([*initialised_desk, "doc", "render", "application", "1", "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert "exists; give --force to overwrite it" in said(result)
    assert target.read_bytes() == b"x"


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{binary}"],
        ["import", str(SAMPLES / "referrals-jiefang-gbk.csv"), "--mapping", "{binary}"],
        ["causes", "import", "{binary}", "--version", "2099"],
        ["rules", "check", "{binary}"],
        ["case", "add", "--file", "{binary}"],
        ["org", "import", "{binary}"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_binary_file_where_text_is_expected_is_refused(cli, initialised_desk, tmp_path, command):
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(bytes(range(256)) * 16)
    result = cli([*initialised_desk, *(a.format(binary=binary) for a in command)])
    assert result.exit_code == 1, result.output
    assert str(binary) in said(result).replace(" ", "")
