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
