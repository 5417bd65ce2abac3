"""Performance of the agreement, return visits and enforcement — `mediate performance`,
`mediate visit` (人民调解法 art. 31; CPL 2023 art. 250: see mediate/domain/performance.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from mediate.domain.deadlines import WorkCalendar
from mediate.domain.performance import (
    AutoNote,
    PerformanceKind,
    PerformanceState,
    auto_note_label,
    enforcement_deadline,
    performance_state,
)
from mediate.domain.status import ConfirmationStatus, Status, status_label
from mediate.errors import BadOptionValue, ValidationError
from mediate.i18n import _
from mediate.services.casestore import jsonable, load_case, not_in_future, today
from mediate.store.tables import ConfirmationRow, OutcomeRow, PerformanceEventRow
from mediate.store.uow import UnitOfWork


@dataclass
class PerformanceView:
    case_id: int
    state: PerformanceState
    enforce_by: dt.date | None  # CPL art. 250, once a court confirmed the agreement
    events: list[dict[str, Any]] = field(default_factory=list)  # as JSON carries them
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        s = self.state
        return {
            "case": self.case_id,
            "status": s.status,
            "paid": jsonable(s.paid),
            "outstanding": jsonable(s.outstanding),
            "due": jsonable(s.due),
            "overdue": s.overdue,
            "enforce_by": jsonable(self.enforce_by),
            "events": self.events,
        }


def _outcome(uow: UnitOfWork, case_id: int, visit: bool = False) -> OutcomeRow:
    case = load_case(uow, case_id, change=False)
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case_id)).first()
    if outcome is None or case.status != Status.SETTLED:
        if visit:  # 人民调解法 art. 31: the visit checks how the agreement is performed
            raise ValidationError(
                _(
                    "Case {id} has no mediation agreement: a return visit (回访) follows up a "
                    "settled case's agreement, and case {id} is {status}."
                ).format(id=case_id, status=status_label(case.status))
            )
        raise ValidationError(
            _(
                "Case {id} has no mediation agreement: performance is recorded for settled "
                "cases (mediate outcome {id} settled …)."
            ).format(id=case_id)
        )
    return outcome


def _day(on: dt.date | None, outcome: OutcomeRow) -> dt.date:
    day = on or today()
    not_in_future(day, "--on")
    if day < outcome.decided_on:
        raise ValidationError(
            _("{day} is before the agreement of {agreed}.").format(
                day=day, agreed=outcome.decided_on
            ),
            where="--on",
        )
    return day


def record_performance(
    uow: UnitOfWork,
    case_id: int,
    kind: PerformanceKind,
    on: dt.date | None = None,
    amount: Decimal | None = None,
    note: str | None = None,
    court: str | None = None,
    calendar: WorkCalendar | None = None,
) -> PerformanceView:
    """Record performed / partly performed (with the amount) / not performed, or the hand-off
    to enforcement (only after a court confirmed the agreement: the ruling is what is
    enforced, CPL arts. 206, 250)."""
    outcome = _outcome(uow, case_id)
    load_case(uow, case_id)  # changing the record needs the right to change the case
    day = _day(on, outcome)
    if kind == PerformanceKind.PARTIAL and (amount is None or amount <= 0):
        raise BadOptionValue(
            "--amount", _("A partial performance needs the amount performed (--amount).")
        )
    if kind != PerformanceKind.PARTIAL and amount is not None:
        raise BadOptionValue("--amount", _("--amount goes with a partial performance only."))
    if kind == PerformanceKind.ENFORCEMENT:
        ruling = _ruling(uow, case_id)
        if ruling is None:
            raise ValidationError(
                _(
                    "Case {id}'s agreement has not been confirmed by a court: only the ruling "
                    "confirming it (CPL art. 206) can be enforced. Record the court's result "
                    "with `mediate confirm record` first."
                ).format(id=case_id)
            )
    state = performance_of(uow, case_id, calendar).state
    before = state.status
    owed, agreed = state.outstanding, outcome.amount
    # more than is still owed is a typing slip, not a payment (an agreement of 0 or none
    # agreed no sum to compare with)
    too_much = amount is not None and owed is not None and bool(agreed) and amount > owed
    if kind == PerformanceKind.PARTIAL and too_much:
        raise BadOptionValue(
            "--amount",
            _(
                "{amount} is more than is still owed under the agreement: {owed} (agreed {agreed})."
            ).format(amount=f"{amount:,.2f}", owed=f"{owed:,.2f}", agreed=f"{agreed:,.2f}"),
        )
    _add_event(uow, case_id, kind, day, amount, (court or "").strip() or None, note)
    view = performance_of(uow, case_id, calendar)
    if kind == PerformanceKind.PARTIAL and view.state.status == PerformanceKind.DONE != before:
        # The instalments reached the agreed amount: the agreement is performed in full,
        # recorded as such (the bodies' report counts `done` reports).
        _add_event(uow, case_id, PerformanceKind.DONE, day, None, None, None, AutoNote.INSTALMENTS)
        view = performance_of(uow, case_id, calendar)
    return view


def _add_event(
    uow: UnitOfWork,
    case_id: int,
    kind: PerformanceKind,
    day: dt.date,
    amount: Decimal | None,
    by: str | None,
    note: str | None,
    note_code: AutoNote | None = None,
) -> None:
    row = PerformanceEventRow(
        case_id=case_id,
        kind=kind.value,
        on=day,
        amount=amount,
        by=by,
        note=(note or "").strip() or None,
        note_code=note_code.value if note_code else None,
        recorded_by=uow.clerk,
    )
    uow.session.add(row)
    uow.session.flush()
    after = {"kind": kind.value, "on": jsonable(day), "amount": jsonable(amount), "by": by}
    if row.note_code:
        after["note_code"] = row.note_code
    uow.record(f"performance_{kind.value}", case_id, None, after, row.note)


def record_visit(
    uow: UnitOfWork,
    case_id: int,
    note: str,
    on: dt.date | None = None,
    by: str | None = None,
) -> PerformanceView:
    """A return visit (回访): when, by whom, what was said."""
    outcome = _outcome(uow, case_id, visit=True)
    load_case(uow, case_id)
    if not note.strip():
        raise ValidationError(_("Say what the visit found (--note)."), where="--note")
    day = _day(on, outcome)
    row = PerformanceEventRow(
        case_id=case_id,
        kind=PerformanceKind.VISIT.value,
        on=day,
        by=(by or "").strip() or uow.clerk,
        note=note.strip(),
        recorded_by=uow.clerk,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.record("visit", case_id, None, {"on": jsonable(day), "by": row.by}, row.note)
    return performance_of(uow, case_id)


def _ruling(uow: UnitOfWork, case_id: int) -> ConfirmationRow | None:
    row = uow.session.exec(
        select(ConfirmationRow).where(ConfirmationRow.case_id == case_id)
    ).first()
    if row is None or row.status != ConfirmationStatus.CONFIRMED or row.decided_on is None:
        return None
    return row


def performance_of(
    uow: UnitOfWork, case_id: int, calendar: WorkCalendar | None = None
) -> PerformanceView:
    outcome = _outcome(uow, case_id)
    events = list(
        uow.session.exec(
            select(PerformanceEventRow)
            .where(PerformanceEventRow.case_id == case_id)
            .order_by(col(PerformanceEventRow.on), col(PerformanceEventRow.id))
        )
    )
    state = performance_state(
        outcome.amount,
        outcome.perform_by,
        [(e.kind, e.amount) for e in events],
        today(),
    )
    ruling = _ruling(uow, case_id)
    calendar = calendar or WorkCalendar()
    enforce_by = enforcement_deadline(
        outcome.perform_by, ruling.decided_on if ruling else None, calendar
    )
    return PerformanceView(
        case_id=case_id,
        state=state,
        enforce_by=enforce_by,
        events=[
            {
                "kind": e.kind,
                "on": jsonable(e.on),
                "amount": jsonable(e.amount),
                "by": e.by,
                "note": e.note or auto_note_label(e.note_code),
                "note_code": e.note_code,
                "recorded_by": e.recorded_by,
            }
            for e in events
        ],
        warnings=calendar.warnings(),
    )
