"""Statutory holidays by rule (国务院令第795号), checked against chinese-calendar's data."""

import datetime as dt
import itertools

import chinese_calendar
import pytest

from mediate.domain.holidays import lunar_to_solar, new_moons, statutory_holidays

# 清明, 端午 and 中秋 have been statutory holidays since 2008; chinese-calendar has the
# State Council's schedules from 2004 to the year it was released.
KNOWN_YEARS = range(2008, 2026 + 1)


@pytest.mark.parametrize("year", KNOWN_YEARS)
def test_the_computed_lunar_festivals_are_holidays_in_every_year_the_package_knows(year):
    computed = statutory_holidays(year)
    festivals = {
        "春节": lunar_to_solar(year, 1, 1),
        "端午节": lunar_to_solar(year, 5, 5),
        "中秋节": lunar_to_solar(year, 8, 15),
    }
    for name, day in festivals.items():
        assert computed[day] == name
        assert chinese_calendar.is_holiday(day), (name, day)
    qingming = next(d for d, n in computed.items() if n == "清明节")
    assert chinese_calendar.is_holiday(qingming)


def test_the_2025_rule_gives_thirteen_days():
    # 国务院令第795号 art. 2: 1 + 4 + 1 + 2 + 1 + 1 + 3 = 13 days (none coincide).
    days = statutory_holidays(2027)
    assert len(days) == 13
    assert [d for d, n in days.items() if n == "春节"] == [
        dt.date(2027, 2, 5) + dt.timedelta(days=i) for i in range(4)
    ]


def test_spring_festival_eve_is_a_holiday_from_2025():
    # The 2024 revision added 除夕; chinese-calendar's 2025 and 2026 schedules have it.
    for year in (2025, 2026):
        eve = lunar_to_solar(year, 1, 1) - dt.timedelta(days=1)
        assert statutory_holidays(year)[eve] == "春节"
        assert chinese_calendar.is_holiday(eve)


def test_new_moons_are_a_synodic_month_apart():
    moons = new_moons(dt.date(2030, 1, 1), dt.date(2030, 12, 31))
    assert len(moons) in (12, 13)
    assert all(29 <= (b - a).days <= 30 for a, b in itertools.pairwise(moons))
