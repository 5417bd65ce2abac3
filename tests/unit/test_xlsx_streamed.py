"""A sheet streamed before it is vouched for (`xlsx_slices.stream_slices`) gives, when the
first pass vouches for it (`xlsx_slices.vouch`), exactly the rows calamine reading the
sheet whole gives; whatever the first pass declines it declines; both cut at the same
places however the inflated chunks fall; and the streaming reader never hands calamine
a slice before it has checked the farthest cell named up to it (the grid calamine would
allocate)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediate.errors import ValidationError
from mediate.intake import readers, workbook_guard, xlsx_slices
from tests.workbooks import (
    CELLS,
    HAND_WRITTEN,
    LEFT_TO_CALAMINE,
    SHARED,
    openpyxl_workbook,
    rows_xml,
    sheet,
    whole,
    write_workbook,
)

Rows = list[tuple[int, list[object]]]


def vouched(path: Path, every: int | None) -> int | None:
    with workbook_guard.guarding(path) as guard:
        assert guard is not None
        return xlsx_slices.vouch(path, None, guard, rows_per_slice=every)


def streamed(path: Path, every: int | None) -> Rows | None:
    found = xlsx_slices.stream_slices(path, None, rows_per_slice=every)
    return None if found is None else list(found[1])


def typed(rows: Rows) -> list[tuple[int, list[tuple[type, object]]]]:
    return [(n, [(type(c), c) for c in cells]) for n, cells in rows]


write = write_workbook


def assert_streamed_as_whole(path: Path, every: int) -> None:
    last = vouched(path, every)
    if last is None:
        return
    got = streamed(path, every)
    assert got is not None
    try:
        expected = whole(path)
    except ValidationError:  # a value calamine refuses: that row is, in the stream
        assert any(isinstance(cells, readers.UnreadableRow) for _, cells in got)
        return
    assert typed(got) == typed(expected)
    assert last >= max((n for n, _cells in filled(expected)), default=0)  # an empty <c/> too


def filled(rows: Rows) -> Rows:
    return [(n, cells) for n, cells in rows if not readers.is_blank(cells)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=CELLS, top=st.integers(0, 4), left=st.integers(0, 3), every=st.sampled_from([1, 2, 3]))
def test_a_vouched_openpyxl_workbook_streams_as_calamine_reads_it_whole(
    tmp_path_factory, cells, top, left, every
):
    path = openpyxl_workbook(tmp_path_factory.mktemp("wb") / "w.xlsx", cells, top, left)
    assert_streamed_as_whole(path, every)


@pytest.mark.parametrize("case", sorted(HAND_WRITTEN))
@pytest.mark.parametrize("every", [1, 2])
def test_hand_written_sheets_stream_as_read_whole_or_are_declined(tmp_path, case, every):
    xml = HAND_WRITTEN[case].replace("</sheetData>", rows_xml([20, 21]) + "</sheetData>")
    path = write(tmp_path, xml, strings=SHARED)
    if case in LEFT_TO_CALAMINE:  # no r on cells, a comment, rows out of order
        assert vouched(path, every) is None
        return
    assert vouched(path, every) is not None
    assert_streamed_as_whole(path, every)


def test_a_sheet_of_one_slice_or_too_large_is_not_streamed(tmp_path, monkeypatch):
    """`open_slices` leaves a one-slice sheet to calamine whole (so does the voucher): the
    streaming reader does not read it first (a value calamine refuses refuses the whole
    file there, only its row in a slice). Nor one larger than MAX_STREAMED (the import's
    first chunk would hold its write lock while the voucher reads it all)."""
    rows = sheet(rows_xml(list(range(1, 400))))
    path = write(tmp_path, rows)
    assert xlsx_slices.stream_slices(path, None) is None  # ~25 KB: below SLICE_BYTES
    assert vouched(path, None) is None
    monkeypatch.setattr(xlsx_slices, "SLICE_BYTES", 5_000)
    assert xlsx_slices.stream_slices(path, None) is not None
    assert vouched(path, None) == 399
    monkeypatch.setattr(xlsx_slices, "MAX_STREAMED", 10_000)
    assert xlsx_slices.stream_slices(path, None) is None


@pytest.mark.parametrize(
    "sizes", [[1], [7], [64], [5, 1000], [3, 3, 3, 300]], ids=lambda s: "-".join(map(str, s))
)
def test_the_first_pass_and_the_stream_cut_alike_however_the_chunks_fall(sizes):
    data = (
        b'<worksheet><dimension ref="A1"/><sheetData>'
        + rows_xml(list(range(1, 60))).encode()
        + b"</sheetData></worksheet>"
    )

    def chunks(sizes: list[int]) -> Any:
        at, turn = 0, 0
        while at < len(data):
            size = sizes[turn % len(sizes)]
            yield data[at : at + size]
            at, turn = at + size, turn + 1

    head, cuts, _last = xlsx_slices._plan(iter([data]), 300, None)
    body = data[len(head) : data.index(b"</sheetData>")]
    expected = [body[a:b] for a, b in zip([0, *cuts], cuts, strict=False)]
    cutter = xlsx_slices._Cutter(chunks(sizes), 300, None)
    assert cutter.find_head() == head
    assert list(xlsx_slices._cut_bodies(cutter)) == expected
    assert len(expected) > 3


def test_a_far_cell_is_refused_before_calamine_reads_its_slice(tmp_path, monkeypatch):
    """The rows before it may be read (they are thrown away: the voucher refuses the
    workbook); calamine is never given the slice that would allocate 16,384 x 1,048,576."""
    rows = rows_xml(list(range(1, 15)))
    far = '<row r="15"><c r="A15"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>'
    path = write(tmp_path, sheet(rows + far + rows_xml([16, 17])))
    monkeypatch.setattr(xlsx_slices, "_CHUNK", 128)  # the sheet inflated 128 bytes at a time
    given: list[bytes] = []
    read = xlsx_slices._read

    def spy(name: str, parts: Any, part: str, sheet_xml: bytes) -> Any:
        given.append(sheet_xml)
        return read(name, parts, part, sheet_xml)

    monkeypatch.setattr(xlsx_slices, "_read", spy)
    found = xlsx_slices.stream_slices(path, None, rows_per_slice=1)
    assert found is not None
    numbers = []
    with pytest.raises(ValidationError, match="1048576"):
        for number, _cells in found[1]:
            numbers.append(number)
    assert numbers and max(numbers) < 15
    assert given and not any(b"XFD" in xml for xml in given)
    assert vouched_refuses(path)


def vouched_refuses(path: Path) -> bool:
    try:
        readers.vouch_sheet(path)
    except ValidationError as exc:
        return "1048576" in str(exc)
    return False


def test_a_sheet_without_its_end_stops_the_stream_as_not_streamed(tmp_path):
    """No `</sheetData>` (found only at the end): the stream says it cannot be cut after
    all; the first pass declines the sheet too."""
    xml = sheet(rows_xml(list(range(1, 9)))).replace("</sheetData>", "")
    path = write(tmp_path, xml)
    found = xlsx_slices.stream_slices(path, None, rows_per_slice=2)
    assert found is not None
    with pytest.raises(xlsx_slices.NotStreamed):
        list(found[1])
    assert vouched(path, 2) is None


def test_what_cannot_be_streamed_at_all_is_left_to_open_sheet(tmp_path):
    not_a_zip = tmp_path / "x.xlsx"
    not_a_zip.write_bytes(b"not a zip")
    assert xlsx_slices.stream_slices(not_a_zip, None) is None
    no_data = write(tmp_path, sheet("").replace("<sheetData></sheetData>", "<sheetData/>"))
    assert xlsx_slices.stream_slices(no_data, None) is None
    assert readers.stream_sheet(tmp_path / "x.csv") is None


def _chunked(data: bytes, size: int) -> Any:
    return (data[at : at + size] for at in range(0, len(data), size))


@pytest.mark.parametrize("size", [1, 7, 64, 300])  # chunks of at most MAX_CARRY, as ever
@pytest.mark.parametrize("longest", [299, 300, 301])
def test_a_row_longer_than_the_carry_is_declined_however_the_chunks_fall(
    monkeypatch, size, longest
):
    """Found in review: the first pass (the voucher's chunks) and the streaming reader
    (zipfile's) may fall apart differently; a long row was declined by one and not the
    other (exit 3). Both decline exactly the rows longer than MAX_CARRY."""
    monkeypatch.setattr(xlsx_slices, "MAX_CARRY", 300)
    short = rows_xml([1, 2]).encode()
    long_row = b'<row r="3"><c r="A3"><v>3</v></c></row>'
    long_row = long_row.replace(b"<v>3", b"<v>" + b"3" * (longest - len(long_row) + 1))
    assert len(long_row) == longest
    data = b"<worksheet><sheetData>" + short + long_row + short.replace(b'"1"', b'"4"')
    data = data.replace(b'"A1"', b'"A4"').replace(b'"D1"', b'"D4"')
    data += rows_xml([5]).encode() + b"</sheetData></worksheet>"
    declined = longest > 300
    for every in (1, None):
        target = 50
        try:
            xlsx_slices._plan(_chunked(data, size), target, every)
            planned = False
        except xlsx_slices.Declined:
            planned = True
        cutter = xlsx_slices._Cutter(_chunked(data, size), target, every)
        cutter.find_head()
        try:
            list(xlsx_slices._cut_bodies(cutter))
            cut = False
        except xlsx_slices.NotStreamed:
            cut = True
        assert cut == declined
        assert planned or not declined  # (the first pass declines rows out of order too)


@pytest.mark.parametrize("size", [1, 5, 100, 10**6])
def test_a_head_ending_past_its_limit_is_declined_however_the_chunks_fall(monkeypatch, size):
    monkeypatch.setattr(xlsx_slices, "MAX_HEAD", 200)
    for pad, declined in ((150, False), (185, True)):
        head = b"<worksheet>" + b" " * pad + b"<sheetData>"
        data = head + rows_xml([1]).encode() + b"</sheetData></worksheet>"
        cutter = xlsx_slices._Cutter(_chunked(data, size), 50, 1)
        if declined:
            with pytest.raises(xlsx_slices.Declined):
                cutter.find_head()
        else:
            assert cutter.find_head() == head
