"""One spreadsheet row -> CaseInput, or every reason it cannot be one."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from mediate.domain.model import PartyKind, PartyRole, Source
from mediate.intake.columns import build_column_map
from mediate.intake.rows import RowDefaults, read_row

HEADER = [
    "案号",
    "案由",
    "标的额",
    "来源",
    "委派法院",
    "收案日期",
    "纠纷发生地",
    "申请人",
    "申请人类型",
    "申请人证件号",
    "申请人住所",
    "申请人电话",
    "被申请人",
    "被申请人类型",
    "被申请人证件号",
    "被申请人住所",
    "被申请人电话",
    "案情简介",
]
COLUMNS = build_column_map(1, HEADER)
DEFAULTS = RowDefaults(today=dt.date(2026, 11, 25))
ID_A, ID_B = "410802199001011232", "410823198503150029"
USCC = "91410800MA44ABCD1K"


def row(**changes):
    values = dict(
        zip(
            HEADER,
            [
                "（2026）豫0802民初1号",
                "买卖合同纠纷",
                "52,000.50",
                "委托调解",
                "焦作市解放区人民法院",
                "2026/11/2",
                "410802009",
                "焦作市某某商贸有限公司",
                "企业",
                USCC,
                "焦作市山阳区人民路100号",
                "0391-2345678",
                "张三、李四",
                "自然人",
                f"{ID_A}；{ID_B}",
                "焦作市解放区民主南路1号",
                "13800000000、13900000000",
                "货款未付。",
            ],
            strict=True,
        )
    )
    values.update(changes)
    return [values[h] for h in HEADER]


def test_a_good_row_with_two_respondents_in_one_cell():
    result = read_row(7, row(), COLUMNS, DEFAULTS)
    assert result.problems == []
    case = result.case
    assert case.court_case_no == "（2026）豫0802民初1号"
    assert case.amount == Decimal("52000.50")
    assert case.source is Source.COURT_ENTRUSTED
    assert case.received_on == dt.date(2026, 11, 2)
    [company, zhang, li] = case.parties
    assert (company.role, company.kind, company.id_number) == (
        PartyRole.APPLICANT,
        PartyKind.ENTERPRISE,
        USCC,
    )
    assert [(p.name, p.id_number, p.phone, p.address, p.sex) for p in (zhang, li)] == [
        ("张三", ID_A, "13800000000", "焦作市解放区民主南路1号", "男"),
        ("李四", ID_B, "13900000000", "焦作市解放区民主南路1号", "女"),
    ]


def test_ids_out_of_step_with_names_are_refused():
    result = read_row(7, row(被申请人证件号=ID_A), COLUMNS, DEFAULTS)
    assert result.case is None
    assert [(p.field, p.message) for p in result.problems] == [
        (
            "被申请人证件号",
            "1 values for 2 names in 被申请人; give them in the same order, separated by 、",
        ),
    ]


def test_every_fault_of_a_row_is_reported_with_its_column():
    result = read_row(
        9,
        row(
            标的额="五十块左右",
            收案日期="2026-13-01",
            被申请人证件号=f"{ID_A}、410823198503150028",
            申请人证件号="91410800MA44ABCD1Y",
        ),
        COLUMNS,
        DEFAULTS,
    )
    assert [(p.field, p.message) for p in result.problems] == [  # left to right
        ("标的额", "'五十块左右' is not an amount of money"),
        ("收案日期", "2026-13-01 is not a real date"),
        ("申请人证件号", "91410800MA44ABCD1Y: wrong check character in the credit code (typo?)"),
        ("被申请人证件号", "李四: 4108**********0028: wrong check digit in the ID number (typo?)"),
    ]


def test_the_source_falls_back_to_the_command_line_then_to_the_court():
    cells = row(来源="", 案号="")  # a pre-filing (委派) referral has no 案号 since 2025
    assert read_row(2, cells, COLUMNS, DEFAULTS).case.source is Source.COURT_DELEGATED
    entrusted = RowDefaults(source=Source.COURT_ENTRUSTED, today=DEFAULTS.today)
    assert read_row(2, cells, COLUMNS, entrusted).case.source is Source.COURT_ENTRUSTED
    no_court = row(来源="", 委派法院="", 案号="")
    assert read_row(2, no_court, COLUMNS, DEFAULTS).case.source is Source.SELF_ACCEPTED


def test_a_filed_case_number_makes_a_court_referral_entrusted():
    """法〔2015〕137号: a 民初 number is a filed case, so the referral is 委托 (特邀调解规定
    art. 20) even where the row or the command line says 委派; the row carries the notice."""
    for cells in (row(来源=""), row(来源="委派调解")):
        case = read_row(2, cells, COLUMNS, DEFAULTS).case
        assert case.source is Source.COURT_ENTRUSTED
        assert case.notices and "（2026）豫0802民初1号" in case.notices[0]


def test_a_row_without_a_case_number_is_read():
    """Issue 15: pre-filing referrals carry no 案号 since 2025; the import keys them
    naturally (intake/keys.py) instead of refusing them."""
    result = read_row(4, row(案号=""), COLUMNS, DEFAULTS)
    assert result.problems == []
    assert result.case is not None and result.case.court_case_no is None


def test_an_id_typed_as_an_excel_number_is_explained():
    result = read_row(
        4, row(被申请人="张三", 被申请人证件号=4.10802199001011e17), COLUMNS, DEFAULTS
    )
    assert result.problems[0].field == "被申请人证件号"
    assert "stored as a number" in result.problems[0].message


def test_full_width_and_stray_spaces_are_cleaned():
    result = read_row(
        3,
        row(标的额="５．２万元", 被申请人=" 张三 、 李四 ", 案由=" 买卖合同纠纷\u3000"),
        COLUMNS,
        DEFAULTS,
    )
    assert result.case.amount == Decimal("52000.00")
    assert result.case.cause == "买卖合同纠纷"
    assert [p.name for p in result.case.parties[1:]] == ["张三", "李四"]


def test_the_claim_column_请求事项_is_read_and_a_special_procedure_needs_no_respondent():
    # Issue 14: the claim decides credit vs consumer; 申请宣告失踪 has no respondent.
    header = [*HEADER, "请求事项"]
    columns = build_column_map(1, header)
    claimed = read_row(7, [*row(), "支付货款52000.50元"], columns, DEFAULTS)
    assert (claimed.problems, claimed.case.claim) == ([], "支付货款52000.50元")
    alone = row(案由="申请宣告公民失踪", 被申请人="", 被申请人类型="", 被申请人证件号="")
    taken = read_row(8, [*alone, ""], columns, DEFAULTS)
    assert taken.problems == []
    assert [p.role for p in taken.case.parties] == [PartyRole.APPLICANT]


def test_a_subject_matter_column_is_read_apart_from_where_it_arose():
    """CPL 2023 art. 205(2): 标的物所在地 is its own column."""
    header = [*HEADER, "标的物所在地"]
    cells = [*row(), "410825"]
    result = read_row(7, cells, build_column_map(1, header), DEFAULTS)
    assert (result.case.location, result.case.subject_matter_location) == ("410802009", "410825")
    assert read_row(7, row(), COLUMNS, DEFAULTS).case.subject_matter_location is None


CONTACT_HEADER = ["案由", "委派法院", "收案日期", "申请人", "被告", "被告住址", "被告联系方式"]
CONTACT_COLUMNS = build_column_map(1, CONTACT_HEADER)


def contact_row(address, contact):
    values = ["民间借贷纠纷", "焦作市中站区人民法院", "2026-11-02", "张三", "李四"]
    return [*values, address, contact]


def test_a_contact_cell_holding_the_address_and_the_phone_is_read_as_both():
    """Court exports put a party's address and phone in one 联系方式 cell: the row is not
    rejected; the phone is the phone and, the address column being empty, the rest the
    address."""
    cells = contact_row("", "河南省焦作市中站区府城街道1号 13800000000")
    result = read_row(5, cells, CONTACT_COLUMNS, DEFAULTS)
    assert (result.problems, result.notes) == ([], [])
    respondent = result.case.parties[1]
    assert (respondent.phone, respondent.address) == (
        "13800000000",
        "河南省焦作市中站区府城街道1号",
    )


def test_a_contact_cell_repeating_the_address_column_loses_nothing():
    address = "焦作市中站区府城街道1号"
    result = read_row(
        5, contact_row(address, f"{address}，电话：0391-3561234"), CONTACT_COLUMNS, DEFAULTS
    )
    assert (result.problems, result.notes) == ([], [])
    respondent = result.case.parties[1]
    assert (respondent.phone, respondent.address) == ("03913561234", address)


def test_what_a_contact_cell_holds_besides_the_phone_is_never_dropped_silently():
    """Text that is not the party's address (another address, a note) is not guessed into a
    field: the row is imported with the phone, and a note names what was not stored."""
    for address, contact, left in (
        (
            "焦作市中站区府城街道1号",
            "焦作市解放区民主南路2号 13800000000",
            "焦作市解放区民主南路2号",
        ),
        ("", "其子 13800000000", "其子"),
    ):
        result = read_row(5, contact_row(address, contact), CONTACT_COLUMNS, DEFAULTS)
        assert result.problems == []
        respondent = result.case.parties[1]
        assert (respondent.phone, respondent.address) == ("13800000000", address or None)
        [note] = result.notes
        assert note.field == "被告联系方式"
        assert f"'{left}'" in note.message and "13800000000" in note.message


def test_a_contact_cell_with_two_phones_or_none_is_still_refused():
    for contact in ("13800000000 13900000000", "焦作市中站区府城街道1号"):
        result = read_row(5, contact_row("", contact), CONTACT_COLUMNS, DEFAULTS)
        assert result.case is None
        assert [p.field for p in result.problems] == ["被告联系方式"]
    two = read_row(5, contact_row("", "13800000000 13900000000"), CONTACT_COLUMNS, DEFAULTS)
    assert "holds 2 phone numbers" in two.problems[0].message
    none = read_row(5, contact_row("", "焦作市中站区府城街道1号"), CONTACT_COLUMNS, DEFAULTS)
    assert "is not a phone number" in none.problems[0].message


def test_a_too_long_address_from_a_contact_cell_is_reported_under_that_column():
    """Without a 住址 column the address can only come from the 联系方式 cell: the problem
    names that column as the sheet labels it, never the field applicant_address."""
    header = ["案由", "委派法院", "收案日期", "原告", "原告联系方式", "被告"]
    address = "焦作市解放区民主南路" + "甲" * 300 + "号"
    cells = ["民间借贷纠纷", "焦作市中站区人民法院", "2026-11-02", "张三", f"{address} 13800000000"]
    result = read_row(5, [*cells, "李四"], build_column_map(1, header), DEFAULTS)
    assert result.case is None
    assert [p.field for p in result.problems] == ["原告联系方式"]
    assert "longer than the 300" in result.problems[0].message


def test_an_extension_after_a_landline_is_not_stored_and_a_note_says_so():
    """A phone is stored without an extension: the landline is kept, the address does not
    take 转 8001, and the clerk is told in the contact column's note."""
    address = "焦作市中站区府城街道1号"
    result = read_row(
        5, contact_row("", f"{address} 0391-3561234 转 8001"), CONTACT_COLUMNS, DEFAULTS
    )
    assert result.problems == []
    respondent = result.case.parties[1]
    assert (respondent.phone, respondent.address) == ("03913561234", address)
    [note] = result.notes
    assert note.field == "被告联系方式"
    assert "8001" in note.message and "not stored" in note.message


@pytest.mark.parametrize(
    ("contact", "left"),
    [
        ("焦作市中站区府城街道1号 0391-3561234-1234567", "-1234567"),
        ("焦作市中站区府城街道1号 13800000006 转 8001 张经理", "张经理"),
        ("焦作市中站区府城街道1号（13800000006 张经理）", "张经理"),
    ],
)
def test_what_follows_the_phone_and_is_no_address_is_reported_not_stored(contact, left):
    """A run of digits or a name after the phone is not appended to the address: the
    address before the phone is stored, and a note in the contact column names the rest."""
    result = read_row(5, contact_row("", contact), CONTACT_COLUMNS, DEFAULTS)
    assert result.problems == []
    assert result.case.parties[1].address == "焦作市中站区府城街道1号"
    assert all(note.field == "被告联系方式" for note in result.notes)
    assert any(f"'{left}' was not stored" in note.message for note in result.notes)


def test_digits_after_zhuan_followed_by_a_place_word_stay_in_the_address_without_a_note():
    result = read_row(
        5, contact_row("", "焦作市中站区府城街道 13800000013 转3号楼"), CONTACT_COLUMNS, DEFAULTS
    )
    assert (result.problems, result.notes) == ([], [])
    assert result.case.parties[1].address == "焦作市中站区府城街道 转3号楼"


def test_an_excel_apostrophe_before_a_phone_or_an_id_number_is_taken_off():
    """'13800000000 is how Excel users force a cell to text: the number is stored without
    the mark (and the credit code still tells an enterprise from a person)."""
    cells = row(
        申请人证件号=f"'{USCC}",
        申请人电话="'0391-2345678",
        被申请人证件号=f"'{ID_A}；'{ID_B}",
        被申请人电话="'13800000000、'13900000000",
    )
    result = read_row(7, cells, COLUMNS, DEFAULTS)
    assert result.problems == []
    [company, zhang, li] = result.case.parties
    assert (company.kind, company.id_number, company.phone) == (
        PartyKind.ENTERPRISE,
        USCC,
        "03912345678",
    )
    assert [(p.id_number, p.phone) for p in (zhang, li)] == [
        (ID_A, "13800000000"),
        (ID_B, "13900000000"),
    ]
    contact = read_row(5, contact_row("", "'13800000000"), CONTACT_COLUMNS, DEFAULTS)
    assert contact.case.parties[1].phone == "13800000000" and contact.notes == []


def test_one_partys_contact_cell_is_read_whole_though_its_address_holds_a_semicolon():
    """One name, one 联系方式 cell whose address has a ; in it: the contact logic sees the
    whole cell, not two values for one name."""
    result = read_row(
        5, contact_row("", "焦作市中站区府城街道1号；3单元 13800000000"), CONTACT_COLUMNS, DEFAULTS
    )
    assert result.problems == []
    respondent = result.case.parties[1]
    assert (respondent.phone, respondent.address) == (
        "13800000000",
        "焦作市中站区府城街道1号；3单元",
    )


def test_two_parties_contacts_separated_by_a_semicolon_go_each_to_its_party():
    cells = contact_row(
        "", "焦作市中站区府城街道1号 13800000000；焦作市解放区民主南路2号 13900000000"
    )
    cells[4] = "李四；王五"
    result = read_row(5, cells, CONTACT_COLUMNS, DEFAULTS)
    assert (result.problems, result.notes) == ([], [])
    assert [(p.name, p.phone, p.address) for p in result.case.parties[1:]] == [
        ("李四", "13800000000", "焦作市中站区府城街道1号"),
        ("王五", "13900000000", "焦作市解放区民主南路2号"),
    ]
    two_contacts_one_name = contact_row(
        "", "焦作市中站区1号 13800000000；焦作市解放区2号 13900000000"
    )
    refused = read_row(5, two_contacts_one_name, CONTACT_COLUMNS, DEFAULTS)
    assert refused.case is None and [p.field for p in refused.problems] == ["被告联系方式"]


def test_a_column_the_sheet_lacks_is_named_by_its_standard_header_never_its_field():
    """A warning about a missing 案号 (a 委托 row without one) named `case_no`."""
    assert CONTACT_COLUMNS.label("case_no") == "案号"
    assert CONTACT_COLUMNS.label("respondent_phone") == "被告联系方式"  # as written
    assert CONTACT_COLUMNS.label("applicant_address") == "申请人住所"


@pytest.mark.parametrize(
    "cells",
    [
        {
            "被申请人": "张三",
            "被申请人证件号": ID_A,
            "被申请人电话": "13800000000",
        },  # the lean path
        {
            "被申请人": "张 三",
            "被申请人证件号": ID_A,
            "被申请人电话": "13800000000",
        },  # the full one
    ],
    ids=["lean", "full"],
)
def test_a_row_is_checked_against_the_column_lengths_it_is_given(cells):
    """A reader process is handed the columns' lengths (`RowDefaults.lengths`) instead of
    reading the table definitions: the row is held to those, on either path (the lean
    one gives up, the full one says why)."""
    from mediate.intake.validate import Lengths, column_lengths

    lengths = {table: dict(column_lengths(table)) for table in ("cases", "parties")}
    assert read_row(7, row(**cells), COLUMNS, DEFAULTS).case is not None
    lengths["parties"]["name"] = 2
    tight = dataclasses.replace(DEFAULTS, lengths=Lengths.of(lengths))
    result = read_row(7, row(**cells), COLUMNS, tight)
    assert result.case is None
    assert any("longer than the 2" in p.message for p in result.problems)
