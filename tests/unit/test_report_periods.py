import datetime as dt

import pytest

from mediate.errors import ValidationError
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
    ],
)
def test_periods_are_read_as_people_say_them(text, start, end):
    period = parse_period(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["2026H3", "2026Q5", "2026-13", "26", "last year", ""])
def test_a_bad_period_is_a_clear_error(text):
    with pytest.raises(ValidationError) as err:
        parse_period(text)
    assert str(err.value).startswith("--period: ")
    assert "2026H1" in str(err.value)


def test_from_and_to_make_a_period_and_must_be_in_order():
    period = resolve_period(None, "2026-03-05", "2026-04-01", TODAY)
    assert (period.start, period.end) == (dt.date(2026, 3, 5), dt.date(2026, 4, 1))
    assert period.months() == ["2026-03", "2026-04"]
    with pytest.raises(ValidationError, match="--to: The period ends"):
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
    with pytest.raises(ValidationError, match="not both"):
        resolve_period("2026", "2026-01-01", None, TODAY)
