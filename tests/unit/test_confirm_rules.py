"""Judicial confirmation in the domain: competent courts (art. 205), the art. 355
not-accepted grounds, the 30-day window."""

import datetime as dt
from decimal import Decimal

import pytest

from mediate.domain.confirmation import (
    INTERMEDIATE_COURT,
    AgreementFacts,
    DismissalGround,
    DisputeClass,
    Ground,
    Jurisdiction,
    NotAccepted,
    Path,
    Place,
    VenueFacts,
    application_deadline,
    closing_path,
    competent_courts,
    county_of_text,
    dismissal_checklist,
    dispute_class,
    entrusted_refusal,
    is_entrusted,
    not_accepted_warnings,
    reconcile_source,
    ruling_grounds_known,
)


def test_a_referring_court_is_the_only_competent_court():
    facts = VenueFacts(
        referring_court="焦作市解放区人民法院",
        domiciles=(Place("张三", "410821"),),
        body=Place("修武县人民调解委员会", "410821"),
    )
    choice = competent_courts(facts)
    assert choice.names == ["焦作市解放区人民法院"]
    assert choice.candidates[0].grounds == [Ground.REFERRING_COURT]


def test_without_a_referring_court_every_ground_offers_its_basic_court_once():
    facts = VenueFacts(
        domiciles=(Place("张三", "410802"), Place("王五", "410821")),
        subject_matter=Place("标的物", "410802"),
        body=Place("焦作市山阳区某调解委员会", "410811"),
    )
    choice = competent_courts(facts)
    assert choice.names == ["焦作市解放区人民法院", "修武县人民法院", "焦作市山阳区人民法院"]
    assert choice.candidates[0].grounds == [Ground.PARTY_DOMICILE, Ground.SUBJECT_MATTER]
    assert choice.candidates[2].grounds == [Ground.BODY_LOCATION]
    assert not choice.intermediate


def test_the_body_court_from_the_network_wins_over_its_division():
    facts = VenueFacts(body=Place("示范区调解室", "410871"), body_court="焦作市山阳区人民法院")
    assert competent_courts(facts).names == ["焦作市山阳区人民法院"]


def test_places_outside_jiaozuo_are_reported_not_guessed():
    facts = VenueFacts(domiciles=(Place("李四", None),), subject_matter=Place("标的物", "410825"))
    choice = competent_courts(facts)
    assert choice.names == ["温县人民法院"]
    assert choice.unplaced == ["李四: where a party is domiciled (not placed in Jiaozuo)"]


def test_a_dispute_of_the_intermediate_level_goes_to_the_intermediate_court():
    """法发〔2021〕27号 item 1: 5亿 and more with every party in Henan."""
    facts = VenueFacts(
        domiciles=(
            Place("甲公司", "410802", "41", "address"),
            Place("乙公司", "410821", "41", "address"),
        ),
        amount=Decimal("600000000.00"),
    )
    choice = competent_courts(facts)
    assert choice.intermediate
    assert choice.names == [INTERMEDIATE_COURT]
    assert choice.candidates[0].grounds == [Ground.PARTY_DOMICILE]
    assert "法发〔2021〕27号第一条" in choice.candidates[0].basis
    assert len(choice.excluded) == 2


def test_fa_fa_2021_27_item_2_a_party_outside_henan_lowers_the_threshold_to_1_yi():
    """The issue's check: a self-accepted 2亿 dispute with a respondent in Beijing offers
    the Jiaozuo intermediate court (法发〔2021〕27号 item 2)."""
    facts = VenueFacts(
        domiciles=(
            Place("甲公司", "410802", "41", "address"),
            Place("乙公司", None, "11", "address", "北京市"),
        ),
        body=Place("焦作市企业信用纠纷人民调解委员会", "410800"),
        amount=Decimal("200000000"),
    )
    choice = competent_courts(facts)
    assert choice.names == [INTERMEDIATE_COURT]
    top = choice.candidates[0]
    assert top.grounds == [Ground.PARTY_DOMICILE, Ground.BODY_LOCATION]
    assert "法发〔2021〕27号第二条" in top.basis
    assert any("乙公司 is domiciled in 北京市 (from the address)" in r for r in top.reasons)


def test_fa_fa_2021_27_item_2_read_from_an_id_number_is_for_the_clerk_to_confirm():
    """An ID number says where it was issued, not the domicile (DOMAIN §5): the basic
    courts stay listed and the clerk is asked to confirm."""
    facts = VenueFacts(
        domiciles=(
            Place("张三", "410802", "41", "address"),
            Place("李四", None, "11", "id_number"),
        ),
        amount=Decimal("200000000"),
    )
    choice = competent_courts(facts)
    assert choice.names == [INTERMEDIATE_COURT, "焦作市解放区人民法院"]
    assert choice.notes and "Confirm the parties' domiciles" in choice.notes[0]
    confirmed = VenueFacts(domiciles=facts.domiciles, amount=facts.amount, party_outside=False)
    assert competent_courts(confirmed).names == ["焦作市解放区人民法院"]


def test_fa_fa_2021_27_item_1_applies_when_every_party_is_outside_henan():
    facts = VenueFacts(
        domiciles=(Place("甲", None, "11", "address"), Place("乙", None, "31", "address")),
        body=Place("解放区调委会", "410802"),
        amount=Decimal("200000000"),
    )
    assert competent_courts(facts).names == ["焦作市解放区人民法院"]


def test_below_1_yi_the_basic_courts_are_competent_wherever_the_parties_live():
    facts = VenueFacts(
        domiciles=(Place("甲", "410802", "41", "address"), Place("乙", None, "11", "address")),
        amount=Decimal("99999999.99"),
    )
    assert competent_courts(facts).names == ["焦作市解放区人民法院"]


def test_the_thresholds_are_configuration():
    facts = VenueFacts(
        domiciles=(Place("甲", "410802", "41", "address"),), amount=Decimal("1000000")
    )
    low = Jurisdiction(all_in_province_from=Decimal("1000000"))
    assert competent_courts(facts, jurisdiction=low).names == [INTERMEDIATE_COURT]
    assert competent_courts(facts).names == ["焦作市解放区人民法院"]


def test_fa_shi_2022_18_foreign_related_cases_reach_the_intermediate_court_from_2000_wan():
    facts = VenueFacts(
        domiciles=(
            Place("甲", "410802", "41", "address"),
            Place("香港乙公司", None, "81", "address"),
        ),
        amount=Decimal("20000000"),
        dispute_class=DisputeClass.FOREIGN_RELATED,
    )
    choice = competent_courts(facts)
    assert choice.names == [INTERMEDIATE_COURT]
    assert "法释〔2022〕18号第二条" in choice.candidates[0].basis


def test_fa_shi_2022_13_art_1_technical_ip_goes_to_designated_intermediate_courts():
    facts = VenueFacts(
        domiciles=(Place("甲", "410802", "41", "address"),),
        amount=Decimal("50000"),
        dispute_class=DisputeClass.IP_TECHNICAL,
    )
    choice = competent_courts(facts)
    assert choice.names == ["郑州市中级人民法院"]
    assert choice.candidates[0].grounds == [Ground.DESIGNATED_IP]
    assert choice.excluded and choice.notes


def test_fa_shi_2022_13_art_3_other_ip_only_at_designated_basic_courts():
    facts = VenueFacts(
        domiciles=(Place("甲", "410802"), Place("乙", "410821")),
        dispute_class=DisputeClass.IP_OTHER,
    )
    unconfigured = competent_courts(facts)
    assert unconfigured.names == ["焦作市解放区人民法院", "修武县人民法院"]
    assert "法释〔2022〕13号第三条" in unconfigured.notes[0]
    rules = Jurisdiction(ip_basic_courts=("修武县人民法院",))
    assert competent_courts(facts, jurisdiction=rules).names == ["修武县人民法院"]


def test_maritime_disputes_are_not_for_local_courts():
    facts = VenueFacts(domiciles=(Place("甲", "410802"),), dispute_class=DisputeClass.MARITIME)
    choice = competent_courts(facts)
    assert choice.names == []
    assert choice.excluded and choice.notes
    rules = Jurisdiction(maritime_court="某海事法院")
    assert competent_courts(facts, jurisdiction=rules).names == ["某海事法院"]


@pytest.mark.parametrize(
    ("cause", "tags", "provinces", "expected"),
    [
        ("民间借贷纠纷", (), ("41",), DisputeClass.ORDINARY),
        ("侵害发明专利权纠纷", (), (), DisputeClass.IP_TECHNICAL),
        ("专利权权属纠纷", (), (), DisputeClass.IP_TECHNICAL),
        ("侵害外观设计专利权纠纷", (), (), DisputeClass.IP_DESIGN),
        ("侵害商标权纠纷", (), (), DisputeClass.IP_OTHER),
        ("专利权权属纠纷", ("ip_design",), (), DisputeClass.IP_DESIGN),
        ("船舶碰撞损害责任纠纷", (), (), DisputeClass.MARITIME),
        ("买卖合同纠纷", (), ("41", "81"), DisputeClass.FOREIGN_RELATED),
        ("买卖合同纠纷", ("foreign_related",), (), DisputeClass.FOREIGN_RELATED),
    ],
)
def test_the_dispute_class_comes_from_tags_cause_and_parties(cause, tags, provinces, expected):
    """法发〔2021〕27号 item 5 carve-outs: IP, maritime, foreign-related (涉港澳台 included)."""
    assert dispute_class(cause, tags, provinces) is expected


def test_a_city_level_body_without_a_county_is_unplaced_for_basic_courts():
    facts = VenueFacts(body=Place("焦作市金融纠纷调解委员会", "410800"))
    choice = competent_courts(facts)
    assert choice.names == []
    assert "record the real address" in choice.unplaced[0]


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("410802009", "410802"),
        ("河南省焦作市解放区民主南路1号", "410802"),
        ("温县温泉街道", "410825"),
        ("郑州市金水区", None),
        ("110101", None),
        (None, None),
    ],
)
def test_a_county_is_read_from_a_code_or_an_address(text, county):
    assert county_of_text(text) == county


def test_the_window_is_thirty_days_moved_off_a_holiday():
    # 2026-09-05 + 30 days = 2026-10-05, inside the National Day holiday: moved to 10-08.
    assert application_deadline(dt.date(2026, 9, 5)) == dt.date(2026, 10, 8)
    assert application_deadline(dt.date(2026, 11, 2)) == dt.date(2026, 12, 2)


def codes(**kw):
    base = {
        "cause": "民间借贷纠纷",
        "court": "焦作市解放区人民法院",
        "competent": ("焦作市解放区人民法院",),
    }
    base.update(kw)
    return [w.code for w in not_accepted_warnings(AgreementFacts(**base))]


def test_an_ordinary_loan_agreement_raises_no_warning():
    assert codes(terms="王五于2026年12月31日前向张三偿还借款52000元。") == []


@pytest.mark.parametrize(
    ("cause", "terms"),
    [
        ("离婚纠纷", "双方自愿离婚，子女由女方抚养。"),
        ("确认亲子关系纠纷", ""),
        ("解除收养关系纠纷", ""),
        ("婚约财产纠纷", "双方确认张小明与王五之间存在亲子关系。"),
    ],
)
def test_status_relations_are_not_accepted(cause, terms):
    assert codes(cause=cause, terms=terms) == [NotAccepted.STATUS_RELATION]


def test_property_division_after_divorce_is_not_a_status_relation():
    assert codes(cause="离婚后财产纠纷", terms="房屋由女方使用，男方补偿5万元。") == []


@pytest.mark.parametrize("cause", ["同居关系析产纠纷", "同居关系子女抚养纠纷"])
def test_art_355_3_cohabitation_disputes_are_not_status_relations(cause):
    """Art. 355(3) names marriage, parentage and adoption; cohabitation is no status
    relation, and dividing its property is a property dispute."""
    assert codes(cause=cause, terms="双方同居期间购买的电视机归女方，男方补偿2000元。") == []


@pytest.mark.parametrize(
    ("cause", "terms", "tags"),
    [
        ("申请宣告失踪", "", ()),
        ("买卖合同纠纷", "债务人进入破产程序后，管理人同意……", ()),
        ("民间借贷纠纷", "", ("公示催告",)),
        ("申请实现担保物权", "", ()),
    ],
)
def test_special_procedures_public_summons_and_bankruptcy_are_not_accepted(cause, terms, tags):
    assert codes(cause=cause, terms=terms, tags=tags) == [NotAccepted.SPECIAL_PROCEDURE]


@pytest.mark.parametrize(
    ("cause", "terms"),
    [
        ("买卖合同纠纷", "乙公司濒临破产，双方同意分期付款。"),
        ("买卖合同纠纷", "丙公司破产后，乙公司另寻供货商。"),
        ("民间借贷纠纷", "借款人资产重整后于2027年1月前还清。"),
    ],
)
def test_art_355_4_bankruptcy_in_passing_is_no_bankruptcy_procedure(cause, terms):
    """Art. 355(4) "涉及适用…破产程序审理的": the proceedings (企业破产法 arts. 7, 21), not
    the word 破产 or 重整 in passing."""
    assert codes(cause=cause, terms=terms) == []


@pytest.mark.parametrize(
    ("cause", "terms"),
    [
        ("所有权确认纠纷", ""),
        ("相邻关系纠纷", "双方确认争议房屋的所有权归张三。"),
        ("专利权权属纠纷", ""),
        ("技术合同纠纷", "涉案专利权归甲公司所有。"),
        ("共有权确认纠纷", ""),
        ("土地承包经营权确认纠纷", ""),
        ("物权确认纠纷", ""),
        ("共有纠纷", "双方确认争议房屋为张三、李四按份共有。"),
        ("土地承包经营权纠纷", "确认村东2亩耕地的土地承包经营权归张三。"),
    ],
)
def test_agreements_confirming_title_to_property_or_ip_are_not_accepted(cause, terms):
    assert codes(cause=cause, terms=terms) == [NotAccepted.TITLE_CONFIRMATION]


def test_a_court_outside_the_competent_ones_is_outside_jurisdiction():
    found = not_accepted_warnings(
        AgreementFacts(
            cause="民间借贷纠纷",
            court="郑州市金水区人民法院",
            competent=("焦作市解放区人民法院", "修武县人民法院"),
        )
    )
    assert [w.code for w in found] == [NotAccepted.OUTSIDE_JURISDICTION]
    assert found[0].message == (
        "郑州市金水区人民法院 is not among the competent courts (焦作市解放区人民法院、"
        "修武县人民法院): it will not accept the application (SPC interpretation art. 355)."
    )


def test_spc_interpretation_art_355_1_2_no_competent_court_and_administrative_disputes():
    """民诉法解释 art. 355(2): no court here is competent; 355(1): an administrative dispute
    is outside the courts' remit for civil confirmation."""
    assert codes(competent=(), court=None) == [NotAccepted.OUTSIDE_JURISDICTION]
    assert codes(org_kind="admin_dispute_center") == [NotAccepted.OUTSIDE_REMIT]


def test_a_missed_window_is_a_warning():
    assert codes(apply_by=dt.date(2026, 12, 2), today=dt.date(2026, 12, 3)) == [
        NotAccepted.WINDOW_PASSED
    ]
    assert codes(apply_by=dt.date(2026, 12, 2), today=dt.date(2026, 12, 2)) == []


@pytest.mark.parametrize(
    ("source", "number", "settled", "path"),
    [
        ("court_entrusted", None, True, Path.COURT_CLOSES),
        ("court_entrusted", None, False, Path.COURT_CLOSES),
        ("court_delegated", "（2026）豫0802民初123号", True, Path.COURT_CLOSES),
        ("self_accepted", "（2026）豫08民终45号", True, Path.COURT_CLOSES),
        ("court_delegated", None, True, Path.INVITING_COURT),
        ("court_delegated", None, False, Path.RETURN_TO_COURT),
        ("self_accepted", None, True, Path.COMPETENT_COURTS),
        ("petition", None, False, Path.PARTIES_INFORMED),
    ],
)
def test_the_closing_path_follows_how_the_case_came(source, number, settled, path):
    """特邀调解规定 arts. 20-21; CPL 2023 art. 205; SPC opinion on filing and mediation
    (2025) items 2 and 4: a filed (民初/民终) case is entrusted and the court closes it."""
    assert closing_path(source, number, settled) is path
    assert is_entrusted(source, number) is (path is Path.COURT_CLOSES)


def test_the_entrusted_refusal_names_the_courts_own_closing_path():
    """特邀调解规定 art. 20: 调解书 or 撤诉; SPC opinion (2025) item 4: other closing."""
    text = entrusted_refusal(7, "焦作市解放区人民法院", "（2026）豫0802民初123号")
    for part in (
        "调解书",
        "撤诉",
        "特邀调解规定 art. 20",
        "item 4",
        "court_report 7",
        "handback 7",
    ):
        assert part in text


def test_art_358_checklist_covers_its_six_grounds():
    """民诉法解释 art. 358 (一)-(六)."""
    assert [code for code, _question in dismissal_checklist()] == list(DismissalGround)


def test_a_ruling_is_recorded_against_the_grounds_of_its_article():
    """Dismissal: art. 358, or art. 355 found after acceptance (art. 355 last paragraph);
    refusal to accept: art. 355."""
    assert "not_voluntary" in ruling_grounds_known("dismissed")
    assert "status_relation" in ruling_grounds_known("dismissed")
    assert "not_voluntary" not in ruling_grounds_known("not_accepted")
    assert ruling_grounds_known("filed") == ()


def test_fa_shi_2022_13_art_2_design_patents_go_to_the_intermediate_court_whatever_the_amount():
    facts = VenueFacts(
        domiciles=(Place("甲", "410802", "41", "address"),), dispute_class=DisputeClass.IP_DESIGN
    )
    choice = competent_courts(facts)
    assert choice.names == [INTERMEDIATE_COURT]
    assert "法释〔2022〕13号第二条" in choice.candidates[0].basis


def test_fa_fa_2021_27_item_5_its_thresholds_do_not_apply_to_ip_cases():
    facts = VenueFacts(
        domiciles=(Place("甲", "410802", "41", "address"),),
        amount=Decimal("600000000"),
        dispute_class=DisputeClass.IP_OTHER,
    )
    assert competent_courts(facts).names == ["焦作市解放区人民法院"]


@pytest.mark.parametrize(
    ("source", "number", "registered", "notice"),
    [
        ("court_delegated", "（2026）豫0802民初123号", "court_entrusted", True),
        ("court_delegated", "（2026）豫08民终45号", "court_entrusted", True),
        ("court_delegated", "（2026）豫0802民诉前调124号", "court_delegated", False),
        ("court_delegated", None, "court_delegated", False),
        ("court_entrusted", "（2026）豫0802民初123号", "court_entrusted", False),
        ("self_accepted", "（2026）豫0802民初123号", "self_accepted", False),
    ],
)
def test_a_delegated_source_with_a_filed_case_number_registers_as_entrusted(
    source: str, number: str | None, registered: str, notice: bool
) -> None:
    """法〔2015〕137号 (民初/民终 = a filed case); 特邀调解规定 art. 20; SPC opinion on filing and
    mediation (2025) item 4: a filed case is 委托 whatever the referral sheet says, so intake
    registers it so (deadline, papers, closing agree) and tells the clerk."""
    got, message = reconcile_source(source, number)
    assert got == registered
    assert (message is not None) is notice
    if message:
        assert number in message and "case edit" in message


def test_intake_tells_the_clerk_when_it_registers_a_delegated_case_as_entrusted() -> None:
    from mediate.domain.model import Party, PartyKind, PartyRole
    from mediate.intake.validate import build_case

    parties = [
        Party(role=PartyRole.APPLICANT, kind=PartyKind.PERSON, name="甲"),
        Party(role=PartyRole.RESPONDENT, kind=PartyKind.PERSON, name="乙"),
    ]
    case, problems = build_case(
        {
            "cause": "机动车交通事故责任纠纷",
            "source": "委派",
            "court_case_no": "(2026)豫0802民初123号",
        },
        parties,
    )
    assert not problems and case is not None
    assert case.source.value == "court_entrusted"
    assert case.court_case_no == "（2026）豫0802民初123号"
    assert len(case.notices) == 1 and "（2026）豫0802民初123号" in case.notices[0]


def test_a_place_is_explained_with_chinese_punctuation_in_chinese():
    """The walk of 2026-12-02: 黄勇: 当事人住所地 (中站区) mixed ASCII into a Chinese table."""
    from mediate.i18n import in_language

    facts = VenueFacts(domiciles=(Place("王五", None),), subject_matter=Place("标的物", "410822"))
    with in_language("zh_CN"):
        unplaced = competent_courts(facts).unplaced
    assert unplaced == ["王五：当事人住所地（不在焦作市辖区内或无法确定）"]
