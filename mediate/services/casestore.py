"""The case store: the operations every service uses to read and change one case.

One floor below the use-case services (lifecycle, outcomes, confirmation, routing,
intake, editing): they all import from here, and this module imports no service but
`access`, so the services form no import circle (tests/unit/test_architecture.py).

Every change to a case goes through `update_case`: one `UPDATE … WHERE id = ? AND
version = ?`; no row updated means somebody else changed the case since it was read, and
the clerk gets a ConflictError naming who and when. Each change appends an EventRow with
the fields before and after (the audit trail `case history` shows).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from mediate import clock
from mediate.errors import BadOptionValue, ConflictError, NotFound, ValidationError
from mediate.i18n import _
from mediate.services.access import require_case_access
from mediate.store.tables import CaseRow, DecisionRow, EventRow
from mediate.store.types import utcnow
from mediate.store.uow import UnitOfWork

CHINA = ZoneInfo("Asia/Shanghai")


def today() -> dt.date:
    """Today in China: deadlines and dates of record are local dates.

    The one place services ask for the date; mediate/clock.py is where tests fix it."""
    return clock.today()


def not_in_future(day: dt.date, where: str) -> None:
    """A date of record typed on the command line (`--on`) has happened. A future one is
    a bad typed value, exit 2 like `case new --received 9999-12-31` (STYLE: exit 2 for bad
    typed values, 1 for refused operations)."""
    if day > today():
        raise BadOptionValue(where, _("{day} is in the future.").format(day=day))


def check_day(day: dt.date, case: CaseRow, where: str) -> None:
    """A date of record on a case (a decision, an agreement, an assignment) has happened:
    not after today, not before the case was received."""
    not_in_future(day, where)
    if day < case.received_on:
        raise ValidationError(
            _("{day} is before the case was received ({received}).").format(
                day=day, received=case.received_on
            ),
            where=where,
        )


def refuse_paused(case: CaseRow) -> None:
    """A case whose time limit is paused (`case pause`, domain/pauses.py) is neither
    extended, transferred nor closed until the pause is ended: its deadline is unknown
    meanwhile, and the history says when the 鉴定 ended before what followed."""
    if case.paused_on is None:
        return
    from mediate.domain.pauses import reason_label

    raise ValidationError(
        _(
            "Case {id}'s time limit is paused since {day} ({reason}): end the pause first "
            "with `mediate case resume {id} --on DATE`."
        ).format(id=case.id, day=case.paused_on, reason=reason_label(case.pause_reason or ""))
    )


def jsonable(value: Any) -> Any:
    """A column value as an event's before/after (and `--json`) carries it."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def load_case(uow: UnitOfWork, case_id: int, change: bool = True) -> CaseRow:
    """The case, if the acting clerk may see it (and, `change`, change it)."""
    row = uow.session.get(CaseRow, case_id)
    if row is None:
        raise NotFound(_("There is no case {id}.").format(id=case_id))
    require_case_access(uow, row, change=change)
    return row


def latest_decision(uow: UnitOfWork, case_id: int) -> DecisionRow | None:
    """A case's latest routing decision, the one `case show` stands on (the last decided,
    then the last made), or None for a case never routed."""
    return uow.session.exec(
        select(DecisionRow)
        .where(DecisionRow.case_id == case_id)
        .order_by(col(DecisionRow.decided_at).desc(), col(DecisionRow.id).desc())
        .limit(1)
    ).first()


def update_case(
    uow: UnitOfWork,
    case: CaseRow,
    changes: dict[str, Any],
    action: str,
    note: str | None = None,
    expected_version: int | None = None,
    extra: dict[str, Any] | None = None,
    before_extra: dict[str, Any] | None = None,
) -> EventRow:
    """Apply `changes` to the case if nobody changed it since `expected_version` (default:
    the version it was read at), bump the version and append the audit event.

    `extra`/`before_extra` add to the event's after/before what is not a case column (a
    party's fields, the days granted)."""
    assert case.id is not None
    version = case.version if expected_version is None else expected_version
    before = {key: jsonable(getattr(case, key)) for key in changes}
    before.update({k: jsonable(v) for k, v in (before_extra or {}).items()})
    values = {**changes, "version": version + 1, "updated_at": utcnow()}
    result = uow.session.execute(
        update(CaseRow)
        .where(col(CaseRow.id) == case.id, col(CaseRow.version) == version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict(uow, case.id)
    for key, value in values.items():
        set_committed_value(case, key, value)
    after = {key: jsonable(value) for key, value in changes.items()}
    after.update({k: jsonable(v) for k, v in (extra or {}).items()})
    return uow.record(action, case.id, before, after, note)


def conflict(uow: UnitOfWork, case_id: int) -> ConflictError:
    """The error for a lost race: who changed the case last, and when (China time)."""
    last = uow.session.exec(
        select(EventRow)
        .where(EventRow.case_id == case_id)
        .order_by(col(EventRow.at).desc(), col(EventRow.id).desc())
        .limit(1)
    ).first()
    if last is None:
        return ConflictError(
            _("Case {id} was changed by someone else meanwhile; reload it and retry.").format(
                id=case_id
            )
        )
    return ConflictError(
        _("Case {id} was changed by {clerk} at {time}; reload it and retry.").format(
            id=case_id,
            clerk=last.clerk,
            time=last.at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S"),
        )
    )
