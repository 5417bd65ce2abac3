"""A date option (`--on`, `--from`…) is one date: a control character is refused by its
code and never echoed, no space inside it, a pasted page not echoed whole (review of
2026-12-02)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediate.errors import BadOptionValue
from mediate.intake.values import option_date


@pytest.mark.parametrize(
    "value", ["2026-12-01", " 2026/12/1 ", "2026年12月1日", "2026-12-01 09:30"]
)
def test_a_date_option_takes_the_forms_the_help_names(value: str) -> None:
    assert option_date(value, "--from") == dt.date(2026, 12, 1)


@pytest.mark.parametrize("value", ["\x1b[2J2026-01-01", "2026-01-01\x07", "2026\n-01-01"])
def test_a_control_character_in_a_date_option_is_refused_and_not_echoed(value: str) -> None:
    with pytest.raises(BadOptionValue) as caught:
        option_date(value, "--from")
    assert "\x1b" not in str(caught.value) and "\x07" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_space_inside_a_date_option_is_refused() -> None:
    with pytest.raises(BadOptionValue, match="20 26-0 1-01"):
        option_date("20 26-0 1-01", "--from")


def test_a_long_value_is_echoed_cut() -> None:
    with pytest.raises(BadOptionValue) as caught:
        option_date("2026-01-01" * 100, "--from")
    message = str(caught.value)
    assert "…" in message and len(message) < 200


def test_the_day_written_with_hao_is_taken_as_with_ri() -> None:
    """号 is how the day is often said and written (2026年1月1号): the same as 日."""
    assert option_date("2026年1月1号", "--on") == dt.date(2026, 1, 1)
    assert option_date("2026年12月1号 09:30", "--on") == dt.date(2026, 12, 1)


@pytest.mark.parametrize("value", ["明天", "2026/13", "12", "2026年1月1号号"])
def test_every_bad_date_gets_one_wording_with_the_example_the_help_shows(value: str) -> None:
    """One sentence and one example day for a bad date, whichever check refused it (the
    option's shape, the date parser, an Excel serial out of range): the forms of
    `DATE_FORMS`, never a second example (2026-11-02 was one)."""
    from mediate.commands.common import DATE_FORMS

    with pytest.raises(BadOptionValue) as caught:
        option_date(value, "--on")
    assert str(caught.value) == (
        f"--on: '{value}' is not a date (write 2026-12-01, 2026/12/1 or 2026年12月1日)"
    )
    assert all(form in DATE_FORMS for form in ("2026-12-01", "2026/12/1", "2026年12月1日"))


@pytest.mark.parametrize(
    "value", ["2026-12-10 09:30", "2026/12/10 9:30", "2026年12月10日 09:30", "2026年12月10号9:30"]
)
def test_a_time_option_takes_the_day_as_every_date_option_then_the_time(value: str) -> None:
    from mediate.services.sessions import parse_moment

    assert parse_moment(value).isoformat() == "2026-12-10T09:30:00+08:00"


@pytest.mark.parametrize("value", ["25:99", "2026-12-10 25:00", "2026-12-10", "明天 9:30"])
def test_a_bad_time_is_a_usage_error_naming_the_option(value: str) -> None:
    from mediate.services.sessions import parse_moment

    with pytest.raises(BadOptionValue, match=f"--at: '{value}' is not a time") as caught:
        parse_moment(value)
    assert caught.value.exit_code == 2


def test_a_session_on_a_day_that_does_not_exist_is_worded_as_every_date_option():
    """`session --at "2026-02-30 09:30"` said "不是时间" where other commands say "不是真实存在的
    日期"."""
    from mediate.errors import BadOptionValue
    from mediate.i18n import in_language
    from mediate.services.sessions import parse_moment

    with in_language("zh_CN"), pytest.raises(BadOptionValue) as caught:
        parse_moment("2026-02-30 09:30")
    assert "2026-02-30 不是真实存在的日期" in str(caught.value)
    assert "不是时间" not in str(caught.value)
