"""Deadlines per CPL art. 85: holidays, adjusted working days, the override file, policies."""

import datetime as dt

import pytest

from mediate.domain.calendar import parse_holidays
from mediate.domain.deadlines import WorkCalendar, due_date, policy_for
from mediate.errors import ValidationError, ValidationErrors
from mediate.resources import data_dir

D = dt.date


def test_a_period_ending_inside_national_day_moves_to_the_first_working_day_after():
    # 2026: National Day and Mid-Autumn run 10-01..10-07; 09-23 + 10 days = 10-03.
    assert due_date(D(2026, 9, 23), 10) == D(2026, 10, 8)


def test_a_period_ending_on_an_adjusted_working_saturday_stays_there():
    # 2026-10-10 is a Saturday worked in exchange for the holiday (调休).
    assert D(2026, 10, 10).weekday() == 5
    assert due_date(D(2026, 9, 30), 10) == D(2026, 10, 10)


def test_a_period_ending_on_an_adjusted_working_sunday_stays_there():
    assert D(2026, 9, 20).weekday() == 6
    assert due_date(D(2026, 9, 13), 7) == D(2026, 9, 20)


def test_a_period_ending_on_an_ordinary_sunday_moves_to_monday():
    assert due_date(D(2026, 11, 1), 7) == D(2026, 11, 9)


def test_the_count_starts_the_day_after_and_holidays_inside_the_period_count():
    # 15 days from 09-28 end on 10-13 although seven of them are holidays.
    assert due_date(D(2026, 9, 28), 15) == D(2026, 10, 13)


def first_unknown_year() -> int:
    """The first year the installed chinese-calendar has no data for."""
    import chinese_calendar

    year = 2004
    while True:
        try:
            chinese_calendar.is_workday(D(year, 6, 1))
        except NotImplementedError:
            return year
        year += 1


def test_a_year_beyond_the_package_keeps_the_statutory_holidays_and_warns():
    # 国务院令第795号: 元旦 (1 January) is a statutory holiday every year; a period may not
    # end on it even when chinese-calendar has no data for the year (issue 13).
    year = first_unknown_year()
    calendar = WorkCalendar()
    due = due_date(D(year - 1, 12, 2), 30, calendar)
    assert due > D(year, 1, 1)
    assert calendar.is_workday(due)
    assert due == next(D(year, 1, n) for n in range(2, 9) if D(year, 1, n).weekday() < 5)
    assert calendar.warnings() == [
        f"The holiday calendar does not know {year}: deadlines in it count the statutory "
        "holidays (国务院令第795号, lunar dates computed) and weekends, but not that year's "
        "adjusted working days or make-up days off. Add the State Council's schedule for "
        f"{year} to the holidays file."
    ]


def test_in_an_unknown_year_national_day_and_labour_day_are_rest_days():
    year = first_unknown_year()
    calendar = WorkCalendar()
    for day in (D(year, 5, 1), D(year, 5, 2), D(year, 10, 1), D(year, 10, 2), D(year, 10, 3)):
        assert not calendar.is_workday(day)


OVERRIDE = """\
2027:
  holidays:
    - 2027-01-01..2027-01-03
  workdays:
    - 2027-01-09
"""


def test_with_an_override_the_unknown_year_follows_the_file_without_warning():
    calendar = parse_holidays(OVERRIDE, "holidays.yaml")
    assert due_date(D(2026, 12, 2), 30, calendar) == D(2027, 1, 4)
    assert due_date(D(2027, 1, 2), 7, calendar) == D(2027, 1, 9)  # the adjusted Saturday
    assert calendar.warnings() == []


def test_an_override_year_replaces_the_package_data_for_that_year():
    calendar = parse_holidays("2026:\n  holidays: [2026-11-30]\n")
    assert not calendar.is_workday(D(2026, 11, 30))
    assert not calendar.is_workday(D(2026, 10, 10))  # a Saturday: the file does not list it
    assert calendar.is_workday(D(2026, 10, 5))  # a weekday the file does not list


def test_the_bundled_example_file_parses():
    calendar = parse_holidays((data_dir() / "holidays.example.yaml").read_text("utf-8"))
    assert calendar.override_years == {2027}
    assert D(2027, 10, 7) in calendar.holidays and D(2027, 9, 26) in calendar.workdays


def test_every_error_in_the_file_is_reported_with_its_line_and_column():
    text = "2027:\n  holidays: [2027-02-30, 2027-01-05..2027-01-01]\n  vacation: []\nnext: {}\n"
    with pytest.raises(ValidationErrors) as caught:
        parse_holidays(text, "h.yaml")
    assert [str(e) for e in caught.value.errors] == [
        "h.yaml:2:14: '2027-02-30' is not a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)",
        "h.yaml:2:26: '2027-01-05..2027-01-01' does not fit year 2027 (a range runs "
        "forwards, at most 31 days)",
        "h.yaml:3:3: unknown key 'vacation'; expected holidays or workdays",
        "h.yaml:4:1: 'next' is not a year",
    ]


def test_a_day_both_holiday_and_workday_is_an_error():
    with pytest.raises(ValidationErrors, match="both as a holiday and as a working day"):
        parse_holidays("2027:\n  holidays: [2027-01-01]\n  workdays: [2027-01-01]\n")


def test_broken_yaml_is_located():
    with pytest.raises(
        ValidationError, match=r"^h.yaml:3:1: not a YAML file: a list in \[ \] lacks ',' or '\]'"
    ):
        parse_holidays("2027:\n  holidays: [2027-01-01\n", "h.yaml")


def test_broken_yaml_is_said_in_chinese_under_zh():
    """A holidays file's syntax error showed PyYAML's English problem under zh."""
    from mediate.i18n import in_language

    with in_language("zh_CN"), pytest.raises(ValidationError) as raised:
        parse_holidays("2027:\n  holidays: [2027-01-01\n", "h.yaml")
    assert str(raised.value) == (
        "h.yaml:3:1：不是有效的 YAML 文件：[ ] 中的列表缺少“,”或“]”（遇到了文件结尾）"
    )


@pytest.mark.parametrize(
    ("source", "procedure", "decision_days", "days", "cap"),
    [
        ("court_entrusted", "ordinary", 30, 15, 30),
        ("court_entrusted", "summary", None, 7, 30),
        ("court_entrusted", None, 10, 10, 30),
        ("court_delegated", None, None, 30, None),
        ("court_delegated", None, 45, 30, None),
        ("self_accepted", None, 20, 20, None),
        ("petition", None, None, 30, None),
    ],
)
def test_the_time_limit_follows_the_source(source, procedure, decision_days, days, cap):
    policy = policy_for(source, procedure, decision_days)
    assert (policy.days, policy.max_extension) == (days, cap)


def test_rule_peoples_mediation_generally_one_month_is_a_default_without_a_cap():
    # 人民调解法 and 人民调解委员会组织条例 set no period (read in LawRefBook); "一般在一个月内
    # 调结" is a practice norm (人民调解工作若干规定 art. 33 as reprinted, unconfirmed; 宁波市
    # 人民调解条例 art. 27, read): 30 days by default, a routing rule's days instead, and no
    # legal cap on an extension — unlike 委托 (特邀调解规定 art. 27, +30 at most).
    for source in ("self_accepted", "petition", "transferred"):
        policy = policy_for(source, None, None)
        assert (policy.days, policy.max_extension) == (30, None)
    assert policy_for("self_accepted", None, 45).days == 45


def test_a_negative_period_is_an_error_and_a_zero_period_ends_on_its_start():
    # CPL art. 85: a period counts from the day after its start; zero days is the start
    # itself (moved to a working day), a negative one is a programming error.
    from mediate.domain.deadlines import WorkCalendar, due_date

    monday = dt.date(2026, 11, 30)
    assert due_date(monday, 0, WorkCalendar()) == monday
    with pytest.raises(ValueError, match="negative"):
        due_date(monday, -1, WorkCalendar())
