"""Moving a case along: assignment, start, transfer, extension — each one audited and
guarded by the case's version (optimistic concurrency).

Every change to a case goes through `update_case`: one `UPDATE … WHERE id = ? AND
version = ?`; no row updated means somebody else changed the case since it was read, and
the clerk gets a ConflictError naming who and when. Each change appends an EventRow with
the fields before and after (the audit trail `case history` shows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from mediate.domain.calendar import parse_holidays
from mediate.domain.deadlines import WorkCalendar, due_date, policy_for
from mediate.domain.status import Status, check_transition
from mediate.errors import ConfigError, ConflictError, NotFound, ValidationError
from mediate.i18n import _
from mediate.store.tables import CaseRow, DecisionRow, EventRow, MediatorRow, OrgRow
from mediate.store.types import utcnow
from mediate.store.uow import UnitOfWork

CHINA = ZoneInfo("Asia/Shanghai")


def today() -> dt.date:
    """Today in China: deadlines and dates of record are local dates."""
    return dt.datetime.now(CHINA).date()


def load_calendar(path: Path | None) -> WorkCalendar:
    """The work calendar: chinese-calendar, plus the local override file if one is set."""
    if path is None:
        return WorkCalendar()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            _("Cannot read the holidays file {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    return parse_holidays(text, str(path))


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def load_case(uow: UnitOfWork, case_id: int, change: bool = True) -> CaseRow:
    """The case, if the acting clerk may see it (and, `change`, change it)."""
    from mediate.services.access import require_case_access

    row = uow.session.get(CaseRow, case_id)
    if row is None:
        raise NotFound(_("There is no case {id}.").format(id=case_id))
    require_case_access(uow, row, change=change)
    return row


def update_case(
    uow: UnitOfWork,
    case: CaseRow,
    changes: dict[str, Any],
    action: str,
    note: str | None = None,
    expected_version: int | None = None,
    extra: dict[str, Any] | None = None,
) -> EventRow:
    """Apply `changes` to the case if nobody changed it since `expected_version` (default:
    the version it was read at), bump the version and append the audit event."""
    assert case.id is not None
    version = case.version if expected_version is None else expected_version
    before = {key: jsonable(getattr(case, key)) for key in changes}
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
            "extension_days": c.extension_days,
            "deadline": jsonable(c.deadline),
            "version": c.version,
            "warnings": list(self.warnings),
        }


def _decision_days(uow: UnitOfWork, case: CaseRow) -> int | None:
    latest = uow.session.exec(
        select(DecisionRow)
        .where(DecisionRow.case_id == case.id)
        .order_by(col(DecisionRow.decided_at).desc(), col(DecisionRow.id).desc())
        .limit(1)
    ).first()
    return latest.deadline_days if latest is not None else case.deadline_days


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
    mediator_id: int | None = None,
    on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
    expected_version: int | None = None,
) -> Change:
    """Give the case to a mediator of its body (explicit, or the least loaded one).

    The first assignment at a body starts the time limit (委派: 30 days from the
    mediator's receipt): the deadline is recomputed from `on` by the source's policy.
    Re-assigning keeps the deadline.
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
    if case.status not in (Status.ASSIGNED, Status.IN_MEDIATION):
        start = on or today()
        policy = policy_for(case.source, case.procedure, _decision_days(uow, case))
        changes.update(
            assigned_on=start,
            deadline_days=policy.days,
            extension_days=0,
            deadline=due_date(start, policy.days, calendar),
        )
    event = update_case(
        uow,
        case,
        changes,
        "assign",
        note=mediator.name,
        expected_version=expected_version,
    )
    return Change(case, event, calendar.warnings(), mediator)


def _pick_mediator(uow: UnitOfWork, case: CaseRow, mediator_id: int | None) -> MediatorRow:
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
    mediator = uow.session.get(MediatorRow, mediator_id)
    if mediator is None:
        raise NotFound(_("There is no mediator {id}.").format(id=mediator_id))
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
    changes = {
        "status": Status.TRANSFERRED.value,
        "org_id": org_id,
        "mediator_id": None,
        "route_rule": decision.rule,
        "deadline_days": decision.deadline_days,
        "assigned_on": None,
        "extension_days": 0,
    }
    event = update_case(
        uow, case, changes, "transfer", note=reason, expected_version=expected_version
    )
    uow.session.add(decision)
    return Change(case, event)


def _explicit(uow: UnitOfWork, case: CaseRow, to_org: str, reason: str) -> DecisionRow:
    """A decision made by the clerk: the named body, the case's current time limit."""
    org = uow.session.get(OrgRow, to_org)
    if org is None:
        raise NotFound(_("There is no body {id}.").format(id=to_org))
    if not org.active:
        raise ValidationError(_("{name} is not active.").format(name=org.name))
    return DecisionRow(
        case_id=case.id,  # type: ignore[arg-type]
        org_id=org.id,
        rule="transfer",
        path=["transfer"],
        deadline_days=case.deadline_days or 30,
        rules_version="manual",
        trace=[{"rule": "transfer", "matched": True, "why": reason}],
        warnings=[],
        decided_by=uow.clerk,
    )


def _reroute(uow: UnitOfWork, case: CaseRow) -> DecisionRow:
    """Where the rules in effect send the case now (with the stored network and loads)."""
    from mediate.services.routing import case_input, router

    decision = router(uow).explain(case_input(uow.session, case))
    return DecisionRow(
        case_id=case.id,  # type: ignore[arg-type]
        org_id=decision.org.id,
        rule=decision.rule,
        path=list(decision.path),
        deadline_days=decision.deadline_days,
        rules_version=decision.rules_version,
        trace=[step.as_json() for step in decision.trace],
        warnings=list(decision.warnings),
        decided_by=uow.clerk,
    )


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
                id=case.id, status=case.status
            )
        )
    if days <= 0:
        raise ValidationError(_("An extension is a positive number of days."), where="--days")
    if not consent.strip():
        raise ValidationError(
            _("An extension needs both parties' consent, recorded with --consent."),
            where="--consent",
        )
    policy = policy_for(case.source, case.procedure, case.deadline_days)
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
    start_on = case.assigned_on or case.received_on
    base = case.deadline_days or policy.days
    changes = {"extension_days": total, "deadline": due_date(start_on, base + total, calendar)}
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


@dataclass
class LifecycleDemo:
    """What `mediate demo` did with the lifecycle: one line per case, for the summary."""

    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def demo_lifecycle(engine: Any, clerk: str, on: dt.date) -> LifecycleDemo:
    """`mediate demo`: three disputes taken in and walked along — a loan settled and
    confirmed by the court, an unpaid-goods case failed at the credit committee (credit
    report), and a court-entrusted finance case transferred, assigned and extended."""
    from mediate.services import confirmation, outcomes

    demo = LifecycleDemo()
    loan, goods, finance = _demo_cases(engine, clerk, on)
    with UnitOfWork(engine, clerk) as uow:
        for case_id in (loan, goods, finance):
            demo_mediators(uow, load_case(uow, case_id).org_id)
        uow.commit()
    with UnitOfWork(engine, clerk) as uow:
        transfer(uow, finance, "当事人申请由法院诉调对接中心调解", to_org=_demo_center(uow))
        demo_mediators(uow, load_case(uow, finance).org_id)
        uow.commit()
    with UnitOfWork(engine, clerk) as uow:
        for case_id in (loan, goods, finance):
            demo.warnings += assign(uow, case_id, on=on).warnings
        start(uow, loan)
        extend(uow, finance, 10, "双方当事人书面同意延长10日")
        settled = outcomes.record_outcome(
            uow,
            loan,
            "settled",
            on,
            outcomes.Agreement(
                terms="王秀英于2027年3月31日前分三期向张建国偿还借款本金52,000.50元，张建国放弃利息。",
                amount=Decimal("52000.50"),
                performance="银行转账至张建国名下账户",
                perform_by=dt.date(on.year + 1, 3, 31),
                effective_on=on,
            ),
        )
        failed = outcomes.record_outcome(
            uow, goods, "failed", on, reason="被申请人经两次通知拒不到场，无法达成协议"
        )
        uow.commit()
    with UnitOfWork(engine, clerk) as uow:
        plan, _row = confirmation.request_confirmation(uow, loan, court="1", on=on)
        confirmation.record_result(uow, loan, "filed", on)
        row = confirmation.record_result(
            uow, loan, "confirmed", on, _demo_case_no(plan.court or "", on), "裁定调解协议有效"
        )
        uow.commit()
        demo.cases = {
            "settled": {
                "case": loan,
                "court": row.court,
                "apply_by": jsonable(settled.apply_by),
                "court_case_no": row.court_case_no,
                "candidates": plan.choice.names,
            },
            "failed": {"case": goods, "follow_ups": failed.follow_ups},
            "extended": _demo_open(uow, finance),
        }
    return demo


def _demo_cases(engine: Any, clerk: str, on: dt.date) -> tuple[int, int, int]:
    from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole, Source
    from mediate.services.intake import register_case

    person, firm = PartyKind.PERSON, PartyKind.ENTERPRISE
    applicant, respondent = PartyRole.APPLICANT, PartyRole.RESPONDENT
    inputs = [
        CaseInput(
            cause="民间借贷纠纷",
            amount=Decimal("52000.50"),
            received_on=on,
            location="410802003",
            facts="2025年3月，王秀英向张建国借款52,000.50元，约定2026年3月归还，到期未还。",
            parties=[
                Party(
                    applicant,
                    person,
                    "张建国",
                    "410802198503151239",
                    "男",
                    dt.date(1985, 3, 15),
                    "汉族",
                    "个体工商户",
                    "河南省焦作市解放区民主南路12号",
                    "13803910001",
                ),
                Party(
                    respondent,
                    person,
                    "王秀英",
                    "410821197806202542",
                    "女",
                    dt.date(1978, 6, 20),
                    "汉族",
                    "农民",
                    "河南省修武县城关镇东关村3号",
                    "13903910002",
                ),
            ],
        ),
        CaseInput(
            cause="买卖合同纠纷",
            amount=Decimal("286000"),
            received_on=on,
            location="410811",
            facts="焦作市恒达建材有限公司供应建材，货款286,000元逾期未付。",
            parties=[
                Party(
                    applicant,
                    firm,
                    "焦作市恒达建材有限公司",
                    "91410811MA45HD7Q3X",
                    address="焦作市山阳区人民路100号",
                    phone="03913560001",
                    legal_rep="赵刚",
                    legal_rep_title="总经理",
                ),
                Party(
                    respondent,
                    firm,
                    "焦作市宏远置业有限公司",
                    "91410802MA46YY2K8W",
                    address="焦作市解放区建设路8号",
                    phone="03912880002",
                    legal_rep="孙伟",
                    legal_rep_title="执行董事",
                ),
            ],
        ),
        CaseInput(
            cause="金融借款合同纠纷",
            amount=Decimal("150000"),
            source=Source.COURT_ENTRUSTED,
            procedure="ordinary",
            court_case_no=f"({on.year})豫0802民初{on.toordinal() % 9000 + 1000}号",
            referring_court="焦作市解放区人民法院",
            received_on=on,
            location="410802",
            parties=[
                Party(
                    applicant,
                    firm,
                    "某银行股份有限公司焦作分行",
                    "91410802MA44BK9T1E",
                    address="焦作市解放区塔南路1号",
                    industry="finance",
                    legal_rep="周敏",
                    legal_rep_title="行长",
                ),
                Party(
                    respondent,
                    person,
                    "李明",
                    "410802199001015678",
                    "男",
                    dt.date(1990, 1, 1),
                    "汉族",
                    "职员",
                    "焦作市解放区焦北街道5号",
                    "13703910003",
                ),
            ],
        ),
    ]
    ids = []
    for case in inputs:
        with UnitOfWork(engine, clerk) as uow:
            ids.append(register_case(uow, case)[0])
            uow.commit()
    return ids[0], ids[1], ids[2]


def _demo_center(uow: UnitOfWork) -> str:
    row = uow.session.exec(
        select(OrgRow).where(OrgRow.kind == "county_center", OrgRow.division_code == "410802")
    ).first()
    if row is None:
        raise NotFound(_("There is no body {id}.").format(id="410802 county_center"))
    return row.id


def demo_mediators(uow: UnitOfWork, org_id: str | None) -> None:
    from mediate.services.mediators import add_mediator, list_mediators

    if org_id is None or list_mediators(uow, org_id):
        return
    add_mediator(uow, org_id, "刘明", "人民调解员")
    add_mediator(uow, org_id, "陈静", "律师调解员")


def _demo_case_no(court: str, on: dt.date) -> str:
    """A plausible 民特 number at the chosen court, for the demo's ruling."""
    from mediate.domain.confirmation import BASIC_COURTS

    code = next((c for c, name in BASIC_COURTS.items() if name == court), "410800")
    return f"({on.year})豫{code[2:4]}{code[4:6] if code[4:6] != '00' else ''}民特{on.day + 100}号"


def _demo_open(uow: UnitOfWork, case_id: int) -> dict[str, Any]:
    case = load_case(uow, case_id, change=False)
    return {
        "case": case_id,
        "org": case.org_id,
        "deadline_days": case.deadline_days,
        "extension_days": case.extension_days,
        "deadline": jsonable(case.deadline),
    }
