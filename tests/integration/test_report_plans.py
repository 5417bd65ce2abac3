"""The report queries read only covering indexes on SQLite (which runs without ANALYZE
statistics), so they stay interactive on a million cases: no table scan, no row lookups
except the few listed in the urging list."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from mediate.services import reports
from mediate.store.engine import make_engine
from mediate.store.uow import UnitOfWork
from tests.report_data import AS_OF, seed

BIG_TABLES = ("cases", "decisions", "outcomes", "confirmations")


@pytest.fixture
def statements(sqlite_db, monkeypatch):
    """Every SELECT the reports run, with its parameters (sequentially, on one engine)."""
    monkeypatch.setattr(reports, "REPORT_THREADS", 1)
    seed(sqlite_db.url)
    engine = make_engine(sqlite_db.url)
    seen: list[tuple[str, object]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def grab(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    for filters in (
        reports.make_filters(period="2026H1"),
        reports.make_filters(period="2026", county="410802", source="court_entrusted"),
    ):
        with UnitOfWork(engine, "测试书记员") as uow:
            reports.report_funnel(uow, filters)
            reports.report_orgs(uow, filters, AS_OF)
            reports.report_overdue(uow, filters, AS_OF)
            reports.report_causes(uow, filters)
            reports.report_months(uow, filters)
    yield engine, list(seen)
    engine.dispose()


def plan(engine, statement, parameters):
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [row[-1] for row in rows]


# The one whole-table walk allowed: with a county or source asked for, the cases kept are
# listed in id order from this narrow index (queries.received_by_org).
CASES_IN_ID_ORDER = "SCAN cases USING COVERING INDEX ix_case_lookup"


def test_report_queries_read_big_tables_through_covering_indexes_only(statements):
    engine, seen = statements
    assert len(seen) >= 20
    for statement, parameters in seen:
        for step in plan(engine, statement, parameters):
            words = step.split()
            if len(words) < 2 or words[1] not in BIG_TABLES or step == CASES_IN_ID_ORDER:
                continue
            assert not step.startswith("SCAN"), (step, statement)
            assert "COVERING INDEX" in step or "INTEGER PRIMARY KEY" in step, (step, statement)


def test_filtered_bodies_received_walk_cases_then_their_decisions_in_id_order(statements):
    engine, seen = statements
    received = [s for s in seen if "count(distinct(decisions.case_id))" in s[0]]
    filtered = [s for s in received if "JOIN" in s[0]]
    assert len(received) == 2 and len(filtered) == 1
    steps = plan(engine, *filtered[0])
    # the cases first, in id order, then each one's decisions from the index in case order
    assert steps.index(CASES_IN_ID_ORDER) < steps.index(
        "SEARCH decisions USING COVERING INDEX ix_decision_case (case_id=?)"
    ), steps


def test_bodies_closed_days_are_listed_per_body_and_status_without_a_sort(statements):
    engine, seen = statements
    closed = [s for s in seen if "group_concat" in s[0]]
    assert len(closed) == 2
    for statement, parameters in closed:
        steps = plan(engine, statement, parameters)
        assert any("COVERING INDEX ix_case_report_org" in s for s in steps), steps
        assert not any("TEMP B-TREE" in s for s in steps), steps


def test_the_urging_list_reads_rows_only_for_the_cases_it_lists(statements):
    engine, seen = statements
    listing = [s for s in seen if "court_case_no" in s[0] and "LIMIT" in s[0]]
    assert listing
    for statement, parameters in listing:
        steps = plan(engine, statement, parameters)
        assert any("INTEGER PRIMARY KEY" in s for s in steps), steps


def test_bodies_percentiles_are_the_same_computed_in_threads(sqlite_db, monkeypatch):
    seed(sqlite_db.url)
    engine = make_engine(sqlite_db.url)
    filters = reports.make_filters(period="2026H1", today=dt.date(2026, 7, 20))
    results = []
    for threads in (1, 4):
        monkeypatch.setattr(reports, "REPORT_THREADS", threads)
        with UnitOfWork(engine, "测试书记员") as uow:
            results.append(reports.report_orgs(uow, filters, AS_OF).as_json())
    engine.dispose()
    assert results[0] == results[1]
