"""`mediate clerk add|list|disable`, `db grant|copy|backup|restore`, driven through the CLI."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlmodel import Session

from mediate.store.engine import make_engine
from tests import factories

TOWNSHIP = "jz-test-township"
OTHER = "jz-test-other"


def seed(url: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        factories.org(
            session,
            TOWNSHIP,
            name="测试街道调处中心",
            kind="township_center",
            level="township",
            division_code="410802009",
        )
        factories.org(session, OTHER, name="测试另一中心", division_code="410811")
        factories.case(session, org_id=TOWNSHIP, court_case_no="测-1")
        factories.case(session, org_id=OTHER, court_case_no="测-2")
        session.commit()
    engine.dispose()


def test_clerks_are_added_listed_and_disabled(initialised, cli):
    db = ["--db", initialised.url]
    seed(initialised.url)
    assert cli([*db, "clerk", "list"]).stderr.startswith("No clerks are registered")

    first = cli([*db, "clerk", "add", "王书记员", "--org", TOWNSHIP])
    assert first.exit_code == 1
    assert "The first clerk registered must be an admin" in first.stderr

    assert (
        cli([*db, "--clerk", "管理员", "clerk", "add", "管理员", "--role", "admin"]).exit_code == 0
    )
    added = cli([*db, "--clerk", "管理员", "clerk", "add", "王书记员", "--org", TOWNSHIP])
    assert added.exit_code == 0, added.output
    assert "Registered 王书记员 (clerk) for 测试街道调处中心." in added.stderr

    listed = json.loads(cli([*db, "--clerk", "管理员", "clerk", "list", "--json"]).stdout)
    assert [(c["name"], c["role"], c["org"], c["active"]) for c in listed] == [
        ("管理员", "admin", None, True),
        ("王书记员", "clerk", TOWNSHIP, True),
    ]

    denied = cli([*db, "--clerk", "王书记员", "clerk", "disable", "管理员"])
    assert denied.exit_code == 1
    assert "Only an admin may do this; the clerk 王书记员 is a clerk." in denied.stderr

    assert cli([*db, "--clerk", "管理员", "clerk", "disable", "王书记员"]).exit_code == 0
    gone = cli([*db, "--clerk", "王书记员", "case", "list"])
    assert gone.exit_code == 1
    assert "The clerk 王书记员 is disabled." in gone.stderr


def test_case_list_and_show_follow_the_clerks_body(initialised, cli):
    db = ["--db", initialised.url]
    seed(initialised.url)
    cli([*db, "--clerk", "管理员", "clerk", "add", "管理员", "--role", "admin"])
    cli([*db, "--clerk", "管理员", "clerk", "add", "王书记员", "--org", TOWNSHIP])

    mine = json.loads(cli([*db, "--clerk", "王书记员", "case", "list", "--json"]).stdout)
    every = json.loads(cli([*db, "--clerk", "管理员", "case", "list", "--json"]).stdout)

    def numbers(listing):
        rows = listing["cases"] if isinstance(listing, dict) else listing
        return sorted(r["court_case_no"] for r in rows)

    assert numbers(mine) == ["测-1"]
    assert numbers(every) == ["测-1", "测-2"]
    other_id = next(
        r["id"]
        for r in (every["cases"] if isinstance(every, dict) else every)
        if r["court_case_no"] == "测-2"
    )
    refused = cli([*db, "--clerk", "王书记员", "case", "show", str(other_id)])
    assert refused.exit_code == 1
    assert f"may not see case {other_id}" in refused.stderr


def test_db_backup_and_restore_round_trip_through_the_cli(initialised, cli, tmp_path):
    if initialised.backend == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump/pg_restore (the PostgreSQL client tools) are not on PATH")
    db = ["--db", initialised.url]
    seed(initialised.url)
    backup = tmp_path / "backup.bin"
    made = cli([*db, "db", "backup", str(backup)])
    assert made.exit_code == 0, made.output
    assert cli([*db, "db", "backup", str(backup)]).exit_code == 1
    refused = cli([*db, "db", "restore", str(backup)])
    assert refused.exit_code == 1
    assert "give --force" in refused.stderr
    assert cli([*db, "db", "restore", str(backup), "--force"]).exit_code == 0
    listing = json.loads(cli([*db, "case", "list", "--json"]).stdout)
    rows = listing["cases"] if isinstance(listing, dict) else listing
    assert sorted(r["court_case_no"] for r in rows) == ["测-1", "测-2"]


def test_db_copy_moves_a_desk_database_and_reports_each_table(sqlite_db, database, cli, tmp_path):
    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0
    seed(sqlite_db.url)
    target = database.url if database.backend == "postgresql" else str(tmp_path / "copy.db")
    result = cli(["--db", sqlite_db.url, "db", "copy", "--to", target, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    tables = {t["table"]: t for t in report["tables"]}
    assert report["verified"] is True
    assert (tables["cases"]["target_rows"], tables["parties"]["target_rows"]) == (2, 4)
    assert all(t["matches"] for t in report["tables"])
    again = json.loads(cli(["--db", sqlite_db.url, "db", "copy", "--to", target, "--json"]).stdout)
    assert sum(t["copied"] for t in again["tables"]) == 0


def test_db_grant_explains_that_logins_are_for_postgresql(sqlite_db, cli):
    db = ["--db", sqlite_db.url]
    assert cli([*db, "init"]).exit_code == 0
    cli([*db, "--clerk", "管理员", "clerk", "add", "管理员", "--role", "admin"])
    result = cli([*db, "--clerk", "管理员", "db", "grant", "管理员", "--role", "admin_login"])
    assert result.exit_code == 1
    assert "exist on PostgreSQL only" in result.stderr


def test_a_role_is_given_and_shown_by_the_same_chinese_word(initialised, cli, monkeypatch):
    """What `clerk list` prints as a role (管理员, 主管, 书记员), `clerk add --role` takes
    back; messages name a role by that word too, never by its code."""
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    db = ["--db", initialised.url]
    seed(initialised.url)
    first = cli([*db, "--clerk", "管理员", "clerk", "add", "管理员", "--role", "管理员"])
    assert first.exit_code == 0, first.output
    assert "（管理员）" in first.stderr
    for name, role in (("王主管", "主管"), ("李书记员", "书记员")):
        added = cli(
            [*db, "--clerk", "管理员", "clerk", "add", name, "--org", TOWNSHIP, "--role", role]
        )
        assert added.exit_code == 0, added.output
    listed = cli([*db, "--clerk", "管理员", "clerk", "list"]).stdout
    assert {"管理员", "主管", "书记员"} <= set(listed.split()), listed
    assert not {"admin", "supervisor", "clerk"} & set(listed.split()), listed
    codes = json.loads(cli([*db, "--clerk", "管理员", "clerk", "list", "--json"]).stdout)
    assert sorted(c["role"] for c in codes) == ["admin", "clerk", "supervisor"]
    denied = cli([*db, "--clerk", "李书记员", "clerk", "disable", "管理员"])
    assert denied.exit_code == 1 and "书记员 李书记员" in denied.stderr
    assert "clerk。" not in denied.stderr, denied.stderr


def test_the_chinese_help_lists_roles_and_mediator_types_by_their_chinese_words():
    import os
    import subprocess
    import sys

    env = {**os.environ, "MEDIATE_LANG": "zh", "COLUMNS": "200"}

    def page(*command: str) -> str:
        shown = subprocess.run([sys.executable, "-m", "mediate", *command, "--help"],
                               capture_output=True, text=True, env=env, check=True)  # fmt: skip
        return "".join(shown.stdout.split())

    assert "书记员（clerk，本机构）、主管（supervisor" in page("clerk", "add")
    assert "或管理员（admin）" in page("clerk", "add")
    assert "特邀调解员（invited）、律师调解员（lawyer）" in page("mediator", "add")


def test_a_clerk_refused_is_told_why_in_chinese_words_only(initialised, cli):
    """The walk of 2026-12-02: 'clerk 必须属于某一机构' and 'NAME：书记员必须有姓名'."""
    db = ["--db", initialised.url, "--clerk", "管理员"]
    zh = {"MEDIATE_LANG": "zh"}
    assert cli([*db, "clerk", "add", "管理员", "--role", "admin"]).exit_code == 0
    no_body = cli([*db, "clerk", "add", "王书记员", "--role", "supervisor"], env=zh)
    assert no_body.exit_code == 1, no_body.output
    assert "主管必须属于某一机构" in no_body.stderr
    no_name = cli([*db, "clerk", "add", " "], env=zh)
    assert no_name.exit_code == 2, no_name.output  # a typed empty value: a usage error
    assert "“姓名”的取值无效：不能为空" in no_name.stderr
    for result in (no_body, no_name):
        # the refusal itself; a usage error's usage lines name the command, as typed
        said = next(line for line in result.stderr.splitlines() if line.startswith("✗"))
        assert not any("a" <= ch.lower() <= "z" for ch in said.replace("--org", ""))


def test_db_restore_from_a_device_says_it_is_no_file_not_that_it_is_missing(initialised, cli):
    result = cli(["--db", initialised.url, "db", "restore", "/dev/null"])
    assert result.exit_code == 1, result.output
    assert "/dev/null is not a file" in result.stderr


def _admin_and_clerk(url: str, cli) -> list[str]:
    db = ["--db", url]
    seed(url)
    assert (
        cli([*db, "--clerk", "王主任", "clerk", "add", "王主任", "--role", "admin"]).exit_code == 0
    )
    assert (
        cli([*db, "--clerk", "王主任", "clerk", "add", "李书记员", "--org", TOWNSHIP]).exit_code
        == 0
    )
    return db


def test_a_plain_clerk_may_not_run_the_commands_over_the_whole_database(sqlite_db, cli, tmp_path):
    """Review of 2026-12-03: a plain clerk backed the database up (every body's parties),
    restored over it (the register wiped) and imported bodies. Now these, and `db copy`,
    `db upgrade`, `init` and `causes import`, are an admin's, as `clerk add` is; nothing
    is written when refused."""
    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0
    db = _admin_and_clerk(sqlite_db.url, cli)
    backup = tmp_path / "b.db"
    assert cli([*db, "--clerk", "王主任", "db", "backup", str(backup)]).exit_code == 0
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(
        f"id,name,kind,level,division\n{TOWNSHIP},改名中心,township_center,township,410802009\n",
        encoding="utf-8",
    )
    causes = tmp_path / "causes.yaml"
    causes.write_text("- code: '9001'\n  name: 测试案由\n  level: 1\n", encoding="utf-8")
    refused = {
        "db backup": ["db", "backup", str(tmp_path / "mine.db")],
        "db restore": ["db", "restore", str(backup), "--force"],
        "db copy": ["db", "copy", "--to", str(tmp_path / "copy.db")],
        "db upgrade": ["db", "upgrade"],
        "init": ["init"],
        "org import": ["org", "import", str(orgs)],
        "causes import": ["causes", "import", str(causes), "--version", "test"],
    }
    for name, args in refused.items():
        result = cli([*db, "--clerk", "李书记员", *args])
        assert result.exit_code == 1, (name, result.output)
        assert "Only an admin may do this; the clerk 李书记员 is a clerk." in result.stderr, name
    assert not (tmp_path / "mine.db").exists() and not (tmp_path / "copy.db").exists()
    listed = json.loads(cli([*db, "--clerk", "王主任", "clerk", "list", "--json"]).stdout)
    assert [c["name"] for c in listed] == ["王主任", "李书记员"]  # not restored away
    shown = cli([*db, "--clerk", "王主任", "--json", "org", "show", TOWNSHIP]).stdout
    assert "改名中心" not in shown

    for name in ("db upgrade", "init", "org import", "db restore"):
        result = cli([*db, "--clerk", "王主任", *refused[name]])
        assert result.exit_code == 0, (name, result.output)


def test_restore_asks_the_register_of_the_database_it_replaces(sqlite_db, cli, tmp_path):
    """The backup of a database without clerks does not let a plain clerk of the live
    one restore over it; a new file, with no register, takes any restore."""
    assert cli(["--db", sqlite_db.url, "init"]).exit_code == 0
    backup = tmp_path / "before-clerks.db"
    assert cli(["--db", sqlite_db.url, "db", "backup", str(backup)]).exit_code == 0
    db = _admin_and_clerk(sqlite_db.url, cli)
    result = cli([*db, "--clerk", "李书记员", "db", "restore", str(backup), "--force"])
    assert result.exit_code == 1, result.output
    assert "Only an admin may do this" in result.stderr
    fresh = tmp_path / "fresh.db"
    result = cli(["--db", str(fresh), "--clerk", "李书记员", "db", "restore", str(backup)])
    assert result.exit_code == 0, result.output
