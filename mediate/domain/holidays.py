"""China's statutory holidays by rule, for years chinese-calendar does not know yet.

《全国年节及纪念日放假办法》 art. 2 as revised by 国务院令第795号 (2024-11-10, in force
2025-01-01; https://www.gov.cn/zhengce/content/202411/content_6986380.htm): 13 days —
元旦 1 (1 January), 春节 4 (农历除夕 and 正月初一 to 初三), 清明节 1 (清明当日), 劳动节 2
(1 and 2 May), 端午节 1 (农历五月初五), 中秋节 1 (农历八月十五), 国庆节 3 (1 to 3 October).

What a rule cannot know: the State Council's yearly schedule (国务院办公厅关于…部分节假日
安排的通知) moves working days (调休) and gives make-up days off when a holiday falls on a
weekend (art. 6). Callers therefore warn when they use this fallback.

The lunar dates are computed, not tabled: 清明 is a solar term (chinese-calendar's
`get_solar_terms`, 1900-2100); the lunar months start on the new moon in Beijing time
(Meeus, *Astronomical Algorithms*, ch. 49, main periodic terms), month 11 holds the
winter solstice, and in a year of 13 months the first month without a major solar term
(中气) is the leap month (the rule of GB/T 33661-2017 《农历的编算和颁行》). The result is
checked against every year chinese-calendar knows (tests/unit/test_holidays.py).
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

# The twelve major solar terms (中气): a lunar month without one is a leap month.
_MAJOR_TERMS = frozenset(
    ("冬至", "大寒", "雨水", "春分", "谷雨", "小满", "夏至", "大暑", "处暑", "秋分", "霜降", "小雪")
)
_SYNODIC_MONTH = 29.530588861
_FIRST_NEW_MOON_2000 = dt.date(2000, 1, 6)  # k = 0 in Meeus's numbering
_JD_OF_ORDINAL_0 = 1721424.5  # the Julian day at the start of date.fromordinal(0)'s day
_DELTA_T_DAYS = 70 / 86400  # TT - UT in the 2020s; minutes of error are harmless here
_BEIJING = 8 / 24

REVISION_795 = dt.date(2025, 1, 1)  # the day 国务院令第795号 took effect


def _new_moon_jde(k: int) -> float:
    """The Julian Ephemeris Day of new moon number k (Meeus 49.1 and table 49.A)."""
    t = k / 1236.85
    jde = (
        2451550.09766
        + _SYNODIC_MONTH * k
        + 0.00015437 * t**2
        - 0.000000150 * t**3
        + 0.00000000073 * t**4
    )
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    m = math.radians(2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3)
    mp = math.radians(
        201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3 - 0.000000058 * t**4
    )
    f = math.radians(
        160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3 + 0.000000011 * t**4
    )
    om = math.radians(124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3)
    sin = math.sin
    jde += (
        -0.40720 * sin(mp)
        + 0.17241 * e * sin(m)
        + 0.01608 * sin(2 * mp)
        + 0.01039 * sin(2 * f)
        + 0.00739 * e * sin(mp - m)
        - 0.00514 * e * sin(mp + m)
        + 0.00208 * e * e * sin(2 * m)
        - 0.00111 * sin(mp - 2 * f)
        - 0.00057 * sin(mp + 2 * f)
        + 0.00056 * e * sin(2 * mp + m)
        - 0.00042 * sin(3 * mp)
        + 0.00042 * e * sin(m + 2 * f)
        + 0.00038 * e * sin(m - 2 * f)
        - 0.00024 * e * sin(2 * mp - m)
        - 0.00017 * sin(om)
        - 0.00007 * sin(mp + 2 * m)
        + 0.00004 * sin(2 * mp - 2 * f)
        + 0.00004 * sin(3 * m)
        + 0.00003 * sin(mp + m - 2 * f)
        + 0.00003 * sin(2 * mp + 2 * f)
        - 0.00003 * sin(mp + m + 2 * f)
        + 0.00003 * sin(mp - m + 2 * f)
        - 0.00002 * sin(mp - m - 2 * f)
        - 0.00002 * sin(3 * mp + m)
        + 0.00002 * sin(4 * mp)
    )
    return jde


def _beijing_date(jde: float) -> dt.date:
    return dt.date.fromordinal(math.floor(jde - _DELTA_T_DAYS + _BEIJING - _JD_OF_ORDINAL_0))


def new_moons(start: dt.date, end: dt.date) -> list[dt.date]:
    """The days (Beijing time) on which a new moon falls, from `start` to `end`."""
    k = math.floor((start - _FIRST_NEW_MOON_2000).days / _SYNODIC_MONTH) - 1
    found: list[dt.date] = []
    while True:
        day = _beijing_date(_new_moon_jde(k))
        if day > end:
            return found
        if day >= start:
            found.append(day)
        k += 1


def _solar_terms(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    import chinese_calendar

    return list(chinese_calendar.get_solar_terms(start, end))


def _winter_solstice(year: int) -> dt.date:
    return next(
        d for d, name in _solar_terms(dt.date(year, 12, 1), dt.date(year, 12, 31)) if name == "冬至"
    )


@lru_cache(maxsize=64)
def lunar_months(year: int) -> tuple[tuple[int, bool, dt.date], ...]:
    """(month number, is leap, first day) of the lunar months from the one holding the
    winter solstice of `year - 1` up to the one before that holding the solstice of `year`."""
    first_solstice, second_solstice = _winter_solstice(year - 1), _winter_solstice(year)
    moons = new_moons(first_solstice - dt.timedelta(days=31), second_solstice)
    start = max(d for d in moons if d <= first_solstice)
    end = max(d for d in moons if d <= second_solstice)
    starts = [d for d in moons if start <= d < end] + [end]
    major = [d for d, name in _solar_terms(start, end) if name in _MAJOR_TERMS]
    leap_index = None
    if len(starts) == 14:  # 13 months between the two month-11s: one is a leap month
        leap_index = next(
            i for i in range(1, 13) if not any(starts[i] <= d < starts[i + 1] for d in major)
        )
    months: list[tuple[int, bool, dt.date]] = []
    number = 10
    for i, first_day in enumerate(starts[:-1]):
        leap = i == leap_index
        if not leap:
            number = number % 12 + 1
        months.append((number, leap, first_day))
    return tuple(months)


def lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of day `day` of the (non-leap) lunar month `month` of the lunar
    year that begins in Gregorian `year`."""
    if month >= 11:
        raise ValueError("months 11 and 12 belong to the lunar year before")
    first_day = next(d for m, leap, d in lunar_months(year) if m == month and not leap)
    return first_day + dt.timedelta(days=day - 1)


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The statutory holidays of `year` under 国务院令第795号 (years from 2025), without the
    year's adjusted days. The lunar ones are left out beyond 2100, where chinese-calendar
    has no solar terms."""
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = "劳动节"
    for d in (1, 2, 3):
        days[dt.date(year, 10, d)] = "国庆节"
    try:
        new_year = lunar_to_solar(year, 1, 1)
        qingming = next(
            d
            for d, name in _solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 30))
            if name == "清明"
        )
    except NotImplementedError:
        return days
    for offset in range(-1, 3):  # 除夕, 正月初一 to 初三
        days[new_year + dt.timedelta(days=offset)] = "春节"
    days[qingming] = "清明节"
    days[lunar_to_solar(year, 5, 5)] = "端午节"
    days[lunar_to_solar(year, 8, 15)] = "中秋节"
    return days
