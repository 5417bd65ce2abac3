"""Reporting periods as people say them: `2026`, `2026H1`, `2026Q3`, `2026-11`, or two dates.

A period is a closed range of calendar dates [start, end] in local (Asia/Shanghai) time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from mediate.errors import ValidationError
from mediate.i18n import _

_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})[Hh]([12])$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


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

    def as_json(self) -> dict[str, str]:
        return {"label": self.label, "from": self.start.isoformat(), "to": self.end.isoformat()}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """`2026` | `2026H1` | `2026Q3` | `2026-11` → Period; anything else is a ValidationError."""
    value = text.strip()
    if m := _YEAR.match(value):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}")
    if m := _HALF.match(value):
        year, half = int(m[1]), int(m[2])
        first = 1 if half == 1 else 7
        return Period(dt.date(year, first, 1), _month_end(year, first + 5), f"{year}H{half}")
    if m := _QUARTER.match(value):
        year, quarter = int(m[1]), int(m[2])
        first = 3 * quarter - 2
        return Period(dt.date(year, first, 1), _month_end(year, first + 2), f"{year}Q{quarter}")
    if (m := _MONTH.match(value)) and 1 <= int(m[2]) <= 12:
        year, month = int(m[1]), int(m[2])
        return Period(dt.date(year, month, 1), _month_end(year, month), f"{year}-{month:02d}")
    raise ValidationError(
        _(
            "{text!r} is not a period: write a year (2026), a half (2026H1), a quarter "
            "(2026Q3), a month (2026-11), or use --from and --to."
        ).format(text=text),
        where="--period",
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
    if period and (date_from is not None or date_to is not None):
        raise ValidationError(_("Give either --period or --from/--to, not both."), where="--period")
    if period:
        return parse_period(period)
    if date_from is not None or date_to is not None:
        start = (
            parse_date(date_from, "--from") if date_from is not None else dt.date(today.year, 1, 1)
        )
        end = parse_date(date_to, "--to") if date_to is not None else today
        if end < start:
            raise ValidationError(
                _("The period ends ({end}) before it starts ({start}).").format(
                    end=end, start=start
                ),
                where="--to",
            )
        return Period(start, end, f"{start.isoformat()}~{end.isoformat()}")
    return parse_period(str(today.year))
