"""The clerk's desk (issue 15): correcting a case, reopening an outcome, finding cases,
the whole case in `show`, and the day's work — on SQLite and PostgreSQL."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from mediate.errors import AccessDenied, ConflictError, ValidationError, ValidationErrors
from mediate.services import desk
from mediate.services.cases import CaseFilter, find_cases, list_cases, resolve_case, show_case
from mediate.services.editing import Edit, PartyEdit, edit_case, reopen_case
from mediate.store.engine import make_engine
from mediate.store.tables import (
    CaseRow,
    ClerkRow,
    ConfirmationRow,
    EventRow,
    MediatorRow,
    OutcomeRow,
    PartyRow,
    PerformanceEventRow,
)
from mediate.store.uow import UnitOfWork
from tests import factories

ON = dt.date(2026, 11, 20)
ZHANG = "410802198503121015"  # a valid resident ID (check digit)


@pytest.fixture
def engine(desk_store):
    engine = make_engine(desk_store.url)
    yield engine
    engine.dispose()


def edit(engine, change, **kw):
    with UnitOfWork(engine, "李书记员") as uow:
        result = edit_case(uow, 1, change, **kw)
        uow.commit()
    return result


def stored(engine):
    with Session(engine) as session:
        case = session.get(CaseRow, 1)
        parties = session.exec(
            select(PartyRow).where(PartyRow.case_id == 1).order_by(PartyRow.position)
        ).all()
        return case, parties


def test_a_party_address_is_corrected_versioned_and_audited(engine):
    result = edit(engine, Edit(parties=[PartyEdit(2, {"address": "焦作市解放区新址8号"})]))
    assert [(c.party, c.field, c.new) for c in result.changes] == [
        (2, "address", "焦作市解放区新址8号")
    ]
    case, parties = stored(engine)
    assert parties[1].address == "焦作市解放区新址8号"
    assert case.version == 2
    with Session(engine) as session:
        event = session.exec(select(EventRow).where(EventRow.action == "edit")).one()
    assert event.before == {"parties[2].address": None}
    assert event.after == {"parties[2].address": "焦作市解放区新址8号"}


def test_a_bad_value_changes_nothing(engine):
    with pytest.raises(ValidationErrors) as caught:
        edit(engine, Edit(sets={"amount": "abc"}))
    assert "'abc' is not an amount of money" in str(caught.value)
    case, _parties = stored(engine)
    assert (case.amount, case.version) == (Decimal("52000.50"), 1)


def test_a_new_id_number_is_checked_and_brings_its_sex_and_birth_date(engine):
    with pytest.raises(ValidationErrors):
        edit(engine, Edit(parties=[PartyEdit(2, {"id_number": ZHANG[:-1] + "2"})]))
    edit(engine, Edit(parties=[PartyEdit(2, {"id_number": ZHANG})]))
    _case, parties = stored(engine)
    assert (parties[1].id_number, parties[1].sex, parties[1].birth_date) == (
        ZHANG,
        "男",
        dt.date(1985, 3, 12),
    )


def test_case_fields_are_parsed_as_intake_parses_them(engine):
    result = edit(engine, Edit(sets={"amount": "5.2万元", "tags": "price_dispute、urgent"}))
    case, _parties = stored(engine)
    assert (case.amount, case.tags) == (Decimal("52000.00"), ["price_dispute", "urgent"])
    assert result.reroute and result.reroutable


def test_parties_are_added_and_removed_but_a_dispute_keeps_both_sides(engine):
    edit(engine, Edit(add=[{"role": "respondent", "name": "赵六"}]))
    edit(engine, Edit(remove=[2]))
    _case, parties = stored(engine)
    assert [(p.position, p.name) for p in parties] == [(0, "张三"), (1, "赵六")]
    with pytest.raises(ValidationErrors, match="at least one respondent"):
        edit(engine, Edit(remove=[2]))


def test_an_edit_against_an_old_version_is_a_conflict(engine):
    edit(engine, Edit(sets={"facts": "借款未还"}))
    with pytest.raises(ConflictError):
        edit(engine, Edit(sets={"facts": "另一说法"}), expected_version=1)


def test_a_case_number_already_used_is_refused(engine):
    with Session(engine) as session:
        factories.case(session, court_case_no="(2026)豫0802民初8号")
        session.commit()
    with pytest.raises(ConflictError):
        edit(engine, Edit(sets={"court_case_no": "(2026)豫0802民初8号"}))


def test_rule_a_filed_case_number_is_never_edited_into_a_delegated_case(engine):
    """法〔2015〕137号; 特邀调解规定 art. 20; SPC opinion on filing and mediation (2025)
    item 4: a 民初/民终 number is a case the court filed, so it is 委托, never 委派 — an
    edit may not make the pair disagree, whichever half it changes."""
    with pytest.raises(ValidationErrors) as caught:
        edit(engine, Edit(sets={"source": "委派"}))  # the stored number is 民初7号
    assert "is the number of a case the court has filed" in str(caught.value)
    case, _parties = stored(engine)
    assert (case.source, case.version) == ("self_accepted", 1)
    # both halves changed together: a pre-filing number and 委派 agree
    edit(engine, Edit(sets={"source": "委派", "court_case_no": "(2026)豫0802民诉前调3号"}))
    assert stored(engine)[0].source == "court_delegated"
    with pytest.raises(ValidationErrors) as caught:
        edit(engine, Edit(sets={"court_case_no": "(2026)豫0802民初9号"}))
    assert "court-entrusted (委托), not court-delegated (委派)" in str(caught.value)
    case, _parties = stored(engine)
    assert (case.source, case.court_case_no) == ("court_delegated", "（2026）豫0802民诉前调3号")


def test_an_unknown_party_number_is_refused(engine):
    with pytest.raises(ValidationError, match="no party 5"):
        edit(engine, Edit(parties=[PartyEdit(5, {"address": "x"})]))


def _settle(engine, perform_by=dt.date(2026, 11, 25)):
    with Session(engine) as session:
        session.add(MediatorRow(org_id="jz-jfq-court-center", name="赵调解员", type="律师调解员"))
        session.flush()
        case = session.get(CaseRow, 1)
        case.status, case.mediator_id, case.closed_on = "settled", 1, ON
        session.add(
            OutcomeRow(
                case_id=1,
                result="settled",
                decided_on=ON,
                terms="分期还款",
                perform_by=perform_by,
                effective_on=ON,
                recorded_by="李书记员",
            )
        )
        session.commit()


def test_a_supervisor_reopens_an_outcome_with_a_reason_and_it_is_audited(engine):
    _settle(engine)
    with UnitOfWork(engine, "李书记员") as uow:
        done = reopen_case(uow, 1, "误点了调解成功")
        uow.commit()
    assert done.status == "in_mediation"
    with Session(engine) as session:
        assert session.exec(select(OutcomeRow)).first() is None
        case = session.get(CaseRow, 1)
        assert (case.status, case.closed_on) == ("in_mediation", None)
        event = session.exec(select(EventRow).where(EventRow.action == "reopen")).one()
    assert event.note == "误点了调解成功"
    assert event.before["outcome"]["terms"] == "分期还款"


def test_a_plain_clerk_cannot_reopen(engine):
    _settle(engine)
    with Session(engine) as session:
        factories.org(session)
        session.add(ClerkRow(name="李书记员", org_id="jz-jfq-court-center", role="clerk"))
        session.commit()
    with UnitOfWork(engine, "李书记员") as uow, pytest.raises(AccessDenied):
        reopen_case(uow, 1, "误点")


def test_a_case_before_the_court_cannot_be_reopened(engine):
    _settle(engine)
    with Session(engine) as session:
        session.add(
            ConfirmationRow(case_id=1, court="焦作市解放区人民法院", status="filed", apply_by=ON)
        )
        session.commit()
    with UnitOfWork(engine, "李书记员") as uow, pytest.raises(ValidationError):
        reopen_case(uow, 1, "误点")


def test_find_by_name_id_tail_phone_and_case_number(engine):
    with UnitOfWork(engine, "李书记员") as uow:
        assert find_cases(uow, "王五").rows[0]["matched"] == ["name"]
        assert find_cases(uow, "1237").rows[0]["matched"] == ["id_number"]
        assert find_cases(uow, "13800000000").rows[0]["id"] == 1
        assert find_cases(uow, "民初7").rows[0]["matched"] == ["case_no"]
        assert find_cases(uow, "不存在的人").total == 0


def test_show_accepts_a_case_number_and_shows_the_whole_case(engine):
    _settle(engine)
    with UnitOfWork(engine, "李书记员") as uow:
        assert resolve_case(uow, "（2026）豫0802民初7号") == 1
        data = show_case(uow, resolve_case(uow, "(2026)豫0802民初7号"))
    assert data["mediator"]["name"] == "赵调解员"
    assert data["outcome"]["terms"] == "分期还款"
    assert data["confirmation"]["status"] is None
    assert data["confirmation"]["apply_by"] == "2026-12-21"  # 30 days, art. 205; 12-20 a Sunday
    assert [p["number"] for p in data["parties"]] == [1, 2]
    assert data["version"] == 1 and data["documents"] == []


def test_list_by_mediator_and_party(engine):
    _settle(engine)
    with UnitOfWork(engine, "李书记员") as uow:
        assert list_cases(uow, CaseFilter(mediator="赵")).total == 1
        assert list_cases(uow, CaseFilter(mediator="2")).total == 0
        assert list_cases(uow, CaseFilter(party="王")).total == 1
        assert list_cases(uow, CaseFilter(party="钱")).total == 0


def test_todays_work_lists_every_kind_of_task(engine):
    with Session(engine) as session:
        factories.case(session, deadline=dt.date(2026, 11, 18))  # 2: overdue, unassigned
        session.commit()
    _settle(engine)  # 1: settled on 11-20, perform by 11-25
    with UnitOfWork(engine, "李书记员") as uow:
        work = desk.todays_work(uow, within=7, on=dt.date(2026, 11, 24))
    assert [r["case"] for r in work.sections["overdue"]] == [2]
    assert work.sections["overdue"][0]["days_late"] == 6
    assert [r["case"] for r in work.sections["unassigned"]] == [2]
    assert [r["case"] for r in work.sections["performance_due"]] == [1]
    assert work.counts["confirmation_closing"] == 0  # window closes 12-21, beyond 7 days
    later = None
    with UnitOfWork(engine, "李书记员") as uow:
        later = desk.todays_work(uow, within=7, on=dt.date(2026, 12, 15))
    assert [r["apply_by"] for r in later.sections["confirmation_closing"]] == ["2026-12-21"]
    assert set(later.as_json()) >= {"on", "counts", "overdue", "rulings_awaited"}


def _agreement(session, case_id, perform_by, amount=Decimal("52000.50"), events=()):
    case = session.get(CaseRow, case_id)
    case.status, case.closed_on = "settled", ON
    session.add(
        OutcomeRow(
            case_id=case_id,
            result="settled",
            decided_on=ON,
            terms="还款",
            amount=amount,
            perform_by=perform_by,
            effective_on=ON,
            recorded_by="李书记员",
        )
    )
    for kind, paid in events:
        session.add(
            PerformanceEventRow(
                case_id=case_id, kind=kind, on=ON, amount=paid, recorded_by="李书记员"
            )
        )


def test_performance_due_art_31_lists_late_and_coming_terms_with_what_is_still_open(engine):
    """人民调解法 art. 31: the body urges performance — every agreement late or due within
    N days, not performed in full nor handed to enforcement, with the amount still open."""
    with Session(engine) as session:
        for _ in range(5):
            factories.case(session)
        _agreement(session, 1, dt.date(2026, 10, 1), events=[("partial", Decimal("20000"))])
        _agreement(session, 2, dt.date(2026, 12, 10))
        _agreement(
            session, 3, dt.date(2026, 12, 3), events=[("partial", Decimal("1")), ("done", None)]
        )
        _agreement(session, 4, dt.date(2027, 3, 1))  # not due yet
        _agreement(session, 5, dt.date(2026, 11, 1), events=[("enforcement", None)])
        _agreement(
            session,
            6,
            dt.date(2026, 12, 4),
            amount=Decimal("100"),
            events=[("partial", Decimal("60")), ("partial", Decimal("40"))],
        )
        session.commit()
    with UnitOfWork(engine, "李书记员") as uow:
        rows = desk.todays_work(uow, within=7, on=dt.date(2026, 12, 5)).sections["performance_due"]
    assert [r["case"] for r in rows] == [1, 2]  # the late one first; done, enforced, paid out
    late, coming = rows
    assert (late["overdue"], late["days_left"]) == (True, -65)
    assert (late["amount"], late["paid"], late["outstanding"]) == (
        "52000.50",
        "20000.00",
        "32000.50",
    )
    assert (coming["overdue"], coming["days_left"], coming["outstanding"]) == (False, 5, "52000.50")


def test_rule_cpl_art_85_a_new_date_received_moves_an_unassigned_cases_time_limit(engine):
    # The limit of a routed, unassigned case runs from the date received (services/
    # routing.route_case; CPL 2023 art. 85: from the day after, a rest day moves it to
    # the next working day): received 11-05 + 30 days = Sat 12-05 → Mon 12-07.
    result = edit(engine, Edit(sets={"received_on": "2026-11-05"}))
    case, _parties = stored(engine)
    assert (case.received_on, case.deadline) == (dt.date(2026, 11, 5), dt.date(2026, 12, 7))
    assert result.reroute and result.reroutable
    assert any("2026-12-07" in n for n in result.notices)
    with Session(engine) as session:
        event = session.exec(select(EventRow).where(EventRow.action == "edit")).one()
    assert event.before["deadline"] == "2026-12-02"
    assert event.after["deadline"] == "2026-12-07"


def test_rule_special_invitation_art_27_an_assigned_cases_limit_stays_with_its_assignment(engine):
    # 特邀调解规定 art. 27: the limit runs from the mediator's receipt (lifecycle.assign).
    with Session(engine) as session:
        case = session.get(CaseRow, 1)
        case.assigned_on, case.status = dt.date(2026, 11, 10), "assigned"
        case.deadline = dt.date(2026, 12, 10)
        session.add(case)
        session.commit()
    edit(engine, Edit(sets={"received_on": "2026-11-05"}))
    case, _parties = stored(engine)
    assert case.deadline == dt.date(2026, 12, 10)


def test_rule_a_transferred_cases_limit_waits_for_its_next_assignment(engine):
    # services/lifecycle.transfer: the new body's mediator restarts the limit on
    # assignment, so a corrected date received does not move it meanwhile.
    with Session(engine) as session:
        case = session.get(CaseRow, 1)
        case.status = "transferred"
        session.add(case)
        session.commit()
    edit(engine, Edit(sets={"received_on": "2026-11-05"}))
    case, _parties = stored(engine)
    assert case.deadline == dt.date(2026, 12, 2)
