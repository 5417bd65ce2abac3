"""`mediate report funnel` on the light entry (mediate/quick.py): the same stdout, stderr
and exit code as the full Typer app, for the options and filters it takes and for a clerk
who sees one body. (That it imports no SQLAlchemy, SQLModel, pydantic or Typer: the
light entry's own test, tests/e2e/test_quick_entry.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mediate.services.demo import run_demo
from tests.e2e.test_quick_entry import _both, _run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = run_demo(tmp_path_factory.mktemp("demo"), "演示管理员", lambda _line: None)
    return result.database


FUNNELS = [
    ["report", "funnel"],
    ["report", "funnel", "--json"],
    ["--json", "report", "funnel", "--period", "2026H2"],
    ["report", "funnel", "-p", "2026"],
    ["report", "funnel", "--period=2026Q4", "--county", "解放区"],
    ["report", "funnel", "--county", "410882", "--source", "委托"],
    ["report", "funnel", "--from", "2026-01-01", "--to", "2026年12月31日", "--csv"],
    ["report", "funnel", "--csv", "--raw"],
    ["report", "funnel", "--period", "2025"],
    ["report", "funnel", "--period", "2026H3"],
    ["report", "funnel", "--from", "2026-12-01", "--to", "2026-01-01"],
    ["report", "funnel", "--county", "孟州市", "-p", "2026"],
]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_light_and_the_full_entry_print_the_same_funnel(demo_db, tmp_path, language):
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    env = {"MEDIATE_LANG": language, "MEDIATE_DB": str(db), "MEDIATE_CLERK": "演示管理员"}
    for args in FUNNELS:
        light, full = _both(args, env)
        assert light is not None, args  # the light entry takes every one of them
        assert (light.exit_code, light.stdout, light.stderr) == (
            full.exit_code,
            full.stdout,
            full.stderr,
        ), args
    assert _both(["report", "funnel", "--json"], env)[1].exit_code == 0


def test_a_clerk_s_funnel_counts_their_body_on_both_entries(demo_db, tmp_path):
    from tests.conftest import invoke

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    admin = ["--db", str(db), "--clerk", "管理员"]
    assert invoke([*admin, "clerk", "add", "管理员", "--role", "admin"]).exit_code == 0
    assert invoke([*admin, "clerk", "add", "李书记员", "--org", "jz-410800-finance"]).exit_code == 0
    env = {"MEDIATE_LANG": "zh", "MEDIATE_DB": str(db)}
    for clerk in ("管理员", "李书记员", "无名氏"):
        light, full = _both(["--clerk", clerk, "report", "funnel", "--json"], env)
        assert light is not None, clerk
        assert (light.exit_code, light.stdout, light.stderr) == (
            full.exit_code,
            full.stdout,
            full.stderr,
        ), clerk
    from mediate.cli import run

    everyone = _run(run, ["--clerk", "管理员", "--json", "report", "funnel"], env)
    clerk = _run(run, ["--clerk", "李书记员", "--json", "report", "funnel"], env)
    assert everyone is not None and clerk is not None
    assert '"orgs": [\n      "jz-410800-finance"\n    ]' in clerk.stdout
    assert everyone.stdout != clerk.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["report", "funnel", "--xlsx", "out.xlsx"],  # a file written: the full app
        ["report", "funnel", "--period"],
        ["report", "funnel", "--source", "nonsense"],
        ["report", "funnel", "--county", "419999"],
        ["report", "funnel", "--help"],
        ["report", "orgs"],
        ["report"],
    ],
)
def test_files_usage_errors_and_other_reports_go_to_the_full_app(args):
    from mediate.quick import parse

    assert parse(args) is None
