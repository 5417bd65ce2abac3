"""`mediate demo`'s walk along the lifecycle: three disputes taken in and moved to an
outcome (kept apart from the lifecycle service, which must not import the services it
ends in: outcomes, confirmation, intake)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from mediate.errors import NotFound
from mediate.i18n import _
from mediate.services.casestore import jsonable, load_case
from mediate.services.lifecycle import assign, extend, transfer
from mediate.store.tables import OrgRow
from mediate.store.uow import UnitOfWork

if TYPE_CHECKING:
    from mediate.domain.model import CaseInput


@dataclass
class LifecycleDemo:
    """What `mediate demo` did with the lifecycle: one line per case, for the summary."""

    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def demo_lifecycle(engine: Any, clerk: str, on: dt.date) -> LifecycleDemo:
    """`mediate demo`: three disputes taken in and walked along — a loan settled and
    confirmed by the court, an unpaid-goods case failed at the credit committee (credit
    report), and a court-entrusted finance case transferred, assigned and extended."""
    from mediate.domain.credit import DEFAULT_BASIS
    from mediate.services import confirmation, credit, outcomes

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
        held = _demo_session_held(uow, loan, on)  # holding it starts the mediation
        extend(uow, finance, 10, "双方当事人书面同意延长10日")
        upcoming = _demo_session_upcoming(uow, finance, on)
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
        # Seed item 18: the credit report is the committee's explicit decision, with its basis.
        reported = credit.report_credit(uow, goods, DEFAULT_BASIS, on=on)
        uow.commit()
    with UnitOfWork(engine, clerk) as uow:
        plan, _row = confirmation.request_confirmation(uow, loan, court="1", on=on)
        confirmation.record_result(uow, loan, "filed", on)
        row = confirmation.record_result(
            uow, loan, "confirmed", on, _demo_case_no(plan.court or "", on), "裁定调解协议有效"
        )
        uow.commit()
        uow.commit()
    with UnitOfWork(engine, clerk) as uow:
        performed = _demo_performance(uow, loan, on)
        uow.commit()
        demo.cases = {
            "settled": {
                "case": loan,
                "court": row.court,
                "apply_by": jsonable(settled.apply_by),
                "court_case_no": row.court_case_no,
                "candidates": plan.choice.names,
                "session": held,
                "performance": performed,
            },
            "failed": {
                "case": goods,
                "follow_ups": [*failed.follow_ups, reported.as_json()["follow_up"]],
            },
            "extended": _demo_open(uow, finance) | {"session": upcoming},
        }
    return demo


def _demo_session_held(uow: UnitOfWork, case_id: int, on: dt.date) -> dict[str, Any]:
    """The loan case's session, this morning at the body, held with both parties: at 9:00,
    or at the current minute when the demo runs earlier than that (a session is recorded as
    held only once its time has come, and the case was received today)."""
    from mediate import clock
    from mediate.services.casestore import CHINA
    from mediate.services.sessions import record_session, schedule_session

    now = clock.now().astimezone(CHINA).replace(second=0, microsecond=0)
    at = min(dt.datetime.combine(on, dt.time(9, 0), CHINA), now)
    view = schedule_session(uow, case_id, at, "焦作市解放区民主南路调解室", held=True)
    notes = "双方到场。王秀英认可借款事实，同意分三期偿还本金；张建国同意放弃利息。"
    return record_session(uow, view.id, [1, 2], notes).as_json()


def _demo_session_upcoming(uow: UnitOfWork, case_id: int, on: dt.date) -> dict[str, Any]:
    """The entrusted finance case's next session, in three days at the docking centre: the
    documents step renders its notice (调解通知书)."""
    from mediate.services.casestore import CHINA
    from mediate.services.sessions import schedule_session

    day = on + dt.timedelta(days=3)
    while day.weekday() >= 5:  # a weekday (a 调休 Saturday is not worth the calendar here)
        day += dt.timedelta(days=1)
    at = dt.datetime.combine(day, dt.time(9, 30), CHINA)
    place = "焦作市解放区人民法院诉调对接中心第一调解室"
    return schedule_session(uow, case_id, at, place).as_json()


def _demo_performance(uow: UnitOfWork, case_id: int, on: dt.date) -> dict[str, Any]:
    """人民调解法 art. 31: the first instalment, then the rest, then a return visit (回访)."""
    from mediate.domain.performance import PerformanceKind
    from mediate.services.performance import record_performance, record_visit

    first = record_performance(
        uow, case_id, PerformanceKind.PARTIAL, on, Decimal("20000"), "第一期还款，银行转账"
    )
    record_performance(uow, case_id, PerformanceKind.DONE, on, note="余款32,000.50元一次付清")
    visit = record_visit(uow, case_id, "电话回访张建国：款项已全部收到，双方无新的争议。", on)
    return {"partial": first.as_json(), "final": visit.as_json()}


def _resident_id(first17: str) -> str:
    """A made-up 身份证号 that passes intake's checks: its ISO 7064 check digit computed
    (review of 2026-12-03: the demo's numbers failed it, so `case add` refused a demo
    party typed again)."""
    from mediate.intake.values import ric_check_digit

    return first17 + ric_check_digit(first17)


def _credit_code(first17: str) -> str:
    """A made-up 统一社会信用代码 with its check character computed (GB 32100)."""
    from mediate.intake.values import uscc_check_char

    return first17 + uscc_check_char(first17)


def demo_inputs(on: dt.date) -> list[CaseInput]:
    """The demo's three disputes (a loan, unpaid goods, a bank's entrusted loan case)."""
    from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole, Source

    person, firm = PartyKind.PERSON, PartyKind.ENTERPRISE
    applicant, respondent = PartyRole.APPLICANT, PartyRole.RESPONDENT
    return [
        CaseInput(
            cause="民间借贷纠纷",
            amount=Decimal("52000.50"),
            received_on=on,
            location="410802009",
            facts="2025年3月，王秀英向张建国借款52,000.50元，约定2026年3月归还，到期未还。",
            parties=[
                Party(
                    applicant,
                    person,
                    "张建国",
                    _resident_id("41080219850315123"),
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
                    _resident_id("41082119780620254"),
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
            claim="支付货款286,000元及逾期付款利息",
            parties=[
                Party(
                    applicant,
                    firm,
                    "焦作市恒达建材有限公司",
                    _credit_code("91410811MA45HD7Q3"),
                    address="焦作市山阳区人民路100号",
                    phone="03913560001",
                    legal_rep="赵刚",
                    legal_rep_title="总经理",
                ),
                Party(
                    respondent,
                    firm,
                    "焦作市宏远置业有限公司",
                    _credit_code("91410802MA46YY2K8"),
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
            court_case_no=f"（{on.year}）豫0802民初{on.toordinal() % 9000 + 1000}号",
            referring_court="焦作市解放区人民法院",
            received_on=on,
            location="410802",
            parties=[
                Party(
                    applicant,
                    firm,
                    "某银行股份有限公司焦作分行",
                    _credit_code("91410802MA44BK9T1"),
                    address="焦作市解放区塔南路1号",
                    industry="finance",
                    legal_rep="周敏",
                    legal_rep_title="行长",
                ),
                Party(
                    respondent,
                    person,
                    "李明",
                    _resident_id("41080219900101567"),
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


def _demo_cases(engine: Any, clerk: str, on: dt.date) -> tuple[int, int, int]:
    from mediate.services.intake import register_case

    ids = []
    for case in demo_inputs(on):
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
    return f"（{on.year}）豫{code[2:4]}{code[4:6] if code[4:6] != '00' else ''}民特{on.day + 100}号"


def _demo_open(uow: UnitOfWork, case_id: int) -> dict[str, Any]:
    case = load_case(uow, case_id, change=False)
    return {
        "case": case_id,
        "org": case.org_id,
        "deadline_days": case.deadline_days,
        "extension_days": case.extension_days,
        "deadline": jsonable(case.deadline),
    }
