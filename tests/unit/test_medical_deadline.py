"""The medical committee's time limit in working days (医疗纠纷预防和处理条例 art. 38) and
what a medical dispute is (art. 2; 医疗损害责任解释 art. 1 para. 2 for 医疗美容)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediate.domain.deadlines import (
    DAYS,
    WORKDAYS,
    WorkCalendar,
    due_date,
    policy_for,
    unit_change,
)
from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole, Source
from mediate.resources import default_rules_file
from mediate.routing.causes import bundled_taxonomy
from mediate.routing.engine import Router
from mediate.routing.loader import check_text
from mediate.routing.network import bundled_network
from mediate.services.routing import load_rules

D = dt.date


def dispute(cause: str, respondent: str, **kw: object) -> CaseInput:
    parties = [
        Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
        Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, respondent),
    ]
    return CaseInput(cause=cause, parties=parties, location="410802003", **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(load_rules(default_rules_file()))


def test_rule_medical_regulation_art_38_thirty_working_days(router: Router) -> None:
    """ "医疗纠纷人民调解委员会应当自受理之日起30个工作日内完成调解": a dispute received on
    2026-09-30, the eve of 国庆, is due 30 working days later. Counted by hand: 10-01..10-07
    are holidays; 10-08, 10-09, the make-up Saturday 10-10 (调休) are days 1-3; the weeks
    of 10-12, 10-19, 10-26, 11-02, 11-09 days 4-28; 11-16 day 29, 11-17 day 30."""
    received = D(2026, 9, 30)
    decision = router.explain(
        dispute(
            "医疗损害责任纠纷", "焦作市人民医院", source=Source.SELF_ACCEPTED, received_on=received
        )
    )
    assert (decision.rule, decision.deadline_days, decision.deadline_unit) == (
        "medical",
        30,
        WORKDAYS,
    )
    assert decision.as_json()["decision"]["deadline_unit"] == WORKDAYS
    assert due_date(received, decision.deadline_days, unit=decision.deadline_unit) == D(
        2026, 11, 17
    )
    # 30 calendar days would end on 10-30, eighteen days early
    assert due_date(received, 30) == D(2026, 10, 30)


def test_working_days_follow_the_holidays_file_for_a_year_it_overrides() -> None:
    # a year's schedule from the local file: a holiday Wednesday is skipped, a make-up
    # Sunday counts (2040: the file decides, not the package)
    calendar = WorkCalendar(
        holidays={D(2040, 1, 4)}, workdays={D(2040, 1, 8)}, override_years={2040}
    )
    # from Monday 01-02: 01-03 is 1, 01-04 a holiday, 01-05 2, 01-06 3, Sunday 01-08 4
    assert due_date(D(2040, 1, 2), 4, calendar, WORKDAYS) == D(2040, 1, 8)
    # without the file's two days: Tuesday to Friday
    assert due_date(D(2040, 1, 2), 4, WorkCalendar(override_years={2040}), WORKDAYS) == D(
        2040, 1, 6
    )
    assert due_date(D(2040, 1, 2), 0, calendar, WORKDAYS) == D(2040, 1, 2)


def test_rule_special_invitation_art_27_a_court_referral_keeps_calendar_days(
    router: Router,
) -> None:
    """The court's limit (委托 15 days, 委派 30) stays in days at the medical committee too."""
    entrusted = router.explain(
        dispute("医疗损害责任纠纷", "焦作市人民医院", source=Source.COURT_ENTRUSTED)
    )
    delegated = router.explain(
        dispute("医疗损害责任纠纷", "焦作市人民医院", source=Source.COURT_DELEGATED)
    )
    assert (entrusted.rule, entrusted.deadline_days, entrusted.deadline_unit) == (
        "medical",
        15,
        DAYS,
    )
    assert (delegated.deadline_days, delegated.deadline_unit) == (30, DAYS)
    # and a stored unit never turns a court's policy into working days
    assert policy_for("court_delegated", None, 30, WORKDAYS).unit == DAYS
    assert policy_for("self_accepted", None, 30, WORKDAYS).unit == WORKDAYS
    assert policy_for("self_accepted", None, 30, None).unit == DAYS


def test_a_unit_is_recorded_only_when_it_changes() -> None:
    assert unit_change(None, DAYS) == {}
    assert unit_change(None, WORKDAYS) == {"deadline_unit": "workdays"}
    assert unit_change("workdays", DAYS) == {"deadline_unit": None}


RULES = """route:
  name: root
  target: jz-410800-nlc
  routes:
    - name: medical
      match: {cause: 医疗损害责任纠纷}
      target: jz-410800-finance
      deadlines:
        court_delegated: {workdays: 30}
        self_accepted: {workdays: 1.5}
        petition: {workdays: 20, ordinary: 3}
"""


def test_working_days_are_refused_for_a_court_source_and_must_be_whole() -> None:
    _spec, errors = check_text(RULES, "t.yaml", bundled_network(), bundled_taxonomy())
    assert [str(e) for e in errors] == [
        "t.yaml:9:26: root > medical: deadline 'court_delegated': a court's time limit is "
        "counted in days, not working days (特邀调解规定 art. 27)",
        "t.yaml:10:35: root > medical: deadline 'self_accepted' must be whole working days",
        "t.yaml:11:34: root > medical: unknown key 'ordinary' (expected one of: workdays)",
    ]


@pytest.mark.parametrize(
    ("cause", "respondent"),
    [
        ("医疗美容纠纷", "焦作某医疗美容诊所有限公司"),
        ("医美纠纷", "焦作某医疗美容诊所有限公司"),
        ("医疗美容服务合同纠纷", "焦作某医疗美容医院有限公司"),
    ],
)
def test_rule_medical_damage_interpretation_art_1_medical_cosmetics_is_medical(
    router: Router, cause: str, respondent: str
) -> None:
    decision = router.explain(dispute(cause, respondent))
    assert (decision.rule, decision.org.id) == ("medical", "jz-410802-medical")


@pytest.mark.parametrize(
    ("cause", "respondent"),
    [
        ("美容纠纷", "焦作某美容院有限公司"),  # a beauty salon: no 医疗
        ("生活美容服务纠纷", "焦作某美容美发店"),
        ("医美贷纠纷", "某消费金融有限公司"),  # the lender's loan, not the care
        ("医美分期付款纠纷", "某小额贷款有限公司"),
    ],
)
def test_a_beauty_salon_or_a_cosmetic_loan_is_no_medical_dispute(
    router: Router, cause: str, respondent: str
) -> None:
    assert router.explain(dispute(cause, respondent)).rule != "medical"


@pytest.mark.parametrize(
    ("source", "procedure", "days"),
    [
        ("court_entrusted", "ordinary", 15),
        ("court_entrusted", "summary", 7),
        ("court_delegated", None, 30),
    ],
)
def test_rule_invited_mediation_art_27_a_route_default_in_working_days_never_reaches_a_court(
    source: str, procedure: str | None, days: int
) -> None:
    """特邀调解规定 art. 27: the court's limit, in calendar days. The checker refuses
    `{workdays: N}` under the court keys only; a `default` in working days without them
    (review of 2026-12-03) gives a court referral the court's own limit, at routing as at
    assignment, while the other sources count the working days."""
    from mediate.routing.engine import deadline_days, deadline_unit

    deadlines = {"default": {WORKDAYS: 30}}
    assert (deadline_days(deadlines, source, procedure), deadline_unit(deadlines, source)) == (
        days,
        DAYS,
    )
    assert policy_for(source, procedure, days, WORKDAYS).unit == DAYS
    assert (deadline_days(deadlines, "petition", None), deadline_unit(deadlines, "petition")) == (
        30,
        WORKDAYS,
    )
