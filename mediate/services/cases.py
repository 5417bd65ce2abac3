"""Finding and reading cases: `case list` (filters, paging), `case show`, `case history`.

Only what the acting clerk may see (services/access.py). Identity numbers and phones are
masked unless the clerk asks to reveal them, and revealing is itself an audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, union_all
from sqlmodel import col, select

from mediate.domain.model import mask_id, mask_phone
from mediate.domain.status import OPEN_STATUSES
from mediate.errors import NotFound
from mediate.i18n import _
from mediate.services.access import require_case_access, restrict_cases
from mediate.store.tables import CaseRow, DecisionRow, EventRow, OrgRow, PartyRow
from mediate.store.uow import UnitOfWork

OPEN = sorted(s.value for s in OPEN_STATUSES)


@dataclass
class CaseFilter:
    status: list[str] = field(default_factory=list)
    org: str | None = None
    county: str | None = None
    source: str | None = None
    cause: str | None = None  # part of the cause's name
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    overdue: bool = False  # deadline before today, still open
    due_within: int | None = None  # deadline within N days from today, still open
    batch: int | None = None
    today: dt.date | None = None


@dataclass
class CasePage:
    total: int
    rows: list[dict[str, Any]]


def list_cases(uow: UnitOfWork, f: CaseFilter, limit: int = 50, offset: int = 0) -> CasePage:
    from mediate.intake.validate import today_in_china

    today = f.today or today_in_china()
    query = select(CaseRow, OrgRow.name).join(
        OrgRow, col(OrgRow.id) == col(CaseRow.org_id), isouter=True
    )
    conditions: list[Any] = []
    if f.status:
        conditions.append(col(CaseRow.status).in_(f.status))
    if f.org:
        conditions.append(col(CaseRow.org_id) == f.org)
    if f.county:
        conditions.append(col(CaseRow.county_code) == f.county)
    if f.source:
        conditions.append(col(CaseRow.source) == f.source)
    if f.cause:
        conditions.append(col(CaseRow.cause).contains(f.cause, autoescape=True))
    if f.received_from:
        conditions.append(col(CaseRow.received_on) >= f.received_from)
    if f.received_to:
        conditions.append(col(CaseRow.received_on) <= f.received_to)
    if f.batch is not None:
        conditions.append(col(CaseRow.import_batch_id) == f.batch)
    if f.overdue or f.due_within is not None:
        conditions.append(col(CaseRow.status).in_(OPEN))
    if f.overdue:
        conditions.append(col(CaseRow.deadline) < today)
    if f.due_within is not None:
        conditions.append(col(CaseRow.deadline) >= today)
        conditions.append(col(CaseRow.deadline) <= today + dt.timedelta(days=f.due_within))
    query = restrict_cases(uow, query.where(*conditions))
    count_query = restrict_cases(uow, select(func.count()).select_from(CaseRow).where(*conditions))
    total = uow.session.exec(count_query).one()
    found: Sequence[tuple[CaseRow, str | None]]
    if f.overdue:  # the most overdue first, the page read off ix_case_status_deadline
        found = _overdue_page(uow, conditions, limit, offset)
    else:
        found = uow.session.exec(query.order_by(col(CaseRow.id)).limit(limit).offset(offset)).all()
    names = _party_names(uow, [c.id for c, _ in found if c.id is not None])
    rows = [
        _list_row(case, org_name, names.get(case.id or 0, {}), today) for case, org_name in found
    ]
    return CasePage(total=int(total), rows=rows)


def _party_names(uow: UnitOfWork, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    if not ids:
        return {}
    result: dict[int, dict[str, list[str]]] = {}
    query = (
        select(PartyRow.case_id, PartyRow.role, PartyRow.name)
        .where(col(PartyRow.case_id).in_(ids))
        .order_by(col(PartyRow.case_id), col(PartyRow.position))
    )
    for case_id, role, name in uow.session.exec(query):
        result.setdefault(case_id, {}).setdefault(role, []).append(name)
    return result


def _overdue_page(
    uow: UnitOfWork, conditions: list[Any], limit: int, offset: int
) -> list[tuple[CaseRow, str | None]]:
    """One page of overdue cases, earliest deadline first (then id), without sorting them
    all: for each open status, the first `offset + limit` matches in the order of the
    index on (status, deadline) (SQLite keeps the row id in it; PostgreSQL sorts only
    that many), then those few merged, paged and read in full. The total is counted apart.
    """
    depth = offset + limit
    firsts = []
    for status in OPEN:
        first = restrict_cases(
            uow,
            select(col(CaseRow.id).label("id"), col(CaseRow.deadline).label("deadline"))
            .where(*conditions, col(CaseRow.status) == status)
            .order_by(col(CaseRow.deadline), col(CaseRow.id))
            .limit(depth),
        ).subquery()
        firsts.append(select(first.c.id, first.c.deadline))
    merged = union_all(*firsts).subquery()
    page = select(merged.c.id).order_by(merged.c.deadline, merged.c.id).limit(limit).offset(offset)
    ids = [int(i) for i in uow.session.exec(page).all()]
    if not ids:
        return []
    query = select(CaseRow, OrgRow.name).join(
        OrgRow, col(OrgRow.id) == col(CaseRow.org_id), isouter=True
    )
    by_id = {c.id: (c, name) for c, name in uow.session.exec(query.where(col(CaseRow.id).in_(ids)))}
    return [by_id[i] for i in ids]


def _list_row(
    case: CaseRow, org_name: str | None, names: dict[str, list[str]], today: dt.date
) -> dict[str, Any]:
    overdue = case.deadline is not None and case.deadline < today and case.status in OPEN
    return {
        "id": case.id,
        "court_case_no": case.court_case_no,
        "cause": case.cause,
        "amount": _money(case.amount),
        "source": case.source,
        "received_on": case.received_on.isoformat(),
        "status": case.status,
        "org_id": case.org_id,
        "org": org_name,
        "county_code": case.county_code,
        "deadline": case.deadline.isoformat() if case.deadline else None,
        "overdue": overdue,
        "applicants": names.get("applicant", []),
        "respondents": names.get("respondent", []),
    }


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _case(uow: UnitOfWork, case_id: int) -> CaseRow:
    case = uow.session.get(CaseRow, case_id)
    if case is None:
        raise NotFound(_("No case with id {id}.").format(id=case_id))
    require_case_access(uow, case)
    return case


def show_case(uow: UnitOfWork, case_id: int, reveal: bool = False) -> dict[str, Any]:
    """A case with its parties and current routing decision. `reveal` is recorded."""
    case = _case(uow, case_id)
    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    parties = uow.session.exec(
        select(PartyRow).where(PartyRow.case_id == case_id).order_by(col(PartyRow.position))
    ).all()
    decision = uow.session.exec(
        select(DecisionRow)
        .where(DecisionRow.case_id == case_id)
        .order_by(col(DecisionRow.id).desc())
        .limit(1)
    ).first()
    if reveal:
        uow.record(
            "revealed",
            case_id,
            note=_("identity numbers and phones shown in full"),
        )
    return {
        "id": case.id,
        "court_case_no": case.court_case_no,
        "cause": case.cause,
        "amount": _money(case.amount),
        "source": case.source,
        "procedure": case.procedure,
        "referring_court": case.referring_court,
        "received_on": case.received_on.isoformat(),
        "location": case.location,
        "subject_matter_location": case.subject_matter_location,
        "county_code": case.county_code,
        "tags": list(case.tags or []),
        "facts": case.facts,
        "claim": case.claim,
        "status": case.status,
        "org": {"id": org.id, "name": org.name, "kind": org.kind} if org else None,
        "deadline_days": case.deadline_days,
        "deadline": case.deadline.isoformat() if case.deadline else None,
        "version": case.version,
        "created_by": case.created_by,
        "created_at": case.created_at.isoformat(),
        "parties": [_party(p, reveal) for p in parties],
        "decision": _decision(decision),
    }


def _party(p: PartyRow, reveal: bool) -> dict[str, Any]:
    return {
        "role": p.role,
        "kind": p.kind,
        "name": p.name,
        "id_number": p.id_number if reveal else mask_id(p.id_number) or None,
        "sex": p.sex,
        "birth_date": p.birth_date.isoformat() if p.birth_date else None,
        "ethnicity": p.ethnicity,
        "address": p.address,
        "phone": p.phone if reveal else mask_phone(p.phone) or None,
        "email": p.email,
        "service_address": p.service_address,
        "backup_address": p.backup_address,
        "legal_rep": p.legal_rep,
        "legal_rep_title": p.legal_rep_title,
        "industry": p.industry,
        "guardian": p.guardian,
        "guardian_relation": p.guardian_relation,
        "guardian_id_number": (
            p.guardian_id_number if reveal else mask_id(p.guardian_id_number) or None
        ),
    }


def _decision(d: DecisionRow | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "org_id": d.org_id,
        "rule": d.rule,
        "path": list(d.path or []),
        "deadline_days": d.deadline_days,
        "rules_version": d.rules_version,
        "warnings": list(d.warnings or []),
        "decided_by": d.decided_by,
        "decided_at": d.decided_at.isoformat(),
    }


def case_history(uow: UnitOfWork, case_id: int) -> list[dict[str, Any]]:
    """The audit trail of a case, oldest first: who, when, what, before/after."""
    _case(uow, case_id)
    events = uow.session.exec(
        select(EventRow).where(EventRow.case_id == case_id).order_by(col(EventRow.id))
    ).all()
    return [
        {
            "at": e.at.isoformat(),
            "clerk": e.clerk,
            "org_id": e.org_id,
            "action": e.action,
            "before": e.before,
            "after": e.after,
            "note": e.note,
        }
        for e in events
    ]


def cause_names(uow: UnitOfWork) -> list[str]:
    """The 案由 names the clerk can pick from (the taxonomy loaded at init), for completion."""
    from mediate.store.tables import CauseRow

    names = uow.session.exec(select(CauseRow.name).distinct()).all()
    return sorted(set(names))
