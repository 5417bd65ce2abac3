"""Values as people write them: amounts, dates, ID numbers, phones, case numbers."""

import datetime as dt
from decimal import Decimal

import pytest

from mediate import clock
from mediate.domain.model import PartyKind, Source
from mediate.intake.values import (
    BadValue,
    clean_text,
    guess_kind,
    parse_amount,
    parse_case_no,
    parse_credit_code,
    parse_date,
    parse_phone,
    parse_resident_id,
    parse_source,
    split_cell,
    uscc_check_char,
)

VALID_ID = "410802199001011232"  # check digit 2
VALID_USCC = "91410800MA44ABCD1K"


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("52,000.50", "52000.50"),
        ("5.2万元", "52000.00"),
        ("５２，０００．５０", "52000.50"),
        ("￥52000", "52000.00"),
        ("人民币3000元", "3000.00"),
        ("伍万元整", "50000.00"),
        (" 1.5亿 ", "150000000.00"),
        ("3千元", "3000.00"),
        (12.5, "12.50"),
        (52000, "52000.00"),
    ],
)
def test_amounts_are_read_as_people_write_them(written, amount):
    assert parse_amount(written) == Decimal(amount)


def test_an_empty_amount_is_none():
    assert parse_amount("") is None
    assert parse_amount("  ") is None
    assert parse_amount(None) is None


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("五十块左右", "is not an amount of money"),
        ("-500", "is not an amount of money"),
        ("12.345", "more than two decimal places"),
    ],
)
def test_bad_amounts_say_why(written, reason):
    with pytest.raises(BadValue, match=reason):
        parse_amount(written)


@pytest.mark.parametrize("cell", [True, False])
def test_a_true_or_false_cell_is_no_amount_date_or_phone(cell):
    """An XLSX logical cell (TRUE in 标的额) was read as 1/0: 1.00 元. It is TRUE/FALSE,
    as the spreadsheet shows it and a CSV holds it, and that is no amount, date or phone."""
    word = "TRUE" if cell else "FALSE"
    with pytest.raises(BadValue, match=f"'{word}' is not an amount of money"):
        parse_amount(cell)
    with pytest.raises(BadValue, match="is not a date"):
        parse_date(cell)
    with pytest.raises(BadValue):
        parse_phone(cell)
    assert clean_text(cell) == word


@pytest.mark.parametrize(
    "written",
    [
        "2026-11-02",
        "2026/11/2",
        "2026年11月2日",
        "２０２６年１１月２日",
        "20261102",
        "46328",
        46328,
        46328.0,
        "2026.11.02",
        "2026-11-02 09:30",
        dt.datetime(2026, 11, 2, 0, 0),
    ],
)
def test_dates_are_read_in_every_usual_form(written):
    assert parse_date(written) == dt.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("written", "reason"),
    [("2026-02-30", "not a real date"), ("next Monday", "is not a date"), ("12", "is not a date")],
)
def test_bad_dates_say_why(written, reason):
    with pytest.raises(BadValue, match=reason):
        parse_date(written)


def test_a_resident_id_is_checked_and_normalised():
    assert parse_resident_id(" ４１０８０２１９９００１０１１２３２ ") == VALID_ID
    assert parse_resident_id("11010519491231002x") == "11010519491231002X"


def test_an_area_code_unknown_at_birth_is_no_error():
    # 410811 (山阳区) was created in 1983; people born before it carry the code anyway
    from stdnum.cn import ric
    from stdnum.exceptions import InvalidComponent

    with pytest.raises(InvalidComponent):  # what a plain stdnum validate() would say
        ric.validate("410811196005051234")
    assert parse_resident_id("410811196005051234") == "410811196005051234"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("410802199001011238", "wrong check digit"),
        ("410802199013011237", "birth date in the ID number is impossible"),
        ("410802209901011234", "birth date in the ID number is impossible"),
        ("4108021990", "is not a resident ID number"),
        (VALID_USCC, "is a credit code, not a resident ID number"),
    ],
)
def test_bad_resident_ids_say_why_and_are_masked(number, reason):
    with pytest.raises(BadValue, match=reason) as caught:
        parse_resident_id(number)
    if number.isdigit() and len(number) == 18:
        assert number not in str(caught.value)


def test_a_credit_code_is_checked():
    assert parse_credit_code("91410800ma44abcd1k") == VALID_USCC
    with pytest.raises(BadValue, match="wrong check character"):
        parse_credit_code("91410800MA44ABCD1Y")
    with pytest.raises(BadValue, match="not a unified social credit code"):
        parse_credit_code("9141080")


def test_the_kind_of_a_party_is_guessed_from_id_or_name():
    assert guess_kind("张三", VALID_ID) is PartyKind.PERSON
    assert guess_kind("某公司", VALID_USCC) is PartyKind.ENTERPRISE
    assert guess_kind("焦作市某某商贸有限公司", None) is PartyKind.ENTERPRISE
    assert guess_kind("焦作市解放区人民政府", None) is PartyKind.GOVERNMENT
    assert guess_kind("王五", None) is PartyKind.PERSON


def test_a_village_or_owners_committee_is_no_government_civil_code_arts_96_101():
    """民法典 arts. 96, 101 (LawRefBook/Laws 民法典/总则.md): 基层群众性自治组织法人."""
    assert guess_kind("温县番田镇某村民委员会", None) is PartyKind.INSTITUTION
    assert guess_kind("某小区业主委员会", None) is PartyKind.INSTITUTION
    assert guess_kind("焦作市发展和改革委员会", None) is PartyKind.GOVERNMENT


def test_case_numbers_are_canonical_with_full_width_brackets_fa_2015_137_art_3():
    # 法〔2015〕137号 art. 3: the year in full-width round brackets (the test was named after
    # art. 5, which DOMAIN.md cites; art. 5 is the court code: data/PROVENANCE.md)
    assert parse_case_no("(2026)豫0802民初123号") == "（2026）豫0802民初123号"
    assert parse_case_no(" [2026] 豫0802民初123号 ") == "（2026）豫0802民初123号"
    assert parse_case_no("（２０２６）豫０８０２民初１２３４号") == "（2026）豫0802民初1234号"
    assert parse_case_no("〔2026〕豫08民诉前调5号") == "（2026）豫08民诉前调5号"
    with pytest.raises(BadValue, match="is not a case number"):
        parse_case_no("2026-1234")


@pytest.mark.parametrize("number", ["(2026)豫08民终3号", "(2026)豫0802民初12号"])
def test_case_number_court_code_fa_2015_137_art_5_intermediate_and_basic_courts(number):
    """法〔2015〕137号 art. 5 (read in reprints: data/PROVENANCE.md, "Case-number format"): an
    intermediate or basic court's code is its high court's with two or four digits."""
    assert parse_case_no(number) == number.replace("(", "（").replace(")", "）")


def test_phones_lose_their_separators():
    assert parse_phone("138 0000 0000") == "13800000000"
    assert parse_phone("0391-2345678") == "03912345678"
    assert parse_phone("+86 13800000000") == "13800000000"
    assert parse_phone("86-13800000000") == "13800000000"
    assert parse_phone("+86-0391-2345678") == "03912345678"
    with pytest.raises(BadValue, match="is not a phone number"):
        parse_phone("12345")


@pytest.mark.parametrize("text", ["13٨00000000", "1380000000٠", "13፩00000000"])
def test_a_phone_with_a_digit_of_another_script_is_refused(text):
    """Only the digits a clerk can dial: `\\d` also took ٨ (Arabic-Indic) and stored it."""
    with pytest.raises(BadValue, match="is not a phone number"):
        parse_phone(text)


def test_sources_are_read_in_chinese_or_english():
    assert parse_source("委派调解") is Source.COURT_DELEGATED
    assert parse_source("委托") is Source.COURT_ENTRUSTED
    assert parse_source("court_entrusted") is Source.COURT_ENTRUSTED
    assert parse_source("") is None
    with pytest.raises(BadValue, match="is not a source"):
        parse_source("电话")


def test_a_party_cell_splits_on_every_usual_separator():
    assert split_cell("张三、李四；王五; 赵六") == ["张三", "李四", "王五", "赵六"]
    assert split_cell("") == []


def test_the_credit_code_check_agrees_with_python_stdnum():
    import random

    from stdnum.cn import uscc

    from mediate.intake.values import uscc_check_char

    rng = random.Random(7)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for _ in range(2000):
        body = "9" + rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(6))
        body += "".join(rng.choice(alphabet) for _ in range(9))
        assert uscc_check_char(body) == uscc.calc_check_digit(body)


def test_the_resident_id_check_digit_agrees_with_python_stdnum():
    import random

    from stdnum.cn import ric

    from mediate.intake.values import ric_check_digit, ric_checksum_ok

    rng = random.Random(11)
    digits = set()
    for _ in range(5000):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        expected = ric.calc_check_digit(body + "0")  # stdnum drops the last character
        assert ric_check_digit(body) == expected
        assert ric_checksum_ok(body + expected)
        assert not ric_checksum_ok(body + ("1" if expected == "0" else "0"))
        digits.add(expected)
    assert "X" in digits and len(digits) == 11


def test_cells_with_any_kind_of_space_are_cleaned_and_others_left_alone():
    from mediate.intake.values import clean_text

    assert clean_text("张三") == "张三"
    assert clean_text(" 张\u3000三\t") == "张 三"
    assert clean_text("张\u00a0\u00a0三") == "张 三"
    assert clean_text("a\u2028b") == "a b"
    assert clean_text("\u3000") == ""
    assert split_cell(" 张三 ") == ["张三"]
    assert split_cell("张三") == ["张三"]


def test_a_birth_date_after_today_is_impossible_whatever_the_year():
    this_year = clock.today().year
    future = f"410802{this_year + 1}0101123"
    with pytest.raises(BadValue, match="impossible"):
        parse_resident_id(future + _check(future))
    past = "41080219900101123"
    assert parse_resident_id(past + _check(past), today=dt.date(2026, 1, 1)).startswith("4108")
    with pytest.raises(BadValue, match="impossible"):
        parse_resident_id(past + _check(past), today=dt.date(1989, 12, 31))


def _check(first17: str) -> str:
    from stdnum.cn import ric

    return str(ric.calc_check_digit(first17 + "0"))


@pytest.mark.parametrize("first17", ["41080219900101123", "41082119851231002", "41088320000229004"])
def test_every_wrong_last_character_of_an_id_is_refused_x_included(first17):
    # Issue 21: a check that let any final X through passed every intake test. GB 11643-1999:
    # X stands for the check value 10 only.
    right = _check(first17)
    assert parse_resident_id(first17 + right) == first17 + right
    for wrong in sorted(set("0123456789X") - {right}):
        with pytest.raises(BadValue, match="wrong check digit"):
            parse_resident_id(first17 + wrong)


@pytest.mark.parametrize("raw", ["-1", "-0.01", "－5000", "-5.2万元"])
def test_a_negative_amount_is_refused(raw):
    with pytest.raises(BadValue, match=r"not an amount of money|negative"):
        parse_amount(raw)


def test_a_local_number_without_its_area_code_is_not_a_phone():
    """Phones: an 11-digit mobile or a landline with its area code (issue 18)."""
    assert parse_phone("0391-3561234") == "03913561234"
    assert parse_phone("010-12345678") == "01012345678"
    for bad in ("3561234", "12345678", "1380000000", "23800000000"):
        with pytest.raises(BadValue, match="area code"):
            parse_phone(bad)


def test_ethnicity_is_one_of_the_56_groups_of_gb_t_3304():
    from mediate.domain.ethnicity import ETHNIC_GROUPS
    from mediate.intake.values import parse_ethnicity

    assert len(ETHNIC_GROUPS) == len(set(ETHNIC_GROUPS)) == 56
    assert all(name.endswith("族") for name in ETHNIC_GROUPS)
    assert (ETHNIC_GROUPS[0], ETHNIC_GROUPS[2], ETHNIC_GROUPS[55]) == ("汉族", "回族", "基诺族")
    assert parse_ethnicity("汉族") == "汉族"
    assert parse_ethnicity("回") == "回族"
    assert parse_ethnicity("维吾尔") == "维吾尔族"
    assert parse_ethnicity("03") == "回族"
    assert parse_ethnicity("崩龙族") == "德昂族"  # the name before 1985
    assert parse_ethnicity("") is None
    for bad in ("汉人", "火星族", "57", "穿青人"):
        with pytest.raises(BadValue, match="56"):
            parse_ethnicity(bad)


@pytest.mark.parametrize(
    "number",
    [
        "41080219900101\u136923X",  # an Ethiopic digit passes str.isdigit, and NFKC leaves it
        "\u13691080219900101123X",
        "\u0664\u0661\u0660\u0668\u0660\u0662199001011232",  # Arabic-Indic digits
    ],
)
def test_a_resident_id_with_digits_of_another_script_is_refused_not_a_crash(number):
    with pytest.raises(BadValue, match="is not a resident ID number"):
        parse_resident_id(number)


def test_a_credit_code_with_digits_of_another_script_is_refused_not_a_crash():
    with pytest.raises(BadValue, match="not a unified social credit code"):
        parse_credit_code("91\u0664\u0661\u0660\u0668\u0660\u0660MA44ABCD1K")
    with pytest.raises(ValueError, match="17 credit code characters"):
        uscc_check_char("91410800ma44abcd1")  # lower case is not the alphabet's
