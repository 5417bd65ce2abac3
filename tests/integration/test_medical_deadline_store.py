"""A medical dispute's 30 working days (医疗纠纷预防和处理条例 art. 38) as every path stores
it: case new (register_case), the bulk import, assignment, extension, a clerk's transfer
and a corrected date received — one function, domain/deadlines.due_date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
from mediate.services import lifecycle, mediators
from mediate.services.cases import show_case
from mediate.services.intake import ImportOptions, import_referrals, register_case
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, DecisionRow, EventRow
from mediate.store.uow import UnitOfWork

MEDICAL = "jz-410802-medical"


@pytest.fixture
def engine(initialised):  # type: ignore[no-untyped-def]
    engine = make_engine(initialised.url)
    yield engine
    engine.dispose()


def _register(engine, received: dt.date, cause: str = "医疗损害责任纠纷") -> int:  # type: ignore[no-untyped-def]
    dispute = CaseInput(
        cause=cause,
        received_on=received,
        location="410802003",
        parties=[
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
            Party(PartyRole.RESPONDENT, PartyKind.INSTITUTION, "焦作市人民医院"),
        ],
    )
    with UnitOfWork(engine, "李书记员") as uow:
        case_id, decision = register_case(uow, dispute)
        uow.commit()
    assert (decision.org.id, decision.deadline_unit) == (MEDICAL, "workdays")
    return case_id


def _row(engine, case_id: int) -> CaseRow:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        row = session.get(CaseRow, case_id)
        assert row is not None
        return row


def test_rule_medical_regulation_art_38_the_stored_case_is_due_thirty_working_days_on(
    engine,
) -> None:  # type: ignore[no-untyped-def]
    # received on the eve of 国庆 2026: 30 working days end on 11-17 (tests/unit/
    # test_medical_deadline.py counts them); 30 calendar days would end on 10-30
    case_id = _register(engine, dt.date(2026, 9, 30))
    row = _row(engine, case_id)
    assert (row.deadline_days, row.deadline_unit, row.deadline) == (
        30,
        "workdays",
        dt.date(2026, 11, 17),
    )
    with Session(engine) as session:
        decision = session.exec(select(DecisionRow).where(DecisionRow.case_id == case_id)).one()
        assert (decision.deadline_days, decision.deadline_unit) == (30, "workdays")
    with UnitOfWork(engine, "李书记员") as uow:
        shown = show_case(uow, case_id)
    assert (shown["deadline_unit"], shown["deadline"]) == ("workdays", "2026-11-17")
    assert shown["decision"]["deadline_unit"] == "workdays"

    # the mediator's receipt on 10-09 restarts the count: 10-10 (调休 Saturday) is day 1,
    # 11-19 day 30; an agreed extension (art. 38, no cap) of 2 counts working days too
    with UnitOfWork(engine, "管理员") as uow:
        mediator = mediators.add_mediator(uow, MEDICAL, "周调解员", "people").id
        uow.commit()
    with UnitOfWork(engine, "李书记员") as uow:
        lifecycle.assign(uow, case_id, mediator, on=dt.date(2026, 10, 9))
        uow.commit()
    assert _row(engine, case_id).deadline == dt.date(2026, 11, 19)
    with UnitOfWork(engine, "李书记员") as uow:
        lifecycle.extend(uow, case_id, 2, "医患双方书面约定延长")
        uow.commit()
    row = _row(engine, case_id)
    assert (row.deadline_unit, row.extension_days, row.deadline) == (
        "workdays",
        2,
        dt.date(2026, 11, 23),
    )
    with Session(engine) as session:
        events = session.exec(
            select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.id)
        ).all()
    # the unit is recorded once, when routing set it; assignment and extension kept it
    assert [(e.action, "deadline_unit" in (e.after or {})) for e in events] == [
        ("registered", False),
        ("routed", True),
        ("assign", False),
        ("extend", False),
    ]
    assert events[1].after["deadline_unit"] == "workdays"


def test_a_clerk_transfer_keeps_the_unit(
    engine,
) -> None:  # type: ignore[no-untyped-def]
    case_id = _register(engine, dt.date(2026, 9, 30))
    with UnitOfWork(engine, "李书记员") as uow:
        change = lifecycle.transfer(uow, case_id, "当事人申请", to_org="jz-410800-medical")
        uow.commit()
    assert (change.case.deadline_days, change.case.deadline_unit) == (30, "workdays")
    assert change.as_json()["deadline_unit"] == "workdays"


def _transfer_and_assign(engine, case_id: int, to_org: str) -> CaseRow:  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, "管理员") as uow:
        mediator = mediators.add_mediator(uow, to_org, "周调解员", "people").id
        uow.commit()
    with UnitOfWork(engine, "李书记员") as uow:
        lifecycle.transfer(uow, case_id, "当事人申请", to_org=to_org)
        uow.commit()
    with Session(engine) as session:
        decision = session.exec(
            select(DecisionRow).where(DecisionRow.case_id == case_id).order_by(DecisionRow.id)
        ).all()[-1]
    row = _row(engine, case_id)
    assert (decision.deadline_days, decision.deadline_unit) == (
        row.deadline_days,
        row.deadline_unit,
    )
    with UnitOfWork(engine, "李书记员") as uow:
        lifecycle.assign(uow, case_id, mediator, on=dt.date(2026, 10, 9))
        uow.commit()
    return _row(engine, case_id)


def test_rule_medical_regulation_art_38_a_transfer_to_the_medical_committee_counts_working_days(
    engine,
) -> None:  # type: ignore[no-untyped-def]
    """Review of 2026-12-03: the unit follows the body, as --reroute's does. A loan
    dispute's 30 calendar days become the committee's 30 working days (the medical
    route's), which the assignment then counts: from 10-09, day 30 is 11-19."""
    dispute = CaseInput(
        cause="民间借贷纠纷",
        received_on=dt.date(2026, 9, 30),
        location="410802003",
        parties=[
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "李四"),
            Party(PartyRole.RESPONDENT, PartyKind.PERSON, "王五"),
        ],
    )
    with UnitOfWork(engine, "李书记员") as uow:
        case_id, decision = register_case(uow, dispute)
        uow.commit()
    assert decision.deadline_unit != "workdays"
    row = _transfer_and_assign(engine, case_id, MEDICAL)
    assert (row.deadline_days, row.deadline_unit, row.deadline) == (
        30,
        "workdays",
        dt.date(2026, 11, 19),
    )


def test_a_medical_case_transferred_to_a_township_centre_counts_calendar_days(
    engine,
) -> None:  # type: ignore[no-untyped-def]
    """The other way: a township centre has the general 30 calendar days; from 10-09
    day 30 is Sunday 11-08, moved to Monday 11-09 (CPL 2023 art. 85)."""
    case_id = _register(engine, dt.date(2026, 9, 30))
    row = _transfer_and_assign(engine, case_id, "jz-410802003-township-center")
    assert (row.deadline_days, row.deadline_unit, row.deadline) == (
        30,
        None,
        dt.date(2026, 11, 9),
    )


def test_an_imported_medical_referral_is_due_thirty_working_days_on(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "referrals.csv"
    sheet.write_text(
        "案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型\n"
        "医疗损害责任纠纷,自行受理,2026-09-30,410802003,张三,自然人,焦作市人民医院,事业单位\n"
        "民间借贷纠纷,自行受理,2026-09-30,410802003,李四,自然人,王五,自然人\n",
        encoding="utf-8",
    )
    with UnitOfWork(engine, "李书记员") as uow:
        report = import_referrals(uow, sheet, ImportOptions(today=dt.date(2026, 12, 1)))
    assert report.as_json()["imported"] == 2, report.as_json()
    with Session(engine) as session:
        rows = session.exec(select(CaseRow).order_by(CaseRow.id)).all()
        decisions = session.exec(select(DecisionRow).order_by(DecisionRow.id)).all()
    assert [(r.cause, r.deadline_unit, r.deadline) for r in rows[-2:]] == [
        ("医疗损害责任纠纷", "workdays", dt.date(2026, 11, 17)),
        ("民间借贷纠纷", None, dt.date(2026, 10, 30)),
    ]
    assert [d.deadline_unit for d in decisions[-2:]] == ["workdays", None]
