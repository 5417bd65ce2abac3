"""Judicial confirmation in the domain: competent courts (art. 205), the art. 355
not-accepted grounds, the 30-day window."""

import datetime as dt
from decimal import Decimal

import pytest

from mediate.domain.confirmation import (
    INTERMEDIATE_COURT,
    AgreementFacts,
    Ground,
    NotAccepted,
    Place,
    VenueFacts,
    application_deadline,
    competent_courts,
    county_of_text,
    not_accepted_warnings,
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
    facts = VenueFacts(
        domiciles=(Place("甲公司", "410802"), Place("乙公司", "410821")),
        amount=Decimal("600000000.00"),
    )
    choice = competent_courts(facts)
    assert choice.intermediate
    assert choice.names == [INTERMEDIATE_COURT]
    assert choice.candidates[0].grounds == [Ground.PARTY_DOMICILE]


def test_the_intermediate_threshold_is_configurable():
    facts = VenueFacts(domiciles=(Place("甲", "410802"),), amount=Decimal("1000000"))
    assert competent_courts(facts, threshold=Decimal("1000000")).names == [INTERMEDIATE_COURT]
    assert competent_courts(facts, threshold=None).names == ["焦作市解放区人民法院"]
    assert competent_courts(facts).names == ["焦作市解放区人民法院"]


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("410802003", "410802"),
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
        ("所有权确认纠纷", ""),
        ("相邻关系纠纷", "双方确认争议房屋的所有权归张三。"),
        ("专利权权属纠纷", ""),
        ("技术合同纠纷", "涉案专利权归甲公司所有。"),
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


def test_no_competent_court_and_administrative_disputes_are_outside_jurisdiction():
    assert codes(competent=(), court=None) == [NotAccepted.OUTSIDE_JURISDICTION]
    assert codes(org_kind="admin_dispute_center") == [NotAccepted.OUTSIDE_JURISDICTION]


def test_a_missed_window_is_a_warning():
    assert codes(apply_by=dt.date(2026, 12, 2), today=dt.date(2026, 12, 3)) == [
        NotAccepted.WINDOW_PASSED
    ]
    assert codes(apply_by=dt.date(2026, 12, 2), today=dt.date(2026, 12, 2)) == []
