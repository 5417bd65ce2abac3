"""`db copy`: a desk's SQLite database moves into another database, verified, resumable."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from mediate.errors import DatabaseError
from mediate.services.dbcopy import copy_database
from mediate.store.copy import checksums
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import CaseRow, EventRow, OrgRow, OutcomeRow, PartyRow
from tests import factories


def fill(engine, cases: int = 7) -> None:
    """Bodies whose parent sorts after them, cases with parties, JSON, money, events."""
    with Session(engine) as session:
        factories.org(session, "b-county", name="县中心", division_code="410802")
        factories.org(
            session,
            "a-township",
            name="乡中心",
            kind="township_center",
            level="township",
            division_code="410802009",
            parent_id="b-county",
        )
        for i in range(cases):
            case = factories.case(
                session,
                org_id="a-township" if i % 2 else "b-county",
                court_case_no=f"（2026）豫0802民初{i + 1}号",
                amount=Decimal("1000.05") * (i + 1),
                tags=["标签", f"t{i}"],
            )
            session.add(
                EventRow(
                    case_id=case.id,
                    clerk="甲",
                    action="registered",
                    after={"status": "routed", "n": i},
                    at=dt.datetime(2026, 11, 2, 8, i, tzinfo=dt.UTC),
                )
            )
        session.add(
            OutcomeRow(
                case_id=1,
                result="settled",
                decided_on=dt.date(2026, 11, 20),
                amount=Decimal("9.99"),
                recorded_by="甲",
            )
        )
        session.commit()


@pytest.fixture
def desk(sqlite_db):
    engine = make_engine(sqlite_db.url)
    upgrade(engine)
    fill(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def target(database, tmp_path):
    url = database.url
    if database.backend == "sqlite":  # a second file, not the desk's
        url = f"sqlite:///{tmp_path / 'target.db'}"
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_every_table_arrives_with_equal_counts_and_checksums(desk, target):
    report = copy_database(desk, target, chunk_size=3)
    assert report.verified
    counts = {t.table: (t.source_rows, t.target_rows, t.copied) for t in report.tables}
    assert counts["cases"] == (7, 7, 7)
    assert counts["parties"] == (14, 14, 14)
    assert counts["orgs"] == (2, 2, 2)
    assert counts["events"] == (7, 7, 7)
    assert checksums(desk) == checksums(target)
    with Session(target) as session:
        case = session.get(CaseRow, 3)
        assert (case.amount, case.tags) == (Decimal("3000.15"), ["标签", "t2"])
        assert session.get(OrgRow, "a-township").parent_id == "b-county"


class Interrupted(Exception):
    pass


def test_an_interrupted_copy_resumes_where_it_stopped(desk, target):
    done = []

    def stop_after_four(table: str, rows: int) -> None:
        done.append((table, rows))
        if len(done) == 4:
            raise Interrupted

    with pytest.raises(Interrupted):
        copy_database(desk, target, chunk_size=2, on_chunk=stop_after_four)
    with Session(target) as session:
        partial = len(session.exec(select(CaseRow)).all())
    assert 0 < partial < 7

    report = copy_database(desk, target, chunk_size=2)

    assert report.verified
    cases = next(t for t in report.tables if t.table == "cases")
    assert (cases.copied, cases.skipped) == (7 - partial, partial)
    assert checksums(desk) == checksums(target)


def test_running_the_copy_again_copies_nothing(desk, target):
    copy_database(desk, target)
    again = copy_database(desk, target)
    assert again.copied == 0
    assert again.skipped == sum(t.source_rows for t in again.tables)


def test_new_rows_after_the_copy_get_fresh_ids(desk, target):
    copy_database(desk, target)
    with Session(target) as session:
        row = factories.case(session, org_id="b-county", court_case_no="新案")
        session.add(PartyRow(case_id=row.id, role="applicant", kind="person", name="新人"))
        session.commit()
        assert row.id == 8


def test_a_target_holding_other_data_fails_verification(desk, target):
    upgrade(target)
    with Session(target) as session:
        factories.org(session, "zz-elsewhere", name="别处", division_code="410811")
        session.commit()
    with pytest.raises(DatabaseError, match=r"differs from .* in: orgs"):
        copy_database(desk, target)


def test_copying_a_database_onto_itself_is_refused(desk):
    with pytest.raises(DatabaseError, match="same database"):
        copy_database(desk, desk)
