"""Closing a case: settled with an agreement, failed with a reason and its follow-up,
or withdrawn (`mediate outcome`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import select

from mediate.domain.confirmation import (
    Path,
    application_deadline,
    arbitration_first,
    closing_path,
    handback_step,
)
from mediate.domain.deadlines import WorkCalendar
from mediate.domain.model import money
from mediate.domain.parties import labour_parties
from mediate.domain.status import (
    FollowUp,
    Status,
    allowed_follow_ups,
    check_transition,
    court_bound,
    follow_up_label,
    follow_ups_for,
)
from mediate.errors import BadOptionValue, ValidationError
from mediate.i18n import _
from mediate.services.casestore import (
    check_day,
    jsonable,
    load_case,
    refuse_paused,
    today,
    update_case,
)
from mediate.store.tables import CaseRow, OrgRow, OutcomeRow, PartyRow
from mediate.store.uow import UnitOfWork

ALIASES = {"success": Status.SETTLED.value}
RESULTS = (Status.SETTLED.value, Status.FAILED.value, Status.WITHDRAWN.value)


@dataclass
class Agreement:
    """The terms of a mediation agreement (人民调解法 art. 29)."""

    terms: str
    amount: Decimal | None = None
    performance: str | None = None  # how and where it is performed
    perform_by: dt.date | None = None
    effective_on: dt.date | None = None  # signed and sealed; default: the day decided


@dataclass
class OutcomeResult:
    case: CaseRow
    outcome: OutcomeRow
    follow_ups: list[str] = field(default_factory=list)
    apply_by: dt.date | None = None  # for a settled case: the last day to apply to court
    warnings: list[str] = field(default_factory=list)
    next_step: str | None = None  # what goes back to the court (委托, failed 委派)

    def as_json(self) -> dict[str, Any]:
        o = self.outcome
        return {
            "case": self.case.id,
            "status": self.case.status,
            "result": o.result,
            "decided_on": jsonable(o.decided_on),
            "terms": o.terms,
            "amount": jsonable(o.amount),
            "performance": o.performance,
            "perform_by": jsonable(o.perform_by),
            "effective_on": jsonable(o.effective_on),
            "reason": o.reason,
            "positions": o.positions,
            "follow_ups": list(self.follow_ups),
            "confirmation_apply_by": jsonable(self.apply_by),
            "next_step": self.next_step,
            "version": self.case.version,
        }


def normalise_result(result: str) -> str:
    value = ALIASES.get(result.strip().lower(), result.strip().lower())
    if value not in RESULTS:
        raise ValidationError(
            _(
                "Unknown outcome {result!r}; expected settled (or success), failed or withdrawn."
            ).format(result=result)
        )
    return value


def record_outcome(
    uow: UnitOfWork,
    case_id: int,
    result: str,
    decided_on: dt.date | None = None,
    agreement: Agreement | None = None,
    reason: str | None = None,
    follow_ups: list[str] | None = None,
    calendar: WorkCalendar | None = None,
    expected_version: int | None = None,
    positions: str | None = None,
) -> OutcomeResult:
    """Close the case with its outcome: an OutcomeRow, the new status, `closed_on`, and the
    audit events (one for the outcome, one per follow-up of a failure). `positions` (a
    failure): each party's position, for the report that goes back to a court."""
    value = normalise_result(result)
    case = load_case(uow, case_id)
    check_transition(case.status, value, case.id)
    refuse_paused(case)
    day = decided_on or today()
    check_day(day, case, "--on")
    calendar = calendar or WorkCalendar()
    row = OutcomeRow(
        case_id=case_id,
        result=value,
        decided_on=day,
        recorded_by=uow.clerk,
        reason=reason,
        positions=(positions or "").strip() or None,
    )
    chosen: list[str] = []
    apply_by = None
    path = closing_path(case.source, case.court_case_no, value == Status.SETTLED)
    if value == Status.SETTLED:
        _fill_agreement(row, agreement, case)
        assert row.effective_on is not None
        if path is not Path.COURT_CLOSES:  # 委托: the court closes it, no confirmation
            apply_by = application_deadline(row.effective_on, calendar)
    elif value == Status.FAILED:
        if not (reason or "").strip():
            raise ValidationError(_("Say why mediation failed (--reason)."), where="--reason")
        chosen = _follow_ups(uow, case, follow_ups)
        # The row keeps one (what reports count): the return to court when it is among them
        # (the 70/20/10 funnel counts the case as adjudication, seed item 17), else the
        # first; every follow-up is an audit event of its own. A credit report is never one
        # of them: `mediate credit report` decides it.
        returned = FollowUp.RETURNED_TO_COURT.value
        row.follow_up = returned if returned in chosen else chosen[0]
    # The versioned update comes first: a clerk who lost the race gets the conflict,
    # not a duplicate-outcome error.
    update_case(
        uow,
        case,
        {"status": value, "closed_on": day},
        "outcome",
        note=reason,
        expected_version=expected_version,
        extra={"result": value, "follow_ups": chosen, "confirmation_apply_by": apply_by},
    )
    uow.session.add(row)
    for item in chosen:
        uow.record("follow_up", case.id, None, _follow_up_record(uow, case, item))
    step = (
        handback_step(path, case.id or 0, _arbitration_first(uow, case), value == Status.SETTLED)
        if value != Status.WITHDRAWN
        else None
    )
    return OutcomeResult(case, row, chosen, apply_by, calendar.warnings(), step)


def _arbitration_first(uow: UnitOfWork, case: CaseRow) -> bool:
    """A labour or personnel dispute: after a failed referral, arbitration comes before any
    suit (劳动争议调解仲裁法 arts. 5, 50; domain.confirmation.arbitration_first) — by the cause
    and the parties (art. 2: a worker against an employer, `domain.parties.labour_parties`),
    not by the field of the body that mediated."""
    from mediate.services.confirmation import cause_groups, papers_cause

    parties = uow.session.exec(select(PartyRow).where(PartyRow.case_id == case.id)).all()
    employer = labour_parties(parties)
    cause = papers_cause(uow, case)
    groups = cause_groups(uow, cause)
    return arbitration_first(cause, groups, employer, case.claim or "", case.facts or "")


def _fill_agreement(row: OutcomeRow, agreement: Agreement | None, case: CaseRow) -> None:
    if agreement is None or not agreement.terms.strip():
        raise ValidationError(
            _("A settlement needs the agreement's terms (--terms)."), where="--terms"
        )
    if agreement.amount is not None and agreement.amount < 0:
        raise ValidationError(_("The amount cannot be negative."), where="--amount")
    effective = agreement.effective_on or row.decided_on
    check_day(effective, case, "--effective-on")
    if effective < row.decided_on:
        # 人民调解法 (2010) art. 29 (LawRefBook/Laws, 诉讼与非诉讼程序法/人民调解法(2010-08-28).md):
        # the agreement takes effect the day the parties and the mediator have signed and
        # the committee has sealed it, never before it was reached. The papers say it was
        # reached on --on (达成) and took effect on --effective-on (生效).
        raise BadOptionValue(
            "--effective-on",
            _(
                "The agreement cannot take effect on {effective}, before it was reached "
                "({on}): give the day it was reached with --on."
            ).format(effective=effective, on=row.decided_on),
        )
    if agreement.perform_by is not None and agreement.perform_by < effective:
        raise ValidationError(
            _("The agreement cannot be performed by {by}, before it took effect ({on}).").format(
                by=agreement.perform_by, on=effective
            ),
            where="--perform-by",
        )
    row.terms = agreement.terms.strip()
    row.amount = money(agreement.amount) if agreement.amount is not None else None
    row.performance = (agreement.performance or "").strip() or None
    row.perform_by = agreement.perform_by
    row.effective_on = effective


def _follow_ups(uow: UnitOfWork, case: CaseRow, given: list[str] | None) -> list[str]:
    """The follow-ups of a failure: the default by the body and the source, or those the
    clerk chose; one this case cannot have is a usage error (exit 2) naming those it can."""
    from mediate.errors import BadOptionValue

    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    field = org.field if org else None
    if not given:
        return [f.value for f in follow_ups_for(org.kind if org else None, case.source, field)]
    bound = court_bound(org.kind if org else None, case.source, case.referring_court)
    applying = [f for f in allowed_follow_ups(field) if bound or f != FollowUp.RETURNED_TO_COURT]
    for item in given:
        if item in applying:
            continue
        if item == FollowUp.CREDIT_REPORT:
            why = _(
                "A credit report is its own decision, with its legal basis: after the "
                "outcome, run: mediate credit report {id} --basis …"
            ).format(id=case.id)
        elif item == FollowUp.RETURNED_TO_COURT and item in allowed_follow_ups(field):
            from mediate.domain.model import Source

            why = _(
                "Case {id} came to mediation as {source}, not referred by a court: there "
                "is no court to return it to."
            ).format(id=case.id, source=Source(case.source).label)
        else:
            why = _("Case {id} cannot have the follow-up {item}.").format(
                id=case.id, item=follow_up_label(item)
            )
        raise BadOptionValue(
            "--follow-up",
            _("{why} Follow-ups that apply: {labels}.").format(
                why=why,
                labels=_(", ").join(
                    _("{label} ({code})").format(label=follow_up_label(f), code=f.value)
                    for f in applying
                ),
            ),
        )
    return list(dict.fromkeys(given))


def _follow_up_record(uow: UnitOfWork, case: CaseRow, item: str) -> dict[str, Any]:
    record: dict[str, Any] = {"follow_up": item}
    if item == FollowUp.RETURNED_TO_COURT:
        from mediate.services.courts import for_papers

        record["court"] = for_papers(uow, case.referring_court)
        record["court_case_no"] = case.court_case_no
    return record
