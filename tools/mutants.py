"""Mutation testing for the modules where a silent bug hurts a person most.

    python tools/mutants.py                 # every module below, every mutant
    python tools/mutants.py --module ids    # one module
    python tools/mutants.py --limit 20      # at most 20 mutants per module (spread evenly)

Each mutant is one small change to the source — a comparison flipped, a boolean operator
swapped, a `not` dropped, a number moved by one, a returned True/False inverted — plus the
named mutants of issue 21 (bugs that once passed the whole suite). For each, the module's
own tests run in a scratch copy of the tree; a mutant the tests do not notice "survives".
The score (killed / all) and the survivors go to tests/MUTANTS.md by hand after a run:
a survivor is either a missing test or an equivalent mutant, and the note says which.

Not part of CI (a full run takes many minutes); run it after changing these modules.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    module: str  # path under the repository
    tests: tuple[str, ...]  # the tests that guard it


TARGETS = {
    "deadlines": Target(
        "mediate/domain/deadlines.py",
        ("tests/unit/test_deadlines_calendar.py", "tests/unit/test_domain_values.py"),
    ),
    "confirmation": Target(
        "mediate/domain/confirmation.py",
        ("tests/unit/test_confirm_rules.py",),
    ),
    "ids": Target(
        "mediate/intake/values.py",
        ("tests/unit/test_intake_values.py", "tests/unit/test_import_rows.py"),
    ),
    "access": Target(
        "mediate/services/access.py",
        ("tests/integration/test_access.py", "tests/integration/test_access_wiring.py"),
    ),
    "capitals": Target(
        "mediate/documents/chinese.py",
        ("tests/unit/test_doc_chinese.py",),
    ),
}

# Bugs that each passed the whole suite once (issue 21 item 4): (module key, before, after).
NAMED = [
    (
        "ids",
        "    if not ric_checksum_ok(number):",
        '    if not ric_checksum_ok(number) and number[17] != "X":',
    ),
    (
        "access",
        "    if case.org_id is None:\n        return case.created_by == who.clerk",
        "    if case.org_id is None:\n        return True",
    ),
]

_FLIP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


@dataclass(frozen=True)
class Mutant:
    line: int
    what: str
    source: str  # the whole mutated module


def _mutation_points(tree: ast.Module) -> list[tuple[ast.AST, str]]:
    points: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in _FLIP:
            points.append((node, "flip comparison"))
        elif isinstance(node, ast.BoolOp):
            points.append((node, "swap and/or"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            points.append((node, "drop not"))
        elif (
            isinstance(node, ast.Constant)
            and type(node.value) is int
            and not isinstance(node.value, bool)
        ):
            points.append((node, "number + 1"))
        elif (
            isinstance(node, ast.Return)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, bool)
        ):
            points.append((node, "invert returned bool"))
    return points


def _docstring_nodes(tree: ast.Module) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _mutate(node: ast.AST, what: str) -> None:
    if isinstance(node, ast.Compare):
        node.ops[0] = _FLIP[type(node.ops[0])]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.Constant):
        node.value = node.value + 1
    elif isinstance(node, ast.Return) and isinstance(node.value, ast.Constant):
        node.value.value = not node.value.value


def generated_mutants(source: str) -> list[Mutant]:
    mutants: list[Mutant] = []
    count = len(_mutation_points(ast.parse(source)))
    for index in range(count):
        tree = ast.parse(source)
        skip = _docstring_nodes(tree)
        node, what = _mutation_points(tree)[index]
        if id(node) in skip:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.UnaryOp):
            # `not x` -> `x`: replace the node in its parent
            for parent in ast.walk(tree):
                for field, value in ast.iter_fields(parent):
                    if value is node:
                        setattr(parent, field, node.operand)
                    elif isinstance(value, list) and node in value:
                        value[value.index(node)] = node.operand
        else:
            _mutate(node, what)
        mutants.append(Mutant(line, what, ast.unparse(tree)))
    return mutants


def named_mutants(key: str, source: str) -> list[Mutant]:
    found = []
    for module, before, after in NAMED:
        if module != key:
            continue
        if before not in source:
            raise SystemExit(f"named mutant no longer applies to {key}: {before!r}")
        line = source[: source.index(before)].count("\n") + 1
        found.append(Mutant(line, f"named: {after.strip()!r}", source.replace(before, after, 1)))
    return found


def killed(scratch: Path, target: Target, mutant: Mutant) -> bool:
    (scratch / target.module).write_text(mutant.source, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(scratch), "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *target.tests],
        cwd=scratch,
        env=env,
        capture_output=True,
        timeout=900,
    )
    return run.returncode != 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", choices=sorted(TARGETS), action="append")
    parser.add_argument("--limit", type=int, default=0, help="mutants per module (0: all)")
    parser.add_argument("--named-only", action="store_true", help="only the named mutants")
    args = parser.parse_args()
    keys = args.module or sorted(TARGETS)
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        scratch = Path(tmp) / "tree"
        shutil.copytree(
            ROOT,
            scratch,
            ignore=shutil.ignore_patterns(".git", ".venv", "*.db", "__pycache__", "benchmarks"),
        )
        total_killed = total = 0
        for key in keys:
            target = TARGETS[key]
            original = (ROOT / target.module).read_text(encoding="utf-8")
            mutants = [] if args.named_only else generated_mutants(original)
            if args.limit and len(mutants) > args.limit:
                step = len(mutants) / args.limit
                mutants = [mutants[int(i * step)] for i in range(args.limit)]
            mutants = named_mutants(key, original) + mutants
            survivors = []
            for mutant in mutants:
                if not killed(scratch, target, mutant):
                    survivors.append(mutant)
            (scratch / target.module).write_text(original, encoding="utf-8")
            dead = len(mutants) - len(survivors)
            total_killed += dead
            total += len(mutants)
            print(f"{key}: {dead}/{len(mutants)} killed ({target.module})")
            for mutant in survivors:
                print(f"  survived: line {mutant.line}: {mutant.what}")
        print(f"score: {total_killed}/{total} = {total_killed / max(total, 1):.0%}")
        return 0 if total_killed == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
