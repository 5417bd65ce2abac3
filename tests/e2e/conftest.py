"""Scaffolding shared by the end-to-end tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Database, Result, invoke

RuleCase = tuple[str, str, str]
"""A rule test: its name, its `expect` (a YAML flow mapping) and its dispute (YAML)."""


@pytest.fixture
def rule_tests(tmp_path: Path) -> Callable[..., tuple[Path, Result]]:
    """`rule_tests(*cases)` writes a rules test file of `cases` (each a RuleCase), runs
    `mediate rules test` on it and returns the file and the result. The file reads
    `cases:`, then for each case `  - name:` (line 2 for the first), `    expect:`,
    `    case:` and the dispute indented by six spaces, so tests can name a line and column."""

    def run(*cases: RuleCase) -> tuple[Path, Result]:
        lines = ["cases:"]
        for name, expect, dispute in cases:
            lines += [f"  - name: {name}", f"    expect: {expect}", "    case:"]
            lines += ["      " + line for line in dispute.splitlines()]
        path = tmp_path / "t.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path, invoke(["rules", "test", str(path)])

    return run


@pytest.fixture
def db(initialised: Database) -> str:
    """The URL of an initialised database (on each backend)."""
    return initialised.url


@pytest.fixture
def imported_csv(db: str, tmp_path: Path) -> Callable[[str, str], Path]:
    """`imported_csv(name, text)` writes the CSV `text` to `name` in tmp_path, imports it
    into `db` in Chinese, asserts that every row was taken and returns the file."""

    def run(name: str, text: str) -> Path:
        sheet = tmp_path / name
        sheet.write_text(text, encoding="utf-8")
        result = invoke(["--db", db, "import", str(sheet)], env={"MEDIATE_LANG": "zh"})
        assert result.exit_code == 0, result.output
        return sheet

    return run
