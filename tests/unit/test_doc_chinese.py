import datetime as dt
from decimal import Decimal

import pytest

from mediate.documents.chinese import amount_capitals, amount_figures, date_cn, small_number
from mediate.documents.render import safe_filename


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("52000.50", "人民币伍万贰仟元伍角整"),
        ("52000", "人民币伍万贰仟元整"),
        ("52000.05", "人民币伍万贰仟元零伍分"),
        ("52000.55", "人民币伍万贰仟元伍角伍分"),
        ("0.50", "人民币伍角整"),
        ("0", "人民币零元整"),
        ("1000000.10", "人民币壹佰万元壹角整"),
        ("100000001.01", "人民币壹亿零壹元零壹分"),
    ],
)
def test_amounts_in_capitals_end_with_zheng_after_yuan_or_jiao(amount, words):
    assert amount_capitals(Decimal(amount)) == words


def test_a_negative_amount_has_no_capitals():
    with pytest.raises(ValueError):
        amount_capitals(Decimal("-1"))


def test_amounts_in_figures_have_two_places_and_separators():
    assert amount_figures(Decimal("52000.5")) == "52,000.50"
    assert amount_figures(Decimal("1234567")) == "1,234,567.00"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 11, 2), "二〇二六年十一月二日"),
        (dt.date(2030, 1, 10), "二〇三〇年一月十日"),
        (dt.date(2026, 12, 31), "二〇二六年十二月三十一日"),
        (dt.date(2026, 2, 20), "二〇二六年二月二十日"),
    ],
)
def test_dates_are_written_in_chinese_numerals(day, text):
    assert date_cn(day) == text


def test_small_numbers_for_numbering():
    assert [small_number(n) for n in (1, 10, 11, 20, 23, 99)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
        "九十九",
    ]


def test_file_names_from_data_have_no_path_separators_and_stay_short():
    name = safe_filename(7, "司法确认申请书", '../../etc/passwd<A&B>:"x"|?*' + "名" * 200)
    assert "/" not in name and "\\" not in name and ".." not in name.removesuffix(".docx")
    assert name.startswith("7-司法确认申请书-")
    assert name.endswith(".docx")
    assert len(name.removesuffix(".docx").encode()) <= 150


def test_an_interrupted_write_leaves_neither_the_file_nor_a_temporary_one(tmp_path, monkeypatch):
    import os

    from mediate.documents import render

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(render.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        render.write_atomically(tmp_path / "a.docx", b"data")
    assert os.listdir(tmp_path) == []


def test_small_numbers_cover_exactly_one_to_ninety_nine():
    # Dates and headings use 1..99; 0 and 100 are errors, not 〇 or 十〇〇 (found by mutants).
    from mediate.documents.chinese import small_number

    assert [small_number(n) for n in (1, 10, 11, 20, 99)] == ["一", "十", "十一", "二十", "九十九"]
    for wrong in (0, 100, -1):
        with pytest.raises(ValueError):
            small_number(wrong)


def _amounts_with_every_zero_pattern():
    import random

    rng = random.Random(19)
    yield from (Decimal(n) for n in (0, 1, 10, 11, 100, 101, 110, 1001, 10000, 10001, 100010))
    for _ in range(4000):
        digits = "".join(rng.choice("0000123456789") for _ in range(rng.randint(1, 13)))
        yield Decimal(f"{int(digits)}.{rng.randint(0, 99):02d}")


def test_amounts_in_capitals_are_cn2ans_rmb_words():
    # The words were cn2an's an2cn(amount, "rmb") plus 整 after 元/角; computed in
    # chinese.py since issue 19 (cn2an's import cost more than a small batch).
    import cn2an

    for amount in _amounts_with_every_zero_pattern():
        expected = cn2an.an2cn(str(amount), "rmb")
        expected += "整" if expected.endswith(("元", "角")) else ""
        assert amount_capitals(amount) == "人民币" + expected, amount


def test_numbers_in_words_are_cn2ans_for_lower_and_upper_case():
    import cn2an

    from mediate.documents.chinese import integer_words

    for amount in _amounts_with_every_zero_pattern():
        number = int(amount)
        assert integer_words(number) == cn2an.an2cn(number), number
        assert integer_words(number, upper=True) == cn2an.an2cn(number, "up"), number
    assert integer_words(-105) == "负一百零五"
