"""Court codes (法院代字) in case numbers (domain/court_codes.py, domain/case_numbers.py).

法〔2015〕137号 art. 4 (not changed by the 2018 amendment 法〔2018〕335号, which rewrote art. 2,
art. 3 para. 1, art. 5 para. 2(3) and art. 10 para. 1): the SPC's code is 最高法; a high
court's is its province's 简称; 内蒙古's high court, the PLA Military Court and the XPCC
branch of Xinjiang's high court are 内, 军, 兵. Art. 5: an intermediate or basic court's
code is its high court's with two or four digits. data/PROVENANCE.md, "Case-number format"."""

from __future__ import annotations

import pytest

from mediate.domain.case_numbers import (
    _PLAIN,
    CourtLevel,
    _canonical,
    canonical_case_no,
    canonical_or_same,
    confirmation_court_refusal,
    confirmation_number_warning,
    court_level,
    old_format_refusal,
    type_code,
)
from mediate.intake.values import BadValue, parse_case_no
from mediate.textwidth import cell_width, tokens, unbroken_width


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("(2024)豫民终12号", "（2024）豫民终12号"),
        ("（2024） 豫民终 12号", "（2024）豫民终12号"),
        ("〔2024〕豫民终12号", "（2024）豫民终12号"),
        ("【2024】豫民终12号", "（2024）豫民终12号"),
        ("(２０２４)豫民终１２号", "（2024）豫民终12号"),
        ("(2020)最高法民终1316号", "（2020）最高法民终1316号"),
        (" 〔2020〕最高法 民终1316号 ", "（2020）最高法民终1316号"),
        ("(2023)最高法知民终7号", "（2023）最高法知民终7号"),  # 2018: 专门审判代字 知
        ("(2024)内民终1号", "（2024）内民终1号"),
        ("(2024)军民终1号", "（2024）军民终1号"),
        ("(2024)兵民终1号", "（2024）兵民终1号"),
        ("(2019)云民终296号", "（2019）云民终296号"),
    ],
)
def test_rule_fa_2015_137_art_4_high_court_code_read(typed, canonical):
    """Every way in (half-width, 〔〕, 【】, full-width digits, spaces) gives art. 3's one form."""
    assert canonical_case_no(typed) == canonical
    assert canonical_or_same(typed) == canonical


@pytest.mark.parametrize("text", ["(2024)豫民终12号", "(2020)最高法民终1316号", "(2024)兵民初3号"])
def test_rule_fa_2015_137_art_4_the_direct_way_agrees(text):
    assert _PLAIN.fullmatch(text)
    assert canonical_case_no(text) == _canonical(text)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("(2020)川民终1443号", "（2020）川民终1443号"),  # 四川省高级人民法院
        ("(2024)陕民申7769号", "（2024）陕民申7769号"),
        ("(2020)陕刑终267号", "（2020）陕刑终267号"),  # 陕西省高级人民法院's judgment header
        ("(2017)甘民终593号", "（2017）甘民终593号"),  # 甘肃省高级人民法院
        ("(2024)黔民终1号", "（2024）黔民终1号"),
    ],
)
def test_rule_fa_2015_137_art_4_sichuan_guizhou_shaanxi_gansu_high_court_codes_read(
    typed, canonical
):
    """Art. 4 makes a high court's code its province's 简称; where a province has two, the
    courts' own numbers show which (data/PROVENANCE.md, "The sixth check"): 川, 陕, 甘 in the
    high courts' numbers above, 黔 by art. 5 from 贵州省铜仁市中级人民法院's (2018)黔06民终609号
    (an intermediate court's code is "所属高院的法院代字" with two digits). Refused before."""
    assert canonical_case_no(typed) == canonical
    assert court_level(canonical) is CourtLevel.HIGH


@pytest.mark.parametrize(
    "typed",
    [
        "(2024)民终12号",  # no court code: 民 is none
        "(2024)蜀民终1号",  # 四川's other 简称: its high court writes 川
        "(2024)贵民终1号",  # 贵州's high court writes 黔
        "(2024)秦民终1号",  # 陕西's writes 陕
        "(2024)陇民终1号",  # 甘肃's writes 甘
        "(2024)最高民终1号",
    ],
)
def test_rule_fa_2015_137_art_4_other_bare_codes_not_read(typed):
    """Art. 4 gives each high court one code; a 简称 its court does not write is none."""
    assert canonical_case_no(typed) is None
    assert canonical_or_same(typed) == typed


@pytest.mark.parametrize(
    ("number", "level", "code"),
    [
        ("（2020）最高法民终1316号", CourtLevel.SUPREME, "民终"),
        ("（2024）豫民终12号", CourtLevel.HIGH, "民终"),
        ("（2024）京知民终3号", CourtLevel.HIGH, "知民终"),
        ("（2024）豫08民终12号", CourtLevel.INTERMEDIATE, "民终"),
        ("（2026）豫0802民特12号", CourtLevel.BASIC, "民特"),
    ],
)
def test_rule_fa_2015_137_art_5_court_level_and_type_code(number, level, code):
    assert court_level(number) is level
    assert type_code(number) == code


@pytest.mark.parametrize(
    ("number", "refused"),
    [
        ("（2026）最高法民特3号", True),
        ("（2026）豫民特3号", True),
        ("（2026）豫08民特3号", False),
        ("（2026）豫0802民特3号", False),
    ],
)
def test_cpl_2023_art_205_2_self_accepted_ruling_by_a_basic_or_intermediate_court(number, refused):
    assert (confirmation_court_refusal(number, referred=False) is not None) is refused
    assert confirmation_court_refusal(number, referred=True) is None


def test_cpl_2023_art_205_1_a_referral_ruling_of_a_high_court_is_warned():
    warning = confirmation_number_warning("（2026）豫民特3号")
    assert warning is not None and "205(1)" in warning
    assert confirmation_number_warning("（2026）豫0802民特3号") is None


@pytest.mark.parametrize(
    ("number", "halves"),
    [
        ("（2020）最高法民终1316号", ["（2020）最高法", "民终1316号"]),
        ("（2024）豫民终12号", ["（2024）豫", "民终12号"]),
    ],
)
def test_rule_fa_2015_137_art_4_a_line_breaks_after_the_court_code(number, halves):
    assert tokens(number) == halves
    assert unbroken_width(number) == cell_width(number) > 0  # read as a case number


@pytest.mark.parametrize(
    "typed", ["(2024)豫123民初1号", "(2024)豫08021民初1号", "(2024)豫0民初1号"]
)
def test_rule_fa_2015_137_art_5_court_code_has_two_or_four_digits(typed):
    """Art. 5: "中级、基层法院的数字代码，分别由两位、四位阿拉伯数字表示" — three digits (or one,
    or five) make no court code, so the number is not read, nor given a level or a type."""
    assert canonical_case_no(typed) is None
    assert canonical_or_same(typed) == typed
    stored = typed.replace("(", "（").replace(")", "）")
    assert court_level(stored) is None
    assert type_code(stored) is None
    assert unbroken_width(stored) == 0  # not broken as a case number either


@pytest.mark.parametrize(
    "typed",
    [
        "（2014）焦民一初字第00123号",
        "（2014）豫民一初字第00123号",  # 豫 + 民一初字第 was read as a high court's number
        "(2015)豫法民一终字第1号",
        "（2013）最高法民提字第5号",
        " (2014) 焦民一初字第 00123号 ",
        # 字 without 第: _OLD_FORMAT refuses it, so TYPE_CODE must not read 民初字 as a type
        "（2024）豫0802民初字1号",
        "（2014）焦民一初字00123号",
    ],
)
def test_rule_fa_2015_137_in_force_2016_old_format_is_no_high_court_number(typed):
    """法〔2015〕137号 took effect on 2016-01-01; a number of the format before it (a court's
    abbreviation, 字第…号) is not art. 3's: it is refused as input with that reason, and a
    stored one gets no court level, type or warning."""
    assert canonical_case_no(typed) is None
    refusal = old_format_refusal(typed)
    assert refusal is not None and "2016" in refusal and "（2026）豫0802民初1234号" in refusal
    with pytest.raises(BadValue, match="format before 2016"):
        parse_case_no(typed)
    stored = typed.strip().replace("(", "（").replace(")", "）").replace(" ", "")
    assert court_level(stored) is None
    assert type_code(stored) is None
    assert confirmation_number_warning(stored) is None
    assert confirmation_court_refusal(stored, referred=False) is None


@pytest.mark.parametrize("typed", ["(2026)豫0802民初12号", "(2020)最高法民终1316号", "abc"])
def test_rule_fa_2015_137_in_force_2016_numbers_of_art_3_are_not_old(typed):
    assert old_format_refusal(typed) is None
