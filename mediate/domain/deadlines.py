"""Time limits counted as Civil Procedure Law art. 85 says.

A period in days starts on the day after the event; when its last day is a statutory
holiday or a rest day, the period ends on the next working day. China moves working days
around holidays (调休), so a Saturday can be a working day: the `chinese-calendar` package
knows these up to the year it was released. For later years a local override file gives
the State Council's schedule; without one we fall back to the statutory holidays by rule
(国务院令第795号, `mediate.domain.holidays`) and weekends, and warn: a rule cannot know the
year's adjusted working days or make-up days off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class WorkCalendar:
    """Which days are working days. `holidays`/`workdays` override the package's data."""

    holidays: set[dt.date] = field(default_factory=set)
    workdays: set[dt.date] = field(default_factory=set)
    override_years: set[int] = field(default_factory=set)
    unknown_years: set[int] = field(default_factory=set)  # guessed from weekends only

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day.year in self.override_years:
            return day.weekday() < 5
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            from mediate.domain.holidays import statutory_holidays

            self.unknown_years.add(day.year)
            return day.weekday() < 5 and day not in statutory_holidays(day.year)

    def warnings(self) -> list[str]:
        from mediate.i18n import _

        return [
            _(
                "The holiday calendar does not know {year}: deadlines in it count the "
                "statutory holidays (国务院令第795号, lunar dates computed) and weekends, but "
                "not that year's adjusted working days or make-up days off. Add the State "
                "Council's schedule for {year} to the holidays file."
            ).format(year=year)
            for year in sorted(self.unknown_years)
        ]


def next_workday(day: dt.date, calendar: WorkCalendar) -> dt.date:
    while not calendar.is_workday(day):
        day += dt.timedelta(days=1)
    return day


DAYS = "days"  # calendar days, the last one moved past a holiday (CPL art. 85)
WORKDAYS = "workdays"  # working days (工作日): holidays and rest days are not counted
UNITS = (DAYS, WORKDAYS)


def stored_unit(unit: str | None) -> str | None:
    """The unit as a case or decision row keeps it: None for calendar days (as every limit
    was counted before the unit existed), "workdays" for working days."""
    return WORKDAYS if unit == WORKDAYS else None


def unit_change(current: str | None, unit: str | None) -> dict[str, str | None]:
    """The change of a case's stored unit to `unit`, for its update: empty when it stays,
    so a case that keeps calendar days records no change of unit in its history."""
    new = stored_unit(unit)
    return {} if new == current else {"deadline_unit": new}


def limit_text(days: int, unit: str | None) -> str:
    """A time limit as the clerk reads it: 30 days, or 30 working days."""
    from mediate.i18n import _

    if unit == WORKDAYS:
        return _("{days} working days").format(days=days)
    return _("{days} days").format(days=days)


def due_date(
    start: dt.date, days: int, calendar: WorkCalendar | None = None, unit: str | None = None
) -> dt.date:
    """The last day of a period of `days` days that starts the day after `start`.

    Every time limit of a case is turned into a date here (routing, import, assignment,
    transfer, extension, a corrected date received). `unit` WORKDAYS counts working days
    only, by the same calendar (statutory holidays, 调休 make-up working days, the local
    holidays file): 医疗纠纷预防和处理条例 (2018) art. 38 "医疗纠纷人民调解委员会应当自受理之日
    起30个工作日内完成调解" (read in LawRefBook/Laws at 2f4c5c2). The last day counted is a
    working day, so art. 85's move is never needed. None or DAYS: calendar days.
    """
    if days < 0:
        raise ValueError("a period cannot be negative")
    calendar = calendar or WorkCalendar()
    if unit == WORKDAYS:
        day = start
        for _counted in range(days):
            day = next_workday(day + dt.timedelta(days=1), calendar)
        return day
    if unit not in (None, DAYS):
        raise ValueError(f"unknown deadline unit {unit!r}")
    return next_workday(start + dt.timedelta(days=days), calendar)


@dataclass(frozen=True)
class DeadlinePolicy:
    """How long a body has for a case, and how far the parties may extend it."""

    days: int
    max_extension: int | None  # extra days the law allows; None = no fixed cap
    basis: str  # the rule, for messages: "委托调解（普通程序）15日"
    unit: str = DAYS  # DAYS or WORKDAYS (the rules' unit for the route, e.g. medical)


def policy_for(
    source: str, procedure: str | None, decision_days: int | None, unit: str | None = None
) -> DeadlinePolicy:
    """The time limit by how the case came (DOMAIN.md §3).

    委托 (court, after filing): 15 days in ordinary procedure, 7 in summary, extendable by
    at most 30 days with both parties' consent. 委派 (court, before filing): 30 days from
    the mediator's receipt, longer only with consent. Other sources (自行受理, 信访, 移送):
    "generally within one month" — the routing decision's days, else 30. A routing rule
    may shorten a court's limit, never lengthen it.

    Sources: 特邀调解规定 art. 27 (委派 30; 委托 15/7, from the signed receipt of the court's
    papers; read in LawRefBook). "一般一个月" has no statute behind it: 人民调解法 and
    人民调解委员会组织条例 (1989) set no period (both read in LawRefBook). It is the practice
    norm of the Ministry of Justice's 人民调解工作若干规定 (2002; not in LawRefBook — a reprint
    whose title the search did not show has art. 33 "人民调解委员会调解纠纷，一般在一个月内
    调结": reported, not confirmed) and of local regulations (宁波市人民调解条例 art. 27, read:
    "一般应当在一个月内调结", extendable at the parties' request); no Henan regulation on it is
    in LawRefBook (searched 2026-12-02). "一般" binds no one, so 30 days is a working default:
    a calendar month would end on the corresponding day (民法典 arts. 200, 202, read), up to
    two days away. data/PROVENANCE.md, "Facts the project carried as unverified".

    `unit` is the routing decision's (WORKDAYS for a medical dispute, 医疗纠纷预防和处理条例
    art. 38): it counts for the other sources only. A court's limit is the court's, in
    calendar days (特邀调解规定 art. 27), whatever body mediates.
    """
    if source == "court_entrusted":
        summary = procedure == "summary"
        legal = 7 if summary else 15
        basis = "委托调解（简易程序）7日" if summary else "委托调解（普通程序）15日"
        return DeadlinePolicy(_within(decision_days, legal), 30, basis)
    if source == "court_delegated":
        return DeadlinePolicy(_within(decision_days, 30), None, "委派调解30日")
    if unit == WORKDAYS and decision_days:
        return DeadlinePolicy(decision_days, None, f"{decision_days}个工作日", WORKDAYS)
    return DeadlinePolicy(decision_days or 30, None, "人民调解一般一个月")


def _within(days: int | None, legal: int) -> int:
    return min(days, legal) if days else legal


APPLICATION_WINDOW_DAYS = 30  # CPL 2023 art. 205; 人民调解法 art. 33
# The court's own time to decide is not tracked: CPL 2023 art. 187 gives special-procedure
# cases 30 days from filing (extendable by the court president); the 15 (+10) days of
# 法释〔2011〕5号 art. 5 may or may not survive 法释〔2020〕16号 (data/PROVENANCE.md, h6).
# 民诉法解释 (2022) art. 550 (read again 2026-12-03 in LawRefBook/Laws at 2f4c5c2,
# 司法解释/最高人民法院关于适用《民事诉讼法》的解释(2022-04-02).md: "最高人民法院以前发布的司法解释
# 与本解释不一致的，不再适用") retires only what differs from that interpretation, which sets
# no time for deciding, so the repeal alone would settle art. 5 (h8; still not found).


def application_deadline(effective_on: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The last day to apply for judicial confirmation: 30 days from the agreement's effect,
    art. 85 adjusted (here rather than in domain/confirmation.py, which re-exports it, so
    `case show` and `today` need not load the jurisdiction rules)."""
    return due_date(effective_on, APPLICATION_WINDOW_DAYS, calendar)
