"""A party's 经营场所 column read beside its 住所 by `mediate import`, never dropped.

市场主体登记管理条例 (2021) art. 8 (read in LawRefBook/Laws at 6ef77b0 and 1c4e997) registers
every market entity's "住所或者主要经营场所" (para. 1(四)) and a 个体工商户's "经营者姓名、住所、
经营场所" (para. 2(四)): a 个体工商户's address is read as its 经营场所, and the 住所 as its
经营者's (operator_address). Any other party's address is read from its 住所 column; its
经营场所 is read only where the 住所 is blank. (Review of 43c5dc4: with both columns the
经营场所 one was dropped into ignored_columns and a 个体工商户's 住所 printed labelled
经营场所.)"""

import json

import pytest

ZH = {"MEDIATE_LANG": "zh"}
SHOP = "焦作市解放区老钱烧烤店"
OPERATOR_ID = "410802198001010016"
SHOP_AT = "焦作市解放区民主南路9号"
HOME = "焦作市山阳区焦东路8号"
ELSEWHERE = "焦作市中站区府城街道2号"
HEADER = ["案由", "申请人", "被申请人", "被申请人类型", "被申请人证件号"]
BOTH = [*HEADER, "被申请人住所", "被申请人经营场所", "被申请人经营者住所"]


def imported(cli, db, tmp_path, header, *rows):
    """`mediate --json import` of a CSV of `rows` under `header`, in Chinese: the report
    and the respondent (`case show --json`) of each case imported, in row order."""
    sheet = tmp_path / "referrals.csv"
    lines = [",".join(header), *(",".join(["买卖合同纠纷", "张三", *row]) for row in rows)]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(["--db", db, "--clerk", "李书记员", "--json", "import", str(sheet)], env=ZH)
    report = json.loads(result.stdout)
    respondents = []
    for case in range(1, report["imported"] + 1):
        shown = cli(["--db", db, "case", "show", str(case), "--json"], env=ZH)
        respondents.append(json.loads(shown.stdout)["parties"][1])
    return report, respondents


def places(party):
    return party["address"], party["operator_address"]


def test_rule_art8_para2_4_a_sole_traders_address_is_its_place_of_business(
    cli, initialised, tmp_path
):
    """Given alone, or with the same 住所, the 经营场所 is the address; with another 住所
    and no 经营者住所, that 住所 is the operator's."""
    report, shops = imported(
        cli, initialised.url, tmp_path, BOTH,
        [SHOP, "个体工商户", OPERATOR_ID, "", SHOP_AT, ""],
        ["焦作市解放区老孙烧烤店", "个体工商户", OPERATOR_ID, SHOP_AT, SHOP_AT, ""],
        ["焦作市解放区老李烧烤店", "个体工商户", OPERATOR_ID, HOME, SHOP_AT, ""],
        ["焦作市解放区老周烧烤店", "个体工商户", OPERATOR_ID, HOME, SHOP_AT, HOME],
    )  # fmt: skip
    assert (report["imported"], report["rejected"], report["warnings"]) == (4, 0, [])
    assert report["ignored_columns"] == []
    assert [places(s) for s in shops] == [
        (SHOP_AT, None),
        (SHOP_AT, None),
        (SHOP_AT, HOME),
        (SHOP_AT, HOME),
    ]
    assert {s["legal_rep_title"] for s in shops} == {"经营者"}


def test_rule_art8_para2_4_a_sole_traders_two_addresses_and_another_operators_reject_the_row(
    cli, initialised, tmp_path
):
    """住所, 经营场所 and 经营者住所 all different: which is whose cannot be told."""
    report, _ = imported(
        cli, initialised.url, tmp_path, BOTH,
        [SHOP, "个体工商户", OPERATOR_ID, HOME, SHOP_AT, ELSEWHERE],
    )  # fmt: skip
    assert (report["imported"], report["rejected"]) == (0, 1)
    assert report["ignored_columns"] == []
    [error] = report["errors"]
    assert (error["row"], error["field"]) == (2, "被申请人住所")
    said = error["message"]
    assert "个体工商户的被申请人住所与被申请人经营场所不同" in said, said
    assert "请清空被申请人住所或被申请人经营者住所" in said, said


def test_rule_art8_para2_4_another_partys_place_of_business_fills_a_blank_domicile(
    cli, initialised, tmp_path
):
    report, parties = imported(
        cli, initialised.url, tmp_path, BOTH,
        ["李四", "自然人", "", "", SHOP_AT, ""],
        ["焦作市某某有限公司", "企业", "", HOME, HOME, ""],
    )  # fmt: skip
    assert (report["imported"], report["rejected"], report["warnings"]) == (2, 0, [])
    assert report["ignored_columns"] == []
    assert [places(p) for p in parties] == [(SHOP_AT, None), (HOME, None)]


def test_rule_art8_para2_4_another_partys_differing_place_of_business_is_named_not_dropped(
    cli, initialised, tmp_path
):
    """Not a 个体工商户: the 住所 is kept, and the 经营场所's text is told on the row and kept
    with the case (its routing warnings), so nothing is lost and the case goes in."""
    report, [person] = imported(
        cli, initialised.url, tmp_path, BOTH,
        ["李四", "自然人", "", HOME, SHOP_AT, ""],
    )  # fmt: skip
    assert (report["imported"], report["rejected"]) == (1, 0)
    assert report["ignored_columns"] == []
    assert places(person) == (HOME, None)
    [warning] = report["warnings"]
    assert (warning["row"], warning["field"]) == (2, "被申请人经营场所")
    assert f"被申请人经营场所“{SHOP_AT}”未保存" in warning["message"]
    assert f"其地址取被申请人住所“{HOME}”" in warning["message"]
    # art. 8 para. 1(四): an organisation registers a 住所 or a 主要经营场所 too; the note
    # says how the sheet is read, not that a 经营场所 is a 个体工商户's alone
    assert "李四未记为个体工商户" in warning["message"], warning["message"]
    assert "经营场所是个体工商户的地址" not in warning["message"]
    shown = cli(["--db", initialised.url, "case", "show", "1", "--json"], env=ZH)
    assert warning["message"] in json.loads(shown.stdout)["decision"]["warnings"]


@pytest.mark.parametrize("header", ["被申请人住所", "被申请人经营场所"])
def test_rule_art8_para2_4_a_sheet_with_one_of_the_two_columns_reads_it_as_the_address(
    cli, initialised, tmp_path, header
):
    report, [shop, person] = imported(
        cli, initialised.url, tmp_path, [*HEADER, header],
        [SHOP, "个体工商户", OPERATOR_ID, SHOP_AT],
        ["李四", "自然人", "", HOME],
    )  # fmt: skip
    assert (report["rejected"], report["warnings"], report["ignored_columns"]) == (0, [], [])
    assert (places(shop), places(person)) == ((SHOP_AT, None), (HOME, None))
