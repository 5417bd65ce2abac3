"""The layering of DESIGN.md §1, enforced."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mediate"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_under(*parts: str) -> list[Path]:
    base = PACKAGE.joinpath(*parts)
    return sorted(base.rglob("*.py")) if base.is_dir() else []


@pytest.mark.parametrize("layer", ["domain", "routing"])
def test_pure_layers_import_no_store_cli_or_rich(layer):
    forbidden = (
        "mediate.store",
        "mediate.cli",
        "mediate.commands",
        "mediate.console",
        "rich",
        "sqlalchemy",
        "sqlmodel",
    )
    for path in modules_under(layer):
        for name in imports_of(path):
            assert not name.startswith(forbidden), f"{path.name} imports {name}"


def test_only_console_imports_rich():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "console.py":
            continue
        bad = [n for n in imports_of(path) if n == "rich" or n.startswith("rich.")]
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_commands_contain_no_sql():
    for path in modules_under("commands"):
        text = path.read_text(encoding="utf-8")
        for word in ("select(", "session.exec", 'text("', "INSERT ", "UPDATE "):
            assert word not in text, f"{path.name} contains SQL ({word})"
