"""After the agreement (mediate/domain/performance.py): the enforcement period of CPL (2023)
art. 250, year periods of 民法典 art. 202, and where performance stands (人民调解法 art. 31)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mediate.domain.deadlines import WorkCalendar
from mediate.domain.performance import add_years, enforcement_deadline, performance_state

# A calendar of plain weekdays for 2026-2029, so the tests do not depend on the package's data.
WEEKDAYS = WorkCalendar(override_years={2026, 2027, 2028, 2029})


def test_cpl_250_two_years_from_the_last_day_the_agreement_sets_for_performance():
    # Performance due Tue 2026-12-15: two years later, Fri 2028-12-15.
    assert enforcement_deadline(dt.date(2026, 12, 15), dt.date(2026, 12, 2), WEEKDAYS) == dt.date(
        2028, 12, 15
    )


def test_cpl_250_from_the_ruling_when_the_agreement_sets_no_performance_day():
    assert enforcement_deadline(None, dt.date(2026, 12, 2), WEEKDAYS) == dt.date(2028, 12, 4)


def test_cpl_85_a_period_ending_on_a_rest_day_ends_on_the_next_working_day():
    # 2028-12-16 is a Saturday: the period ends on Monday 2028-12-18.
    assert enforcement_deadline(dt.date(2026, 12, 16), dt.date(2026, 12, 2), WEEKDAYS) == dt.date(
        2028, 12, 18
    )
    holiday = WorkCalendar(holidays={dt.date(2028, 12, 15)}, override_years={2028})
    assert enforcement_deadline(dt.date(2026, 12, 15), dt.date(2026, 12, 2), holiday) == dt.date(
        2028, 12, 18
    )


def test_no_enforcement_period_before_a_court_confirmed_the_agreement():
    # Only the ruling confirming the agreement (CPL art. 206) is enforceable.
    assert enforcement_deadline(dt.date(2026, 12, 15), None, WEEKDAYS) is None


def test_civil_code_202_29_february_plus_two_years_is_28_february():
    assert add_years(dt.date(2028, 2, 29), 2) == dt.date(2030, 2, 28)
    assert add_years(dt.date(2026, 3, 1), 2) == dt.date(2028, 3, 1)


def test_partial_performances_reaching_the_agreed_amount_are_performance_in_full():
    state = performance_state(
        Decimal("5000"),
        dt.date(2026, 12, 20),
        [("partial", Decimal("2000")), ("visit", None), ("partial", Decimal("3000"))],
        dt.date(2026, 12, 1),
    )
    assert (state.status, state.paid, state.outstanding, state.overdue) == (
        "done",
        Decimal("5000"),
        Decimal("0.00"),
        False,
    )


def test_rule_people_mediation_law_art_31_done_means_the_whole_agreed_amount_performed():
    # `performance done` after part payments: the agreement is performed in full, so what is
    # shown (and in --json) as performed is the agreed amount, and the two sums add up.
    state = performance_state(
        Decimal("50000"),
        dt.date(2026, 12, 20),
        [("partial", Decimal("20000")), ("partial", Decimal("20000")), ("done", None)],
        dt.date(2026, 12, 1),
    )
    assert (state.status, state.paid, state.outstanding) == (
        "done",
        Decimal("50000"),
        Decimal("0.00"),
    )
    unknown = performance_state(
        None, None, [("partial", Decimal("100")), ("done", None)], dt.date(2026, 12, 1)
    )
    assert (unknown.paid, unknown.outstanding) == (Decimal("100"), None)  # no sum agreed


def test_a_term_past_due_and_not_performed_in_full_is_overdue():
    state = performance_state(
        Decimal("5000"), dt.date(2026, 11, 30), [("partial", Decimal("2000"))], dt.date(2026, 12, 1)
    )
    assert (state.status, state.outstanding, state.overdue) == ("partial", Decimal("3000"), True)
    nothing = performance_state(Decimal("5000"), dt.date(2026, 12, 2), [], dt.date(2026, 12, 1))
    assert (nothing.status, nothing.overdue) == ("pending", False)


def test_a_reported_refusal_after_part_payment_is_the_latest_state():
    state = performance_state(
        None,
        None,
        [("partial", Decimal("100")), ("none", None)],
        dt.date(2026, 12, 1),
    )
    assert (state.status, state.outstanding) == ("none", None)
