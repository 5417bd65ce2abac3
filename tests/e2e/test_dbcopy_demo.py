"""Done when: `db copy` moves the demo database into PostgreSQL and `report funnel` gives
identical figures on both."""

from __future__ import annotations

import json

import pytest

from mediate.services.demo import run_demo
from tests.conftest import pg_unavailable_reason

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_url():
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    from tests.conftest import _fresh_pg_database

    yield from _fresh_pg_database()


def test_the_demo_database_moves_to_postgresql_with_identical_reports(pg_url, cli, tmp_path):
    demo = run_demo(tmp_path / "demo", "演示书记员", lambda _line: None)
    desk = str(demo.database)

    copied = cli(["--db", desk, "db", "copy", "--to", pg_url, "--json"])
    assert copied.exit_code == 0, copied.output
    assert json.loads(copied.stdout)["verified"] is True

    for report in (["report", "funnel"], ["report", "orgs"], ["case", "list"]):
        on_sqlite = cli(["--db", desk, "--json", *report])
        on_postgresql = cli(["--db", pg_url, "--json", *report])
        assert on_sqlite.exit_code == on_postgresql.exit_code == 0, on_postgresql.output
        assert json.loads(on_sqlite.stdout) == json.loads(on_postgresql.stdout), report
    funnel = json.loads(cli(["--db", pg_url, "--json", "report", "funnel"]).stdout)
    assert funnel["total"]["closed"] > 0
