"""Migrations carry frozen copies of what they install (no database needed: runs in the
SQLite-only run too, `pytest -m "not pg"`)."""

from pathlib import Path

import mediate.store

VERSIONS = Path(mediate.store.__file__).parent / "migrations" / "versions"


def test_no_migration_runs_or_imports_todays_rls_py():
    """A migration carries a frozen copy of what it installs; store/rls.py changes."""
    import ast

    assert len(list(VERSIONS.glob("0*.py"))) >= 16
    offenders = []
    for path in sorted(VERSIONS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("mediate.store.rls")]
    assert offenders == []
