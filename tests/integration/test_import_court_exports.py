"""Court exports as they really come (issue 15): rows without a 案号 keyed naturally,
totals and notes skipped, `--template`, and re-sent batches (`--update`)."""

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediate.intake.columns import (
    ALIASES,
    PARTY_ROLES,
    STANDARD_HEADERS,
    TEMPLATE_FIELDS,
    TEMPLATE_HEADERS,
)
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
    assert [str(c) for c in first] == list(TEMPLATE_HEADERS)
    assert set(STANDARD_HEADERS) < set(TEMPLATE_HEADERS)
    report = run_import(engine, path)
    assert (report.rows, report.imported, report.rejected) == (0, 0, 0)


# Rows of the template, every column filled in one or another: a person's 法定代理人
# and a 个体工商户's 经营者 and 经营者住所 (民诉法解释 art. 59; 市场主体登记管理条例 art. 8 para.
# 2(四)) cannot be one party's, so each role is a minor with a guardian in one row and a
# 个体工商户 in another, and an enterprise with its 法定代表人 in the third.
_CASE = {
    "案号": "（2026）豫0802民初1234号",
    "案由": "买卖合同纠纷",
    "标的额": "52000.50",
    "来源": "委托",
    "委派法院": "焦作市解放区人民法院",
    "收案日期": "2026-11-02",
    "纠纷发生地": "410802",
    "标的物所在地": "410811",
    "适用程序": "简易程序",
    "案情简介": "货款到期未付",
    "请求事项": "支付货款52000.50元",
}
_MINOR = {"": "张小明", "类型": "自然人", "证件号": "410802201203050029"}
_MINOR |= {"住所": "焦作市解放区焦南街道1号", "电话": "13800000001", "法定代理人": "张大明"}
_SHOP = {"": "焦作市解放区老钱烧烤店", "类型": "个体工商户", "证件号": "41080219650101003X"}
# its 经营场所 the 住所 again (as a sheet with both columns may give it): the address
_SHOP |= {"住所": "焦作市解放区民主南路9号", "经营场所": "焦作市解放区民主南路9号"}
_SHOP |= {"电话": "13800000002"}
_SHOP |= {"经营者": "钱某", "经营者住所": "焦作市山阳区焦东路8号"}
_MINOR_TOO = _MINOR | {"": "李小红", "证件号": "410802201007070049", "法定代理人": "李大红"}
# an organisation's 法定代表人 and title (民事诉讼法 art. 51), in a third row: no minor's or
# 个体工商户's column may be filled beside them
_COMPANY = {"": "焦作市某某商贸有限公司", "类型": "企业", "法定代表人": "赵六"}
_COMPANY |= {"法定代表人职务": "执行董事"}
_ROWS = [
    _CASE
    | {"申请人" + k: v for k, v in _MINOR.items()}
    | {"被申请人" + k: v for k, v in _SHOP.items()}
    | {"第三人" + k: v for k, v in _SHOP.items()}
    | {"第三人": "焦作市解放区老李粮店"},
    _CASE
    | {"案号": "（2026）豫0802民初1235号"}
    | {"申请人" + k: v for k, v in _SHOP.items()}
    | {"被申请人" + k: v for k, v in _MINOR.items()}
    | {"第三人" + k: v for k, v in _MINOR_TOO.items()},
    _CASE
    | {"案号": "（2026）豫0802民初1236号"}
    | {role + k: v for role in ("申请人", "被申请人", "第三人") for k, v in _COMPANY.items()},
]
# what the import stores for a word typed (its code)
_STORED = {"个体工商户": "enterprise", "自然人": "person", "委托": "court_entrusted"}
_STORED |= {"企业": "enterprise"}
_STORED |= {"简易程序": "summary"}
_PARTY_ATTRS = {"": "name", "_kind": "kind", "_id": "id_number", "_address": "address"}
_PARTY_ATTRS |= {"_phone": "phone", "_guardian": "guardian", "_operator": "legal_rep"}
_PARTY_ATTRS |= {"_operator_address": "operator_address", "_business_address": "address"}
_PARTY_ATTRS |= {"_legal_rep": "legal_rep", "_legal_rep_title": "legal_rep_title"}


def _stored_value(case, parties, field):
    """The stored value of a template column's field, as text."""
    role = next((r for r in PARTY_ROLES if field.startswith(r)), None)
    if role is None:
        value = getattr(case, "court_case_no" if field == "case_no" else field)
    else:
        value = getattr(parties[role], _PARTY_ATTRS[field.removeprefix(role)])
    return None if value is None else str(value)


def test_a_filled_template_imports_every_column_without_an_unknown_one(engine, tmp_path):
    """`import --template` wrote the standard sheet only: no 第三人, 经营者 or 经营者住所
    column, though the import reads them. It now lists every column the import reads
    (required first), and what a clerk fills in under each comes back stored."""
    from openpyxl import load_workbook

    path = tmp_path / "模板.xlsx"
    write_template(path)
    assert set(TEMPLATE_FIELDS) == set(ALIASES)  # every column import accepts
    assert TEMPLATE_HEADERS[:3] == ("案由", "申请人", "被申请人")  # the required ones first
    filled = set().union(*_ROWS)
    assert filled == set(TEMPLATE_HEADERS), set(TEMPLATE_HEADERS) ^ filled
    book = load_workbook(path)
    sheet = book.active
    for row in _ROWS:
        sheet.append([row.get(header, "") for header in TEMPLATE_HEADERS])
    book.save(path)

    report = run_import(engine, path)
    assert (report.rows, report.imported, report.rejected) == (3, 3, 0), report.errors
    assert report.ignored_columns == []
    with Session(engine) as session:
        cases = session.scalars(select(CaseRow).order_by(CaseRow.id)).all()
        for case, row in zip(cases, _ROWS, strict=True):
            rows = session.scalars(select(PartyRow).where(PartyRow.case_id == case.id)).all()
            parties = {p.role: p for p in rows}
            for field, header in zip(TEMPLATE_FIELDS, TEMPLATE_HEADERS, strict=True):
                typed = row.get(header) or None
                if field.endswith("_business_address"):  # blank: the 住所 is the address
                    typed = typed or row.get(header.replace("经营场所", "住所")) or None
                # a 个体工商户's 经营者 is its legal_rep, titled 经营者; an organisation's
                # 法定代表人 the same field
                if field.endswith(("_operator", "_legal_rep")):
                    typed = row.get(header) or row.get(_other_rep(header)) or None
                if field.endswith("_legal_rep_title") and row.get(_other_rep(header)):
                    typed = typed or "经营者"
                expected = _STORED.get(typed, typed) if typed else None
                assert _stored_value(case, parties, field) == expected, header
            traders = {p.role for p in rows if p.legal_rep_title == "经营者"}
            assert traders == {r for r in PARTY_ROLES if row.get(_role_word(r) + "经营者")}


def _other_rep(header):
    """The header of the other column of a party's representative: 被申请人经营者 <->
    被申请人法定代表人 (and a title's: 被申请人法定代表人职务 -> 被申请人经营者)."""
    if header.endswith("法定代表人职务"):
        return header.removesuffix("法定代表人职务") + "经营者"
    if header.endswith("经营者"):
        return header.removesuffix("经营者") + "法定代表人"
    return header.removesuffix("法定代表人") + "经营者"


def _role_word(role):
    return ALIASES[role][0]
