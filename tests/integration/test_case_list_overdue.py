"""`case list --overdue`: the page is the earliest deadlines first, read off the index on
(status, deadline) per open status (issue 19 item 2), and the total is counted apart."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from mediate.services import cases
from mediate.services.clerks import add_clerk
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import CaseRow
from mediate.store.uow import UnitOfWork
from tests import factories

TODAY = dt.date(2026, 12, 1)
MINE = "jz-test-mine"
THEIRS = "jz-test-theirs"
OPEN = ("registered", "routed", "assigned", "in_mediation", "transferred")


@pytest.fixture
def engine(database):
    """40 cases: open ones of every open status past, at and after their deadline (deadlines
    shared across statuses, so the id breaks ties), closed ones past theirs, none without
    one; half at another body."""
    engine = make_engine(database.url)
    upgrade(engine)
    expected: dict[str, list[tuple[dt.date, int]]] = {"all": [], MINE: []}
    with Session(engine) as session:
        factories.org(session, MINE, name="本中心", division_code="410802")
        factories.org(session, THEIRS, name="他中心", division_code="410811")
        for n in range(40):
            status = (*OPEN, "settled", "failed")[n % 7]
            deadline = None if n % 13 == 5 else TODAY + dt.timedelta(days=(n * 7) % 11 - 8)
            org = MINE if n % 2 else THEIRS
            row = factories.case(
                session,
                org_id=org,
                court_case_no=f"(2026)豫0802民初{n}号",
                status=status,
                deadline=deadline,
                created_by="导入",
            )
            if status in OPEN and deadline is not None and deadline < TODAY:
                expected["all"].append((deadline, int(row.id)))
                if org == MINE:
                    expected[MINE].append((deadline, int(row.id)))
        session.commit()
    with UnitOfWork(engine, "管理员") as uow:
        add_clerk(uow, "管理员", None, "admin")
        add_clerk(uow, "本书记员", MINE, "clerk")
        uow.commit()
    engine.expected = {k: [i for _d, i in sorted(v)] for k, v in expected.items()}
    yield engine
    engine.dispose()


def _page(engine, clerk, limit, offset, **filters):
    with UnitOfWork(engine, clerk) as uow:
        found = cases.list_cases(
            uow, cases.CaseFilter(overdue=True, today=TODAY, **filters), limit, offset
        )
    return found.total, [r["id"] for r in found.rows]


def test_overdue_pages_come_earliest_deadline_first_and_the_total_counts_them_all(engine):
    expected = engine.expected["all"]
    assert len(expected) > 12  # enough for several pages
    for limit, offset in ((50, 0), (5, 0), (5, 5), (5, 10), (4, len(expected) - 2)):
        total, ids = _page(engine, "管理员", limit, offset)
        assert total == len(expected)
        assert ids == expected[offset : offset + limit]
    assert _page(engine, "管理员", 5, len(expected)) == (len(expected), [])


def test_overdue_pages_keep_to_the_clerks_body_and_other_filters(engine):
    mine = engine.expected[MINE]
    total, ids = _page(engine, "本书记员", 3, 1)
    assert (total, ids) == (len(mine), mine[1:4])
    total, ids = _page(engine, "管理员", 50, 0, status=["assigned"])
    with UnitOfWork(engine, "管理员") as uow:
        statuses = {uow.session.get(CaseRow, i).status for i in ids}
    assert statuses == {"assigned"} and total == len(ids) > 0
    assert ids == [i for i in engine.expected["all"] if i in set(ids)]
