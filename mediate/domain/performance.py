"""After the agreement: performance, return visits, enforcement — pure rules.

- 人民调解法 art. 31: an agreement reached before a people's mediation committee binds the
  parties; the committee supervises its performance and urges the parties to perform.
  So the body records what was performed (in full, in part with the amount, not at all) and
  its return visits (回访).
- CPL (2023) art. 250: the period to apply for enforcement of a legal document (here the
  court's ruling confirming the agreement, art. 206) is two years, counted from the last
  day of the performance period the document sets; from the last instalment's due day when
  it is paid in instalments; from the day the document takes effect when it sets none.
- CPL art. 85 / 民法典 art. 203: a period ending on a rest day ends on the next working day.
- 民法典 art. 202: a period in years ends on the corresponding day of the last year; with
  no corresponding day (29 February), on the last day of that month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from mediate.domain.deadlines import WorkCalendar, next_workday
from mediate.i18n import _


class PerformanceKind(StrEnum):
    DONE = "done"  # performed in full (已履行)
    PARTIAL = "partial"  # performed in part, with the amount (部分履行)
    NONE = "none"  # not performed (未履行)
    VISIT = "visit"  # a return visit (回访)
    ENFORCEMENT = "enforcement"  # handed to the court for enforcement (申请强制执行)


PERFORMANCE_KINDS = (PerformanceKind.DONE, PerformanceKind.PARTIAL, PerformanceKind.NONE)


REPORTED_KINDS = (*PERFORMANCE_KINDS, PerformanceKind.ENFORCEMENT)
"""What `mediate performance KIND` records (a return visit is `mediate visit`)."""


def performance_label(status: str) -> str:
    """A performance state (`pending`, or the latest report's kind) or a report's kind in
    the interface language: `performance`, the history, exports. The one table:
    `vocabulary.PERFORMANCE_REPORT` accepts each reported kind's label back."""
    labels: dict[str, str] = {
        "pending": _("not yet reported"),
        PerformanceKind.DONE: _("performed"),
        PerformanceKind.PARTIAL: _("partly performed"),
        PerformanceKind.NONE: _("not performed"),
        PerformanceKind.VISIT: _("return visit"),
        PerformanceKind.ENFORCEMENT: _("enforcement"),
    }
    return labels.get(status, status)


class AutoNote(StrEnum):
    """Notes the tool writes on a report itself, stored as these codes and put into words
    when read (in the reader's language; in Chinese in the dossier)."""

    INSTALMENTS = "instalments"  # the partial payments reached the agreed amount


def auto_note_label(code: str | None) -> str | None:
    """A note the tool wrote (`AutoNote`), in the reader's language; an unknown code as
    stored."""
    if not code:
        return None
    labels: dict[str, str] = {AutoNote.INSTALMENTS.value: _("paid in instalments")}
    return labels.get(code, code)


ENFORCEMENT_YEARS = 2  # CPL (2023) art. 250


def add_years(day: dt.date, years: int) -> dt.date:
    """The corresponding day `years` later; 29 February falls back to 28 (民法典 art. 202)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def enforcement_deadline(
    perform_by: dt.date | None,
    ruling_effective_on: dt.date | None,
    calendar: WorkCalendar | None = None,
) -> dt.date | None:
    """The last day to apply for enforcement (CPL art. 250), or None when the agreement has
    not become an enforceable document (no confirmation ruling yet)."""
    if ruling_effective_on is None:
        return None
    start = perform_by if perform_by is not None else ruling_effective_on
    return next_workday(add_years(start, ENFORCEMENT_YEARS), calendar or WorkCalendar())


@dataclass(frozen=True)
class PerformanceState:
    """Where the performance of an agreement stands."""

    status: str  # "pending" | PerformanceKind.DONE | PARTIAL | NONE (the latest report)
    paid: Decimal  # the amounts reported as performed, in yuan
    outstanding: Decimal | None  # what remains of the agreed amount, if one was agreed
    due: dt.date | None  # the agreement's performance day
    overdue: bool  # due has passed and it is not performed in full


def performance_state(
    agreed: Decimal | None,
    perform_by: dt.date | None,
    reports: list[tuple[str, Decimal | None]],
    today: dt.date,
) -> PerformanceState:
    """From the agreed amount, its due day and the performance reports in order
    (kind, amount): performed in full once a `done` is reported or the partial amounts reach
    the agreed amount — then `paid` is the agreed amount."""
    paid = sum(
        (amount or Decimal(0) for kind, amount in reports if kind == PerformanceKind.PARTIAL),
        Decimal(0),
    )
    kinds = [kind for kind, _ in reports if kind in PERFORMANCE_KINDS]
    status = kinds[-1] if kinds else "pending"
    if PerformanceKind.DONE in kinds or (agreed is not None and agreed > 0 and paid >= agreed):
        status = PerformanceKind.DONE
    outstanding = None
    if agreed is not None:
        nothing = Decimal("0.00")
        outstanding = nothing if status == PerformanceKind.DONE else max(agreed - paid, nothing)
        if status == PerformanceKind.DONE:
            # `done` reports the agreement performed in full (人民调解法 art. 31: the body
            # records what was performed): the remainder after any part payments was
            # performed too, so performed + outstanding = agreed wherever they are shown.
            paid = max(paid, agreed)
    overdue = perform_by is not None and perform_by < today and status != PerformanceKind.DONE
    return PerformanceState(
        status=str(status),
        paid=paid,
        outstanding=outstanding,
        due=perform_by,
        overdue=overdue,
    )
