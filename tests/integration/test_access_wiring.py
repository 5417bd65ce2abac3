"""The access rule reaches every service that reads or changes cases of other areas:
case list/show/history, exports, lifecycle changes, outcomes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from mediate.errors import AccessDenied
from mediate.services import cases, exports, lifecycle, outcomes
from mediate.services.clerks import add_clerk
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.uow import UnitOfWork
from tests import factories

MINE = "jz-test-mine"
THEIRS = "jz-test-theirs"


@pytest.fixture
def engine(database):
    engine = make_engine(database.url)
    upgrade(engine)
    with Session(engine) as session:
        factories.org(session, MINE, name="本中心", division_code="410802")
        factories.org(session, THEIRS, name="他中心", division_code="410811")
        mine = factories.case(session, org_id=MINE, court_case_no="本-1", status="in_mediation")
        theirs = factories.case(session, org_id=THEIRS, court_case_no="他-1", status="in_mediation")
        session.commit()
        ids = {"mine": mine.id, "theirs": theirs.id}
    with UnitOfWork(engine, "管理员") as uow:
        add_clerk(uow, "管理员", None, "admin")
        add_clerk(uow, "本书记员", MINE, "clerk")
        uow.commit()
    engine.ids = ids
    yield engine
    engine.dispose()


def test_case_list_show_and_history_keep_to_the_clerks_body(engine):
    with UnitOfWork(engine, "本书记员") as uow:
        page = cases.list_cases(uow, cases.CaseFilter())
        assert [r["court_case_no"] for r in page.rows] == ["本-1"]
        assert page.total == 1
        cases.show_case(uow, engine.ids["mine"])
        with pytest.raises(AccessDenied):
            cases.show_case(uow, engine.ids["theirs"])
        with pytest.raises(AccessDenied):
            cases.case_history(uow, engine.ids["theirs"])


def test_exports_carry_only_the_clerks_cases(engine):
    with UnitOfWork(engine, "本书记员") as uow:
        rows = list(exports.export_cases(uow, exports.CaseExportFilters()))
    with UnitOfWork(engine, "管理员") as uow:
        every = list(exports.export_cases(uow, exports.CaseExportFilters()))
    assert [r["court_case_no"] for r in rows] == ["本-1"]
    assert sorted(r["court_case_no"] for r in every) == ["他-1", "本-1"]


def test_changes_to_another_bodys_case_are_refused_and_nothing_is_written(engine):
    with UnitOfWork(engine, "本书记员") as uow:
        with pytest.raises(AccessDenied, match="may not change case"):
            lifecycle.extend(uow, engine.ids["theirs"], 5, "双方同意")
        with pytest.raises(AccessDenied, match="may not change case"):
            outcomes.record_outcome(
                uow, engine.ids["theirs"], "failed", dt.date(2026, 11, 10), reason="未达成"
            )
    with UnitOfWork(engine, "管理员") as uow:
        history = cases.case_history(uow, engine.ids["theirs"])
    assert history == []
