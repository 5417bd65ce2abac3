"""Court exports as they really come (issue 15): rows without a 案号 keyed naturally,
totals and notes skipped, `--template`, and re-sent batches (`--update`)."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from mediate.intake.columns import STANDARD_HEADERS
from mediate.intake.readers import open_sheet
from mediate.resources import data_dir
from mediate.services.intake import write_template
from mediate.store.tables import CaseRow, EventRow, PartyRow
from tests.importing import count, run_import

SAMPLES = data_dir() / "samples"
EXPORT = SAMPLES / "court-export-zhongzhan.xlsx"
HEADER = "案号,案由,标的额,来源,委派法院,收案日期,申请人,被申请人,被申请人证件号,被申请人住所\n"


def test_a_court_export_imports_every_case_and_skips_its_totals_and_notes(engine):
    """Pre-filing referrals carry no 案号 since 2025-01-01; title rows, 序号, 原告/被告,
    a 合计 row and a 备注 line are how court systems export."""
    report = run_import(engine, EXPORT)
    assert (report.rows, report.imported, report.duplicates, report.rejected) == (5, 5, 0, 0)
    assert report.skipped_rows == [(9, "total"), (10, "note")]
    assert report.ignored_columns == ["序号"]
    with engine.connect() as c:
        rows = c.execute(
            select(CaseRow.court_case_no, CaseRow.intake_key, CaseRow.source).order_by(CaseRow.id)
        ).all()
    assert [r.court_case_no for r in rows] == [None, None, None, None, "（2026）豫0803民初1207号"]
    assert all(len(r.intake_key) == 64 for r in rows[:4]) and rows[4].intake_key is None
    assert [r.source for r in rows] == ["court_delegated"] * 4 + ["court_entrusted"]


def test_reimporting_rows_without_a_case_number_imports_nothing_twice(engine):
    run_import(engine, EXPORT)
    again = run_import(engine, EXPORT)
    assert (again.imported, again.duplicates, again.rejected, again.differing) == (0, 5, 0, 0)
    assert count(engine, CaseRow) == 5
    assert again.duplicate_rows[0] == (4, "2026-11-02 民间借贷纠纷 黄勇、周杰")


def test_the_natural_key_ignores_spacing_and_full_width_but_not_the_parties(engine, tmp_path):
    path = tmp_path / "k.csv"
    path.write_text(
        HEADER + ",民间借贷纠纷,5000,委派,焦作市中站区人民法院,2026-11-02,张三,李四,,\n"
        ",民间借贷纠纷 ,5000,委派,焦作市中站区人民法院 ,2026年11月2日, 张三,李四,,\n"
        ",民间借贷纠纷,5000,委派,焦作市中站区人民法院,2026-11-02,张三,王五,,\n",
        encoding="utf-8",
    )
    report = run_import(engine, path)
    assert (report.imported, report.duplicates, report.rejected) == (2, 1, 0)


def test_a_second_row_of_the_same_referral_with_other_data_is_rejected(engine, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        HEADER + ",民间借贷纠纷,5000,委派,焦作市中站区人民法院,2026-11-02,张三,李四,,\n"
        ",民间借贷纠纷,6000,委派,焦作市中站区人民法院,2026-11-02,张三,李四,,\n",
        encoding="utf-8",
    )
    report = run_import(engine, path)
    assert (report.imported, report.rejected) == (1, 1)
    assert report.errors[0].row == 3 and "row 2" in report.errors[0].message


def test_a_court_entrusted_row_without_a_number_imports_with_a_warning(engine, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(
        HEADER + ",民间借贷纠纷,5000,委托,焦作市中站区人民法院,2026-11-02,张三,李四,,\n",
        encoding="utf-8",
    )
    report = run_import(engine, path)
    assert (report.imported, report.rejected) == (1, 0)
    assert [(w.row, w.field) for w in report.warnings] == [(2, "案号")]


def test_a_contact_column_with_the_address_and_the_phone_imports_the_row(engine, tmp_path):
    """Court exports' 联系方式: an address and a phone in one cell; the row was rejected as
    'not a phone number'. Now both are stored, and anything else the cell holds is named
    in a warning rather than dropped silently."""
    path = tmp_path / "contact.csv"
    path.write_text(
        "案由,委派法院,收案日期,原告,被告,被告住址,被告联系方式\n"
        "民间借贷纠纷,焦作市中站区人民法院,2026-11-02,张三,李四,,"
        "河南省焦作市中站区府城街道1号 13800000000\n"
        "民间借贷纠纷,焦作市中站区人民法院,2026-11-02,王五,赵六,焦作市中站区府城街道2号,"
        "焦作市解放区民主南路3号 13900000000\n",
        encoding="utf-8",
    )
    report = run_import(engine, path)
    assert (report.imported, report.rejected) == (2, 0), report.errors
    [warning] = report.warnings
    assert (warning.row, warning.field) == (3, "被告联系方式")
    assert "'焦作市解放区民主南路3号' was not stored" in warning.message
    with engine.connect() as c:
        stored = c.execute(
            select(PartyRow.name, PartyRow.phone, PartyRow.address)
            .where(PartyRow.role == "respondent")
            .order_by(PartyRow.id)
        ).all()
    assert [tuple(r) for r in stored] == [
        ("李四", "13800000000", "河南省焦作市中站区府城街道1号"),
        ("赵六", "13900000000", "焦作市中站区府城街道2号"),
    ]


def test_reimported_duplicates_do_not_repeat_their_intake_warnings(engine, tmp_path):
    """Rows skipped as already stored are not imported: their notes (a contact cell's
    unstored text, a 委托 row without a case number) were told at the first import."""
    path = tmp_path / "again.csv"
    path.write_text(
        "案由,来源,委派法院,收案日期,原告,被告,被告住址,被告联系方式\n"
        "民间借贷纠纷,委派,焦作市中站区人民法院,2026-11-02,王五,赵六,焦作市中站区府城街道2号,"
        "焦作市解放区民主南路3号 13900000000\n"
        "民间借贷纠纷,委托,焦作市中站区人民法院,2026-11-03,张三,李四,,\n",
        encoding="utf-8",
    )
    first = run_import(engine, path)
    # 案号: the standard header of the column the sheet lacks, never the field case_no
    assert [(w.row, w.field) for w in first.warnings] == [(2, "被告联系方式"), (3, "案号")]
    again = run_import(engine, path)
    assert (again.imported, again.duplicates, again.warnings) == (0, 2, [])


def _resent(tmp_path, amount="5000", address=""):
    path = tmp_path / "resent.csv"
    path.write_text(
        HEADER + f",民间借贷纠纷,{amount},委派,焦作市中站区人民法院,2026-11-02,张三,李四,"
        f"410802198503121015,{address}\n"
        f"(2026)豫0802民初77号,买卖合同纠纷,{amount},委托,焦作市解放区人民法院,2026-11-03,"
        f"王五,赵六,,{address}\n",
        encoding="utf-8",
    )
    return path


def _stored(engine):
    with engine.connect() as c:
        return c.execute(
            select(CaseRow.amount, CaseRow.version, PartyRow.address, PartyRow.id_number)
            .join(PartyRow, PartyRow.case_id == CaseRow.id)
            .where(PartyRow.role == "respondent")
            .order_by(CaseRow.id)
        ).all()


def test_a_resent_batch_without_update_changes_nothing_and_says_what_differs(engine, tmp_path):
    run_import(engine, _resent(tmp_path))
    report = run_import(engine, _resent(tmp_path, "5500", "焦作市解放区民主路1号"))
    assert (report.imported, report.duplicates, report.differing, report.updated) == (0, 2, 2, 0)
    assert {(c.field, c.action) for c in report.changes} == {
        ("amount", "differs"),
        ("address", "fillable"),
    }
    assert [tuple(r) for r in _stored(engine)] == [
        (Decimal("5000.00"), 1, None, "410802198503121015"),
        (Decimal("5000.00"), 1, None, None),
    ]


def test_update_fills_blank_fields_keeps_changed_ones_and_audits(engine, tmp_path):
    run_import(engine, _resent(tmp_path))
    report = run_import(engine, _resent(tmp_path, "5500", "焦作市解放区民主路1号"), update="fill")
    assert (report.differing, report.updated) == (2, 2)
    assert [tuple(r) for r in _stored(engine)] == [
        (Decimal("5000.00"), 2, "焦作市解放区民主路1号", "410802198503121015"),
        (Decimal("5000.00"), 2, "焦作市解放区民主路1号", None),
    ]
    with engine.connect() as c:
        events = c.execute(
            select(EventRow.before, EventRow.after).where(EventRow.action == "import_update")
        ).all()
    assert len(events) == 2
    assert events[0].before == {"李四.address": None}
    assert events[0].after == {"李四.address": "焦作市解放区民主路1号"}


def test_update_overwrite_replaces_changed_fields(engine, tmp_path):
    run_import(engine, _resent(tmp_path))
    report = run_import(
        engine, _resent(tmp_path, "5500", "焦作市解放区民主路1号"), update="overwrite"
    )
    assert report.updated == 2
    assert [r.amount for r in _stored(engine)] == [Decimal("5500.00")] * 2


def test_a_dry_run_with_update_changes_nothing(engine, tmp_path):
    run_import(engine, _resent(tmp_path))
    report = run_import(
        engine, _resent(tmp_path, "5500", "焦作市解放区民主路1号"), update="fill", dry_run=True
    )
    assert (report.differing, report.updated) == (2, 0)
    assert [r.version for r in _stored(engine)] == [1, 1]


@pytest.mark.pg
def test_concurrent_imports_of_rows_without_numbers_import_each_case_once(engine, imports_at_once):
    reports = imports_at_once(EXPORT)
    assert count(engine, CaseRow) == 5
    assert reports["a"].imported + reports["b"].imported == 5
    assert reports["a"].duplicates + reports["b"].duplicates == 5


@pytest.mark.parametrize("name", ["模板.xlsx", "模板.csv"])
def test_the_template_holds_the_standard_headers_and_imports_as_empty(engine, tmp_path, name):
    path = tmp_path / name
    write_template(path)
    sheet = open_sheet(path, None)
    first = next(iter(sheet.rows))[1]
    assert [str(c) for c in first] == list(STANDARD_HEADERS)
    report = run_import(engine, path)
    assert (report.rows, report.imported, report.rejected) == (0, 0, 0)
