import datetime as dt

import pytest

from mediate.documents.context import build_context, eligibility_problem, split_terms
from mediate.documents.kinds import KINDS, kind_named
from mediate.errors import BadOptionValue, ValidationError
from tests.golden import samples


def test_sex_and_birth_date_are_read_from_the_identity_number_when_not_given():
    context = build_context(KINDS["application"], samples.person_person(), samples.TODAY)
    zhang = context["parties"][0]
    assert (zhang["sex"], zhang["birth_date"]) == ("男", "1990年1月1日")


def test_an_enterprise_is_served_at_its_registered_address_by_default():
    context = build_context(KINDS["service_address"], samples.enterprise_person(), samples.TODAY)
    company = context["parties"][0]
    assert company["service_address"] == "河南省焦作市山阳区人民路100号"
    assert company["id_label"] == "统一社会信用代码"


def test_terms_are_renumbered_whatever_numbering_the_clerk_typed():
    assert split_terms("1. 甲\n2、乙\n\n（3）丙\n第四条 丁\n五、戊") == [
        "甲",
        "乙",
        "丙",
        "丁",
        "戊",
    ]


def test_a_missing_required_value_names_the_case_and_every_field():
    records = samples.person_person()
    records.parties[1].address = None
    records.parties[1].phone = None
    records.confirmation.court = ""
    with pytest.raises(ValidationError) as caught:
        build_context(KINDS["application"], records, samples.TODAY)
    assert str(caught.value) == (
        "case 12: 司法确认申请书 needs a value for judicial confirmation: court; "
        "party 2 (respondent) 王五: address; party 2 (respondent) 王五: phone, which is "
        "missing. Fill it in with `mediate case edit 12 --party N --set FIELD=VALUE`."
    )


def test_a_missing_value_names_the_paper_by_the_title_it_carries():
    """Review of 2026-12-02: a 诉调对接中心's agreement is a 调解协议书 (kinds.paper_title),
    yet its missing-value message said 人民调解协议书."""
    records = samples.person_person()  # the body is a 诉调对接中心
    records.parties[1].address = None
    with pytest.raises(ValidationError) as caught:
        build_context(KINDS["agreement"], records, samples.TODAY)
    assert str(caught.value).startswith("case 12: 调解协议书 needs a value for ")
    records = samples.entrusted("failed")
    records.outcome.positions = None
    with pytest.raises(ValidationError) as caught:
        build_context(KINDS["court_report"], records, samples.TODAY)
    assert str(caught.value).startswith(f"case 41: {KINDS['court_report'].title} needs")


def test_only_settled_cases_have_an_application_and_only_failed_ones_a_termination():
    settled, failed = samples.person_person(), samples.failed_credit()
    assert eligibility_problem(KINDS["application"], settled) is None
    assert eligibility_problem(KINDS["termination"], settled) is not None
    assert eligibility_problem(KINDS["termination"], failed) is None
    assert eligibility_problem(KINDS["agreement"], failed) is not None
    settled.confirmation = None
    assert "confirm request" in eligibility_problem(KINDS["application"], settled)


def test_the_credit_notice_is_only_for_the_credit_committee():
    records = samples.failed_credit()
    assert eligibility_problem(KINDS["credit_notice"], records) is None
    records.org = samples.ORG
    assert "credit committee" in eligibility_problem(KINDS["credit_notice"], records)


def test_the_credit_notice_follows_only_a_recorded_credit_report():
    # Issue 14: a failure at the credit committee reports nobody by itself.
    records = samples.failed_credit()
    records.outcome.follow_up = "parties_informed"
    del records.extra["credit_report"]  # no decision event (services/credit.REPORTED)
    assert "credit report" in eligibility_problem(KINDS["credit_notice"], records)


def test_a_credit_notice_needs_an_enterprise_respondent():
    records = samples.failed_credit()
    records.parties[1] = samples.zhang(1, "respondent")
    with pytest.raises(ValidationError, match="needs a value for credit_subjects"):
        build_context(KINDS["credit_notice"], records, samples.TODAY)


def test_kinds_are_named_by_id_or_chinese_title():
    assert kind_named("司法确认申请书") is KINDS["application"]
    with pytest.raises(
        BadOptionValue,
        match=r"known kinds: 司法确认申请书 \(application\), 人民调解协议书 \(agreement\)",
    ) as caught:
        kind_named("summons")
    assert caught.value.exit_code == 2  # the KIND the clerk typed: a usage error


def test_the_dates_of_record_are_written_in_chinese():
    context = build_context(KINDS["agreement"], samples.person_person(), dt.date(2026, 11, 2))
    assert context["date"] == "二〇二六年十一月二日"
    assert context["outcome"]["perform_by"] == "二〇二六年十二月三十一日"


def test_the_court_report_is_for_entrusted_cases_and_the_return_letter_for_failed_delegated():
    """DOMAIN §4.1; 特邀调解规定 arts. 20, 21: what goes back to the referring court."""
    report, letter = KINDS["court_report"], KINDS["return_letter"]
    assert eligibility_problem(report, samples.entrusted()) is None
    assert eligibility_problem(report, samples.entrusted("failed")) is None
    assert "entrusted" in eligibility_problem(report, samples.delegated_failed())
    assert eligibility_problem(letter, samples.delegated_failed()) is None
    assert "delegated" in eligibility_problem(letter, samples.entrusted("failed"))
    assert "delegated" in eligibility_problem(letter, samples.person_person())


def test_a_report_on_a_failed_entrusted_case_needs_the_parties_positions():
    """特邀调解规定 art. 21(2): the case goes to trial on what the report says."""
    records = samples.entrusted("failed")
    records.outcome.positions = None
    with pytest.raises(ValidationError, match=r"outcome: the parties' positions"):
        build_context(KINDS["court_report"], records, samples.TODAY)


def test_rule_people_mediation_law_art_29_papers_warn_of_an_agreement_effective_before_reached():
    """人民调解法 art. 29: an agreement takes effect once signed and sealed, so never before
    the day it was reached; one stored before `outcome` refused that is pointed out on the
    papers that state both dates (agreement, application, court report)."""
    import datetime as dt
    from types import SimpleNamespace

    from mediate.documents.context import CaseRecords
    from mediate.documents.kinds import KINDS
    from mediate.services.docbatch import document_warnings

    outcome = SimpleNamespace(decided_on=dt.date(2026, 12, 3), effective_on=dt.date(2026, 12, 2))
    records = CaseRecords(case=SimpleNamespace(), parties=[], outcome=outcome)
    for kind in ("agreement", "application", "court_report"):
        assert any("before it was reached" in w for w in document_warnings(KINDS[kind], records))
    outcome.effective_on = dt.date(2026, 12, 3)
    assert not any(
        "before it was reached" in w for w in document_warnings(KINDS["agreement"], records)
    )
