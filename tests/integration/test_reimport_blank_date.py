"""A referral without a 案号 and with a blank 收案日期, re-sent on another day, is the
stored case (intake/keys.py: a blank date is keyed as blank, not as the import's day)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mediate import clock
from mediate.services.intake import ImportOptions, import_referrals
from mediate.store.tables import CaseRow
from mediate.store.uow import UnitOfWork
from tests.clockrun import FIXED_NOW
from tests.importing import count

HEADER = "案号,案由,委派法院,收案日期,申请人,被申请人,被申请人住所"


def _import(engine: Any, path: Path, update: str | None = None) -> Any:
    with UnitOfWork(engine, "测试书记员") as uow:
        return import_referrals(uow, path, ImportOptions(update=update))


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
