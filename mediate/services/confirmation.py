"""Judicial confirmation of a settled case (司法确认): which court, by when, what a court
will refuse, and what the court ruled.

For other areas (documents): `competent_courts(uow, case_id)` gives the courts the parties
may apply to (CPL art. 205), best first, with the grounds of each; after
`request_confirmation` the chosen court is `ConfirmationRow.court` and the deadline
`ConfirmationRow.apply_by`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from mediate.domain.confirmation import (
    INTERMEDIATE_THRESHOLD,
    AgreementFacts,
    ConfirmationWarning,
    CourtChoice,
    Place,
    VenueFacts,
    application_deadline,
    county_of_text,
)
from mediate.domain.confirmation import (
    competent_courts as _competent_courts,
)
from mediate.domain.deadlines import WorkCalendar
from mediate.domain.status import ConfirmationStatus, Status, check_confirmation
from mediate.errors import TransitionError, ValidationError
from mediate.i18n import _
from mediate.services.casestore import conflict, jsonable, load_case, today
from mediate.store.tables import CaseRow, ConfirmationRow, OrgRow, OutcomeRow, PartyRow
from mediate.store.types import utcnow
from mediate.store.uow import UnitOfWork

_PARTY_ROLES = ("applicant", "respondent")
COURT_CASE_NO = re.compile(r"^[(（]\d{4}[)）][\u4e00-\u9fff]\d{2,4}[\u4e00-\u9fff]{1,6}\d{1,7}号$")
"""A court case number (案号), e.g. (2026)豫0802民特123号."""


def competent_courts(
    uow: UnitOfWork, case_id: int, threshold: Decimal | None = INTERMEDIATE_THRESHOLD
) -> CourtChoice:
    """The courts competent to confirm the case's agreement (CPL art. 205), best first:
    the referring court alone if a court referred it; else the basic courts of the parties'
    domiciles, of the subject matter and of the body (or the intermediate court when the
    amount reaches `threshold`). `CourtChoice.names` lists them; `.unplaced` says what
    could not be placed in a Jiaozuo county."""
    return _choice(uow, load_case(uow, case_id, change=False), threshold)


def _choice(uow: UnitOfWork, case: CaseRow, threshold: Decimal | None) -> CourtChoice:
    choice = _competent_courts(venue_facts(uow, case), _court_namer(uow), threshold)
    if case.source in ("court_delegated", "court_entrusted") and not case.referring_court:
        choice.unplaced.insert(
            0,
            _(
                "a court referred this case but the referring court is not recorded: "
                "it alone would be competent"
            ),
        )
    return choice


def venue_facts(uow: UnitOfWork, case: CaseRow) -> VenueFacts:
    parties = uow.session.exec(
        select(PartyRow).where(PartyRow.case_id == case.id).order_by(col(PartyRow.position))
    ).all()
    domiciles = tuple(Place(p.name, _party_county(p)) for p in parties if p.role in _PARTY_ROLES)
    subject = case.county_code if case.county_code else county_of_text(case.location)
    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    body = body_court = None
    if org is not None:
        code = org.division_code[:6]
        county = code if county_of_text(code) else county_of_text(org.address)
        body = Place(org.name, county)
        court = uow.session.get(OrgRow, org.court_id) if org.court_id else None
        if court is not None and court.level == "county":
            body_court = court.name
    return VenueFacts(
        referring_court=case.referring_court or None,
        domiciles=domiciles,
        subject_matter=Place("标的物/纠纷发生地", subject) if (subject or case.location) else None,
        body=body,
        body_court=body_court,
        amount=case.amount,
    )


def _party_county(party: PartyRow) -> str | None:
    for text in (party.address, party.service_address):
        county = county_of_text(text)
        if county:
            return county
    # An entity's credit code carries its registration authority's division (chars 3-8);
    # a person's ID number only says where the ID was issued, never the domicile.
    if party.kind != "person" and party.id_number and len(party.id_number) == 18:
        return county_of_text(party.id_number[2:8])
    return None


def _court_namer(uow: UnitOfWork) -> Any:
    """County code -> its basic court: the network's courts, else the built-in list."""
    from mediate.domain.confirmation import BASIC_COURTS

    stored = {
        row.division_code[:6]: row.name
        for row in uow.session.exec(
            select(OrgRow).where(
                OrgRow.kind == "court", OrgRow.level == "county", col(OrgRow.active).is_(True)
            )
        ).all()
    }

    def name(county: str) -> str | None:
        return stored.get(county) or BASIC_COURTS.get(county)

    return name


@dataclass
class ConfirmationPlan:
    """Everything the clerk should see before an application is produced."""

    case_id: int
    choice: CourtChoice
    court: str | None
    effective_on: dt.date
    apply_by: dt.date
    warnings: list[ConfirmationWarning] = field(default_factory=list)
    calendar_warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "court": self.court,
            "competent": self.choice.as_json(),
            "effective_on": self.effective_on.isoformat(),
            "apply_by": self.apply_by.isoformat(),
            "warnings": [w.as_json() for w in self.warnings],
        }


def _settled_outcome(uow: UnitOfWork, case: CaseRow) -> OutcomeRow:
    if case.status != Status.SETTLED:
        raise TransitionError(
            _(
                "Case {id} is {status}: only a settled case (with a mediation agreement) "
                "can go to judicial confirmation."
            ).format(id=case.id, status=case.status)
        )
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case.id)).first()
    if outcome is None or outcome.effective_on is None:
        raise ValidationError(
            _("Case {id} has no agreement with the date it took effect.").format(id=case.id)
        )
    return outcome


def plan_confirmation(
    uow: UnitOfWork,
    case_id: int,
    court: str | None = None,
    threshold: Decimal | None = INTERMEDIATE_THRESHOLD,
    calendar: WorkCalendar | None = None,
    on: dt.date | None = None,
) -> ConfirmationPlan:
    """The competent courts, the chosen one (a name, or a candidate's number from 1), the
    deadline and the art. 355 warnings — nothing is written."""
    case = load_case(uow, case_id, change=False)
    outcome = _settled_outcome(uow, case)
    assert outcome.effective_on is not None
    calendar = calendar or WorkCalendar()
    choice = _choice(uow, case, threshold)
    chosen = _choose(choice, court)
    apply_by = application_deadline(outcome.effective_on, calendar)
    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    warnings = _not_accepted(case, outcome, org, chosen, choice, apply_by, on or today())
    return ConfirmationPlan(
        case_id, choice, chosen, outcome.effective_on, apply_by, warnings, calendar.warnings()
    )


def _not_accepted(
    case: CaseRow,
    outcome: OutcomeRow,
    org: OrgRow | None,
    chosen: str | None,
    choice: CourtChoice,
    apply_by: dt.date,
    on: dt.date,
) -> list[ConfirmationWarning]:
    from mediate.domain.confirmation import not_accepted_warnings

    return not_accepted_warnings(
        AgreementFacts(
            cause=case.cause,
            terms=outcome.terms or "",
            tags=tuple(case.tags or ()),
            org_kind=org.kind if org else None,
            court=chosen,
            competent=tuple(choice.names),
            effective_on=outcome.effective_on,
            apply_by=apply_by,
            today=on,
        )
    )


def _choose(choice: CourtChoice, court: str | None) -> str | None:
    if court is None:
        return choice.names[0] if len(choice.names) == 1 else None
    text = court.strip()
    if text.isdigit():
        number = int(text)
        if not 1 <= number <= len(choice.names):
            raise ValidationError(
                _("There is no candidate court {n}; choose 1 to {count}.").format(
                    n=number, count=len(choice.names)
                ),
                where="--court",
            )
        return choice.names[number - 1]
    return text


def request_confirmation(
    uow: UnitOfWork,
    case_id: int,
    court: str | None = None,
    accept_warnings: bool = False,
    threshold: Decimal | None = INTERMEDIATE_THRESHOLD,
    calendar: WorkCalendar | None = None,
    on: dt.date | None = None,
) -> tuple[ConfirmationPlan, ConfirmationRow]:
    """Draft the application: record the court and the deadline (ConfirmationRow, status
    drafted). Refused while a court is not chosen, or while art. 355 warnings stand and
    the clerk has not accepted them."""
    plan = plan_confirmation(uow, case_id, court, threshold, calendar, on)
    if plan.court is None:
        listing = "; ".join(f"{i}. {name}" for i, name in enumerate(plan.choice.names, 1))
        raise ValidationError(
            _("Choose the court with --court (a name or a number): {candidates}").format(
                candidates=listing or _("no competent court was found; name one")
            ),
            where="--court",
        )
    if plan.warnings and not accept_warnings:
        raise ValidationError(
            _(
                "The court may not accept this application:\n{warnings}\nPass "
                "--accept-warnings to draft it anyway."
            ).format(warnings="\n".join(f"- {w.message}" for w in plan.warnings))
        )
    case = load_case(uow, case_id)
    codes = [w.code for w in plan.warnings]
    existing = _confirmation(uow, case_id)
    values: dict[str, Any] = {
        "court": plan.court,
        "apply_by": plan.apply_by,
        "warnings": codes,
        "status": ConfirmationStatus.DRAFTED.value,
    }
    if existing is None:
        row = ConfirmationRow(case_id=case_id, **values)
        uow.session.add(row)
        uow.session.flush()
        before = None
    else:
        check_confirmation(existing.status, ConfirmationStatus.DRAFTED, case_id)
        before = {k: jsonable(getattr(existing, k)) for k in values}
        _update_confirmation(uow, existing, values)
        row = existing
    uow.record(
        "confirm_request",
        case.id,
        before,
        {k: jsonable(v) for k, v in values.items()},
        note=_("warnings accepted by the clerk") if codes else None,
    )
    return plan, row


def _confirmation(uow: UnitOfWork, case_id: int) -> ConfirmationRow | None:
    return uow.session.exec(
        select(ConfirmationRow).where(ConfirmationRow.case_id == case_id)
    ).first()


def _update_confirmation(uow: UnitOfWork, row: ConfirmationRow, changes: dict[str, Any]) -> None:
    values = {**changes, "version": row.version + 1, "updated_at": utcnow()}
    result = uow.session.execute(
        update(ConfirmationRow)
        .where(col(ConfirmationRow.id) == row.id, col(ConfirmationRow.version) == row.version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict(uow, row.case_id)
    for key, value in values.items():
        set_committed_value(row, key, value)


RESULTS = (
    ConfirmationStatus.FILED,
    ConfirmationStatus.CONFIRMED,
    ConfirmationStatus.DISMISSED,
    ConfirmationStatus.NOT_ACCEPTED,
)


def record_result(
    uow: UnitOfWork,
    case_id: int,
    result: str,
    on: dt.date | None = None,
    court_case_no: str | None = None,
    note: str | None = None,
) -> ConfirmationRow:
    """Record what happened at court: the application filed, or the court's ruling
    (confirmed | dismissed | not_accepted) with its case number and date."""
    load_case(uow, case_id)
    row = _confirmation(uow, case_id)
    if row is None:
        raise TransitionError(
            _(
                "Case {id} has no application for confirmation yet: run "
                "`mediate confirm request {id}` first."
            ).format(id=case_id)
        )
    if result not in {r.value for r in RESULTS}:
        raise ValidationError(
            _("Unknown result {result!r}; expected one of: {known}.").format(
                result=result, known=", ".join(r.value for r in RESULTS)
            )
        )
    target = check_confirmation(row.status, result, case_id)
    day = on or today()
    if day > today():
        raise ValidationError(_("{day} is in the future.").format(day=day), where="--on")
    number = (court_case_no or "").strip() or None
    if number is not None and not COURT_CASE_NO.match(number):
        raise ValidationError(
            _("{number!r} is not a court case number such as (2026)豫0802民特123号.").format(
                number=number
            ),
            where="--case-no",
        )
    if target in (ConfirmationStatus.CONFIRMED, ConfirmationStatus.DISMISSED) and not (
        number or row.court_case_no
    ):
        raise ValidationError(
            _("A ruling needs the court's case number (--case-no)."), where="--case-no"
        )
    changes: dict[str, Any] = {"status": target.value}
    if target is ConfirmationStatus.FILED:
        changes["filed_on"] = day
    else:
        changes["decided_on"] = day
    if number is not None:
        changes["court_case_no"] = number
    if note:
        changes["note"] = note
    before = {k: jsonable(getattr(row, k)) for k in changes}
    _update_confirmation(uow, row, changes)
    uow.record(
        "confirm_" + target.value,
        case_id,
        before,
        {k: jsonable(v) for k, v in changes.items()},
        note=note,
    )
    return row
