"""A referral without a 案号 and with a blank 收案日期, re-sent on another day, is the
stored case (intake/keys.py: a blank date is keyed as blank, not as the import's day); one
stored before that (its key with the import's day) is still found by a re-send that day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from mediate import clock
from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
from mediate.intake import worker
from mediate.intake.keys import natural_key
from mediate.services.intake import ImportOptions, import_referrals
from mediate.store.tables import CaseRow
from mediate.store.uow import UnitOfWork
from tests.clockrun import FIXED_NOW
from tests.importing import count

HEADER = "案号,案由,委派法院,收案日期,申请人,被申请人,被申请人住所"


def _import(engine: Any, path: Path, update: str | None = None, dry_run: bool = False) -> Any:
    with UnitOfWork(engine, "测试书记员") as uow:
        return import_referrals(uow, path, ImportOptions(update=update, dry_run=dry_run))


def test_a_blank_dated_row_resent_the_next_day_updates_the_stored_case(engine, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,,张三,李四,\n", "utf-8")
    clock.set_clock(FIXED_NOW - dt.timedelta(days=1))
    assert _import(engine, first).imported == 1
    clock.set_clock(FIXED_NOW)  # the court re-sends it the next day, with an address
    again = tmp_path / "again.csv"
    again.write_text(f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,,张三,李四,焦作市\n", "utf-8")
    report = _import(engine, again, update="fill")
    assert (report.imported, report.updated, report.rejected) == (0, 1, 0), report.errors
    assert count(engine, CaseRow) == 1
    changed = [(c.field, c.new) for c in report.changes]
    assert changed == [("address", "焦作市")]  # the date received is no difference
    with engine.connect() as c:
        received = c.execute(select(CaseRow.received_on)).scalar_one()
    assert received == FIXED_NOW.date() - dt.timedelta(days=1)  # kept: the first import's day


def test_a_dated_row_is_not_the_blank_dated_one(engine, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,,张三,李四,\n", "utf-8")
    assert _import(engine, first).imported == 1
    dated = tmp_path / "dated.csv"
    dated.write_text(
        f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,2026-11-30,张三,李四,\n", "utf-8"
    )
    assert _import(engine, dated).imported == 1


def _dated_key(court: str, day: dt.date) -> str:
    """The key of the files' referral written with `day` as its 收案日期."""
    parties = [
        Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
        Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四"),
    ]
    return natural_key(
        CaseInput(cause="民间借贷纠纷", parties=parties, referring_court=court, received_on=day)
    )


def _keyed_as_before_0efa544(engine: Any, court: str, day: dt.date) -> str:
    """The stored case's key made as the code before 0efa544 made it for a blank 收案日期:
    the row's key with the day intake filled in, the court as the row wrote it."""
    old = _dated_key(court, day)
    with engine.begin() as c:
        c.execute(update(CaseRow).values(intake_key=old))
    return old


def _stored_key(engine: Any) -> str:
    with engine.connect() as c:
        return str(c.execute(select(CaseRow.intake_key)).scalar_one())


@pytest.mark.parametrize("reader", ["inline", "process"])
def test_a_case_keyed_with_the_import_day_is_found_by_a_same_day_resend(
    engine, tmp_path, monkeypatch, reader
):
    monkeypatch.setenv(worker.ENV, reader)
    first = tmp_path / "first.csv"  # a short court name: the old key is of the name as written
    first.write_text(f"{HEADER}\n,民间借贷纠纷,中站区法院,,张三,李四,\n", "utf-8")
    assert _import(engine, first).imported == 1
    old = _keyed_as_before_0efa544(engine, "中站区法院", clock.today())
    dry = _import(engine, first, dry_run=True)
    assert (dry.imported, dry.duplicates, dry.rejected) == (0, 1, 0), dry.errors
    again = _import(engine, first)
    assert (again.imported, again.duplicates, again.rejected) == (0, 1, 0), again.errors
    assert count(engine, CaseRow) == 1
    assert _stored_key(engine) == old  # found by it, not rewritten


def test_import_update_compares_a_same_day_resend_with_the_case_keyed_with_the_day(
    engine, tmp_path
):
    first = tmp_path / "first.csv"
    first.write_text(f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,,张三,李四,\n", "utf-8")
    assert _import(engine, first).imported == 1
    old = _keyed_as_before_0efa544(engine, "焦作市中站区人民法院", clock.today())
    again = tmp_path / "again.csv"
    again.write_text(f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,,张三,李四,焦作市\n", "utf-8")
    report = _import(engine, again, update="fill")
    assert (report.imported, report.updated, report.rejected) == (0, 1, 0), report.errors
    assert [(c.field, c.new) for c in report.changes] == [("address", "焦作市")]
    assert count(engine, CaseRow) == 1
    assert _stored_key(engine) == old


def test_a_row_with_its_own_date_is_keyed_with_it_not_taken_for_a_day_keyed_case(engine, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,,张三,李四,\n", "utf-8")
    assert _import(engine, first).imported == 1
    _keyed_as_before_0efa544(engine, "焦作市中站区人民法院", clock.today())
    earlier = clock.today() - dt.timedelta(days=1)
    dated = tmp_path / "dated.csv"
    dated.write_text(
        f"{HEADER}\n,民间借贷纠纷,焦作市中站区人民法院,{earlier},张三,李四,\n", "utf-8"
    )
    assert _import(engine, dated).imported == 1
    with engine.connect() as c:
        keys = set(c.execute(select(CaseRow.intake_key)).scalars())
    assert _dated_key("焦作市中站区人民法院", earlier) in keys
