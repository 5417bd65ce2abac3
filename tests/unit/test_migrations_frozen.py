"""Migrations carry frozen copies of what they install (no database needed: runs in the
SQLite-only run too, `pytest -m "not pg"`)."""

from pathlib import Path

import mediate.store

VERSIONS = Path(mediate.store.__file__).parent / "migrations" / "versions"


# What a migration may import of the package: the column types its tables are declared
# with (alembic writes `mediate.store.types.UTCDateTime(...)` into the revisions). Nothing
# else: rls.py, case_numbers.py … change, and an old revision must do what it did.
FRAMEWORK = {"mediate.store.types"}


def test_no_migration_imports_any_of_the_package_but_its_column_types():
    """A migration carries a frozen copy of what it installs or computes (review of
    2026-12-02: 0006 imported today's case_numbers.canonical_case_no)."""
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
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if (n == "mediate" or n.startswith("mediate."))
                and not any(n == ok or n.startswith(f"{ok}.") for ok in FRAMEWORK)
            ]
    assert offenders == []


def test_the_package_modules_migrations_import_today_are_the_column_types():
    """The allowance is exactly what the revisions use: widen it only for a new need."""
    import ast

    used = set()
    for path in sorted(VERSIONS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                used |= {a.name for a in node.names if a.name.startswith("mediate")}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mediate"):
                used.add(node.module)
    assert used == FRAMEWORK


def test_migration_0006_rewrites_case_numbers_as_it_did_when_written():
    """Its frozen copy, by written-out examples (法〔2015〕137号 art. 3)."""
    import importlib.util

    (path,) = VERSIONS.glob("0006_*.py")
    spec = importlib.util.spec_from_file_location("mediate_migration_0006", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    examples = {
        "(2026)豫0802民初1234号": "（2026）豫0802民初1234号",
        "〔2026〕豫0802民初7号": "（2026）豫0802民初7号",
        "【２０２６】豫 0802 民初 12 号": "（2026）豫0802民初12号",
        "（2026）豫0802民初1234号": "（2026）豫0802民初1234号",
        "2026豫0802民初1234号": None,
        "": None,
        "张三": None,
    }
    assert {text: module.canonical_case_no(text) for text in examples} == examples
