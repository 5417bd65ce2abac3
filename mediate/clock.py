"""The tool's one clock: today in China and the current instant in UTC.

Every date of record (received on, deadlines, confirmation windows, "today" in reports) and
every timestamp the tool writes comes from here, so the whole program agrees on what "now"
is. Tests fix it with `set_clock` (the test suite's fixture does so for every test, so no
test depends on the real date); production has no override — in particular no environment
variable a clerk could set to backdate a case.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")

# Set by `set_clock`: the instant the clock was fixed to, and the monotonic reading then.
# The clock keeps ticking from that instant so that events written in one run stay ordered.
_fixed: tuple[dt.datetime, float] | None = None


def now() -> dt.datetime:
    """The current instant, timezone-aware, in UTC."""
    if _fixed is None:
        return dt.datetime.now(dt.UTC)
    start, mono = _fixed
    return start + dt.timedelta(seconds=time.monotonic() - mono)


def today() -> dt.date:
    """Today in China: deadlines and dates of record are local dates."""
    return now().astimezone(CHINA).date()


def minute_label(moment: dt.datetime | str) -> str:
    """A moment as the interface shows date-times (`case show`, `case history`, `session
    list`, a session's time in messages and in the history): China time to the minute,
    2026-12-01 08:30. A moment without a timezone is UTC, as the store keeps them; text
    that is no ISO moment stays as it is."""
    if isinstance(moment, str):
        try:
            instant = dt.datetime.fromisoformat(moment)
        except ValueError:
            return moment
    else:
        instant = moment
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.UTC)
    return instant.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def fixed() -> dt.datetime | None:
    """The current instant if the clock is fixed (`set_clock`), else None: what a helper
    process (an import's reader, `intake.worker`) fixes its own clock to."""
    return None if _fixed is None else now()


def set_clock(moment: dt.datetime | None) -> None:
    """Fix the clock at `moment` (aware), ticking on from there; None restores real time."""
    global _fixed
    if moment is None:
        _fixed = None
        return
    if moment.tzinfo is None:
        raise ValueError("the clock needs a timezone-aware moment")
    _fixed = (moment.astimezone(dt.UTC), time.monotonic())


# The days a date option (`--on`, `--from`, `--date`, `--at`…) may name: a century either
# side of today. No date of record, period or deadline lies further off; a year outside
# is a typo (0001, 9999, 2206 for 2026), and a day at the ends of Python's calendar
# (0001-01-01, 9999-12-31) overflows the date arithmetic every command does with it (a
# deadline's days added, China time turned into UTC), which would end in a crash (exit 3)
# rather than a usage error. `intake.values.option_date` holds every date option to it.
OPTION_YEARS = 100


def option_days(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a date option takes on `today` (`OPTION_YEARS`)."""
    return _years_from(today, -OPTION_YEARS), _years_from(today, OPTION_YEARS)


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# How far back a date received may lie. The tool keeps the cases a body is mediating now
# (time limits of weeks, see domain/deadlines.py); a date received more than ten years
# before today is not a record anyone enters on purpose but a typo (1900-01-01,
# 1800-01-01, 2106 typed as 1206) that would show a case overdue by decades. Ten years
# leaves room for entering an old referral or a late batch of paper records. The same
# bound holds for `case new`, `case edit` and every import row (intake/validate.py).
RECEIVED_YEARS_BACK = 10


def earliest_received(today: dt.date) -> dt.date:
    """The earliest date received accepted on `today`: the same day ten years before."""
    return _years_from(today, -RECEIVED_YEARS_BACK)
