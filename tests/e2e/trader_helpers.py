"""A clerk's commands about a 个体工商户 and an organisation's representative, shared by
test_sole_trader_cli.py, test_operator_and_legal_rep_cli.py and test_reimport_columns_cli.py:
the clerk's environment (MEDIATE_LANG=zh at 80 columns), a case against a 个体工商户, the
case as `case show --json` gives it, and `case edit` at a terminal with its form answered."""

from __future__ import annotations

import json

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
SHOP = "焦作市解放区老钱烧烤店"
COMPANY = "焦作市某某商贸有限公司"
OPERATOR_ID = "410802198001010016"  # check digit as stdnum.cn.ric.calc_check_digit
BAD_ID = "410802198001010011"  # the same with a wrong check digit
# 市场主体登记管理条例 (2021) art. 8 para. 2(四) (read in LawRefBook/Laws at 6ef77b0) registers
# "个体工商户的经营者姓名、住所、经营场所": the operator's 住所 is not the shop's
SHOP_AT = "焦作市解放区民主南路9号"
HOME = "焦作市山阳区焦东路8号"


def run(cli, db, *args):
    return cli(["--db", db, "--clerk", "李书记员", *args], env=ZH)


def flat(text):
    return "".join(text.split())


def new_case(cli, db, respondent):
    """`case new --json` of a 追索劳动报酬纠纷 (8000 yuan) by 张三 against `respondent`."""
    return run(
        cli, db, "--no-input", "--json", "case", "new", "--cause", "追索劳动报酬纠纷",
        "--amount", "8000", "--location", "410802", "--received", "2026-11-20",
        "--applicant", "姓名=张三", "--respondent", respondent,
    )  # fmt: skip


def new_trader_case(cli, db):
    """A case against a 个体工商户 with its 经营场所 and its operator's 住所, the applicant a
    person with a 住所: the case's id."""
    spec = f"名称={SHOP}，类型=个体工商户，证件号码={OPERATOR_ID}，经营者=钱某，经营场所={SHOP_AT}"
    created = run(
        cli, db, "--no-input", "--json", "case", "new", "--cause", "追索劳动报酬纠纷",
        "--location", "410802", "--received", "2026-11-20",
        "--applicant", f"姓名=张三，住所={HOME}", "--respondent", f"{spec}，经营者住所={HOME}",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    return str(json.loads(created.stdout)["id"])


def shown(cli, db, case):
    """The case as `case show --json` gives it."""
    return json.loads(run(cli, db, "case", "show", str(case), "--json").stdout)


def party(cli, db, case, n):
    """The case's party `n` (from 1) as `case show --json` gives it."""
    return shown(cli, db, case)["parties"][n - 1]


def edit_by_form(cli, db, case, monkeypatch, answers, *, skip="张三"):
    """`case edit ID` at a terminal editing every party but `skip` (by name): each field
    answered by `answers` (label -> typed text), Enter (its default) elsewhere, yes to
    saving; the result and the prompts with the defaults they showed (label -> default)."""
    from mediate import console
    from mediate.commands import case_desk

    asked: list[tuple[str, str | None]] = []

    def ask(prompt, default=None):
        asked.append((prompt, default))
        return answers.get(prompt) or default or ""

    monkeypatch.setattr(case_desk, "is_interactive", lambda no_input: True)
    monkeypatch.setattr(console, "ask", ask)
    monkeypatch.setattr(console, "confirm", lambda prompt, default=True: skip not in prompt)
    return run(cli, db, "case", "edit", case), dict(asked)
