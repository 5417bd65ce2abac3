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
- performance_due: agreements to be performed within N days or already late, not performed
  in full nor handed to enforcement, with the amount still open after partial performance
  (回访: the follow-up visit).

Every section is SQL over a `Reading` (store/dbapi.py, services/who.py): the light entry
(`mediate/quick.py`) and the full `today` command run these same functions. A section
takes (db, day, within), `db` a `Reading`; `todays_work` also takes a unit of work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mediate.domain.status import OPEN_STATUSES, ConfirmationStatus, Status
from mediate.services.reading import Reading, reading
from mediate.services.who import case_scope
from mediate.store.dbapi import iso_day, marks, money_text

if TYPE_CHECKING:
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


Section = Callable[[Reading, dt.date, int], list[dict[str, Any]]]

# The columns every section's rows start with (`_case_row`), and the join naming the body.
_CASE = (
    "cases.id, cases.court_case_no, cases.cause, cases.status, orgs.name, cases.deadline, "
    "cases.received_on, cases.mediator_id"
)
_BODY = " LEFT OUTER JOIN orgs ON orgs.id = cases.org_id"


def _case_row(row: tuple[Any, ...], **extra: Any) -> dict[str, Any]:
    case_id, number, cause, status, org, deadline = row[:6]
    return {
        "case": case_id,
        "court_case_no": number,
        "cause": cause,
        "status": status,
        "org": org,
        "deadline": iso_day(deadline),
        **extra,
    }


def _select(
    db: Reading, columns: str, joins: str, conditions: list[str], params: list[Any], order: str
) -> list[tuple[Any, ...]]:
    """Rows of `cases` (with `joins`) meeting `conditions`, narrowed to what the clerk sees
    and, with the global --org, to that body's cases (the help's 本机构今日待办: without a
    clerk registry --org listed every body's work; review of 2026-12-03)."""
    scope, scoped = case_scope(db.identity())
    where = [*conditions, scope] if scope else list(conditions)
    if db.org_id is not None:
        where.append("cases.org_id = ?")
        scoped = [*scoped, db.org_id]
    sql = f"SELECT {columns} FROM cases{joins} WHERE {' AND '.join(where)} ORDER BY {order}"
    return db.reader.rows(sql, [*params, *scoped])


def _open_cases(db: Reading, conditions: list[str], params: list[Any]) -> list[tuple[Any, ...]]:
    return _select(
        db,
        _CASE,
        _BODY,
        [f"cases.status IN ({marks(OPEN)})", *conditions],
        [*OPEN, *params],
        "cases.deadline, cases.id",
    )


def unassigned(db: Reading, on: dt.date, within: int) -> list[dict[str, Any]]:
    waiting = [Status.ROUTED.value, Status.TRANSFERRED.value]
    rows = _open_cases(
        db, ["cases.mediator_id IS NULL", f"cases.status IN ({marks(waiting)})"], waiting
    )
    return [_case_row(r, received_on=iso_day(r[6])) for r in rows]


def overdue(db: Reading, on: dt.date, within: int) -> list[dict[str, Any]]:
    rows = _open_cases(db, ["cases.deadline < ?"], [db.reader.day_param(on)])
    return [_case_row(r, days_late=(on - _day(r[5])).days) for r in rows if r[5]]


def due(db: Reading, on: dt.date, within: int) -> list[dict[str, Any]]:
    last = on + dt.timedelta(days=within)
    day = db.reader.day_param
    rows = _open_cases(db, ["cases.deadline >= ?", "cases.deadline <= ?"], [day(on), day(last)])
    return [_case_row(r, days_left=(_day(r[5]) - on).days) for r in rows if r[5]]


def _day(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(iso_day(value)))


_SETTLED = " JOIN outcomes ON outcomes.case_id = cases.id" + _BODY


def confirmation_closing(db: Reading, on: dt.date, within: int) -> list[dict[str, Any]]:
    from mediate.domain.deadlines import APPLICATION_WINDOW_DAYS, application_deadline

    # The window is 30 days, moved past holidays: agreements older than that plus a margin
    # for the longest holiday cannot still be open.
    oldest = on - dt.timedelta(days=APPLICATION_WINDOW_DAYS + 15)
    found = _select(
        db,
        _CASE + ", outcomes.effective_on",
        _SETTLED,
        [
            "outcomes.result = ?",
            "outcomes.effective_on >= ?",
            "cases.id NOT IN (SELECT confirmations.case_id FROM confirmations "
            "WHERE confirmations.status != ?)",
        ],
        [Status.SETTLED.value, db.reader.day_param(oldest), ConfirmationStatus.DRAFTED.value],
        "cases.id",
    )
    rows = []
    for row in found:
        apply_by = application_deadline(_day(row[8]))
        if on <= apply_by <= on + dt.timedelta(days=within):
            rows.append(
                _case_row(row, apply_by=apply_by.isoformat(), days_left=(apply_by - on).days)
            )
    return sorted(rows, key=lambda r: (r["apply_by"], r["case"]))


def rulings_awaited(db: Reading, on: dt.date, within: int) -> list[dict[str, Any]]:
    found = _select(
        db,
        _CASE + ", confirmations.court, confirmations.filed_on",
        " JOIN confirmations ON confirmations.case_id = cases.id" + _BODY,
        ["confirmations.status = ?"],
        [ConfirmationStatus.FILED.value],
        "confirmations.filed_on, cases.id",
    )
    return [
        _case_row(
            row,
            court=row[8],
            filed_on=iso_day(row[9]),
            days_waiting=(on - _day(row[9])).days if row[9] else None,
        )
        for row in found
    ]


def performance_due(db: Reading, on: dt.date, within: int) -> list[dict[str, Any]]:
    """Agreements to be performed within the next N days or already late, neither performed
    in full nor handed to enforcement (人民调解法 art. 31: the body supervises performance
    and urges it), with the agreed amount, what was performed in part and what is still
    open (domain/performance.performance_state)."""
    from decimal import Decimal

    from mediate.domain.performance import PerformanceKind, performance_state

    day = db.reader.day_param
    found = _select(
        db,
        _CASE + ", outcomes.perform_by, mediators.name, outcomes.amount,"
        " (SELECT SUM(performance_events.amount) FROM performance_events"
        " WHERE performance_events.case_id = cases.id AND performance_events.kind = ?)",
        _SETTLED + " LEFT OUTER JOIN mediators ON mediators.id = cases.mediator_id",
        [
            "outcomes.result = ?",
            "outcomes.perform_by <= ?",
            "NOT EXISTS (SELECT 1 FROM performance_events WHERE performance_events.case_id ="
            " cases.id AND performance_events.kind IN (?, ?))",
        ],
        [
            PerformanceKind.PARTIAL.value,
            Status.SETTLED.value,
            day(on + dt.timedelta(days=within)),
            PerformanceKind.DONE.value,
            PerformanceKind.ENFORCEMENT.value,
        ],
        "outcomes.perform_by, cases.id",
    )
    rows = []
    for row in found:
        perform_by = _day(row[8])
        agreed = Decimal(money_text(row[10]) or "0") if row[10] is not None else None
        paid = Decimal(money_text(row[11]) or "0")
        reports: list[tuple[str, Decimal | None]] = (
            [(PerformanceKind.PARTIAL.value, paid)] if paid else []
        )
        state = performance_state(agreed, perform_by, reports, on)
        if state.status == PerformanceKind.DONE:  # instalments reached the agreed amount
            continue
        rows.append(
            _case_row(
                row,
                perform_by=perform_by.isoformat(),
                days_left=(perform_by - on).days,
                overdue=state.overdue,
                mediator=row[9],
                amount=money_text(row[10]),
                paid=f"{paid:.2f}",
                outstanding=None if state.outstanding is None else f"{state.outstanding:.2f}",
            )
        )
    return rows


def sessions_today(db: Reading, on: dt.date, within: int) -> list[dict[str, Any]]:
    """The day's mediation sessions (scheduled or held), in time order, China time."""
    from mediate.clock import CHINA
    from mediate.store.dbapi import utc

    start = dt.datetime.combine(on, dt.time(), CHINA).astimezone(dt.UTC)
    found = _select(
        db,
        "mediation_sessions.id, mediation_sessions.case_id, cases.cause, "
        "mediation_sessions.starts_at, mediation_sessions.place, mediation_sessions.online, "
        "mediators.name, mediation_sessions.status, cases.court_case_no, orgs.name",
        " JOIN mediation_sessions ON mediation_sessions.case_id = cases.id"
        " LEFT OUTER JOIN mediators ON mediators.id = mediation_sessions.mediator_id" + _BODY,
        [
            "mediation_sessions.starts_at >= ?",
            "mediation_sessions.starts_at < ?",
            "mediation_sessions.status != ?",
        ],
        [
            db.reader.utc_param(start),
            db.reader.utc_param(start + dt.timedelta(days=1)),
            "cancelled",  # services/sessions.CANCELLED
        ],
        "mediation_sessions.starts_at, mediation_sessions.id",
    )
    rows = []
    for session_id, case_id, cause, starts_at, place, online, mediator, status, *case in found:
        moment = utc(starts_at)
        assert moment is not None
        rows.append(
            {
                "session": session_id,
                "case": case_id,
                # the case columns every section's table starts with (commands/reads.today)
                "court_case_no": case[0],
                "org": case[1],
                "cause": cause,
                "time": moment.astimezone(CHINA).isoformat(timespec="minutes")[11:16],
                "place": place,
                "online": bool(online),
                "mediator": mediator,
                "status": status,
            }
        )
    return rows


SECTIONS: dict[str, Section] = {
    "sessions": sessions_today,
    "overdue": overdue,
    "due": due,
    "unassigned": unassigned,
    "confirmation_closing": confirmation_closing,
    "rulings_awaited": rulings_awaited,
    "performance_due": performance_due,
}


def todays_work(
    db: Reading | UnitOfWork, within: int = DEFAULT_WITHIN, on: dt.date | None = None
) -> Desk:
    """Every section for the acting clerk's bodies, as of `on` (default: today in China)."""
    from mediate.clock import today

    r = reading(db)
    day = on or today()
    desk = Desk(on=day, within=within)
    for name, section in SECTIONS.items():
        rows = section(r, day, within)
        desk.counts[name] = len(rows)
        desk.sections[name] = rows[:SHOWN]
    return desk
