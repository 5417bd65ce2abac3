"""The one clock (mediate/clock.py): fixed in tests, ticking, never overridable in production."""

from __future__ import annotations

import datetime as dt

import pytest

from mediate import clock
from tests.clockrun import FIXED_NOW


def test_every_test_runs_on_the_suites_fixed_day():
    assert clock.today() == FIXED_NOW.date()
    assert clock.now() - FIXED_NOW < dt.timedelta(minutes=30)


def test_a_fixed_clock_keeps_ticking_so_events_stay_ordered():
    first = clock.now()
    second = clock.now()
    assert second >= first


def test_today_is_the_date_in_china_not_in_utc():
    # 23:30 UTC on 1 December is already 2 December in Beijing (UTC+8).
    clock.set_clock(dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC))
    assert clock.today() == dt.date(2026, 12, 2)


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        clock.set_clock(dt.datetime(2026, 12, 1, 9, 0))


def test_no_environment_variable_moves_the_tools_clock(monkeypatch):
    clock.set_clock(None)
    for var in ("MEDIATE_TODAY", "MEDIATE_NOW", "MEDIATE_CLOCK"):
        monkeypatch.setenv(var, "2001-01-01")
    assert clock.today().year > 2001


def test_the_earliest_date_received_is_ten_years_back_and_29_february_falls_on_the_28th():
    assert clock.earliest_received(dt.date(2026, 12, 2)) == dt.date(2016, 12, 2)
    assert clock.earliest_received(dt.date(2028, 2, 29)) == dt.date(2018, 2, 28)
