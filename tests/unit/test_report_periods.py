import datetime as dt

import pytest

from mediate.errors import BadOptionValue
from mediate.reports.periods import parse_period, resolve_period

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026H1", "2026-01-01", "2026-06-30"),
        ("2026h2", "2026-07-01", "2026-12-31"),
        ("2026Q1", "2026-01-01", "2026-03-31"),
        ("2026Q3", "2026-07-01", "2026-09-30"),
        ("2026-11", "2026-11-01", "2026-11-30"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        (" 2026-2 ", "2026-02-01", "2026-02-28"),
        # as a clerk writes them in Chinese (review of 2026-12-02)
        ("2026年", "2026-01-01", "2026-12-31"),
        ("2026年11月", "2026-11-01", "2026-11-30"),
        ("2026年2月", "2026-02-01", "2026-02-28"),
        ("２０２６年１１月", "2026-11-01", "2026-11-30"),
        ("2026年上半年", "2026-01-01", "2026-06-30"),
        ("2026年下半年", "2026-07-01", "2026-12-31"),
        ("2026年第一季度", "2026-01-01", "2026-03-31"),
        ("2026年一季度", "2026-01-01", "2026-03-31"),
        ("2026年第四季度", "2026-10-01", "2026-12-31"),
        ("2026年第3季度", "2026-07-01", "2026-09-30"),
    ],
)
def test_periods_are_read_as_people_say_them(text, start, end):
    period = parse_period(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("text", "label"),
    [("2026年上半年", "2026H1"), ("2026年第三季度", "2026Q3"), ("2026年11月", "2026-11")],
)
def test_a_period_is_labelled_in_the_form_reports_print_and_read_back(text, label):
    assert parse_period(text).label == label
    assert parse_period(label) == parse_period(text)


@pytest.mark.parametrize(
    "text", ["2026H3", "2026Q5", "2026-13", "2026年13月", "2026年第五季度", "26", "last year", ""]
)
def test_a_bad_period_is_a_usage_error_listing_the_forms(text):
    with pytest.raises(BadOptionValue) as err:
        parse_period(text)
    assert err.value.exit_code == 2
    assert str(err.value).startswith("--period: ")
    assert "2026H1" in str(err.value) and "2026年上半年" in str(err.value)


def test_from_and_to_make_a_period_and_must_be_in_order():
    period = resolve_period(None, "2026-03-05", "2026-04-01", TODAY)
    assert (period.start, period.end) == (dt.date(2026, 3, 5), dt.date(2026, 4, 1))
    assert period.months() == ["2026-03", "2026-04"]
    with pytest.raises(BadOptionValue, match="--from: 2026-04-02 is after the last day, --to"):
        resolve_period(None, "2026-04-02", "2026-04-01", TODAY)


def test_from_and_to_take_the_date_forms_of_every_date_option():
    """`--from 2026/4/1` and `--to 2026年4月30日` as every date option takes them (the
    YYYY-MM-DD-only reading these options had is gone, deliberately); a bad or empty date
    is a usage error naming the option."""
    from mediate.errors import BadOptionValue

    period = resolve_period(None, "2026/4/1", "2026年4月30日", TODAY)
    assert (period.start, period.end) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    with pytest.raises(BadOptionValue, match="--from: 'April' is not a date") as bad:
        resolve_period(None, "April", None, TODAY)
    assert bad.value.exit_code == 2
    with pytest.raises(BadOptionValue, match="--to: The date is empty"):
        resolve_period(None, None, "", TODAY)


def test_no_period_means_the_current_year_and_both_kinds_is_an_error():
    assert resolve_period(None, None, None, TODAY).label == "2026"
    assert resolve_period(None, "2026-11-01", None, TODAY).end == TODAY
    with pytest.raises(BadOptionValue, match="not both"):
        resolve_period("2026", "2026-01-01", None, TODAY)


def test_an_empty_period_is_refused_not_taken_as_this_year():
    with pytest.raises(BadOptionValue, match="--period: '' is not a period"):
        resolve_period("", None, None, TODAY)


def test_a_from_after_today_without_a_to_says_what_the_period_would_be():
    with pytest.raises(BadOptionValue, match="--from: The period would run from 2026-12-05 to"):
        resolve_period(None, "2026-12-05", None, TODAY)
    with pytest.raises(BadOptionValue, match="--to: The period would run from 2026-01-01 to"):
        resolve_period(None, None, "2025-06-30", TODAY)


@pytest.mark.parametrize("text", ["9999", "0001", "1900年", "2200Q1"])
def test_a_period_a_century_away_is_a_mistyped_year_like_any_date_option(text):
    """`report --period 9999` showed an empty report; held to clock.option_days as every
    date option is (a century either side of today), it is a usage error (exit 2)."""
    with pytest.raises(BadOptionValue) as raised:
        resolve_period(text, None, None, TODAY)
    assert raised.value.exit_code == 2 and "--period" in str(raised.value)
    assert resolve_period("2026Q4", None, None, TODAY).label == "2026Q4"
    assert resolve_period("1927", None, None, TODAY).label == "1927"
