"""Who is the employer of a labour dispute (2026-12-02, audit cases B98-B100), one reading for
the route, the arbitration advice and the papers' cause:

- a 个体工商户 written by its 字号 but entered as a natural person (民诉法解释 (2022) art. 59:
  "有字号的，以营业执照上登记的字号为当事人，但应同时注明该字号经营者的基本信息"; a registered
  name is 行政区划、字号、行业或者经营特点、组织形式, its 字号 two characters or more:
  企业名称登记管理规定 (2020) arts. 6, 8 — both read in LawRefBook/Laws at 2f4c5c2) is a
  个体工商户, so an employer (劳动法 art. 2 个体经济组织), and intake warns the clerk;
- a guarantor (担保公司) sued beside the employer is its surety (民法典 arts. 681, 688): the
  employer is the other respondent, whichever comes first;
- a debt cause (欠款纠纷) with a worker's wage claim routed to labour (劳动争议调解仲裁法 art.
  2(5)) names 追索劳动报酬纠纷 on the papers;
- and, beside them, a payment order goes to the court of the debtor's recorded domicile,
  never by its credit code (民事诉讼法 art. 225; 民诉法解释 art. 23).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mediate.documents.context import build_context
from mediate.documents.kinds import KINDS
from mediate.domain.confirmation import LABOUR_GROUPS, arbitration_first, is_wage_claim
from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
from mediate.domain.parties import (
    NAME_LIKE_FORMS,
    SOLE_TRADER_WORDS,
    TRADE_NAME_FORMS,
    is_employer,
    is_trade_name,
    labour_parties,
    trade_name_warnings,
)
from mediate.i18n import in_language
from mediate.intake.stream import intake_warnings
from mediate.resources import default_rules_file
from mediate.routing.causes import bundled_taxonomy, official_cause
from mediate.routing.engine import Router
from mediate.services.routing import load_rules
from tests.golden import samples

ON = dt.date(2026, 12, 2)
WORKER = Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三")

TRADE_NAMES = [
    "焦作市解放区老钱烧烤店",  # the review's case
    "老王面馆",
    "红星超市",
    "焦作市山阳区小李烟酒商行",
    "李记五金经营部",
    "张氏口腔诊所",
    "焦作市解放区光影摄影工作室",
    "温县利民家电维修服务中心",
    "焦作市马村区王家豆腐坊",
    "孟州市老刘羊肉汤馆",
    "修武县永兴面粉厂",
    "温县张记车行",
    "焦作市中站区小周五金铺",
    "博爱县利民小卖部",
    "沁阳市仁和堂药店",
    # rural shops (the review of 2026-12-02)
    "红星养殖场",
    "李庄砖厂",
    "老李粮店",
    "兴旺米店",
    "大众美容院",
    "张记烩面",
    "老王烧烤",
    "武陟县老张养猪场",
    "温县红光照相院",
]
# Real Han names ending in the single-character forms (a Han name has at most four
# characters, a compound surname's included), and a transliterated name with its ·
PERSON_NAMES = [
    "李德行",
    "王志行",
    "张一行",
    "欧阳志行",
    "司马德行",
    "王金店",
    "刘店",
    "孙铺",
    "赵馆",
    "钱厂",
    "周部",
    "吴坊",
    "李宏坊",
    "上官文部",
    "王广场",
    "李文院",
    "欧阳德场",
    "司马光院",
    "爱新觉罗·德行",
    "钱海涛",
    "孙建华",
]


def _route(*respondents: Party, cause: str = "工资纠纷", claim: str | None = None) -> str:
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(
        cause, [WORKER, *respondents], location="410802003", claim=claim, received_on=ON
    )
    return router.route(case).rule


@pytest.mark.parametrize("name", TRADE_NAMES)
def test_rule_a_trade_name_entered_as_a_person_is_a_sole_trader_and_an_employer(
    name: str,
) -> None:
    """民诉法解释 art. 59 (字号 as the party); 劳动法 art. 2 (个体经济组织): the route, the
    arbitration advice and the papers read the 字号 as a 个体工商户 — an employer as respondent,
    no worker as applicant."""
    assert is_trade_name(name) and is_employer("person", name)
    shop = Party(PartyRole.RESPONDENT, PartyKind.PERSON, name)
    assert _route(shop) == "labour"
    assert labour_parties([WORKER, shop])
    papers = official_cause("工资纠纷", labour_parties([WORKER, shop]), False, None, ON)
    assert papers == "追索劳动报酬纠纷"
    # the 字号 claiming wages from a company is no worker (劳动争议调解仲裁法 art. 2)
    claimant = Party(PartyRole.APPLICANT, PartyKind.PERSON, name)
    company = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司")
    assert not labour_parties([claimant, company])


@pytest.mark.parametrize("word", SOLE_TRADER_WORDS)
def test_rule_laobufa_1995_309_item_1_a_sole_trader_is_an_employer(word: str) -> None:
    """劳部发〔1995〕309号 item 1: "劳动法第二条中的'个体经济组织'是指一般雇工在七人以下的
    个体工商户" (read in reprints of the opinion: data/PROVENANCE.md, "The sixth check"),
    and item 2: between a 个体经济组织 and a worker "只要形成劳动关系……适用劳动法". A 个体工商户
    entered as a person is an employer, with no head count asked; the same person without the
    word is none (劳动争议解释（一） (2020) art. 2(4)-(6))."""
    trader = Party(PartyRole.RESPONDENT, PartyKind.PERSON, f"李四（{word}）")
    assert is_employer("person", trader.name)
    assert _route(trader) == "labour"
    assert labour_parties([WORKER, trader])
    assert not is_employer("person", "李四")


@pytest.mark.parametrize("name", PERSON_NAMES)
def test_rule_a_persons_own_name_is_no_trade_name(name: str) -> None:
    """A natural person's name ending in 行, 店, 坊, 部… is not read as a 字号: the single
    characters count only in names longer than a Han name (five characters or more, no ·)."""
    assert not is_trade_name(name)
    assert not is_employer("person", name)
    person = Party(PartyRole.RESPONDENT, PartyKind.PERSON, name)
    assert _route(person) != "labour"
    assert not trade_name_warnings([person])


def test_rule_trade_name_forms_that_no_person_bears_count_at_four_characters() -> None:
    """中心, 超市, 经营部… end no person's name: with a 字号 of two characters before them they
    are a trading name (企业名称登记管理规定 art. 8); the form alone, or one character before
    it, is not."""
    assert is_trade_name("老王面馆") and is_trade_name("阿强车行")
    assert not is_trade_name("超市") and not is_trade_name("王超市")
    assert not is_trade_name("李中心")


# A compound surname (《百家姓》, domain.parties.COMPOUND_SURNAMES) and a two-character given
# name that is also a 字号's form (NAME_LIKE_FORMS): four characters that may be a person's
COMPOUND_SURNAME_NAMES = ["欧阳中心", "司马中心", "东方中心"]
# A compound surname before a form that is never a given name: a 字号 (the review of
# 2026-12-02 found these read as people, so a wage dispute against them found no employer)
COMPOUND_SURNAME_TRADE_NAMES = [
    "东方超市",
    "东门商店",
    "西门饭店",
    "南门酒店",
    "百里商行",
    "司马超市",
    "东方药房",
    "慕容门市",
    "上官商行",
    "诸葛诊所",
]


@pytest.mark.parametrize("name", COMPOUND_SURNAME_NAMES)
def test_rule_a_compound_surname_and_a_form_that_is_a_given_name_is_no_trade_name(
    name: str,
) -> None:
    """欧阳中心 is 欧阳 and the given name 中心, or a 字号 欧阳 with the form 中心 (企业名称登记
    管理规定 art. 8: a 字号 of two characters): the "ending" is a given name, so the name is
    ambiguous and read as a person's unless another signal says it trades — the words
    个体工商户, a 行政区划 before it, a longer 字号 (民诉法解释 art. 59)."""
    assert not is_trade_name(name)
    person = Party(PartyRole.RESPONDENT, PartyKind.PERSON, name)
    assert not is_employer("person", name) and not trade_name_warnings([person])
    assert _route(person) != "labour"
    # another signal: the sole trader's words, or a longer name, still read as trading
    assert is_employer("person", f"{name}（个体工商户）")
    assert is_trade_name(f"焦作市{name}") and is_trade_name(f"{name[:2]}老王{name[2:]}")


@pytest.mark.parametrize("name", COMPOUND_SURNAME_TRADE_NAMES)
def test_rule_a_compound_surname_before_a_form_no_given_name_bears_is_a_trade_name(
    name: str,
) -> None:
    """超市, 商店, 饭店, 酒店, 商行, 药房, 门市, 诊所 are never given names, so 东方超市 is the
    字号 东方 and its form (企业名称登记管理规定 art. 8), not a person: a 个体工商户 and the
    employer of a wage dispute (民诉法解释 art. 59; 劳动法 art. 2)."""
    assert is_trade_name(name) and is_employer("person", name)
    shop = Party(PartyRole.RESPONDENT, PartyKind.PERSON, name)
    assert trade_name_warnings([shop])
    assert _route(shop) == "labour"
    papers = official_cause("工资纠纷", labour_parties([WORKER, shop]), False, None, ON)
    assert papers == "追索劳动报酬纠纷"


def test_rule_the_forms_that_are_given_names_are_trade_name_forms() -> None:
    """NAME_LIKE_FORMS only narrows TRADE_NAME_FORMS: each is a two-character form (the whole
    given name after a compound surname)."""
    assert set(NAME_LIKE_FORMS) <= set(TRADE_NAME_FORMS)
    assert all(len(form) == 2 for form in NAME_LIKE_FORMS)


def test_rule_intake_warns_that_a_trade_name_is_recorded_as_a_sole_trader() -> None:
    """case new and import (intake_warnings) tell the clerk to record the 字号 as a
    个体工商户 with its operator (民诉法解释 art. 59); an organisation or a person's own name
    gets no such warning."""
    shop = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "焦作市解放区老钱烧烤店")
    company = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作市解放区老钱烧烤店")
    with in_language("zh_CN"):
        case = CaseInput("工资纠纷", [WORKER, shop], received_on=ON)
        (warning,) = intake_warnings(case)
        assert warning.startswith("焦作市解放区老钱烧烤店登记为自然人，但名称像是字号")
        assert "类型改为个体工商户" in warning and "经营者" in warning
        assert "民诉法解释第五十九条" in warning and warning.endswith("。")  # as the others
        assert not intake_warnings(CaseInput("工资纠纷", [WORKER, company], received_on=ON))
        person = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李德行")
        assert not intake_warnings(CaseInput("工资纠纷", [WORKER, person], received_on=ON))


@pytest.mark.parametrize("guarantor_first", [True, False])
def test_rule_the_employer_is_the_respondent_that_is_not_the_guarantor(
    guarantor_first: bool,
) -> None:
    """民法典 arts. 681, 688: a 担保公司 sued beside the employer is its surety, the other is
    the employer — a company or a 字号, in either order. Beside a private person (no 个体工商户,
    劳动争议解释（一） art. 2) the guarantee company is the only one that can be the employer
    and is kept (the review of 2026-12-02): labour too; alone, it is its own staff's
    employer. Route, arbitration advice and the papers' cause agree."""
    taxonomy = bundled_taxonomy()
    claim = "支付拖欠工资12000元，担保公司承担连带保证责任"
    surety = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作市某融资担保有限公司")
    for other, labour in (
        (Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司"), True),
        (Party(PartyRole.RESPONDENT, PartyKind.PERSON, "钱海涛"), True),
        (Party(PartyRole.RESPONDENT, PartyKind.PERSON, "焦作市解放区老钱烧烤店"), True),
    ):
        respondents = (surety, other) if guarantor_first else (other, surety)
        parties = [WORKER, *respondents]
        assert (_route(*respondents, cause="欠款纠纷", claim=claim) == "labour") is labour
        assert labour_parties(parties) is labour, other.name
        papers = official_cause(
            "欠款纠纷", labour, False, taxonomy, ON, wage_claim=is_wage_claim(claim)
        )
        assert (papers == "追索劳动报酬纠纷") is labour
        groups = taxonomy.groups(papers) or ()
        assert arbitration_first(papers, groups, labour, claim) is labour
    assert labour_parties([WORKER, surety])
    # two private persons are no employer (劳动争议解释（一） art. 2(4)-(6))
    private = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "钱海涛")
    assert not labour_parties(
        [WORKER, private, Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四")]
    )


@pytest.mark.parametrize("guarantor_first", [True, False])
def test_rule_a_guarantor_sued_beside_a_private_person_is_the_employer(
    guarantor_first: bool,
) -> None:
    """劳动争议调解仲裁法 art. 2 (用人单位与劳动者), 民法典 arts. 681, 688: a guarantor is dropped
    only when another respondent can be the employer; beside 李四 (a private person) the
    融资担保有限公司 is the only one, so 工资纠纷 and 欠款纠纷 with 支付拖欠工资 go to labour,
    in either order (the review of 2026-12-02: they went to the 非诉讼服务中心)."""
    surety = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作市某某融资担保有限公司")
    person = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四")
    respondents = (surety, person) if guarantor_first else (person, surety)
    assert _route(*respondents, cause="工资纠纷") == "labour"
    assert _route(*respondents, cause="欠款纠纷", claim="支付拖欠工资") == "labour"


def test_rule_a_debt_cause_with_a_wage_claim_names_the_labour_cause_on_the_papers() -> None:
    """劳动争议调解仲裁法 art. 2(5): 欠款纠纷 with 支付拖欠工资 by a worker against his company
    is routed to labour, and the application names 追索劳动报酬纠纷 (the cause as written stays
    in cause_written); against a private person, or for goods, the words stay; routing says
    it is registered and routed as the labour cause."""
    records = samples.person_person()
    records.case.cause = "欠款纠纷"
    records.case.claim = "支付拖欠工资12000元"
    records.case.received_on = ON
    company = samples.company(1, "respondent", name="焦作乙建筑有限公司")
    records.parties = [samples.zhang(), company]
    context = build_context(KINDS["application"], records, samples.TODAY)
    assert context["case"]["cause"] == "追索劳动报酬纠纷"
    assert context["case"]["cause_written"] == "欠款纠纷"
    assert set(bundled_taxonomy().groups("追索劳动报酬纠纷") or ()) & LABOUR_GROUPS
    records.case.claim = "支付货款12000元"
    assert build_context(KINDS["application"], records, samples.TODAY)["case"]["cause"] == (
        "欠款纠纷"
    )
    records.case.claim = "支付拖欠工资12000元"
    records.parties = [samples.zhang(), samples.wang()]
    assert build_context(KINDS["application"], records, samples.TODAY)["case"]["cause"] == (
        "欠款纠纷"
    )
    company_party = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司")
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(
        "欠款纠纷",
        [WORKER, company_party],
        location="410802003",
        claim="支付拖欠工资12000元",
        received_on=ON,
    )
    with in_language("zh_CN"):
        decision = router.route(case)
    assert decision.rule == "labour"
    assert any("按 追索劳动报酬纠纷 登记、分流" in w for w in decision.warnings)


def _debtor(address: str | None = None, id_number: str | None = None) -> Party:
    name = "孟州市金鑫皮革有限公司"
    return Party(
        PartyRole.RESPONDENT, PartyKind.ENTERPRISE, name, address=address, id_number=id_number
    )


def test_rule_a_payment_order_is_never_placed_by_the_debtors_credit_code() -> None:
    """民事诉讼法 (2023) art. 225 and 民诉法解释 (2022) art. 23 (read in LawRefBook/Laws at
    2f4c5c2): a payment order goes to the basic court of the debtor's domicile. A credit
    code's division digits name the registering authority, not the domicile: a debtor
    company whose code says 孟州 (410883) but with no recorded address is placed nowhere —
    the case stays at the city's hub and the warning names the debtor's domicile as what is
    missing (audit cases A29, B57 hold the import path)."""
    router = Router(load_rules(default_rules_file()))
    debtor = _debtor(id_number="91410883MAL6B3HN2R")
    creditor = Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "焦作市恒信钢材有限公司")
    decision = router.route(CaseInput("申请支付令", [creditor, debtor], amount=None))
    assert decision.org.kind == "non_litigation_center"
    assert decision.org.id != "jz-410883-court"
    (asked,) = [w for w in decision.warnings if "no court is named" in w]
    assert "the debtor's domicile" in asked and "art. 225" in asked


def test_rule_a_payment_order_goes_to_the_court_of_the_debtors_recorded_domicile() -> None:
    """民诉法解释 (2022) art. 23 "由债务人住所地基层人民法院管辖" (民事诉讼法 art. 225; read in
    LawRefBook/Laws at 2f4c5c2): the debtor's (a respondent's) recorded address places the
    payment order, before where the dispute arose — a 孟州 debtor's order taken in at 解放区
    goes to 孟州市人民法院, with no request to check the place; with no debtor's address the
    recorded place still serves, and a creditor's domicile is only a place to check."""
    router = Router(load_rules(default_rules_file()))
    creditor = Party(
        PartyRole.APPLICANT, PartyKind.PERSON, "张三", address="焦作市解放区新华街道1号"
    )
    debtor, unplaced = _debtor(address="孟州市会昌街道1号"), _debtor()
    for location in ("410802003", None):
        decision = router.route(CaseInput("申请支付令", [creditor, debtor], location=location))
        assert decision.org.id == "jz-410883-court", location
        assert not any("check that" in w for w in decision.warnings), decision.warnings
        assert not any("debtor's domicile" in w for w in decision.warnings), decision.warnings
    placed = router.route(CaseInput("申请支付令", [creditor, unplaced], location="410802003"))
    assert placed.org.id == "jz-410802-court"
    (missing,) = [w for w in placed.warnings if "No debtor's domicile recorded" in w]
    assert "art. 23" in missing
    # a debtor recorded outside the network: not the court where the dispute arose, but
    # the hub, with a warning naming the debtor's domicile as the court's place
    away = Party(
        PartyRole.RESPONDENT,
        PartyKind.ENTERPRISE,
        "郑州市乙有限公司",
        address="郑州市金水区花园路1号",
    )
    outside = router.route(CaseInput("申请支付令", [creditor, away], location="410802003"))
    assert outside.org.kind == "non_litigation_center", outside.org
    (named,) = [w for w in outside.warnings if "The debtor's domicile" in w]
    assert "郑州市金水区花园路1号" in named and "art. 23" in named
    by_creditor = router.route(CaseInput("申请支付令", [creditor, unplaced]))
    assert by_creditor.org.id == "jz-410802-court"
    assert any("art. 225" in w and "check that" in w for w in by_creditor.warnings)
    # an ordinary dispute is not placed by the respondent's address over its place
    loan = router.route(CaseInput("民间借贷纠纷", [creditor, debtor], location="410802003"))
    assert loan.org.id != "jz-410883-court" and "410883" not in loan.org.id


def test_rule_a_debt_cause_with_a_wage_claim_is_read_once_when_routed(monkeypatch) -> None:
    """劳动争议调解仲裁法 art. 2(5): whether 欠款纠纷 with a worker's wage claim against his
    company is one for wages (domain.confirmation.debt_cause_of_wages) was decided twice
    for routing's warning — by wage_claim_against_employer, then again inside official_cause
    with that answer passed as the claim's flag. The router passes the claim's flag
    (is_wage_claim) and official_cause decides once; the warning is the same."""
    import mediate.domain.confirmation as confirmation
    import mediate.routing.causes as causes

    decided: list[bool] = []
    real = confirmation.debt_cause_of_wages

    def counted(cause: str, wage_claim: bool, employer: bool) -> bool:
        decided.append(wage_claim)
        return real(cause, wage_claim, employer)

    monkeypatch.setattr(confirmation, "debt_cause_of_wages", counted)
    monkeypatch.setattr(causes, "debt_cause_of_wages", counted)
    company = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司")
    case = CaseInput(
        "欠款纠纷", [WORKER, company], location="410802003", claim="支付拖欠工资12000元"
    )
    with in_language("zh_CN"):
        decision = Router(load_rules(default_rules_file())).route(case)
    assert decision.rule == "labour"
    assert decision.warnings == [
        "案由“欠款纠纷”按 追索劳动报酬纠纷 登记、分流；向法院提交的文书写 追索劳动报酬纠纷。"
    ], decision.warnings
    assert decided == [True]


def _trader(address: str | None, operator_address: str | None) -> Party:
    """A 个体工商户 as intake records one: kind enterprise, its 经营者 as representative,
    `address` its 经营场所 and `operator_address` the operator's own 住所."""
    return Party(
        PartyRole.RESPONDENT,
        PartyKind.ENTERPRISE,
        "孟州市老王建材经营部",
        address=address,
        legal_rep="王某",
        legal_rep_title="经营者",
        operator_address=operator_address,
    )


def test_rule_a_payment_order_against_a_sole_trader_follows_its_operators_domicile() -> None:
    """民诉法解释 (2022) art. 23 (the debtor's 住所地), art. 59 (a 个体工商户 is its registered
    operator in litigation), art. 3 (a 公民's 住所地 is his 户籍所在地), art. 4 and 民事诉讼法
    (2023) art. 22 ¶1 — read in LawRefBook/Laws: a payment order against a 个体工商户 goes to
    the court of its operator's domicile, not of its 经营场所; with only the 经营场所 recorded
    the warning says that it is no 住所地 and asks for the operator's domicile."""
    router = Router(load_rules(default_rules_file()))
    creditor = Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三")
    lives_in_wuzhi = _trader("孟州市会昌街道1号", "武陟县木城街道2号")
    decision = router.route(CaseInput("申请支付令", [creditor, lives_in_wuzhi]))
    assert decision.org.id == "jz-410823-court", decision.org.id
    assert not any("check that" in w for w in decision.warnings), decision.warnings
    shop_only = _trader("孟州市会昌街道1号", None)
    placed = router.route(CaseInput("申请支付令", [creditor, shop_only], location="410802003"))
    assert placed.org.id != "jz-410883-court"
    (said,) = [w for w in placed.warnings if "sole trader" in w]
    assert "registered operator" in said and "arts. 3, 4, 23, 59" in said
    assert not any("No debtor's domicile recorded" in w for w in placed.warnings)
    with in_language("zh_CN"):
        zh = router.route(CaseInput("申请支付令", [creditor, shop_only], location="410802003"))
    (said_zh,) = [w for w in zh.warnings if "个体工商户" in w and "支付令" in w]
    assert "经营者的住所地" in said_zh and "而非其经营场所" in said_zh
    away = _trader("孟州市会昌街道1号", "郑州市金水区花园路1号")
    outside = router.route(CaseInput("申请支付令", [creditor, away], location="410802003"))
    (named,) = [w for w in outside.warnings if "The debtor's domicile" in w]
    assert "郑州市金水区花园路1号" in named and "孟州市会昌街道1号" not in named
