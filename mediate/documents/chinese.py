"""Chinese formatting for official papers: amounts in capitals, dates, numbering."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from mediate.domain.model import money

_DIGITS = "〇一二三四五六七八九"
_LOWER = "零一二三四五六七八九"
_UPPER = "零壹贰叁肆伍陆柒捌玖"
# the unit of each place, ones first, up to 千万亿 (16 digits)
_LOWER_UNITS = ("", *"十百千万十百千亿十百千万十百千")
_UPPER_UNITS = ("", *"拾佰仟万拾佰仟亿拾佰仟万拾佰仟")
_MISSING_ZERO = re.compile(r"([万亿])零([一二三四五六七八九壹贰叁肆伍陆柒捌玖][千仟])")


def small_number(n: int) -> str:
    """1..99 as written in dates and headings: 一, 十, 十一, 二十三."""
    if not 0 < n < 100:
        raise ValueError(f"out of range for a Chinese ordinal: {n}")
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[units] if units else "")


def date_cn(day: dt.date) -> str:
    """二〇二六年十一月二日: the date on an official paper."""
    year = "".join(_DIGITS[int(c)] for c in f"{day.year:04d}")
    return f"{year}年{small_number(day.month)}月{small_number(day.day)}日"


def date_figures(day: dt.date) -> str:
    """2026年11月2日: dates inside the body (birth dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


def amount_figures(value: Decimal) -> str:
    """52,000.50 (yuan, two places, thousands separated)."""
    return f"{money(value):,.2f}"


def amount_capitals(value: Decimal) -> str:
    """人民币伍万贰仟元伍角整: the amount in capitals, as banks and courts write it.

    整 follows 元 or 角 when there is no 分 (支付结算办法 rule); cn2an leaves it off after 角.
    The words are cn2an's `an2cn(amount, "rmb")`, computed here: importing cn2an compiles
    its parsing patterns and costs more than a whole batch of small documents (issue 19).
    """
    amount = money(value)
    if amount < 0:
        raise ValueError(f"a negative amount cannot be written in capitals: {amount}")
    yuan, _, cents = f"{amount:f}".partition(".")
    whole = integer_words(int(yuan), upper=True)
    jiao, fen = (int(c) for c in (cents + "00")[:2])
    if not jiao and not fen:
        words = whole + "元"
    elif whole == "零":
        words = (_UPPER[jiao] + "角" if jiao else "") + (_UPPER[fen] + "分" if fen else "")
    else:
        words = (
            whole
            + "元"
            + (_UPPER[jiao] + "角" if jiao else "零")
            + (_UPPER[fen] + "分" if fen else "")
        )
    if words.endswith(("元", "角")):
        words += "整"
    return "人民币" + words


def integer_words(number: int, upper: bool = False) -> str:
    """12 -> 十二, 1005 -> 一千零五, 100000001 -> 一亿零一 (upper: 壹拾贰 …), as cn2an's
    `an2cn` writes them (the same zeros; 一十 shortened to 十 in lower case only)."""
    if number < 0:
        return "负" + integer_words(-number, upper)
    digits = str(number)
    if len(digits) > len(_LOWER_UNITS):
        raise ValueError(f"too large to write in Chinese numerals: {number}")
    numerals, units = (_UPPER, _UPPER_UNITS) if upper else (_LOWER, _LOWER_UNITS)
    words = ""
    for i, digit in enumerate(int(d) for d in digits):
        place = len(digits) - i - 1
        if digit:
            words += numerals[digit] + units[place]
            continue
        if place % 4 == 0:
            words += numerals[0] + units[place]
        if i > 0 and words[-1] != "零":
            words += numerals[0]
    words = (
        words.replace("零零", "零")
        .replace("零万", "万")
        .replace("零亿", "亿")
        .replace("亿万", "亿")
        .strip("零")
    )
    words = _MISSING_ZERO.sub(r"\1\2", words)
    if words.startswith("一十"):
        words = words[1:]
    return words or "零"
