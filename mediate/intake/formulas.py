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
path (`readers`) on the sheet's part.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from mediate.i18n import _

# A cell holding a formula: its attributes and its content (not a self-closing cell: its
# `>` would lead into the next cell's content); its reference is read from the attributes,
# in whatever order and quotes they are written (`<c s="1" r='A1'>`), as calamine reads it.
_FORMULA_CELL = re.compile(
    rb"<c\b([^>]*?)(?<!/)>"
    rb"((?:(?!</c>|<c[\s>/]).)*?<f[\s>/](?:(?!</c>).)*)</c>",
    re.S,
)
_REFERENCE = re.compile(rb"""(?<![\w.:-])r\s*=\s*["']([A-Za-z]+)([0-9]+)["']""")
_FORMULA_TEXT = re.compile(rb"<f\b[^>]*>(.*?)</f>", re.S)
_VALUE = re.compile(rb"<v\b[^>]*>(.*?)</v>", re.S)
_STRING_RESULT = re.compile(rb'\st="str"')
_CHUNK = 1 << 20


def uncached(xml: bytes) -> dict[int, dict[int, str]]:
    """row number -> {column index (0 = A): the formula as written, `=` first} for each
    formula cell of `xml` (a sheet's rows, whole) without a saved value."""
    found: dict[int, dict[int, str]] = {}
    if b"<f" not in xml:
        return found
    for match in _FORMULA_CELL.finditer(xml):
        attributes, content = match.groups()
        reference = _REFERENCE.search(attributes)
        if reference is None:
            continue  # (no `r`: calamine places it by counting; sliced sheets always have r)
        letters, row = reference.groups()
        value = _VALUE.search(content)
        if value and (value.group(1).strip() or _STRING_RESULT.search(attributes)):
            continue
        text = _FORMULA_TEXT.search(content)
        formula = html.unescape(text.group(1).decode("utf-8", "replace")) if text else ""
        found.setdefault(int(row), {})[_column(letters)] = "=" + formula
    return found


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number - 1


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def refused(
    rows: Iterable[tuple[int, list[object]]], found: dict[int, dict[int, str]]
) -> Iterator[tuple[int, list[object]]]:
    """`rows` (numbered, rising) with each row of `found` given as an UnreadableRow: its
    reason names the cells and formulas, its cells hold the formulas as text. A row that
    holds nothing but such formulas (calamine gives no row for it) is given in its place."""
    if not found:
        yield from rows
        return
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
    reasons = [
        reason.format(cell=f"{_letters(index)}{number}", formula=formula)
        for index, formula in sorted(formulas.items())
    ]
    row = UnreadableRow.of_workbook(_("; ").join(reasons))
    row.extend(cells)
    width = max(formulas) + 1
    if len(row) < width:
        row.extend([""] * (width - len(row)))
    for index, formula in formulas.items():
        row[index] = formula
    return row


def of_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[int, dict[int, str]]:
    """`uncached` over a sheet part, read a few rows' worth at a time."""
    found: dict[int, dict[int, str]] = {}
    buf = b""
    with archive.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            buf += chunk
            end = len(buf) if not chunk else buf.rfind(b"</c>") + len(b"</c>")
            if end >= len(b"</c>") or not chunk:
                for row, cells in uncached(buf[:end]).items():
                    found.setdefault(row, {}).update(cells)
                buf = buf[end:]
            if not chunk:
                return found


def of_sheet(path: Path, name: str) -> dict[int, dict[int, str]]:
    """`uncached` of the worksheet `name` of the .xlsx/.xlsm at `path` (already checked by
    `workbook_guard`); nothing when its part cannot be found as calamine finds it."""
    from mediate.intake.xlsx_slices import find_sheet

    try:
        with zipfile.ZipFile(path) as archive:
            _name, _folder, info, _1904, _member = find_sheet(path, archive, name)
            return of_part(archive, info)
    except Exception:  # calamine read the sheet; what this cannot find it cannot check
        return {}
