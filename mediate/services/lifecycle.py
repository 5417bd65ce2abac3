"""Moving a case along: assignment, start, transfer, extension, a pause of the time limit
and its end — each one audited and
guarded by the case's version (optimistic concurrency), through the case store
(`services/casestore.py`: `load_case`, `update_case`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from mediate.domain.calendar import parse_holidays
from mediate.domain.deadlines import (
    DeadlinePolicy,
    WorkCalendar,
    due_date,
    policy_for,
    stored_unit,
    unit_change,
)
from mediate.domain.events import MANUAL_RULES
from mediate.domain.model import OrgKind, Source
from mediate.domain.pauses import NotPausable, counted_days, pause_rule, reason_label
from mediate.domain.status import FollowUp, Status, check_transition, status_label
from mediate.errors import ConfigError, NotFound, ValidationError, ValidationErrors
from mediate.i18n import _
from mediate.services.casestore import (
    check_day,
    jsonable,
    latest_decision,
    load_case,
    not_in_future,
    refuse_paused,
    today,
    update_case,
)
from mediate.store.tables import CaseRow, DecisionRow, EventRow, MediatorRow, OrgRow
from mediate.store.uow import UnitOfWork


def load_calendar(path: Path | None) -> WorkCalendar:
    """The work calendar: chinese-calendar, plus the local override file if one is set."""
    if path is None:
        return WorkCalendar()
    from mediate import safeyaml

    try:
        text = safeyaml.read_text(path)
    except safeyaml.FileError as exc:  # cannot be read, or not UTF-8 (a GBK file)
        raise ConfigError(
            _("Cannot read the holidays file {path}: {reason}").format(path=path, reason=exc.reason)
        ) from None
    return parse_holidays(text, str(path))


@dataclass
class Change:
    """What a lifecycle service did: the case as it is now, and anything to warn about."""

    case: CaseRow
    event: EventRow
    warnings: list[str] = field(default_factory=list)
    mediator: MediatorRow | None = None

    def as_json(self) -> dict[str, Any]:
        c = self.case
        return {
            "case": c.id,
            "status": c.status,
            "org": c.org_id,
            "mediator": c.mediator_id,
            "mediator_name": self.mediator.name if self.mediator else None,
            "assigned_on": jsonable(c.assigned_on),
            "deadline_days": c.deadline_days,
            "deadline_unit": c.deadline_unit or "days",
            "extension_days": c.extension_days,
            "paused_on": jsonable(c.paused_on),
            "pause_reason": c.pause_reason,
            "paused_days": c.paused_days,
            "deadline": jsonable(c.deadline),
            "version": c.version,
            "warnings": list(self.warnings),
        }


def _decision_days(uow: UnitOfWork, case: CaseRow) -> tuple[int | None, str | None]:
    """The time limit the case's current decision gave: (days, unit)."""
    latest = latest_decision(uow, case.id) if case.id is not None else None
    if latest is not None:
        return latest.deadline_days, latest.deadline_unit
    return case.deadline_days, case.deadline_unit


def least_loaded_mediator(uow: UnitOfWork, org_id: str) -> MediatorRow | None:
    """The body's strategy: the active mediator with the fewest open cases (then the
    longest-serving, for a stable choice)."""
    from mediate.services.mediators import open_loads

    loads = open_loads(uow, org_id)
    candidates = uow.session.exec(
        select(MediatorRow)
        .where(MediatorRow.org_id == org_id, col(MediatorRow.active).is_(True))
        .order_by(col(MediatorRow.id))
    ).all()
    if not candidates:
        return None
    return min(candidates, key=lambda m: (loads.get(m.id or 0, 0), m.id))


def assign(
    uow: UnitOfWork,
    case_id: int,
    mediator_id: int | str | None = None,
    on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
    expected_version: int | None = None,
) -> Change:
    """Give the case to a mediator of its body (explicit, or the least loaded one).

    The first assignment at a body starts the time limit (委派: 30 days from the
    mediator's receipt): the deadline is recomputed from `on` by the source's policy.
    Re-assigning keeps the deadline; `on` is then the day the new mediator took the case,
    kept in the event (the history says who had the case when), never before the first.
    """
    case = load_case(uow, case_id)
    calendar = calendar or WorkCalendar()
    target = (
        Status(case.status)
        if case.status in (Status.ASSIGNED, Status.IN_MEDIATION)
        else Status.ASSIGNED
    )
    check_transition(case.status, target, case.id)
    if case.org_id is None:
        raise ValidationError(
            _("Case {id} has no body yet: route it before assigning a mediator.").format(id=case.id)
        )
    mediator = _pick_mediator(uow, case, mediator_id)
    changes: dict[str, Any] = {"mediator_id": mediator.id, "status": target.value}
    day = on or today()
    check_day(day, case, "--on")  # the mediator's receipt has happened
    extra: dict[str, Any] = {}
    if case.status in (Status.ASSIGNED, Status.IN_MEDIATION):
        _check_reassignment_day(day, case)
        extra["reassigned_on"] = day
    else:
        policy = policy_for(case.source, case.procedure, *_decision_days(uow, case))
        changes.update(
            assigned_on=day,
            deadline_days=policy.days,
            **unit_change(case.deadline_unit, policy.unit),
            extension_days=0,
            **({"paused_days": 0} if case.paused_days else {}),
            deadline=due_date(day, policy.days, calendar, policy.unit),
        )
    event = update_case(
        uow,
        case,
        changes,
        "assign",
        note=mediator.name,
        expected_version=expected_version,
        extra=extra,
    )
    return Change(case, event, calendar.warnings(), mediator)


def _check_reassignment_day(day: dt.date, case: CaseRow) -> None:
    if case.assigned_on is not None and day < case.assigned_on:
        raise ValidationError(
            _("{day} is before the case was assigned ({assigned}).").format(
                day=day, assigned=case.assigned_on
            ),
            where="--on",
        )


def _pick_mediator(uow: UnitOfWork, case: CaseRow, mediator_id: int | str | None) -> MediatorRow:
    assert case.org_id is not None
    if mediator_id is None:
        chosen = least_loaded_mediator(uow, case.org_id)
        if chosen is None:
            raise ValidationError(
                _(
                    "{org} has no active mediator: add one with `mediate mediator add` "
                    "or name one with --mediator."
                ).format(org=_org_name(uow, case.org_id))
            )
        return chosen
    from mediate.services.mediators import find_mediator

    mediator = find_mediator(uow, case.org_id, mediator_id)
    if not mediator.active:
        raise ValidationError(
            _("Mediator {id} ({name}) is disabled.").format(id=mediator.id, name=mediator.name)
        )
    if mediator.org_id != case.org_id:
        raise ValidationError(
            _(
                "Mediator {id} ({name}) works for {mediator_org}, but case {case} is at {org}."
            ).format(
                id=mediator.id,
                name=mediator.name,
                mediator_org=_org_name(uow, mediator.org_id),
                case=case.id,
                org=_org_name(uow, case.org_id),
            )
        )
    return mediator


def _org_name(uow: UnitOfWork, org_id: str | None) -> str:
    row = uow.session.get(OrgRow, org_id) if org_id else None
    return row.name if row is not None else str(org_id)


def start(uow: UnitOfWork, case_id: int, expected_version: int | None = None) -> Change:
    """Mediation is under way (调解中)."""
    case = load_case(uow, case_id)
    check_transition(case.status, Status.IN_MEDIATION, case.id)
    if case.status == Status.IN_MEDIATION:
        raise ValidationError(_("Case {id} is already in mediation.").format(id=case.id))
    event = update_case(
        uow, case, {"status": Status.IN_MEDIATION.value}, "start", expected_version=expected_version
    )
    return Change(case, event)


def transfer(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    to_org: str | None = None,
    reroute: bool = False,
    expected_version: int | None = None,
) -> Change:
    """Send the case to another body (移送): an explicit one, or wherever the rules send it
    now. Either way a decision is recorded; the new body assigns its own mediator and
    the deadline restarts on that assignment."""
    case = load_case(uow, case_id)
    check_transition(case.status, Status.TRANSFERRED, case.id)
    refuse_paused(case)
    if not reason.strip():
        raise ValidationError(_("A transfer needs a reason (--reason)."))
    if (to_org is None) == (not reroute):
        raise ValidationError(_("Name the new body with --to, or ask for --reroute (not both)."))
    if reroute:
        decision = _reroute(uow, case)
    else:
        assert to_org is not None
        decision = _explicit(uow, case, to_org, reason)
    org_id = decision.org_id
    if org_id == case.org_id:
        raise ValidationError(
            _("Case {id} is already at {org}.").format(id=case.id, org=_org_name(uow, org_id))
        )
    if not reroute:
        _refuse_court(uow, case, org_id)
    changes = {
        "status": Status.TRANSFERRED.value,
        "org_id": org_id,
        "mediator_id": None,
        "route_rule": decision.rule,
        "deadline_days": decision.deadline_days,
        **unit_change(case.deadline_unit, decision.deadline_unit),
        "assigned_on": None,
        "extension_days": 0,
        **({"paused_days": 0} if case.paused_days else {}),  # the next assignment restarts it
    }
    event = update_case(
        uow, case, changes, "transfer", note=reason, expected_version=expected_version
    )
    uow.session.add(decision)
    return Change(case, event)


def _refuse_court(uow: UnitOfWork, case: CaseRow, org_id: str) -> None:
    """A clerk transfers (移送) a case to another mediation body only: a court does not
    mediate it (DOMAIN.md §2: kind `court`, adjudication) and assigns no mediator, so the
    case would wait there for ever while the funnel counts it as adjudicated. A dispute goes
    to the court by its outcome: a court-referred one failed and returned (委派: the return
    letter; 委托: the court goes on to try it, 特邀调解规定 art. 21 (read in LawRefBook: a failed
    委派 case's papers go to the court, para. 1; a failed 委托 case "转入审判程序审理", para. 2;
    art. 20 is the settled 委托 case's 调解书 or 撤诉), DOMAIN.md §4.1), any
    other failed with the parties told they may sue (domain/status.FollowUp). Only the
    rules send a dispute that is not mediable to a court (`--reroute`: special procedures,
    民诉法解释 art. 143), and the funnel counts that as adjudication by design."""
    org = uow.session.get(OrgRow, org_id)
    if org is None or org.kind != OrgKind.COURT.value:
        return
    referred = Source(case.source).court_referred
    follow_up = (FollowUp.RETURNED_TO_COURT if referred else FollowUp.PARTIES_INFORMED).value
    raise ValidationError(
        _(
            "{org} is a court: a case is transferred only to another mediation body. To send "
            "case {id} to the court, record that mediation failed: `mediate outcome {id} "
            "failed --reason … --follow-up {follow_up}` (a mediator must have the case); a "
            "dispute that cannot be mediated goes there by the rules: `mediate case transfer "
            "{id} --reroute --reason …`."
        ).format(org=org.name, id=case.id, follow_up=follow_up)
    )


def _explicit(uow: UnitOfWork, case: CaseRow, to_org: str, reason: str) -> DecisionRow:
    """A decision made by the clerk: the named body, with the time limit the rules in
    effect give this case's source there — its days and unit follow the body, as
    `--reroute`'s do (a medical committee counts 30 working days, 医疗纠纷预防和处理条例
    art. 38; a township centre calendar days; review of 2026-12-03)."""
    from mediate.services.routing import org_from_row, router

    org = uow.session.get(OrgRow, to_org)
    if org is None:
        raise NotFound(_("There is no body {id}.").format(id=to_org))
    if not org.active:
        raise ValidationError(_("{name} is not active.").format(name=org.name))
    try:
        rules = router(uow).rules
    except (ValidationError, ValidationErrors):
        # rules that do not fit the stored network (a body of theirs missing) name no
        # limit: the case keeps its own, as a transfer did before the unit followed the body
        days, unit = case.deadline_days or 30, case.deadline_unit
    else:
        days, unit = rules.limit_for(org_from_row(org), case.source, case.procedure)
    return DecisionRow(
        case_id=case.id,  # type: ignore[arg-type]
        org_id=org.id,
        rule="transfer",
        path=["transfer"],
        deadline_days=days,
        deadline_unit=stored_unit(unit),
        rules_version=MANUAL_RULES,
        trace=[{"rule": "transfer", "matched": True, "why": reason}],
        warnings=[],
        decided_by=uow.clerk,
    )


def _reroute(uow: UnitOfWork, case: CaseRow) -> DecisionRow:
    """Where the rules in effect send the case now (with the stored network and loads)."""
    from mediate.services.routing import case_input, decision_row, router

    assert case.id is not None
    return decision_row(case.id, router(uow).explain(case_input(uow.session, case)), uow.clerk)


def extend(
    uow: UnitOfWork,
    case_id: int,
    days: int,
    consent: str,
    calendar: WorkCalendar | None = None,
    expected_version: int | None = None,
) -> Change:
    """Extend the time limit with both parties' consent, within the legal cap."""
    case = load_case(uow, case_id)
    calendar = calendar or WorkCalendar()
    if case.status not in (Status.ASSIGNED, Status.IN_MEDIATION):
        raise ValidationError(
            _("Only a case being mediated can be extended; case {id} is {status}.").format(
                id=case.id, status=status_label(case.status)
            )
        )
    refuse_paused(case)
    if days <= 0:
        raise ValidationError(_("An extension is a positive number of days."), where="--days")
    if not consent.strip():
        raise ValidationError(
            _("An extension needs both parties' consent, recorded with --consent."),
            where="--consent",
        )
    policy = policy_for(case.source, case.procedure, case.deadline_days, case.deadline_unit)
    total = case.extension_days + days
    if policy.max_extension is not None and total > policy.max_extension:
        raise ValidationError(
            _(
                "The law allows at most {cap} extra days for this case ({basis}); "
                "{used} already granted, so at most {left} more."
            ).format(
                cap=policy.max_extension,
                basis=policy.basis,
                used=case.extension_days,
                left=policy.max_extension - case.extension_days,
            ),
            where="--days",
        )
    # the extension in the limit's own unit: a medical case's agreed extension (医疗纠纷预防
    # 和处理条例 art. 38, no cap) counts working days as the 30 do
    deadline = _deadline(case, policy, calendar, extension=total)
    changes = {"extension_days": total, "deadline": deadline}
    event = update_case(
        uow,
        case,
        changes,
        "extend",
        note=consent,
        expected_version=expected_version,
        extra={"days": days},
    )
    return Change(case, event, calendar.warnings())


def _deadline(
    case: CaseRow,
    policy: DeadlinePolicy,
    calendar: WorkCalendar,
    extension: int | None = None,
    paused: int | None = None,
) -> dt.date:
    """The case's deadline counted again from the start of its limit: the days allowed,
    the extension agreed and the days paused (domain/pauses.py), in the limit's unit."""
    start_on = case.assigned_on or case.received_on
    base = case.deadline_days or policy.days
    extension = case.extension_days if extension is None else extension
    paused = case.paused_days if paused is None else paused
    return due_date(start_on, base + extension + paused, calendar, policy.unit)


def pause(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
    expected_version: int | None = None,
    note: str | None = None,
) -> Change:
    """Stop the case's time limit from `on` (default today) for `reason`, where a rule says
    that time does not count (domain/pauses.pause_rule: 鉴定 for a medical dispute at the
    medical mediation committee, 医疗纠纷预防和处理条例 art. 38 "需要鉴定的，鉴定时间不计入调解
    期限"). Meanwhile the case has no deadline, so nothing reads it as due or overdue (case
    list, today, the reports); `resume` gives it back, moved by the paused span."""
    case = load_case(uow, case_id)
    calendar = calendar or WorkCalendar()
    if case.status not in (Status.ASSIGNED, Status.IN_MEDIATION):
        raise ValidationError(
            _("Only a case being mediated can be paused; case {id} is {status}.").format(
                id=case.id, status=status_label(case.status)
            )
        )
    if case.paused_on is not None:
        raise ValidationError(
            _("Case {id} is already paused since {day} ({reason}).").format(
                id=case.id, day=case.paused_on, reason=reason_label(case.pause_reason or "")
            )
        )
    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    try:
        pause_rule(reason, case.source, org.kind if org else None, org.field if org else None)
    except NotPausable as exc:
        raise ValidationError(str(exc), where="--reason") from None
    day = on or today()
    check_day(day, case, "--on")
    _check_reassignment_day(day, case)  # the limit runs from the assignment
    last = _last_resumed_on(uow, case)
    if last is not None and day < last:  # a day already left out, or counted again
        raise ValidationError(
            _("{day} is before the last pause ended ({resumed}).").format(day=day, resumed=last),
            where="--on",
        )
    policy = policy_for(case.source, case.procedure, case.deadline_days, case.deadline_unit)
    start_on = case.assigned_on or case.received_on
    allowed = (case.deadline_days or policy.days) + case.extension_days + case.paused_days
    if counted_days(start_on, day, policy.unit, calendar) >= allowed:
        # the limit's last day had come by then: time after it is no time of the limit
        raise ValidationError(
            _(
                "Case {id}'s time limit ended on {deadline}: a pause from {day} leaves none "
                "of it to stop."
            ).format(id=case.id, deadline=case.deadline, day=day),
            where="--on",
        )
    changes = {"paused_on": day, "pause_reason": reason, "deadline": None}
    event = update_case(uow, case, changes, "pause", note=note, expected_version=expected_version)
    return Change(case, event, calendar.warnings())


def _last_resumed_on(uow: UnitOfWork, case: CaseRow) -> dt.date | None:
    """The day the case's last pause ended (its `resume` event), if it had one."""
    event = uow.session.exec(
        select(EventRow)
        .where(EventRow.case_id == case.id, EventRow.action == "resume")
        .order_by(col(EventRow.id).desc())
        .limit(1)
    ).first()
    day = (event.after or {}).get("resumed_on") if event is not None else None
    return dt.date.fromisoformat(day) if day else None


def resume(
    uow: UnitOfWork,
    case_id: int,
    on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
    expected_version: int | None = None,
) -> Change:
    """End the pause on `on` (default today: the day the 鉴定 came back): the days after the
    pause began up to and including `on` do not count, in the limit's own unit (working
    days for a medical dispute's 30 个工作日, by the same work calendar), and the deadline is
    counted again with them added (domain/pauses.py)."""
    case = load_case(uow, case_id)
    calendar = calendar or WorkCalendar()
    if case.paused_on is None:
        raise ValidationError(
            _("Case {id}'s time limit is not paused: there is nothing to resume.").format(
                id=case.id
            )
        )
    day = on or today()
    not_in_future(day, "--on")
    if day < case.paused_on:
        raise ValidationError(
            _("{day} is before the pause began ({paused}).").format(day=day, paused=case.paused_on),
            where="--on",
        )
    policy = policy_for(case.source, case.procedure, case.deadline_days, case.deadline_unit)
    paused = case.paused_days + counted_days(case.paused_on, day, policy.unit, calendar)
    changes = {
        "paused_on": None,
        "pause_reason": None,
        "paused_days": paused,
        "deadline": _deadline(case, policy, calendar, paused=paused),
    }
    event = update_case(
        uow,
        case,
        changes,
        "resume",
        expected_version=expected_version,
        extra={"resumed_on": day},
    )
    return Change(case, event, calendar.warnings())
