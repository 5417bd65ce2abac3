"""A phone cell that holds more than the phone: 联系方式 in a court's export.

Court systems export a party's 联系方式 (contact) as one cell, often the address and the
phone together: `河南省焦作市解放区民主南路1号 13800000000`. Such a cell is read as what a
clerk sees in it: the one phone number is the phone, and the rest (labels such as 电话：
taken off) is the address when the party has none and it reads as an address. Whatever
else is left is not guessed at: the import says what it did not store. A cell with two
phone numbers, or none, is left to the phone parser and its message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mediate.intake.values import BadValue, clean_text, parse_phone, screen_text

# One number, not part of a longer run of digits (an ID number, a case number): a mobile,
# or a landline with its area code, as `parse_phone` takes them (read on ASCII digits).
_NUMBER = re.compile(
    r"(?<![\d+])(?:\+?86[- ]?)?(?:1[3-9]\d{9}|\(?0\d{2,3}[-)]?\d{7,8})(?!\d)", re.ASCII
)
_ASCII = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}  # one for one
_LABELS = re.compile(
    r"(联系电话|电话号码|手机号码|手机号|联系方式|电话|手机|座机|固话|tel)[:：]?", re.I
)
_EDGES = " ,，;；:：/|、"
_EMPTY_BRACKETS = re.compile(r"[(（【\[]\s*[)）】\]]")
_ADDRESS_WORDS = re.compile(r"[省市县区乡镇村路街巷道号组楼室弄院]")


@dataclass(frozen=True)
class Contact:
    phone: str
    rest: str  # the other text as written, labels and separators taken off ('' if none)


def phone_numbers(text: str) -> list[str]:
    """The phone numbers written in `text` (as `_NUMBER` finds them), e.g. to say that a
    cell holds two rather than that it is no phone number."""
    return [m.group() for m in _NUMBER.finditer(text.translate(_ASCII))]


def split_contact(text: str) -> Contact | None:
    """The one phone number in `text` and what is left; None when `text` is a phone
    number by itself, holds none or several, or cannot be screened."""
    try:
        text = clean_text(screen_text(text))
    except BadValue:
        return None
    try:
        parse_phone(text)
    except BadValue:
        pass
    else:
        return None  # a phone by itself: nothing to split
    found = list(_NUMBER.finditer(text.translate(_ASCII)))
    if len(found) != 1:  # several: parse_phone says so
        return None
    [number] = found
    try:
        phone = parse_phone(number.group())
    except BadValue:
        return None
    if phone is None:
        return None
    rest = _LABELS.sub(" ", f"{text[: number.start()]} {text[number.end() :]}")
    rest = _EMPTY_BRACKETS.sub(" ", rest)
    return Contact(phone, clean_text(" ".join(p.strip(_EDGES) for p in rest.split())))


def reads_as_address(text: str) -> bool:
    """Text with a place word in it (省, 市, 县, 区, 镇, 村, 路, 号…), not a note such as 本人."""
    return bool(_ADDRESS_WORDS.search(text))
