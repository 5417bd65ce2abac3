"""Spreadsheet readers: CSV in any Chinese encoding, and workbooks (an .xlsx/.xlsm read by
python-calamine a slice of rows at a time, `xlsx_slices`; anything else, or a sheet that
reader declines, by calamine whole).

Both give the same thing: the header and a stream of `(row_number, cells)` numbered as a
spreadsheet program shows them (the first line is row 1), so a clerk can find the row.
CSV is read line by line (memory stays flat); each line is decoded on its own, UTF-8
first and GB18030 (a superset of GBK) after, so a file glued together from exports in
different encodings still reads.
"""

from __future__ import annotations

import codecs
import csv
import errno
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediate.errors import ValidationError
from mediate.files import os_reason
from mediate.i18n import _

SAMPLE_BYTES = 64 * 1024
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Office Open XML workbooks: a zip of XML parts, their formulas read from the sheet's part
# (`formulas`) whichever reader reads the sheet.
OPENXML_SUFFIXES = (".xlsx", ".xlsm")
# Suffixes read by calamine a slice of rows at a time (`xlsx_slices`: the first rows at
# once, memory about a slice's), unless that reader declines the sheet. (Tests set it to ()
# to read a sheet whole: the formulas are still checked, by OPENXML_SUFFIXES.)
SLICED_SUFFIXES = OPENXML_SUFFIXES
UNDECODABLE = "\ufffd"


@dataclass
class Sheet:
    """An opened spreadsheet. `encoding` and `delimiter` are for CSV only."""

    path: Path
    format: str  # csv | xlsx
    rows: Iterator[tuple[int, list[object]]]
    total: int | None = None  # rows in the file, roughly, for a progress bar
    encoding: str | None = None
    delimiter: str = ","
    sheet_name: str | None = None
    notes: list[str] = field(default_factory=list)


def open_sheet(path: Path, sheet: str | None = None) -> Sheet:
    if path.is_dir():
        raise ValidationError(os_reason(IsADirectoryError(errno.EISDIR, "")), where=str(path))
    if not path.is_file():
        raise ValidationError(_("no such file"), where=str(path))
    if path.suffix.lower() in XLSX_SUFFIXES:
        check_kind(path)
        return _open_workbook(path, sheet)
    return _open_csv(path)


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Excel (.xls) format


def check_kind(path: Path) -> None:
    """A ValidationError in the clerk's words for a "workbook" that is empty or none at all
    (calamine's reason is English: "invalid Zip archive: Could not find EOCD"): an .xlsx,
    .xlsm or .ods is a zip archive, an .xls an OLE2 file or a zip (an .xlsx renamed)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ValidationError(os_reason(exc), where=str(path)) from exc
    if not head:
        raise ValidationError(_("the file is empty (0 bytes)"), where=str(path))
    allowed = (_ZIP_MAGIC, _OLE_MAGIC) if path.suffix.lower() == ".xls" else (_ZIP_MAGIC,)
    if not head.startswith(allowed):
        raise ValidationError(
            _(
                "the file is not a {suffix} workbook (its contents are of another kind); "
                "if it is a CSV or text export, name it .csv"
            ).format(suffix=path.suffix.lower()),
            where=str(path),
        )


# ---------------------------------------------------------------- CSV


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig, utf-16, utf-8, gbk or gb18030, from the first bytes of a file.

    Judged line by line: a file glued from UTF-8 and GBK exports is "gbk" (what its
    non-UTF-8 lines are); every line is decoded on its own anyway (`_decode_line`).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    found = "utf-8"
    lines = sample.split(b"\n")
    if len(lines) > 1 and len(sample) == SAMPLE_BYTES:
        lines.pop()  # the last line may be cut in the middle of a character
    for line in lines:
        try:
            line.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        try:
            line.decode("gbk")
            found = "gbk" if found == "utf-8" else found
        except UnicodeDecodeError:
            try:
                line.decode("gb18030")
                found = "gb18030"
            except UnicodeDecodeError:
                continue  # undecodable: that row is rejected when it is read
    return found


def _utf16_without_bom(sample: bytes) -> bool:
    """UTF-16 text without its byte-order mark: NUL bytes (the high byte of every comma,
    digit and line break) making a good part of the text, nearly all at even offsets (big
    endian) or at odd ones (little endian). A CSV in any 8-bit encoding holds no NUL but
    by accident (that row is rejected)."""
    nuls = sample.count(b"\x00")
    if nuls < max(2, len(sample) // 8):
        return False
    odd = sample[1::2].count(b"\x00")
    return max(odd, nuls - odd) >= 0.9 * nuls


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def _text_lines(path: Path, encoding: str) -> Iterator[str]:
    if encoding == "utf-16":
        with path.open("r", encoding="utf-16", newline="") as fh:
            yield from fh
        return
    with path.open("rb") as fh:
        first = True
        for raw in fh:
            if first and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            first = False
            yield _decode_line(raw)


def _sniff_delimiter(path: Path, encoding: str) -> str:
    for text in _text_lines(path, encoding):
        counts = {d: text.count(d) for d in (",", "\t", ";")}
        best = max(counts, key=lambda d: counts[d])
        if counts[best]:
            return best
    return ","


def _count_lines(path: Path) -> int:
    """The lines of a text file, the last one counted whether or not a line break ends it
    (a CSV's rows, but for a cell holding a line break: a progress bar's total)."""
    count, last = 0, b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count if last == b"\n" else count + 1


def _open_csv(path: Path) -> Sheet:
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    if encoding not in ("utf-16", "utf-8-sig") and _utf16_without_bom(sample):
        raise ValidationError(
            _(
                "the file is UTF-16 text without a byte-order mark (BOM), which cannot be "
                "read safely; save it again as CSV in UTF-8"
            ),
            where=str(path),
        )
    delimiter = _sniff_delimiter(path, encoding)

    def rows() -> Iterator[tuple[int, list[object]]]:
        last: list[str] = [""]

        def remembered() -> Iterator[str]:
            for line in _text_lines(path, encoding):
                last[0] = line
                yield line

        reader = csv.reader(remembered(), delimiter=delimiter)
        number = 0
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # this row only: the reader starts afresh on the next line
                yield number, UnreadableRow(last[0], delimiter, _csv_reason(exc))
                continue
            yield number, list(cells)

    return Sheet(
        path=path,
        format="csv",
        rows=rows(),
        total=_count_lines(path),
        encoding=encoding,
        delimiter=delimiter,
    )


class UnreadableRow(list[object]):
    """A CSV row the csv module refused (a cell over its size limit, a carriage return in
    an unquoted cell): rejected with `reason`, the rest of the file read on. Its cells are
    the line split on the delimiter, each cut to what a spreadsheet cell holds, for the
    `--errors` file."""

    def __init__(self, line: str, delimiter: str, reason: str) -> None:
        super().__init__(cell[:UNREADABLE_CELL] for cell in line.rstrip("\r\n").split(delimiter))
        self.reason = reason
        # the columns (0 = A) whose cells could not be read, where the rest of the row was
        # (`formulas.refused`): a row is refused only for a column the import reads
        self.columns: frozenset[int] | None = None

    @classmethod
    def of_workbook(cls, reason: str) -> UnreadableRow:
        """A workbook row calamine refused on its own (`xlsx_slices`): no cells to give."""
        row = cls("", ",", reason)
        row.clear()
        return row


UNREADABLE_CELL = 32_767


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return _("a cell is longer than {n} characters").format(n=csv.field_size_limit())
    if "new-line character seen in unquoted field" in text:
        return _(
            "a line break (carriage return) inside a cell that is not in quotes; "
            "put the cell in double quotes or remove the line break"
        )
    return _("the row cannot be read as CSV: {error}").format(error=text)


# ---------------------------------------------------------------- XLSX


def _open_workbook(path: Path, sheet: str | None) -> Sheet:
    """Guard, then read: an .xlsx/.xlsm read by calamine in slices (`xlsx_slices`: the
    first rows at once, memory about a slice's), unless that reader declines the sheet;
    every other workbook (.xls, .ods), and a declined sheet, read by calamine whole. Rows
    are `absolute`. Every refusal of `workbook_guard` comes before any row, whichever
    reader reads (`workbook_guard.guarding` orders them): the slices run the guard's
    checks as they reach each part, calamine whole reads after them all."""
    from mediate.intake.workbook_guard import guarding

    suffix = path.suffix.lower()
    sliced = None
    with guarding(path) as guard:
        if guard is not None and suffix in SLICED_SUFFIXES:
            from mediate.intake.xlsx_slices import open_slices

            with calamine_errors(path):
                sliced = open_slices(path, sheet, guard)
    if sliced is not None:  # its grid bounded by the guard (farthest row, column)
        sliced_rows = sliced.rows

        def in_slices() -> Iterator[tuple[int, list[object]]]:
            with calamine_errors(path):
                yield from sliced_rows

        return Sheet(
            path=path,
            format="xlsx",
            rows=in_slices(),
            total=sliced.last_row,
            sheet_name=sliced.name,
        )
    chosen = calamine_sheet(path, sheet, guarded=True)
    formulas: dict[int, dict[int, str]] = {}
    if suffix in OPENXML_SUFFIXES:  # formula cells without a saved value: rows refused
        from mediate.intake.formulas import of_sheet

        with calamine_errors(path):  # a member calamine read but zipfile refuses (fuzzing)
            formulas = of_sheet(path, chosen.name)

    def rows() -> Iterator[tuple[int, list[object]]]:
        from mediate.intake.formulas import refused

        with calamine_errors(path):  # each row a new list: no copy needed
            start = chosen.start
            prefix: list[object] = [""] * start[1] if start else []
            numbered = enumerate(chosen.iter_rows(), start=1)
            given = ((n, absolute(c, prefix)) for n, c in numbered)
            yield from refused(given, formulas, first=1)

    return Sheet(path=path, format="xlsx", rows=rows(), total=chosen.height, sheet_name=chosen.name)


def stream_sheet(path: Path, sheet: str | None = None) -> Sheet | None:
    """An .xlsx/.xlsm sheet read in slices at once, before anything has checked the
    workbook as a whole (`xlsx_slices.stream_slices`): only for a reader whose rows are
    kept from anything lasting until `vouch_sheet` of the same file has said yes (the
    import's reader processes, `intake.worker.Streamed`). None: read it with `open_sheet`
    (it may be refused there). Its total is unknown (`vouch_sheet` tells it)."""
    if path.suffix.lower() not in SLICED_SUFFIXES or not path.is_file():
        return None
    from mediate.intake.xlsx_slices import NotStreamed, stream_slices

    streamed = stream_slices(path, sheet)
    if streamed is None:
        return None
    name, sliced_rows = streamed

    def in_slices() -> Iterator[tuple[int, list[object]]]:
        with calamine_errors(path, passing=NotStreamed):
            yield from sliced_rows

    return Sheet(path=path, format="xlsx", rows=in_slices(), sheet_name=name)


def vouch_sheet(path: Path, sheet: str | None = None) -> int | None:
    """What `open_sheet` checks of an .xlsx/.xlsm before it gives a row — every refusal of
    `workbook_guard`'s, the sheet's CRC, whether its slices read as the whole sheet
    (`xlsx_slices.vouch`) — without reading a row: the sheet's last row when what
    `stream_sheet` reads of it is what `open_sheet` gives; None when `open_sheet` reads it
    otherwise (read it with `open_sheet`). Raises what `open_sheet` raises first."""
    from mediate.intake.workbook_guard import guarding
    from mediate.intake.xlsx_slices import vouch

    check_kind(path)
    with guarding(path) as guard:
        if guard is None or path.suffix.lower() not in SLICED_SUFFIXES:
            return None
        with calamine_errors(path):
            return vouch(path, sheet, guard)


def absolute(cells: list[object], prefix: list[object]) -> list[object]:
    """A row as calamine gives it (from its range's first column, padded to its width)
    made absolute: index 0 is column A (`prefix`: an empty cell for each column before the
    range), trailing empty cells dropped. `cells` is changed when `prefix` is empty."""
    if prefix:
        cells = prefix + cells
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def is_rust_panic(exc: BaseException) -> bool:
    """A Rust panic inside python-calamine, raised by PyO3 as `pyo3_runtime.PanicException`:
    a BaseException (not an Exception), and not importable from any module."""
    kind = type(exc)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


@contextmanager
def calamine_errors(
    path: Path, passing: type[Exception] | tuple[type[Exception], ...] = ()
) -> Iterator[None]:
    """Whatever calamine raises while opening or reading `path` — its own errors for a
    damaged file, or a panic of its Rust code on a malformed one — becomes a
    ValidationError naming the file (exit 1), why in the clerk's words
    (`workbook_guard.unreadable`); `passing` goes on as it is."""
    try:
        yield
    except ValidationError:
        raise
    except passing:
        raise
    except BaseException as exc:
        if not isinstance(exc, Exception) and not is_rust_panic(exc):
            raise  # Ctrl-C, SystemExit
        from mediate.intake.workbook_guard import unreadable

        raise unreadable(path, exc) from exc


def calamine_sheet(path: Path, sheet: str | None = None, *, guarded: bool = False) -> Any:
    """The named (or first) sheet of a workbook, read by python-calamine once the file has
    passed `workbook_guard`; any error of calamine's (a damaged file, a sheet listed but
    missing, a panic) is a ValidationError naming the file."""
    import python_calamine

    from mediate.intake.workbook_guard import check_sheet_size, check_workbook

    if not guarded:
        check_kind(path)
        check_workbook(path)
    with calamine_errors(path):
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        if sheet is None or sheet in names:
            chosen = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
            check_sheet_size(path, chosen)
            return chosen
    raise ValidationError(
        _("no sheet named {sheet} (sheets: {names})").format(sheet=sheet, names=", ".join(names)),
        where=str(path),
    )


def is_blank(cells: list[object]) -> bool:
    """No cell holds anything but spaces. Asked of every row, and a row with data says no
    at its first cell: a loop, not a generator to build first."""
    for cell in cells:
        if cell is not None and not (isinstance(cell, str) and not cell.strip()):
            return False
    return True
