"""The fast paths of reading a batch's rows (issue 19 item 3) decide exactly as the plain
definitions they stand for: differential tests over random and hostile cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mediate.intake.columns import (
    ALIASES,
    NOTE_WORDS,
    PARTY_ROLES,
    STANDARD_FIELDS,
    STANDARD_HEADERS,
    TOTAL_WORDS,
    ColumnMap,
    match_headers,
    normalise_header,
    not_a_case,
)
from mediate.intake.values import cell_text, half_width

COLUMNS = ColumnMap(index={f: i for i, f in enumerate(STANDARD_FIELDS)}, headers={}, header_row=1)


def plainly_not_a_case(cells, columns, mapping=None):
    """`not_a_case` as first written: every cell normalised, every header alias tried."""
    texts = [t for t in (half_width(cell_text(c)).strip() for c in cells) if t]
    if not texts:
        return None
    named = any(
        cell_text(cells[at]).strip()
        for name, at in columns.index.items()
        if name in PARTY_ROLES and at < len(cells)
    )
    if not named and any(t.startswith(TOTAL_WORDS) and len(t) <= 12 for t in texts):
        return "total"
    if len(texts) == 1 and texts[0].startswith(NOTE_WORDS):
        return "note"
    if len(match_headers(cells, mapping)) >= 3:
        return "header"
    return None


_ALIASES = [a for aliases in ALIASES.values() for a in aliases]
# header aliases as exports dress them (full-width, starred, with a unit, spaced), words
# that start totals and notes, digits, compatibility ideographs NFKC folds into aliases
_DRESSED = st.builds(
    lambda alias, dress: dress.format(alias),
    st.sampled_from(_ALIASES),
    st.sampled_from(["{}", "*{}", "{}(元)", " {} ", "{}１", "{}\u3000", "＊{}＃", "{}2"]),
)
CELL = st.one_of(
    st.none(),
    _DRESSED,
    st.sampled_from([*TOTAL_WORDS, *NOTE_WORDS, "合计：5件", "备注：请办结", "申\u3000请\u3000人"]),
    st.sampled_from(["\u2f08", "\uf902", "案\u2f08", "\u3000", "", " ", "0", "张三", "*"]),
    st.text(max_size=8),
    st.text(alphabet="申请人被案由号标的额元万(人民币)*# 0１", max_size=8),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False),
    st.booleans(),
)
MAPPING = st.one_of(
    st.none(),
    st.dictionaries(
        st.one_of(st.sampled_from(["当事人", "1号", "*", "ab", "张"]), st.text(max_size=4)).map(
            normalise_header
        ),
        st.sampled_from(sorted(ALIASES)),
        max_size=3,
    ),
)


# Rows of text (every CSV row) are screened whole, their cells joined by a character no
# alias holds (U+9FFF, or the next one down when a mapping's header holds it): cells
# holding it, alone or between aliases, and data cells as the benchmark writes them.
_SEPARATORS = ["\u9fff", "\u9ffe", "案号\u9fff案由", "\u9fff申请人\u9fff", "申请人\u9ffe"]
TEXT_CELL = st.one_of(
    _DRESSED,
    st.sampled_from([*TOTAL_WORDS, *NOTE_WORDS, "合计：5件", "备注：请办结", *_SEPARATORS]),
    st.sampled_from(["(2026)豫0802民初1号", "5.2万元", "委托调解", "自然人", "", " ", "\u3000"]),
    st.text(max_size=8),
    st.text(alphabet="申请人被案由号标的额元万(人民币)*# 0１\u9fff\u9ffe", max_size=8),
)
TEXT_MAPPING = st.one_of(
    MAPPING,
    st.dictionaries(
        st.sampled_from(["\u9fff", "当事人\u9fff", "\u9ffe\u9fff"]),
        st.sampled_from(sorted(ALIASES)),
        min_size=1,
        max_size=2,
    ),
)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(
    cells=st.one_of(st.lists(CELL, max_size=20), st.lists(TEXT_CELL, max_size=22)),
    mapping=TEXT_MAPPING,
)
def test_a_row_is_judged_no_case_exactly_as_by_normalising_every_cell(cells, mapping):
    columns = ColumnMap(index=dict(COLUMNS.index), headers={}, header_row=1)
    assert not_a_case(cells, columns, mapping) == plainly_not_a_case(cells, columns, mapping)


def test_a_header_is_found_in_a_row_of_text_with_the_separator_in_its_cells():
    separator = "\u9fff"
    assert not_a_case(["案号", "案由", f"申请人{separator}", "被申请人"], COLUMNS) == "header"
    assert not_a_case([f"案号{separator}案由{separator}申请人"], COLUMNS) is None
    mapping = {f"当事人{separator}": "applicant"}
    assert not_a_case([f"当事人{separator}", "案由", "被申请人"], COLUMNS, mapping) == "header"


def test_each_kind_of_row_that_is_no_case_is_told_from_a_row_of_text():
    assert not_a_case(["", "", "", "", "", "", "", "", "合计", "", "12"], COLUMNS) == "total"
    assert not_a_case(["", "", "", "", "", "", "", "张三", "合计", "", "12"], COLUMNS) is None
    assert not_a_case(["", "", "", "", "", "", "", "备注：以上案件请办结"], COLUMNS) == "note"
    assert not_a_case(["", "", "", "", "", "", "", "张三", "备注"], COLUMNS) is None
    assert not_a_case(["  ", "\u3000", ""], COLUMNS) is None
    assert not_a_case(list(STANDARD_HEADERS), COLUMNS) == "header"
    data = ["(2026)豫0802民初1号", "民间借贷纠纷", "", "委托调解", "焦作市解放区人民法院"]
    assert not_a_case([*data, "", "", "申请人", "自然人"], COLUMNS) is None


def test_a_repeated_header_is_found_however_it_is_dressed():
    header = ["＊案号", "案由(元)", "申 请 人", "被申请人", "张三", "2026"]
    assert not_a_case(header, COLUMNS) == "header"
    assert not_a_case(["\u2f08", "案由", "申请人", "被申请人"], COLUMNS) == "header"
    assert not_a_case(["", "案由", "张三", "李四"], COLUMNS) is None
