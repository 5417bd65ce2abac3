"""Values as people write them: amounts, dates, identity numbers, phones, case numbers.

Each parser takes the raw text (or a spreadsheet cell value) and returns the clean value,
or raises `BadValue` with the reason. The callers add where (file:line, row, field).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from mediate import clock
from mediate.domain.case_numbers import canonical_case_no, old_format_refusal
from mediate.domain.ethnicity import ethnic_group
from mediate.domain.model import PartyKind, Source
from mediate.domain.vocabulary import PARTY_KIND, SOURCE
from mediate.errors import located
from mediate.i18n import _
from mediate.intake.text import BadValue as BadValue  # exported here too, with the parsers
from mediate.intake.text import control_characters
from mediate.intake.text import half_width as half_width
from mediate.intake.text import screen_option_text as screen_option_text
from mediate.intake.text import screen_text as screen_text

_SPACES = re.compile(r"\s+")
# What no field may hold (`intake.text.control_characters`): validate.py drops it from a
# value it reports.
CONTROL_CHARACTERS = control_characters()


def screen_tree(data: object, where: str = "") -> object:
    """`screen_text` over every string (keys too) of parsed YAML/JSON data; BadValue says
    where (`orgs[2].name`)."""
    if isinstance(data, str):
        try:
            return screen_text(data)
        except BadValue as exc:
            raise BadValue(located(where, str(exc)) if where else str(exc)) from None
    if isinstance(data, dict):
        return {
            screen_tree(k, where): screen_tree(v, f"{where}.{k}" if where else str(k))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [screen_tree(v, f"{where}[{i}]") for i, v in enumerate(data)]
    return data


def clean_text(value: object) -> str:
    """Stray spaces (incl. the ideographic space) trimmed and runs collapsed to one."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else cell_text(value)
    if text.isprintable() and " " not in text:
        return text  # no whitespace at all: every other space character is unprintable
    if not _SPACES.search(text) and "\u3000" not in text:
        return text
    return _SPACES.sub(" ", text.replace("\u3000", " ")).strip()


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: 12.0 -> '12', dates ISO, text as is; a logical cell
    TRUE/FALSE as the spreadsheet shows it (not 1/0: TRUE in 标的额 was taken as 1 元),
    as a CSV holds it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- amounts (标的额)

_CURRENCY = re.compile(r"^(人民币|RMB|CNY)|[¥￥$元圆整]|(人民币)$", re.IGNORECASE)
_UNITS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1_000)}
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_amount(value: object) -> Decimal | None:
    """`52,000.50`, `5.2万元`, `５２０００`, `￥52000`, `伍万元整` -> Decimal yuan; '' -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):  # (a number to Python) a TRUE/FALSE cell is no amount
        raise BadValue(_("'{value}' is not an amount of money").format(value=cell_text(value)))
    if isinstance(value, int | float | Decimal):
        return _checked_amount(Decimal(str(value)), cell_text(value))
    raw = clean_text(value)
    if not raw:
        return None
    text = _CURRENCY.sub("", half_width(raw))
    unit = Decimal(1)
    if text and text[-1] in _UNITS:
        unit, text = _UNITS[text[-1]], text[:-1]
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if _NUMBER.match(text):
        return _checked_amount(Decimal(text) * unit, raw)
    return _checked_amount(_chinese_numeral(text, raw) * unit, raw)


def _chinese_numeral(text: str, raw: str) -> Decimal:
    import cn2an

    try:
        number = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise BadValue(_("'{value}' is not an amount of money").format(value=raw)) from exc
    return Decimal(str(number))


def option_amount(value: str | None, option: str) -> Decimal | None:
    """An amount option (`--amount`) as people write it (`parse_amount`); None when not
    given. A bad one is a usage error naming the option (exit 2)."""
    from mediate.errors import BadOptionValue

    try:
        return parse_amount(screen_text(value) if value else value)
    except ValueError as exc:  # BadValue, and what a numeral reader may raise
        raise BadOptionValue(option, str(exc)) from None


MAX_AMOUNT = Decimal(10) ** 13
"""Amounts are bounded below 10^13 yuan (ten trillion): far above any dispute brought to
mediation, far below what the BIGINT of fen holds (9.2 * 10^16 yuan) and what Decimal's
28 digits can quantise; a 30-digit or 1e17 cell is a typo or an attack (issue #12)."""


def _checked_amount(amount: Decimal, raw: str) -> Decimal:
    if not amount.is_finite():
        raise BadValue(_("'{value}' is not an amount of money").format(value=raw))
    if abs(amount) >= MAX_AMOUNT:
        raise BadValue(
            _("the amount {value} is not plausible: amounts are below 10^13 yuan").format(
                value=raw[:40]
            )
        )
    if amount < 0:
        raise BadValue(_("the amount {value} is negative").format(value=raw))
    if amount != amount.quantize(Decimal("0.01")):
        raise BadValue(_("the amount {value} has more than two decimal places").format(value=raw))
    return amount.quantize(Decimal("0.01"))


# ---------------------------------------------------------------- dates

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),  # 号: the day as often said
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_RANGE = (20_000, 80_000)  # 1954 .. 2119: a number in this range is an Excel date


def parse_date(value: object) -> dt.date | None:
    """`2026-11-02`, `2026/11/2`, `2026年11月2日`, `20261102`, Excel serials -> date."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return date_of_text(value)
    return _parse_date(value)


def not_a_date(value: str) -> str:
    """The one sentence for a text that is not a date, wherever it was written (an option,
    an import cell, a file): the forms every date option's help shows (`DATE_FORMS`), with
    the same fixed example day."""
    return _("'{value}' is not a date (write 2026-12-01, 2026/12/1 or 2026年12月1日)").format(
        value=value
    )


_LONGEST_DATE = len("2026年12月31日 23:59:59")  # the longest form a date option takes
_ONE_DATE = re.compile(r"\S+(?: \d{1,2}:\d{2}(?::\d{2})?)?")  # no space but before a time


def option_date(value: str | None, option: str) -> dt.date | None:
    """A date option (`--on`, `--from`, `--date`…) as the clerk wrote it: 2026-12-01,
    2026/12/1, 2026年12月1日 (`commands.common.DATE_FORMS`); None when not given. An empty
    or bad date is a usage error naming the option (exit 2), never taken as today."""
    from mediate.errors import BadOptionValue, echoed

    if value is None:
        return None
    text = value.strip()
    try:  # a control character is refused by its code, never echoed to the terminal
        screen_text(text)
    except BadValue as exc:
        raise BadOptionValue(option, str(exc)) from None
    if text and (len(text) > _LONGEST_DATE or not _ONE_DATE.fullmatch(text)):
        # a date option is one date: no line break or space inside it (an import cell is
        # read more leniently), and a pasted page is not echoed back whole
        raise BadOptionValue(option, not_a_date(echoed(" ".join(text.split()))))
    try:
        day = date_of_text(text)
    except BadValue as exc:
        raise BadOptionValue(option, str(exc)) from None
    if day is None:
        raise BadOptionValue(
            option, _("The date is empty; write it as 2026-12-01, 2026/12/1 or 2026年12月1日.")
        )
    return plausible_day(day, option)


def plausible_day(day: dt.date, option: str) -> dt.date:
    """`day` as a date option typed it, held to `clock.option_days`: a day a century or
    more away is a usage error naming the option (exit 2), the same for every date option,
    before any date arithmetic could overflow on it."""
    from mediate.errors import BadOptionValue

    first, last = clock.option_days(clock.today())
    if not first <= day <= last:
        raise BadOptionValue(
            option,
            _(
                "{day} is not a plausible date: a date here lies between {first} and "
                "{last} (is the year mistyped?)."
            ).format(day=day.isoformat(), first=first.isoformat(), last=last.isoformat()),
        )
    return day


def in_order(first: dt.date | None, last: dt.date | None) -> None:
    """`--from` and `--to` as given (None: not given): a first day after the last is a
    usage error saying which is after which (it would select nothing, silently)."""
    from mediate.errors import BadOptionValue

    if first is not None and last is not None and first > last:
        raise BadOptionValue(
            "--from",
            _("{first} is after the last day, --to {last}: the first day comes first.").format(
                first=first.isoformat(), last=last.isoformat()
            ),
        )


@lru_cache(maxsize=4096)  # dates repeat across a batch
def date_of_text(value: str) -> dt.date | None:
    """`parse_date` of a text."""
    return _parse_date(value)


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(float(value), cell_text(value))
    raw = clean_text(value)
    if not raw:
        return None
    text = half_width(raw)
    text = re.sub(r"[T ]?\d{1,2}:\d{2}(:\d{2})?$", "", text)  # a time after the date
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise BadValue(_("{value} is not a real date").format(value=raw)) from exc
    if re.match(r"^\d+(\.\d+)?$", text):
        return _from_serial(float(text), raw)
    raise BadValue(not_a_date(raw))


def _from_serial(serial: float, raw: str) -> dt.date:
    low, high = _SERIAL_RANGE
    if not low <= serial < high:
        raise BadValue(not_a_date(raw))
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


# ---------------------------------------------------------------- identity numbers


def parse_resident_id(value: object, today: dt.date | None = None) -> str:
    """A resident identity number (身份证号): 18 characters, birth date, check digit.

    The first six digits are where the ID was issued; an area code that did not exist in
    the birth year is normal (DOMAIN.md §5), so it is deliberately not checked.
    """
    return resident_id_of_text(clean_text(value), today)[0]


def resident_id_of_text(raw: str, today: dt.date | None = None) -> tuple[str, dt.date]:
    """`parse_resident_id` of a text `clean_text` leaves as it is, with the birth date the
    number holds (read once: the batch path stores it beside the number)."""
    if _RIC_SHAPE.fullmatch(raw):  # as IDs are mostly written: nothing to normalise
        number = raw
    else:
        number = half_width(raw).upper()
        if not _RIC_SHAPE.fullmatch(number):
            if len(number) == 18 and _USCC.match(number):
                raise BadValue(
                    _("{value} is a credit code, not a resident ID number").format(value=raw)
                )
            raise BadValue(
                _("{value} is not a resident ID number (18 characters, the last may be X)").format(
                    value=_masked(number)
                )
            )
    birth = ric_birth_date(number)
    if (
        birth is None
        or birth.year < 1890
        # only a birth date in the last few years can lie in the future: ask the clock then
        or ((today is not None or birth.year >= 2020) and birth > (today or clock.today()))
    ):
        raise BadValue(
            _("{value}: the birth date in the ID number is impossible").format(
                value=_masked(number)
            )
        )
    if not ric_checksum_ok(number):
        raise BadValue(
            _("{value}: wrong check digit in the ID number (typo?)").format(value=_masked(number))
        )
    return number, birth


# ASCII digits only: a digit of another script (an Ethiopic ፩ passes str.isdigit and NFKC
# leaves it) is no ID, and int() stopped on it with a bare ValueError (exit 3)
_RIC_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


def ric_check_digit(first17: str) -> str:
    """GB 11643-1999 check digit (ISO 7064 MOD 11-2) of 17 ASCII digits."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError(f"17 ASCII digits expected, got {first17!r}")
    return _ric_check(first17)


def ric_checksum_ok(number: str) -> bool:
    """Whether the 18th character of an ID of `_RIC_SHAPE` is its check digit."""
    return number[17] == _ric_check(number[:17])


def _ric_check(first17: str) -> str:
    """python-stdnum's arithmetic (`stdnum.cn.ric.calc_check_digit`): the weights are
    2**(17-i) mod 11 and 13 = 2 (mod 11), so the weighted sum is 2 * int(first17, 13),
    one conversion in C. Not stdnum itself: importing it pulls in ssl and pydoc, tens of
    ms on every command that checks an ID (a test keeps the two in agreement)."""
    return "10X98765432"[2 * int(first17, 13) % 11]


def ric_birth_date(number: str) -> dt.date | None:
    """The birth date in an ID (YYYYMMDD from the 7th digit), None if no real day."""
    digits = number[6:14]
    if not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return dt.date.fromisoformat(digits)  # the basic ISO form, one call in C
    except ValueError:
        return None


def ric_sex(number: str) -> str:
    """男 or 女, from the 17th digit (odd for men)."""
    return "男" if number[16] in "13579" else "女"


# ASCII digits in the middle, as in a resident ID: `\d` took an Arabic-Indic ٤ and the
# check then failed with a bare KeyError (exit 3)
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_USCC_CHARACTERS = re.compile(r"[0-9A-HJ-NPQRTUWXY]{17}")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Each character's value (its place in the alphabet) as a digit of base 34, so that
# int(reversed first 17, 34) is the sum of value * 34**i, and 34 = 3 (mod 31) makes those
# the standard's weights 3**i mod 31 (1, 3, 9, 27, 19 … 28): one conversion in C.
_USCC_AS_DIGITS = str.maketrans(_USCC_ALPHABET, "0123456789ABCDEFGHIJKLMNOPQRSTU")


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character of a credit code's first 17 characters.

    What `stdnum.cn.uscc.calc_check_digit` computes (a test keeps the two in agreement),
    not stdnum itself: its per-call clean-up and weighted sum cost ten times this, more
    than the rest of a party's checks in a 100k-row import."""
    if not _USCC_CHARACTERS.fullmatch(first17):
        raise ValueError(f"17 credit code characters expected, got {first17!r}")
    return _uscc_check(first17)


def _uscc_check(first17: str) -> str:
    return _USCC_ALPHABET[-int(first17[::-1].translate(_USCC_AS_DIGITS), 34) % 31]


def parse_credit_code(value: object) -> str:
    """A unified social credit code (统一社会信用代码): format and check character."""
    return credit_code_of_text(clean_text(value))


def credit_code_of_text(raw: str) -> str:
    """`parse_credit_code` of a text `clean_text` leaves as it is."""
    number = half_width(raw).upper()
    if not _USCC.match(number):
        raise BadValue(
            _("{value} is not a unified social credit code (18 characters)").format(value=raw)
        )
    if number[17] != _uscc_check(number[:17]):
        raise BadValue(
            _("{value}: wrong check character in the credit code (typo?)").format(value=raw)
        )
    return number


def _masked(number: str) -> str:
    from mediate.domain.model import mask_id

    return mask_id(number)


def parse_id_for(kind: PartyKind, value: object, operator: bool = False) -> str | None:
    """A party's ID number: a person's resident ID, an organisation's credit code. A
    个体工商户 (`operator`: recorded with its 经营者) may carry either: its credit code, or
    its operator's resident ID when the code is not on record (民诉法解释 (2022) art. 59:
    the party is the registered operator, or the 字号 with the operator's particulars)."""
    if value is None or clean_text(value) == "":
        return None
    if kind is PartyKind.PERSON:
        return parse_resident_id(value)
    resident_shaped = _RIC_SHAPE.fullmatch(number := half_width(clean_text(value)).upper())
    if operator and resident_shaped:
        return parse_resident_id(value)
    try:
        return parse_credit_code(value)
    except BadValue:
        if kind is PartyKind.ENTERPRISE and resident_shaped:
            raise BadValue(
                _(
                    "{value} is a resident ID number, not a credit code: a 个体工商户 may be "
                    "recorded with its operator's ID — set its kind to 个体工商户"
                ).format(value=_masked(number))
            ) from None
        raise


def guess_kind(name: str, id_number: str | None, *, person_named: bool = False) -> PartyKind:
    """A party's kind when the file does not say: from the ID's shape, else the name.

    `person_named`: the clerk typed the name under the person's key (姓名=, not 名称=). Then
    an ending a person's given name can have (张志行, 王金店, 欧阳中心: `_PERSON_ENDINGS`) is
    no organisation's; a name only an organisation bears (…有限公司, …委员会) still is one
    (the review of 2026-12-02 found 姓名=张志行 turned into an enterprise)."""
    number = half_width(id_number or "").upper()
    if _RIC_SHAPE.fullmatch(number) and ric_birth_date(number) is not None:
        return PartyKind.PERSON
    if _USCC.match(number):
        if number.startswith("12"):
            return PartyKind.INSTITUTION
        return _KIND_BY_REGISTRAR.get(number[0], PartyKind.ENTERPRISE)
    if _SELF_GOVERNING_NAME.search(name):
        return PartyKind.INSTITUTION
    if _GOVERNMENT_NAME.search(name):
        return PartyKind.GOVERNMENT
    entity = _ENTITY_NAME.search(name)
    if entity and not (person_named and entity.group(1) in _PERSON_ENDINGS):
        return PartyKind.ENTERPRISE
    return PartyKind.PERSON


_KIND_BY_REGISTRAR = {
    "1": PartyKind.GOVERNMENT,  # 机构编制: 机关 (12 事业单位 is refined below)
    "5": PartyKind.INSTITUTION,  # 民政: 社会团体, 民办非企业
    "9": PartyKind.ENTERPRISE,  # 市场监管: 企业, 个体工商户
}
# 村民委员会 and 居民委员会 are 基层群众性自治组织法人 (民法典 arts. 96, 101), not organs of
# the state; an 业主委员会 speaks for the owners (民法典 arts. 277-280), a 人民调解委员会 is
# a mediation body. None is a government, though each name ends in 委员会 (the audit of
# 2026-12 found a village committee in a land-contract dispute taken for one).
_SELF_GOVERNING_NAME = re.compile(
    r"(村民委员会|居民委员会|村委会|居委会|业主委员会|人民调解委员会)$"
)
_GOVERNMENT_NAME = re.compile(r"(人民政府|局|委员会|办事处|管理委员会)$")
_ENTITY_NAME = re.compile(
    r"(公司|银行|分行|支行|厂|店|中心|合作社|集团|事务所|医院|学校|协会|商会|行|社)$"
)
# The endings of `_ENTITY_NAME` a person's given name can have (张志行, 王金店, 欧阳中心).
_PERSON_ENDINGS = frozenset({"行", "店", "中心"})


def parse_kind(value: object) -> PartyKind | None:
    return kind_of_text(clean_text(value))


@lru_cache(maxsize=256)  # a batch repeats a handful of values thousands of times
def kind_of_text(value: str) -> PartyKind | None:
    """`parse_kind` of a text `clean_text` leaves as it is."""
    if not value.strip():
        return None
    code = PARTY_KIND.find(value)
    if code is not None:
        return PartyKind(code)
    raise BadValue(
        _("'{value}' is not a kind of party (自然人, 企业, 事业单位 or 行政机关)").format(
            value=value
        )
    )


def parse_source(value: object) -> Source | None:
    return source_of_text(clean_text(value))


@lru_cache(maxsize=256)  # a batch repeats a handful of values thousands of times
def source_of_text(value: str) -> Source | None:
    """`parse_source` of a text `clean_text` leaves as it is."""
    if not value.strip():
        return None
    code = SOURCE.find(value)
    if code is not None:
        return Source(code)
    from mediate.errors import shown

    raise BadValue(
        _("'{value}' is not a source (委派, 委托, 自行受理, 信访 or 移送)").format(
            value=shown(value)
        )
    )


# ---------------------------------------------------------------- phones, case numbers

# A mobile (11 digits, 1[3-9]…) or a landline with its area code (0 + 2-3 digits, then 7-8):
# a local number without the area code cannot be dialled from another county.
# ASCII digits only: a digit of another script (١, ٨, ፩) is no phone digit a clerk can dial.
_PHONE = re.compile(r"^(\+?86)?(1[3-9]\d{9}|0\d{2,3}\d{7,8})$", re.ASCII)
_PHONE_PUNCTUATION = re.compile(r"[-()（）\s]")


def parse_ethnicity(value: object) -> str | None:
    """One of the 56 ethnic groups (GB/T 3304), by name, short name or code."""
    raw = clean_text(value)
    if not raw:
        return None
    name = ethnic_group(half_width(raw))
    if name is None:
        raise BadValue(
            _("{value} is not one of the 56 ethnic groups (GB/T 3304), e.g. 汉族, 回族").format(
                value=raw
            )
        )
    return name


def parse_phone(value: object) -> str | None:
    raw = clean_text(value)
    return phone_of_text(raw) if raw else None


# The usual ways of writing what `_PHONE` takes: a mobile, or a landline with a hyphen or
# none after the area code; such text is the phone as is, less that hyphen.
_PLAIN_PHONE = re.compile(r"1[3-9][0-9]{9}|(0[0-9]{2,3})-?([0-9]{7,8})")


def phone_of_text(raw: str) -> str:
    """`parse_phone` of a non-empty text `clean_text` leaves as it is."""
    plain = _PLAIN_PHONE.fullmatch(raw)
    if plain:
        return raw if plain[1] is None else plain[1] + plain[2]
    digits = raw if raw.isdigit() and raw.isascii() else _PHONE_PUNCTUATION.sub("", half_width(raw))
    if not _PHONE.match(digits):
        from mediate.intake.contact import phone_numbers  # contact reads phones with us

        if (count := len(phone_numbers(raw))) > 1:
            raise BadValue(
                _("{value} holds {n} phone numbers; a phone cell takes one").format(
                    value=raw, n=count
                )
            )
        raise BadValue(
            _(
                "{value} is not a phone number: give an 11-digit mobile or a landline with "
                "its area code (e.g. 0391-3561234)"
            ).format(value=raw)
        )
    # Longer than 11 only with the country code (+86 or 86): no mobile or area code
    # starts with 86, so it is dropped either way.
    return digits.removeprefix("+").removeprefix("86") if len(digits) > 11 else digits


def parse_case_no(value: object) -> str | None:
    """A court case number, canonical: `（2026）豫0802民初1234号` (法〔2015〕137号 art. 3)."""
    raw = clean_text(value)
    return case_no_of_text(raw) if raw else None


def case_no_of_text(raw: str) -> str:
    """`parse_case_no` of a non-empty text `clean_text` leaves as it is."""
    number = canonical_case_no(raw)
    if number is None:
        if old := old_format_refusal(raw):
            raise BadValue(old)
        raise BadValue(
            _("'{value}' is not a case number like （2026）豫0802民初1234号").format(value=raw)
        )
    return number


PARTY_SEPARATORS = re.compile(r"[、;；]")


def split_cell(value: object) -> list[str]:
    """A cell holding several parties (or their IDs, phones…): split on 、 ; ；."""
    text = clean_text(value)
    if not text:
        return []
    if "、" not in text and ";" not in text and "；" not in text:
        return [text]  # one value, already trimmed by clean_text
    return [part.strip() for part in PARTY_SEPARATORS.split(text)]
