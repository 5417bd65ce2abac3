"""mediate run with a clerk's own PostgreSQL login: it acts as that clerk, and the database
holds it to the clerk's body."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from mediate.store.engine import make_engine
from tests.conftest import _fresh_pg_database, pg_unavailable_reason

pytestmark = pytest.mark.pg

VILLAGE_ROOM = "jz-410802009901-village-room"
OTHER_ROOM = "jz-410802006901-village-room"
HEADER = "案号,案由,标的额,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型"


@pytest.fixture
def pg(cli):
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    roles = [f"mt_{uuid.uuid4().hex[:10]}", f"mt_{uuid.uuid4().hex[:10]}"]
    for url in _fresh_pg_database():
        assert cli(["--db", url, "init"]).exit_code == 0
        yield url, roles
        engine = make_engine(url)
        with engine.begin() as conn:
            for role in roles:
                conn.execute(text(f"DROP OWNED BY {role}"))
        with engine.begin() as conn:
            for role in roles:
                conn.execute(text(f"DROP ROLE {role}"))
        engine.dispose()


def as_login(url: str, role: str) -> str:
    return make_url(url).set(username=role).render_as_string(hide_password=False)


def test_a_clerk_login_imports_as_its_clerk_and_another_bodys_login_sees_none_of_it(
    pg, cli, tmp_path
):
    url, (wang, li) = pg
    admin = ["--db", url, "--clerk", "管理员"]
    assert cli([*admin, "clerk", "add", "管理员", "--role", "admin"]).exit_code == 0
    added = cli([*admin, "clerk", "add", "王书记员", "--org", VILLAGE_ROOM, "--db-role", wang])
    assert added.exit_code == 0, added.output
    assert cli([*admin, "clerk", "add", "李书记员", "--org", OTHER_ROOM]).exit_code == 0
    granted = cli([*admin, "db", "grant", "李书记员", "--role", li])
    assert granted.exit_code == 0, granted.output
    assert f"Created the login {li} for 李书记员" in granted.stderr
    sheet = tmp_path / "referrals.csv"
    rows = [
        f"（2026）豫0802民初{n}号,民间借贷纠纷,5000,自行受理,2026-11-02,410802009901,"
        f"张{n},自然人,李{n},自然人"
        for n in range(1, 4)
    ]
    sheet.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")

    imported = cli(["--db", as_login(url, wang), "--clerk", "冒名者", "import", str(sheet)])
    assert imported.exit_code == 0, imported.output

    mine = json.loads(cli(["--db", as_login(url, wang), "--json", "case", "list"]).stdout)
    theirs = json.loads(cli(["--db", as_login(url, li), "--json", "case", "list"]).stdout)
    history = json.loads(
        cli(["--db", as_login(url, wang), "--json", "case", "history", "1"]).stdout
    )
    assert (mine["total"], theirs["total"]) == (3, 0)
    assert {event["clerk"] for event in history} == {"王书记员"}
    refused = cli(["--db", as_login(url, li), "case", "show", "1"])
    assert refused.exit_code == 1
