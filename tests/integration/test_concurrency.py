"""Two clerks change the same case at once: one wins, the other gets a clear conflict,
and nothing is lost. Real connections: one engine per clerk, on SQLite and PostgreSQL."""

import datetime as dt
import threading

import pytest
from sqlmodel import Session, select

from mediate.errors import ConflictError
from mediate.services import casestore, lifecycle, outcomes
from mediate.services.outcomes import Agreement
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, EventRow, OutcomeRow
from mediate.store.uow import UnitOfWork
from tests import factories


@pytest.fixture
def url(store):
    engine = make_engine(store.url)
    with Session(engine) as session:
        factories.case(
            session,
            status="in_mediation",
            assigned_on=dt.date(2026, 11, 2),
            source="court_delegated",
        )
        session.commit()
    engine.dispose()
    return store.url


def final_state(url):
    engine = make_engine(url)
    with Session(engine) as session:
        case = session.exec(select(CaseRow)).one()
        outcome_rows = session.exec(select(OutcomeRow)).all()
        events = session.exec(select(EventRow).order_by(EventRow.id)).all()
    engine.dispose()
    return case, outcome_rows, events


def test_interleaved_clerks_the_second_gets_a_conflict_naming_the_first(url):
    first, second = make_engine(url), make_engine(url)
    try:
        with UnitOfWork(first, "甲书记员") as a, UnitOfWork(second, "乙书记员") as b:
            seen_by_a = casestore.load_case(a, 1)
            seen_by_b = casestore.load_case(b, 1)
            assert seen_by_a.version == seen_by_b.version == 1
            outcomes.record_outcome(
                a, 1, "settled", dt.date(2026, 11, 10), agreement=Agreement(terms="分期还款")
            )
            a.commit()
            with pytest.raises(ConflictError) as caught:
                outcomes.record_outcome(b, 1, "failed", dt.date(2026, 11, 10), reason="未达成")
        message = str(caught.value)
        assert message.startswith("Case 1 was changed by 甲书记员 at 2026-")
        assert message.endswith("; reload it and retry.")
    finally:
        first.dispose()
        second.dispose()
    case, outcome_rows, events = final_state(url)
    assert (case.status, case.version) == ("settled", 2)
    assert [o.result for o in outcome_rows] == ["settled"]
    assert [(e.action, e.clerk) for e in events] == [("outcome", "甲书记员")]


def test_a_stale_expected_version_is_refused(url):
    engine = make_engine(url)
    try:
        with UnitOfWork(engine, "甲书记员") as uow:
            lifecycle.extend(uow, 1, 5, "双方同意")
            uow.commit()
        with UnitOfWork(engine, "乙书记员") as uow, pytest.raises(ConflictError):
            lifecycle.extend(uow, 1, 5, "双方同意", expected_version=1)
    finally:
        engine.dispose()
    case, _, events = final_state(url)
    assert (case.version, case.extension_days, len(events)) == (2, 5, 1)


def test_clerks_racing_in_threads_one_wins_and_the_rest_conflict(url):
    clerks = ["甲", "乙", "丙", "丁"]
    barrier = threading.Barrier(len(clerks))
    results: dict[str, str] = {}

    def work(clerk: str) -> None:
        engine = make_engine(url)
        try:
            with UnitOfWork(engine, clerk) as uow:
                # Everyone reads version 1 first (and holds it: the session's identity map
                # keeps only referenced rows, as a command holds its case).
                seen = casestore.load_case(uow, 1)
                barrier.wait(timeout=30)
                try:
                    lifecycle.extend(uow, 1, 3, f"{clerk}：双方同意")
                    assert seen.version == 2
                    uow.commit()
                    results[clerk] = "ok"
                except ConflictError as exc:
                    results[clerk] = str(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=work, args=(c,)) for c in clerks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [c for c, r in results.items() if r == "ok"]
    assert len(results) == 4 and len(winners) == 1
    for clerk, message in results.items():
        if clerk not in winners:
            assert message.startswith(f"Case 1 was changed by {winners[0]} at ")
    case, _, events = final_state(url)
    assert (case.version, case.extension_days) == (2, 3)
    assert [(e.action, e.clerk) for e in events] == [("extend", winners[0])]
