"""Chinese formatting for official papers: amounts in capitals, dates, numbering."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mediate.domain.model import money

_DIGITS = "〇一二三四五六七八九"


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
    """
    import cn2an

    amount = money(value)
    if amount < 0:
        raise ValueError(f"a negative amount cannot be written in capitals: {amount}")
    words = str(cn2an.an2cn(str(amount), "rmb"))
    if words.endswith(("元", "角")):
        words += "整"
    return "人民币" + words
