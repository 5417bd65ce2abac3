"""`KEY=VALUE` as clerks type it: the one reading of `case new --applicant`, `case edit
--add-party/--set` and `doc batch --filter`.

A Chinese keyboard gives `，` for `,`, `＝` for `=` and `：` for `:`, and a clerk writes
`姓名：张三，电话：13800001111` as a form prints it. So pairs are separated by `,` or `，`
(and by `、` only where a known key follows it: `、` lists things inside a value, 张三、李四);
a key and its value by `=`/`＝`, or by `:`/`：` when what comes before is a known key (a
colon is also in times and free text). `is_key` says whether a word is a known key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from mediate.intake.values import BadValue

KeyTest = Callable[[str], bool]

_PAIRS = re.compile(r"[,，]")
_EQUALS = "=＝"
_COLONS = ":："


def split_pair(item: str, is_key: KeyTest) -> tuple[str, str] | None:
    """`姓名=张三`, `姓名＝张三`, `姓名：张三` -> (key, value) stripped; None if `item` is
    no pair (a bare value). An `=` always makes a pair (an unknown key is the caller's to
    refuse); a colon only after a known key."""
    for at, char in enumerate(item):
        if char in _EQUALS:
            return item[:at].strip(), item[at + 1 :].strip()
        if char in _COLONS and is_key(item[:at]):
            return item[:at].strip(), item[at + 1 :].strip()
    return None


class NoPair(BadValue):
    """A part that is no `KEY=VALUE` where one was needed: the message names the part, in
    the clerk's words (`应写成"字段=值"`), and what was read around it."""

    def __init__(self, part: str, read: Sequence[str] = (), form: str | None = None) -> None:
        from mediate.errors import quoted, shown
        from mediate.i18n import _

        parts = [quoted(shown(item)) for item in read]
        message = _("'{part}' should be written {form}").format(
            part=shown(part), form=form or _("FIELD=VALUE")
        )
        if len(parts) > 1:
            message = _("{message} (read: {parts})").format(
                message=message, parts=_(", ").join(parts)
            )
        super().__init__(message)
        self.part = part


def refuse_repeat(found: Mapping[str, str], field: str) -> None:
    """BadValue when `field` already has a value in `found`: a field given twice (by its
    code, a label or another of its names: 姓名 and 名称, role and 诉讼地位) in one spec, or
    in two `--set`, would otherwise keep only the last value silently."""
    from mediate.domain.fields import field_label
    from mediate.i18n import _

    if field in found:
        raise BadValue(_("the field {field} is given twice").format(field=field_label(field)))


def field_test(allowed: tuple[str, ...], aliases: Mapping[str, str] | None = None) -> KeyTest:
    """Whether a word names one of the fields `allowed`: its code, an alias, or a name
    `domain/fields.field_names` knows (code, labels, the spreadsheets' Chinese words)."""
    from mediate.domain.fields import parse_field

    def is_key(word: str) -> bool:
        word = word.strip()
        return (aliases or {}).get(word, word) in allowed or parse_field(word, allowed) is not None

    return is_key


def pair_of(item: str, is_key: KeyTest, form: str | None = None) -> tuple[str, str]:
    """One `KEY=VALUE` (`case edit --set`, `doc batch --filter`); NoPair if it is none."""
    pair = split_pair(item, is_key)
    if pair is None or not pair[0]:  # `=`, `=张三`: no field named
        raise NoPair(item, form=form)
    return pair


def read_pairs(spec: str, is_key: KeyTest, bare: str | None = None) -> list[tuple[str, str]]:
    """`姓名=张三，电话：…、住所=…` -> the (key, value) pairs as typed; a part that is no pair
    is the value of the field `bare` (a party's name, 张三) while no pair named that field,
    else NoPair."""
    from mediate.domain.vocabulary import normalise

    items = split_items(spec, is_key)
    words = field_keys((bare,)) if bare is not None else set()  # 姓名, 名称, name …
    pairs: list[tuple[str, str]] = []
    for item in items:
        pair = split_pair(item, is_key)
        if pair is None and bare is not None and all(normalise(k) not in words for k, _ in pairs):
            pair = (bare, item)
        if pair is None or not pair[0]:  # `=`, `=张三`: no field named
            raise NoPair(item, items)
        pairs.append(pair)
    return pairs


def split_items(spec: str, is_key: KeyTest) -> list[str]:
    """`name=张三，phone=…、address=…` -> the pairs as typed (empty ones dropped)."""
    items: list[str] = []
    for part in _PAIRS.split(spec):
        pieces = part.split("、")
        current = pieces[0]
        for piece in pieces[1:]:
            pair = split_pair(piece, is_key)
            if pair is not None and is_key(pair[0]):
                items.append(current)
                current = piece
            else:
                current += "、" + piece
        items.append(current)
    return [item.strip() for item in items if item.strip()]


def stray_pair(value: str, keys: set[str]) -> str | None:
    """The `key=…`/`key：…` a value still holds (a known key, then a sign): what a clerk
    meant as another field, which must not end up in a party's name on court papers."""
    if not keys:
        return None
    words = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    folded = unicodedata.normalize("NFKC", value).lower()
    found = re.search(rf"(?<![a-z0-9_])(?:{words})\s*[=:]\S*", folded)
    if found is None:
        return None
    same = len(folded) == len(value)  # NFKC keeps CJK text one character for one
    return value[found.start() : found.end()] if same else found.group(0)


def field_keys(allowed: tuple[str, ...], aliases: tuple[str, ...] = ()) -> set[str]:
    """Every word (normalised) that names one of `allowed` (domain/fields.field_names)."""
    from mediate.domain.fields import field_names

    keys = set(aliases)
    for name in allowed:
        keys |= field_names(name)
    return {key for key in keys if key}


def refuse_stray(value: str, keys: set[str]) -> None:
    """BadValue naming the part of `value` that looks like another `key=value`."""
    from mediate.i18n import _

    stray = stray_pair(value, keys)
    if stray is not None:
        raise BadValue(
            _(
                "'{value}' holds '{part}', which looks like another field: separate "
                "fields with a comma (，)"
            ).format(value=value, part=stray)
        )
