"""`mediate case add|new|list|show|history` and `mediate import` through the real CLI."""

import csv
import io
import json

import pytest

from mediate.resources import data_dir
from tests.conftest import squash

SAMPLES = data_dir() / "samples"
DISPUTES = SAMPLES / "disputes"
ZHANG_ID = "410802198503121015"


def flat(text):
    """Messages as one line: the terminal console wraps long ones."""
    return " ".join(text.split())


def test_a_dispute_file_is_registered_and_routed(cli, db):
    result = cli(["--db", db, "--json", "case", "add", "--file", str(DISPUTES / "finance.yaml")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == 1
    assert data["decision"]["org"]["kind"] == "finance_committee"
    assert data["decision"]["rule"] == "finance"
    shown = json.loads(cli(["--db", db, "case", "show", "1", "--json"]).stdout)
    assert shown["status"] == "routed"
    assert shown["deadline"] == "2026-12-02"  # 30 days from 2026-11-02
    assert [p["id_number"] for p in shown["parties"]] == [
        "9141**********NK00",
        "4108**********1015",
    ]


def test_every_sample_dispute_registers(cli, db):
    kinds = {}
    for path in sorted(DISPUTES.glob("*.yaml")):
        result = cli(["--db", db, "--json", "case", "add", "--file", str(path)])
        assert result.exit_code == 0, (path.name, result.output)
        kinds[path.stem] = json.loads(result.stdout)["decision"]["org"]["kind"]
    assert kinds["finance"] == "finance_committee"
    assert kinds["credit"] == "credit_committee"
    assert kinds["ip"] == "ip_committee"
    assert kinds["admin"] == "admin_dispute_center"
    assert kinds["price"] == "price_mediation"
    assert kinds["traffic"] == "professional"


def test_a_bad_dispute_file_exits_1_with_every_problem_located(cli, db, tmp_path):
    text = (DISPUTES / "finance.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("'410802198503121015'", "'410802198503121016'") + "colour: red\n")
    result = cli(["--db", db, "case", "add", "--file", str(bad)])
    assert result.exit_code == 1
    said = flat(result.stderr)
    assert f"{bad}:21:14: parties[2].id_number: 4108**********1016: wrong check digit" in said
    assert f"{bad}:24:1: colour: unknown key" in said
    assert "410802198503121016" not in said


def test_a_complex_key_in_a_dispute_file_is_said_in_chinese_with_its_line(cli, db, tmp_path):
    """Not the key node's repr ("[ScalarNode(tag=…)]：未知的键")."""
    bad = tmp_path / "complex.yaml"
    bad.write_text("cause: 买卖合同纠纷\n? [1]\n: 2\n", encoding="utf-8")
    result = cli(["--db", db, "case", "add", "--file", str(bad)], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 1
    assert f"{bad}:2:3：键不能是列表或映射" in flat(result.stderr)
    assert "ScalarNode" not in result.stderr


def test_the_same_case_number_twice_is_a_conflict(cli, db):
    args = ["--db", db, "case", "add", "--file", str(DISPUTES / "labour.yaml")]
    assert cli(args).exit_code == 0
    again = cli(args)
    assert again.exit_code == 1
    assert "（2026）豫0882民初77号 is already registered (case 1)" in flat(again.stderr)


def test_case_new_without_input_takes_everything_from_options(cli, db):
    result = cli([
        "--db", db, "--no-input", "--json", "case", "new", "--cause", "民间借贷纠纷",
        "--amount", "5.2万元", "--location", "410802", "--received", "2026-11-20",
        "--applicant", f"name=张伟,id={ZHANG_ID},phone=13803910001",
        "--respondent", "name=刘洋,phone=138 0391 0004",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(cli(["--db", db, "case", "show", "1", "--json"]).stdout)
    assert shown["amount"] == "52000.00"
    assert [(p["name"], p["sex"], p["birth_date"]) for p in shown["parties"]] == [
        ("张伟", "男", "1985-03-12"),
        ("刘洋", None, None),
    ]


def test_case_new_without_input_reports_what_is_wrong_with_each_option(cli, db):
    result = cli([
        "--db", db, "--no-input", "case", "new", "--cause", "民间借贷纠纷", "--amount", "很多",
        "--applicant", "name=张伟,id=410802198503121016", "--respondent", "name=刘洋,colour=red",
    ])  # fmt: skip
    assert result.exit_code == 2  # every one is about an option's value: a usage error
    assert "--amount: '很多' is not an amount of money" in flat(result.stderr)
    assert "--applicant 1, ID number: 4108**********1016: wrong check digit" in flat(result.stderr)
    assert "--respondent 1: unknown key colour" in flat(result.stderr)


def test_case_new_names_a_partys_option_field_and_place_in_chinese(cli, db):
    """--applicant 第1个申请人的证件号码, not `--applicant 1, id_number`: the option the
    clerk typed (to find the value by), the field by its label, the party by its role and
    place among those given."""
    result = cli(
        [
            "--db", db, "--no-input", "case", "new", "--cause", "民间借贷纠纷",
            "--applicant", "姓名=张伟,证件号码=410802198503121016",
            "--respondent", "姓名=刘洋", "--respondent", "姓名=王芳,电话=123",
        ],
        env={"MEDIATE_LANG": "zh"},
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    said = flat(result.stderr)
    assert "--applicant 第1个申请人的证件号码：4108**********1016" in said
    assert "--respondent 第2个被申请人的电话：123" in said
    assert "id_number" not in said and "phone" not in said


def test_a_party_spec_that_cannot_be_read_names_its_option_in_chinese(cli, db):
    result = cli(
        [
            "--db", db, "--no-input", "case", "new", "--cause", "民间借贷纠纷",
            "--applicant", "姓名=张伟", "--applicant", "姓名=王芳,颜色=红",
            "--respondent", "姓名=刘洋,姓名=李四",
        ],
        env={"MEDIATE_LANG": "zh"},
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    said = flat(result.stderr)
    assert "--applicant 第2个申请人：未知的字段 颜色" in said, said
    assert "--respondent 第1个被申请人：字段“姓名或名称”写了两次" in said, said


def import_json(cli, db, *args):
    result = cli(["--db", db, "--json", "import", *map(str, args)])
    return result.exit_code, json.loads(result.stdout)


def test_import_prints_a_json_summary_and_exits_1_when_rows_were_rejected(cli, db, tmp_path):
    code, summary = import_json(cli, db, SAMPLES / "referrals-jiefang-gbk.csv")
    assert code == 1
    assert (summary["imported"], summary["duplicates"], summary["rejected"]) == (8, 0, 2)
    assert [(e["row"], e["field"]) for e in summary["errors"]] == [
        (9, "被申请人证件号"),
        (10, "标的额"),
    ]
    code, again = import_json(cli, db, SAMPLES / "referrals-jiefang-gbk.csv")
    assert (again["imported"], again["duplicates"], again["rejected"]) == (0, 8, 2)


def test_import_of_a_clean_file_exits_0(cli, db, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("案号,案由,申请人,被申请人\n（2026）豫0802民初9号,民间借贷纠纷,张三,李四\n")
    code, summary = import_json(cli, db, path)
    assert (code, summary["imported"]) == (0, 1)


def test_import_rejects_an_unknown_source_option(cli, db):
    result = cli(["--db", db, "import", str(SAMPLES / "messy-referrals.csv"), "--source", "电话"])
    assert result.exit_code == 2  # a usage error, in the words of every closed-set option
    assert "Invalid value for '--source': '电话' is not a valid source" in flat(result.stderr)


def test_a_file_with_another_layout_imports_with_a_mapping(cli, db, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text(
        "编号,纠纷类型,当事人,对方当事人\n（2026）豫0802民初19号,民间借贷纠纷,张三,李四\n"
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "编号: case_no\n纠纷类型: cause\n当事人: applicant\n对方当事人: respondent\n"
    )
    code, summary = import_json(cli, db, path, "--mapping", mapping)
    assert (code, summary["imported"]) == (0, 1)
    without = cli(["--db", db, "import", str(path)])
    assert without.exit_code == 1
    assert "no header row found" in flat(without.stderr)


@pytest.fixture
def imported(cli, db):
    cli(["--db", db, "import", str(SAMPLES / "referrals-jiefang-gbk.csv")])
    cli(["--db", db, "import", str(SAMPLES / "referrals-shanyang.xlsx")])
    return db


def listed(cli, db, *args):
    result = cli(["--db", db, "--json", "case", "list", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_case_list_filters_and_pages(cli, imported):
    db = imported
    assert listed(cli, db)["total"] == 13
    page = listed(cli, db, "--limit", "5", "--offset", "10")
    assert (page["total"], [c["id"] for c in page["cases"]]) == (13, [11, 12, 13])
    assert [c["court_case_no"] for c in listed(cli, db, "--cause", "借贷")["cases"]] == [
        "（2026）豫0802民初404号",
        "（2026）豫0811民初2105号",
    ]
    # Courts file first since 2025: both batches are 委托 (entrusted after filing).
    assert listed(cli, db, "--source", "委托")["total"] == 13
    assert listed(cli, db, "--source", "自行受理")["total"] == 0
    assert listed(cli, db, "--county", "410811")["total"] == 5
    assert listed(cli, db, "--from", "2026-11-09", "--to", "2026/11/10")["total"] == 3
    assert listed(cli, db, "--body", "jz-410800-finance")["total"] == 2
    assert listed(cli, db, "--status", "settled")["total"] == 0


def test_overdue_and_due_within_count_open_cases_by_deadline(cli, db, tmp_path):
    # The suite's clock stands at 2026-12-01 (tests/clockrun.py). A dispute received in
    # August is overdue under any deadline rule; ones received days ago are due later this
    # month (self-accepted: about a month, 人民调解法 art. 28 practice / DOMAIN §3).
    path = tmp_path / "due.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型\n"
        "(2026)豫0802民初901号,民间借贷纠纷,自行受理,2026-08-03,410802,张一,自然人,李一,自然人\n"
        "(2026)豫0802民初902号,民间借贷纠纷,自行受理,2026-11-27,410802,张二,自然人,李二,自然人\n"
        "(2026)豫0802民初903号,民间借贷纠纷,自行受理,2026-11-30,410802,张三,自然人,李三,自然人\n",
        encoding="utf-8",
    )
    assert cli(["--db", db, "import", str(path)]).exit_code == 0

    def numbers(*args):
        return sorted(c["court_case_no"][-4:-1] for c in listed(cli, db, *args)["cases"])

    assert numbers("--overdue") == ["901"]
    assert numbers("--due-within", "60") == ["902", "903"]
    assert numbers("--due-within", "3") == []


def test_case_list_as_csv(cli, imported):
    result = cli(["--db", imported, "case", "list", "--csv", "--raw", "--limit", "2"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["id", "court_case_no", "cause"]
    assert rows[1][:3] == ["1", "（2026）豫0802民初401号", "金融借款合同纠纷"]
    assert len(rows) == 3


def test_revealing_identity_numbers_is_recorded_in_the_history(cli, imported):
    masked = cli(["--db", imported, "case", "show", "1"])
    assert ZHANG_ID not in masked.stdout
    assert "4108**********1015" in squash(masked.stdout)
    as_json = cli(["--db", imported, "--json", "case", "show", "1"])
    assert ZHANG_ID not in as_json.stdout
    assert json.loads(as_json.stdout)["parties"][1]["id_number"] == "4108**********1015"
    revealed = json.loads(
        cli(
            ["--db", imported, "--clerk", "李书记员", "case", "show", "1", "--reveal", "--json"]
        ).stdout
    )
    assert revealed["parties"][1]["id_number"] == ZHANG_ID
    history = json.loads(cli(["--db", imported, "--json", "case", "history", "1"]).stdout)
    assert [(e["action"], e["clerk"]) for e in history] == [
        ("imported", "测试书记员"),
        ("revealed", "李书记员"),
    ]
    assert history[0]["after"]["rule"] == "finance"


def test_showing_a_missing_case_exits_1(cli, db):
    result = cli(["--db", db, "case", "show", "99"])
    assert result.exit_code == 1
    assert "No case with id 99." in flat(result.stderr)


def test_a_stored_claim_routes_and_explains_like_the_file(cli, db, tmp_path):
    # Issue 14: the claim (请求事项) is stored, so a stored case routes as its file did, and
    # `rules explain ID` explains the stored case.
    dispute = tmp_path / "goods.yaml"
    dispute.write_text(
        "cause: 买卖合同纠纷\nclaim: 支付货款126000元\nlocation: '410811'\nparties:\n"
        "  - {role: applicant, kind: enterprise, name: 焦作某建材有限公司}\n"
        "  - {role: respondent, kind: enterprise, name: 某建筑工程有限公司}\n",
        encoding="utf-8",
    )
    added = cli(["--db", db, "--json", "case", "add", "--file", str(dispute)])
    assert added.exit_code == 0, added.output
    case_id = json.loads(added.stdout)["id"]
    shown = json.loads(cli(["--db", db, "--json", "case", "show", str(case_id)]).stdout)
    assert (shown["claim"], shown["org"]["kind"]) == ("支付货款126000元", "credit_committee")
    explained = cli(["--db", db, "--json", "rules", "explain", str(case_id)])
    assert explained.exit_code == 0, explained.output
    data = json.loads(explained.stdout)
    assert data["decision"]["rule"] == "credit"
    assert ("credit-presumed", False) in [(s["rule"], s["matched"]) for s in data["trace"]]
    neither = cli(["--db", db, "rules", "explain"])
    assert neither.exit_code == 2
    missing = cli(["--db", db, "rules", "explain", "999"])
    assert missing.exit_code == 1


def test_a_court_export_imports_cleanly_and_says_what_it_skipped(cli, db, monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    result = cli(["--db", db, "import", str(SAMPLES / "court-export-zhongzhan.xlsx")])
    assert result.exit_code == 0, result.output
    text = flat(result.stderr)
    assert "第 9 行：已跳过（合计行）" in text
    assert "导入 5 件，重复 0 件，退回 0 件。" in text


def test_import_template_writes_a_header_for_every_column_the_import_reads(cli, db, tmp_path):
    from mediate.intake.columns import TEMPLATE_HEADERS

    path = tmp_path / "模板.csv"
    result = cli(["--db", db, "import", "--template", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().decode("utf-8-sig").strip() == ",".join(TEMPLATE_HEADERS)
    assert "第三人" in TEMPLATE_HEADERS and "被申请人经营者住所" in TEMPLATE_HEADERS


def test_import_update_fills_a_blank_address_and_the_summary_says_so(cli, db, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text(
        "案号,案由,申请人,被申请人,被申请人住所\n(2026)豫0802民初9号,民间借贷纠纷,张三,李四,\n"
    )
    assert cli(["--db", db, "import", str(first)]).exit_code == 0
    resent = tmp_path / "b.csv"
    resent.write_text(
        "案号,案由,申请人,被申请人,被申请人住所\n(2026)豫0802民初9号,民间借贷纠纷,张三,李四,焦作市解放区1号\n"
    )
    plain = cli(["--db", db, "--json", "import", str(resent)])
    assert json.loads(plain.stdout)["differing"] == 1
    result = cli(["--db", db, "--json", "import", str(resent), "--update"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["updated"] == 1
    assert data["changes"][0]["field"] == "address"
    shown = json.loads(cli(["--db", db, "case", "show", "1", "--json"]).stdout)
    assert shown["parties"][1]["address"] == "焦作市解放区1号"
    assert cli(["--db", db, "import", str(resent), "--overwrite"]).exit_code == 1


def test_a_cases_export_imports_back_with_its_claim(cli, db, tmp_path, monkeypatch):
    """export cases → a sheet under the template's headers → import: the 请求事项 (claim)
    travels with the rest (it is a column of both the standard sheet and the export)."""
    from mediate.intake.columns import STANDARD_HEADERS
    from mediate.intake.readers import open_sheet

    monkeypatch.setenv("MEDIATE_LANG", "zh")
    assert "请求事项" in STANDARD_HEADERS
    claim = "判令被申请人归还借款本金52000.5元"
    dispute = tmp_path / "d.yaml"
    dispute.write_text(
        (DISPUTES / "finance.yaml").read_text(encoding="utf-8") + f"claim: {claim}\n",
        encoding="utf-8",
    )
    assert cli(["--db", db, "case", "add", "--file", str(dispute)]).exit_code == 0
    exported = tmp_path / "cases.xlsx"
    result = cli(["--db", db, "export", "cases", "--reveal", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    header = [str(c) for c in next(iter(open_sheet(exported, None).rows))[1]]
    assert "请求事项" in header
    assert {"案号", "案由", "申请人", "被申请人"} <= set(header) & set(STANDARD_HEADERS)

    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert cli(["--db", other, "init"]).exit_code == 0
    imported = cli(["--db", other, "--json", "import", str(exported)])
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["imported"] == 1
    shown = json.loads(cli(["--db", other, "case", "show", "1", "--json"]).stdout)
    assert shown["claim"] == claim


def test_rule_art59_case_add_refuses_a_company_titled_operator_and_stores_nothing(
    cli, db, tmp_path
):
    """民诉法解释 (2022) art. 59: the kind stated wins (as import and `case new`): 企业 with
    `legal_rep_title: 经营者` was stored as a 个体工商户."""
    bad = tmp_path / "company.yaml"
    bad.write_text(
        "cause: 买卖合同纠纷\nlocation: '410802'\nparties:\n"
        "  - {role: applicant, name: 张三}\n"
        "  - {role: respondent, kind: 企业, name: 某某科技有限公司, legal_rep: 王五,\n"
        "     legal_rep_title: 经营者}\n",
        encoding="utf-8",
    )
    result = cli(["--db", db, "case", "add", "--file", str(bad)], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 1, result.output
    said = flat(result.stderr)
    assert f"{bad}:6:23：parties[2].legal_rep_title：kind为企业，但只有个体工商户才有经营者" in said
    assert json.loads(cli(["--db", db, "--json", "case", "list"]).stdout)["total"] == 0
