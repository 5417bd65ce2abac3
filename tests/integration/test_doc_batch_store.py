"""`doc batch` over DB-API (services/docsql.py) reads and writes what the unit of work does.

The batch's DB-API store must keep the unit of work's guarantees: the same cases for the
same clerk, the same records (values and their Python types), and the same rows stored —
the document row and its audit event, byte for byte, in the acting clerk's name and body.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date
from sqlmodel import Session

from mediate.services import docsql
from mediate.store.engine import make_engine
from mediate.store.tables import (
    CaseRow,
    ConfirmationRow,
    EventRow,
    MediationSessionRow,
    MediatorRow,
    OrgRow,
    OutcomeRow,
    PartyRow,
)
from mediate.store.types import Money, UTCDateTime
from tests import factories

TABLES = (CaseRow, PartyRow, OutcomeRow, ConfirmationRow, OrgRow, MediatorRow, MediationSessionRow)
CENTER = "jz-jfq-court-center"


def _converter(column_type: Any) -> Any:
    """The conversion docsql must apply to a column of this SQLAlchemy type."""
    if isinstance(column_type, Money):
        return docsql._money
    if isinstance(column_type, UTCDateTime):
        return docsql.utc
    if isinstance(column_type, JSON):
        return docsql.json_value
    if isinstance(column_type, Boolean):
        return docsql._bool
    if isinstance(column_type, Date):
        return docsql.day
    return None


def test_every_typed_column_of_the_records_is_converted_as_its_model_reads_it():
    """A column added to a model with a date, time, money, JSON or boolean type must be
    added to docsql.CONVERT: the light store would hand the context its raw text."""
    expected = {}
    for model in TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        expected[table.name] = {
            c.name: found for c in table.columns if (found := _converter(c.type)) is not None
        }
    assert expected == docsql.CONVERT


def _seed(url: str) -> list[int]:
    engine = make_engine(url)
    with Session(engine) as session:
        factories.credit_committee(session)
        mediator = MediatorRow(org_id="jz-jfq-court-center", name="刘明", type="people")
        factories.org(session, CENTER)
        session.add(mediator)
        session.flush()
        ids = []
        for n, (org_id, amount) in enumerate(
            [(CENTER, Decimal("52000.50")), (CENTER, None), ("jz-credit", Decimal("7"))]
        ):
            minor = factories.person(
                "respondent", "王五", birth_date=dt.date(2010, 1, 1), guardian="王大"
            )
            case = factories.case(
                session,
                parties=[factories.person(), minor],
                org_id=org_id,
                status="settled",
                amount=amount,
                facts="借款到期未还。",
                mediator_id=mediator.id if n == 0 else None,
                closed_on=dt.date(2026, 11, 10),
                tags=["急"],
            )
            session.add(
                OutcomeRow(
                    case_id=case.id,
                    result="settled",
                    decided_on=dt.date(2026, 11, 10),
                    effective_on=dt.date(2026, 11, 10),
                    perform_by=dt.date(2026, 12, 31),
                    terms="王五于2026年12月31日前归还借款\n张三放弃利息",
                    amount=amount,
                    recorded_by="测试书记员",
                )
            )
            session.add(
                ConfirmationRow(
                    case_id=case.id,
                    court="焦作市解放区人民法院",
                    status="drafted",
                    apply_by=dt.date(2026, 12, 10),
                    warnings=["W1"] if n == 0 else [],
                )
            )
            ids.append(case.id)
        from mediate import clock

        soon = clock.now() + dt.timedelta(days=2)
        for case_id, offset, status in (  # the notice: the next scheduled session wins
            (ids[0], 3, "scheduled"),
            (ids[0], 1, "scheduled"),
            (ids[0], 0.5, "cancelled"),
            (ids[0], -5, "scheduled"),
            (ids[1], -3, "scheduled"),  # past
        ):
            session.add(
                MediationSessionRow(
                    case_id=case_id,
                    starts_at=soon + dt.timedelta(days=offset),
                    place="调解室",
                    mediator_id=mediator.id if offset == 1 else None,
                    summoned=[1, 2],
                    status=status,
                    created_by="测试书记员",
                )
            )
        for n, basis in enumerate(("第一次", "第二次")):  # the credit notice: the last wins
            session.add(
                EventRow(
                    case_id=ids[0],
                    clerk="测试书记员",
                    action="credit_report",
                    after={"basis": basis, "enterprises": ["焦作市某某商贸有限公司"]},
                )
            )
            session.add(EventRow(case_id=ids[0], clerk="测试书记员", action="note", after={"n": n}))
        session.commit()
    engine.dispose()
    return ids


def _columns(row: Any, model: Any) -> dict[str, tuple[Any, type]]:
    return {
        c.name: (getattr(row, c.name), type(getattr(row, c.name)))
        for c in model.__table__.columns  # type: ignore[attr-defined]
    }


def _models_records(session: Session, ids: list[int]) -> dict[int, Any]:
    """What the documents' SQL (docsql.RecordQueries) must read, as the models read it:
    the oracle, written with the ORM and kept apart from the SQL it checks."""
    from sqlmodel import col, select

    from mediate import clock

    found = {}
    for case_id in ids:
        case = session.get(CaseRow, case_id)
        assert case is not None

        def one(model: Any, case_id: int = case_id) -> Any:
            return session.exec(select(model).where(model.case_id == case_id)).first()

        sessions = session.exec(
            select(MediationSessionRow)
            .where(
                MediationSessionRow.case_id == case_id, MediationSessionRow.status == "scheduled"
            )
            .where(col(MediationSessionRow.starts_at) >= clock.now())
            .order_by(col(MediationSessionRow.starts_at), col(MediationSessionRow.id))
        ).first()
        reports = session.exec(
            select(EventRow)
            .where(EventRow.case_id == case_id, EventRow.action == "credit_report")
            .order_by(col(EventRow.id).desc())
        ).first()
        found[case_id] = SimpleNamespace(
            case=case,
            parties=list(session.exec(select(PartyRow).where(PartyRow.case_id == case_id))),
            outcome=one(OutcomeRow),
            confirmation=one(ConfirmationRow),
            org=session.get(OrgRow, case.org_id),
            mediator=session.get(MediatorRow, case.mediator_id) if case.mediator_id else None,
            session=sessions,
            session_mediator=sessions and session.get(MediatorRow, sessions.mediator_id),
            extra={"credit_report": dict(reports.after)} if reports else {},
        )
    return found


def test_the_records_read_are_the_models_values(initialised, cli):
    """Every kind's records, read by the documents' one SQL (docsql.RecordQueries) on the
    DB-API store's connection and on the unit of work's, are the values and Python types
    the SQLModel tables read; the cases selected are the ones an ORM query selects. (On
    PostgreSQL the unit of work's only: the DB-API store is for SQLite.)"""
    sqlite = initialised.backend == "sqlite"
    ids = _seed(initialised.url)
    from mediate.config import load_settings
    from mediate.documents.kinds import KINDS
    from mediate.services.documents import UowStore
    from mediate.store.uow import UnitOfWork

    engine = make_engine(initialised.url)
    with Session(engine) as session:
        expected = _models_records(session, ids)
    engine.dispose()
    read = {}
    for kind in KINDS.values():  # every kind through the DB-API store, none refused
        engine = make_engine(initialised.url)
        with UnitOfWork(engine, "测试书记员") as uow:  # the rows are read while it is open
            theirs = read[kind.id] = UowStore(uow).records(kind, ids)
            assert UowStore(uow).case_ids({"status": "settled", "result": "settled"}) == ids
            assert UowStore(uow).case_ids({"org": "jz-credit"}) == ids[2:]
        engine.dispose()
        ours = theirs
        if sqlite:
            settings = load_settings(db=initialised.url, clerk="测试书记员")
            store = docsql.open_store(settings, kind.id)
            with store.reader:
                ours = store.records(kind, ids)
                assert store.case_ids({"status": "settled", "result": "settled"}) == ids
        assert sorted(ours) == sorted(theirs) == ids
        for case_id in ids:
            model = SimpleNamespace(**vars(expected[case_id]))  # what this kind reads of it
            if kind.id != "notice":
                model.session = model.session_mediator = None
            if kind.id != "credit_notice":
                model.extra = {}
            for records in (ours[case_id], theirs[case_id]):
                _same_records(records, model)
    credit, notice = read["credit_notice"], read["notice"]
    assert credit[ids[0]].extra["credit_report"]["basis"] == "第二次"
    assert "credit_report" not in credit[ids[1]].extra
    assert notice[ids[0]].session.mediator_id == notice[ids[0]].session_mediator.id
    assert notice[ids[1]].session is None


def _same_records(mine: Any, other: Any) -> None:
    assert mine.extra == other.extra
    for name, model in (("session", MediationSessionRow), ("session_mediator", MediatorRow)):
        mine_row, other_row = getattr(mine, name), getattr(other, name)
        assert (mine_row is None) == (other_row is None)
        if other_row is not None:
            assert _columns(mine_row, model) == _columns(other_row, model)
    assert _columns(mine.case, CaseRow) == _columns(other.case, CaseRow)
    assert [_columns(p, PartyRow) for p in mine.parties] == [
        _columns(p, PartyRow) for p in other.parties
    ]
    assert _columns(mine.outcome, OutcomeRow) == _columns(other.outcome, OutcomeRow)
    pair = (mine.confirmation, other.confirmation)
    assert _columns(pair[0], ConfirmationRow) == _columns(pair[1], ConfirmationRow)
    assert _columns(mine.org, OrgRow) == _columns(other.org, OrgRow)
    if other.mediator is None:
        assert mine.mediator is None
    else:
        assert _columns(mine.mediator, MediatorRow) == _columns(other.mediator, MediatorRow)


def _stored(path: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def test_a_batch_stores_the_same_rows_and_events_on_both_paths(
    initialised, cli, tmp_path, monkeypatch
):
    """The same batch on two copies of one database, by the DB-API store and by the unit
    of work, as a registered clerk of one body (who sees that body's cases only): the same
    files, and the same `documents` and `events` rows as stored (the clock held still)."""
    if initialised.backend != "sqlite":
        pytest.skip("the DB-API store is for SQLite")
    ids = _seed(initialised.url)
    db = ["--db", initialised.url]
    admin = cli([*db, "--clerk", "王主任", "clerk", "add", "王主任", "--role", "admin"])
    assert admin.exit_code == 0, admin.output
    added = cli([*db, "--clerk", "王主任", "clerk", "add", "李书记员", "--org", CENTER])
    assert added.exit_code == 0, added.output
    source = Path(initialised.url.removeprefix("sqlite:///"))
    copies = {name: tmp_path / f"{name}.db" for name in ("dbapi", "uow")}
    for copy in copies.values():
        shutil.copyfile(source, copy)
    from mediate import clock

    still = clock.now()
    monkeypatch.setattr(clock, "now", lambda: still)
    from mediate.services.documents import UowStore

    used = []
    real_dbapi, real_uow = docsql.SqlBatchStore.store_document, UowStore.store_document
    monkeypatch.setattr(
        docsql.SqlBatchStore, "store_document", lambda *a: (used.append("dbapi"), real_dbapi(*a))
    )
    monkeypatch.setattr(UowStore, "store_document", lambda *a: (used.append("uow"), real_uow(*a)))
    files = {}
    out = tmp_path / "out"
    for name, copy in copies.items():
        if name == "uow":
            from mediate.store.dbapi import NeedsFullPath

            def refuse(*args: object) -> None:
                raise NeedsFullPath("the unit of work's turn")

            monkeypatch.setattr(docsql, "open_store", refuse)
        shutil.rmtree(out, ignore_errors=True)
        result = cli(
            [
                "--db",
                f"sqlite:///{copy}",
                "--clerk",
                "李书记员",
                "doc",
                "batch",
                "application",
                "-o",
                str(out),
                "--date",
                "2026-11-20",
            ]
        )
        assert result.exit_code == 0, result.output
        files[name] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert used == ["dbapi", "dbapi", "uow", "uow"]  # two cases of the clerk's body each
    assert files["dbapi"] == files["uow"]
    assert sorted(files["dbapi"]) == sorted(f"{i}-司法确认申请书-张三等.docx" for i in ids[:2])
    for table in ("documents", "events"):
        assert _stored(copies["dbapi"], table) == _stored(copies["uow"], table)
    events = _stored(copies["dbapi"], "events")[-2:]
    assert [(e[1], e[3], e[4], e[5]) for e in events] == [
        (i, "李书记员", CENTER, "document") for i in ids[:2]
    ]


def test_the_unit_of_work_reads_the_records_with_the_one_sql(initialised, monkeypatch):
    """`doc render`, `doc batch` through the unit of work and the dossier read with the
    documents' SQL (docsql.RecordQueries) on the unit of work's connection, not a second
    copy of its queries."""
    ids = _seed(initialised.url)
    from mediate.documents.kinds import KINDS
    from mediate.services.documents import UowStore, attach_credit_reports, load_records
    from mediate.store.uow import UnitOfWork

    tables: list[str] = []
    real = docsql.RecordQueries._objects

    def objects(self: Any, table: str, *args: Any) -> Any:
        tables.append(table)
        return real(self, table, *args)

    monkeypatch.setattr(docsql.RecordQueries, "_objects", objects)
    engine = make_engine(initialised.url)
    with UnitOfWork(engine, "测试书记员") as uow:
        UowStore(uow).records(KINDS["notice"], ids)
        found = load_records(uow, ids[:1])
        attach_credit_reports(uow, found)
    engine.dispose()
    assert set(tables) == {c.__table__.name for c in TABLES}  # type: ignore[attr-defined]
    assert found[ids[0]].extra["credit_report"]["basis"] == "第二次"
