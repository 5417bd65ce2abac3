"""`mediate today`: the clerk's to-do for the bodies they see.

Plain data, one section per kind of work, each a list of rows (dicts with stable keys),
oldest or most urgent first. A section is a function in `SECTIONS`: another area adds its
own (sessions, performance visits) by adding one, and `today --json` carries it.

- unassigned: open cases at a body with no mediator yet (routed, transferred);
- overdue: open cases past their deadline;
- due: open cases whose deadline falls within the next N days;
- confirmation_closing: settled cases not yet filed with a court whose 30-day window for
  judicial confirmation (Civil Procedure Law art. 205; domain/confirmation.py) closes
  within N days;
- rulings_awaited: applications filed with a court, no ruling recorded;
- sessions: the day's mediation sessions (mediate session), in time order;
- performance_due: agreements to be performed within N days, or performed by a day in the
  last N days (回访: the follow-up visit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import col, select

from mediate.domain.status import OPEN_STATUSES, ConfirmationStatus, Status
from mediate.services.access import restrict_cases
from mediate.services.casestore import today
from mediate.store.tables import CaseRow, ConfirmationRow, MediatorRow, OrgRow, OutcomeRow
from mediate.store.uow import UnitOfWork

DEFAULT_WITHIN = 7
SHOWN = 200  # rows per section at most (the counts are exact)
OPEN = sorted(s.value for s in OPEN_STATUSES)


@dataclass
class Desk:
    on: dt.date
    within: int
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "within_days": self.within,
            "counts": dict(self.counts),
            **{name: rows for name, rows in self.sections.items()},
        }


Section = Callable[[UnitOfWork, dt.date, int], list[dict[str, Any]]]


def _case_row(case: CaseRow, org: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "case": case.id,
        "court_case_no": case.court_case_no,
        "cause": case.cause,
        "status": case.status,
        "org": org,
        "deadline": case.deadline.isoformat() if case.deadline else None,
        **extra,
    }


def _open_cases(uow: UnitOfWork, *conditions: Any) -> list[tuple[CaseRow, str | None]]:
    query = (
        select(CaseRow, OrgRow.name)
        .join(OrgRow, col(OrgRow.id) == col(CaseRow.org_id), isouter=True)
        .where(col(CaseRow.status).in_(OPEN), *conditions)
        .order_by(col(CaseRow.deadline), col(CaseRow.id))
    )
    return [(c, o) for c, o in uow.session.exec(restrict_cases(uow, query)).all()]


def unassigned(uow: UnitOfWork, on: dt.date, within: int) -> list[dict[str, Any]]:
    rows = _open_cases(
        uow,
        col(CaseRow.mediator_id).is_(None),
        col(CaseRow.status).in_([Status.ROUTED.value, Status.TRANSFERRED.value]),
    )
    return [_case_row(c, o, received_on=c.received_on.isoformat()) for c, o in rows]


def overdue(uow: UnitOfWork, on: dt.date, within: int) -> list[dict[str, Any]]:
    rows = _open_cases(uow, col(CaseRow.deadline) < on)
    return [_case_row(c, o, days_late=(on - c.deadline).days) for c, o in rows if c.deadline]


def due(uow: UnitOfWork, on: dt.date, within: int) -> list[dict[str, Any]]:
    last = on + dt.timedelta(days=within)
    rows = _open_cases(uow, col(CaseRow.deadline) >= on, col(CaseRow.deadline) <= last)
    return [_case_row(c, o, days_left=(c.deadline - on).days) for c, o in rows if c.deadline]


def _settled(uow: UnitOfWork, *conditions: Any) -> list[tuple[CaseRow, str | None, OutcomeRow]]:
    query = (
        select(CaseRow, OrgRow.name, OutcomeRow)
        .join(OutcomeRow, col(OutcomeRow.case_id) == col(CaseRow.id))
        .join(OrgRow, col(OrgRow.id) == col(CaseRow.org_id), isouter=True)
        .where(col(OutcomeRow.result) == Status.SETTLED.value, *conditions)
        .order_by(col(CaseRow.id))
    )
    return [(c, o, r) for c, o, r in uow.session.exec(restrict_cases(uow, query)).all()]


def confirmation_closing(uow: UnitOfWork, on: dt.date, within: int) -> list[dict[str, Any]]:
    from mediate.domain.confirmation import APPLICATION_WINDOW_DAYS, application_deadline

    filed = select(ConfirmationRow.case_id).where(
        col(ConfirmationRow.status) != ConfirmationStatus.DRAFTED.value
    )
    # The window is 30 days, moved past holidays: agreements older than that plus a margin
    # for the longest holiday cannot still be open.
    oldest = on - dt.timedelta(days=APPLICATION_WINDOW_DAYS + 15)
    rows = []
    for case, org, outcome in _settled(
        uow,
        col(OutcomeRow.effective_on) >= oldest,
        col(CaseRow.id).not_in(filed),
    ):
        assert outcome.effective_on is not None
        apply_by = application_deadline(outcome.effective_on)
        if on <= apply_by <= on + dt.timedelta(days=within):
            rows.append(
                _case_row(case, org, apply_by=apply_by.isoformat(), days_left=(apply_by - on).days)
            )
    return sorted(rows, key=lambda r: (r["apply_by"], r["case"]))


def rulings_awaited(uow: UnitOfWork, on: dt.date, within: int) -> list[dict[str, Any]]:
    query = (
        select(CaseRow, OrgRow.name, ConfirmationRow)
        .join(ConfirmationRow, col(ConfirmationRow.case_id) == col(CaseRow.id))
        .join(OrgRow, col(OrgRow.id) == col(CaseRow.org_id), isouter=True)
        .where(col(ConfirmationRow.status) == ConfirmationStatus.FILED.value)
        .order_by(col(ConfirmationRow.filed_on), col(CaseRow.id))
    )
    return [
        _case_row(
            c,
            o,
            court=r.court,
            filed_on=r.filed_on.isoformat() if r.filed_on else None,
            days_waiting=(on - r.filed_on).days if r.filed_on else None,
        )
        for c, o, r in uow.session.exec(restrict_cases(uow, query)).all()
    ]


def performance_due(uow: UnitOfWork, on: dt.date, within: int) -> list[dict[str, Any]]:
    span = dt.timedelta(days=within)
    rows = [
        _case_row(
            c,
            o,
            perform_by=r.perform_by.isoformat(),
            days_left=(r.perform_by - on).days,
            mediator=_mediator_name(uow, c.mediator_id),
        )
        for c, o, r in _settled(
            uow, col(OutcomeRow.perform_by) >= on - span, col(OutcomeRow.perform_by) <= on + span
        )
        if r.perform_by is not None
    ]
    return sorted(rows, key=lambda r: (r["perform_by"], r["case"]))


def _mediator_name(uow: UnitOfWork, mediator_id: int | None) -> str | None:
    row = uow.session.get(MediatorRow, mediator_id) if mediator_id else None
    return row.name if row else None


def sessions_today(uow: UnitOfWork, on: dt.date, within: int) -> list[dict[str, Any]]:
    """The day's mediation sessions (scheduled or held), in time order."""
    from mediate.services.sessions import sessions_on

    return [
        {
            "session": v.id,
            "case": v.case_id,
            "cause": v.cause,
            "time": v.at[11:16],
            "place": v.place,
            "online": v.online,
            "mediator": v.mediator,
            "status": v.status,
        }
        for v in sessions_on(uow, on)
    ]


SECTIONS: dict[str, Section] = {
    "sessions": sessions_today,
    "overdue": overdue,
    "due": due,
    "unassigned": unassigned,
    "confirmation_closing": confirmation_closing,
    "rulings_awaited": rulings_awaited,
    "performance_due": performance_due,
}


def todays_work(uow: UnitOfWork, within: int = DEFAULT_WITHIN, on: dt.date | None = None) -> Desk:
    """Every section for the acting clerk's bodies, as of `on` (default: today in China)."""
    day = on or today()
    desk = Desk(on=day, within=within)
    for name, section in SECTIONS.items():
        rows = section(uow, day, within)
        desk.counts[name] = len(rows)
        desk.sections[name] = rows[:SHOWN]
    return desk
