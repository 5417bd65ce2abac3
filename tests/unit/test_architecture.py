"""The layering of DESIGN.md §1, enforced."""

import ast
import re
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
    """Nor a layer above them, at the top or inside a function (the domain knows the
    titles of the papers; documents/ builds on them, not the other way)."""
    forbidden = (
        "mediate.services",
        "mediate.documents",
        "mediate.intake",
        "mediate.reports",
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
    import re

    # a word, not the end of another name (pgettext(" is a translation, not text(")
    sql = re.compile(r'(?<!\w)(select\(|text\(")|session\.exec|INSERT |UPDATE ')
    for path in modules_under("commands"):
        found = sql.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name} contains SQL ({found and found.group()})"


def service_imports(path: Path) -> set[str]:
    """The services a service module imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "mediate.services":
                names = [f"mediate.services.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        else:
            continue
        for name in names:
            if name.startswith("mediate.services."):
                found.add(name.split(".")[2])
    return found - {path.stem}


def import_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle in `graph` (module -> modules it imports), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_import_cycle_finder_finds_a_circle():
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_services_import_no_circle():
    """Issue 15: the case store is one floor down; no service imports one that imports it
    back (lazily inside a function counts too: it is the same knot)."""
    graph = {p.stem: service_imports(p) for p in modules_under("services")}
    assert import_cycle(graph) is None, " -> ".join(import_cycle(graph) or [])


def test_services_share_one_case_store():
    """load_case / update_case / today live in services/casestore.py only."""
    for path in modules_under("services"):
        if path.name == "casestore.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert not defined & {"load_case", "update_case", "today", "jsonable"}, path.name


def test_no_sqlite_pragmas_in_services():
    for path in modules_under("services"):
        assert "PRAGMA" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("layer", ["commands", "services"])
def test_no_database_driver_above_the_store(layer):
    """Driver errors (a held lock, a damaged file) are turned into the project's errors by
    the store (store/dbapi.py, store/failures.py), for every path alike: no command or
    service imports the driver to catch them itself."""
    offenders = [
        f"{path.name}:{node.lineno}"
        for path in modules_under(layer)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        )
        if name and name.split(".")[0] in ("sqlite3", "psycopg")
    ]
    assert offenders == []


def _reads_the_system_clock(node: ast.AST) -> bool:
    """`….now(…)`, `….today()`, `….utcnow()` on datetime/date, or `time.time()`."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    owner = ast.unparse(node.func.value)
    if node.func.attr in {"now", "today", "utcnow"}:
        return owner.split(".")[-1] in {"datetime", "date"}
    return node.func.attr == "time" and owner == "time"


def test_only_the_clock_module_reads_the_system_clock():
    # Issue 21: a date taken from the system clock anywhere else escapes the test suite's
    # fixed clock, and a test that passes today fails on a later day.
    offenders = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in modules_under()
        if path.name != "clock.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if _reads_the_system_clock(node)
    ]
    assert offenders == []


def _jinja_entry_points(path: Path) -> list[str]:
    """Ways into Jinja other than the sandbox: an environment or template class imported,
    or a DocxTemplate rendered (docxtpl makes a plain Environment when given none)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docx_templates = {  # names bound to DocxTemplate(...) anywhere in the module
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and "DocxTemplate(" in ast.unparse(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    } | {
        f"self.{target.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and "DocxTemplate(" in ast.unparse(node.value)
        for target in node.targets
        if isinstance(target, ast.Attribute)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("jinja2"):
            found += [
                f"imports {a.name}"
                for a in node.names
                if a.name.endswith("Environment") or a.name == "Template"
            ]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr.startswith("render")
            and (
                ast.unparse(node.func.value) in docx_templates
                or "DocxTemplate(" in ast.unparse(node.func.value)
            )
        ):
            found.append(ast.unparse(node))
    return found


def test_every_template_goes_through_the_one_sandbox():
    """Issue #12: `documents.sandbox` is the only door to Jinja (case documents, the white
    paper, any future template)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() == "documents/sandbox.py":
            continue
        assert not _jinja_entry_points(path), (
            f"{path.relative_to(PACKAGE)}: {_jinja_entry_points(path)}; "
            "use mediate.documents.sandbox.template_environment() / render_docx()"
        )


def test_every_spreadsheet_writer_goes_through_mediate_cells():
    """Issue #12: CSV and XLSX cells are written by `mediate.cells` (never a formula)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        writes = "csv.writer(" in text or ("Workbook(" in text and ".append(" in text)
        if writes and path.name != "cells.py":
            assert "from mediate.cells import" in text, f"{path.relative_to(PACKAGE)}"


def test_every_yaml_file_is_read_by_the_one_safe_loader():
    """Issue #12: `mediate.safeyaml` (alias expansion, node count and depth capped) is the
    only way YAML is read."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "safeyaml.py":
            continue
        text = path.read_text(encoding="utf-8")
        found = re.findall(r"\byaml\.\w*(?:load|compose)\w*\(|SafeLoader\(|CLoader", text)
        assert not found, f"{path.relative_to(PACKAGE)} calls {found}"
