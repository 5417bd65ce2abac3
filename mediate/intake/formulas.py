"""Formula cells of an .xlsx/.xlsm sheet that carry no computed value.

calamine gives a formula cell's cached value (`<v>`), the result the spreadsheet program
saved; a workbook written by a program that does not compute (openpyxl, a script, an
export) saves the formula with an empty or no `<v>`, and calamine gives an empty cell:
the amount `=A1*2` would be imported as no amount, `=cmd|' /C calc'!A0` in 申请人 as no
applicant, without a word. Such a row is refused here, naming the cell and the formula,
and its cells (the formula as text) go to the `--errors` file, where `mediate.cells`
writes them as text, never as a live formula. A formula with its saved value is read as
that value (what the clerk sees in the spreadsheet); one whose saved text result is empty
(`t="str"`, `<v></v>`: a formula that gives "") is an empty cell, as calamine reads it.

Both readers of an .xlsx use this: `xlsx_slices` on each slice's XML, and the whole-sheet
path (`readers`) on the sheet's part. Elements are found with any namespace prefix
(`<x:c r="A2"><x:f>A1*2</x:f></x:c>`, as OpenXML SDK exports write; calamine reads them by
their local names, and such a sheet is read whole: the slices decline prefixes). A shared
formula's other cells (`<f t="shared" si="0"/>`, no text) are named with the text of its
first cell, moved as a spreadsheet program moves it, when that cell was read first.

A cell holding an error value (`t="e"`: `#DIV/0!`, `#N/A`, `#REF!` …, a formula's saved
result or typed) is given by calamine as an empty cell too: an amount `=1/0` would be
imported as no amount, `#N/A` in 被申请人 as no respondent. Such a row is refused the same
way, naming the cell and the error value (a CSV cell "#DIV/0!" is refused as no amount).
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.parsers import expat

from mediate.cells import column_letters, column_number
from mediate.errors import ValidationError
from mediate.i18n import _

# An element's name with any namespace prefix (`<c`, `<x:c`): group `p` is the prefix and
# its colon, or nothing, so that the end tag is looked for with the same one (`</x:c>`).
_PREFIX = rb"(?P<p>(?:[A-Za-z_][\w.-]*:)?)"
_ANY_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# A cell holding a formula: its attributes and its content (not a self-closing cell: its
# `>` would lead into the next cell's content); its reference is read from the attributes,
# in whatever order and quotes they are written (`<c s="1" r='A1'>`), as calamine reads it.
# The name ends at a space, `>` or `/` (`<x:c` is a cell, `<x:col`, `<x:cfRule` are not).
_FORMULA_CELL = re.compile(
    rb"<" + _PREFIX + rb"c(?=[\s>/])([^>]*?)(?<!/)>"
    rb"((?:(?!</(?P=p)c>|<" + _ANY_PREFIX + rb"c[\s>/]).)*?"
    rb"<" + _ANY_PREFIX + rb"f[\s>/](?:(?!</(?P=p)c>).)*)</(?P=p)c>",
    re.S,
)
_REFERENCE = re.compile(rb"""(?<![\w.:-])r\s*=\s*["']([A-Za-z]+)([0-9]+)["']""")
# the formula element: its attributes, then its text (None when it is self-closing)
_FORMULA = re.compile(rb"<" + _PREFIX + rb"f(?=[\s>/])([^>]*?)(?:/>|>(.*?)</(?P=p)f>)", re.S)
_VALUE = re.compile(rb"<" + _PREFIX + rb"v(?=[\s>/])[^>]*?(?<!/)>(.*?)</(?P=p)v>", re.S)
_STRING_RESULT = re.compile(rb'\st="str"')
# a cell of type error (`t="e"`), with its content: the saved error value, a formula or not
_ERROR_CELL = re.compile(
    rb"<" + _PREFIX + rb"c(?=[\s>/])([^>]*?(?<![\w.:-])t\s*=\s*[\"']e[\"'][^>]*?)(?<!/)>"
    rb"((?:(?!</(?P=p)c>|<" + _ANY_PREFIX + rb"c[\s>/]).)*)</(?P=p)c>",
    re.S,
)
_SHARED = re.compile(rb"""(?<![\w.:-])t\s*=\s*["']shared["']""")
_SHARED_INDEX = re.compile(rb"""(?<![\w.:-])si\s*=\s*["']([0-9]+)["']""")
_CELL_END = re.compile(rb"</" + _ANY_PREFIX + rb"c>\Z")
_CHUNK = 1 << 20
SHARED_UNKNOWN = ""
"""The formula `uncached` gives for a cell of a shared formula whose first cell (holding the
text) it did not read."""

Shared = dict[bytes, tuple[str, str]]  # shared formula index -> (its first cell, its text)


class CellError(str):
    """An error value saved in a cell (`#DIV/0!`), as `uncached` gives it in place of a
    formula: calamine reads the cell as empty."""


def suspect(xml: bytes) -> bool:
    """Whether `xml` (sheet rows) may hold a cell `uncached` finds: a formula or an error
    value (a quick look: most slices have neither)."""
    return b"<f" in xml or b":f" in xml or b'"e"' in xml or b"'e'" in xml


def uncached(xml: bytes, shared: Shared | None = None) -> dict[int, dict[int, str]]:
    """row number -> {column index (0 = A): the formula as written, `=` first} for each
    formula cell of `xml` (a sheet's rows, whole) without a saved value; a shared formula's
    cell gets its first cell's text moved to it, or `SHARED_UNKNOWN` when that cell is not
    in `xml` nor in `shared` (the first cells read before, kept there for the next call)."""
    found: dict[int, dict[int, str]] = {}
    if not suspect(xml):
        return found
    shared = {} if shared is None else shared
    if b'"e"' in xml or b"'e'" in xml:
        _errors(xml, found)
    if b"<f" not in xml and b":f" not in xml:
        return found
    for match in _FORMULA_CELL.finditer(xml):
        attributes, content = match.group(2, 3)
        reference = _REFERENCE.search(attributes)
        if reference is None:
            continue  # (no `r`: calamine places it by counting; sliced sheets always have r)
        letters, row = reference.groups()
        formula = _FORMULA.search(content)
        tag, text = formula.group(2, 3) if formula else (b"", None)
        is_shared = _SHARED.search(tag) is not None
        index = _SHARED_INDEX.search(tag)
        if is_shared and index and text:  # a shared formula's first cell: its text, for all
            shared[index.group(1)] = (letters.decode() + row.decode(), _decoded(text))
        value = _VALUE.search(content)
        if value and (value.group(2).strip() or _STRING_RESULT.search(attributes)):
            continue  # (an error value saved: `_errors` found it)
        if is_shared and not text:
            written = _moved(shared, index.group(1) if index else None, letters + row)
        else:
            written = "=" + (_decoded(text) if text else "")
        found.setdefault(int(row), {})[column_number(letters) - 1] = written
    return found


def _errors(xml: bytes, found: dict[int, dict[int, str]]) -> None:
    """The cells of `xml` holding an error value, as `CellError`s into `found` (a cell of
    type error with no value is empty, for calamine and here)."""
    for match in _ERROR_CELL.finditer(xml):
        attributes, content = match.group(2, 3)
        reference = _REFERENCE.search(attributes)
        value = _VALUE.search(content)
        if reference is None or value is None or not value.group(2).strip():
            continue
        letters, row = reference.groups()
        error = CellError(_decoded(value.group(2).strip()))
        found.setdefault(int(row), {})[column_number(letters) - 1] = error


def _decoded(text: bytes) -> str:
    return html.unescape(text.decode("utf-8", "replace"))


def _moved(shared: Shared, index: bytes | None, reference: bytes) -> str:
    """The shared formula `index`, as it reads in the cell `reference` (openpyxl moves its
    relative references as a spreadsheet program does when the formula is filled)."""
    from openpyxl.formula.tokenizer import TokenizerError
    from openpyxl.formula.translate import Translator, TranslatorError

    if index is None or index not in shared:
        return SHARED_UNKNOWN
    origin, text = shared[index]
    try:
        return str(Translator("=" + text, origin=origin).translate_formula(reference.decode()))
    except (TokenizerError, TranslatorError, ValueError, IndexError):  # `)` alone
        return SHARED_UNKNOWN


def refused(
    rows: Iterable[tuple[int, list[object]]],
    found: dict[int, dict[int, str]],
    first: int | None = None,
) -> Iterator[tuple[int, list[object]]]:
    """`rows` (numbered, rising) with each row of `found` given as an UnreadableRow: its
    reason names the cells and formulas, its cells hold the formulas as text. A row that
    holds nothing but such formulas (calamine gives no row for it) is given in its place,
    and the rows between it and the others as empty rows, as calamine gives a gap: from
    `first` when it is given (the sheet read whole: calamine's rows count from row 1),
    else from the first row given."""
    if not found:
        yield from rows
        return
    following = first
    for number, cells in _merged(rows, found):
        while following is not None and following < number:
            yield following, []
            following += 1
        yield number, cells
        following = number + 1


def _merged(
    rows: Iterable[tuple[int, list[object]]], found: dict[int, dict[int, str]]
) -> Iterator[tuple[int, list[object]]]:
    left = sorted(found)
    for number, cells in rows:
        while left and left[0] < number:
            row = left.pop(0)
            yield row, _refused([], found[row], row)
        if left and left[0] == number:
            left.pop(0)
            yield number, _refused(cells, found[number], number)
        else:
            yield number, cells
    for row in left:
        yield row, _refused([], found[row], row)


def _refused(cells: list[object], formulas: dict[int, str], number: int) -> list[object]:
    from mediate.intake.readers import UnreadableRow

    reason = _(
        "cell {cell} is a formula with no saved result ({formula}): open the file in a "
        "spreadsheet program and save it, or paste the column as values"
    )
    shared = _(
        "cell {cell} is a shared formula (its text is written only in the first cell it was "
        "copied from) with no saved result: open the file in a spreadsheet program and save "
        "it, or paste the column as values"
    )
    error = _(
        "cell {cell} holds the error value {formula} (a formula that failed, or an error "
        "typed in): correct the cell in the spreadsheet and save it"
    )
    reasons = [
        (
            error
            if isinstance(formula, CellError)
            else shared
            if formula == SHARED_UNKNOWN
            else reason
        ).format(cell=f"{column_letters(index)}{number}", formula=formula)
        for index, formula in sorted(formulas.items())
    ]
    row = UnreadableRow.of_workbook(_("; ").join(reasons))
    row.columns = frozenset(formulas)
    row.extend(cells)
    width = max(formulas) + 1
    if len(row) < width:
        row.extend([""] * (width - len(row)))
    for index, formula in formulas.items():
        if formula != SHARED_UNKNOWN:
            row[index] = formula
    return row


def of_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[int, dict[int, str]]:
    """`uncached` over a sheet part, read a few rows' worth at a time."""
    found: dict[int, dict[int, str]] = {}
    shared: Shared = {}
    buf = b""
    with archive.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            buf += chunk
            end = _last_cell_end(buf) if chunk else len(buf)
            if end:
                for row, cells in uncached(buf[:end], shared).items():
                    found.setdefault(row, {}).update(cells)
                buf = buf[end:]
            if not chunk:
                return found


def _last_cell_end(buf: bytes) -> int:
    """Where the last cell's end tag (`</c>`, `</x:c>`) in `buf` ends; 0 when none does."""
    at = len(buf)
    while (at := buf.rfind(b"c>", 0, at)) > 0:
        if buf[at - 1 : at] == b"/" and buf[at - 2 : at - 1] == b"<":
            return at + 2
        if buf[at - 1 : at] == b":" and _CELL_END.search(buf[max(0, at - 256) : at + 2]):
            return at + 2
    return 0


def _unchecked(path: Path, info: zipfile.ZipInfo) -> ValidationError:
    return ValidationError(
        _(
            "the formulas of {part} cannot be checked for a saved result: the workbook is "
            "written in a way this tool does not read; open the file in a spreadsheet "
            "program and save it again"
        ).format(part=info.filename),
        where=str(path),
    )


def of_sheet(path: Path, name: str) -> dict[int, dict[int, str]]:
    """`uncached` of the worksheet `name` of the .xlsx/.xlsm at `path` (already checked by
    `workbook_guard`, read by calamine). Its part is found as `xlsx_slices` finds it; where
    that declines (a DOCTYPE, relationships not in UTF-8 …), the workbook's only worksheet
    part, or else every worksheet part: when one has a formula without a saved result the
    file is refused (ValidationError), not read with that formula as an empty cell."""
    from mediate.intake.workbook_guard import Unplain
    from mediate.intake.xlsx_slices import Declined, find_sheet

    with zipfile.ZipFile(path) as archive:
        try:
            info = find_sheet(path, archive, name)[2]
        except (Declined, Unplain, UnicodeDecodeError, expat.ExpatError, KeyError):
            return _of_any_sheet(path, archive)
        return of_part(archive, info)


_WORKSHEET_ROOT = re.compile(rb"<" + _ANY_PREFIX + rb"worksheet[\s>/]")


def _of_any_sheet(path: Path, archive: zipfile.ZipFile) -> dict[int, dict[int, str]]:
    """`of_sheet` when the sheet's part cannot be told: the worksheet parts' formulas."""
    sheets = [
        info
        for info in archive.infolist()
        if info.filename.lower().endswith(".xml") and _is_worksheet(archive, info)
    ]
    found = [(info, of_part(archive, info)) for info in sheets]
    if len(found) == 1:
        return found[0][1]
    for info, formulas in found:
        if formulas:
            raise _unchecked(path, info)
    return {}


def _is_worksheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as member:
        return _WORKSHEET_ROOT.search(member.read(4096)) is not None
