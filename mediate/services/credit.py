"""`mediate credit report ID --basis …`: report an enterprise's dishonest conduct to the
credit agencies — one explicit, audited decision (seed item 18; mediate/domain/credit.py).

This is the only way a case is reported. Anything else that wants a report (a confirmation
workflow, a batch) calls `report_credit` too.

The decision is stored as what it is: its own `credit_report` audit event (basis,
enterprises, date), beside the failure's follow-ups, not in the outcome row. A failed case
can have several follow-ups (returned to the court, parties informed, then reported); the
outcome row's `follow_up` keeps the one the failure decided (what the 70/20/10 funnel
counts: a return to court is adjudication, seed item 17), whatever is decided later. The
credit export and the credit notice ask `reported` / `reported_sql`. Before 2026-12-03 the
report overwrote the outcome row's follow-up with `credit_report`; migration 0023 gave those
rows their follow-up back where the decision's event exists, and a row still marked so
(no event tells what it was) counts as reported too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, exists, or_
from sqlmodel import col, select

from mediate.domain.credit import credit_subjects, is_debt_dispute
from mediate.domain.model import OrgKind
from mediate.domain.status import FollowUp, Status
from mediate.errors import TransitionError, ValidationError
from mediate.i18n import _
from mediate.services.casestore import jsonable, load_case, today, update_case
from mediate.store.tables import CaseRow, EventRow, OrgRow, OutcomeRow, PartyRow
from mediate.store.uow import UnitOfWork

REPORTED = "credit_report"
"""The action of the decision's audit event (its `after`: basis, enterprises, reported_on)."""
_EVENTS: Table = EventRow.__table__  # type: ignore[attr-defined]


def reported_sql(case_id: Any, follow_up: Any) -> ColumnElement[bool]:
    """SQL: the case was reported to the credit agencies — its decision's event exists (an
    index seek on events.case_id), or its outcome row says so (rows written before the
    decision had its own place). `case_id`, `follow_up`: the columns of the query."""
    e = _EVENTS.c
    legacy = follow_up == FollowUp.CREDIT_REPORT.value
    return or_(legacy, exists().where(e.case_id == case_id, e.action == REPORTED))


def reported(uow: UnitOfWork, case_id: int, outcome: OutcomeRow | None = None) -> bool:
    """Whether this case was reported to the credit agencies (see `reported_sql`);
    `outcome`: its outcome row when the caller has it."""
    if outcome is None:
        outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case_id)).first()
    if outcome is not None and outcome.follow_up == FollowUp.CREDIT_REPORT.value:
        return True
    query = select(EventRow.id).where(EventRow.case_id == case_id, EventRow.action == REPORTED)
    return uow.session.exec(query.limit(1)).first() is not None


@dataclass
class CreditReport:
    case_id: int
    enterprises: list[str]
    basis: str
    reported_on: dt.date
    version: int

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "follow_up": FollowUp.CREDIT_REPORT.value,
            "enterprises": list(self.enterprises),
            "basis": self.basis,
            "reported_on": jsonable(self.reported_on),
            "version": self.version,
        }


def report_credit(
    uow: UnitOfWork,
    case_id: int,
    basis: str,
    *,
    on: dt.date | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> CreditReport:
    """Record that the enterprise respondents of a failed credit-committee debt case are
    reported to the credit agencies, with the legal basis the clerk gives; the audit event
    names the clerk, the basis and the enterprises. Refused (ValidationError or
    TransitionError, nothing written) unless every condition of mediate/domain/credit.py holds.
    """
    case = load_case(uow, case_id)
    outcome = _failed_outcome(uow, case)
    enterprises = _reportable(uow, case)
    text = (basis or "").strip()
    if not text:
        raise ValidationError(
            _("Give the legal basis of the report (--basis), e.g. 《征信业管理条例》第四十四条."),
            where="--basis",
        )
    day = on or today()
    if day < outcome.decided_on or day > today():
        raise ValidationError(
            _("The report date {day} must be between the failure ({failed}) and today.").format(
                day=day, failed=outcome.decided_on
            ),
            where="--on",
        )
    # The decision is its event; the outcome row keeps the failure's follow-up (a return to
    # court stays adjudication in the funnel, seed items 17 and 18).
    update_case(
        uow,
        case,
        {},
        REPORTED,
        note=note,
        expected_version=expected_version,
        extra={"basis": text, "enterprises": enterprises, "reported_on": day},
    )
    assert case.id is not None
    return CreditReport(case.id, enterprises, text, day, case.version)


def _failed_outcome(uow: UnitOfWork, case: CaseRow) -> OutcomeRow:
    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    if org is None or org.kind != OrgKind.CREDIT_COMMITTEE.value:
        raise TransitionError(
            _(
                "Case {id} is not at the enterprise-credit committee: only 市信调委 reports "
                "dishonest conduct (seed item 18)."
            ).format(id=case.id)
        )
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case.id)).first()
    if case.status != Status.FAILED.value or outcome is None:
        raise TransitionError(
            _("Case {id} has not failed: a credit report follows a failed mediation.").format(
                id=case.id
            )
        )
    assert case.id is not None
    if reported(uow, case.id, outcome):
        raise TransitionError(
            _("Case {id} was already reported to the credit agencies.").format(id=case.id)
        )
    return outcome


def _reportable(uow: UnitOfWork, case: CaseRow) -> list[str]:
    if not is_debt_dispute(list(case.tags or []), case.claim):
        raise ValidationError(
            _(
                "Case {id} is not about a debt: negative credit information is a failure to "
                "pay or perform (征信业管理条例 art. 44). Record the claim (e.g. 支付货款) or tag "
                "debt_evasion, contract_fraud or unpaid_debt first."
            ).format(id=case.id)
        )
    parties = uow.session.exec(
        select(PartyRow).where(PartyRow.case_id == case.id).order_by(col(PartyRow.position))
    ).all()
    numbered = [  # numbered as `case show` numbers them
        {"role": p.role, "kind": p.kind, "name": p.name, "number": number, "row": p}
        for number, p in enumerate(parties, start=1)
    ]
    reported = [(s["number"], s["row"]) for s in credit_subjects(numbered)]
    if not reported:
        raise ValidationError(
            _("Case {id} has no enterprise respondent to report.").format(id=case.id)
        )
    # The enterprise reported must be identified without doubt (征信业管理条例 art. 23: the
    # information must be accurate; 河南省社会信用条例 art. 17): the platform keys on the
    # unified social credit code (docs/credit-export.md), and the credit notice refuses
    # without it (documents/kinds.py), so the report does too.
    unnamed = [(number, p) for number, p in reported if not (p.id_number or "").strip()]
    if unnamed:
        number, party = unnamed[0]
        raise ValidationError(
            _(
                "Case {id}: the respondent {name} has no unified social credit code, and "
                "negative credit information must name the enterprise accurately (征信业管理条例 "
                "art. 23). Record it first: `mediate case edit {id} --party {n} --set "
                "统一社会信用代码=…`."
            ).format(id=case.id, name=party.name, n=number)
        )
    return [p.name for _number, p in reported]
