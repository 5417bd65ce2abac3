"""An .xlsx/.xlsm sheet read by python-calamine a slice of whole rows at a time.

calamine reads a sheet whole before it gives the first row: on a 100,000-row referral file
the importer waits seconds for it, and the reader process holds the whole grid (issue 19
item 3). Here the sheet is cut, between one `</row>` and the next `<row`, into slices of a
few megabytes of XML; each slice is made a small workbook of its own (stored, not
deflated: the original's content types, relationships, workbook.xml, styles and shared
strings, and the sheet part = the original's head up to `<sheetData>` + the slice's rows +
`</sheetData></worksheet>`) and read by calamine. So every value is calamine's own; the
rows come a slice at a time, memory stays about a slice's grid, and the CPU is about 1.2x
calamine's whole read (benchmarks/RESULTS.md, "Sliced calamine").

That is exact only when calamine would place each cell of a slice where it places it in
the whole sheet. A first pass over the inflated sheet (its CRC checked at the end, before
any row is given) makes sure of it, with byte counts and a few regular expressions, and
declines (None: calamine reads the sheet whole, as before) otherwise. (`workbook_guard`'s
check of the sheet's grid reads the same inflated chunks: the sheet is inflated once
before the first row.)

- `<sheetData>` written so, unprefixed, once; no prefixed element (`<x:c`), comment,
  CDATA section, DOCTYPE or processing instruction in the sheet data;
- every cell `<c r="LETTERS DIGITS"` and every row `<row r="` (without `r`, calamine counts
  cells and rows from the start of what it reads: a slice would count afresh);
- the cells' rows never going down in the order written, and rising across each cut (a
  cell for a row an earlier slice gave could not be put back into that row);
- in `<sheetData>` only rows, each ending `</row>` exactly (`</row >` is not cut at) and
  no cell or row with `r` twice (not XML, but calamine takes the last);
- no row longer than `MAX_CARRY` (the first pass holds no more);
- more than one slice (else there is nothing to gain).

A slice calamine refuses (malformed XML, a value it rejects) is cut in halves down to
single rows; a row calamine refuses on its own is given as `readers.UnreadableRow` with
calamine's reason, so it is rejected and the other rows are imported.

Rows are given as `readers.absolute_rows` makes calamine's: numbered as the sheet does
(row 1 first, empty rows for the gaps), index 0 is column A, trailing empty cells absent.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.parsers import expat

from mediate.i18n import _
from mediate.intake.formulas import Shared, refused, suspect, uncached
from mediate.intake.workbook_guard import (
    ENCODING_DECLARATION,
    UTF8_NAMES,
    Guard,
    Irregular,
    Unplain,
    relationship_elements_of,
)

SLICE_BYTES = 3 * 1024 * 1024
"""Sheet XML in a slice, at least: about 1,600 rows of the benchmark's 19 columns of
inline strings (benchmarks.generate), a grid of a few MB in calamine."""
PARTS_FACTOR = 4
"""A slice holds at least this many times the bytes of the shared strings and styles,
which calamine parses again for each slice: re-parsing them stays a quarter or less."""
_CHUNK = 1 << 20
_ROW_END = b"</row>"
_HEAD_END = b"<sheetData>"
_ODD_HEAD_END = re.compile(rb"<sheetData[^>]")  # `<sheetData/>`, `<sheetData >`
_TAIL = b"</sheetData></worksheet>"
_CELL = re.compile(rb'<c r="[A-Za-z]+([0-9]+)"')
# (searches with a literal start, which re finds with memchr: faster than bytes.count)
_ODD_ROW_END = re.compile(rb"</row(?!>)")
_ROW_WITHOUT_R = re.compile(rb'<row(?! r=")')
_OTHER_CELL = re.compile(rb'<c(?=[ >/\t\n\r])(?! r="[A-Za-z]+[0-9]+")')
_PREFIXED = re.compile(rb"</?[A-Za-z_][\w.-]*:")
_PREFIXED_ROOT = re.compile(rb"<[\w.-]+:worksheet\b")
_ROW_NUMBER = re.compile(rb'<row r="([0-9]+)"')
MAX_CARRY = 16 * 1024 * 1024
"""A row longer than this (no `</row>` within it) declines the sheet at once: the first
pass holds no more of the sheet than this and a chunk."""
MAX_HEAD = 4 * 1024 * 1024
"""A sheet whose `<sheetData>` ends further in than this is declined."""
MAX_STREAMED = 256 * 1024 * 1024
"""The largest sheet part (inflated) read before it is vouched for (`stream_slices`): the
import holds its first chunk's transaction (SQLite's write lock) until the sheet is
vouched for, and vouching takes about 2 s per 190 MB on an idle machine (a 100,000-row
referral file); a larger sheet is vouched for first, as `open_slices` does."""
# in sheetData only rows: a tag right after a row's end (or `<sheetData>`, the region
# prefixed with `</row>`) or an empty row is a row or the end of sheetData
_NOT_A_ROW = rb"\s*<(?!row[\s>/]|/sheetData>)"
_AFTER_ROW_END = re.compile(rb"</row>" + _NOT_A_ROW)
_AT_START = re.compile(_NOT_A_ROW)
_AFTER_EMPTY_ROW = re.compile(rb"<row\b[^>]*/>" + _NOT_A_ROW)
# `r` twice on a cell or a row (not XML, but calamine takes the last)
_TWICE_R_CELL = re.compile(rb'<c r="[^"]*"[^>]*\sr\s*=')
_TWICE_R_ROW = re.compile(rb'<row r="[^"]*"[^>]*\sr\s*=')
_SPACE_R = (b"\tr", b"\nr", b"\rr")
_SPACES = (b"\t", b"\n", b"\r")


class Declined(Exception):
    """The sheet is not one slices read exactly: calamine reads it whole."""


@dataclass
class Sliced:
    name: str
    last_row: int  # the last row holding a cell (1-based): the rows given, for a progress bar
    part: str
    rows: Iterator[tuple[int, list[object]]]


def open_slices(
    path: Path,
    sheet: str | None,
    guard: Guard,
    *,
    rows_per_slice: int | None = None,
    slice_bytes: int | None = None,
    vouch_only: bool = False,
) -> Sliced | None:
    """The named (or first) worksheet of the workbook at `path`, read in slices, or None
    when calamine should read it whole (see the module's docstring). Called inside
    `workbook_guard.guarding` (readers.open_sheet), with its `guard` of the open archive:
    the guard's checks run as this reaches each part, the sheet's grid on the first pass
    (one inflating for both), all before rows are given. `rows_per_slice` (tests) cuts
    after every that many `</row>` instead of after about `slice_bytes` (default:
    `SLICE_BYTES`, or more for large shared strings). A damaged member (its CRC) raises
    zipfile's error before any row. `vouch_only`: the first pass alone (`vouch`), no rows
    given."""
    archive = guard.archive
    try:
        name, folder, info, _, member = find_sheet(path, archive, sheet)
    except (Declined, Unplain, UnicodeDecodeError, expat.ExpatError, KeyError):
        return None
    checked = guard.upto(info)
    shared = _shared_parts(folder, info, member)
    target = _slice_target(shared, slice_bytes)
    try:
        head, cuts, last_row = _first_pass(guard, info, target, rows_per_slice, checked)
    except Declined:
        return None
    if vouch_only:  # the archive stays the guard's: closed when its block ends
        return Sliced(name, last_row, info.filename, iter(()))
    parts = [(found.filename, archive.read(found)) for found in shared]
    rows = _rows(guard.take_archive(), info, name, parts, head, cuts)
    return Sliced(name, last_row, info.filename, rows)


def _shared_parts(
    folder: str, info: zipfile.ZipInfo, member: Callable[[str], zipfile.ZipInfo | None]
) -> list[zipfile.ZipInfo]:
    """The parts copied into every slice's workbook, besides the sheet's head and rows."""
    wanted = ["[Content_Types].xml", "_rels/.rels", f"{folder}workbook.xml"]
    wanted += [f"{folder}_rels/workbook.xml.rels", f"{folder}styles.xml"]
    wanted += [f"{folder}sharedStrings.xml"]
    found = [member(part) for part in wanted]
    return [one for one in found if one is not None and one.filename != info.filename]


def _slice_target(shared: list[zipfile.ZipInfo], slice_bytes: int | None) -> int:
    """The sheet XML a slice holds at least: `slice_bytes`, else `SLICE_BYTES`, or more
    for large shared parts (parsed again for each slice). From the parts' declared sizes
    (what zipfile reads of them), so the vouching pass and the streamed reading
    (`stream_slices`) cut alike without reading them."""
    return slice_bytes or max(SLICE_BYTES, PARTS_FACTOR * sum(one.file_size for one in shared))


# ---------------------------------------------------------------- the sheet, as calamine finds it


def find_sheet(
    path: Path, archive: zipfile.ZipFile, wanted: str | None
) -> tuple[str, str, zipfile.ZipInfo, bool, Callable[[str], zipfile.ZipInfo | None]]:
    """The named (or first) worksheet as calamine finds it: its name, the workbook's folder
    (`xl/`), its member, whether dates count from 1904, and a look-up of other members by
    part name. Raises Declined (or an XML error, `Unplain`, UnicodeDecodeError, KeyError)
    for anything read otherwise."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename.replace("\\", "/").lower()
        if name in members:
            raise Declined("two members of one name")
        members[name] = info

    def member(part: str) -> zipfile.ZipInfo | None:
        return members.get(part.replace("\\", "/").lower())

    root_rels = member("_rels/.rels")
    if root_rels is None:
        raise Declined("no _rels/.rels")
    _plain(archive.read(root_rels))
    folder = None
    for rel in relationship_elements_of(path, archive, [root_rels]):
        types, targets = rel.get(b"Type", []), rel.get(b"Target", [])
        if len(types) == 1 and types[0].endswith(b"/relationships/officeDocument") and targets:
            target = _unescaped(targets[-1])
            folder = target[: target.rfind("/") + 1].removeprefix("/")
    if folder is None:
        raise Declined("no officeDocument")
    rels_info = member(f"{folder}_rels/workbook.xml.rels")
    if rels_info is None:
        raise Declined("no workbook relationships")
    _plain(archive.read(rels_info))
    relationships: dict[str, tuple[str, str]] = {}
    for rel in relationship_elements_of(path, archive, [rels_info]):
        ids, types, targets = rel.get(b"Id", []), rel.get(b"Type", []), rel.get(b"Target", [])
        if len(ids) != 1 or len(types) != 1 or len(targets) != 1:
            raise Declined("a relationship this module does not read")
        relationships[_unescaped(ids[0])] = (_unescaped(targets[0]), _unescaped(types[0]))
    book = member(f"{folder}workbook.xml")
    if book is None:
        raise Declined("no workbook.xml")
    sheets, is_1904 = _read_workbook(_plain(archive.read(book)))
    chosen = next((s for s in sheets if wanted is None or s[0] == wanted), None)
    if chosen is None:
        raise Declined("no such sheet")  # calamine names the sheets there are
    name, rel_id = chosen
    if rel_id not in relationships:
        raise Declined("no relationship")
    target, kind = relationships[rel_id]
    if kind.rpartition("/")[2] != "worksheet":
        raise Declined("not a worksheet")
    if "\\" in target:
        raise Declined("a backslash in the sheet's target")
    part = target[1:] if target.startswith("/") else folder + target
    sheet_info = member(part)
    if sheet_info is None:
        raise Declined("no sheet part")
    return name, folder, sheet_info, is_1904, member


def _plain(data: bytes) -> bytes:
    """`data` when it is UTF-8 without a document type declaration; else Declined
    (calamine decodes other encodings and treats a DOCTYPE its own way)."""
    declared = ENCODING_DECLARATION.match(data)
    if declared and declared.group(1).lower() not in UTF8_NAMES:
        raise Declined("not UTF-8")
    if b"<!DOCTYPE" in data or b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Declined("not plainly written")
    data.decode()  # UnicodeDecodeError: left to calamine
    return data


def _unescaped(raw: bytes) -> str:
    text = raw.decode()
    if "&" in text:
        raise Declined("an entity in a relationship")
    return text


def _parser(start: Any) -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _doctype
    return parser


def _doctype(*_: object) -> None:
    raise Declined("a document type declaration")


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _read_workbook(data: bytes) -> tuple[list[tuple[str, str]], bool]:
    sheets: list[tuple[str, str]] = []
    is_1904 = [False]
    seen: list[bool] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "sheet":
            rel_id = ""
            for key, value in attrs.items():
                if key == "state" and value not in ("visible", "hidden", "veryHidden"):
                    raise Declined("a sheet state calamine refuses")
                if _local(key) == "id":
                    rel_id = value
            sheets.append((attrs.get("name", ""), rel_id))
        elif local == "workbookPr":
            if seen:
                raise Declined("a second workbookPr")
            seen.append(True)
            is_1904[0] = attrs.get("date1904") in ("1", "true")

    _parser(start).Parse(data, True)
    return sheets, is_1904[0]


def _first_pass(
    guard: Guard, info: zipfile.ZipInfo, target: int, every: int | None, checked: bool
) -> tuple[bytes, list[int], int]:
    """`_plan` over the sheet's chunks; the guard's check of its grid done on the same
    chunks when `checked` (else the guard does not check this part)."""
    if not checked:
        return _plan(_chunks(guard.archive, info), target, every)
    try:
        return _plan(guard.chunks(info), target, every)
    except Irregular:
        return _plan(guard.chunks(info, inflate=False), target, every)


def _plan(chunks: Iterator[bytes], target: int, every: int | None) -> tuple[bytes, list[int], int]:
    """The first pass over the sheet's `chunks`: the sheet's head (to `<sheetData>`
    included), the offsets in the sheet data where slices end (the last one at
    `</sheetData>`) and the last row holding a cell; Declined where slices would not read
    as the whole, or would be one. (The grid is bounded by
    `workbook_guard`'s check of this part before any row: the farthest row and column it
    names.)"""
    cutter = _Cutter(chunks, target, every)
    cuts: list[int] = []
    last = 0  # the last cell's row
    cut_since = False  # a cut between the last cell and the next
    for base, region, pieces, final in cutter.regions():
        if not cuts and base == 0:
            head = cutter.head
            if any(never in head for never in (b"<!--", b"<![CDATA[", b"<!DOCTYPE")):
                raise Declined
            if b"<worksheet" not in head or _PREFIXED_ROOT.search(head):
                raise Declined
        at = 0
        cells = 0
        ends = pieces if pieces and pieces[-1] == len(region) else [*pieces, len(region)]
        for piece in ends:
            found = _CELL.findall(region, at, piece)
            cells += len(found)
            if found:
                # the rows of consecutive cells (a row's cells share one): rising
                # strictly from group to group is never going down (and no row again)
                rows = [int(row) for row, _ in groupby(found)]
                if not all(map(int.__lt__, rows, rows[1:])):
                    raise Declined
                if rows[0] < last or (cut_since and rows[0] == last):
                    raise Declined
                last = rows[-1]
                cut_since = False
            cut_since = cut_since or piece in pieces
            at = piece
        _check(region, cells)
        cuts += [base + p for p in pieces]
        if final and (not cuts or cuts[-1] != base + len(region)):
            cuts.append(base + len(region))  # the last slice ends at </sheetData>
    if len(cuts) < 2:
        raise Declined
    return cutter.head, cuts, last


class _Cutter:
    """A sheet's inflated `chunks` cut where its slices end: at the first `</row>` ending
    `target` bytes or more after the slice's start (tests: after every `every`-th
    `</row>`), the last slice at `</sheetData>`. The first pass (`_plan`) and the streamed
    reading (`stream_slices`) both cut with it, so they cut at the same places, however
    their chunks fall."""

    def __init__(self, chunks: Iterator[bytes], target: int, every: int | None) -> None:
        self.chunks, self.target, self.every = chunks, target, every
        self.head = b""  # the sheet's head, to `<sheetData>` included, once found
        self._buf = b""

    def find_head(self) -> bytes:
        """The sheet's head (Declined: none where slices can start)."""
        buf = self._buf
        while (at := buf.find(_HEAD_END)) < 0:
            chunk = next(self.chunks, b"")
            buf += chunk
            if _HEAD_END in buf:
                continue
            # (`<sheetData` at the end of what was read: its `>` comes with the next chunk)
            if not chunk or _ODD_HEAD_END.search(buf) or len(buf) > MAX_HEAD:
                raise Declined
        if at + len(_HEAD_END) > MAX_HEAD:  # (as declined however the chunks fell)
            raise Declined
        self.head = buf[: at + len(_HEAD_END)]
        self._buf = buf[len(self.head) :]
        return self.head

    def regions(self) -> Iterator[tuple[int, bytes, list[int], bool]]:
        """(offset in the sheet data, a region of whole rows, the offsets in it where
        slices end, whether it ends at `</sheetData>`), in order; Declined where the sheet
        data cannot be cut (no `</sheetData>`, a row longer than MAX_CARRY)."""
        if not self.head:
            self.find_head()
        buf, self._buf = self._buf, b""
        target, every = self.target, self.every
        base = 0  # offset in the sheet data of buf[0]
        start = 0  # where the current slice starts
        rows_in_slice = 0
        # (the bytes after the head, as if just read; none: the next chunk)
        chunk = buf or next(self.chunks, b"")
        buf = b""
        while True:
            buf += chunk
            if chunk:  # (buf before the chunk holds no `</row>`: it starts a row)
                end = buf.rfind(_ROW_END, max(0, len(buf) - len(chunk) - len(_ROW_END)))
                if end < 0:
                    if len(buf) > MAX_CARRY:
                        raise Declined  # a row longer than MAX_CARRY, however long
                    chunk = next(self.chunks, b"")
                    continue
                # a row longer than MAX_CARRY ending in this chunk: declined as it is where
                # the chunks fall otherwise (the rows after it lie within the chunk, and
                # every chunk read here is 1 MiB at most)
                if buf.find(_ROW_END) + len(_ROW_END) > MAX_CARRY:
                    raise Declined
                end += len(_ROW_END)
            else:
                end = buf.find(b"</sheetData>")
                if end < 0:
                    raise Declined
            region = buf[:end]
            pieces: list[int] = []
            if every:
                at = 0
                while (at := region.find(_ROW_END, at)) >= 0:
                    at += len(_ROW_END)
                    rows_in_slice += 1
                    if rows_in_slice == every:
                        pieces.append(at)
                        rows_in_slice = 0
            else:
                while (want := start + target - base) <= len(region):
                    at = region.find(_ROW_END, max(0, want - len(_ROW_END)))
                    if at < 0:
                        break
                    start = base + at + len(_ROW_END)
                    pieces.append(at + len(_ROW_END))
            yield base, region, pieces, not chunk
            if not chunk:
                return
            buf = buf[end:]
            base += end
            chunk = next(self.chunks, b"")


def _check(region: bytes, cells: int) -> None:
    """Declined unless `region` (whole rows) holds `cells` cells, each `<c r="`, every row
    with `r`, and nothing that `_PREFIXED` or `_NEVER` finds. A byte looked for first where
    it can be (memchr), searches with a literal start next; a regular expression without
    one only where a colon is (a time, a URL, `xml:space`)."""
    # (a byte first: memchr, many times faster than looking for two bytes)
    if (b"!" in region and b"<!" in region) or (b"?" in region and b"<?" in region):
        raise Declined  # a comment, CDATA, DOCTYPE, processing instruction
    if b"sheetData" in region:
        raise Declined
    if _ODD_ROW_END.search(region):
        raise Declined  # `</row >`: slices are cut at `</row>` only
    if _AT_START.match(region) or _AFTER_ROW_END.search(region):
        raise Declined  # an element wrapping rows, or between them
    if _AFTER_EMPTY_ROW.search(region):
        raise Declined
    # each cell and row has one ` r`: more, or `r` after another space, and it may be twice
    # (a tab, line feed or carriage return looked for alone first: memchr, many times
    # faster than a search for two bytes)
    rows = region.count(b"<row")
    spaced = any(map(region.__contains__, _SPACES)) and any(map(region.__contains__, _SPACE_R))
    maybe = region.count(b" r") != cells + rows or spaced
    if maybe and (_TWICE_R_CELL.search(region) or _TWICE_R_ROW.search(region)):
        raise Declined
    if b":" in region and _PREFIXED.search(region):
        raise Declined
    if _ROW_WITHOUT_R.search(region):
        raise Declined
    # every cell is one `_CELL` finds (`<c` also starts <color>, <charset> in rich text)
    if _OTHER_CELL.search(region):
        raise Declined


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            yield chunk


def _rows(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    name: str,
    parts: list[tuple[str, bytes]],
    head: bytes,
    cuts: list[int],
) -> Iterator[tuple[int, list[object]]]:
    """The second pass: each slice's rows, numbered as the sheet numbers them."""
    reader = _Slices(name, parts, info.filename, head)
    try:
        yield from _numbered(reader, _bodies(archive, info, head, cuts))
    finally:
        archive.close()


def _numbered(reader: _Slices, bodies: Iterator[bytes]) -> Iterator[tuple[int, list[object]]]:
    """The rows of the slices' `bodies`, numbered as the sheet numbers them (an empty row
    for each one the sheet leaves out)."""
    following = 1  # the next row number to give
    for body in bodies:
        for number, cells in reader.rows(body):
            while following < number:
                yield following, []
                following += 1
            yield number, cells
            following = number + 1


def _bodies(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, head: bytes, cuts: list[int]
) -> Iterator[bytes]:
    buf = b""
    base = -len(head)  # offset in the sheet data of buf[0]
    chunks = _chunks(archive, info)
    for cut in cuts:
        while base + len(buf) < cut:
            chunk = next(chunks, b"")
            if not chunk:
                raise zipfile.BadZipFile("the sheet changed while it was read")
            buf += chunk
        if base < 0:
            buf, base = buf[-base:], 0
        at = cut - base
        yield buf[:at]
        buf, base = buf[at:], cut


# ---------------------------------------------------------------- before the first pass


def vouch(
    path: Path, sheet: str | None, guard: Guard, *, rows_per_slice: int | None = None
) -> int | None:
    """The first pass of `open_slices` alone, inside `workbook_guard.guarding` (every check
    of the guard's runs, the sheet's CRC too): the last row holding a cell when the sheet's
    slices read exactly as the whole sheet, None when calamine must read it whole (as
    `open_slices` declines it: one slice too). What `stream_slices` read of a sheet this
    vouches for is what `open_slices` would have given."""
    sliced = open_slices(path, sheet, guard, rows_per_slice=rows_per_slice, vouch_only=True)
    return None if sliced is None else sliced.last_row


def stream_slices(
    path: Path, sheet: str | None, *, rows_per_slice: int | None = None
) -> tuple[str, Iterator[tuple[int, list[object]]]] | None:
    """The named (or first) worksheet's name and rows, read in slices at once, without
    the first pass: cut where `open_slices` cuts (`_Cutter`), so the same rows, but given
    before anything has vouched that the slices read as the whole sheet, or that
    `workbook_guard` lets the workbook through. Only for a reader whose rows leave
    nothing behind until `vouch` (run beside it) has said yes: the import holds its first
    commit till then (services/intake.py), and a refusal or a decline throws them away.
    What keeps this process safe meanwhile is checked here: the members' declared sizes
    (as the guard checks them first), and, before calamine reads a slice, the farthest
    cell the sheet has named so far (`workbook_guard.bounded`: the grid calamine
    allocates for the slice is no larger). None, before any row, for a workbook this does
    not read (the first pass would decline it, or the guard refuse it: the caller reads it
    as `open_sheet` does), for a sheet of one slice (`open_slices` leaves it to calamine
    whole) and for one larger than MAX_STREAMED; NotStreamed after some rows where the
    first pass declines too (no `</sheetData>`, a row longer than MAX_CARRY: `_Cutter`
    declines where the bytes say, however the chunks fall)."""
    from mediate.intake.workbook_guard import bounded, check_sizes

    if not zipfile.is_zipfile(path):
        return None
    try:
        archive = zipfile.ZipFile(path)
    except Exception:
        return None
    try:
        check_sizes(path, archive.infolist())
        name, folder, info, _, member = find_sheet(path, archive, sheet)
        shared = _shared_parts(folder, info, member)
        parts = [(found.filename, archive.read(found)) for found in shared]
        target = _slice_target(shared, None)
        if rows_per_slice is None and not target < info.file_size <= MAX_STREAMED:
            archive.close()  # one slice (the first pass declines it) or too large
            return None
        checked = bounded(path, archive, info, _chunks(archive, info))
        cutter = _Cutter(checked, target, rows_per_slice)
        head = cutter.find_head()
    except Exception:  # said as the guard or calamine says it, by the caller's reading
        archive.close()
        return None
    return name, _streamed(archive, cutter, _Slices(name, parts, info.filename, head))


class NotStreamed(Exception):
    """The sheet's slices cannot be cut after all (`stream_slices`): the first pass
    declines it too. Rows were given: whoever took them throws them away."""


def _streamed(
    archive: zipfile.ZipFile, cutter: _Cutter, reader: _Slices
) -> Iterator[tuple[int, list[object]]]:
    try:
        yield from _numbered(reader, _cut_bodies(cutter))
    finally:
        archive.close()


def _cut_bodies(cutter: _Cutter) -> Iterator[bytes]:
    """The slices' bodies as `cutter` cuts them (`_bodies` of the first pass's cuts)."""
    held = b""  # the sheet data since the last cut
    try:
        for _base, region, pieces, final in cutter.regions():
            at = 0
            for piece in pieces:
                yield held + region[at:piece]
                held, at = b"", piece
            held += region[at:]
            if final and held:
                yield held
    except Declined as exc:
        raise NotStreamed from exc


MAX_UNREADABLE = 100
"""Rows calamine refuses on their own, at most; one more and the file is refused as
calamine reading it whole refuses it (each costs a few small reads: a file of nothing but
such rows would cost thousands)."""


class _Slices:
    def __init__(self, name: str, parts: list[tuple[str, bytes]], part: str, head: bytes):
        self.name, self.parts, self.part, self.head = name, parts, part, head
        self.unreadable = 0
        # shared formulas' first cells seen in earlier slices (`formulas.uncached`)
        self.shared: Shared = {}

    def rows(self, body: bytes) -> Iterator[tuple[int, list[object]]]:
        """The rows of a slice; one calamine refuses is cut in halves down to the row."""
        try:
            rows = _read(self.name, self.parts, self.part, self.head + body + _TAIL)
        except BaseException as exc:
            from mediate.intake.readers import UnreadableRow, is_rust_panic

            if not isinstance(exc, Exception) and not is_rust_panic(exc):
                raise
            ends = [m.end() for m in re.finditer(re.escape(_ROW_END), body)]
            if len(ends) > 1:
                half = ends[len(ends) // 2 - 1]
                yield from self.rows(body[:half])
                yield from self.rows(body[half:])
                return
            numbers = list(dict.fromkeys(map(int, _ROW_NUMBER.findall(body))))
            self.unreadable += len(numbers)
            if not numbers or self.unreadable > MAX_UNREADABLE:
                raise
            from mediate.intake.workbook_guard import damage

            text = str(exc).strip()
            first = text.splitlines()[0][:200] if text else type(exc).__name__
            reason = _("the row cannot be read: {reason} (technical detail: {detail})").format(
                reason=damage(exc), detail=first
            )
            for number in numbers:  # rows not cut apart: each rejected, none given empty
                yield number, UnreadableRow.of_workbook(reason)
            return
        if suspect(body):  # a formula or error calamine gives empty: the row refused
            yield from refused(rows, uncached(body, self.shared))
            return
        yield from rows


def _read(
    name: str, parts: list[tuple[str, bytes]], part: str, sheet_xml: bytes
) -> list[tuple[int, list[object]]]:
    import python_calamine

    from mediate.intake.readers import absolute

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
        for filename, data in parts:
            book.writestr(filename, data)
        book.writestr(part, sheet_xml)
    out.seek(0)
    sheet: Any = python_calamine.CalamineWorkbook.from_object(out).get_sheet_by_name(name)
    start = sheet.start
    if start is None:
        return []
    top, left = start
    prefix: list[object] = [""] * left
    return [
        (top + i, absolute(row, prefix))
        for i, row in enumerate(sheet.to_python(skip_empty_area=True), start=1)
    ]
