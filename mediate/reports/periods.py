"""Reporting periods as people say them: `2026`, `2026H1`, `2026Q3`, `2026-11`, or two dates.

A period is a closed range of calendar dates [start, end] in local (Asia/Shanghai) time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from mediate import clock
from mediate.errors import BadOptionValue, echoed
from mediate.i18n import _, pgettext

# A period as it is written in code-like form (2026H1, 2026Q3, 2026-11) and as a clerk
# writes it in Chinese (2026年上半年, 2026年第三季度 or 2026年三季度, 2026年11月); full-width
# digits and spaces are folded first (intake.values.half_width).
_YEAR = re.compile(r"^([1-9]\d{3})年?$")
_HALF = re.compile(r"^([1-9]\d{3})(?:[Hh]([12])|年?([上下])半年)$")
_QUARTER = re.compile(r"^([1-9]\d{3})(?:[Qq]([1-4])|年?第?([1-4一二三四])季度?)$")
_MONTH = re.compile(r"^([1-9]\d{3})(?:[-/.](\d{1,2})|年(\d{1,2})月(?:份)?)$")
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_HALVES = {"上": 1, "下": 2}


def period_forms() -> str:
    """What --period takes: one wording for its help and its error."""
    return _(
        "a year (2026 or 2026年), a half (2026H1 or 2026年上半年), a quarter (2026Q3, "
        "2026年第三季度 or 2026年三季度) or a month (2026-11 or 2026年11月)"
    )


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    def months(self) -> list[str]:
        """Every month the period touches, as YYYY-MM."""
        result: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            result.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    def shown(self) -> str:
        """The period in the interface language, as a title prints it: 2026年上半年,
        2026年第一季度, 2026年11月 in Chinese; the label (2026H1) in English. A range of
        dates has no name: an empty text (the caption shows its dates)."""
        label = self.label
        if "~" in label:
            return ""
        year = int(label[:4])
        if len(label) == 4:
            return pgettext("period", "{year}").format(year=year)
        if label[4] == "H":
            halves = {"1": _("{year}H1"), "2": _("{year}H2")}
            return halves[label[5]].format(year=year)
        if label[4] == "Q":
            quarters = {"1": _("{year}Q1"), "2": _("{year}Q2"), "3": _("{year}Q3")}
            return quarters.get(label[5], _("{year}Q4")).format(year=year)
        return pgettext("period", "{year}-{month:02d}").format(year=year, month=int(label[5:]))

    def as_json(self) -> dict[str, str]:
        return {"label": self.label, "from": self.start.isoformat(), "to": self.end.isoformat()}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """`2026` | `2026H1` | `2026Q3` | `2026-11`, or the same in Chinese (`2026年`,
    `2026年上半年`, `2026年第三季度`, `2026年11月`) → Period, labelled in the first form (the
    form reports print, which this reads back). Anything else is a usage error (exit 2)
    naming --period and the forms it takes."""
    from mediate.intake.values import BadValue, half_width, screen_text

    try:  # a control character is refused by its code, never echoed to the terminal
        value = half_width(screen_text(text).strip())
    except BadValue as exc:
        raise BadOptionValue("--period", str(exc)) from None
    if m := _YEAR.match(value):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}")
    if m := _HALF.match(value):
        year, half = int(m[1]), int(m[2]) if m[2] else _HALVES[m[3]]
        first = 1 if half == 1 else 7
        return Period(dt.date(year, first, 1), _month_end(year, first + 5), f"{year}H{half}")
    if m := _QUARTER.match(value):
        number = m[2] or m[3]
        year, quarter = int(m[1]), _CHINESE_DIGITS.get(number) or int(number)
        first = 3 * quarter - 2
        return Period(dt.date(year, first, 1), _month_end(year, first + 2), f"{year}Q{quarter}")
    if (m := _MONTH.match(value)) and 1 <= int(m[2] or m[3]) <= 12:
        year, month = int(m[1]), int(m[2] or m[3])
        return Period(dt.date(year, month, 1), _month_end(year, month), f"{year}-{month:02d}")
    raise BadOptionValue(
        "--period",
        _("'{text}' is not a period: write {forms}, or use --from and --to.").format(
            text=echoed(" ".join(text.split())), forms=period_forms()
        ),
    )


def parse_date(text: str, option: str) -> dt.date:
    """A period's first or last day as every date option takes it (2026-12-01, 2026/12/1,
    2026年12月1日: intake/values.option_date); an empty or bad one is a usage error."""
    from mediate.intake.values import option_date

    day = option_date(text, option)
    assert day is not None  # option_date refuses an empty text
    return day


def resolve_period(
    period: str | None, date_from: str | None, date_to: str | None, today: dt.date
) -> Period:
    """The period from `--period`, or `--from`/`--to`; with neither, the current year."""
    if period is not None and (date_from is not None or date_to is not None):
        raise BadOptionValue("--period", _("Give either --period or --from/--to, not both."))
    if period is not None:
        found = parse_period(period)
        # held to the days every date option takes (clock.option_days: a century either
        # side of today): `--period 9999` is a mistyped year, not an empty report
        low, high = clock.option_days(today)
        if found.end < low or found.start > high:
            raise BadOptionValue(
                "--period",
                _(
                    "{period} is not a plausible period: a period here lies between {first} "
                    "and {last} (is the year mistyped?)."
                ).format(period=found.label, first=low.isoformat(), last=high.isoformat()),
            )
        return found
    if date_from is not None or date_to is not None:
        from mediate.intake.values import in_order

        first = parse_date(date_from, "--from") if date_from is not None else None
        last = parse_date(date_to, "--to") if date_to is not None else None
        in_order(first, last)  # both given: says which is after which
        start, end = first or dt.date(today.year, 1, 1), last or today
        if end < start:  # one of them is the default (1 January, today)
            raise BadOptionValue(
                "--from" if last is None else "--to",
                _("The period would run from {start} to {end}: give --from and --to.").format(
                    start=start.isoformat(), end=end.isoformat()
                ),
            )
        return Period(start, end, f"{start.isoformat()}~{end.isoformat()}")
    return parse_period(str(today.year))
