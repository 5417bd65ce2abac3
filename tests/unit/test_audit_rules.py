"""The general rules the audit of 2026-12 fixed (tests/data/audit/cases.yaml holds the
cases that found them), one test per rule, named after it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from mediate.documents.context import check_required
from mediate.documents.kinds import KINDS
from mediate.domain.confirmation import (
    DisputeClass,
    Place,
    VenueFacts,
    cause_notes,
    competent_courts,
    dispute_class,
)
from mediate.domain.model import CaseInput, OrgKind, Party, PartyKind, PartyRole, Source
from mediate.errors import ValidationError
from mediate.intake.columns import ALIASES, STANDARD_HEADERS, match_headers
from mediate.intake.values import parse_source
from mediate.resources import default_rules_file
from mediate.routing.causes import CAUSE_VARIANTS, bundled_revision, bundled_taxonomy
from mediate.routing.engine import Router
from mediate.routing.network import bundled_network
from mediate.services.routing import load_rules


def test_court_export_party_headers_take_every_role_word_and_suffix() -> None:
    """A court system writes 原告/被告 with the suffixes a referral sheet writes with
    申请人/被申请人 (证件号码, 住址, 联系电话…)."""
    headers = ["案由", "原告", "原告证件号码", "原告住址", "被告", "被告身份证号码", "被告联系电话"]
    assert match_headers(headers) == {
        "cause": 0,
        "applicant": 1,
        "applicant_id": 2,
        "applicant_address": 3,
        "respondent": 4,
        "respondent_id": 5,
        "respondent_phone": 6,
    }
    # The template's headers stay what they were (申请人证件号 …): the first word and suffix.
    assert "申请人证件号" in STANDARD_HEADERS and "被申请人住所" in STANDARD_HEADERS
    assert "第三人证件号码" in ALIASES["third_party_id"]


@pytest.mark.parametrize(
    ("word", "source"),
    [
        ("诉前调解", Source.COURT_DELEGATED),
        ("诉中调解", Source.COURT_ENTRUSTED),
        ("立案后委托调解", Source.COURT_ENTRUSTED),
        ("12345热线", Source.TRANSFERRED),
        ("综治中心移送", Source.TRANSFERRED),
    ],
)
def test_court_system_source_words_name_their_source(word: str, source: Source) -> None:
    """DOMAIN.md §3: pre-filing (委派) and after-filing (委托) referrals, 12345 and 综治中心."""
    assert parse_source(word) is source


def test_every_cause_variant_names_an_official_cause() -> None:
    """Each variant maps to a cause of the 2025 list (法〔2025〕227号), and is none itself."""
    official = bundled_revision("2025")
    for variant, name in CAUSE_VARIANTS.items():
        assert official.find(name) is not None, name
        assert official.find(variant) is None, variant


def test_a_cause_variant_is_routed_as_its_official_cause() -> None:
    groups, hits = bundled_taxonomy().infer("网络购物合同纠纷")
    assert [h.name for h in hits] == ["信息网络买卖合同纠纷"]
    assert "买卖合同纠纷" in groups


def _referral(location: str | None) -> CaseInput:
    return CaseInput(
        cause="民间借贷纠纷",
        parties=[
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "黄勇"),
            Party(PartyRole.RESPONDENT, PartyKind.PERSON, "周杰"),
        ],
        source=Source.COURT_DELEGATED,
        referring_court="焦作市中站区人民法院",
        location=location,
    )


def test_a_referral_without_a_place_is_routed_within_the_referring_courts_district() -> None:
    """Seed item 17: each basic court's door and network; not the intermediate court's."""
    router = Router(load_rules(default_rules_file()))
    decision = router.route(_referral(None))
    assert decision.org.id == "jz-410803-county-center"
    assert any("焦作市中站区人民法院" in w for w in decision.warnings)
    placed = router.route(_referral("410802003"))  # a recorded place still decides
    assert placed.org.id == "jz-410802-county-center"


def test_a_referring_court_written_without_the_city_is_recognised_when_unambiguous() -> None:
    """A court sheet writes 解放区人民法院 (or 解放区法院) for 焦作市解放区人民法院: the short
    forms come from the network's own courts and divisions (data/network.yaml), so the
    referral is placed in that court's district like one written in full (seed item 17)."""
    router = Router(load_rules(default_rules_file()))
    network = bundled_network()
    for written in ("解放区人民法院", "解放区法院", "焦作市解放区法院"):
        assert network.court_division(written) == "410802"
        assert network.court_full_name(written) == "焦作市解放区人民法院"
        decision = router.route(dataclasses.replace(_referral(None), referring_court=written))
        assert decision.org.id == "jz-410802-county-center"
        assert any("焦作市解放区人民法院" in w for w in decision.warnings)
    assert network.court_division("温县人民法院") == "410825"  # no city in the name at all
    assert network.court_division("中级人民法院") is None  # the city's own court: never short
    assert network.court_division("郑州市中原区人民法院") is None  # not a court of the network


def test_a_referring_court_short_name_that_two_courts_share_is_asked_about() -> None:
    """Two courts whose names shorten alike (a deployment's network): neither is guessed;
    the decision says which courts the name may mean and asks for the full name."""
    from mediate.domain.model import Level, Org, OrgKind
    from mediate.routing.network import Network

    data = bundled_network()
    twin = Org("x-410803-court2", "焦作市中站区人民法院", OrgKind.COURT, Level.COUNTY, "410803")
    renamed = [
        dataclasses.replace(o, name="焦作市中站区人民法院") if o.id == "jz-410802-court" else o
        for o in data.orgs.values()
    ]
    network = Network([*renamed, twin], data.divisions.values())
    assert network.court_divisions("中站区人民法院") == frozenset({"410802", "410803"})
    assert network.court_division("中站区人民法院") is None
    rules = load_rules(default_rules_file(), network=network)
    decision = Router(rules).route(
        dataclasses.replace(_referral(None), referring_court="中站区法院")
    )
    assert decision.org.division_code == "410800"  # no district guessed
    assert any("may be any of" in w and "焦作市中站区人民法院" in w for w in decision.warnings)


def test_a_referring_court_written_without_its_divisions_qu_shi_xian_is_recognised() -> None:
    """Seed item 17 (a referral goes to its court's district; review of daa4c8b): sheets
    write 山阳法院, 沁阳法院, 孟州法院 — the division name without 区/市/县, derived from the
    network's own divisions (never typed), and only where one court has it (温县 keeps 县)."""
    router = Router(load_rules(default_rules_file()))
    network = bundled_network()
    for written, code in (("山阳法院", "410811"), ("沁阳法院", "410882"), ("孟州法院", "410883")):
        assert network.court_division(written) == code
        decision = router.route(dataclasses.replace(_referral(None), referring_court=written))
        assert decision.org.id == f"jz-{code}-county-center"
    assert network.court_division("温法院") is None


def test_a_referring_court_not_in_the_network_is_warned_about() -> None:
    """Seed item 17: a referral with no place and a court the network does not know is
    not routed to the intermediate court's centre without a word."""
    router = Router(load_rules(default_rules_file()))
    decision = router.route(dataclasses.replace(_referral(None), referring_court="郑州法院"))
    assert any("郑州法院" in w and "not a court of the network" in w for w in decision.warnings)


def test_a_township_written_after_its_county_is_placed_in_that_county() -> None:
    """太行街道 is a township of 山阳区 and of 沁阳市 (NBS 2023): the county tells them apart."""
    network = bundled_network()
    assert network.division_code("沁阳市太行街道") == "410882003"
    assert network.division_code("焦作市山阳区太行街道") == "410811004"
    assert network.division_code("太行街道") is None


def test_technical_ip_courts_are_of_the_intermediate_level() -> None:
    """法释〔2022〕13号 art. 1: invention patents at designated intermediate courts."""
    facts = VenueFacts(
        domiciles=(Place("甲公司", "410802"),), dispute_class=DisputeClass.IP_TECHNICAL
    )
    choice = competent_courts(facts)
    assert choice.names == ["郑州市中级人民法院"] and choice.intermediate


def _groups(cause: str) -> frozenset[str]:
    taxonomy = bundled_taxonomy()
    found = taxonomy.groups(cause)
    return found if found is not None else taxonomy.infer(cause)[0]


@pytest.mark.parametrize(
    "cause",
    [
        "追索劳动报酬纠纷",
        "超龄劳动者用工纠纷",
        "社会保险纠纷",
        "竞业限制纠纷",
        "劳务派遣合同纠纷",
        "新就业形态追索劳动报酬纠纷",
        "工伤保险待遇纠纷",
    ],
)
def test_labour_agreements_on_payment_only_are_confirmed_at_the_committees_court(cause) -> None:
    """劳动争议解释（一） art. 52 (LawRefBook/Laws, 2020-12-29): "在人民调解委员会主持下仅就
    给付义务达成的调解协议…可以共同向人民调解委员会所在地的基层人民法院申请司法确认" — every
    cause under 劳动争议 / 新就业形态用工纠纷 (by the taxonomy, not by the word 劳动)."""
    notes = cause_notes(cause, _groups(cause))
    assert any("第五十二条" in note and "only on payment obligations" in note for note in notes)


@pytest.mark.parametrize("cause", ["劳务合同纠纷", "超龄劳动者劳务合同纠纷", "船员劳务合同纠纷"])
def test_labour_service_contracts_between_persons_get_no_labour_note(cause) -> None:
    assert cause_notes(cause, _groups(cause)) == []
    assert cause_notes(cause) == []


@pytest.mark.parametrize("cause", ["人事争议", "聘用合同纠纷", "聘任合同纠纷", "辞退纠纷"])
def test_personnel_disputes_get_no_labour_interpretation_note(cause) -> None:
    """人事争议 is a category of its own in the 2025 案由 (二十, beside 十九 劳动争议), and
    劳动争议解释（一） (on 劳动者 and 用人单位, art. 1) names no personnel dispute: its art. 52
    note is not given; CPL art. 205(2) alone decides the court."""
    assert "人事争议" in _groups(cause)
    assert cause_notes(cause, _groups(cause)) == []


@pytest.mark.parametrize("cause", ["聘用合同纠纷", "辞职纠纷", "辞退纠纷", "人事争议"])
def test_personnel_disputes_are_routed_to_labour_mediation(cause) -> None:
    """劳动争议调解仲裁法 art. 52: "事业单位实行聘用制的工作人员与本单位发生劳动争议的，依照
    本法执行" — its mediation bodies (art. 10) and arbitration (art. 5) take them; 2025 causes
    聘用合同纠纷, 辞职纠纷, 辞退纠纷 (二十 人事争议)."""
    router = Router(load_rules(default_rules_file()))
    parties = [
        Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙敏"),
        Party(PartyRole.RESPONDENT, PartyKind.INSTITUTION, "焦作市第五人民医院"),
    ]
    decision = router.route(CaseInput(cause, parties, location="410802"))
    assert decision.rule == "labour" and decision.org.field == "labour"


def test_a_document_names_missing_party_fields_by_number_and_label() -> None:
    """`case show` numbers the parties and `case edit --party N --set 电话=…` takes the label."""
    kind = dataclasses.replace(KINDS["application"], required=("parties[].phone",))
    parties = [
        {"role": "applicant", "name": "王建国", "phone": "13803910001", "is_person": True},
        {"role": "respondent", "name": "李红梅", "phone": "", "is_person": True},
    ]
    with pytest.raises(ValidationError) as caught:
        check_required(kind, {"parties": parties, "credit_subjects": []}, 7)
    message = str(caught.value)
    assert "party 2 (respondent) 李红梅: phone" in message
    assert "mediate case edit 7 --party N" in message
    assert "'李红梅'" not in message


def test_the_large_claim_notice_is_not_given_to_a_dispute_that_goes_to_the_court() -> None:
    """A bankruptcy claim of 120万 is not mediated (企业破产法 art. 21): no "优先安排调解"."""
    router = Router(load_rules(default_rules_file()))
    parties = [
        Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "甲公司"),
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "乙公司管理人"),
    ]
    decision = router.route(CaseInput("破产债权确认纠纷", parties, amount=Decimal(1_200_000)))
    assert decision.org.kind.value == "court"
    assert not any("50万" in w for w in decision.warnings)
    # (not against the administrator: a suit about a bankrupt debtor too, 企业破产法 art. 21)
    loan_parties = [parties[0], dataclasses.replace(parties[1], name="乙公司")]
    loan = router.route(CaseInput("民间借贷纠纷", loan_parties, amount=Decimal(1_200_000)))
    assert any("50万" in w for w in loan.warnings)


def test_securities_misstatement_is_confirmed_at_the_issuers_provincial_capital_court() -> None:
    """法释〔2022〕2号 art. 3 (LawRefBook/Laws): 发行人住所地的省…人民政府所在的市…中级人民法院;
    CPL art. 205(2): a dispute of the intermediate level is confirmed there."""
    facts = VenueFacts(
        domiciles=(Place("吴静", "410811"), Place("河南某股份有限公司", None)),
        dispute_class=dispute_class("证券虚假陈述责任纠纷"),
    )
    choice = competent_courts(facts)
    assert choice.names == ["郑州市中级人民法院"] and choice.intermediate
    assert any("法释〔2022〕2号" in note for note in choice.notes)
    assert dispute_class("证券交易合同纠纷") is DisputeClass.ORDINARY


def _bankruptcy_parties(respondent: str = "乙公司") -> list[Party]:
    return [
        Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "甲公司"),
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, respondent),
    ]


def test_a_bankruptcy_dispute_names_its_stand_in_court_and_asks_for_the_accepting_one() -> None:
    """企业破产法 art. 21: "只能向受理破产申请的人民法院提起"; art. 3: that court is at the
    debtor's domicile, which the tool does not know. The decision's court is only a stand-in:
    the warning names it and asks the clerk for the court that accepted the petition."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput("破产债权确认纠纷", _bankruptcy_parties("乙公司管理人"), location="410883")
    decision = router.route(case)
    assert decision.rule == "bankruptcy" and decision.org.name == "孟州市人民法院"
    [warning] = [w for w in decision.warnings if "第二十一条" in w]
    assert "孟州市人民法院仅是本工具暂定的法院" in warning
    assert "{body}" not in warning and "mediate case transfer" in warning
    explained = router.explain(case)
    assert any("孟州市人民法院仅是" in w for w in explained.warnings)


def test_a_bankruptcy_dispute_without_a_place_does_not_claim_its_stand_in_was_chosen_by_place() -> (
    None
):
    """企业破产法 art. 21 (rules/jiaozuo.yaml, route bankruptcy): with no place recorded the
    stand-in is the fallback intermediate court, so the warning must not say it was chosen
    by where the dispute arose."""
    router = Router(load_rules(default_rules_file()))
    decision = router.route(CaseInput("破产债权确认纠纷", _bankruptcy_parties("乙公司管理人")))
    assert decision.rule == "bankruptcy"
    [warning] = [w for w in decision.warnings if "第二十一条" in w]
    assert f"{decision.org.name}仅是本工具暂定的法院" in warning
    assert "发生地" not in warning


@pytest.mark.parametrize(
    ("cause", "respondent"),
    [
        ("破产债权确认纠纷", "乙公司"),  # the 案由 group 与破产有关的纠纷
        ("管理人责任纠纷", "乙公司"),
        ("买卖合同纠纷", "乙有限公司管理人"),  # the administrator (arts. 13, 25(7))
        ("破产重整期间借款纠纷", "乙公司"),  # a clerk's cause naming the proceedings (art. 7)
        ("受理破产申请后的买卖合同纠纷", "乙公司"),  # art. 21's own words
    ],
)
def test_a_dispute_inside_an_accepted_bankruptcy_goes_to_the_court(cause, respondent) -> None:
    router = Router(load_rules(default_rules_file()))
    decision = router.route(CaseInput(cause, _bankruptcy_parties(respondent), location="410802"))
    assert decision.rule == "bankruptcy" and decision.org.kind.value == "court"


@pytest.mark.parametrize(
    "respondent",
    ["孟州市金鑫皮革厂管理人", "乙合伙企业管理人", "乙农民专业合作社管理人", "乙公司破产管理人"],
)
def test_an_administrator_is_a_party_whose_name_ends_in_管理人_of_the_debtor(respondent) -> None:
    """企业破产法 arts. 13, 25(7): the administrator a court appoints on accepting the
    petition represents the debtor in suits, and is named after the debtor (…厂管理人)."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput("买卖合同纠纷", _bankruptcy_parties(respondent), location="410802")
    assert router.route(case).rule == "bankruptcy"


@pytest.mark.parametrize(
    "respondent",
    ["河南华信企业管理人力资源有限公司", "焦作市恒达公司管理人员培训中心", "张某某的遗产管理人"],
)
def test_a_name_merely_containing_管理人_is_no_bankruptcy_administrator(respondent) -> None:
    """A company whose name holds 企业管理人力 or 公司管理人员, or an estate's 遗产管理人
    (民法典 art. 1145), is not the administrator of 企业破产法 art. 13."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput("买卖合同纠纷", _bankruptcy_parties(respondent), location="410802")
    assert router.route(case).rule != "bankruptcy"


@pytest.mark.parametrize(
    "cause",
    ["买卖合同纠纷（被告濒临破产）", "债务人拟申请破产的民间借贷纠纷", "资产重整服务合同纠纷"],
)
def test_bankruptcy_mentioned_in_passing_is_not_a_bankruptcy(cause) -> None:
    """Art. 21 applies only once a court has accepted the petition: 濒临破产, a petition not
    yet accepted, a 重整 that is no bankruptcy procedure do not send a dispute to court."""
    router = Router(load_rules(default_rules_file()))
    decision = router.route(CaseInput(cause, _bankruptcy_parties(), location="410802"))
    assert decision.rule != "bankruptcy" and decision.org.kind.value != "court"


def test_facts_about_a_bankruptcy_only_warn_and_the_dispute_is_mediated() -> None:
    """The facts may speak of a third party's bankruptcy (a guarantor's): the tool cannot
    tell whose, so it routes on and asks (企业破产法 art. 21)."""
    router = Router(load_rules(default_rules_file()))
    case = dataclasses.replace(
        CaseInput("民间借贷纠纷", _bankruptcy_parties(), location="410802"),
        facts="担保人丙公司已被法院受理破产申请。",
    )
    decision = router.route(case)
    assert decision.org.kind.value != "court"
    assert any("第二十一条" in w for w in decision.warnings)
    passing = router.route(dataclasses.replace(case, facts="被告称公司濒临破产，无力还款。"))
    assert not any("第二十一条" in w for w in passing.warnings)


def test_the_rules_and_the_confirmation_check_read_bankruptcy_by_the_same_words() -> None:
    """民诉法解释 art. 355(4) and 企业破产法 art. 21 look at the same proceedings."""
    from mediate import safeyaml
    from mediate.domain.confirmation import BANKRUPTCY_WORDS

    rules = safeyaml.load(default_rules_file().read_text(encoding="utf-8"))
    [route] = [r for r in rules["route"]["routes"] if r["name"] == "bankruptcy"]
    regexes = [c["cause_regex"] for c in route["match"]["any"] if "cause_regex" in c]
    assert regexes == [BANKRUPTCY_WORDS]


def _misstatement(
    *respondents: tuple[str, str | None, str], tags: tuple[str, ...] = ()
) -> VenueFacts:
    issuers = tuple(Place(name, None, code, "address", label) for name, code, label in respondents)
    return VenueFacts(
        domiciles=(Place("吴静", "410811", "41", "address", "河南省"), *issuers),
        dispute_class=dispute_class("证券虚假陈述责任纠纷"),
        respondents=issuers,
        tags=tags,
    )


@pytest.mark.parametrize(
    ("code", "label", "court"),
    [
        ("41", "河南省", "郑州市中级人民法院"),  # 法释〔2022〕2号 art. 3: 郑州, Henan's capital
        ("31", "上海市", "上海金融法院"),  # 上海金融法院管辖规定 art. 1(1)
        ("11", "北京市", "北京金融法院"),  # 北京金融法院管辖规定 art. 1(1)
        ("50", "重庆市", "成渝金融法院"),  # 法释〔2022〕20号 art. 1(1)
    ],
)
def test_securities_misstatement_goes_by_the_issuers_domicile(code, label, court) -> None:
    """法释〔2022〕2号 art. 3: "由发行人住所地的省、自治区、直辖市人民政府所在的市…中级人民
    法院或者专门人民法院管辖" — the issuer's province decides, not the investor's."""
    choice = competent_courts(_misstatement(("某股份有限公司", code, label)))
    assert choice.names == [court] and choice.intermediate
    assert not any(c.startswith("焦作") for c in choice.names)


def test_securities_misstatement_of_an_issuer_elsewhere_asks_for_the_court() -> None:
    """An issuer in 广东: its capital's court, or 深圳's (计划单列市, 经济特区) — the tool
    does not list them, and never offers 郑州 for it."""
    choice = competent_courts(_misstatement(("某股份有限公司", "44", "广东省")))
    assert choice.names == []
    assert any("广东省" in note and "--court" in note for note in choice.notes)
    split = competent_courts(
        _misstatement(("甲股份有限公司", "44", "广东省"), ("乙会计师事务所", "41", "河南省"))
    )
    assert split.names == [] and any("--court" in note for note in split.notes)


@pytest.mark.parametrize(
    ("tag", "court"), [("star_market", "上海金融法院"), ("neeq_select", "北京金融法院")]
)
def test_securities_misstatement_of_a_star_or_select_tier_issuer_goes_to_its_financial_court(
    tag, court
) -> None:
    """上海金融法院管辖规定 art. 3 (科创板 companies' 证券欺诈责任纠纷) and 北京金融法院管辖规定
    art. 3 (精选层 companies'): the listing decides, wherever the issuer is domiciled."""
    choice = competent_courts(_misstatement(("某股份有限公司", "41", "河南省"), tags=(tag,)))
    assert choice.names == [court]


def test_securities_misstatement_presumes_the_issuer_among_non_intermediaries() -> None:
    """法释〔2022〕2号 art. 3 looks only at the issuer's domicile (review of 660888a): an
    accounting firm, a law firm or a securities firm sued beside it is not the issuer, the
    note says from which respondents the province was presumed and asks to confirm."""
    both = competent_courts(
        _misstatement(
            ("上海某科技股份有限公司", "31", "上海市"), ("立信会计师事务所", "31", "上海市")
        )
    )
    assert both.names == ["上海金融法院"]
    [note] = [n for n in both.notes if "presumed" in n]
    assert "上海某科技股份有限公司" in note and "立信会计师事务所" not in note
    split = competent_courts(
        _misstatement(("河南某股份有限公司", "41", "河南省"), ("某律师事务所", "31", "上海市"))
    )
    assert split.names == ["郑州市中级人民法院"]
    underwriter = competent_courts(_misstatement(("中原证券", "41", "河南省")))
    assert any("intermediaries" in n and "中原证券" in n for n in underwriter.notes)
    assert not any("issuer (中原证券)" in n for n in underwriter.notes)
    assert any("not recorded" in n for n in underwriter.notes)
    assert not any("presumed" in n for n in underwriter.notes)


@pytest.mark.parametrize(
    "adviser",
    ["某某财务顾问有限公司", "某某证券投资咨询有限公司", "某某资信评级有限责任公司"],
)
def test_securities_misstatement_financial_adviser_and_securities_consultant_are_intermediaries(
    adviser: str,
) -> None:
    """法释〔2022〕2号 art. 18 names the 证券服务机构 sued beside an issuer: "会计师事务所、律师
    事务所、资信评级机构、资产评估机构、财务顾问等"; 证券法 (2019) art. 160 adds 证券投资咨询
    (both read in LawRefBook/Laws, 2026-12). Such a respondent is never the issuer whose
    domicile decides the court (art. 3): the province comes from the issuer beside it."""
    choice = competent_courts(
        _misstatement(("河南某股份有限公司", "41", "河南省"), (adviser, "31", "上海市"))
    )
    assert choice.names == ["郑州市中级人民法院"]
    alone = competent_courts(_misstatement((adviser, "31", "上海市")))
    assert any("intermediaries" in n and adviser in n for n in alone.notes)
    assert any("not recorded" in n for n in alone.notes)


def test_securities_misstatement_against_natural_persons_only_names_no_court() -> None:
    """法释〔2022〕2号 art. 3: a person (a director, a controller) is never the issuer, so
    the issuer's domicile is unknown: no court is listed and --court is asked for."""
    facts = dataclasses.replace(_misstatement(), person_respondents=("张三",))
    choice = competent_courts(facts)
    assert choice.names == []
    assert any("张三" in n and "--court" in n for n in choice.notes)


# ---- The second audit (2026-12-02): causes as clerks write them (tests/data/audit/cases.yaml,
# B01-B60). One test per general rule it fixed.


def _dispute(
    cause: str,
    applicant: Party,
    respondent: Party,
    claim: str | None = None,
    location: str | None = "410802003",
    source: Source = Source.SELF_ACCEPTED,
) -> CaseInput:
    return CaseInput(
        cause=cause,
        parties=[applicant, respondent],
        source=source,
        location=location,
        claim=claim,
    )


_PERSON = Party(PartyRole.APPLICANT, PartyKind.PERSON, "韩伟")
_PERSON_R = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "曹丽")
_FIRM = Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "焦作市豫通物流有限公司")
_FIRM_R = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "修武县云台建材有限公司")
_MANAGER = Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "焦作市甲物业服务有限公司")
_LENDER = Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "焦作市甲小额贷款有限公司")


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("离婚", "离婚纠纷"),  # 纠纷 added
        ("继承", "继承纠纷"),
        ("相邻关系", "相邻关系纠纷"),
        ("借款纠纷", "借款合同纠纷"),  # 合同 put back
        ("网络购物纠纷", "信息网络买卖合同纠纷"),  # 合同 put back, then a variant
        ("借钱不还", "民间借贷纠纷"),
        ("物业费", "物业服务合同纠纷"),
        ("非机动车交通事故", "非机动车交通事故责任纠纷"),
        ("信用卡欠款", "信用卡纠纷"),
        ("医疗事故损害赔偿纠纷", "医疗损害责任纠纷"),  # an older name
        ("民间借贷纠纷（诉前）", "民间借贷纠纷"),  # a remark after the cause
        ("离婚纠纷(诉前调解)", "离婚纠纷"),
    ],
)
def test_official_spelling_reads_a_short_or_colloquial_cause_as_its_official_cause(
    written: str, official: str
) -> None:
    """Referral sheets write 离婚, 欠薪, 借钱不还 for 离婚纠纷, 追索劳动报酬纠纷, 民间借贷纠纷: the
    cause is read as the official one it means (its groups route it), still with the
    "not in the taxonomy" warning (民事案件案由规定, 法〔2025〕227号)."""
    taxonomy = bundled_taxonomy()
    assert taxonomy.find(written) is None
    found = taxonomy.official(written)
    assert found is not None and found.name == official
    groups, hits = taxonomy.infer(written)
    assert [h.name for h in hits] == [official] and official in groups


def test_official_spelling_finds_no_cause_where_none_is_meant() -> None:
    """Words that name no cause stay unknown (routed on their other facts): 欠款纠纷 names no
    contract, 装修纠纷 is not 装修合同纠纷 (the official name is 装饰装修合同纠纷)."""
    taxonomy = bundled_taxonomy()
    for written in ("欠款纠纷", "装修纠纷", "消费者价格纠纷", "（诉前）", "纠纷", "争议"):
        assert taxonomy.official(written) is None, written


@pytest.mark.parametrize(
    ("cause", "applicant", "respondent", "claim", "kind", "field"),
    [
        # professional: field words in the cause (劳动争议调解仲裁法 art. 2; 医疗纠纷预防和处理
        # 条例 art. 22; 道路交通安全法 art. 74; seed item 17)
        ("拖欠农民工工资", _PERSON, _FIRM_R, None, "professional", "labour"),
        ("工伤赔偿", _PERSON, _FIRM_R, None, "professional", "labour"),
        ("车祸赔偿", _PERSON, _PERSON_R, None, "professional", "traffic"),
        ("医患纠纷", _PERSON, _FIRM_R, None, "professional", "medical"),
        ("医疗事故纠纷", _PERSON, _FIRM_R, None, "professional", "medical"),
        ("小区物业纠纷", _MANAGER, _PERSON_R, None, "professional", "property"),
        # 医疗保险 is social insurance: labour, not medical
        ("医疗保险待遇纠纷", _PERSON, _FIRM_R, None, "professional", "labour"),
        # finance by the product named (seed item 6); 民间借贷 is not finance
        ("网贷纠纷", _LENDER, _PERSON_R, "偿还借款", "finance_committee", None),
        ("车贷纠纷", _LENDER, _PERSON_R, "偿还贷款", "finance_committee", None),
        # credit: an enterprise owing a debt, whatever words name it (seed item 18)
        ("欠款纠纷", _FIRM, _FIRM_R, "支付欠款75000元", "credit_committee", None),
        ("欠货款", _FIRM, _FIRM_R, "支付货款", "credit_committee", None),
        ("拖欠工程款", _FIRM, _FIRM_R, "支付工程款", "credit_committee", None),
        ("借钱不还", _PERSON, _FIRM_R, "偿还借款6万元", "credit_committee", None),
        # a consumer in her own words (消费者权益保护法 art. 39)
        ("产品质量纠纷", _PERSON, _FIRM_R, "退货退款", "professional", "consumer"),
    ],
)
def test_clerks_words_for_a_cause_reach_the_body_of_its_field(
    cause: str,
    applicant: Party,
    respondent: Party,
    claim: str | None,
    kind: str,
    field: str | None,
) -> None:
    """rules/jiaozuo.yaml: the field words (`traffic_words`, `medical_words`,
    `property_words`, labour words), finance by the product, credit by a debt with a claim
    for payment, consumer by a consumer's words."""
    router = Router(load_rules(default_rules_file()))
    decision = router.route(_dispute(cause, applicant, respondent, claim))
    assert decision.org.kind == kind, (cause, decision.org.name, decision.rule)
    assert decision.org.field == field, (cause, decision.org.name)


def test_field_words_do_not_pull_a_dispute_that_only_mentions_the_field() -> None:
    """A hospital's supplier is owed money (credit), not a medical dispute; a loan between
    private persons (民间借贷) is not finance; a refund is not a debt to the credit committee."""
    router = Router(load_rules(default_rules_file()))
    supplier = router.route(
        _dispute(
            "医疗器械买卖合同纠纷",
            _FIRM,
            Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作市某民营医院有限公司"),
            "支付货款",
        )
    )
    assert supplier.org.kind == "credit_committee"
    private = router.route(_dispute("民间借贷", _PERSON, _PERSON_R, "偿还借款"))
    assert private.org.kind != "finance_committee"
    refund = router.route(_dispute("欠款纠纷", _PERSON, _FIRM_R, "退还预付款"))
    assert refund.org.kind != "credit_committee"


def test_a_divorce_written_short_is_warned_as_a_status_relation() -> None:
    """民诉法解释 art. 355(3): dissolving a marriage is not confirmed, however the clerk writes
    it (离婚, 协议离婚, 离婚案件); 离婚后财产纠纷 dissolves nothing."""
    from mediate.domain.confirmation import AgreementFacts, NotAccepted, not_accepted_warnings

    def codes(cause: str) -> set[NotAccepted]:
        return {w.code for w in not_accepted_warnings(AgreementFacts(cause, terms=""))}

    for cause in ("离婚", "协议离婚", "离婚纠纷", "离婚案件", "离婚纠纷（诉前调解）"):
        assert NotAccepted.STATUS_RELATION in codes(cause), cause
    for cause in ("离婚后财产纠纷", "离婚后损害责任纠纷"):
        assert NotAccepted.STATUS_RELATION not in codes(cause), cause


def test_a_dispute_without_a_place_or_a_court_is_routed_by_the_respondents_domicile() -> None:
    """民事诉讼法 art. 22 (原告就被告) and seed item 17 (就近调解): not the intermediate court's
    door for two residents of 孟州 and 山阳; an applicant's address when the respondent has
    none; an address outside Jiaozuo or only at city level does not place it."""
    router = Router(load_rules(default_rules_file()))
    applicant = dataclasses.replace(_PERSON, address="焦作市山阳区焦东街道")
    respondent = dataclasses.replace(_PERSON_R, address="孟州市河阳街道")
    big = dataclasses.replace(
        _dispute("民间借贷纠纷", applicant, respondent, location=None), amount=Decimal(150_000_000)
    )
    decision = router.route(big)
    assert decision.org.kind == "county_center" and decision.org.division_code == "410883"
    assert any("孟州市河阳街道" in w for w in decision.warnings)
    no_address = dataclasses.replace(big, parties=[applicant, _PERSON_R])
    assert router.route(no_address).org.division_code[:6] == "410811"
    outside = dataclasses.replace(
        big,
        parties=[
            dataclasses.replace(_PERSON, address="广东省深圳市福田区"),
            dataclasses.replace(_PERSON_R, address="焦作市"),
        ],
    )
    assert router.route(outside).org.division_code == "410800"


def test_court_papers_name_the_official_cause() -> None:
    """A court dockets under the official 案由: the application says 因民间借贷纠纷, not 因借钱
    不还 (the second audit found the latter); an official or unknown cause stays as written."""
    from mediate.routing.causes import official_cause

    assert official_cause("借钱不还") == "民间借贷纠纷"
    assert official_cause("欠薪", employer=True) == "追索劳动报酬纠纷"
    assert official_cause("离婚后财产纠纷") == "离婚后财产纠纷"
    assert official_cause("装修纠纷") == "装修纠纷"
    assert official_cause("民间借贷纠纷（诉前调解）") == "民间借贷纠纷"
    assert official_cause("企业名称（商号）合同纠纷") == "企业名称（商号）合同纠纷"
    assert official_cause("") == ""


@pytest.mark.parametrize("written", ["小额诉讼程序", "小额诉讼", "简易程序（小额诉讼）"])
def test_small_claims_procedure_is_the_summary_procedure(written: str) -> None:
    """民事诉讼法 (2023) art. 165 (小额诉讼) stands in ch. 13 简易程序: an entrusted small-claims
    case has the summary procedure's 7 days (特邀调解规定 art. 27(2)); a court sheet's
    小额诉讼程序 was rejected before the second audit."""
    from mediate.domain.deadlines import policy_for
    from mediate.intake.validate import parse_procedure

    assert parse_procedure(written) == "summary"
    assert policy_for("court_entrusted", parse_procedure(written), None).days == 7
    assert parse_procedure("普通程序") == "ordinary"


def _application(cause: str, location: str | None, address: str | None = None) -> CaseInput:
    return CaseInput(
        cause=cause,
        parties=[Party(PartyRole.APPLICANT, PartyKind.PERSON, "张平", address=address)],
        location=location,
    )


@pytest.mark.parametrize(
    ("cause", "article"),
    [
        ("申请宣告自然人失踪", "190"),
        ("申请宣告自然人死亡", "191"),
        ("申请指定遗产管理人", "194"),
        ("申请认定公民无民事行为能力", "198"),
        ("申请认定财产无主", "202"),
        ("申请实现担保物权", "207"),
        ("申请支付令", "225"),
        ("申请公示催告", "229"),
        ("选民资格案件", "188"),
    ],
)
def test_a_special_procedure_goes_to_the_basic_court_of_its_statutory_place(
    cause: str, article: str
) -> None:
    """民事诉讼法 (2023) ch. 15 (arts. 188, 190, 191, 194, 198, 202, 207), art. 225 (民诉法解释
    art. 23) and art. 229 name a BASIC court at a place (read in LawRefBook/Laws): never
    mediated (民诉法解释 art. 143), placed in a county it goes to that county's court. When
    nothing places it, no court is guessed (the fourth review, 2026-12-02: a court paper
    must not name a stand-in): it stays with the city's intake hub, and the warning names the
    statute's place and asks for it."""
    router = Router(load_rules(default_rules_file()))
    placed = router.route(_application(cause, "410825102"))
    assert (placed.org.id, placed.rule) == ("jz-410825-court", "not-mediable")
    assert not any("no court is named" in w for w in placed.warnings)
    for nowhere in (None, "焦作市"):
        decision = router.route(_application(cause, nowhere))
        assert decision.rule == "not-mediable"
        hub = (decision.org.id, decision.org.kind)
        assert hub == ("jz-410800-nlc", OrgKind.NON_LITIGATION_CENTER)
        asked = [w for w in decision.warnings if "no court is named" in w]
        assert len(asked) == 1, decision.warnings
        assert f"art. {article}" in asked[0] and "basic people's court" in asked[0]
        assert "中级人民法院" not in asked[0] and "--reroute" in asked[0]
    by_domicile = router.route(_application(cause, None, "孟州市会昌街道1号"))
    assert by_domicile.org.id == "jz-410883-court"
    assert any(f"art. {article}" in w and "check that" in w for w in by_domicile.warnings)


def test_a_special_procedure_without_a_hub_stays_with_the_stand_in_court(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A custom network whose root falls back on a court has no hub to leave the case with
    (engine._special_venue): the court the selector found only stands in, and the one
    warning names the statute's place, that court and what to record; no hub warning."""
    router = Router(load_rules(default_rules_file()))
    court = router.network.org("jz-410800-court")
    assert court is not None and court.kind is OrgKind.COURT
    monkeypatch.setattr(router.rules.root.target, "fallback", court)
    decision = router.route(_application("申请支付令", None))
    assert decision.org.id == "jz-410800-court"
    venue = [w for w in decision.warnings if "basic people's court" in w]
    assert len(venue) == 1, decision.warnings
    assert "art. 225" in venue[0] and f"{court.name} only stands in" in venue[0]
    assert "no court is named" not in venue[0] and "--reroute" not in venue[0]


def test_a_confirmation_application_or_an_ordinary_dispute_gets_no_basic_court_warning() -> None:
    """确认调解协议 may belong to the intermediate court (民事诉讼法 art. 205(2)), and revoking a
    declaration goes to the court that made it (arts. 193, 201): no statutory place is
    claimed for them."""
    router = Router(load_rules(default_rules_file()))
    for cause in ("申请司法确认调解协议", "申请撤销宣告失踪判决", "民间借贷纠纷"):
        decision = router.route(_application(cause, None))
        assert not any("basic people's court" in w for w in decision.warnings), cause


@pytest.mark.parametrize(
    "name",
    [
        "焦作市解放区王褚街道王褚村民委员会",
        "王褚村村委会",
        "焦作市解放区王褚街道王褚社区居民委员会",
        "王褚村第三村民小组",
        "焦作市解放区王褚村股份经济合作社",
    ],
)
def test_a_dispute_against_the_village_body_goes_to_the_township_not_its_own_room(
    name: str,
) -> None:
    """The village's 人民调解委员会 is set up by the village (residents') committee and elected
    by its villagers (人民调解法 arts. 8, 9; 村民委员会组织法 art. 7; 居委会组织法 art. 13), and
    the committee manages the collective's land (村民委员会组织法 art. 8(2)): a dispute with
    it, its 村民小组 or its 经济合作社 goes to the township, the other mediator 农村土地承包经营
    纠纷调解仲裁法 arts. 3, 7 name (all read in LawRefBook/Laws, 2026-12-02). The cause is the
    share of the compensation for expropriated land, which the route land-contract leaves to
    this one (its art. 2, last paragraph)."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(
        cause="承包地征收补偿费用分配纠纷",
        parties=[
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "聂保国"),
            Party(PartyRole.RESPONDENT, PartyKind.INSTITUTION, name),
        ],
        amount=Decimal("6000"),
        location="410802009901",  # 王褚村: it has a room of its own
    )
    decision = router.route(case)
    assert decision.org.id == "jz-410802009-township-center", decision.org.id
    assert decision.rule == "village-body-party"
    assert any("人民调解法第八条" in w for w in decision.warnings)
    # art. 2, last paragraph: "因征收集体所有的土地及其补偿发生的纠纷，不属于农村土地承包仲裁
    # 委员会的受理范围" — that arbitration is not offered
    assert not any("仲裁" in w for w in decision.warnings), decision.warnings
    between_villagers = dataclasses.replace(
        case, parties=[case.parties[0], Party(PartyRole.RESPONDENT, PartyKind.PERSON, "聂保民")]
    )
    assert router.route(between_villagers).org.id == "jz-410802009901-village-room"


@pytest.mark.parametrize(
    ("cause", "claim", "respondent"),
    [
        (
            "土地经营权出租合同纠纷",
            "支付租金",
            Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作某农业有限公司"),
        ),
        (
            "农村土地承包合同纠纷",
            "支付流转费",
            Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作某种植专业合作社"),
        ),
        ("土地承包经营权转包合同纠纷", None, Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四")),
        (
            "土地承包经营权纠纷",
            None,
            Party(PartyRole.RESPONDENT, PartyKind.INSTITUTION, "王褚村村民委员会"),
        ),
    ],
)
def test_rule_land_contract_goes_to_the_township_with_the_land_arbitration_advice(
    cause: str, claim: str | None, respondent: Party
) -> None:
    """农村土地承包经营纠纷调解仲裁法 (read in LawRefBook/Laws at 2f4c5c2) art. 2(1)-(2): the
    contract and its 流转 (转包、出租、互换、转让、入股); art. 3: mediated by 村民委员会、乡（镇）
    人民政府等; art. 4: failing that, the 农村土地承包仲裁委员会 or a court. A farmer's rent from
    a company or a 合作社 is no enterprise credit dispute (seed item 18), nor a quarrel between
    two farmers the village room's."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(
        cause=cause,
        claim=claim,
        parties=[Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"), respondent],
        amount=Decimal("3000"),
        location="410802009901",  # 王褚村: it has a room of its own
    )
    decision = router.route(case)
    assert (decision.rule, decision.org.id) == ("land-contract", "jz-410802009-township-center")
    [advice] = [w for w in decision.warnings if "农村土地承包仲裁委员会" in w]
    assert "第三条" in advice and "第四条" in advice and "焦作市解放区王褚街道" in advice


@pytest.mark.parametrize("cause", ["承包地征收补偿费用分配纠纷", "土地经营权抵押合同纠纷"])
def test_rule_land_contract_leaves_expropriation_and_mortgage_to_the_other_routes(
    cause: str,
) -> None:
    """Art. 2, last paragraph: the expropriation of collective land and its compensation is not
    for that arbitration; a 土地经营权 mortgage secures a loan (农村土地承包法 (2018) art. 47),
    no 流转."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(
        cause=cause,
        parties=[
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
            Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四"),
        ],
        amount=Decimal("3000"),
        location="410802009901",
    )
    decision = router.route(case)
    assert decision.rule != "land-contract"
    assert not any("农村土地承包仲裁委员会" in w for w in decision.warnings)


def test_rule_consumer_contract_takes_a_sole_trader_recorded_by_its_shop_name() -> None:
    """消费者权益保护法 art. 3 (read in LawRefBook/Laws at 2f4c5c2): every 经营者 — a 个体工商户
    recorded as a person by its 字号 as much as one recorded as kind 个体工商户 (the
    `trade_name: true` test of the labour route). A payment claim is its supplier's."""
    router = Router(load_rules(default_rules_file()))
    shop = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "焦作市解放区老钱家电商行")
    case = CaseInput(
        cause="买卖合同纠纷",
        parties=[Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"), shop],
        location="410802003",
    )
    assert router.route(case).rule == "consumer-contract"
    recorded = dataclasses.replace(
        case, parties=[case.parties[0], dataclasses.replace(shop, kind=PartyKind.ENTERPRISE)]
    )
    assert router.route(recorded).rule == "consumer-contract"
    neighbour = dataclasses.replace(
        case, parties=[case.parties[0], dataclasses.replace(shop, name="李四")]
    )
    assert router.route(neighbour).rule != "consumer-contract"
    assert router.route(dataclasses.replace(case, claim="支付货款")).rule != "consumer-contract"


def test_rule_traffic_insurance_claim_the_victim_suing_beside_the_insurer_is_traffic() -> None:
    """道路交通安全法 art. 76 and 道路交通事故损害赔偿解释 (2020) art. 22 (read in LawRefBook/Laws
    at 2f4c5c2): the 交强险 insurer is a co-defendant of the accident's compensation. With the
    other side sued too, the insurance words are the accident's (traffic); the insurer alone
    may be the policyholder's contract (finance) or the victim's direct claim: finance, with
    the note to change the cause."""
    router = Router(load_rules(default_rules_file()))
    insurer = Party(
        PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "中国人民财产保险股份有限公司焦作市分公司"
    )
    alone = CaseInput(
        cause="交通事故保险理赔纠纷",
        parties=[Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"), insurer],
        location="410802003",
    )
    decision = router.route(alone)
    assert decision.rule == "finance"
    assert any("机动车交通事故责任纠纷" in w and "第二十二条" in w for w in decision.warnings)
    driver = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四")
    both = dataclasses.replace(alone, parties=[*alone.parties, driver])
    decision = router.route(both)
    assert decision.rule == "traffic"
    assert not any("第二十二条" in w for w in decision.warnings)
    policy = dataclasses.replace(alone, cause="财产保险合同纠纷")
    decision = router.route(policy)
    assert decision.rule == "finance" and not any("第二十二条" in w for w in decision.warnings)


def test_labour_and_personnel_disputes_need_arbitration_before_a_suit() -> None:
    """劳动争议调解仲裁法 arts. 5, 50, 52 (read in LawRefBook): labour disputes, and 事业单位
    personnel disputes under that Law, go to arbitration before a court; a 劳务 contract
    between persons is no labour dispute (art. 2: an employer)."""
    from mediate.domain.confirmation import Path as ClosingPath
    from mediate.domain.confirmation import arbitration_first, handback_step

    taxonomy = bundled_taxonomy()
    for cause in ("追索劳动报酬纠纷", "劳动合同纠纷", "辞退纠纷"):
        assert arbitration_first(cause, taxonomy.groups(cause) or ()), cause
    wages = "欠薪纠纷（诉前）"
    assert arbitration_first(wages, taxonomy.infer(wages)[0], employer=True)
    assert not arbitration_first("劳务合同纠纷", taxonomy.groups("劳务合同纠纷") or ())
    step = handback_step(ClosingPath.RETURN_TO_COURT, 7, labour=True)
    assert step is not None and "arts. 5, 50" in step and "return_letter 7" in step
    assert "arbitration" not in (handback_step(ClosingPath.RETURN_TO_COURT, 7) or "")


def test_rule_special_invitation_art_21_a_failed_entrusted_case_goes_to_trial_not_to_a_statement():
    """特邀调解规定 arts. 20, 21: an entrusted (委托) case the parties settle is closed by the
    court with a 调解书 or a withdrawal; one that fails goes on to trial — its hint speaks
    of the reasons, never of 调解书 or 撤诉."""
    from mediate.domain.confirmation import Path as ClosingPath
    from mediate.domain.confirmation import handback_step

    settled = handback_step(ClosingPath.COURT_CLOSES, 6) or ""
    assert "调解书" in settled and "撤诉" in settled
    failed = handback_step(ClosingPath.COURT_CLOSES, 6, settled=False) or ""
    assert "调解书" not in failed and "撤诉" not in failed
    assert "art. 21" in failed and "court_report 6" in failed and "handback 6" in failed


_WAGES_BETWEEN_PERSONS = [
    "装修工资纠纷",
    "雇工工资纠纷",
    "劳务工资纠纷",
    "帮工工资纠纷",
    "工资",
    "欠薪",
]


@pytest.mark.parametrize("cause", _WAGES_BETWEEN_PERSONS)
def test_wage_words_name_a_labour_dispute_only_against_an_employer(cause: str) -> None:
    """劳动争议调解仲裁法 art. 2 (disputes "用人单位与劳动者发生的"), 劳动法 art. 2 (用人单位:
    企业、个体经济组织…) and 保障农民工工资支付条例 art. 2 (read in LawRefBook/Laws at 2f4c5c2):
    wages owed by a person who hired a decorator, a helper or a labourer are a civil 劳务
    debt — not the labour body, no arbitration first, and no 追索劳动报酬纠纷 on court papers.
    Against a company, 欠薪 and 工资 are a labour dispute."""
    from mediate.domain.confirmation import arbitration_first
    from mediate.routing.causes import official_cause

    router = Router(load_rules(default_rules_file()))
    taxonomy = bundled_taxonomy()
    case = CaseInput(cause, [_PERSON, _PERSON_R], amount=Decimal("8000"), location="410802003")
    decision = router.route(case)
    assert decision.org.field != "labour", decision.org.id
    groups = taxonomy.groups(cause) or taxonomy.infer(cause)[0]
    assert not arbitration_first(cause, groups, employer=False)
    assert official_cause(cause) == cause
    if cause in ("工资", "欠薪"):
        against_firm = dataclasses.replace(case, parties=[_PERSON, _FIRM_R])
        assert router.route(against_firm).org.field == "labour"
        assert arbitration_first(cause, groups, employer=True)
        assert official_cause(cause, employer=True) == "追索劳动报酬纠纷"


@pytest.mark.parametrize(
    "cause", ["私人贷款纠纷", "民间贷款纠纷", "个人贷款纠纷", "车贷担保追偿", "车贷纠纷"]
)
def test_loan_product_words_are_finance_only_with_a_financial_institution(cause: str) -> None:
    """民间借贷规定 (2020) art. 1 (read in LawRefBook at 2f4c5c2): lending between natural
    persons, legal persons and other organisations is 民间借贷 unless the lender is a 金融机构
    licensed to lend. 贷款/车贷/房贷 between two persons stay local (with a note), and 车贷纠纷
    names 金融借款合同纠纷 on papers only with a bank or finance company among the parties."""
    from mediate.routing.causes import official_cause

    router = Router(load_rules(default_rules_file()))
    case = CaseInput(cause, [_PERSON, _PERSON_R], amount=Decimal("30000"), location="410802003")
    decision = router.route(case)
    assert decision.org.kind != "finance_committee", decision.org.id
    assert any("民间借贷案件" in w for w in decision.warnings)
    assert official_cause(cause) == cause
    with_bank = dataclasses.replace(case, parties=[_LENDER, _PERSON_R])
    assert router.route(with_bank).org.kind == "finance_committee"
    if cause == "车贷纠纷":
        assert official_cause(cause, lender=True) == "金融借款合同纠纷"


@pytest.mark.parametrize(
    "party",
    [
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作市居委会路便民超市"),
        Party(PartyRole.RESPONDENT, PartyKind.PERSON, "赵六（王褚村村委会）"),
        Party(PartyRole.THIRD_PARTY, PartyKind.INSTITUTION, "焦作市解放区王褚街道王褚村民委员会"),
    ],
)
def test_village_body_party_is_an_organisation_named_as_the_body_applicant_or_respondent(
    party: Party,
) -> None:
    """人民调解法 art. 8 (the village's committee is set up by the 村（居）民委员会, read in
    LawRefBook at 2f4c5c2) keeps a dispute from the village room only when that committee, its
    村民小组 or 经济合作社 is itself a side of the dispute: an organisation whose name ends in
    the body's kind, as applicant or respondent — not a shop on 居委会路, a person with a
    village written beside the name, or a committee that is only a third party. (A cause the
    route land-contract leaves alone: its art. 2, last paragraph.)"""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(
        cause="承包地征收补偿费用分配纠纷",
        parties=[Party(PartyRole.APPLICANT, PartyKind.PERSON, "聂保国"), party],
        amount=Decimal("6000"),
        location="410802009901",
    )
    if party.role is PartyRole.THIRD_PARTY:
        case = dataclasses.replace(
            case, parties=[*case.parties, Party(PartyRole.RESPONDENT, PartyKind.PERSON, "聂保民")]
        )
    decision = router.route(case)
    assert decision.rule != "village-body-party"
    assert not any("人民调解法第八条" in w for w in decision.warnings)
    if party.kind is PartyKind.PERSON:
        assert decision.org.id == "jz-410802009901-village-room", decision.org.id


@pytest.mark.parametrize(
    "cause", ["物业租赁合同纠纷", "物业买卖", "商铺物业转让纠纷", "物业管理用房租赁合同纠纷"]
)
def test_property_words_mean_property_management_not_real_estate(cause: str) -> None:
    """物业管理条例 art. 2 (read in LawRefBook at 2f4c5c2): 物业管理 is the owners' engagement
    of a 物业服务企业 to maintain buildings and keep order. 物业 alone also means real estate:
    leasing, selling or transferring it is no property-management dispute, even with a 物业
    company as a party; 物业费 and a 物业公司's damage are."""
    router = Router(load_rules(default_rules_file()))
    for parties in ([_PERSON, _PERSON_R], [_MANAGER, _PERSON_R]):
        case = CaseInput(cause, parties, amount=Decimal("30000"), location="410802003")
        assert router.route(case).org.field != "property", (cause, parties[0].name)
    for served in ("物业费", "物业公司装修损坏赔偿"):
        case = CaseInput(served, [_PERSON, _PERSON_R], amount=Decimal("3000"), location="410802003")
        assert router.route(case).org.field == "property", served


@pytest.mark.parametrize("cause", ["铁路交通事故", "交通事故保险理赔", "船舶交通事故"])
def test_traffic_words_mean_a_road_accident_not_rail_ship_or_insurance(cause: str) -> None:
    """道路交通安全法 art. 119 (read in LawRefBook at 2f4c5c2): 交通事故 is a vehicle's on a
    road, and art. 74's compensation is between the parties; a railway or ship accident and
    a claim on an insurance policy are not for the traffic committee. A paper names no
    机动车 cause when the vehicle kind is not written (an e-bike is a 非机动车, art. 119)."""
    from mediate.routing.causes import official_cause

    router = Router(load_rules(default_rules_file()))
    case = CaseInput(cause, [_PERSON, _PERSON_R], amount=Decimal("30000"), location="410802003")
    assert router.route(case).org.field != "traffic", cause
    for written in ("交通事故", "车祸", "交通事故纠纷", "道路交通事故人身损害赔偿纠纷"):
        assert official_cause(written) == written
        road = dataclasses.replace(case, cause=written)
        assert router.route(road).org.field == "traffic", written


@pytest.mark.parametrize("cause", ["宠物诊疗纠纷", "动物诊疗纠纷", "兽医诊疗纠纷"])
def test_medical_words_mean_care_of_patients_not_animals(cause: str) -> None:
    """医疗纠纷预防和处理条例 art. 2 (read in LawRefBook at 2f4c5c2): 医疗纠纷 are between
    patients and 医疗机构 over diagnosis and treatment; a vet's treatment of a pet is not."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(cause, [_PERSON, _FIRM_R], amount=Decimal("3000"), location="410802003")
    assert router.route(case).org.field != "medical", cause
    assert router.route(dataclasses.replace(case, cause="诊疗纠纷")).org.field == "medical"


@pytest.mark.parametrize("cause", ["消费借款纠纷", "消费贷款纠纷", "消费信贷纠纷"])
def test_a_consumer_loan_from_a_lender_is_finance_not_a_consumer_dispute(cause: str) -> None:
    """消费者权益保护法 art. 2 (read in LawRefBook at 2f4c5c2): a consumer buys goods or services
    for daily consumption; a loan from a 小额贷款 company is credit from a licensed lender
    (民间借贷规定 (2020) art. 1): the finance committee, not the consumer body."""
    router = Router(load_rules(default_rules_file()))
    lender = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作市甲小额贷款有限公司")
    case = CaseInput(cause, [_PERSON, lender], amount=Decimal("20000"), location="410802003")
    decision = router.route(case)
    assert decision.org.kind == "finance_committee", (decision.org.id, decision.rule)
    shop = dataclasses.replace(case, cause="消费纠纷", parties=[_PERSON, _FIRM_R])
    assert router.route(shop).org.field == "consumer"


@pytest.mark.parametrize(
    "cause",
    ["离婚财产分割纠纷", "离婚协议履行纠纷", "离婚损害赔偿纠纷", "离婚抚养费纠纷", "离婚补偿纠纷"],
)
def test_status_relation_warning_only_when_dissolving_the_marriage_is_the_subject(
    cause: str,
) -> None:
    """民诉法解释 (2022) art. 355(3) (read in LawRefBook at 2f4c5c2) bars confirming only that a
    婚姻 relation is 无效, 有效 or 解除: a dispute over property, a divorce agreement's
    performance, damages, maintenance or compensation after a divorce may be confirmed; an
    agreement whose terms dissolve the marriage is still warned."""
    from mediate.domain.confirmation import AgreementFacts, NotAccepted, not_accepted_warnings

    def codes(cause: str, terms: str = "") -> set[NotAccepted]:
        return {w.code for w in not_accepted_warnings(AgreementFacts(cause, terms=terms))}

    assert NotAccepted.STATUS_RELATION not in codes(cause)
    assert NotAccepted.STATUS_RELATION in codes(cause, "双方自愿离婚")


@pytest.mark.parametrize(
    ("cause", "claim"),
    [
        ("应收账款质权纠纷", "支付欠款"),
        ("被继承人债务清偿纠纷", "支付欠款"),
        ("欠款纠纷", "支付拖欠工资30000元"),
    ],
)
def test_debt_words_reach_credit_only_for_a_cause_the_taxonomy_does_not_know(
    cause: str, claim: str
) -> None:
    """Seed item 18 (an enterprise's unpaid debt) by debt words only when no official cause
    names the dispute: 应收账款质权纠纷 is a pledge (物权纠纷) and 被继承人债务清偿纠纷 a
    succession dispute (民事案件案由规定, 2025); a worker's wages are a labour claim
    (劳动争议调解仲裁法 art. 2, read in LawRefBook at 2f4c5c2), not an enterprise's trade debt."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(
        cause, [_PERSON, _FIRM_R], amount=Decimal("30000"), location="410802003", claim=claim
    )
    assert router.route(case).org.kind != "credit_committee", cause
    debt = dataclasses.replace(case, cause="欠款纠纷", claim="支付欠款")
    assert router.route(debt).org.kind == "credit_committee"


# ---- The fourth review (2026-12-02): wage words, the 个体工商户, a house's quality ----------
def test_labour_wage_words_go_by_the_parties_not_the_trade() -> None:
    """Route labour (rules/jiaozuo.yaml) and the papers' arbitration step read wage words the
    same way: a worker against an employer (劳动法 art. 2, 劳动合同法 art. 2: 企业、个体经济组织
    …) is in a labour dispute whatever the trade (装修); a person who is no registered trader
    is no employer (劳动争议解释（一） (2020) art. 2(4)-(6)); 劳务/雇佣/帮工/学徒 name a civil
    relation (art. 2(5), art. 32), 劳务派遣 a labour one (劳动合同法 ch. 5). A 个体工商户 entered
    as a person (民法典 art. 54; 民诉法解释 (2022) art. 59) is an employer by its name."""
    from mediate.domain.confirmation import arbitration_first
    from mediate.domain.parties import is_employer

    assert arbitration_first("装修工资纠纷", employer=True)
    assert not arbitration_first("装修工资纠纷", employer=False)
    assert arbitration_first("劳务派遣工资纠纷", employer=True)
    for civil in ("劳务工资纠纷", "帮工工资纠纷", "学徒工资纠纷", "雇佣工资纠纷"):
        assert not arbitration_first(civil, employer=True), civil
    # a debt cause with a wage claim (劳动争议调解仲裁法 art. 2(5)): arbitration first, as routed
    assert arbitration_first("欠款纠纷", employer=True, claim="支付拖欠工资12000元")
    assert not arbitration_first("欠款纠纷", employer=False, claim="支付拖欠工资12000元")
    assert not arbitration_first("欠款纠纷", employer=True, claim="偿还借款（从工资中扣还）")
    assert not arbitration_first("产品质量纠纷", employer=True, claim="支付工资")  # no debt cause
    assert not arbitration_first("劳务合同纠纷", ("劳务合同纠纷", "合同纠纷"), True, "支付工资")
    assert is_employer("enterprise", "焦作市解放区华艺装饰工程有限公司")
    assert is_employer("institution", "焦作市某中学")
    assert is_employer("person", "钱海涛（个体工商户）")
    assert is_employer("person", "某装修个体户经营者")
    assert not is_employer("person", "钱海涛")
    router = Router(load_rules(default_rules_file()))
    for name, kind, rule in (
        ("焦作市解放区华艺装饰工程有限公司", PartyKind.ENTERPRISE, "labour"),
        ("钱海涛（个体工商户）", PartyKind.PERSON, "labour"),
        ("钱海涛", PartyKind.PERSON, "township"),
    ):
        case = CaseInput(
            cause="装修工资纠纷",
            parties=[
                Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙建华"),
                Party(PartyRole.RESPONDENT, kind, name),
            ],
            amount=Decimal(30000),
            location="410802003",
        )
        assert router.route(case).rule == rule, name


@pytest.mark.parametrize(
    ("cause", "article"),
    [("申请认定财产无主", "202"), ("申请实现担保物权", "207"), ("申请指定遗产管理人", "194")],
)
def test_a_special_procedure_placed_by_its_property_goes_where_the_property_is(
    cause: str, article: str
) -> None:
    """民事诉讼法 (2023) art. 202 财产所在地, art. 207 担保财产所在地, art. 194 主要遗产所在地
    (read in LawRefBook/Laws at 2f4c5c2): the recorded subject-matter location decides the
    basic court, before where the dispute was taken in and before any party's domicile; other
    special procedures (art. 191: the missing person's domicile) are not placed by it."""
    router = Router(load_rules(default_rules_file()))
    case = dataclasses.replace(
        _application(cause, "410802003", "孟州市会昌街道1号"),
        subject_matter_location="温县番田镇",
    )
    decision = router.route(case)
    assert (decision.org.id, decision.rule) == ("jz-410825-court", "not-mediable"), article
    assert not any("check that" in w for w in decision.warnings)
    nowhere = router.route(dataclasses.replace(case, location=None))
    assert nowhere.org.id == "jz-410825-court"
    missing = dataclasses.replace(case, cause="申请宣告自然人失踪")
    assert router.route(missing).org.id == "jz-410802-court"


# ---- The fifth review (2026-12-02): one reading of a labour dispute's parties --------------
_APPLICANT_KINDS = {
    "worker": (PartyKind.PERSON, "孙建华"),
    "sole_trader": (PartyKind.PERSON, "钱海涛（个体工商户）"),
    "company": (PartyKind.ENTERPRISE, "焦作甲劳务派遣有限公司"),
    "trade_name": (PartyKind.PERSON, "焦作市山阳区小李烟酒商行"),
}
_RESPONDENT_KINDS = {
    "person": (PartyKind.PERSON, "王五"),
    "sole_trader": (PartyKind.PERSON, "李四（个体工商户）"),
    "company": (PartyKind.ENTERPRISE, "焦作乙建筑有限公司"),
    "institution": (PartyKind.INSTITUTION, "焦作市某中学"),
    "trade_name": (PartyKind.PERSON, "焦作市解放区老钱烧烤店"),
}
_GRID_CAUSES = (
    "拖欠工资纠纷",
    "工资纠纷",
    "欠薪纠纷",
    "农民工工资纠纷",
    "追索劳动报酬纠纷",
    "欠款纠纷",
    "工伤赔偿纠纷",
)
_GRID_CLAIMS = ("支付拖欠工资12000元", "支付货款12000元", "")


@pytest.mark.parametrize("cause", _GRID_CAUSES)
def test_labour_parties_one_reading_for_route_arbitration_and_papers(cause: str) -> None:
    """劳动争议调解仲裁法 art. 2 (用人单位与劳动者), 劳动法 art. 2, 劳动合同法 art. 2 (read in
    LawRefBook/Laws at 2f4c5c2): a labour dispute is a worker's — a natural person not himself
    a trader — against an employer (an organisation or a 个体工商户). Over cause x claim x
    applicant kind x respondent kind, the route is labour exactly when the failed case is told
    to arbitrate first, and exactly when the papers name a labour cause — a debt cause with a
    worker's wage claim too (欠款纠纷 + 支付拖欠工资: 劳动争议调解仲裁法 art. 2(5); the papers
    name 追索劳动报酬纠纷, 2026-12-02). A company suing a company over wages (劳务派遣公司 v
    建筑公司) is no labour dispute in any of the three."""
    import datetime as dt

    from mediate.domain.confirmation import LABOUR_GROUPS, arbitration_first, is_wage_claim
    from mediate.domain.parties import labour_parties
    from mediate.routing.causes import official_cause

    router = Router(load_rules(default_rules_file()))
    taxonomy = bundled_taxonomy()
    received = dt.date(2026, 11, 2)
    for claim in _GRID_CLAIMS:
        for a_kind, a_name in _APPLICANT_KINDS.values():
            for r_kind, r_name in _RESPONDENT_KINDS.values():
                parties = [
                    Party(PartyRole.APPLICANT, a_kind, a_name),
                    Party(PartyRole.RESPONDENT, r_kind, r_name),
                ]
                case = CaseInput(
                    cause, parties, location="410802003", claim=claim or None, received_on=received
                )
                where = (cause, claim, a_name, r_name)
                routed = router.route(case).rule == "labour"
                labour = labour_parties(parties)
                papers = official_cause(
                    cause, labour, False, taxonomy, received, wage_claim=is_wage_claim(claim)
                )
                groups = set(taxonomy.groups(papers) or ())
                advice = arbitration_first(papers, groups, labour, claim)
                assert routed == advice, where
                assert routed == bool(groups & LABOUR_GROUPS), where
                if cause == "追索劳动报酬纠纷":  # an official labour cause stays labour
                    assert routed, where
                elif a_name != "孙建华" or r_name == "王五":
                    assert not routed, where


def test_labour_parties_company_v_company_over_wages_is_no_labour_dispute() -> None:
    """The review's case: 拖欠工资纠纷, 焦作甲劳务派遣有限公司 v 焦作乙建筑有限公司 — no worker
    claims (劳动争议调解仲裁法 art. 2): routed local, the papers keep the words, no warning that
    it is registered as 追索劳动报酬纠纷, no arbitration advice."""
    from mediate.domain.parties import labour_parties

    router = Router(load_rules(default_rules_file()))
    parties = [
        Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "焦作甲劳务派遣有限公司"),
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司"),
    ]
    decision = router.route(CaseInput("拖欠工资纠纷", parties, location="410802003"))
    assert decision.rule != "labour"
    assert not any("registered and routed as" in w for w in decision.warnings)
    assert any("only when a worker claims from an employer" in w for w in decision.warnings)
    assert not labour_parties(parties)
    assert labour_parties([Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙建华"), parties[1]])


@pytest.mark.parametrize(
    ("claim", "respondents", "labour"),
    [
        ("支付拖欠工资12000元", [(PartyKind.ENTERPRISE, "焦作乙建筑有限公司")], True),
        (
            "支付装修工程款（含工人工资）30000元",
            [(PartyKind.ENTERPRISE, "焦作乙建筑有限公司")],
            False,
        ),
        ("支付承包款（含工人工资）", [(PartyKind.ENTERPRISE, "焦作乙建筑有限公司")], False),
        ("支付房租（以工资抵扣部分除外）", [(PartyKind.ENTERPRISE, "焦作乙建筑有限公司")], False),
        ("支付租金及工资差额", [(PartyKind.ENTERPRISE, "焦作乙建筑有限公司")], False),
        (
            "支付拖欠工资12000元",
            [(PartyKind.PERSON, "李四"), (PartyKind.ENTERPRISE, "焦作市某融资担保有限公司")],
            True,
        ),
        ("支付拖欠工资12000元", [(PartyKind.ENTERPRISE, "焦作市某融资担保有限公司")], True),
        (
            "支付拖欠工资12000元",
            [(PartyKind.PERSON, "李四（个体工商户）"), (PartyKind.ENTERPRISE, "某担保有限公司")],
            True,
        ),
    ],
)
def test_labour_wage_claim_keeps_out_contract_price_rent_and_a_guarantor(
    claim: str, respondents: list[tuple[PartyKind, str]], labour: bool
) -> None:
    """The debt cause's wage claim (rules/jiaozuo.yaml, route labour; 劳动争议调解仲裁法 art.
    2(5)) is no labour claim when it is a contractor's price that includes wages (承揽,
    建设工程: 民法典 arts. 770, 788) or rent (art. 703), and a guarantor sued beside the one
    who can be the employer (民法典 arts. 681, 688: a surety) is not the employer; beside a
    private person, or alone, the guarantee company is the only one that can be, and is
    (the review of 2026-12-02). Route and arbitration advice agree."""
    from mediate.domain.confirmation import arbitration_first
    from mediate.domain.parties import labour_parties

    router = Router(load_rules(default_rules_file()))
    parties = [Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙建华")] + [
        Party(PartyRole.RESPONDENT, kind, name) for kind, name in respondents
    ]
    case = CaseInput("欠款纠纷", parties, location="410802003", claim=claim)
    assert (router.route(case).rule == "labour") is labour
    assert arbitration_first("欠款纠纷", (), labour_parties(parties), claim) is labour


@pytest.mark.parametrize("cause", ["工伤赔偿纠纷", "工伤待遇纠纷"])
def test_injury_at_work_words_name_the_employer_cause_only_between_worker_and_employer(
    cause: str,
) -> None:
    """工伤保险待遇纠纷 is the employer's duty (工伤保险条例 ch. 5; 劳动争议调解仲裁法 art. 2):
    between two persons an injury at work is 提供劳务者受害责任纠纷 (民法典 art. 1192) or no
    labour dispute at all (劳动争议解释（一） (2020) art. 2(4)-(6)); the words become the
    official cause, route labour and need arbitration only for a worker against an employer."""
    import datetime as dt

    from mediate.domain.confirmation import arbitration_first
    from mediate.domain.parties import labour_parties
    from mediate.routing.causes import official_cause

    router = Router(load_rules(default_rules_file()))
    taxonomy = bundled_taxonomy()
    on = dt.date(2026, 11, 2)
    worker = Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙建华")
    for respondent, labour in (
        (Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司"), True),
        (Party(PartyRole.RESPONDENT, PartyKind.PERSON, "王五"), False),
    ):
        parties = [worker, respondent]
        case = CaseInput(cause, parties, location="410802003", received_on=on)
        assert (router.route(case).rule == "labour") is labour, respondent.name
        papers = official_cause(cause, labour_parties(parties), False, taxonomy, on)
        assert (papers == "工伤保险待遇纠纷") is labour
        groups = taxonomy.groups(papers) or taxonomy.infer(papers)[0]
        assert arbitration_first(papers, groups, labour_parties(parties)) is labour


@pytest.mark.parametrize(
    "cause",
    [
        "申请实现抵押权",
        "申请实现质权",
        "申请实现留置权",
        "申请拍卖抵押物",
        "申请拍卖、变卖抵押财产",
    ],
)
def test_enforcing_a_mortgage_pledge_or_lien_is_the_special_procedure_not_mediated(
    cause: str,
) -> None:
    """实现担保物权 (民事诉讼法 (2023) art. 207; 民法典 arts. 410, 436, 453) however the right is
    named is a special procedure, never mediated (民诉法解释 art. 143): it goes to the basic
    court where the collateral is, or stays at the hub when no place is recorded; 抵押权纠纷 /
    抵押合同纠纷 are suits and are mediated."""
    from mediate.domain.special import is_special_procedure, placed_by_property

    assert is_special_procedure(cause) and placed_by_property(cause)
    router = Router(load_rules(default_rules_file()))
    parties = [
        Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "焦作市某小额贷款有限公司"),
        Party(PartyRole.RESPONDENT, PartyKind.PERSON, "钱海涛"),
    ]
    placed = CaseInput(
        cause, parties, location="410802003", subject_matter_location="孟州市会昌街道"
    )
    decision = router.route(placed)
    assert decision.org.kind == "court" and decision.org.id == "jz-410883-court"
    unplaced = router.route(CaseInput(cause, parties))
    assert unplaced.org.kind == "non_litigation_center"
    for suit in ("抵押权纠纷", "质权纠纷", "抵押合同纠纷", "申请拍卖抵押物纠纷"):
        assert not is_special_procedure(suit), suit


@pytest.mark.parametrize("cause", ["申请认定财产无主", "申请实现担保物权", "申请实现抵押权"])
@pytest.mark.parametrize("place", ["郑州市金水区", "410800", "焦作市"])
def test_a_property_place_outside_the_network_names_no_other_court(cause: str, place: str) -> None:
    """民事诉讼法 (2023) art. 202 (财产所在地) and art. 207 (担保财产所在地或者担保物权登记地)
    name the property's place alone (read in LawRefBook/Laws at 2f4c5c2): a recorded place
    outside Jiaozuo or naming no county is not replaced by where the application was taken
    in — the case stays at the hub and the clerk is told; art. 194 (指定遗产管理人) also names
    the deceased's domicile, so there the other place still serves."""
    router = Router(load_rules(default_rules_file()))
    parties = [Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三")]
    case = CaseInput(cause, parties, location="410802003", subject_matter_location=place)
    decision = router.route(case)
    assert decision.org.kind == "non_litigation_center", decision.org
    assert any("names no county of this network" in w for w in decision.warnings)
    estate = dataclasses.replace(case, cause="申请指定遗产管理人")
    assert router.route(estate).org.id == "jz-410802-court"


@pytest.mark.parametrize("cause", ["劳动报酬纠纷", "用工纠纷"])
def test_labour_words_need_a_worker_against_an_employer_official_causes_do_not(cause: str) -> None:
    """Labour words in a cause the taxonomy does not hold name a labour dispute only between
    a worker and an employer (劳动争议调解仲裁法 art. 2), like the wage words: between two
    persons 劳动报酬纠纷 is local as 工资纠纷 is (劳动争议解释（一） art. 2(4)-(6)). An official
    labour cause (追索劳动报酬纠纷, 劳动合同纠纷) stays labour whoever the parties are: the
    案由 is the court's docket, and who is a 劳动者 is for the labour body to decide
    (docs/routing-policy.md). Route, arbitration advice and the art. 52 note agree."""
    from mediate.domain.confirmation import arbitration_first

    router = Router(load_rules(default_rules_file()))
    taxonomy = bundled_taxonomy()
    worker = Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙建华")
    for respondent, labour in (
        (Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司"), True),
        (Party(PartyRole.RESPONDENT, PartyKind.PERSON, "王五"), False),
    ):
        case = CaseInput(cause, [worker, respondent], location="410802003")
        assert (router.route(case).rule == "labour") is labour, (cause, respondent.name)
        groups = taxonomy.infer(cause)[0]
        assert arbitration_first(cause, groups, labour) is labour
        assert bool(cause_notes(cause, groups, labour)) is labour
        for official in ("追索劳动报酬纠纷", "劳动合同纠纷"):
            stays = dataclasses.replace(case, cause=official)
            assert router.route(stays).rule == "labour", official
            assert arbitration_first(official, taxonomy.groups(official) or (), labour)


@pytest.mark.parametrize(
    "name", ["钱海涛（个体经营户）", "钱海涛（个体经营者）", "钱海涛（个体工商户）"]
)
def test_a_sole_trader_by_any_of_its_names_is_an_employer_and_no_worker(name: str) -> None:
    """A 个体工商户 (民法典 art. 54; 劳动法 art. 2 个体经济组织) entered as a person whose name
    says 个体工商户/个体户/个体经营户/个体经营者 is an employer as respondent and no worker as
    applicant; an ordinary name (钱海涛, 张个体) is neither."""
    from mediate.domain.parties import is_employer, labour_parties

    assert is_employer("person", name)
    assert not is_employer("person", "钱海涛")
    router = Router(load_rules(default_rules_file()))
    worker = Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙建华")
    trader = Party(PartyRole.RESPONDENT, PartyKind.PERSON, name)
    case = CaseInput("拖欠工资纠纷", [worker, trader], location="410802003")
    assert router.route(case).rule == "labour" and labour_parties(case.parties)
    company = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作乙建筑有限公司")
    claimant = Party(PartyRole.APPLICANT, PartyKind.PERSON, name)
    case = CaseInput("拖欠工资纠纷", [claimant, company], location="410802003")
    assert router.route(case).rule != "labour" and not labour_parties(case.parties)


@pytest.mark.parametrize(
    ("cause", "respondent", "consumer"),
    [
        ("房屋装修质量问题纠纷", "焦作市美家装饰工程有限公司", True),
        ("装修房屋质量问题纠纷", "焦作市美家装饰工程有限公司", True),
        ("家具质量问题纠纷", "焦作市建业置业有限公司", True),
        ("房屋质量问题纠纷", "焦作市建业房地产开发有限公司", False),
        ("房屋质量问题纠纷", "焦作市某建筑有限公司", False),
    ],
)
def test_consumer_route_excludes_the_house_itself_not_decoration_or_a_developer_name(
    cause: str, respondent: str, consumer: bool
) -> None:
    """消费者权益保护法 art. 2 (goods and services for daily consumption): decoration is a
    service wherever the word stands; the house itself is a 商品房买卖 matter (商品房买卖合同
    解释 arts. 1, 9-10; 产品质量法 art. 2 "建设工程不适用本法规定"), and a developer's name does
    not by itself take furniture out of the consumer route."""
    router = Router(load_rules(default_rules_file()))
    parties = [
        Party(PartyRole.APPLICANT, PartyKind.PERSON, "孙建华"),
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, respondent),
    ]
    case = CaseInput(cause, parties, amount=Decimal(6000), location="410802003")
    assert (router.route(case).rule == "consumer-contract") is consumer


_ORGAN = Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "焦作市公安局解放分局")
_ADMIN_ACT_CAUSES = [
    "行政拘留",
    "罚款",
    "不履行法定职责",
    "土地征收",
    "强制拆除房屋",
    "征收补偿纠纷",
    "拆迁补偿纠纷",
    "征地补偿安置",
    "确认违法",
    "房屋登记",
    "最低生活保障待遇",
    "抚恤金",
]


@pytest.mark.parametrize("cause", _ADMIN_ACT_CAUSES)
def test_administrative_an_act_against_an_organ_goes_to_the_centre_with_the_art_60_warning(
    cause: str,
) -> None:
    """人民调解法 art. 2 (people's mediation is for 民间纠纷), 行政诉讼法 (2017) arts. 12 ¶1 and
    60, seed item 3 (all read): an administrative act named by its words (行政拘留, 罚款, 征收,
    拆除, 登记, 法定职责, 确认违法, 最低生活保障, 抚恤) against an administrative organ goes to the
    行政争议实质性化解中心, warned that only 行政赔偿、补偿 and discretion may be mediated. The
    same words between two persons or two companies are no administrative dispute."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(cause, [_PERSON, _ORGAN], location="410802003")
    decision = router.route(case)
    assert decision.rule == "administrative", decision.org.id
    assert decision.org.kind == "admin_dispute_center"
    assert any("行政诉讼法第六十条" in w for w in decision.warnings)
    for parties in ([_PERSON, _PERSON_R], [_FIRM, _FIRM_R]):
        civil = router.route(dataclasses.replace(case, parties=parties))
        assert civil.rule != "administrative", (cause, civil.rule)
        assert not any("行政诉讼法第六十条" in w for w in civil.warnings)


@pytest.mark.parametrize(
    ("cause", "respondent"),
    [
        ("房屋买卖合同纠纷", _PERSON_R),
        (
            "房屋买卖合同纠纷",
            Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "焦作市住房和城乡建设局"),
        ),
        ("抚养费纠纷", _PERSON_R),
        ("征收补偿款分配纠纷", _PERSON_R),
        # a village committee is no organ (村民委员会组织法 art. 2), whatever kind it was given
        ("征收补偿款分配纠纷", Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "王褚村民委员会")),
        ("合同罚款纠纷", _FIRM_R),
        # a cause the civil 案由 list knows stays civil against an organ too
        ("合同罚款纠纷", _ORGAN),
        ("请求变更公司登记纠纷", _ORGAN),
    ],
)
def test_administrative_act_words_in_a_civil_dispute_stay_civil(
    cause: str, respondent: Party
) -> None:
    """Route administrative: 房屋买卖 between persons, 抚养费, the villagers' share of the
    compensation (2025 cause 65(2) 承包地征收补偿费用分配纠纷) and a 罚款 clause in a contract
    (a 违约金) are civil disputes, for the local network, without the art. 60 warning."""
    router = Router(load_rules(default_rules_file()))
    case = CaseInput(cause, [_PERSON, respondent], amount=Decimal(30000), location="410802003")
    decision = router.route(case)
    assert decision.rule != "administrative"
    assert decision.org.kind != "admin_dispute_center"


@pytest.mark.parametrize(
    ("cause", "respondent", "kind"),
    [
        ("养老保险待遇纠纷", "焦作市社会保险中心", PartyKind.INSTITUTION),
        ("养老保险待遇纠纷", "焦作市人力资源和社会保障局", PartyKind.GOVERNMENT),
        ("工伤保险待遇纠纷", "焦作市社会保险中心", PartyKind.GOVERNMENT),
        ("医疗保险待遇纠纷", "焦作市医疗保障局", PartyKind.GOVERNMENT),
        ("社保纠纷", "焦作市机关事业单位社会保险中心", PartyKind.INSTITUTION),
    ],
)
def test_administrative_social_insurance_against_its_agency_not_against_the_employer(
    cause: str, respondent: str, kind: PartyKind
) -> None:
    """社会保险法 art. 83 (read): a claim against the 社会保险经办机构 over its 社会保险待遇
    goes to 行政复议 or 行政诉讼 (¶2; 社会保险经办条例 (2023) art. 52) — administrative; only
    the worker's dispute with his own employer goes to mediation and arbitration (¶3) — labour."""
    router = Router(load_rules(default_rules_file()))
    agency = Party(PartyRole.RESPONDENT, kind, respondent)
    case = CaseInput(cause, [_PERSON, agency], location="410802003")
    decision = router.route(case)
    assert decision.rule == "administrative", decision.org.id
    assert any("行政诉讼法第六十条" in w for w in decision.warnings)
    employer = dataclasses.replace(case, parties=[_PERSON, _FIRM_R])
    assert router.route(employer).rule == "labour"


def test_financial_party_a_xiaodai_company_is_a_financial_institution() -> None:
    """最高人民法院关于新民间借贷司法解释适用范围问题的批复 item 1 (read): a 小额贷款公司 is a
    金融机构. One writing itself 小贷 (河南某某网络小贷有限公司) is one by its name: its 贷款纠纷
    goes to the finance committee without the 民间借贷 warning, in the rules and the papers."""
    from mediate.routing.causes import financial_party

    lender = Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "河南某某网络小贷有限公司")
    router = Router(load_rules(default_rules_file()))
    case = CaseInput("贷款纠纷", [lender, _PERSON_R], amount=Decimal(30000), location="410802003")
    decision = router.route(case)
    assert decision.rule == "finance"
    assert not any("民间借贷案件" in w for w in decision.warnings)
    assert financial_party(lender.name)
    between_persons = dataclasses.replace(case, parties=[_PERSON, _PERSON_R])
    assert router.route(between_persons).rule != "finance"


@pytest.mark.parametrize(
    ("cause", "claim"),
    [
        ("工资罚款纠纷", None),
        ("辞退纠纷（罚款）", None),
        ("加班费罚款纠纷", None),
        ("罚款纠纷", "退还从工资中扣除的罚款"),
        ("罚款纠纷", "支付解除劳动合同经济补偿"),
    ],
)
def test_administrative_an_organ_as_employer_fining_its_worker_is_no_administrative_act(
    cause: str, claim: str | None
) -> None:
    """劳动法 art. 2 ¶2 (read in LawRefBook/Laws at 2f4c5c2): "国家机关、事业组织、社会团体和
    与之建立劳动合同关系的劳动者，依照本法执行" — an organ is the employer of its 劳动合同
    staff, and a 罚款 it takes as employer is a labour matter: route administrative's act
    words do not apply when the cause or the claim has labour words (set labour-words). A
    罚款 without them against the same organ is still its administrative act."""
    router = Router(load_rules(default_rules_file()))
    bureau = Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "焦作市解放区城市管理局")
    case = CaseInput(cause, [_PERSON, bureau], claim=claim, location="410802003")
    decision = router.route(case)
    assert decision.rule != "administrative", (cause, claim)
    assert not any("行政诉讼法第六十条" in w for w in decision.warnings)
    act = router.route(dataclasses.replace(case, cause="罚款纠纷", claim="撤销罚款决定"))
    assert act.rule == "administrative"


def test_administrative_compensation_for_a_taking_is_no_labour_word() -> None:
    """Route administrative: 经济补偿 for 征地 or 拆迁 is the organ's act (行政诉讼法 (2017)
    art. 12 ¶1 (5)), not a labour 经济补偿 (劳动合同法 art. 46)."""
    router = Router(load_rules(default_rules_file()))
    government = Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "焦作市解放区人民政府")
    for cause in ("征地经济补偿纠纷", "拆迁经济补偿纠纷"):
        decision = router.route(CaseInput(cause, [_PERSON, government], location="410802003"))
        assert decision.rule == "administrative", cause


@pytest.mark.parametrize(
    ("cause", "medical"),
    [
        ("医疗纠纷（分期治疗）", True),
        ("医疗美容纠纷（分期种植牙）", True),
        ("医美贷纠纷", False),
        ("医美分期付款纠纷", False),
        ("医疗美容分期还款纠纷", False),
        ("医疗美容贷款纠纷", False),
        ("医美借款纠纷", False),
    ],
)
def test_medical_only_loan_words_take_a_medical_cause_away(cause: str, medical: bool) -> None:
    """医疗纠纷预防和处理条例 art. 2 (the care itself) and 医疗损害责任解释 art. 1 ¶2 (医疗美容):
    a 医美 loan or instalment payment plan is the lender's contract, but 分期 alone (the
    course of a treatment) leaves the care a medical dispute."""
    router = Router(load_rules(default_rules_file()))
    clinic = Party(PartyRole.RESPONDENT, PartyKind.INSTITUTION, "焦作市某医疗美容诊所")
    decision = router.route(CaseInput(cause, [_PERSON, clinic], location="410802003"))
    assert (decision.rule == "medical") is medical, (cause, decision.rule)


@pytest.mark.parametrize(
    ("cause", "claim", "facts"),
    [
        ("罚款纠纷", "退还从工资中扣除的罚款", None),
        ("扣款纠纷", "返还2000元", "被申请人以迟到为由从其工资中扣除罚款2000元"),
        ("罚款纠纷", "返还罚款", "单位每月克扣工资作为罚款"),
        ("罚款纠纷", "支付解除劳动合同经济补偿", None),
    ],
)
@pytest.mark.parametrize(
    "employer",
    [
        Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "焦作市解放区城市管理局"),
        Party(PartyRole.RESPONDENT, PartyKind.INSTITUTION, "焦作市解放区某中心小学"),
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作某物流有限公司"),
    ],
)
def test_employer_pay_act_a_deduction_from_wages_in_the_claim_or_facts_is_labour(
    cause: str, claim: str, facts: str | None, employer: Party
) -> None:
    """Set employer-pay-act (工资支付暂行规定 arts. 15, 16, 18; 劳动争议调解仲裁法 art. 2(3),
    (5); 劳动法 art. 2 ¶2; 行政协议规定 art. 3(2) — read in LawRefBook/Laws): the employer's
    deduction from the wages, named in the claim or the facts under a cause the taxonomy does
    not know, is a labour dispute whoever the employer is, an organ too; route and
    arbitration advice agree. Between two persons it is none (劳动争议解释（一） art. 2)."""
    from mediate.domain.confirmation import arbitration_first
    from mediate.domain.parties import labour_parties

    router = Router(load_rules(default_rules_file()))
    parties = [_PERSON, employer]
    case = CaseInput(cause, parties, claim=claim, facts=facts, location="410802003")
    decision = router.route(case)
    assert decision.rule == "labour", (cause, claim, employer.name, decision.rule)
    assert not any("行政诉讼法第六十条" in w for w in decision.warnings)
    assert arbitration_first(cause, (), labour_parties(parties), claim, facts or "")
    private = router.route(dataclasses.replace(case, parties=[_PERSON, _PERSON_R]))
    assert private.rule != "labour"
    assert not arbitration_first(cause, (), labour_parties([_PERSON, _PERSON_R]), claim)


@pytest.mark.parametrize(
    ("cause", "claim", "facts", "rule"),
    [
        # an organ's fine on a company over its wages is the organ's act (工资支付暂行规定 art. 18)
        ("罚款纠纷", "撤销罚款决定", "被申请人以申请人拖欠工资为由处以罚款", "administrative"),
        # a fine on a person who is not its worker: the act, as before
        ("罚款纠纷", "撤销罚款决定", "被申请人对申请人的摊位处以罚款", "administrative"),
    ],
)
def test_employer_pay_act_an_organs_fine_as_its_act_stays_administrative(
    cause: str, claim: str, facts: str, rule: str
) -> None:
    """The other direction of set employer-pay-act: 行政诉讼法 (2017) art. 12 ¶1 (1) 罚款 by
    an organ is its administrative act unless a worker claims it back from the organ as his
    employer; an enterprise is nobody's worker."""
    router = Router(load_rules(default_rules_file()))
    bureau = Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "焦作市解放区人力资源和社会保障局")
    applicant = _FIRM if "拖欠工资" in facts else _PERSON
    case = CaseInput(cause, [applicant, bureau], claim=claim, facts=facts, location="410802003")
    decision = router.route(case)
    assert decision.rule == rule
    assert any("行政诉讼法第六十条" in w for w in decision.warnings)


def test_employer_pay_act_lost_earnings_are_no_labour_claim() -> None:
    """Set employer-pay-act reads deduction and arrears words, never 工资 alone: 误工工资 is an
    item of a tort's damages (a consumer against a shop), not pay withheld by an employer."""
    from mediate.domain.confirmation import arbitration_first

    router = Router(load_rules(default_rules_file()))
    shop = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作某电器有限公司")
    claim = "赔偿医疗费及误工工资"
    case = CaseInput("产品质量纠纷", [_PERSON, shop], claim=claim, location="410802003")
    assert router.route(case).rule != "labour"
    assert not arbitration_first("产品质量纠纷", (), True, claim, "误工三个月，工资损失6000元")


@pytest.mark.parametrize(
    "cause",
    [
        "房屋拆迁安置补偿合同纠纷",
        "拆迁安置补偿协议纠纷",
        "征地补偿安置协议纠纷",
        "拆迁补偿安置合同纠纷",
    ],
)
def test_administrative_a_takings_compensation_agreement_with_the_organ_is_administrative(
    cause: str,
) -> None:
    """行政诉讼法 (2017) art. 12 ¶1 (11) and 行政协议规定 (法释〔2019〕17号) arts. 1, 2(2) (read in
    LawRefBook/Laws): a compensation or resettlement agreement for a taking, against the organ,
    is an administrative agreement — the centre, with the art. 60 warning — whatever civil
    contract its name sounds like. The same words against a developer or a person, and the
    civil 案由 民事主体间房屋拆迁补偿合同纠纷 (2025 no. 97), stay civil."""
    router = Router(load_rules(default_rules_file()))
    government = Party(PartyRole.RESPONDENT, PartyKind.GOVERNMENT, "焦作市解放区人民政府")
    case = CaseInput(cause, [_PERSON, government], location="410802003")
    decision = router.route(case)
    assert decision.rule == "administrative", (cause, decision.rule)
    assert any("行政诉讼法第六十条" in w for w in decision.warnings)
    developer = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "焦作某房地产开发有限公司")
    for parties in ([_PERSON, developer], [_PERSON, _PERSON_R]):
        civil = router.route(dataclasses.replace(case, parties=parties))
        assert civil.rule != "administrative", (cause, civil.rule)
    official = dataclasses.replace(case, cause="民事主体间房屋拆迁补偿合同纠纷")
    assert router.route(official).rule != "administrative"
