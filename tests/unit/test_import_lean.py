"""The lean path of reading a batch row (issue 19 item 3) against the full validation.

`rows.read_row` takes plain rows through `validate.plain_party`/`plain_case` and every
other row, and every row they doubt, through `rows.full_row`. The full path is the one
source of truth: whatever the row, both must give the same case (every stored value)
or the same problems (row, column, reason), in the same order. Rows are generated
well-formed, with edge cases (full-width digits, spaces, several names in a cell, special
procedures, lengths at the limit) and hostile cells (control characters, numbers where
text belongs, undecodable bytes, quotes, formulas).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediate.domain.case_numbers import _PLAIN, _canonical, canonical_case_no
from mediate.domain.model import PartyKind, PartyRole, Source
from mediate.intake.columns import ALIASES, ColumnMap, build_column_map
from mediate.intake.readers import UNDECODABLE
from mediate.intake.rows import (
    RowDefaults,
    _lean_case,
    _lean_plan,
    _padded,
    _plain,
    _plan,
    full_row,
    read_row,
)
from mediate.intake.validate import _PLAIN_TEXT, _UNBOUNDED, column_lengths
from mediate.intake.values import (
    parse_case_no,
    parse_phone,
    parse_resident_id,
    ric_check_digit,
    uscc_check_char,
)

# every column a referral sheet can have, the standard ones and the rarer ones
FIELDS = tuple(ALIASES)
ALL_COLUMNS = build_column_map(1, [ALIASES[name][0] for name in FIELDS])
# the generated benchmark's sheet: no kind columns (kinds guessed), no third party
SOME = tuple(f for f in FIELDS if not f.endswith("_kind") and not f.startswith("third"))
SOME_COLUMNS = build_column_map(1, [ALIASES[name][0] for name in SOME])


def _resident_id(area: str, born: dt.date, serial: int) -> str:
    first17 = f"{area}{born:%Y%m%d}{serial:03d}"
    return first17 + ric_check_digit(first17)


def _credit_code(registrar: str, body: str) -> str:
    first17 = f"{registrar}410800{body}"
    return first17 + uscc_check_char(first17)


RESIDENT_IDS = st.builds(
    _resident_id,
    st.sampled_from(["410802", "410821", "110101", "440305"]),
    st.dates(dt.date(1890, 1, 1), dt.date(2026, 12, 31)),
    st.integers(0, 999),
)
CREDIT_CODES = st.builds(
    _credit_code,
    st.sampled_from(["91", "92", "12", "11", "51", "93"]),
    st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9),
)
PERSON_NAMES = st.sampled_from(["谢辉", "张敏新", "欧阳小明", "王", "李四"])
ENTITY_NAMES = st.sampled_from(
    [
        "中国平安财产保险股份有限公司焦作中心支公司",
        "焦作市宏达建筑工程有限公司",
        "焦作市解放区人民政府",
        "焦作市第一中学",
        "中国银行焦作分行",
    ]
)
PHONES = st.sampled_from(
    ["13663122935", "0391-2484351", "+8613663122935", "03912484351", "8613663122935"]
)
ADDRESSES = st.sampled_from(["河南省焦作市解放区上白作街道史岗社区23号", "北京市朝阳区1号", "温县"])
KINDS = st.sampled_from(["自然人", "企业", "事业单位", "行政机关", "person", "enterprise"])

WELL_FORMED = {
    "case_no": st.one_of(
        st.builds("(2026)豫08{:02d}民初{}号".format, st.integers(0, 30), st.integers(1, 99999)),
        st.builds("（2025）豫0802民特{}号".format, st.integers(1, 999)),
        st.none(),
    ),
    "cause": st.sampled_from(
        [
            "房屋租赁合同纠纷",
            "离婚纠纷",
            "机动车交通事故责任纠纷",
            "申请宣告公民失踪",
            "买卖合同纠纷",
        ]
    ),
    "amount": st.one_of(
        st.none(),
        st.builds("{}.{:02d}".format, st.integers(0, 10**9), st.integers(0, 99)),
        st.builds(str, st.integers(0, 10**12)),
        st.sampled_from(["35.88万元", "5万", "￥52000", "52,000.50", "9999999999999.99"]),
    ),
    "source": st.sampled_from([None, "委托调解", "委派调解", "委派", "自行受理", "信访", "移送"]),
    "referring_court": st.sampled_from([None, "焦作市解放区人民法院", "温县人民法院"]),
    "received_on": st.one_of(
        st.none(),
        st.dates(dt.date(2020, 1, 1), dt.date(2026, 11, 25)).map(dt.date.isoformat),
        st.sampled_from(["2026年6月20日", "2026/6/2", "20260620"]),
    ),
    "location": st.sampled_from([None, "410802", "410825104901", "焦作市解放区"]),
    "subject_matter_location": st.sampled_from([None, "410821", "温县黄庄镇"]),
    "procedure": st.sampled_from([None, "普通程序", "summary", "简易"]),
    "facts": st.sampled_from([None, "双方签订房屋租赁合同，承租人拖欠租金。", "见附件"]),
    "claim": st.sampled_from([None, "支付货款", "退货退款"]),
}


def _person(draw: st.DrawFn) -> dict[str, str | None]:
    return {
        "": draw(PERSON_NAMES),
        "_kind": draw(st.sampled_from([None, "自然人", "person"])),
        "_id": draw(st.one_of(st.none(), RESIDENT_IDS)),
        "_address": draw(st.one_of(st.none(), ADDRESSES)),
        "_phone": draw(st.one_of(st.none(), PHONES)),
        "_guardian": draw(st.sampled_from([None, None, "谢父"])),
    }


def _entity(draw: st.DrawFn) -> dict[str, str | None]:
    return {
        "": draw(ENTITY_NAMES),
        "_kind": draw(st.sampled_from([None, "企业", "enterprise", "事业单位"])),
        "_id": draw(st.one_of(st.none(), CREDIT_CODES)),
        "_address": draw(st.one_of(st.none(), ADDRESSES)),
        "_phone": draw(st.one_of(st.none(), PHONES)),
        "_guardian": None,
    }


def _place_of_business(draw: st.DrawFn, party: dict[str, str | None]) -> str | None:
    """A 经营场所 cell with nothing to decide (市场主体登记管理条例 (2021) art. 8 para. 2(四)):
    blank, the 住所 again, or an address where the 住所 is blank; `damaged` makes them differ."""
    address = party["_address"]
    return draw(st.sampled_from([None, address]) if address else st.one_of(st.none(), ADDRESSES))


@st.composite
def well_formed(draw: st.DrawFn) -> dict[str, object]:
    """A row as courts send it, nothing wrong: `None` is an empty cell."""
    row: dict[str, object] = {name: draw(s) for name, s in WELL_FORMED.items()}
    for role in ("applicant", "respondent", "third_party"):
        if role == "third_party" and draw(st.booleans()):
            continue
        party = draw(st.sampled_from([_person, _entity]))(draw)
        party["_business_address"] = _place_of_business(draw, party)
        row.update({role + suffix: value for suffix, value in party.items()})
    return row


# what can go wrong in one cell, or be merely unusual
HOSTILE = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=6),
    st.text(alphabet=" \u3000\t\n\r\x0b\x00\x7f\u200b\ufeff、;；'=", max_size=4),
    st.sampled_from(
        [
            UNDECODABLE,
            "'=1+1",
            "'张三",
            "=HYPERLINK()",
            "张三、李四",
            "张三、",
            "、",
            "张三；李四；王五",
            " 谢辉 ",
            "谢\u3000辉",
            "谢 辉",
            "４１０８０２１９９００１０１１２３２",
            "41080219900101123x",
            "410802199001011233",
            "410802209912011234",
            "91410800MA44ABCD1K",
            "41080219900101\u136923X",  # a digit of another script
            "91\u0664\u0661\u0660\u0668\u0660\u0660MA44ABCD1K",
            "2099-01-01",
            "2026-02-30",
            "46000",
            "1.005",
            "-5",
            "1e20",
            "伍万元整",
            "99999999999999",
            "NaN",
            "家",
            "企业、自然人",
            "13663122935、13663122936",
            "男",
            "x" * 101,
            "字" * 201,
            "unknown",
            "行政机关",
        ]
    ),
    st.integers(-10, 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates().map(lambda d: dt.datetime(d.year, d.month, d.day)),
    st.dates(),
    st.decimals(allow_nan=False, places=3, max_value=10**14),
)


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, object]:
    """A well-formed row with a few cells replaced, or several names spread over cells."""
    row = draw(well_formed())
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
        row[name] = draw(HOSTILE)
    if draw(st.booleans()):  # a guardian, of a person or (wrongly) of an entity
        role = draw(st.sampled_from(["applicant", "respondent", "third_party"]))
        row[role + "_guardian"] = draw(st.sampled_from(["谢父", "张三、李四"]))
    if draw(st.booleans()):  # several parties in one cell, their values spread or shared
        role = draw(st.sampled_from(["applicant", "respondent"]))
        n = draw(st.integers(2, 3))
        for suffix in ("", "_kind", "_id", "_address", "_phone", "_guardian", "_business_address"):
            value = row.get(role + suffix)
            if value is not None and draw(st.booleans()):
                many = draw(st.integers(1, n + 1))
                sep = draw(st.sampled_from(["、", ";", "；", "、 "]))
                row[role + suffix] = sep.join([str(value)] * many)
    return row


def _cells(row: dict[str, object], fields: tuple[str, ...]) -> list[object]:
    return [row.get(name) for name in fields]


DEFAULTS = st.builds(
    RowDefaults,
    source=st.sampled_from([None, Source.COURT_DELEGATED, Source.SELF_ACCEPTED]),
    court=st.sampled_from([None, "温县人民法院", " 温县 人民法院", ""]),
    today=st.sampled_from([None, dt.date(2026, 11, 25), dt.date(2026, 1, 1)]),
)
LAYOUTS = st.sampled_from([(ALL_COLUMNS, FIELDS), (SOME_COLUMNS, SOME)])


def _same(columns: ColumnMap, cells: list[object], defaults: RowDefaults) -> None:
    lean, full = (
        read_row(7, list(cells), columns, defaults),
        full_row(7, list(cells), columns, defaults),
    )
    assert lean == full
    assert repr(lean) == repr(full)  # Decimal('5.00') is not Decimal('5'): same digits stored


@settings(max_examples=400, deadline=None, derandomize=True)
@given(row=well_formed(), layout=LAYOUTS, defaults=DEFAULTS)
def test_a_well_formed_row_reads_the_same_by_the_lean_and_the_full_path(row, layout, defaults):
    columns, fields = layout
    _same(columns, _cells(row, fields), defaults)


@settings(max_examples=800, deadline=None, derandomize=True)
@given(row=damaged(), layout=LAYOUTS, defaults=DEFAULTS)
def test_a_damaged_or_unusual_row_reads_the_same_by_the_lean_and_the_full_path(
    row, layout, defaults
):
    columns, fields = layout
    _same(columns, _cells(row, fields), defaults)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(cells=st.lists(HOSTILE, max_size=len(FIELDS) + 3), defaults=DEFAULTS)
def test_a_row_of_hostile_cells_reads_the_same_by_the_lean_and_the_full_path(cells, defaults):
    _same(ALL_COLUMNS, cells, defaults)


def _plain_row(cells: list[object], columns: ColumnMap, defaults: RowDefaults):
    plan = _plan(columns)
    return _lean_case(cells, _padded(cells, plan.width), _lean_plan(columns, plan), defaults)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(row=well_formed(), layout=LAYOUTS)
def test_the_lean_path_takes_a_plain_row_with_nothing_wrong(row, layout):
    """Not a vacuous comparison: a row the full path accepts, written plainly (no spaces,
    one value per cell), is read by the lean path itself."""
    columns, fields = layout
    cells = _cells(row, fields)
    defaults = RowDefaults(today=dt.date(2026, 11, 25))
    if full_row(7, list(cells), columns, defaults).case is not None:
        case = _plain_row(cells, columns, defaults)
        assert case is not None
        # the lean path checks lengths only of the fields it sets: the others are None
        for obj, table in ((case, "cases"), *((p, "parties") for p in case.parties)):
            unset = set(column_lengths(table)) - set(_PLAIN_TEXT[table])
            assert all(getattr(obj, name, None) is None for name in unset)


@pytest.mark.parametrize(
    ("cell", "field"),
    [
        ("谢 辉", "applicant"),
        ("41080219900101123x", "applicant_id"),
        ("500 ", "amount"),
        ("2026-06-20\x00", "received_on"),
        ("'焦作", "applicant_address"),
        ("张三、李四", "applicant"),
        (12.0, "applicant_phone"),
    ],
)
def test_a_cell_the_lean_path_does_not_take_as_plain_goes_to_the_full_path(cell, field):
    base = {
        "cause": "买卖合同纠纷",
        "applicant": "谢辉",
        "applicant_id": "410802199001011232",
        "respondent": "焦作市宏达建筑工程有限公司",
        "amount": "500",
    }
    defaults = RowDefaults(today=dt.date(2026, 11, 25))
    assert _plain_row(_cells(base, FIELDS), ALL_COLUMNS, defaults) is not None
    cells = _cells({**base, field: cell}, FIELDS)
    assert _plain_row(cells, ALL_COLUMNS, defaults) is None
    _same(ALL_COLUMNS, cells, defaults)


def test_a_plain_amount_keeps_two_decimal_places_as_the_full_path_does():
    defaults = RowDefaults(today=dt.date(2026, 11, 25))
    base = {"cause": "买卖合同纠纷", "applicant": "谢辉", "respondent": "李四"}
    for amount, stored in (("7", "7.00"), ("0", "0.00"), ("007.5", "7.50")):
        case = read_row(7, _cells({**base, "amount": amount}, FIELDS), ALL_COLUMNS, defaults).case
        assert case is not None and case.amount == Decimal(stored)
        assert str(case.amount) == stored


_CASE_NO_PARTS = st.sampled_from(
    (
        "(",
        ")",
        "（",
        "）",
        "〔",
        "〕",
        "[",
        "【",
        " ",
        "\u3000",
        "2026",
        "２０２６",
        "0802",
        "豫",
        "民初",
        "民特",
        "号",
        "1234",
        "１",
        "A",
        "\u2f08",
        "\uf902",
        "12345678",
        "年",
        "",
    )
)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(
    text=st.one_of(
        st.lists(_CASE_NO_PARTS, max_size=9).map("".join),
        st.builds(
            "({}){}{}{}号".format,
            st.text(max_size=5),
            st.text(max_size=3),
            *[st.text(max_size=4)] * 2,
        ),
        st.text(max_size=20),
    )
)
def test_a_case_number_written_plainly_is_made_canonical_as_by_normalising_it(text):
    assert canonical_case_no(text) == _canonical(text)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("(2026)豫0802民初1号", "（2026）豫0802民初1号"),
        ("（2025）豫0802民特12号", "（2025）豫0802民特12号"),
        ("(2026）京01民终1234567号", "（2026）京01民终1234567号"),
    ],
)
def test_the_usual_case_numbers_take_the_direct_way(text, canonical):
    assert _PLAIN.fullmatch(text)
    assert canonical_case_no(text) == canonical == _canonical(text)


def test_what_the_lean_path_does_not_measure_its_parsers_keep_inside_the_column():
    """`plain_party`/`plain_case` measure only the text a cell gives as is (`_UNBOUNDED`);
    every other field they set is bounded by its parser: the longest each can make fits."""
    longest = {
        "parties": {
            "role": max(map(len, PartyRole)),
            "kind": max(map(len, PartyKind)),
            "id_number": len(parse_resident_id(_resident_id("410802", dt.date(1990, 1, 1), 1))),
            "sex": 1,
            "phone": len(parse_phone("86" + "0391" + "12345678")),  # no + : the 86 is kept
        },
        "cases": {
            "source": max(map(len, Source)),
            "procedure": max(map(len, ("ordinary", "summary"))),
            "court_case_no": len(parse_case_no("(2026)豫0802" + "民" * 8 + "1234567号")),
        },
    }
    for table, bounded in longest.items():
        assert set(bounded) == set(_PLAIN_TEXT[table]) - set(_UNBOUNDED[table])
        lengths = column_lengths(table)
        assert all(n <= lengths[name] for name, n in bounded.items()), (table, bounded)


_WIDE = str.maketrans("0123456789+-()", "０１２３４５６７８９＋－（）")


@st.composite
def written_phones(draw: st.DrawFn) -> str:
    """A phone as people write it: a mobile (or 11 digits that are none) whole or in groups,
    with or without the country code, or a landline with its area code in the usual
    shapes; sometimes in full-width characters, sometimes with an extension."""
    if draw(st.booleans()):
        digits = f"{draw(st.integers(10, 19))}{draw(st.integers(0, 10**9 - 1)):09d}"
        gap = draw(st.sampled_from(["", "-", " ", "- "]))
        text = gap.join((digits[:3], digits[3:7], digits[7:])) if gap else digits
        text = draw(st.sampled_from(["", "+86", "86", "86-", "+86 ", "(+86)"])) + text
    else:
        shape = draw(st.sampled_from(["0{}{}", "0{}-{}", "(0{}){}", "0{} {}", "0{}-{}-8001"]))
        area = draw(st.sampled_from(["10", "21", "391", "371", "3912"]))
        text = shape.format(area, draw(st.integers(10**5, 10**8 - 1)))
    return text.translate(_WIDE) if draw(st.booleans()) else text


@st.composite
def written_amounts(draw: st.DrawFn) -> str:
    """An amount as people write it: digits with or without decimals (sometimes too many),
    grouped by commas (sometimes wrongly), with a currency or 万, sometimes full-width."""
    whole = draw(st.one_of(st.integers(0, 10**6), st.integers(0, 10**14)))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):  # a comma in the wrong place
        at = draw(st.integers(0, len(text)))
        text = text[:at] + "," + text[at:]
    text += draw(st.sampled_from(["", "", ".5", ".50", ".05", ".505", ".0", "."]))
    before = draw(st.sampled_from(["", "", "￥", "¥", "人民币", "RMB"]))
    after = draw(st.sampled_from(["", "", "元", "万", "万元", "元整", "千"]))
    text = before + text + after
    return text.translate(_WIDE) if draw(st.booleans()) else text


_PLAIN_BASE = {
    "cause": "买卖合同纠纷",
    "applicant": "谢辉",
    "applicant_id": "410802199001011232",
    "respondent": "焦作市宏达建筑工程有限公司",
}
_TODAY = RowDefaults(today=dt.date(2026, 11, 25))


def _taken_as_is(cells: list[object]) -> bool:
    """Whether the full path reads the row into a case with nothing to tell the clerk (an
    extension not stored is a note only the full path writes)."""
    result = full_row(7, list(cells), ALL_COLUMNS, _TODAY)
    return result.case is not None and not result.notes


@settings(max_examples=600, deadline=None, derandomize=True)
@given(phone=written_phones(), field=st.sampled_from(["applicant_phone", "respondent_phone"]))
def test_a_phone_however_written_reads_the_same_by_the_lean_and_the_full_path(phone, field):
    cells = _cells({**_PLAIN_BASE, field: phone}, FIELDS)
    _same(ALL_COLUMNS, cells, _TODAY)
    if _taken_as_is(cells) and _plain(phone):  # not a vacuous comparison
        assert _plain_row(cells, ALL_COLUMNS, _TODAY) is not None


@settings(max_examples=600, deadline=None, derandomize=True)
@given(
    phones=st.lists(written_phones(), min_size=1, max_size=3),
    separator=st.sampled_from(["、", ";", "；"]),
)
def test_phones_of_several_parties_read_the_same_by_the_lean_and_the_full_path(phones, separator):
    row = {**_PLAIN_BASE, "applicant": "谢辉、李四", "applicant_id": None}
    _same(ALL_COLUMNS, _cells({**row, "applicant_phone": separator.join(phones)}, FIELDS), _TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13800001111", "13800001111"),
        ("138-0000-1111", "13800001111"),
        ("138 0000 1111", "13800001111"),
        ("+8613800001111", "13800001111"),
        ("86-138-0000-1111", "13800001111"),
        ("(+86)13800001111", "13800001111"),
        ("１３８００００１１１１", "13800001111"),
        ("0391-3561234", "03913561234"),
        ("03913561234", "03913561234"),
        ("(0391)3561234", "03913561234"),
        ("0391 3561234", "03913561234"),
        ("010-12345678", "01012345678"),
        ("（０３７１）６５４３２１０９", "037165432109"),
        ("12800001111", None),  # 11 digits that are no mobile
        ("0391-3561234-8001", None),  # an extension
        ("3561234", None),  # a landline without its area code
    ],
)
def test_a_phone_written_plainly_reads_as_by_removing_its_punctuation(text, expected):
    """`phone_of_text` for the usual shapes: punctuation and spaces removed, the country
    code dropped, the rest a mobile or a landline with its area code (else refused)."""
    from mediate.intake.values import BadValue, phone_of_text

    try:
        assert phone_of_text(text) == expected
    except BadValue:
        assert expected is None


@settings(max_examples=800, deadline=None, derandomize=True)
@given(text=written_amounts())
def test_an_amount_however_written_reads_as_parse_amount_reads_it(text):
    from mediate.intake.validate import _plain_amount
    from mediate.intake.values import BadValue, parse_amount

    try:
        expected = parse_amount(text)
    except BadValue:
        with pytest.raises(BadValue):
            _plain_amount(text)
        return
    assert repr(_plain_amount(text)) == repr(expected)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(
    amount=st.one_of(
        written_amounts(),
        st.integers(-10, 10**14),
        st.floats(0, 1e14, allow_nan=False),
        st.decimals(0, 10**14, allow_nan=False, places=3),
    )
)
def test_an_amount_however_written_reads_the_same_by_the_lean_and_the_full_path(amount):
    """Text as people write it, or what a workbook cell holds (numbers)."""
    cells = _cells({**_PLAIN_BASE, "amount": amount}, FIELDS)
    _same(ALL_COLUMNS, cells, _TODAY)
    if _taken_as_is(cells) and (not isinstance(amount, str) or _plain(amount)):
        assert _plain_row(cells, ALL_COLUMNS, _TODAY) is not None
