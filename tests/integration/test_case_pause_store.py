"""A pause of a case's time limit (`case pause` / `case resume`, domain/pauses.py):
医疗纠纷预防和处理条例 (2018) art. 38 "需要鉴定的，鉴定时间不计入调解期限" — stored, read by every
view of overdue cases, and refused where no rule gives it. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from mediate.errors import BadOptionValue, ValidationError
from mediate.reports.filters import Filters
from mediate.services import cases, lifecycle, mediators
from mediate.services.desk import todays_work
from mediate.services.funnel import make_filters
from mediate.services.outcomes import record_outcome
from mediate.services.reports import report_orgs, report_overdue
from mediate.store.engine import make_engine
from mediate.store.tables import EventRow
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.integration.test_medical_deadline_store import MEDICAL, _register, _row

D = dt.date
CLERK = "李书记员"


@pytest.fixture
def engine(initialised):  # type: ignore[no-untyped-def]
    engine = make_engine(initialised.url)
    yield engine
    engine.dispose()


def _run(engine, service, *args, **kw):  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, CLERK) as uow:
        result = service(uow, *args, **kw)
        uow.commit()
    return result


def _medical_case_assigned(engine, org: str = MEDICAL) -> int:  # type: ignore[no-untyped-def]
    """A medical dispute received on 2026-09-30 whose mediator took it on 10-09: 30 working
    days end on 11-19 (tests/integration/test_medical_deadline_store.py)."""
    case_id = _register(engine, D(2026, 9, 30))
    with UnitOfWork(engine, "管理员") as uow:
        mediator = mediators.add_mediator(uow, org, "周调解员", "people").id
        uow.commit()
    _run(engine, lifecycle.assign, case_id, mediator, on=D(2026, 10, 9))
    assert _row(engine, case_id).deadline == D(2026, 11, 19)
    return case_id


def _overdue_everywhere(engine, case_id: int) -> list[bool]:  # type: ignore[no-untyped-def]
    """Whether `case list --overdue`, `today` and both reports read the case as overdue
    today (2026-12-01, the suite's clock)."""
    with UnitOfWork(engine, CLERK) as uow:
        listed = cases.list_cases(uow, cases.CaseFilter(overdue=True))
        desk = todays_work(uow)
        shown = cases.list_cases(uow, cases.CaseFilter())
    with UnitOfWork(engine, "管理员") as uow:
        filters: Filters = make_filters("2026", None, None, None, None)
        urging = report_overdue(uow, filters)
        bodies = report_orgs(uow, filters)
    [row] = [r for r in shown.rows if r["id"] == case_id]
    return [
        case_id in [r["id"] for r in listed.rows],
        case_id in [r["case"] for r in desk.sections["overdue"]],
        row["overdue"],
        case_id in [c["case_id"] for c in urging.cases],
        bodies.total.overdue > 0,
    ]


def test_rule_medical_regulation_art_38_appraisal_time_is_not_counted(engine) -> None:  # type: ignore[no-untyped-def]
    """Paused on 11-10 (23 working days counted: 10-10, the 调休 Saturday, is day 1), the
    report back on 11-30: 11-11..11-30 are 14 working days left out, so the 30 end on the
    44th working day after 10-09 — the 7 left, counted from 12-01: 12-09. Meanwhile the
    case, past its old deadline of 11-19 on 12-01, is overdue nowhere."""
    case_id = _medical_case_assigned(engine)
    assert _overdue_everywhere(engine, case_id) == [True] * 5

    change = _run(
        engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 11, 10), note="河南省医学会"
    )
    row = _row(engine, case_id)
    assert (row.paused_on, row.pause_reason, row.paused_days, row.deadline) == (
        D(2026, 11, 10),
        "appraisal",
        0,
        None,
    )
    assert change.as_json()["paused_on"] == "2026-11-10"
    assert _overdue_everywhere(engine, case_id) == [False] * 5
    with UnitOfWork(engine, CLERK) as uow:
        shown = cases.show_case(uow, case_id)
    assert (shown["paused_on"], shown["pause_reason"], shown["deadline"]) == (
        "2026-11-10",
        "appraisal",
        None,
    )

    change = _run(engine, lifecycle.resume, case_id, on=D(2026, 11, 30))
    row = _row(engine, case_id)
    assert (row.paused_on, row.pause_reason, row.paused_days, row.deadline) == (
        None,
        None,
        14,
        D(2026, 12, 9),
    )
    assert change.as_json()["paused_days"] == 14
    assert _overdue_everywhere(engine, case_id) == [False] * 5

    # an agreed extension afterwards counts from the start with the paused days kept
    _run(engine, lifecycle.extend, case_id, 2, "医患双方书面约定延长")
    assert _row(engine, case_id).deadline == D(2026, 12, 11)

    with Session(engine) as session:
        events = session.exec(
            select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.id)
        ).all()
    pause, resume = events[-3], events[-2]
    assert (pause.action, pause.note, pause.before, pause.after) == (
        "pause",
        "河南省医学会",
        {"paused_on": None, "pause_reason": None, "deadline": "2026-11-19"},
        {"paused_on": "2026-11-10", "pause_reason": "appraisal", "deadline": None},
    )
    assert (resume.action, resume.after) == (
        "resume",
        {
            "paused_on": None,
            "pause_reason": None,
            "paused_days": 14,
            "deadline": "2026-12-09",
            "resumed_on": "2026-11-30",
        },
    )


def test_rule_medical_regulation_art_38_a_limit_in_calendar_days_moves_by_calendar_days(
    engine,
) -> None:  # type: ignore[no-untyped-def]
    """A medical case whose limit was stored in calendar days (routed before 0020): the
    span is counted in its own unit. Assigned 11-02, 30 days end on 12-02; paused 11-20,
    back 11-27: 7 days left out, so 30 + 7 from 11-02 end on 12-09 (a Wednesday)."""
    with Session(engine) as session:
        factories.org(session, "jz-test-medical", kind="professional", field="medical")
        row = factories.case(
            session, org_id="jz-test-medical", source="self_accepted", deadline_days=30
        )
        session.commit()
        case_id = int(row.id)  # type: ignore[arg-type]
    with UnitOfWork(engine, "管理员") as uow:
        mediator = mediators.add_mediator(uow, "jz-test-medical", "吴调解员", "people").id
        uow.commit()
    _run(engine, lifecycle.assign, case_id, mediator, on=D(2026, 11, 2))
    assert (_row(engine, case_id).deadline_unit, _row(engine, case_id).deadline) == (
        None,
        D(2026, 12, 2),
    )
    _run(engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 11, 20))
    _run(engine, lifecycle.resume, case_id, on=D(2026, 11, 27))
    assert (_row(engine, case_id).paused_days, _row(engine, case_id).deadline) == (
        7,
        D(2026, 12, 9),
    )


def _refused(engine, service, *args, error=ValidationError, **kw) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as caught, UnitOfWork(engine, CLERK) as uow:
        service(uow, *args, **kw)
    return str(caught.value)


def test_rule_medical_regulation_art_38_no_other_case_is_paused(engine) -> None:  # type: ignore[no-untyped-def]
    """Art. 38 is the medical committee's limit: a case at any other body, or a court's
    referral there (特邀调解规定 art. 27 leaves no time out), has no pause."""
    with Session(engine) as session:
        factories.org(session, "jz-test-medical", kind="professional", field="medical")
        factories.org(session, "jz-test-traffic", kind="professional", field="traffic")
        ids = [
            int(factories.case(session, org_id=org, source=source, status="assigned").id)  # type: ignore[arg-type]
            for org, source in (
                ("jz-test-traffic", "self_accepted"),
                ("jz-test-medical", "court_delegated"),
                ("jz-test-medical", "court_entrusted"),
            )
        ]
        session.commit()
    other, delegated, entrusted = ids
    pause = lifecycle.pause
    assert "医疗纠纷预防和处理条例第三十八条" in _refused(engine, pause, other, "appraisal")
    for case_id in (delegated, entrusted):
        assert "特邀调解规定第二十七条" in _refused(engine, pause, case_id, "appraisal")
    assert "only an expert assessment" in _refused(engine, pause, other, "holiday").lower()


def test_a_pause_is_refused_where_it_cannot_be_and_ends_only_once(engine) -> None:  # type: ignore[no-untyped-def]
    case_id = _medical_case_assigned(engine)
    # before the limit began, after it ended, in the future
    assert "before the case was assigned" in _refused(
        engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 10, 8)
    )
    assert "ended on 2026-11-19" in _refused(
        engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 11, 19)
    )
    assert "in the future" in _refused(
        engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 12, 2), error=BadOptionValue
    )
    assert "not paused" in _refused(engine, lifecycle.resume, case_id)

    _run(engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 11, 18))
    assert "already paused since 2026-11-18" in _refused(
        engine, lifecycle.pause, case_id, "appraisal"
    )
    # while it lasts the case is neither extended, transferred nor closed
    for service, args in (
        (lifecycle.extend, (2, "双方同意")),
        (lifecycle.transfer, ("当事人申请",)),
        (record_outcome, ("withdrawn",)),
    ):
        assert "case resume" in _refused(engine, service, case_id, *args)
    assert "before the pause began" in _refused(
        engine, lifecycle.resume, case_id, on=D(2026, 11, 17)
    )
    assert "in the future" in _refused(
        engine, lifecycle.resume, case_id, on=D(2026, 12, 2), error=BadOptionValue
    )
    # the same day: nothing left out, the 30th working day again
    _run(engine, lifecycle.resume, case_id, on=D(2026, 11, 18))
    assert (_row(engine, case_id).paused_days, _row(engine, case_id).deadline) == (
        0,
        D(2026, 11, 19),
    )
    assert "not paused" in _refused(engine, lifecycle.resume, case_id)
    # a second pause begins no earlier than the first ended: no day is left out twice
    assert "before the last pause ended (2026-11-18)" in _refused(
        engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 11, 17)
    )

    _run(engine, record_outcome, case_id, "withdrawn", decided_on=D(2026, 11, 30))
    assert "is withdrawn" in _refused(engine, lifecycle.pause, case_id, "appraisal").lower()


def test_migration_0022_goes_down_and_up_with_a_paused_case_kept(engine) -> None:  # type: ignore[no-untyped-def]
    """Down to 0021 with a case still paused is refused (its deadline would be lost); once
    resumed the columns go and the case stays with its moved deadline; up again, nothing
    is paused (the count of days paused goes with its column)."""
    from alembic import command
    from sqlalchemy import inspect, text

    from mediate.store.migrate import alembic_config, check_schema, head_revision, upgrade

    case_id = _medical_case_assigned(engine)
    _run(engine, lifecycle.pause, case_id, "appraisal", on=D(2026, 11, 10))
    with pytest.raises(RuntimeError, match="resume them first"):
        command.downgrade(alembic_config(engine), "0021")
    assert "paused_on" in {c["name"] for c in inspect(engine).get_columns("cases")}
    _run(engine, lifecycle.resume, case_id, on=D(2026, 11, 30))

    command.downgrade(alembic_config(engine), "0021")
    schema = inspect(engine)
    names = {c["name"] for c in schema.get_columns("cases")}
    assert not names & {"paused_on", "pause_reason", "paused_days"}
    assert not [t for t in schema.get_table_names() if t.startswith("_alembic_tmp")]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM cases")).scalars().all() == [case_id]

    assert upgrade(engine)[1] == head_revision()
    check_schema(engine)
    row = _row(engine, case_id)
    assert (row.paused_on, row.pause_reason, row.paused_days, row.deadline) == (
        None,
        None,
        0,
        D(2026, 12, 9),
    )
