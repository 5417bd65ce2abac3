"""Which reasons pause which cases, and how a pause is counted (domain/pauses.py):
医疗纠纷预防和处理条例 (2018) art. 38 "需要鉴定的，鉴定时间不计入调解期限"."""

from __future__ import annotations

import datetime as dt

import pytest

from mediate.domain.deadlines import DAYS, WORKDAYS, WorkCalendar, due_date
from mediate.domain.pauses import APPRAISAL, NotPausable, counted_days, pause_rule
from mediate.domain.vocabulary import PAUSE_REASON

D = dt.date


def test_rule_medical_regulation_art_38_appraisal_pauses_the_medical_committee_s_own_cases():
    for source in ("self_accepted", "petition", "transferred"):
        rule = pause_rule(APPRAISAL, source, "professional", "medical")
        assert rule.basis == "医疗纠纷预防和处理条例第三十八条"


@pytest.mark.parametrize(
    ("source", "kind", "field", "words"),
    [
        # a court's referral: the court's limit (特邀调解规定 art. 27) leaves no time out
        ("court_delegated", "professional", "medical", "特邀调解规定第二十七条"),
        ("court_entrusted", "professional", "medical", "特邀调解规定第二十七条"),
        # another body, even for a medical dispute: art. 38 is the medical committee's
        ("self_accepted", "professional", "traffic", "第三十八条"),
        ("self_accepted", "township_center", None, "第三十八条"),
        ("self_accepted", None, None, "第三十八条"),
    ],
)
def test_rule_medical_regulation_art_38_no_other_case_pauses(source, kind, field, words):
    with pytest.raises(NotPausable, match=words):
        pause_rule(APPRAISAL, source, kind, field)


def test_no_reason_without_a_source_pauses():
    with pytest.raises(NotPausable, match="鉴定"):
        pause_rule("holiday", "self_accepted", "professional", "medical")


def test_the_reason_is_typed_as_the_clerk_says_it():
    for word in ("鉴定", "医疗损害鉴定", "appraisal", "expert assessment (鉴定)"):
        assert PAUSE_REASON.parse(word) == APPRAISAL


def test_a_pause_counts_the_days_after_it_began_through_the_day_it_ended():
    # 2026-11-10 (Tue) to 11-30 (Mon): 11-11..11-30 hold 14 working days, 20 calendar days
    assert counted_days(D(2026, 11, 10), D(2026, 11, 30), WORKDAYS) == 14
    assert counted_days(D(2026, 11, 10), D(2026, 11, 30), DAYS) == 20
    assert counted_days(D(2026, 11, 10), D(2026, 11, 30), None) == 20
    assert counted_days(D(2026, 11, 10), D(2026, 11, 10), WORKDAYS) == 0
    # over 国庆 2026: 10-01..10-07 are holidays, Saturday 10-10 a make-up working day
    assert counted_days(D(2026, 9, 30), D(2026, 10, 11), WORKDAYS) == 3


def test_rule_medical_regulation_art_38_the_deadline_moves_as_if_counted_around_the_pause():
    """Counting the 30 working days around a pause, or adding the paused ones to the 30,
    ends on the same day (domain/pauses.py): the limit is counted once, either way."""
    calendar = WorkCalendar()
    start, began, ended = D(2026, 10, 9), D(2026, 11, 10), D(2026, 11, 30)
    day, counted = start, 0
    while counted < 30:  # by hand: the days of the pause are skipped
        day += dt.timedelta(days=1)
        if calendar.is_workday(day) and not began < day <= ended:
            counted += 1
    paused = counted_days(began, ended, WORKDAYS, calendar)
    assert due_date(start, 30 + paused, calendar, WORKDAYS) == day == D(2026, 12, 9)
