"""A 个体工商户's 经营者 and an organisation's 法定代表人, as a clerk types and reads them
(the review of 2026-12-03, walking as a clerk under MEDIATE_LANG=zh at 80 columns).

- 民诉法解释 (2022) art. 59: a 个体工商户 is the party with its 经营者 (stored as an
  enterprise whose representative is titled 经营者, domain/parties.py OPERATOR).
- 民事诉讼法 art. 51: an organisation is represented by its 法定代表人 (a branch by its 负责人).
- 市场主体登记管理条例 (2021) art. 8 para. 2(四): a 个体工商户 registers a 经营场所; anyone
  else's address is its 住所.
"""

import json

import pytest

from mediate import console
from tests.e2e.trader_helpers import COMPANY, edit_by_form, flat, new_case, party, run

HEADER = "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型"


def imported(cli, db, tmp_path, header, *rows):
    path = tmp_path / "sheet.csv"
    lines = [f"{HEADER},{header}"]
    lines += [
        f"(2026)豫0802民初{930 + i}号,买卖合同纠纷,自行受理,2026-11-27,410802,张{i},自然人,{row}"
        for i, row in enumerate(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return run(cli, db, "import", str(path), "--errors", str(tmp_path / "errors.csv"))


def trader_without_id(cli, db, tmp_path):
    """Case 1: 王记 (a name that reads as a person's), 个体工商户, no ID number, 经营者 李四."""
    result = imported(cli, db, tmp_path, "被申请人经营者", "王记,个体工商户,李四")
    assert result.exit_code == 0, result.output
    return "1"


def test_rule_art59_a_sole_trader_without_an_id_number_has_its_operator_changed(
    cli, initialised, tmp_path
):
    """It was read as a natural person (no ID to say otherwise) and refused: 第2个当事人的
    法定代表人：自然人没有法定代表人, naming a field the clerk had not typed."""
    db = initialised.url
    case = trader_without_id(cli, db, tmp_path)
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "经营者=王八")
    assert edited.exit_code == 0, edited.output
    shop = party(cli, db, case, 2)
    assert (shop["kind"], shop["legal_rep"], shop["legal_rep_title"]) == (
        "enterprise",
        "王八",
        "经营者",
    )


def test_rule_art59_history_names_a_sole_traders_representative_its_operator(
    cli, initialised, tmp_path
):
    db = initialised.url
    case = trader_without_id(cli, db, tmp_path)
    edited = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "经营者=李小四")
    assert edited.exit_code == 0, edited.output
    history = flat(run(cli, db, "case", "history", case).stdout)
    assert "当事人2经营者：李四" in history and "当事人2经营者：李小四" in history, history
    assert "法定代表人" not in history, history


def test_rule_art59_operator_typed_for_a_natural_person_is_refused_by_that_name(
    cli, initialised, tmp_path
):
    db = initialised.url
    case = trader_without_id(cli, db, tmp_path)
    result = run(cli, db, "case", "edit", case, "-y", "--party", "1", "--set", "经营者=王八")
    assert result.exit_code == 2, result.output
    said = flat(result.stderr)
    assert "第1个当事人的经营者：只有个体工商户才有经营者" in said, result.stderr
    assert "法定代表人" not in said, result.stderr


def test_rule_art8_place_of_business_typed_for_a_natural_person_is_refused(
    cli, initialised, tmp_path
):
    """经营场所 on a natural person silently changed its 住所: refused, naming both."""
    db = initialised.url
    case = trader_without_id(cli, db, tmp_path)
    result = run(cli, db, "case", "edit", case, "-y", "--party", "1", "--set", "经营场所=某地")
    assert result.exit_code == 2, result.output
    said = flat(result.stderr)
    assert "第1个当事人的经营场所：只有个体工商户才有经营场所" in said, result.stderr
    assert "请填写其住所" in said, result.stderr
    assert party(cli, db, case, 1)["address"] is None
    # a 个体工商户's 经营场所 is still its address
    shop = run(cli, db, "case", "edit", case, "-y", "--party", "2", "--set", "经营场所=某地")
    assert shop.exit_code == 0, shop.output
    assert party(cli, db, case, 2)["address"] == "某地"


def test_rule_art59_the_edit_form_shows_values_by_their_labels_and_the_operator(
    cli, initialised, tmp_path, monkeypatch
):
    """The form showed 法定代表人 (李四), 诉讼地位 (respondent), 类型 (enterprise), 来源
    (self_accepted): a 个体工商户's representative is its 经营者, values in the clerk's words;
    Enter on each changes nothing."""
    db = initialised.url
    case = trader_without_id(cli, db, tmp_path)
    result, shown = edit_by_form(cli, db, case, monkeypatch, {}, skip="张0")  # 王记 only
    assert result.exit_code == 0, result.output
    assert shown["来源"] == "自行受理" and shown["诉讼地位"] == "被申请人", shown
    assert shown["类型"] == "个体工商户" and shown["经营者"] == "李四", shown
    assert "法定代表人" not in shown and "法定代表人职务" not in shown, shown
    assert "未作任何修改" in result.output, result.output


def test_rule_art59_a_company_with_an_operator_column_filled_is_refused_not_made_a_trader(
    cli, initialised, tmp_path
):
    """企业 with 被申请人经营者 filled was imported as a 个体工商户 without a word: the stated
    kind wins, and the row is refused naming both columns (kept whole in --errors), as is
    a 个体工商户 with a 法定代表人; a 个体工商户 with its 经营者 is still taken."""
    db = initialised.url
    result = imported(
        cli,
        db,
        tmp_path,
        "被申请人经营者,被申请人法定代表人",
        f"{COMPANY},企业,王五,",
        "王记,个体工商户,,赵六",
        "王记,个体工商户,李四,",
    )
    assert result.exit_code == 1, result.output
    said = flat(result.stderr)
    assert "第2行，被申请人经营者：被申请人类型为企业，但只有个体工商户才有经营者" in said, said
    assert "第3行，被申请人法定代表人：被申请人类型为个体工商户" in said, said
    assert "未使用的列" not in said, said
    errors = (tmp_path / "errors.csv").read_text(encoding="utf-8-sig")
    assert COMPANY in errors and "王五" in errors, errors
    shop = party(cli, db, 1, 2)
    assert (shop["kind"], shop["legal_rep"], shop["legal_rep_title"]) == (
        "enterprise",
        "李四",
        "经营者",
    )


def test_rule_art51_import_takes_an_organisations_legal_representative_and_title(
    cli, initialised, tmp_path
):
    """被申请人法定代表人 was an unused column: it is an organisation's 法定代表人 (民事诉讼法
    art. 51), with 被申请人法定代表人职务; `import --template` lists both."""
    db = initialised.url
    result = imported(
        cli,
        db,
        tmp_path,
        "被申请人法定代表人,被申请人法定代表人职务",
        f"{COMPANY},企业,赵六,执行董事",
    )
    assert result.exit_code == 0, result.output
    assert "未使用的列" not in flat(result.stderr), result.stderr
    company = party(cli, db, 1, 2)
    assert (company["kind"], company["legal_rep"], company["legal_rep_title"]) == (
        "enterprise",
        "赵六",
        "执行董事",
    )
    template = tmp_path / "template.csv"
    made = run(cli, db, "import", "--template", str(template))
    assert made.exit_code == 0, made.output
    header = template.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "被申请人法定代表人" in header and "被申请人法定代表人职务" in header, header


def test_rule_art51_case_show_prints_the_procedure_and_an_organisations_legal_rep(
    cli, initialised, tmp_path
):
    """case show printed neither the 适用程序 (a 委托 case's time limit depends on it) nor an
    enterprise's 法定代表人 (民事诉讼法 art. 51; a branch's 负责人, 民诉法解释 art. 50): both,
    labelled, whole at 80 columns."""
    from rich.cells import cell_len

    db = initialised.url
    result = imported(
        cli,
        db,
        tmp_path,
        "被申请人法定代表人,被申请人法定代表人职务,适用程序",
        f"{COMPANY},企业,赵六,执行董事,简易程序",
        "某银行焦作分行,企业,钱七,,",
    )
    assert result.exit_code == 0, result.output
    console.reset(width=80)  # the suite's console is 200 wide; the conftest resets it after
    first = run(cli, db, "case", "show", "1").stdout
    assert "…" not in first and all(cell_len(line) <= 80 for line in first.splitlines())
    assert "适用程序简易程序" in flat(first), first
    rows = [line.split("│")[1:-1] for line in first.splitlines() if line.startswith("│")]
    name = "".join("".join(row[3].split()) for row in rows)  # the cell's lines, joined
    assert "法定代表人：赵六（执行董事）" in name, first
    second = flat(run(cli, db, "case", "show", "2").stdout)
    assert "负责人：钱七" in second and "法定代表人" not in second, second


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        (f"名称={COMPANY}，类型=企业，经营者=王五", "类型为企业，但只有个体工商户才有经营者"),
        ("名称=王记，类型=个体工商户，法定代表人=赵六", "类型为个体工商户：个体工商户有经营者"),
        ("名称=王记，经营者=李四，法定代表人=赵六", "经营者和法定代表人都已填写"),
        # the title says who the name is (the review of 2026-12-03: 类型=企业 with
        # 职务=经营者 and 法定代表人=李四 was stored as a 个体工商户)
        (
            f"名称={COMPANY}，类型=企业，职务=经营者，法定代表人=李四",
            "只有个体工商户才有经营者：请将类型填为个体工商户，或将姓名填在法定代表人（职务不填经营者）下",
        ),
        (
            "名称=王记，类型=个体工商户，职务=法定代表人，经营者=李四",
            "经营者和职务=法定代表人都已填写",
        ),
    ],
)
def test_rule_art59_case_new_refuses_a_kind_its_representative_contradicts(
    cli, initialised, spec, said
):
    """类型=企业 with 经营者=王五 was stored as the company's 法定代表人 without a word: the
    kind typed wins and the party is refused naming the keys as typed (exit 2), as an
    import row is (民诉法解释 (2022) art. 59)."""
    result = new_case(cli, initialised.url, spec)
    assert result.exit_code == 2, result.output
    assert said in flat(result.stderr), result.stderr
    assert "--respondent" in result.stderr, result.stderr


def test_rule_art59_case_new_takes_an_operator_without_a_kind_as_a_sole_trader(cli, initialised):
    """A 经营者 with no kind typed makes a 个体工商户, as an import row's does."""
    db = initialised.url
    result = new_case(cli, db, "名称=王记，经营者=李四")
    assert result.exit_code == 0, result.output
    shop = party(cli, db, json.loads(result.stdout)["id"], 2)
    assert (shop["kind"], shop["legal_rep"], shop["legal_rep_title"]) == (
        "enterprise",
        "李四",
        "经营者",
    )


def test_rule_art51_case_new_takes_a_companys_legal_representative(cli, initialised):
    db = initialised.url
    result = new_case(
        cli, db, f"名称={COMPANY}，类型=企业，法定代表人=赵六，法定代表人职务=执行董事"
    )
    assert result.exit_code == 0, result.output
    company = party(cli, db, json.loads(result.stdout)["id"], 2)
    assert (company["kind"], company["legal_rep"], company["legal_rep_title"]) == (
        "enterprise",
        "赵六",
        "执行董事",
    )
