"""`--applicant`, `--add-party`, `--set` and `--filter` read KEY=VALUE the same way, with
the `，` `＝` `：` of a Chinese keyboard (review of 2026-12-02)."""

import json

import pytest

ZH = {"MEDIATE_LANG": "zh"}


@pytest.fixture
def db(desk_store):
    return desk_store.url


def run(cli, db, *args):
    result = cli(["--db", db, "--clerk", "李书记员", *args], env=ZH)
    result.stderr = " ".join(result.stderr.split())
    return result


@pytest.fixture
def network(initialised):
    return initialised.url


def parties(cli, db, case="1"):
    shown = json.loads(run(cli, db, "case", "show", case, "--json").stdout)
    return [(p["name"], p["phone"]) for p in shown["parties"]]


def new_case(cli, db, applicant):
    return run(
        cli, db, "--no-input", "--json", "case", "new", "--cause", "民间借贷纠纷",
        "--amount", "5000", "--location", "410802", "--received", "2026-11-20",
        "--applicant", applicant, "--respondent", "姓名：刘洋",
    )  # fmt: skip


def test_case_new_reads_the_chinese_comma_and_colon(cli, network):
    db = network
    result = new_case(cli, db, "姓名=张三，电话=13800001111")
    assert result.exit_code == 0, result.output
    case = str(json.loads(result.stdout)["id"])
    names = [(name, phone and phone[-4:]) for name, phone in parties(cli, db, case)]
    assert names == [("张三", "1111"), ("刘洋", None)]


def test_case_new_refuses_a_name_holding_another_field(cli, network):
    db = network
    result = new_case(cli, db, "姓名=张三 电话=13800001111")
    assert result.exit_code == 2, result.output
    assert "第1个申请人" in result.stderr
    assert "电话=13800001111" in result.stderr


def test_add_party_and_set_read_full_width_signs(cli, db):
    added = run(cli, db, "case", "edit", "1", "--add-party", "角色＝被申请人，姓名：赵六")
    assert added.exit_code == 0, added.output
    assert parties(cli, db)[-1][0] == "赵六"
    summary = run(cli, db, "case", "edit", "1", "--set", "案情简介＝借款未还")
    assert summary.exit_code == 0, summary.output
    shown = json.loads(run(cli, db, "case", "show", "1", "--json").stdout)
    assert shown["facts"] == "借款未还"
    renamed = run(cli, db, "case", "edit", "1", "--party", "3", "--set", "姓名：赵七")
    assert renamed.exit_code == 0, renamed.output
    assert parties(cli, db)[-1][0] == "赵七"


def test_a_party_value_holding_another_field_is_a_usage_error(cli, db):
    result = run(cli, db, "case", "edit", "1", "--party", "2", "--set", "姓名=王五，电话=138")
    assert result.exit_code == 2, result.output
    assert "电话=138" in result.stderr
    added = run(cli, db, "case", "edit", "1", "--add-party", "角色=被申请人,姓名=赵六 电话：138")
    assert added.exit_code == 2, added.output
    assert "电话：138" in added.stderr


@pytest.mark.parametrize("item", ["不存在=1", "案情简介"])
def test_a_set_that_is_no_field_is_a_usage_error(cli, db, item):
    result = run(cli, db, "case", "edit", "1", "--set", item)
    assert result.exit_code == 2, result.output
    assert "--set" in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["case", "edit", "1", "--set", "案情简介"], "--set：“案情简介”应写成“字段=值”"),
        (["case", "edit", "1", "--set", "="], "--set：“=”应写成“字段=值”"),
        (["case", "edit", "1", "--add-party", "=王五"], "--add-party：“=王五”应写成“字段=值”"),
        (
            ["case", "edit", "1", "--add-party", "角色=被申请人，王五，13800001111"],
            "--add-party：“王五”应写成“字段=值”（读到：“角色=被申请人”、“王五”、“13800001111”）",
        ),
        (
            ["doc", "batch", "agreement", "--filter", "状态"],
            "--filter：“状态”应写成“条件=值”",
        ),
    ],
)
def test_a_part_without_equals_is_named_in_the_clerks_words(cli, db, args, said):
    """One reader (intake/pairs) for every KEY=VALUE option: a part that is no pair is
    named, with what was read around it, as 字段=值 / 条件=值 — never 应为 KEY=VALUE
    (review of 2026-12-02: each reader had its own wording and its own key test)."""
    result = run(cli, db, *args)
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert "KEY" not in result.stderr and "FIELD" not in result.stderr


def test_case_new_names_a_part_without_equals_in_the_clerks_words(cli, network):
    result = run(cli, network, "--no-input", "case", "new", "--cause", "民间借贷纠纷",
                 "--applicant", "张三，李四", "--respondent", "王五")  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "“李四”应写成“字段=值”（读到：“张三”、“李四”）" in result.stderr


def test_case_new_names_an_empty_field_in_the_clerks_words(cli, network):
    result = run(cli, network, "--no-input", "case", "new", "--cause", "民间借贷纠纷",
                 "--applicant", "=", "--respondent", "王五")  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "第1个申请人：“=”应写成“字段=值”" in result.stderr


@pytest.mark.parametrize("item", ["状态＝调解不成", "状态：调解不成", "status=failed"])
def test_doc_batch_filter_reads_full_width_signs(cli, db, tmp_path, item):
    result = run(cli, db, "doc", "batch", "agreement", "--filter", item, "-o", str(tmp_path))
    assert result.exit_code != 2, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["case", "list", "--batch", "-1"],
        ["case", "list", "--batch", "0"],
        ["case", "show", "abc"],
        ["case", "edit", "abc", "--set", "案情简介=x"],
        ["case", "history", "abc"],
    ],
)
def test_a_value_no_case_can_have_is_a_usage_error(cli, db, args):
    """Review of 2026-12-02: `case list --batch -1` said no case matched (exit 0), an ID
    that is no number exited 1."""
    result = run(cli, db, *args)
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(
    ("applicant", "respondent", "said"),
    [
        ("姓名=张三,姓名=李四", "姓名：刘洋", "第1个申请人：字段“姓名或名称”写了两次"),
        ("张三", "姓名=王五,名称=王五公司", "第1个被申请人：字段“姓名或名称”写了两次"),
    ],
)
def test_case_new_refuses_a_field_given_twice(cli, network, applicant, respondent, said):
    result = run(
        cli, network, "--no-input", "case", "new", "--cause", "民间借贷纠纷",
        "--applicant", applicant, "--respondent", respondent,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert said in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--add-party", "姓名=王五,诉讼地位=第三人,role=applicant"),
            "--add-party：字段“诉讼地位”",
        ),
        (("--set", "案由=A", "--set", "案由=B"), "--set：字段“案由”写了两次"),
    ],
)
def test_case_edit_refuses_a_field_given_twice(cli, db, args, said):
    result = run(cli, db, "case", "edit", "1", "-y", *args)
    assert result.exit_code == 2, result.output
    assert said in result.stderr


def test_a_wrong_procedure_lists_the_labels_as_printed(cli, db):
    result = run(cli, db, "case", "edit", "1", "-y", "--set", "适用程序=x")
    assert result.exit_code == 2, result.output
    assert "普通程序（ordinary）、简易程序（summary）" in result.stderr


def test_a_long_wrong_source_is_shortened_in_the_message(cli, db):
    result = run(cli, db, "case", "edit", "1", "-y", "--set", "来源=" + "甲" * 15000)
    assert result.exit_code != 0, result.output
    assert "不是来源" in result.stderr
    assert len(result.stderr) < 1000
