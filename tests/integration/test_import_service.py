"""`import_referrals` on both backends: the messy file, idempotence, --errors round trip,
dry runs, interruption, concurrent imports."""

import csv
import datetime as dt
import gc
import io
import weakref
from decimal import Decimal

import pytest
from sqlalchemy import select

from mediate.domain.model import Source
from mediate.resources import data_dir
from mediate.services.intake import ImportOptions, import_referrals
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, DecisionRow, EventRow, ImportBatchRow, PartyRow
from mediate.store.uow import UnitOfWork
from tests.importing import TODAY, count, run_import

SAMPLES = data_dir() / "samples"
MESSY = SAMPLES / "messy-referrals.csv"

MESSY_ERRORS = [
    (7, "标的额", "'五十块左右' is not an amount of money"),
    (7, "被申请人证件号", "4108**********7070: wrong check digit in the ID number (typo?)"),
    (8, "被申请人证件号",
     "1 values for 2 names in 被申请人; give them in the same order, separated by 、"),
    (9, "收案日期", "2026-02-30 is not a real date"),
    (10, "申请人证件号", "91410811MA46YQK200: wrong check character in the credit code (typo?)"),
    (10, "申请人电话",
     "12345 is not a phone number: give an 11-digit mobile or a landline with its area code "
     "(e.g. 0391-3561234)"),
    (13, "案号",
     "the case number （2026）豫0803民初502号 is used in row 5 with different data"),
]  # fmt: skip


def test_the_messy_file_imports_every_valid_row_and_reports_every_invalid_one(engine):
    events_before = count(engine, EventRow)
    report = run_import(engine, MESSY)
    assert (report.rows, report.imported, report.duplicates, report.rejected) == (10, 4, 1, 5)
    assert [(e.row, e.field, e.message) for e in report.errors] == MESSY_ERRORS
    assert report.duplicate_rows == [(12, "（2026）豫0803民初501号")]
    assert report.encoding == "gbk"
    with engine.connect() as c:
        cases = c.execute(
            select(
                CaseRow.court_case_no, CaseRow.amount, CaseRow.received_on, CaseRow.status
            ).order_by(CaseRow.court_case_no)
        ).all()
    assert [tuple(r) for r in cases] == [
        ("（2026）豫0803民初501号", Decimal("52000.00"), dt.date(2026, 11, 2), "routed"),
        ("（2026）豫0803民初502号", Decimal("12345.60"), dt.date(2026, 11, 4), "routed"),
        ("（2026）豫0803民初503号", Decimal("2860.00"), dt.date(2026, 11, 4), "routed"),
        ("（2026）豫0803民初508号", Decimal("23800.50"), dt.date(2026, 11, 6), "routed"),
    ]
    assert count(engine, PartyRow) == 2 + 3 + 2 + 2
    assert count(engine, DecisionRow) == 4
    assert count(engine, EventRow) - events_before == 4 + 1  # one per case, one for the batch


def test_parties_of_one_cell_keep_their_ids_in_order(engine):
    run_import(engine, MESSY)
    with engine.connect() as c:
        rows = c.execute(
            select(PartyRow.name, PartyRow.id_number, PartyRow.phone, PartyRow.role)
            .join(CaseRow, CaseRow.id == PartyRow.case_id)
            .where(CaseRow.court_case_no == "（2026）豫0803民初502号")
            .order_by(PartyRow.position)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("中国工商银行股份有限公司焦作分行", "91410800MA44BANK00", None, "applicant"),
        ("陈静", "410823198811115057", "13403910006", "respondent"),
        ("吴霞", "410825197904170117", "13103910009", "respondent"),
    ]


def test_importing_twice_adds_nothing(engine):
    first = run_import(engine, MESSY)
    again = run_import(engine, MESSY)
    assert (again.imported, again.duplicates, again.rejected) == (0, first.imported + 1, 5)
    assert count(engine, CaseRow) == first.imported
    with engine.connect() as c:
        batches = c.execute(
            select(
                ImportBatchRow.status, ImportBatchRow.imported, ImportBatchRow.duplicates
            ).order_by(ImportBatchRow.id)
        ).all()
    assert [tuple(b) for b in batches] == [("done", 4, 1), ("done", 0, 5)]


def test_the_errors_file_can_be_fixed_and_imported_again(engine, tmp_path):
    errors = tmp_path / "errors.csv"
    report = run_import(engine, MESSY, errors_to=errors)
    assert report.errors_file == errors
    text = errors.read_bytes().decode("gb18030")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-1] == "错误原因"
    assert len(rows) == 1 + 5
    fixes = {
        "五十块左右": "50", "410883196609097070": "410883196609097075",
        "410821199201153031": "410821199201153031、410811197806052020",
        "2026-02-30": "2026-02-28", "91410811MA46YQK200": "91410811MA46YQK20Q",
        "12345": "", "99999": "12,345.60",
    }  # fmt: skip
    fixed = [[fixes.get(cell, cell) for cell in row] for row in rows]
    fixed[3][0] = "（2026）豫0803民初506号"  # the row that had no case number
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(fixed)
    (tmp_path / "fixed.csv").write_bytes(buffer.getvalue().encode("gbk"))
    again = run_import(engine, tmp_path / "fixed.csv")
    assert [(e.row, e.message) for e in again.errors] == []
    assert (again.imported, again.duplicates, again.rejected) == (4, 1, 0)


def test_an_xlsx_batch_with_a_title_row_and_errors_written_back_as_xlsx(engine, tmp_path):
    from openpyxl import load_workbook

    report = run_import(engine, SAMPLES / "referrals-shanyang.xlsx", errors_to=tmp_path / "e.xlsx")
    assert (report.imported, report.rejected) == (5, 1)
    assert [(e.row, e.field) for e in report.errors] == [(8, "被申请人")]
    sheet = load_workbook(tmp_path / "e.xlsx").active
    values = list(sheet.values)
    assert values[0][-1] == "错误原因"
    assert values[1][0] == "(2026)豫0811民初2106号"
    assert values[1][-1] == "被申请人: a dispute needs at least one respondent"


def test_a_dry_run_routes_but_writes_nothing(engine):
    report = run_import(engine, SAMPLES / "referrals-jiefang-gbk.csv", dry_run=True)
    assert (report.imported, report.rejected, report.batch_id) == (8, 2, None)
    assert sum(report.by_org.values()) == 8
    assert count(engine, CaseRow) == 0
    assert count(engine, ImportBatchRow) == 0


def test_the_command_line_source_and_court_fill_rows_that_do_not_say(engine, tmp_path):
    path = tmp_path / "bare.csv"
    path.write_text(
        "案号,案由,申请人,被申请人\n(2026)豫0802民初9号,民间借贷纠纷,张三,李四\n",
        encoding="utf-8",
    )
    run_import(engine, path, source=Source.COURT_ENTRUSTED, court="焦作市解放区人民法院")
    with engine.connect() as c:
        row = c.execute(select(CaseRow.source, CaseRow.referring_court, CaseRow.received_on)).one()
    assert tuple(row) == ("court_entrusted", "焦作市解放区人民法院", TODAY)


def test_an_interrupted_import_keeps_whole_chunks_and_a_rerun_completes_it(engine, tmp_path):
    seen = []

    def interrupt_at_row_seven(n):
        seen.append(n)
        if len(seen) == 7:
            raise KeyboardInterrupt

    told = []
    path = SAMPLES / "referrals-jiefang-gbk.csv"
    with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(KeyboardInterrupt):
        import_referrals(
            uow, path, ImportOptions(chunk_size=3, today=TODAY), interrupt_at_row_seven, told.append
        )
    assert count(engine, CaseRow) == 6  # two whole chunks of three
    assert "6 cases were imported in whole chunks" in told[0]
    assert gc.isenabled()  # the collector, paused while importing, is back on
    with engine.connect() as c:
        batch = c.execute(select(ImportBatchRow.status, ImportBatchRow.imported)).one()
    assert tuple(batch) == ("interrupted", 6)
    rerun = run_import(engine, path)
    assert (rerun.imported, rerun.duplicates, rerun.rejected) == (2, 6, 2)
    assert count(engine, CaseRow) == 8


@pytest.mark.pg
def test_two_concurrent_imports_of_overlapping_files_import_each_case_once(engine, imports_at_once):
    reports = imports_at_once(SAMPLES / "referrals-jiefang-gbk.csv")
    assert count(engine, CaseRow) == 8
    assert reports["a"].imported + reports["b"].imported == 8
    assert reports["a"].duplicates + reports["b"].duplicates == 8


def test_the_county_comes_from_the_location_else_from_the_referring_court(engine, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "案号,案由,申请人,被申请人,纠纷发生地,委派法院\n"
        "（2026）豫0802民初31号,民间借贷纠纷,张三,李四,410882001,焦作市解放区人民法院\n"
        "（2026）豫0802民初32号,民间借贷纠纷,张三,李四,,焦作市解放区人民法院\n"
        "（2026）豫0802民初33号,民间借贷纠纷,张三,李四,,\n",
        encoding="utf-8",
    )
    run_import(engine, path)
    with engine.connect() as c:
        counties = c.execute(select(CaseRow.county_code).order_by(CaseRow.id)).scalars().all()
    assert counties == ["410882", "410802", None]


def test_a_row_repeated_in_other_words_is_a_duplicate_not_a_conflict(engine, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        "案号,案由,标的额,申请人,被申请人,收案日期\n"
        '（2026）豫0802民初41号,民间借贷纠纷,"52,000",张三,李四,2026-11-02\n'
        "（２０２６）豫０８０２民初４１号, 民间借贷纠纷 ,5.2万元,张三,李四,2026年11月2日\n"
        "（2026）豫0802民初41号,民间借贷纠纷,52001,张三,李四,2026-11-02\n",
        encoding="utf-8",
    )
    report = run_import(engine, path)
    assert (report.imported, report.duplicates, report.rejected) == (1, 1, 1)
    assert report.duplicate_rows == [(3, "（2026）豫0802民初41号")]
    assert [(e.row, e.field) for e in report.errors] == [(4, "案号")]


def test_open_cases_are_recounted_between_chunks_only_when_another_clerk_committed(
    engine, tmp_path, monkeypatch
):
    from mediate.services import intake, routing
    from mediate.services.routing import open_load

    recounts = []
    monkeypatch.setattr(routing, "open_load", lambda s: recounts.append(1) or open_load(s))
    header = "案号,案由,申请人,被申请人,纠纷发生地\n"
    path = tmp_path / "load.csv"
    path.write_text(
        header
        + "".join(f"（2026）豫0802民初{n}号,民间借贷纠纷,张三,李四,410802\n" for n in range(60, 70))
    )
    path2 = tmp_path / "load2.csv"
    path2.write_text(
        header
        + "".join(f"（2026）豫0802民初{n}号,民间借贷纠纷,张三,李四,410802\n" for n in range(80, 86))
    )
    sqlite = engine.dialect.name == "sqlite"

    def imported_in_chunks(path, progress=None):
        with UnitOfWork(engine, "测试书记员") as uow:
            router = intake.Routing.for_uow(uow)
            options = ImportOptions(today=TODAY, chunk_size=2)
            report = import_referrals(uow, path, options, progress=progress, routing=router)
        with UnitOfWork(engine, "测试书记员") as check:
            assert dict(router._router.load) == open_load(check.session)  # the counts held
        return report

    assert imported_in_chunks(path).imported == 10
    assert len(recounts) == (1 if sqlite else 5) + 1  # SQLite: nobody else wrote; + the check

    other = make_engine(str(engine.url))
    read = []

    def another_clerk_writes(n):  # after the second chunk of the import below
        read.append(n)
        if len(read) == 5:
            with UnitOfWork(other, "另一书记员") as uow:
                uow.session.connection().execute(
                    CaseRow.__table__.update()
                    .where(CaseRow.court_case_no == "（2026）豫0802民初60号")
                    .values(closed_on=TODAY)
                )
                uow.commit()

    recounts.clear()
    assert imported_in_chunks(path2, another_clerk_writes).imported == 6
    other.dispose()
    assert len(recounts) == (2 + 1 if sqlite else 3 + 1)  # + 1: the check above


def _numbered_referrals(path, rows, first=1):
    lines = ["案号,案由,申请人,被申请人"]
    lines += [f"(2026)豫0802民初{n}号,民间借贷纠纷,张三,李四" for n in range(first, first + rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Cycle:
    def __init__(self):
        self.me = self


def test_the_cycles_rows_leave_are_collected_at_each_chunk_end_while_collection_is_off(
    engine, tmp_path
):
    """The automatic collector is paused during an import (`mediate/collector.py`): what
    the rows leave in reference cycles is collected as each chunk ends, so it never
    outgrows a chunk, and the caller's collector is back on after."""
    alive = weakref.WeakSet()
    most, enabled = [], []

    def a_cycle_per_row(n):
        alive.add(_Cycle())
        most.append(len(alive))
        enabled.append(gc.isenabled())

    path = _numbered_referrals(tmp_path / "batch.csv", 30)
    assert gc.isenabled()
    with UnitOfWork(engine, "测试书记员") as uow:
        report = import_referrals(
            uow, path, ImportOptions(chunk_size=5, today=TODAY), a_cycle_per_row
        )
    assert report.imported == 30
    assert len(most) == 30 and max(most) == 5  # at most one chunk's
    assert not any(enabled)
    assert gc.isenabled()


def test_an_import_leaves_collection_off_for_a_caller_who_turned_it_off(engine):
    gc.disable()
    try:
        report = run_import(engine, SAMPLES / "referrals-jiefang-gbk.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert report.imported == 8


def test_an_import_keeps_no_objects_per_row(engine, tmp_path):
    """Memory stays flat: what the process holds after importing 2N rows is what it holds
    after N (the report aside, which is the caller's), cycles collected."""

    def held_after(rows, first):
        gc.collect()
        before = len(gc.get_objects())
        report = run_import(engine, _numbered_referrals(tmp_path / f"{first}.csv", rows, first))
        assert report.imported == rows
        del report
        gc.collect()
        return len(gc.get_objects()) - before

    held_after(20, 1)  # caches warmed: compiled statements, the rules
    assert held_after(80, 100) - held_after(40, 200) < 20


def test_the_import_gives_back_the_sqlite_page_cache_it_enlarged(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite connection setting")
    with UnitOfWork(engine, "测试书记员") as uow:
        raw = uow.session.connection().connection.driver_connection
        (before,) = raw.execute("PRAGMA cache_size").fetchone()
        report = import_referrals(uow, SAMPLES / "referrals-jiefang-gbk.csv", ImportOptions())
        (after,) = raw.execute("PRAGMA cache_size").fetchone()
    assert report.imported == 8
    assert after == before


def test_the_subject_matter_location_column_is_stored(engine, tmp_path):
    """CPL 2023 art. 205(2): 标的物所在地 is stored apart from 纠纷发生地."""
    path = tmp_path / "batch.csv"
    path.write_text(
        "案号,案由,标的额,委派法院,收案日期,纠纷发生地,标的物所在地,申请人,申请人证件号,"
        "被申请人,被申请人证件号\n"
        "（2026）豫0802民初9号,买卖合同纠纷,1000,焦作市解放区人民法院,2026-11-02,410802,"
        "温县温泉街道,张三,410802199001011232,李四,410823198503150029\n",
        encoding="utf-8",
    )
    report = run_import(engine, path)
    assert report.imported == 1, report
    with engine.connect() as c:
        stored = c.execute(select(CaseRow.location, CaseRow.subject_matter_location)).one()
    assert tuple(stored) == ("410802", "温县温泉街道")


def test_an_import_reads_the_clock_once_and_dates_undated_rows_by_the_day_it_started(
    engine, tmp_path, monkeypatch
):
    """An import that runs past midnight dates its undated rows, and judges a date received
    in the future, by the day it started: rows do not each ask the clock."""
    from mediate import clock

    asked = []
    real_today = clock.today

    def today() -> dt.date:
        asked.append(1)
        return real_today() + dt.timedelta(days=len(asked) - 1)  # a new day at every call

    monkeypatch.setattr(clock, "today", today)
    path = tmp_path / "undated.csv"
    rows = [f"(2026)豫0802民初{n}号,民间借贷纠纷,张{n},李{n}" for n in range(1, 31)]
    path.write_text("案号,案由,申请人,被申请人\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with UnitOfWork(engine, "测试书记员") as uow:
        report = import_referrals(uow, path, ImportOptions())
    assert report.imported == 30, report
    with engine.connect() as c:
        days = set(c.execute(select(CaseRow.received_on)).scalars())
    assert days == {real_today()}


@pytest.mark.parametrize("last_line_break", [True, False])
def test_the_progress_total_is_the_rows_below_the_header(engine, tmp_path, last_line_break):
    """The bar's total counts the rows the import reads after the title and header rows
    (it showed 3000/3001: the header counted), a last line without a line break included."""
    text = MESSY.read_bytes()
    path = tmp_path / "referrals.csv"
    path.write_bytes(text if last_line_break else text.rstrip(b"\r\n"))
    read, totals = [], []
    with UnitOfWork(engine, "测试书记员") as uow:
        import_referrals(
            uow, path, ImportOptions(today=TODAY), progress=read.append, total=totals.append
        )
    assert totals[-1] == sum(read) and sum(read) >= 10
    assert totals[0] >= sum(read)  # blank rows, totals and notes are read, not counted


def test_the_progress_ends_at_the_rows_the_summary_counts_not_trailing_blank_rows(engine, tmp_path):
    """A sheet of 40 referrals and 3 blank rows below them showed 43/43 while the summary
    said 40 imported: the bar counts the rows holding a referral, and ends at their number."""
    rows = [f"（2026）豫0802民初{n}号,民间借贷纠纷,张{n},李{n}" for n in range(1, 41)]
    path = tmp_path / "referrals.csv"
    body = "案号,案由,申请人,被申请人\n" + "\n".join(rows) + "\n,,,\n,,,\n\n"
    path.write_text(body, encoding="utf-8")
    read, totals = [], []
    with UnitOfWork(engine, "测试书记员") as uow:
        report = import_referrals(
            uow, path, ImportOptions(today=TODAY), progress=read.append, total=totals.append
        )
    assert report.imported == 40
    assert totals == [43, 40] and sum(read) == 40
