"""Migration 0023: outcome rows a credit report overwrote get the failure's follow-up back
(seed items 17 and 18), on SQLite and PostgreSQL, down and up with data."""

import datetime as dt

import pytest
from alembic import command
from sqlmodel import Session, select

from mediate.services.reports import make_filters, report_funnel
from mediate.store.engine import make_engine
from mediate.store.migrate import alembic_config, check_schema, head_revision, upgrade
from mediate.store.tables import OutcomeRow
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.integration.test_outcomes import credit_case, fail, report


@pytest.fixture
def engine(store):
    engine = make_engine(store.url)
    yield engine
    engine.dispose()


def follow_ups(engine) -> dict[int, str | None]:
    with Session(engine) as session:
        return {o.case_id: o.follow_up for o in session.exec(select(OutcomeRow)).all()}


def test_rule_seed_18_migration_0023_gives_a_reported_case_its_return_to_court_back(engine):
    returned = credit_case(engine, source="court_delegated", referring_court="焦作市解放区人民法院")
    fail(engine, returned)
    report(engine, returned, on=dt.date(2026, 11, 9))
    informed = credit_case(engine)
    fail(engine, informed)
    report(engine, informed, on=dt.date(2026, 11, 9))
    with Session(engine) as session:  # marked before the decision had an event: left alone
        legacy = factories.case(session, org_id="jz-410800-credit", status="failed").id
        session.add(
            OutcomeRow(
                case_id=legacy,
                result="failed",
                decided_on=dt.date(2026, 11, 6),
                follow_up="credit_report",
                recorded_by="李书记员",
            )
        )
        session.commit()
    now = {returned: "returned_to_court", informed: "parties_informed", legacy: "credit_report"}
    assert follow_ups(engine) == now

    # down: the rows as the code before 0023 wrote them (the report overwrote the follow-up)
    command.downgrade(alembic_config(engine), "0022")
    assert follow_ups(engine) == dict.fromkeys(now, "credit_report")

    assert upgrade(engine)[1] == head_revision() == "0023"
    check_schema(engine)
    assert follow_ups(engine) == now
    with UnitOfWork(engine, "李书记员") as uow:
        funnel = report_funnel(uow, make_filters(period="2026-11"))
    assert funnel.total.count("adjudication") == 1
