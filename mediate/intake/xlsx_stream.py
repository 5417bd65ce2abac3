"""One worksheet of an .xlsx/.xlsm read row by row, as python-calamine would give it.

python-calamine (0.9.1, calamine 0.37) reads a whole sheet into a grid before the first
row reaches Python: for a 100,000-row referral file that is 200 MiB and seconds of waiting
(benchmarks/RESULTS.md, "Streaming XLSX"). It has no streaming API. This module reads the
sheet's XML with expat as it is inflated and yields exactly what calamine's `iter_rows()`
yields, so nothing after the reader can tell them apart (tests/unit/test_xlsx_stream.py
compares both on generated workbooks). What calamine does, read from its sources
(calamine src/xlsx/mod.rs, cells_reader.rs, formats.rs, datatype.rs; python-calamine
src/types/cell.rs, sheet.rs):

- The range is that of the non-empty cells (`Range::from_sparse`): rows and columns from
  the first to the last cell holding a value, wherever the sheet's data starts. A cell
  with no value (`<c r="B2" s="1"/>`, a formula without its cached `<v>`) does not count;
  an inline string, a `str` formula result, a boolean or an error does, even when empty.
- `iter_rows()` yields, first, one all-empty row for each row above the range (so the
  n-th row yielded is the sheet's row n), then each row of the range, every row as wide
  as the range and starting at its first column, "" where there is no value.
- Values: a shared or inline string (its runs `<r><t>` joined, phonetic runs `<rPh>`
  left out, ASCII whitespace trimmed unless `xml:space="preserve"`, `_x000D_` escapes
  decoded) is a str; a `str` formula result is a str as written; a number is a float,
  or under a date format (built in: 14-22, 45, 47; custom: `detect_custom_number_format`)
  a date (a whole number of days), a time (less than one day) or a datetime, to the
  millisecond, in the 1900 or 1904 system; under an elapsed-time format (46, `[h]`) a
  timedelta; a date outside the years 1-9999 stays a float. A boolean is a bool; an
  error (`#N/A`…) is "".

The bounds must be known before the first row is yielded, so the sheet is read twice:
first with a regular expression (`_bounds`, a few tenths of a second for 100,000 rows) for
where its values are, then with expat for the values. Anything that first reading cannot
vouch for (a cell without an `r` attribute, prefixed element names, comments or CDATA in
the sheet, rows out of order, an ISO date cell, a relationship this module does not read)
makes `open_stream` answer None before any row is read: the caller then uses calamine.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from mediate.intake.workbook_guard import (
    _ENCODING,
    _UTF8,
    _check_cells,
    _inflate,
    _Irregular,
    _member_chunks,
    _relationships,
    _Unplain,
)

_CHUNK = 1 << 20
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# ---------------------------------------------------------------- formats (formats.rs)

OTHER, DATETIME, TIMEDELTA = 0, 1, 2
_BUILTIN_DATES = {"14", "15", "16", "17", "18", "19", "20", "21", "22", "45", "47"}


def builtin_format(num_fmt_id: str) -> int:
    """calamine's `builtin_format_by_id`: the id as written (no leading zeros)."""
    if num_fmt_id in _BUILTIN_DATES:
        return DATETIME
    return TIMEDELTA if num_fmt_id == "46" else OTHER


def custom_format(code: str) -> int:
    """calamine's `detect_custom_number_format`: whether a format code shows a date, an
    elapsed time or neither (its first section only)."""
    escaped = is_quote = ap = hms = False
    brackets = 0
    prev = " "
    for s in code:
        if escaped:
            escaped = False
        elif s in "_\\*":
            escaped = True
        elif is_quote:
            if s == '"':
                is_quote = False
        elif s == '"':
            is_quote = True
        elif s == ";":
            return OTHER
        elif s == "[":
            brackets = (brackets + 1) % 256  # a u8
        elif s == "]" and brackets == 1 and hms:
            return TIMEDELTA
        elif s == "]":
            brackets = max(brackets - 1, 0)
        elif s in "aA" and not ap and brackets == 0:
            ap = True
        elif brackets == 0 and (s in "pm/PM" if ap else s in "dmhysDMHYS"):
            return DATETIME
        elif hms and s.lower() == prev.lower() and s.upper() == prev.upper():
            pass  # ok: [hh], [mm]…
        else:
            hms = prev == "[" and s in "mhsMHS"
        prev = s
    return OTHER


# ---------------------------------------------------------------- values (cell.rs, datatype.rs)

_EPOCH = dt.datetime(1899, 12, 30)
_MS_PER_DAY = 86_400_000.0
_FLOAT = re.compile(
    r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
    r"|[+-]?(?:inf|infinity|nan)",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9]+")
_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"}
_ESCAPE = re.compile(r"_x00([0-9A-Fa-f+][0-9A-Fa-f])_")
_ASCII_SPACE = " \t\r\n"


def _round_ms(value: float) -> int:
    """chrono's `Duration::milliseconds(ms.round() as i64)` of a number of days, as an int:
    Rust's `round` is half away from zero; the cast saturates, and i64::MIN is out of
    chrono's bounds, a panic (python-calamine's iter_rows then raises)."""
    ms = value * _MS_PER_DAY
    if ms <= -9.223372036854775808e18:
        raise ValueError("TimeDelta::milliseconds out of bounds")
    if ms >= 9.223372036854775807e18:  # infinity too (a value past 2e300 days)
        return 9_223_372_036_854_775_807
    return int(ms + 0.5) if ms >= 0 else -int(-ms + 0.5)


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 of a proleptic Gregorian date, any year (H. Hinnant)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


# chrono's earliest NaiveDateTime (0.4.45: 1 January of the year -262143), in milliseconds
# from Excel's epoch: a time before it is no time (python-calamine gives the float).
_CHRONO_MIN_MS = (_days_from_civil(-262143, 1, 1) - _days_from_civil(1899, 12, 30)) * 86_400_000


def excel_date(value: float, kind: int, is_1904: bool) -> object:
    """A number under a date or elapsed-time format, as python-calamine gives it."""
    if value != value:
        return value  # NaN: not a whole number, no date; chrono's 0 ms is 1899-12-31
    if kind == TIMEDELTA:
        return dt.timedelta(milliseconds=_round_ms(value))  # OverflowError: as pyo3's
    days = value + 1462.0 if is_1904 else value
    if days < 60.0:
        days += 1.0  # Excel's 29 February 1900
    ms = _round_ms(days)
    if value < 1.0:  # a time: the time of day of the datetime
        if ms < _CHRONO_MIN_MS:
            return value
        ms %= 86_400_000
        return dt.time(ms // 3_600_000, ms // 60_000 % 60, ms // 1000 % 60, ms % 1000 * 1000)
    try:
        moment = _EPOCH + dt.timedelta(milliseconds=ms)
    except OverflowError:
        return value
    if value == float(int(value)):
        return moment.date()
    return moment


def unescape_xml(text: str) -> str:
    """calamine's `unescape_xml`: `_x00HH_` is the character HH."""
    if "_x00" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _string_item(text: str, preserve: bool) -> str:
    return unescape_xml(text if preserve else text.strip(_ASCII_SPACE))


# ---------------------------------------------------------------- the workbook's parts


class Unsupported(Exception):
    """Something this reader leaves to calamine."""


@dataclass
class Streamed:
    name: str
    height: int  # calamine's `height`: the rows of the range
    rows: Iterator[list[object]]


def open_stream(path: Path, sheet: str | None) -> Streamed | None:
    """The rows of the named (or first) worksheet of the workbook at `path`, or None when
    calamine should read it (see the module's docstring). Run after `workbook_guard`.
    Errors of the zip or XML raised while the rows are read are the caller's to name."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    try:
        return _open(path, archive, sheet)
    except (Unsupported, _Unplain, UnicodeDecodeError, expat.ExpatError, KeyError):
        archive.close()
        return None
    except BaseException:
        archive.close()
        raise


def _open(path: Path, archive: zipfile.ZipFile, wanted: str | None) -> Streamed:
    found = find_sheet(path, archive, wanted)
    name, folder, sheet_info, is_1904, member = found
    strings_info = member(f"{folder}sharedStrings.xml")
    styles_info = member(f"{folder}styles.xml")
    strings = _read_shared_strings(_plain(archive.read(strings_info))) if strings_info else []
    formats = _read_styles(_plain(archive.read(styles_info))) if styles_info else []
    bounds = _bounds(archive, sheet_info, len(strings))
    if bounds is None:
        archive.close()
        return Streamed(name, 0, _no_rows())
    # the guard bounded every reference already; this bounds the padding on its own
    _check_cells(path, sheet_info.filename, bounds[2] + 1, bounds[3] - bounds[1] + 1)
    reader = _SheetReader(strings, formats, is_1904, bounds)
    return Streamed(name, bounds[2] - bounds[0] + 1, reader.rows(archive, sheet_info))


def find_sheet(
    path: Path, archive: zipfile.ZipFile, wanted: str | None
) -> tuple[str, str, zipfile.ZipInfo, bool, Callable[[str], zipfile.ZipInfo | None]]:
    """The named (or first) worksheet as calamine finds it: its name, the workbook's folder
    (`xl/`), its member, whether dates count from 1904, and a look-up of other members by
    part name. Raises Unsupported (or an XML error) for anything read otherwise."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename.replace("\\", "/").lower()
        if name in members:
            raise Unsupported("two members of one name")
        members[name] = info

    def member(part: str) -> zipfile.ZipInfo | None:
        return members.get(part.replace("\\", "/").lower())

    root_rels = member("_rels/.rels")
    if root_rels is None:
        raise Unsupported("no _rels/.rels")
    _plain(archive.read(root_rels))
    folder = None
    for rel in _relationships(path, archive, [root_rels]):
        types, targets = rel.get(b"Type", []), rel.get(b"Target", [])
        if len(types) == 1 and types[0].endswith(b"/relationships/officeDocument") and targets:
            target = _unescaped(targets[-1])
            folder = target[: target.rfind("/") + 1].removeprefix("/")
    if folder is None:
        raise Unsupported("no officeDocument")
    rels_info = member(f"{folder}_rels/workbook.xml.rels")
    if rels_info is None:
        raise Unsupported("no workbook relationships")
    _plain(archive.read(rels_info))
    relationships: dict[str, tuple[str, str]] = {}
    for rel in _relationships(path, archive, [rels_info]):
        ids, types, targets = rel.get(b"Id", []), rel.get(b"Type", []), rel.get(b"Target", [])
        if len(ids) != 1 or len(types) != 1 or len(targets) != 1:
            raise Unsupported("a relationship this module does not read")
        relationships[_unescaped(ids[0])] = (_unescaped(targets[0]), _unescaped(types[0]))
    book = member(f"{folder}workbook.xml")
    if book is None:
        raise Unsupported("no workbook.xml")
    sheets, is_1904 = _read_workbook(_plain(archive.read(book)))
    chosen = next((s for s in sheets if wanted is None or s[0] == wanted), None)
    if chosen is None:
        raise Unsupported("no such sheet")  # calamine names the sheets there are
    name, rel_id = chosen
    if rel_id not in relationships:
        raise Unsupported("no relationship")
    target, kind = relationships[rel_id]
    if kind.rpartition("/")[2] != "worksheet":
        raise Unsupported("not a worksheet")
    if "\\" in target:
        raise Unsupported("a backslash in the sheet's target")
    part = target[1:] if target.startswith("/") else folder + target
    sheet_info = member(part)
    if sheet_info is None:
        raise Unsupported("no sheet part")
    return name, folder, sheet_info, is_1904, member


def _no_rows() -> Iterator[list[object]]:
    """python-calamine's `iter_rows()` on a sheet without values: no rows."""
    yield from ()


def _plain(data: bytes) -> bytes:
    """`data` when it is UTF-8 without a document type declaration; else Unsupported
    (calamine decodes other encodings and treats a DOCTYPE its own way)."""
    declared = _ENCODING.match(data)
    if declared and declared.group(1).lower() not in _UTF8:
        raise Unsupported("not UTF-8")
    if b"<!DOCTYPE" in data or b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unsupported("not plainly written")
    data.decode()  # UnicodeDecodeError: left to calamine
    return data


def _unescaped(raw: bytes) -> str:
    text = raw.decode()
    if "&" in text:
        raise Unsupported("an entity in a relationship")
    return text


def _parser(start: Any, end: Any = None, text: Any = None) -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _doctype
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


def _doctype(*_: object) -> None:
    raise Unsupported("a document type declaration")


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
                    raise Unsupported("a sheet state calamine refuses")
                if _local(key) == "id":
                    rel_id = value
            sheets.append((attrs.get("name", ""), rel_id))
        elif local == "workbookPr":
            if seen:
                raise Unsupported("a second workbookPr")
            seen.append(True)
            is_1904[0] = attrs.get("date1904") in ("1", "true")

    _parser(start).Parse(data, True)
    return sheets, is_1904[0]


def _read_shared_strings(data: bytes) -> list[str]:
    """calamine's `read_shared_strings` and `read_string_with_bufs`."""
    strings: list[str] = []
    state: dict[str, Any] = {"si": None, "rich": None, "phonetic": False, "t": None}
    texts: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if state["t"] is not None:
            return
        if state["si"] is None:
            if local == "si":
                state.update(si=name, rich=None, phonetic=False)
            return
        if local == "r" and state["rich"] is None:
            state["rich"] = ""
        elif local == "rPh":
            state["phonetic"] = True
        elif local == "t" and not state["phonetic"]:
            state["t"] = (name, attrs.get("xml:space") == "preserve")
            texts.clear()

    def end(name: str) -> None:
        if state["t"] is not None:
            if name == state["t"][0]:
                value = _string_item("".join(texts), state["t"][1])
                state["rich"] = value if state["rich"] is None else state["rich"] + value
                state["t"] = None
            return
        if state["si"] is None:
            return
        if name == state["si"]:
            strings.append(state["rich"] if state["rich"] is not None else "")
            state["si"] = None
        elif _local(name) == "rPh":
            state["phonetic"] = False

    def text(data: str) -> None:
        if state["t"] is not None:
            texts.append(data)

    _parser(start, end, text).Parse(data, True)
    return strings


def _read_styles(data: bytes) -> list[int]:
    """calamine's `read_styles`: each cell format (`cellXfs`) as OTHER, DATETIME or
    TIMEDELTA."""
    custom: dict[str, str] = {}
    formats: list[int] = []
    where = [""]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if where[0] == "":
            if local in ("numFmts", "cellXfs"):
                where[0] = local
        elif where[0] == "numFmts" and local == "numFmt":
            if "numFmtId" in attrs and "formatCode" in attrs:
                custom[attrs["numFmtId"]] = attrs["formatCode"]
        elif where[0] == "cellXfs" and local == "xf":
            found = attrs.get("numFmtId")
            if found is None:
                formats.append(OTHER)
            elif found in custom:
                formats.append(custom_format(custom[found]))
            else:
                formats.append(builtin_format(found))

    def end(name: str) -> None:
        if _local(name) == where[0]:
            where[0] = ""

    _parser(start, end).Parse(data, True)
    return formats


# ---------------------------------------------------------------- the sheet's bounds

# A cell that may have a value (its start tag neither closes it, `/>`, nor is followed by
# its end, `></c>`), and one certain to (an inline string, or a `<v>` with text and nothing
# after it, after a formula or not): the letters of its `r`, or its row.
_MAYBE = rb"""<c r="([A-Za-z]+)[0-9]+"[^>]*(?<!/)>(?!</c>)"""
_SURE = (
    rb"""<c r="([A-Za-z]+)[0-9]+"[^>]*(?<!/)>"""
    rb"""(?:<is[\s>/]|(?:<f[^>]*/>|<f(?:\s[^>]*)?>[^<]*</f>)?<v>[^<]+</v></c>)"""
)
_MAYBE_LETTERS = re.compile(_MAYBE)
_SURE_LETTERS = re.compile(_SURE)
_MAYBE_ROW = re.compile(_MAYBE.replace(b"([A-Za-z]+)[0-9]+", b"[A-Za-z]+([0-9]+)"))
_SURE_ROW = re.compile(_SURE.replace(b"([A-Za-z]+)[0-9]+", b"[A-Za-z]+([0-9]+)"))
_ROW_NUMBER = re.compile(rb"<row [^>]*?r=\"([0-9]+)\"")
# Not read plainly by `_bounds` (its patterns would miss or mistake a cell): comments,
# CDATA, a cell whose `r` is not its first attribute or is missing, an ISO date cell
# (calamine's DateTimeIso), an inline-string cell with a `<v>` (no value, though `_SURE`
# would see one). Three patterns, each fast for starting with a letter.
_UNPLAIN = (
    re.compile(rb"<(?:!--|!\[CDATA\[|c[>/\t\r\n])"),
    re.compile(rb"""t=["'](?:d|is)["']"""),
    re.compile(rb"""inlineStr["'][^>]*>\s*<v[\s>/]"""),
)
_PREFIXED_ROOT = re.compile(rb"<[\w.-]+:worksheet[\s>/]")
# Left to calamine, wherever in the sheet (searched across the chunks' edges): a cell's
# parts with a prefix under an unprefixed root (they would be skipped, not read), a
# document type declaration; and in the cells, a character reference in a `<v>`.
_LEFT = re.compile(rb"<[\w.-]+:(?:row|c|v|is|t|f)\b|<!DOCTYPE")
_CHARACTER_REFERENCE = re.compile(rb"<v(?:\s[^>]*)?>[^<]*&#")
# A cell's `r` as this reader reads it: column A to ZZ, row 1 to 999,999 (calamine refuses
# other spellings; farther cells are left to it). Each `<c r="` must be one.
_PLAIN_CELL = re.compile(rb'<c r="[A-Za-z]{1,2}[1-9][0-9]{0,5}"')
_CELL_ROW = re.compile(rb'<c r="[A-Za-z]+([0-9]+)"')
# A shared-string cell: its index (after a formula or not); each `t="s"` must be one.
_STRING_INDEX = re.compile(
    rb"""<c r="[^"]*"[^>]*?\st="s"[^>]*(?<!/)>(?:<f[^>]*/>|<f(?:\s[^>]*)?>[^<]*</f>)?"""
    rb"""<v>([0-9]*)</v>"""
)


def _bounds(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, strings: int = 0
) -> tuple[int, int, int, int] | None:
    try:
        return _bounds_of(_inflate(archive, info), strings)
    except _Irregular:
        return _bounds_of(_member_chunks(archive, info), strings)


def _bounds_of(chunks: Iterator[bytes], strings: int = 0) -> tuple[int, int, int, int] | None:
    """(first row, first column, last row, last column) of the cells with a value,
    0-based; None when no cell has one. Unsupported when the sheet is not plainly
    written (see the module's docstring).

    The cells with a value lie between those certain to have one (`_SURE`) and those
    that may (`_MAYBE`): where both sets reach the same rows and columns, so do they.
    Costs about a quarter of reading the values (the patterns run in C, over the XML
    inflated as the guard inflates it: without the CRC, which the reading checks)."""
    sure: set[bytes] = set()
    maybe: set[bytes] = set()
    sure_rows: list[int] = []
    maybe_rows: list[int] = []
    last_row = last_cell_row = 0
    started = ended = False
    tail = edge = b""
    for chunk in _ending(chunks):
        if _LEFT.search(edge + chunk):
            raise Unsupported("left to calamine")
        edge = chunk[-256:]
        data = tail + chunk
        if not started and (b"\x00" in data[:4096] or data.startswith(b"\xff\xfe")):
            raise Unsupported("not UTF-8")
        if chunk:
            cut = max(data.rfind(b"<c"), data.rfind(b"<row"))
            if cut < 0:
                cut = max(len(data) - 64, 0)
            data, tail = data[:cut], data[cut:]
        if not started:
            at = data.find(b"<sheetData")
            if at < 0:
                if not chunk:
                    raise Unsupported("no sheetData")
                if len(data) > 16 * _CHUNK:
                    raise Unsupported("a long header")
                tail = data + tail
                continue
            if _PREFIXED_ROOT.search(data, 0, at):
                raise Unsupported("prefixed element names")
            started = True
            data = data[at:]
        at = data.find(b"</sheetData")
        if at >= 0 or not chunk:
            ended = True
            data = data[:at] if at >= 0 else data + tail
        if any(pattern.search(data) for pattern in _UNPLAIN):
            raise Unsupported("not plainly written")
        if _CHARACTER_REFERENCE.search(data):
            raise Unsupported("a character reference in a value")
        cells = data.count(b'<c r="')
        if data.count(b"<c ") != cells:
            raise Unsupported("a cell without r, or not first")
        if len(_PLAIN_CELL.findall(data)) != cells:
            raise Unsupported("a cell reference not plainly written, or far")
        cell_rows = list(map(int, _CELL_ROW.findall(data)))
        if cell_rows:
            if cell_rows[0] < last_cell_row or any(map(int.__gt__, cell_rows, cell_rows[1:])):
                raise Unsupported("cells out of order")
            last_cell_row = cell_rows[-1]
        indexes = _STRING_INDEX.findall(data)
        if len(indexes) != data.count(b't="s"') or b"t='s'" in data:
            raise Unsupported("a shared string not plainly written")
        if indexes and max(int(i or 0) for i in indexes) >= strings:
            raise Unsupported("a shared string that is not there")
        rows = list(map(int, _ROW_NUMBER.findall(data)))
        if rows:
            if rows[0] <= last_row or any(map(int.__ge__, rows, rows[1:])):
                raise Unsupported("rows out of order")
            last_row = rows[-1]
        for letters_of, row_of, letters, found in (
            (_MAYBE_LETTERS, _MAYBE_ROW, maybe, maybe_rows),
            (_SURE_LETTERS, _SURE_ROW, sure, sure_rows),
        ):
            matched = letters_of.findall(data)
            if matched:
                letters.update(matched)
                if not found:
                    found.append(_last_match(row_of, data, first=True))
                found[1:] = [_last_match(row_of, data)]
        if ended:
            break
    if not maybe:
        return None
    span = _span(maybe)
    if (sure != maybe and (not sure or _span(sure) != span)) or sure_rows != maybe_rows:
        raise Unsupported("cells whose values decide the bounds")
    return maybe_rows[0] - 1, span[0], maybe_rows[-1] - 1, span[1]


def _last_match(pattern: re.Pattern[bytes], data: bytes, first: bool = False) -> int:
    """The row of the last (or first) cell in `data` that `pattern` matches: one does."""
    if first:
        return int(pattern.search(data).group(1))  # type: ignore[union-attr]
    end = len(data)
    while (at := data.rfind(b"<c r=", 0, end)) >= 0:
        found = pattern.match(data, at)
        if found is not None:
            return int(found.group(1))
        end = at
    raise AssertionError("no cell matched")


def _ending(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks that are not empty, then an empty one."""
    yield from filter(None, chunks)
    yield b""


def _column(letters: bytes | str) -> int:
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        number = number * 26 + ord(letter) - 64
    return number - 1


def _span(letters: set[bytes]) -> tuple[int, int]:
    columns = [_column(c) for c in letters]
    return min(columns), max(columns)


# ---------------------------------------------------------------- the sheet's values


class _SheetReader:
    def __init__(
        self,
        strings: list[str],
        formats: list[int],
        is_1904: bool,
        bounds: tuple[int, int, int, int],
    ) -> None:
        self.strings = strings
        self.formats = formats
        self.is_1904 = is_1904
        self.first_row, self.first_column, self.last_row, last_column = bounds
        self.width = last_column - self.first_column + 1
        self.ended = False

    def rows(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[list[object]]:
        out: deque[list[object]] = deque()
        parser = self._parser(out)
        try:
            with archive.open(info) as member:
                try:
                    while chunk := member.read(_CHUNK):
                        parser.Parse(chunk, False)
                        while out:
                            yield out.popleft()
                    parser.Parse(b"", True)
                except _Done:
                    pass
            if not self.ended:
                raise ValueError("the sheet ends before its sheetData does")
            while out:
                yield out.popleft()
        finally:
            archive.close()

    def _parser(self, out: deque[list[object]]) -> Any:
        """An expat parser that appends each row to `out` once it is whole (the next row
        has begun) and the rows before it, if any, as empty rows."""
        strings, formats, is_1904 = self.strings, self.formats, self.is_1904
        first_column, width, last_row = self.first_column, self.width, self.last_row
        columns: dict[str, int] = {}
        texts: list[str] = []  # the character data since the last <v>, <f> or <t> began
        clear, join = texts.clear, "".join
        EMPTY = _EMPTY
        # the cell: its row (None outside a cell), column, t, s, what is being read in it
        # (0 nothing, 1 <v> or <f>, 2 <is>), its value
        row: int | None = None
        column = 0
        kind: str | None = None
        style: str | None = None
        reading = 0
        value: object = EMPTY
        # in <is>: its text so far (None: no run yet), inside <rPh>, inside <t> (None: no;
        # else whether its spaces are kept)
        rich: str | None = None
        phonetic = False
        in_t: bool | None = None
        # the row being filled and its index; the next row index to yield
        filling: list[object] | None = None
        filling_at = -1
        next_row = 0

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal row, column, kind, style, reading, value, rich, phonetic, in_t
            if name == "c":
                ref = attrs["r"]
                digits = len(ref.rstrip("0123456789"))
                letters = ref[:digits]
                found = columns.get(letters)
                if found is None:
                    found = columns[letters] = _column(letters)
                row = int(ref[digits:]) - 1
                column = found
                kind = attrs.get("t")
                style = attrs.get("s")
                reading = 0
                value = EMPTY
            elif reading == 2:  # inside <is>
                if in_t is not None:
                    return
                if name == "t":
                    if not phonetic:
                        in_t = attrs.get("xml:space") == "preserve"
                        clear()
                elif name == "r":
                    if rich is None:
                        rich = ""
                elif name == "rPh":
                    phonetic = True
            elif reading == 1:
                return
            elif name == "v":
                reading = 1
                clear()
            elif name == "is":
                reading = 2
                rich, phonetic, in_t = None, False, None
            elif name == "f":
                reading = 1
                value = EMPTY
            elif row is not None:
                raise ValueError(f"unexpected element <{name}> in a cell (v, f, or is)")
            elif ":" in name:
                raise ValueError(f"a prefixed element <{name}> in the sheet")

        def end(name: str) -> None:
            nonlocal row, reading, value, rich, phonetic, in_t
            if reading == 0:
                if name == "c":
                    if value is not EMPTY and row is not None:
                        if row == filling_at:  # the usual case: no call
                            filling[column - first_column] = value  # type: ignore[index]
                        else:
                            place(row, column, value)
                    row = None
                elif name == "sheetData":
                    flush()
                    raise _Done  # calamine reads no further
            elif reading == 1:
                if name == "v":
                    reading = 0
                    value = value_of(join(texts))
                elif name == "f":
                    reading = 0
            elif in_t is not None:
                if name == "t":
                    item = join(texts)
                    if not in_t:
                        item = item.strip(_ASCII_SPACE)
                    if "_x00" in item:
                        item = unescape_xml(item)
                    rich = item if rich is None else rich + item
                    in_t = None
            elif name == "is":
                reading = 0
                value = rich if rich is not None else ""
            elif name == "rPh":
                phonetic = False

        def value_of(text: str) -> object:
            if kind == "s":
                if not text:
                    return EMPTY
                return strings[int(text) if _DIGITS.fullmatch(text) else 0]  # IndexError
            if kind is None or kind == "n":
                if not text:
                    return EMPTY
                if not _FLOAT.fullmatch(text):
                    if kind is None:
                        return text
                    raise ValueError(f"invalid float literal {text!r}")
                number = float(text)
                if style is None:
                    return number
                index = int(style) if _DIGITS.fullmatch(style) else 0
                if index >= len(formats) or formats[index] == OTHER:
                    return number
                return excel_date(number, formats[index], is_1904)
            if kind == "str":
                return text
            if kind == "b":
                return EMPTY if not text else text != "0"
            if kind == "e":
                if not text:
                    return EMPTY
                if text not in _ERRORS:
                    raise ValueError(f"unsupported cell error value {text!r}")
                return ""
            if kind in ("inlineStr", "is"):
                return EMPTY
            raise ValueError(f"unsupported cell type {kind!r}")

        def place(at: int, column: int, value: object) -> None:
            nonlocal filling, filling_at
            if at != filling_at:
                if at < filling_at:
                    raise ValueError("rows out of order")
                if filling is not None:
                    out.append(filling)
                for _ in range(next_row if filling is None else filling_at + 1, at):
                    out.append([""] * width)
                filling = [""] * width
                filling_at = at
            filling[column - first_column] = value  # type: ignore[index]

        def flush() -> None:
            nonlocal filling, next_row
            self.ended = True
            if filling is not None:
                out.append(filling)
                filling = None
                next_row = last_row + 1

        parser = _parser(start, end, texts.append)
        return parser


class _Done(Exception):
    """The end of sheetData: what follows is not read."""


class _Empty:
    """No value: calamine's `DataRef::Empty`."""


_EMPTY = _Empty()
