"""Assignment, start, transfer and extension against a real store (SQLite and PostgreSQL)."""

import datetime as dt

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from mediate import clock
from mediate.domain.deadlines import WorkCalendar
from mediate.errors import BadOptionValue, NotFound, TransitionError, ValidationError
from mediate.services import lifecycle, mediators
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, DecisionRow, EventRow
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.clockrun import FIXED_NOW

CENTER = "jz-jfq-court-center"


@pytest.fixture
def engine(store):
    engine = make_engine(store.url)
    yield engine
    engine.dispose()


def new_case(engine, **kw):
    with Session(engine) as session:
        row = factories.case(session, **kw)
        session.commit()
        return row.id


def add_mediator(engine, name, org=CENTER, type_="people"):
    with UnitOfWork(engine, "管理员") as uow:
        factories.org(uow.session, org)
        row = mediators.add_mediator(uow, org, name, type_)
        uow.commit()
        return row.id


def run(engine, fn, *args, clerk="李书记员", **kw):
    with UnitOfWork(engine, clerk) as uow:
        result = fn(uow, *args, **kw)
        uow.commit()
        return result


def case_row(engine, case_id):
    with Session(engine) as session:
        return session.get(CaseRow, case_id)


def events(engine, case_id):
    with Session(engine) as session:
        return session.exec(
            select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.id)
        ).all()


def test_assigning_names_the_mediator_and_starts_the_deadline(engine):
    case_id = new_case(engine, source="court_delegated")
    mediator = add_mediator(engine, "赵调解员")
    change = run(engine, lifecycle.assign, case_id, mediator, on=dt.date(2026, 11, 3))
    row = case_row(engine, case_id)
    assert (row.status, row.mediator_id, row.assigned_on) == (
        "assigned",
        mediator,
        dt.date(2026, 11, 3),
    )
    # 委派: 30 days from the mediator's receipt; 2026-12-03 is a Thursday.
    assert (row.deadline_days, row.deadline) == (30, dt.date(2026, 12, 3))
    assert row.version == 2
    assert change.mediator.name == "赵调解员"
    [event] = events(engine, case_id)
    assert (event.action, event.clerk, event.note) == ("assign", "李书记员", "赵调解员")
    assert event.before == {
        "mediator_id": None,
        "status": "routed",
        "assigned_on": None,
        "deadline_days": 30,
        "extension_days": 0,
        "deadline": "2026-12-02",
    }
    assert event.after["deadline"] == "2026-12-03"


def test_an_entrusted_summary_case_has_seven_days_moved_past_national_day(engine):
    received = dt.date(2026, 9, 28)  # an assignment cannot precede the receipt
    case_id = new_case(engine, source="court_entrusted", procedure="summary", received_on=received)
    mediator = add_mediator(engine, "钱调解员")
    run(engine, lifecycle.assign, case_id, mediator, on=received)
    # 09-28 + 7 = 10-05 (National Day holiday, 10-01..10-07): the next working day is 10-08.
    assert case_row(engine, case_id).deadline == dt.date(2026, 10, 8)


def test_the_body_strategy_picks_the_mediator_with_fewest_open_cases(engine):
    busy = add_mediator(engine, "孙调解员")
    free = add_mediator(engine, "周调解员")
    for _ in range(2):
        new_case(engine, status="assigned", mediator_id=busy)
    new_case(engine, status="settled", mediator_id=free)
    new_case(engine, status="in_mediation", mediator_id=free)
    case_id = new_case(engine)
    change = run(engine, lifecycle.assign, case_id, on=dt.date(2026, 11, 3))
    assert change.mediator.id == free
    loads = {m.name: m.open_cases for m in run(engine, mediators.list_mediators, CENTER)}
    assert loads == {"孙调解员": 2, "周调解员": 2}


def test_a_mediator_of_another_body_or_disabled_is_refused(engine):
    other = add_mediator(engine, "吴调解员", org="jz-410821-court", type_="律师")
    case_id = new_case(engine)
    with pytest.raises(ValidationError, match="works for"):
        run(engine, lifecycle.assign, case_id, other)
    mine = add_mediator(engine, "郑调解员")
    run(engine, mediators.disable_mediator, mine)
    with pytest.raises(ValidationError, match="is disabled"):
        run(engine, lifecycle.assign, case_id, mine)
    with pytest.raises(ValidationError, match="has no active mediator"):
        run(engine, lifecycle.assign, case_id)
    with pytest.raises(NotFound, match="no mediator 999"):
        run(engine, lifecycle.assign, case_id, 999)
    assert case_row(engine, case_id).version == 1


def test_a_closed_case_cannot_be_assigned(engine):
    case_id = new_case(engine, status="settled")
    mediator = add_mediator(engine, "王调解员")
    with pytest.raises(TransitionError, match="which is final"):
        run(engine, lifecycle.assign, case_id, mediator)


def test_reassigning_keeps_the_deadline(engine):
    first = add_mediator(engine, "甲调解员")
    second = add_mediator(engine, "乙调解员")
    case_id = new_case(engine)
    run(engine, lifecycle.assign, case_id, first, on=dt.date(2026, 11, 3))
    deadline = case_row(engine, case_id).deadline
    run(engine, lifecycle.start, case_id)
    run(engine, lifecycle.assign, case_id, second, on=dt.date(2026, 11, 10))
    row = case_row(engine, case_id)
    assert (row.status, row.mediator_id, row.deadline) == ("in_mediation", second, deadline)
    assert row.assigned_on == dt.date(2026, 11, 3)  # the time limit still runs from the first


def test_a_reassignment_records_the_day_the_new_mediator_took_the_case(engine):
    """`case assign --on` on a reassignment is the day of record of the change of mediator:
    the history says who had the case when, so the day is kept in the event (the case's
    assigned_on stays the first receipt, from which the time limit runs) and checked like
    the first assignment's: not after today, not before that first assignment."""
    first = add_mediator(engine, "甲调解员")
    second = add_mediator(engine, "乙调解员")
    case_id = new_case(engine)
    run(engine, lifecycle.assign, case_id, first, on=dt.date(2026, 11, 3))
    with pytest.raises(BadOptionValue, match="is in the future"):  # a bad typed value: exit 2
        run(engine, lifecycle.assign, case_id, second, on=clock.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="before the case was assigned"):
        run(engine, lifecycle.assign, case_id, second, on=dt.date(2026, 11, 2))
    run(engine, lifecycle.assign, case_id, second, on=dt.date(2026, 11, 10))
    run(engine, lifecycle.assign, case_id, first)
    first_event, by_day, by_default = events(engine, case_id)
    assert "reassigned_on" not in first_event.after  # its day is assigned_on
    assert (by_day.note, by_day.after["reassigned_on"]) == ("乙调解员", "2026-11-10")
    today = clock.today().isoformat()
    assert (by_default.note, by_default.after["reassigned_on"]) == ("甲调解员", today)
    assert case_row(engine, case_id).assigned_on == dt.date(2026, 11, 3)


def test_transfer_to_a_named_body_records_a_decision_and_clears_the_mediator(engine):
    mediator = add_mediator(engine, "冯调解员")
    case_id = new_case(engine)
    run(engine, lifecycle.assign, case_id, mediator, on=dt.date(2026, 11, 3))
    with Session(engine) as session:
        factories.org(
            session, "jz-410802-finance", name="金融纠纷调解委员会", kind="finance_committee"
        )
        session.commit()
    run(engine, lifecycle.transfer, case_id, "涉及金融借款", to_org="jz-410802-finance")
    row = case_row(engine, case_id)
    assert (row.status, row.org_id, row.mediator_id, row.assigned_on) == (
        "transferred",
        "jz-410802-finance",
        None,
        None,
    )
    with Session(engine) as session:
        [decision] = session.exec(select(DecisionRow).where(DecisionRow.case_id == case_id)).all()
    assert (decision.org_id, decision.rule, decision.decided_by) == (
        "jz-410802-finance",
        "transfer",
        "李书记员",
    )
    last = events(engine, case_id)[-1]
    assert (last.action, last.note, last.before["org_id"]) == ("transfer", "涉及金融借款", CENTER)


def test_transfer_needs_a_reason_and_exactly_one_target(engine):
    case_id = new_case(engine)
    with pytest.raises(ValidationError, match="needs a reason"):
        run(engine, lifecycle.transfer, case_id, " ", to_org="x")
    with pytest.raises(ValidationError, match="not both"):
        run(engine, lifecycle.transfer, case_id, "理由")
    with pytest.raises(ValidationError, match="already at"):
        run(engine, lifecycle.transfer, case_id, "理由", to_org=CENTER)


def test_an_entrusted_case_extends_by_at_most_thirty_days_with_consent(engine):
    mediator = add_mediator(engine, "褚调解员")
    case_id = new_case(engine, source="court_entrusted", procedure="ordinary")
    run(engine, lifecycle.assign, case_id, mediator, on=dt.date(2026, 11, 2))
    assert case_row(engine, case_id).deadline == dt.date(2026, 11, 17)
    with pytest.raises(ValidationError, match="consent"):
        run(engine, lifecycle.extend, case_id, 10, " ")
    run(engine, lifecycle.extend, case_id, 20, "双方当事人书面同意延长20日")
    # 11-02 + 15 + 20 = 12-07, a Monday.
    assert case_row(engine, case_id).deadline == dt.date(2026, 12, 7)
    with pytest.raises(ValidationError) as caught:
        run(engine, lifecycle.extend, case_id, 11, "再次同意")
    assert "at most 30 extra days" in str(caught.value)
    assert "at most 10 more" in str(caught.value)
    run(engine, lifecycle.extend, case_id, 10, "再次同意")
    row = case_row(engine, case_id)
    assert (row.extension_days, row.deadline) == (30, dt.date(2026, 12, 17))
    last = events(engine, case_id)[-1]
    assert (last.action, last.note, last.after) == (
        "extend",
        "再次同意",
        {"extension_days": 30, "deadline": "2026-12-17", "days": 10},
    )


def test_a_delegated_case_may_extend_beyond_thirty_days_with_consent(engine):
    mediator = add_mediator(engine, "卫调解员")
    case_id = new_case(engine, source="court_delegated")
    run(engine, lifecycle.assign, case_id, mediator, on=dt.date(2026, 11, 2))
    change = run(engine, lifecycle.extend, case_id, 45, "双方同意")
    # 11-02 + 75 days = 2027-01-16, a Saturday in a year chinese-calendar does not know:
    # counted with the statutory holidays and weekends, and the clerk is warned.
    assert case_row(engine, case_id).deadline == dt.date(2027, 1, 18)
    assert change.warnings == [
        "The holiday calendar does not know 2027: deadlines in it count the statutory "
        "holidays (国务院令第795号, lunar dates computed) and weekends, but not that year's "
        "adjusted working days or make-up days off. Add the State Council's schedule for "
        "2027 to the holidays file."
    ]


def test_a_case_not_in_mediation_cannot_be_extended(engine):
    case_id = new_case(engine)
    with pytest.raises(ValidationError, match="Only a case being mediated"):
        run(engine, lifecycle.extend, case_id, 5, "同意")


def test_the_audit_trail_refuses_updates_and_deletes(engine):
    mediator = add_mediator(engine, "蒋调解员")
    case_id = new_case(engine)
    run(engine, lifecycle.assign, case_id, mediator)
    for statement in ("UPDATE events SET clerk = 'x'", "DELETE FROM events"):
        with engine.connect() as conn, pytest.raises(Exception, match="append-only"):
            conn.execute(text(statement))
    assert len(events(engine, case_id)) == 1


def test_a_holiday_override_is_used_for_years_the_package_does_not_know(engine):
    mediator = add_mediator(engine, "沈调解员")
    case_id = new_case(engine, source="court_entrusted", procedure="summary")
    calendar = WorkCalendar(holidays={dt.date(2027, 1, 1)}, override_years={2027})
    # an assignment date has happened: the clock moved on to the day of the assignment
    clock.set_clock(FIXED_NOW + dt.timedelta(days=24))
    change = run(
        engine, lifecycle.assign, case_id, mediator, on=dt.date(2026, 12, 25), calendar=calendar
    )
    assert change.warnings == []
    assert case_row(engine, case_id).deadline == dt.date(2027, 1, 4)


def test_a_transferred_case_can_be_rerouted_by_the_rules(initialised):
    from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
    from mediate.services.intake import register_case

    engine = make_engine(initialised.url)
    try:
        dispute = CaseInput(
            cause="民间借贷纠纷",
            received_on=dt.date(2026, 11, 2),
            location="410802009",
            parties=[
                Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
                Party(PartyRole.RESPONDENT, PartyKind.PERSON, "王五"),
            ],
        )
        with UnitOfWork(engine, "李书记员") as uow:
            case_id, decision = register_case(uow, dispute)
            uow.commit()
        routed_to = decision.org.id
        run(engine, lifecycle.transfer, case_id, "当事人申请", to_org="jz-410800-credit")
        change = run(engine, lifecycle.transfer, case_id, "移送有误，按规则重新分流", reroute=True)
        assert (change.case.status, change.case.org_id) == ("transferred", routed_to)
        with Session(engine) as session:
            rules = session.exec(
                select(DecisionRow.rule)
                .where(DecisionRow.case_id == case_id)
                .order_by(DecisionRow.id)
            ).all()
        assert rules == [decision.rule, "transfer", decision.rule]
    finally:
        engine.dispose()


def test_a_clerk_of_another_body_may_not_move_the_case(engine):
    from mediate.errors import AccessDenied
    from mediate.services.clerks import add_clerk

    mediator = add_mediator(engine, "韩调解员")
    case_id = new_case(engine)
    with UnitOfWork(engine, "管理员") as uow:
        factories.org(uow.session, "jz-410821-county-center", division_code="410821")
        add_clerk(uow, "管理员", None, "admin")
        add_clerk(uow, "乙书记员", "jz-410821-county-center", "clerk")
        uow.commit()
    with pytest.raises(AccessDenied, match="may not change case"):
        run(engine, lifecycle.assign, case_id, mediator, clerk="乙书记员")
    assert (
        run(engine, lifecycle.assign, case_id, mediator, clerk="管理员").case.status == "assigned"
    )


def test_a_mediator_is_named_by_id_or_by_the_name_the_tool_prints(engine):
    """What the tool prints as a label it accepts back: `mediator add` prints "1：赵敏", so
    `case assign --mediator 赵敏` works; a part of a name works when it is unique; two
    matches are an error that lists both with their ids."""
    zhao = add_mediator(engine, "赵敏")
    add_mediator(engine, "王一")
    wang2 = add_mediator(engine, "王二")
    first, second, third = (new_case(engine, source="court_delegated") for _ in range(3))
    assert run(engine, lifecycle.assign, first, "赵敏").mediator.id == zhao
    assert run(engine, lifecycle.assign, second, "王二").mediator.id == wang2
    with pytest.raises(ValidationError) as several:
        run(engine, lifecycle.assign, third, "王")
    assert "王一" in str(several.value) and "王二" in str(several.value)
    with pytest.raises(NotFound):
        run(engine, lifecycle.assign, third, "钱")
    assert run(engine, lifecycle.assign, third, str(zhao)).mediator.id == zhao


def test_special_procedure_placed_by_property_after_edit_and_reroute(initialised):
    """民事诉讼法 (2023) art. 202 (认定财产无主: 财产所在地基层人民法院) read from the stored case:
    registered without a place it stays at the hub; once the clerk records where the property
    is (case edit), case transfer --reroute sends it to that county's court."""
    from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
    from mediate.services.editing import Edit, edit_case
    from mediate.services.intake import register_case

    engine = make_engine(initialised.url)
    try:
        dispute = CaseInput(
            cause="申请认定财产无主",
            received_on=dt.date(2026, 11, 2),
            parties=[Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三")],
        )
        with UnitOfWork(engine, "李书记员") as uow:
            case_id, decision = register_case(uow, dispute)
            uow.commit()
        assert decision.org.kind.value != "court"
        run(engine, edit_case, case_id, Edit(sets={"subject_matter_location": "温县"}))
        change = run(
            engine, lifecycle.transfer, case_id, "已登记财产所在地，重新分流", reroute=True
        )
        assert change.case.org_id == "jz-410825-court"
        # registered with the place, it goes there at once
        with UnitOfWork(engine, "李书记员") as uow:
            dispute.subject_matter_location = "温县"
            _case, placed = register_case(uow, dispute)
            uow.commit()
        assert placed.org.id == "jz-410825-court"
    finally:
        engine.dispose()


def test_rule_a_case_is_transferred_only_to_a_mediation_body_never_to_a_court(engine):
    # DOMAIN.md §2: a `court` does not mediate (adjudication); a dispute goes to the court
    # by its outcome (failed, returned_to_court: 特邀调解规定 art. 20 for 委托).
    mediator = add_mediator(engine, "魏调解员")
    case_id = new_case(engine, source="court_entrusted", procedure="ordinary")
    run(engine, lifecycle.assign, case_id, mediator, on=dt.date(2026, 11, 3))
    with Session(engine) as session:
        factories.org(session, "jz-jfq-court", name="焦作市解放区人民法院", kind="court")
        session.commit()
    with pytest.raises(ValidationError, match="is a court") as caught:
        run(engine, lifecycle.transfer, case_id, "转诉讼", to_org="jz-jfq-court")
    assert "--follow-up returned_to_court" in str(caught.value)
    assert case_row(engine, case_id).status == "assigned"
