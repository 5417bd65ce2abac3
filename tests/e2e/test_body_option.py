"""A filter by body is `--body` in every command that has one (review of 2026-12-03: it
was `export cases --org-id`, `case list --body`, `mediator list --org` and `doc batch
--filter 调解组织=`); the former names still work, and the help shows --body alone."""

import json
import os
import subprocess
import sys

import pytest

from mediate.resources import data_dir

SAMPLES = data_dir() / "samples"
FINANCE = "jz-410800-finance"
NAME = "焦作市金融纠纷调解委员会"
ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}


@pytest.fixture
def imported(cli, db):
    for sample in ("referrals-jiefang-gbk.csv", "referrals-shanyang.xlsx"):
        cli(["--db", db, "import", str(SAMPLES / sample)])  # some rows rejected: exit 1
    return db


def _run(cli, db, *args):
    result = cli(["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("body", [FINANCE, NAME])
def test_case_list_and_export_cases_take_body_and_their_former_name_alike(cli, imported, body):
    listed = [
        json.loads(_run(cli, imported, "--json", "case", "list", option, body))["cases"]
        for option in ("--body", "--org-id")
    ]
    assert listed[0] == listed[1]
    assert {case["org_id"] for case in listed[0]} == {FINANCE} and len(listed[0]) == 2
    exported = [
        _run(cli, imported, "export", "cases", option, body) for option in ("--body", "--org-id")
    ]
    everything = _run(cli, imported, "export", "cases")
    assert exported[0] == exported[1]
    assert len(exported[0].splitlines()) == 3 < len(everything.splitlines())


def test_mediator_list_takes_body_and_its_former_name_alike(cli, db):
    for org, name in ((FINANCE, "甲"), ("jz-410802-county-center", "乙")):
        _run(cli, db, "mediator", "add", "--org", org, "--name", name)
    listed = [
        json.loads(_run(cli, db, "--json", "mediator", "list", option, NAME))
        for option in ("--body", "--org")
    ]
    assert listed[0] == listed[1]
    assert [m["name"] for m in listed[0]] == ["甲"]


def test_an_unknown_body_is_named_by_body_whichever_name_was_typed(cli, db):
    for args in (
        ["export", "cases", "--org-id", "无此组织"],
        ["mediator", "list", "--org", "无此组织"],
    ):
        result = cli(["--db", db, *args], env=ZH)
        assert result.exit_code != 0
        assert "--body" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("command", "former"),
    [
        (["case", "list"], "--org-id"),
        (["export", "cases"], "--org-id"),
        (["mediator", "list"], "--org"),
    ],
)
def test_the_help_shows_body_alone_with_one_chinese_label(command, former):
    page = _zh_help(command)
    line = next(line for line in page.splitlines() if "--body" in line)
    assert former not in page
    assert "只看该调解组织的" in line and "填编号或名称" in page


def _zh_help(command: list[str]) -> str:
    """A help page as the clerk reads it (a process of its own: help is translated when
    the commands are first loaded)."""
    return subprocess.run(
        [sys.executable, "-m", "mediate", *command, "--help"],
        env=dict(os.environ, **ZH),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_mediator_add_still_shows_its_own_org():
    page = _zh_help(["mediator", "add"])
    assert "--org" in page and "--body" not in page


def test_doc_batch_takes_the_body_label_case_list_prints(cli, imported, tmp_path):
    """`case list` heads the body's column 调解组织; `--filter 调解组织=` reads it, as
    `--filter body=` and `--filter org=`."""
    table = cli(["--db", imported, "case", "list"], env=ZH).stdout
    assert "调解组织" in table.splitlines()[1]
    made = {}
    for key in ("调解组织", "body", "org"):
        out = tmp_path / key
        _run(
            cli,
            imported,
            "doc",
            "batch",
            "registration",
            "-o",
            str(out),
            "--filter",
            f"{key}={NAME}",
        )
        made[key] = sorted(p.name for p in out.iterdir())
    assert made["调解组织"] == made["body"] == made["org"] and len(made["org"]) == 2
