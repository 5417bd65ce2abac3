"""A 个体工商户's 经营者's own 住所 (operator_address), apart from the business's 住所:
市场主体登记管理条例 (2021) art. 8 para. 2(四) (read in LawRefBook/Laws at 6ef77b0) registers
"个体工商户的经营者姓名、住所、经营场所", and 民诉法解释 (2022) art. 59 has the 字号 stated
"但应同时注明该字号经营者的基本信息". Taken by case new, case edit --set and import; named in
case history; refused on a party that is no 个体工商户."""

import json

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
SHOP = "焦作市解放区老钱烧烤店"
OPERATOR_ID = "410802198001010016"  # check digit as stdnum.cn.ric.calc_check_digit
SHOP_AT = "焦作市解放区民主南路9号"
HOME = "焦作市山阳区焦东路8号"


def run(cli, db, *args):
    return cli(["--db", db, "--clerk", "李书记员", *args], env=ZH)


def flat(text):
    return "".join(text.split())


def new_case(cli, db, respondent):
    return run(
        cli, db, "--no-input", "--json", "case", "new", "--cause", "买卖合同纠纷",
        "--amount", "8000", "--location", "410802", "--received", "2026-11-20",
        "--applicant", "姓名=张三", "--respondent", respondent,
    )  # fmt: skip


def shop_of(cli, db, case):
    shown = run(cli, db, "case", "show", str(case), "--json")
    return json.loads(shown.stdout)["parties"][1]


def test_rule_art8_case_new_stores_the_operators_domicile_apart_from_the_shops(cli, initialised):
    db = initialised.url
    spec = f"名称={SHOP}，类型=个体工商户，证件号码={OPERATOR_ID}，经营者=钱某，住所={SHOP_AT}"
    result = new_case(cli, db, f"{spec}，经营者住所={HOME}")
    assert result.exit_code == 0, result.output
    shop = shop_of(cli, db, json.loads(result.stdout)["id"])
    assert (shop["address"], shop["operator_address"]) == (SHOP_AT, HOME)


def test_rule_art8_a_company_or_a_person_has_no_operators_domicile(cli, initialised):
    company = f"名称=焦作市某某有限公司，类型=企业，经营者住所={HOME}"
    result = new_case(cli, initialised.url, company)
    assert result.exit_code == 2, result.output
    assert "只有个体工商户才有经营者住所" in flat(result.stderr), result.stderr


def test_rule_art8_case_edit_sets_the_operators_domicile_and_history_names_it(cli, initialised):
    db = initialised.url
    spec = f"名称={SHOP}，类型=个体工商户，证件号码={OPERATOR_ID}，经营者=钱某"
    created = new_case(cli, db, spec)
    assert created.exit_code == 0, created.output
    case = str(json.loads(created.stdout)["id"])
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", f"经营者住所={HOME}")
    assert edited.exit_code == 0, edited.output
    assert "经营者住所" in edited.stdout, edited.stdout
    shop = shop_of(cli, db, case)
    assert (shop["operator_address"], shop["legal_rep_title"]) == (HOME, "经营者")
    history = flat(run(cli, db, "case", "history", case).stdout)
    assert f"当事人2经营者住所：{HOME}" in history, history
    person = run(cli, db, "case", "edit", case, "-y", "--party", "1", "--set", f"经营者住所={HOME}")
    assert person.exit_code == 2, person.output  # 张三 is no 个体工商户
    assert "只有个体工商户才有经营者住所" in flat(person.stderr), person.stderr


def test_rule_art8_an_import_row_takes_the_operators_domicile_column(cli, initialised, tmp_path):
    db = initialised.url
    path = tmp_path / "traders.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型,"
        "被申请人证件号,被申请人住所,被申请人经营者住所\n"
        f"(2026)豫0802民初921号,买卖合同纠纷,自行受理,2026-11-27,410802,张一,自然人,"
        f"{SHOP},个体工商户,{OPERATOR_ID},{SHOP_AT},{HOME}\n"
        f"(2026)豫0802民初922号,买卖合同纠纷,自行受理,2026-11-27,410802,张二,自然人,"
        f"焦作市某某有限公司,企业,,{SHOP_AT},{HOME}\n",
        encoding="utf-8",
    )
    result = run(cli, db, "--json", "import", str(path))
    report = json.loads(result.stdout)
    assert (report["imported"], report["rejected"]) == (1, 1), report
    shop = shop_of(cli, db, 1)
    assert (shop["address"], shop["operator_address"]) == (SHOP_AT, HOME)
    assert "被申请人经营者住所" in json.dumps(report, ensure_ascii=False), report
