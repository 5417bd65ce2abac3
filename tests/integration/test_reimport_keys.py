"""`import --update` of re-sent rows (services/reimport): a party is found by its role and
name, and changed by the same key (review of 2026-12-03: 申请人 张三's address went to
被申请人 张三); two parties of one role and name are reported, neither changed. The
source and the date received are reported, never changed, as intake reads them: a
difference only when the values differ (2026/1/5 is 2026-01-05, an Excel date is its
day, 委托 is court_entrusted, a blank cell is no value), and always when they do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from mediate.store.tables import CaseRow, EventRow, PartyRow
from tests.importing import run_import

NUMBER = "(2026)豫0802民初77号"
HEADER = ["案号", "案由", "来源", "收案日期", "申请人", "申请人住所", "被申请人", "被申请人住所"]


def _write(path: Path, *rows: list[Any]) -> Path:
    """A CSV of text cells, or a workbook (.xlsx) whose cells keep their types (dates)."""
    if path.suffix == ".xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in (HEADER, *rows):
            sheet.append(row)
        book.save(path)
    else:
        lines = [",".join("" if v is None else str(v) for v in r) for r in (HEADER, *rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(
    source: Any = "委托",
    received: Any = "2026/1/5",
    applicant: str = "张三",
    applicant_at: str = "",
    respondent: str = "张三",
    respondent_at: str = "",
) -> list[Any]:
    return [
        NUMBER,
        "买卖合同纠纷",
        source,
        received,
        applicant,
        applicant_at,
        respondent,
        respondent_at,
    ]


def _parties(engine: Any) -> list[tuple[str, str, str | None]]:
    with engine.connect() as c:
        rows = c.execute(
            select(PartyRow.role, PartyRow.name, PartyRow.address).order_by(PartyRow.position)
        ).all()
    return [tuple(r) for r in rows]


def _event(engine: Any) -> Any:
    with engine.connect() as c:
        return c.execute(
            select(EventRow.before, EventRow.after).where(EventRow.action == "import_update")
        ).one()


def _first(engine: Any, tmp_path: Path, row: list[Any] | None = None) -> None:
    report = run_import(engine, _write(tmp_path / "first.csv", row or _row()))
    assert (report.imported, report.rejected) == (1, 0), report.errors


# ---------------------------------------------------------------- the party's key


def test_update_fills_the_applicant_not_the_respondent_of_the_same_name(engine, tmp_path):
    _first(engine, tmp_path)
    resent = _write(tmp_path / "resent.csv", _row(applicant_at="焦作市解放区民主路1号"))
    report = run_import(engine, resent, update="fill")
    assert report.updated == 1
    assert _parties(engine) == [
        ("applicant", "张三", "焦作市解放区民主路1号"),
        ("respondent", "张三", None),
    ]
    [change] = report.changes
    assert (change.party, change.role, change.field) == ("张三", "applicant", "address")
    # by its number, as `case edit` records it: 张三.address would name either
    assert _event(engine).after == {"parties[1].address": "焦作市解放区民主路1号"}


def test_update_overwrite_changes_each_party_of_one_name_by_its_role(engine, tmp_path):
    _first(engine, tmp_path, _row(applicant_at="甲地1号", respondent_at="乙地2号"))
    resent = _write(tmp_path / "resent.csv", _row(applicant_at="甲地9号", respondent_at="乙地8号"))
    report = run_import(engine, resent, update="overwrite")
    assert report.updated == 1
    assert _parties(engine) == [("applicant", "张三", "甲地9号"), ("respondent", "张三", "乙地8号")]
    event = _event(engine)
    assert event.before == {"parties[1].address": "甲地1号", "parties[2].address": "乙地2号"}
    assert event.after == {"parties[1].address": "甲地9号", "parties[2].address": "乙地8号"}
    assert {(c.role, c.old, c.new) for c in report.changes} == {
        ("applicant", "甲地1号", "甲地9号"),
        ("respondent", "乙地2号", "乙地8号"),
    }


def test_a_party_of_a_name_no_other_party_bears_is_recorded_by_its_name(engine, tmp_path):
    _first(engine, tmp_path, _row(respondent="李四"))
    resent = _write(tmp_path / "resent.csv", _row(respondent="李四", respondent_at="乙地2号"))
    run_import(engine, resent, update="fill")
    assert _event(engine).after == {"李四.address": "乙地2号"}


def test_two_parties_of_one_role_and_name_are_reported_and_neither_changed(engine, tmp_path):
    _first(engine, tmp_path, _row(respondent="张三、张三"))
    resent = _write(tmp_path / "resent.csv", _row(respondent="张三", respondent_at="乙地2号"))
    for mode in ("fill", "overwrite"):
        report = run_import(engine, resent, update=mode)
        assert (report.differing, report.updated, report.changes) == (0, 0, [])
        [warning] = report.warnings
        assert (warning.row, warning.field) == (2, "被申请人")
        assert "张三" in warning.message and "case edit 1 --party N" in warning.message
    assert _parties(engine) == [
        ("applicant", "张三", None),
        ("respondent", "张三", None),
        ("respondent", "张三", None),
    ]
    with engine.connect() as c:
        assert c.execute(select(CaseRow.version)).scalar_one() == 1


def test_a_row_naming_one_role_and_name_twice_is_reported_and_nothing_changed(engine, tmp_path):
    _first(engine, tmp_path)
    resent = _write(tmp_path / "resent.csv", _row(respondent="张三、张三", respondent_at="乙地2号"))
    report = run_import(engine, resent, update="overwrite")
    assert (report.updated, report.changes) == (0, [])
    assert [(w.row, w.field) for w in report.warnings] == [(2, "被申请人")]
    assert _parties(engine) == [("applicant", "张三", None), ("respondent", "张三", None)]


def test_namesakes_the_row_does_not_change_are_not_reported(engine, tmp_path):
    _first(engine, tmp_path, _row(respondent="张三、张三"))
    report = run_import(engine, _write(tmp_path / "again.csv", _row(respondent="张三")))
    assert (report.duplicates, report.differing, report.warnings) == (1, 0, [])


# ---------------------------------------------------------------- reported, never changed


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    ("source", "received"),
    [
        ("court_entrusted", "2026-01-05"),  # the code, the ISO date
        ("法院委托（立案后）", "2026年1月5日"),  # the label `case show` prints
        (None, None),  # blank: intake's defaults (自行受理, the import's day) are no values
    ],
)
def test_an_equivalent_source_and_date_received_are_no_difference(
    engine, tmp_path, suffix, source, received
):
    _first(engine, tmp_path)
    resent = _write(tmp_path / f"resent{suffix}", _row(source=source, received=received))
    report = run_import(engine, resent, update="overwrite")
    assert (report.duplicates, report.differing, report.changes) == (1, 0, [])


@pytest.mark.parametrize(
    "received",
    [dt.date(2026, 1, 5), dt.datetime(2026, 1, 5), 46027],  # an Excel date, its serial
)
def test_a_workbook_date_cell_is_the_day_it_holds(engine, tmp_path, received):
    _first(engine, tmp_path)
    resent = _write(tmp_path / "resent.xlsx", _row(received=received))
    report = run_import(engine, resent, update="overwrite")
    assert (report.duplicates, report.differing, report.changes) == (1, 0, [])


@pytest.mark.parametrize(
    ("suffix", "received"), [(".csv", "2026/1/6"), (".xlsx", dt.date(2026, 1, 6))]
)
def test_a_different_source_and_date_received_are_reported_and_kept(
    engine, tmp_path, suffix, received
):
    _first(engine, tmp_path)
    resent = _write(tmp_path / f"resent{suffix}", _row(source="信访", received=received))
    report = run_import(engine, resent, update="overwrite")
    assert (report.differing, report.updated) == (1, 0)
    assert {(c.field, c.old, c.new, c.action) for c in report.changes} == {
        ("source", "court_entrusted", "petition", "kept"),
        ("received_on", dt.date(2026, 1, 5), dt.date(2026, 1, 6), "kept"),
    }
    with engine.connect() as c:
        stored = c.execute(select(CaseRow.source, CaseRow.received_on, CaseRow.version)).one()
    assert tuple(stored) == ("court_entrusted", dt.date(2026, 1, 5), 1)


def test_a_source_given_by_import_source_is_compared_and_kept(engine, tmp_path):
    from mediate.domain.model import Source

    _first(engine, tmp_path, _row(source=None))  # blank, no court: 自行受理 by default
    resent = _write(tmp_path / "resent.csv", _row(source=None))
    report = run_import(engine, resent, update="overwrite", source=Source.PETITION)
    assert (report.differing, report.updated) == (1, 0)
    assert [(c.field, c.old, c.new, c.action) for c in report.changes] == [
        ("source", "self_accepted", "petition", "kept")
    ]
    same = run_import(engine, resent, update="overwrite", source=Source.SELF_ACCEPTED)
    assert (same.duplicates, same.differing, same.changes) == (1, 0, [])
