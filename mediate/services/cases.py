"""Finding and reading cases: `case list` (filters, paging), `case show`, `case history`.

Only what the acting clerk may see (services/access.py). Identity numbers and phones are
masked unless the clerk asks to reveal them, and revealing is itself an audit event.
"""

from __future__ import annotations

import datetime as dt
import re
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
from mediate.store.tables import (
    CaseRow,
    ConfirmationRow,
    DecisionRow,
    DocumentRow,
    EventRow,
    MediatorRow,
    OrgRow,
    OutcomeRow,
    PartyRow,
)
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
    mediator: str | None = None  # a mediator's id, or part of their name
    party: str | None = None  # part of a party's name


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
    if f.mediator:
        conditions.append(_mediator_condition(f.mediator))
    if f.party:
        named = select(PartyRow.case_id).where(
            col(PartyRow.name).contains(f.party.strip(), autoescape=True)
        )
        conditions.append(col(CaseRow.id).in_(named))
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


def _mediator_condition(mediator: str) -> Any:
    text = mediator.strip()
    if text.isdigit():
        return col(CaseRow.mediator_id) == int(text)
    named = select(MediatorRow.id).where(col(MediatorRow.name).contains(text, autoescape=True))
    return col(CaseRow.mediator_id).in_(named)


# ---------------------------------------------------------------- case find

_ID_TAIL = re.compile(r"^[0-9]{3,17}[0-9Xx]$")  # 4 to 18 characters of an ID number
_PHONE = re.compile(r"^[0-9][0-9 -]{3,}$")


@dataclass
class Found:
    case_id: int
    matched: set[str] = field(default_factory=set)  # name | id_number | phone | case_no


def find_cases(
    uow: UnitOfWork, text: str, limit: int = 50, today: dt.date | None = None
) -> CasePage:
    """Cases by a party's name (part of it), an ID number (whole, or its last 4+
    characters), a phone number (part of it) or part of the case number; newest first."""
    from mediate.intake.values import half_width

    query_text = half_width(text.strip())
    if not query_text:
        return CasePage(total=0, rows=[])
    found: dict[int, Found] = {}

    def hit(case_id: int, what: str) -> None:
        found.setdefault(case_id, Found(case_id)).matched.add(what)

    by_party: list[tuple[str, Any]] = [
        ("name", col(PartyRow.name).contains(text.strip(), autoescape=True))
    ]
    if _ID_TAIL.match(query_text):
        by_party.append(("id_number", col(PartyRow.id_number).endswith(query_text.upper())))
    if _PHONE.match(query_text):
        digits = query_text.replace(" ", "").replace("-", "")
        by_party.append(("phone", col(PartyRow.phone).contains(digits)))
    for what, condition in by_party:
        query = restrict_cases(
            uow,
            select(PartyRow.case_id)
            .join(CaseRow, col(CaseRow.id) == col(PartyRow.case_id))
            .where(condition)
            .distinct(),
        )
        for case_id in uow.session.exec(query.limit(limit * 4)).all():
            hit(case_id, what)
    numbers = {query_text, query_text.replace("(", "（").replace(")", "）")}
    for number in numbers:
        numbered = restrict_cases(
            uow,
            select(col(CaseRow.id)).where(
                col(CaseRow.court_case_no).contains(number, autoescape=True)
            ),
        )
        for found_id in uow.session.exec(numbered.limit(limit * 4)).all():
            if found_id is not None:
                hit(found_id, "case_no")
    ids = sorted(found, reverse=True)[:limit]
    rows = _rows_for(uow, ids, today)
    for row in rows:
        row["matched"] = sorted(found[row["id"]].matched)
    return CasePage(total=len(found), rows=rows)


def _rows_for(uow: UnitOfWork, ids: list[int], today: dt.date | None) -> list[dict[str, Any]]:
    from mediate.services.casestore import today as today_in_china

    if not ids:
        return []
    on = today or today_in_china()
    query = (
        select(CaseRow, OrgRow.name)
        .join(OrgRow, col(OrgRow.id) == col(CaseRow.org_id), isouter=True)
        .where(col(CaseRow.id).in_(ids))
    )
    by_id = {case.id: (case, org) for case, org in uow.session.exec(query).all()}
    names = _party_names(uow, ids)
    return [_list_row(by_id[i][0], by_id[i][1], names.get(i, {}), on) for i in ids if i in by_id]


def resolve_case(uow: UnitOfWork, ref: str) -> int:
    """A case named by its id or by its court case number (案号, either bracket width)."""
    from mediate.intake.values import BadValue, parse_case_no

    text = ref.strip()
    if text.isdigit():
        return int(text)
    try:
        number = parse_case_no(text)
    except BadValue as exc:
        raise NotFound(
            _("'{ref}' is neither a case id nor a case number.").format(ref=ref)
        ) from exc
    variants = {number, text} if number else {text}
    for variant in list(variants):
        variants.add(variant.replace("(", "（").replace(")", "）"))
        variants.add(variant.replace("（", "(").replace("）", ")"))
    found = uow.session.exec(
        select(CaseRow.id).where(col(CaseRow.court_case_no).in_(sorted(variants)))
    ).first()
    if found is None:
        raise NotFound(_("No case has the case number {no}.").format(no=number or text))
    return int(found)


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
    mediator = uow.session.get(MediatorRow, case.mediator_id) if case.mediator_id else None
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case_id)).first()
    confirmation = uow.session.exec(
        select(ConfirmationRow).where(ConfirmationRow.case_id == case_id)
    ).first()
    documents = uow.session.exec(
        select(DocumentRow).where(DocumentRow.case_id == case_id).order_by(col(DocumentRow.id))
    ).all()
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
        "assigned_on": _iso(case.assigned_on),
        "extension_days": case.extension_days,
        "closed_on": _iso(case.closed_on),
        "mediator": {"id": mediator.id, "name": mediator.name, "type": mediator.type}
        if mediator
        else None,
        "version": case.version,
        "created_by": case.created_by,
        "created_at": case.created_at.isoformat(),
        "parties": [{"number": n, **_party(p, reveal)} for n, p in enumerate(parties, start=1)],
        "decision": _decision(decision),
        "outcome": _outcome(outcome),
        "confirmation": _confirmation(confirmation, outcome),
        "documents": [
            {
                "kind": d.kind,
                "path": d.path,
                "created_by": d.created_by,
                "created_at": d.created_at.isoformat(),
            }
            for d in documents
        ],
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _outcome(o: OutcomeRow | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "result": o.result,
        "decided_on": _iso(o.decided_on),
        "terms": o.terms,
        "amount": _money(o.amount),
        "performance": o.performance,
        "perform_by": _iso(o.perform_by),
        "effective_on": _iso(o.effective_on),
        "reason": o.reason,
        "follow_up": o.follow_up,
        "recorded_by": o.recorded_by,
    }


def _confirmation(c: ConfirmationRow | None, o: OutcomeRow | None) -> dict[str, Any] | None:
    """The judicial-confirmation track; for a settled case not yet applied, its window."""
    if c is not None:
        return {
            "status": c.status,
            "court": c.court,
            "apply_by": _iso(c.apply_by),
            "filed_on": _iso(c.filed_on),
            "court_case_no": c.court_case_no,
            "decided_on": _iso(c.decided_on),
        }
    if o is not None and o.result == "settled" and o.effective_on is not None:
        from mediate.domain.confirmation import application_deadline

        return {
            "status": None,
            "court": None,
            "apply_by": application_deadline(o.effective_on).isoformat(),
            "filed_on": None,
            "court_case_no": None,
            "decided_on": None,
        }
    return None


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
