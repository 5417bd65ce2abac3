"""A name that names nothing is a usage error (exit 2) saying so, not an empty result
that reads as "no case of that mediator / cause"; a name that exists lists what it has."""

from __future__ import annotations

from tests.conftest import squash

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}


def test_case_list_by_a_mediator_nobody_is_called_is_a_usage_error(cli, db):
    result = cli(["--db", db, "case", "list", "--mediator", "不存在"], env=ZH)
    assert result.exit_code == 2, result.output
    assert "--mediator：没有姓名含“不存在”的调解员" in squash(result.stderr)


def test_case_list_by_a_mediator_without_cases_is_empty(cli, db):
    org = "jz-410800-finance"
    added = cli(["--db", db, "mediator", "add", "--org", org, "--name", "赵调解员"], env=ZH)
    assert added.exit_code == 0, added.output
    result = cli(["--db", db, "case", "list", "--mediator", "赵调解"], env=ZH)
    assert result.exit_code == 0, result.output
    assert "没有符合条件的案件" in squash(result.stdout + result.stderr)
    wrong = cli(["--db", db, "case", "list", "--mediator", "赵调解员甲"], env=ZH)
    assert wrong.exit_code == 2
    assert squash("您是否要用 赵调解员") in squash(wrong.stderr)


def test_a_cause_that_is_no_cause_is_a_usage_error(cli, db, tmp_path):
    listed = cli(["--db", db, "case", "list", "--cause", "民间借款"], env=ZH)
    assert listed.exit_code == 2, listed.output
    assert "--cause：没有与“民间借款”相符的案由" in squash(listed.stderr)
    assert "民间借贷纠纷" in squash(listed.stderr)  # did you mean
    assert cli(["--db", db, "case", "list", "--cause", "借贷"], env=ZH).exit_code == 0
    out = tmp_path / "out"
    batch = ["--db", db, "doc", "batch", "termination", "-o", str(out), "--filter"]
    refused = cli([*batch, "案由=不存在的案由"], env=ZH)
    assert refused.exit_code == 2, refused.output
    assert squash("--filter 案由：没有与“不存在的案由”相符的案由") in squash(refused.stderr)
    assert cli([*batch, "案由=民间借贷纠纷"], env=ZH).exit_code == 0


def test_mediator_list_of_a_body_without_mediators_is_a_sentence(cli, db):
    result = cli(["--db", db, "mediator", "list", "--org", "jz-410800-finance"], env=ZH)
    assert result.exit_code == 0, result.output
    said = squash(result.stdout + result.stderr)
    assert "该调解组织尚无调解员" in said
    assert "┃" not in result.stdout + result.stderr  # no empty table


def test_case_transfer_names_the_body_it_sent_the_case_to(cli, db, imported_csv):
    """ "已移送至 jz-410800-credit": the clerk reads the body's name, its id in brackets."""
    imported_csv(
        "一件.csv",
        "案由,标的额,来源,纠纷发生地,申请人,被申请人\n民间借贷纠纷,5000,自行受理,410802009,张三,李四\n",
    )
    body = "焦作市企业信用纠纷人民调解委员会"
    moved = ["--db", db, "case", "transfer", "1", "--to", body, "--reason", "当事人申请"]
    result = cli(moved, env=ZH)
    assert result.exit_code == 0, result.output
    said = squash(result.stdout + result.stderr)
    assert f"已移送至{body}（jz-410800-credit）" in said, said
