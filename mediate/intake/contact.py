"""A phone cell that holds more than the phone: 联系方式 in a court's export.

Court systems export a party's 联系方式 (contact) as one cell, often the address and the
phone together: `河南省焦作市解放区民主南路1号 13800000000`. Such a cell is read as what a
clerk sees in it: the one phone number is the phone, and the rest is the address when the
party has none and it reads as an address. Labels are taken off where they stand as labels
(电话： before the phone, 地址： or 户籍地址 at the start of the address), never from inside
an address (户籍地址小区, 电话局); brackets the phone split (`（13800000000 张经理）`) go
with it. Whatever else is left is not guessed at: the import says what it did not store. A
cell with two phone numbers, or none, is left to the phone parser and its message.

A mobile may be written in groups (`138-0000-0000`, `138 0000 0000`), as `parse_phone`
takes it by itself. An extension after the number (`0391-3561234 转 8001`, `分机 8001`,
`-8001` after a landline) is not part of the address: a phone is stored without one
(`parse_phone`), so the extension is handed back for the import to say it was not stored.
Digits after 转 or 分机 followed by 号, 栋, 楼, 单元, 室 or 层 (`转3号楼`) are part of an
address, not an extension. What follows the phone is kept with the address only when it
reads as one: a person's name (`13800000000 张经理`) or a run of digits (`-1234567` after
a landline, too long for an extension) is handed back as not stored, for the import to say.
A leading apostrophe (Excel's mark for a cell forced to text, `'13800000000`) is no part
of what the cell says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mediate.intake.values import BadValue, clean_text, parse_phone, screen_text

# One number, not part of a longer run of digits (an ID number, a case number): a mobile,
# whole or in groups of 3-4-4 split alike by dashes or spaces, or a landline with its area
# code, as `parse_phone` takes them (read on ASCII digits).
_NUMBER = re.compile(
    r"(?<![\d+])(?:\+?86[- ]?)?"
    r"(?:1[3-9]\d(?P<gap>[- ]?)\d{4}(?P=gap)\d{4}|\(?0\d{2,3}[-) ]?\d{7,8})(?!\d)",
    re.ASCII,
)
# An extension written right after the number: 转 8001, 分机 8001, ext. 8001, x8001, (转8001).
_EXTENSION = re.compile(
    r"\s*[(（]?\s*(?:转|分机号?|ext\.?|x)\s*[:：]?\s*(\d{1,6})(?!\d)(?!\s*(?:[号栋楼室层]|单元))"
    r"\s*[)）]?",
    re.ASCII | re.I,
)  # but not 转3号楼: digits followed by a place word are an address
_LANDLINE_EXTENSION = re.compile(r"-(\d{1,6})(?!\d)", re.ASCII)  # 0391-3561234-8001
_ASCII = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}  # one for one
# Labels a cell writes before what it gives (`电话：`, `地址：`), taken off only as labels: a
# phone label at the start of a part or right before the phone, an address label at the
# start of the address (never from inside one: 户籍地址 is no 户籍 + label, 电话局 no label).
_PHONE_LABEL = r"(?:联系电话|电话号码|手机号码|手机号|联系方式|电话|手机|座机|固话|(?<![a-z])tel)"
_ADDRESS_LABEL = (
    r"(?:户籍地址|家庭住址|通讯地址|联系地址|居住地址|住所地址|现住址|住所地|地址|住址|住所)"
)
_LEADING_LABEL = re.compile(
    rf"(?:{_PHONE_LABEL}(?=[\s:：]|$)|{_ADDRESS_LABEL})\s*[:：]?", re.I
)  # 电话局… begins with no label
_TRAILING_LABEL = re.compile(rf"{_PHONE_LABEL}\s*[:：]?$", re.I)
_EDGES = " ,，;；:：/|、"
_EMPTY_BRACKETS = re.compile(r"[(（【\[]\s*[)）】\]]")
_PAIRS = {")": "(（", "）": "(（", "]": "[【", "】": "[【"}  # 半角 and 全角 mixed, as typed
_DIGIT_RUN = re.compile(r"-\d", re.ASCII)  # 0391-3561234-1234567: too long for an extension
_ADDRESS_WORDS = re.compile(r"[省市县区乡镇村路街巷道号组楼栋层室弄院]|单元")


@dataclass(frozen=True)
class Contact:
    phone: str
    rest: str  # the other text as written, labels and separators taken off ('' if none)
    extension: str = ""  # written after the phone, not storable with it ('' if none)
    unstored: str = ""  # written after the phone, not address-like: not stored ('' if none)


def phone_numbers(text: str) -> list[str]:
    """The phone numbers written in `text` (as `_NUMBER` finds them), e.g. to say that a
    cell holds two rather than that it is no phone number."""
    return [m.group() for m in _NUMBER.finditer(text.translate(_ASCII))]


def split_contact(text: str) -> Contact | None:
    """The one phone number in `text` and what is left; None when `text` is a phone
    number by itself, holds none or several, or cannot be screened."""
    try:
        text = clean_text(screen_text(text)).removeprefix("'")
    except BadValue:
        return None
    try:
        parse_phone(text)
    except BadValue:
        pass
    else:
        return None  # a phone by itself: nothing to split
    ascii_text = text.translate(_ASCII)
    found = list(_NUMBER.finditer(ascii_text))
    if len(found) != 1:  # several: parse_phone says so
        return None
    [number] = found
    try:
        phone = parse_phone(number.group())
    except BadValue:
        return None
    if phone is None:
        return None
    end, extension = _extension(ascii_text, number.end(), landline=phone.startswith("0"))
    before, after = _part(text[: number.start()], before_phone=True), _part(text[end:])
    if after and (_DIGIT_RUN.match(after.translate(_ASCII)) or not reads_as_address(after)):
        return Contact(phone, before, extension, after)
    return Contact(phone, clean_text(f"{before} {after}"), extension)


def _part(text: str, *, before_phone: bool = False) -> str:
    """The text on one side of the phone as it reads by itself: brackets the phone split
    (`（13800000000 张经理）`) and empty ones dropped, one pair around the whole unwrapped,
    labels taken off (see `_LEADING_LABEL`), separators at the edges of its words."""
    text = _tidy(_balanced(_EMPTY_BRACKETS.sub(" ", text)))
    while (label := _LEADING_LABEL.match(text)) and label.end():
        text = _tidy(text[label.end() :])
    if before_phone:
        text = _tidy(_TRAILING_LABEL.sub("", text))
    inner = text[1:-1]  # （张经理）, not （东院）焦作市（西院）
    if len(text) > 1 and text[0] in _PAIRS.get(text[-1], "") and _balanced(inner) == inner:
        text = _tidy(inner)
    return text


def _tidy(text: str) -> str:
    """`text` without separators at the edges of its words, spaces collapsed."""
    return clean_text(" ".join(p.strip(_EDGES) for p in text.split()))


def _balanced(text: str) -> str:
    """`text` without the brackets that close nothing or are never closed."""
    unmatched: set[int] = set()
    opened: list[int] = []
    for at, character in enumerate(text):
        if character in "(（[【":
            opened.append(at)
        elif character in _PAIRS:
            if opened and text[opened[-1]] in _PAIRS[character]:
                opened.pop()
            else:
                unmatched.add(at)
    unmatched.update(opened)
    return "".join(c for at, c in enumerate(text) if at not in unmatched) if unmatched else text


def _extension(text: str, at: int, *, landline: bool) -> tuple[int, str]:
    """Where the text after the number at `at` goes on, and the extension written there."""
    written = _EXTENSION.match(text, at) or (landline and _LANDLINE_EXTENSION.match(text, at))
    return (written.end(), written.group(1)) if written else (at, "")


def reads_as_address(text: str) -> bool:
    """Text with a place word in it (市, 区, 村, 路, 号, 单元…), not a note such as 本人."""
    return bool(_ADDRESS_WORDS.search(text))
