"""`import --update` / `--update --overwrite` of a re-sent row, under MEDIATE_LANG=zh: every
column the import reads is filled, changed or reported (review of 2026-12-03: a row with
标的物所在地, a changed 经营者 and an 经营者住所 blank in the database was counted 重复 1 件,
nothing filled, nothing reported)."""

import json

import pytest

from tests.e2e.trader_helpers import HOME, OPERATOR_ID, SHOP, SHOP_AT, flat

WIDE = {"MEDIATE_LANG": "zh", "COLUMNS": "200"}  # each row of the change table on one line


def run(cli, db, *args):
    return cli(["--db", db, "--clerk", "李书记员", *args], env=WIDE)


HEADER = (
    "案号,案由,收案日期,纠纷发生地,标的物所在地,申请人,申请人类型,"
    "被申请人,被申请人类型,被申请人证件号,被申请人住所,被申请人经营者,被申请人经营者住所\n"
)
ROW = "(2026)豫0802民初952号,买卖合同纠纷,2026-11-27,410802,{where},张一,自然人,"
ROW += "{shop},个体工商户,{id},{at},{operator},{home}\n"


def _resend(cli, db, tmp_path, *options):
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    values = {"shop": SHOP, "id": OPERATOR_ID, "at": SHOP_AT}
    first.write_text(HEADER + ROW.format(where="", operator="钱某", home="", **values))
    resent.write_text(HEADER + ROW.format(where="410811", operator="钱二", home=HOME, **values))
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    return run(cli, db, "import", str(resent), *options)


def _respondent(cli, db):
    case = json.loads(run(cli, db, "case", "show", "1", "--json").stdout)
    return case, case["parties"][1]


def test_import_update_overwrite_fills_and_changes_every_column_it_reads(
    cli, initialised, tmp_path
):
    db = initialised.url
    result = _resend(cli, db, tmp_path, "--update", "--overwrite")
    assert result.exit_code == 0, result.output
    case, shop = _respondent(cli, db)
    assert case["subject_matter_location"] == "410811", case
    assert (shop["legal_rep"], shop["operator_address"]) == ("钱二", HOME), shop
    said = flat(result.output)
    assert "导入0件，重复1件，退回0件。更新已登记案件1件。" in said, result.output
    assert "│2│1││标的物所在地││410811│已补全│" in said, result.output
    assert f"│{SHOP}│经营者│钱某│钱二│已修改│" in said, result.output  # art. 59: not 法定代表人
    assert f"│{SHOP}│经营者住所││{HOME}│已补全│" in said, result.output


def test_import_update_fills_blanks_and_reports_a_changed_operator_kept(cli, initialised, tmp_path):
    db = initialised.url
    result = _resend(cli, db, tmp_path, "--update")
    assert result.exit_code == 0, result.output
    case, shop = _respondent(cli, db)
    assert case["subject_matter_location"] == "410811", case
    assert (shop["legal_rep"], shop["operator_address"]) == ("钱某", HOME), shop
    said = flat(result.output)
    assert f"│{SHOP}│经营者│钱某│钱二│内容不同：保留原登记│" in said, result.output


def test_import_update_reports_a_changed_cause_as_not_changed_by_import(cli, initialised, tmp_path):
    db = initialised.url
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    values = {"shop": SHOP, "id": OPERATOR_ID, "at": SHOP_AT, "where": "", "home": ""}
    first.write_text(HEADER + ROW.format(operator="钱某", **values))
    # the kind stays: 企业 with a 经营者 (and its resident ID) is refused by intake, not
    # compared (民诉法解释 (2022) art. 59; intake/rows._representative)
    changed = ROW.replace("买卖合同纠纷", "服务合同纠纷")
    resent.write_text(HEADER + changed.format(operator="钱某", **values))
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    result = run(cli, db, "--json", "import", str(resent), "--update", "--overwrite")
    assert result.exit_code == 0, result.output
    changes = {(c["field"], c["action"]) for c in json.loads(result.stdout)["changes"]}
    assert ("cause", "kept") in changes, changes
    table = flat(run(cli, db, "import", str(resent), "--update", "--overwrite").output)
    assert "内容不同：导入不更改此项" in table, table
    assert _respondent(cli, db)[0]["cause"] == "买卖合同纠纷"


# A company re-sent with its 类型 blank and a 经营者 (review of 2026-12-03): the title 经营者
# would make it a 个体工商户 (民诉法解释 (2022) art. 59; domain/parties.is_registered_trader)
COMPANY_HEADER = (
    "案号,案由,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型,"
    "被申请人法定代表人,被申请人法定代表人职务,被申请人经营者\n"
)
COMPANY = "某某科技有限公司"
COMPANY_ROW = "(2026)豫0802民初953号,买卖合同纠纷,2026-11-27,410802,张一,自然人,"
COMPANY_ROW += COMPANY + ",{kind},{rep},{title},{operator}\n"


def _resend_company(cli, db, tmp_path, first_title, *options):
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    first.write_text(
        COMPANY_HEADER + COMPANY_ROW.format(kind="企业", rep="王五", title=first_title, operator="")
    )
    resent.write_text(
        COMPANY_HEADER + COMPANY_ROW.format(kind="", rep="", title="", operator="赵六")
    )
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    return run(cli, db, "import", str(resent), *options)


def test_import_update_overwrite_reports_a_company_given_an_operator_as_a_kind_difference(
    cli, initialised, tmp_path
):
    db = initialised.url
    result = _resend_company(cli, db, tmp_path, "执行董事", "--update", "--overwrite")
    assert result.exit_code == 0, result.output
    company = _respondent(cli, db)[1]
    assert (company["kind"], company["legal_rep"]) == ("enterprise", "王五"), company
    assert company["legal_rep_title"] == "执行董事", company
    said = flat(result.output)
    assert f"│{COMPANY}│类型│企业│个体工商户│内容不同：导入不更改此项" in said, result.output
    shown = run(cli, db, "case", "show", "1").output
    assert "个体工商户" not in shown and "经营场所" not in shown, shown


def test_import_update_reports_a_company_without_title_given_an_operator_as_a_kind_difference(
    cli, initialised, tmp_path
):
    db = initialised.url
    result = _resend_company(cli, db, tmp_path, "", "--update")
    assert result.exit_code == 0, result.output
    company = _respondent(cli, db)[1]
    assert (company["kind"], company["legal_rep"]) == ("enterprise", "王五"), company
    assert company["legal_rep_title"] != "经营者", company
    said = flat(result.output)
    assert f"│{COMPANY}│类型│企业│个体工商户│内容不同：导入不更改此项" in said, result.output


def test_import_update_reports_a_changed_kind_as_not_changed_by_import(cli, initialised, tmp_path):
    """A party's kind is reported, never changed (a blank cell defaults it: module docstring
    of services/reimport): the test 23a25a9 took out, on an enterprise without a 经营者."""
    db = initialised.url
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    first.write_text(
        COMPANY_HEADER + COMPANY_ROW.format(kind="企业", rep="王五", title="", operator="")
    )
    resent.write_text(
        COMPANY_HEADER + COMPANY_ROW.format(kind="自然人", rep="", title="", operator="")
    )
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    result = run(cli, db, "--json", "import", str(resent), "--update", "--overwrite")
    assert result.exit_code == 0, result.output
    changes = {(c["field"], c["action"]) for c in json.loads(result.stdout)["changes"]}
    assert ("kind", "kept") in changes, changes
    assert _respondent(cli, db)[1]["kind"] == "enterprise"


# 申请人 张三 and 被申请人 张三 (relatives of one name), a source and a date received that
# differ: the change table names each 张三 by its role and prints the source as `case show`
# does (法院委托（立案后）, not its code); two 被申请人 张三 are named, located, not guessed
NAMESAKES = "案号,案由,来源,收案日期,申请人,申请人住所,被申请人,被申请人住所\n"
NAMESAKE = "(2026)豫0802民初954号,买卖合同纠纷,{source},{on},张三,{at1},{respondents},{at2}\n"


def test_import_update_names_namesakes_by_role_and_sources_by_label(cli, initialised, tmp_path):
    db = initialised.url
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    values = {"respondents": "张三", "source": "委托", "on": "2026/1/5"}
    first.write_text(NAMESAKES + NAMESAKE.format(at1="", at2="", **values))
    values.update(source="信访", on="2026-01-06")
    resent.write_text(NAMESAKES + NAMESAKE.format(at1="甲地1号", at2="乙地2号", **values))
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    result = run(cli, db, "import", str(resent), "--update")
    assert result.exit_code == 0, result.output
    said = flat(result.output)
    assert "│2│1│张三（申请人）│住所││甲地1号│已补全│" in said, result.output
    assert "│2│1│张三（被申请人）│住所││乙地2号│已补全│" in said, result.output
    assert "│2│1││来源│法院委托（立案后）│信访│内容不同：导入不更改此项" in said, result.output
    assert "│2│1││收案日期│2026-01-05│2026-01-06│内容不同：导入不更改此项" in said, result.output
    parties = _respondent(cli, db)[0]["parties"]
    assert [(p["role"], p["address"]) for p in parties] == [
        ("applicant", "甲地1号"),
        ("respondent", "乙地2号"),
    ]


def test_import_update_refuses_to_guess_between_two_parties_of_one_role_and_name(
    cli, initialised, tmp_path
):
    db = initialised.url
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    values = {"source": "委托", "on": "2026/1/5", "at1": ""}
    first.write_text(NAMESAKES + NAMESAKE.format(respondents="张三、张三", at2="", **values))
    resent.write_text(NAMESAKES + NAMESAKE.format(respondents="张三", at2="乙地2号", **values))
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    result = run(cli, db, "import", str(resent), "--update", "--overwrite")
    assert result.exit_code == 0, result.output
    said = flat(result.output)
    assert "resent.csv第2行，被申请人：已登记案件1或本行有不止一名名为张三的被申请人" in said, said
    assert "（请用caseedit1--partyN修改）" in said, said
    assert "更新已登记案件" not in said, said
    parties = _respondent(cli, db)[0]["parties"]
    assert [p["address"] for p in parties] == [None, None, None], parties


# A 个体工商户 re-sent with a 法定代表人 column: the title would unmake it (民诉法解释 (2022)
# art. 59: its representative is its 经营者; 民事诉讼法 art. 51 an organisation's 法定代表人)
TRADER_HEADER = (
    "案号,案由,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型,被申请人证件号,"
    "被申请人住所,被申请人经营者,被申请人法定代表人,被申请人法定代表人职务\n"
)
TRADER_ROW = "(2026)豫0802民初954号,买卖合同纠纷,2026-11-27,410802,张一,自然人,"
TRADER_ROW += SHOP + ",{kind},{id},{at},{operator},{rep},{title}\n"


@pytest.mark.parametrize("title", ["法定代表人", "负责人", ""])
def test_rule_art59_import_update_reports_a_sole_trader_given_a_legal_rep_as_a_kind_difference(
    cli, initialised, tmp_path, title
):
    db = initialised.url
    first, resent = tmp_path / "first.csv", tmp_path / "resent.csv"
    first.write_text(
        TRADER_HEADER
        + TRADER_ROW.format(
            kind="个体工商户", id=OPERATOR_ID, at="", operator="钱某", rep="", title=""
        )
    )
    resent.write_text(
        TRADER_HEADER
        + TRADER_ROW.format(kind="企业", id="", at=SHOP_AT, operator="", rep="钱二", title=title)
    )
    assert json.loads(run(cli, db, "--json", "import", str(first)).stdout)["imported"] == 1
    result = run(cli, db, "--json", "import", str(resent), "--update", "--overwrite")
    assert result.exit_code == 0, result.output
    changes = {(c["field"], c["action"]) for c in json.loads(result.stdout)["changes"]}
    assert ("kind", "kept") in changes, changes
    assert not {f for f, a in changes if a in ("filled", "changed")} - {"address"}, changes
    shop = _respondent(cli, db)[1]
    assert (shop["legal_rep"], shop["legal_rep_title"]) == ("钱某", "经营者"), shop
    assert shop["address"] == SHOP_AT, shop  # the rest of the row is still applied
    said = flat(run(cli, db, "import", str(resent), "--update", "--overwrite").output)
    assert f"│{SHOP}│类型│个体工商户│企业│内容不同：导入不更改此项" in said, said


def test_rule_art59_import_json_changes_carry_a_sole_traders_kind_as_history_does(
    cli, initialised, tmp_path
):
    """A 个体工商户's changed 经营者 (民诉法解释 (2022) art. 59) in `import --json`'s changes
    carries its kind and title as the event's context does (`case history --json`), so a
    reader labels it 经营者, not 法定代表人; a field no label of a 个体工商户's has none."""
    db = initialised.url
    result = _resend(cli, db, tmp_path, "--update", "--overwrite", "--json")
    assert result.exit_code == 0, result.output
    changes = {c["field"]: c for c in json.loads(result.stdout)["changes"]}
    expected = {f"{SHOP}.kind": "enterprise", f"{SHOP}.legal_rep_title": "经营者"}
    assert changes["legal_rep"]["context"] == expected, changes
    assert changes["operator_address"]["context"] is None, changes
    assert changes["subject_matter_location"]["context"] is None, changes
    history = json.loads(run(cli, db, "--json", "case", "history", "1").stdout)
    update = next(e for e in history if e["action"] == "import_update")
    assert update["context"] == expected, update
    shown = flat(run(cli, db, "case", "history", "1").output)
    assert "经营者：钱二" in shown, shown
