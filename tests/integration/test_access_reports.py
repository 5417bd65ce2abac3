"""Reports count the cases of the bodies the clerk sees: a supervisor's figures cover
their body and those below it; a clerk's their own body; an admin's everything."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from mediate.services.clerks import add_clerk
from mediate.services.reports import make_filters, report_funnel, report_overdue
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.uow import UnitOfWork
from tests import factories

COUNTY = "jz-r-county"
TOWNSHIP = "jz-r-township"
OTHER = "jz-r-other"
AS_OF = dt.date(2026, 12, 20)


@pytest.fixture
def engine(database):
    engine = make_engine(database.url)
    upgrade(engine)
    with Session(engine) as session:
        factories.org(session, COUNTY, name="县中心", division_code="410802")
        factories.org(
            session,
            TOWNSHIP,
            name="乡中心",
            kind="township_center",
            level="township",
            division_code="410802009",
            parent_id=COUNTY,
        )
        factories.org(session, OTHER, name="别县中心", division_code="410811")
        for org_id, settled, overdue in ((COUNTY, 1, 1), (TOWNSHIP, 2, 1), (OTHER, 4, 2)):
            for _ in range(settled):
                factories.case(
                    session, org_id=org_id, status="settled", closed_on=dt.date(2026, 11, 20)
                )
            for _ in range(overdue):
                factories.case(
                    session, org_id=org_id, status="in_mediation", deadline=dt.date(2026, 12, 1)
                )
        session.commit()
    with UnitOfWork(engine, "管理员") as uow:
        add_clerk(uow, "管理员", None, "admin")
        add_clerk(uow, "县主任", COUNTY, "supervisor")
        add_clerk(uow, "乡书记员", TOWNSHIP, "clerk")
        uow.commit()
    yield engine
    engine.dispose()


def figures(engine, clerk):
    filters = make_filters(period="2026", today=AS_OF)
    with UnitOfWork(engine, clerk) as uow:
        funnel = report_funnel(uow, filters).as_json()
        overdue = report_overdue(uow, filters, as_of=AS_OF).as_json()
    return funnel["total"]["closed"], overdue["total"], {c["org_id"] for c in overdue["cases"]}


@pytest.mark.parametrize(
    ("clerk", "expected"),
    [
        ("管理员", (7, 4, {COUNTY, TOWNSHIP, OTHER})),
        ("县主任", (3, 2, {COUNTY, TOWNSHIP})),
        ("乡书记员", (2, 1, {TOWNSHIP})),
    ],
)
def test_report_figures_cover_the_bodies_the_clerk_sees(engine, clerk, expected):
    assert figures(engine, clerk) == expected
