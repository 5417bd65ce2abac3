"""Cells the tool writes to spreadsheets: never a formula, whatever the data says.

A party's name, a note or a cell of a court's spreadsheet is typed by someone else. When
the tool writes it back out (`export`, `case list --csv`, `report --csv/--xlsx`,
`import --errors`) a spreadsheet program must show it, not run it: `=HYPERLINK(...)`,
`+cmd|'/c calc'!A1`, `@SUM(...)` (CSV injection, OWASP). Every writer goes through these
two functions:

- CSV: text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single
  quote in front, as OWASP recommends (the csv module already quotes and doubles `"`).
  Numbers stay numbers: a value that is a number (a Decimal, or text that is only a
  number such as `-500`) is written as it is — it cannot be a formula. A carriage return
  inside text becomes a line feed (unquoted, it would end the row).
- XLSX: text is written as an inline string cell (`t="inlineStr"`), never as a formula
  (openpyxl makes any string beginning with `=` a formula unless told otherwise), without
  the characters XML cannot hold and within Excel's 32,767 characters per cell.

The import strips that quote again (`intake.values.clean_text`), so an `--errors` file
imports back as it was read.

Column letters and numbers (`column_letters`, `column_number`) are here too, for every
reader and writer of cell references.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
XLSX_CELL_LIMIT = 32_767
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c]")
# The text-direction controls and zero-width characters (`intake.text.bidi_controls`,
# `zero_width`): a U+202E stored before they were refused would turn a name round in
# the document (CVE-2021-42574); dropped like what XML refuses.
_INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def column_letters(index: int) -> str:
    """Spreadsheet column letters of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: bytes) -> int:
    """The 1-based number of column letters as a sheet's XML writes them, in either case
    (b"A" → 1, b"aa" → 27)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def xml_text(text: str) -> str:
    """Text an XML document (XLSX, DOCX) can hold: Word's vertical-tab line break and other
    line breaks as "\n", the characters XML 1.0 refuses dropped. Data is screened when it
    comes in (`intake.values.screen_text`); this guards what was stored before that.
    Text-direction controls and zero-width characters are dropped too."""
    if text.isprintable():
        return text
    return _INVISIBLE.sub("", _XML_ILLEGAL.sub("", _XML_LINE_BREAKS.sub("\n", text)))


def neutralised(text: str) -> str:
    """`text` as a spreadsheet program shows it instead of evaluating it."""
    if text.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(text):
        return QUOTE + text
    return text


def csv_cell(value: Any) -> Any:
    """One value for csv.writer: None empty, numbers as they are, dates ISO, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    # A carriage return inside a field is not quoted by csv.writer with "\n" line ends,
    # so it would split the row: a line break inside a cell is "\n".
    return neutralised(str(value)).replace("\r\n", "\n").replace("\r", "\n")


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """One value for openpyxl's `append` on `sheet`: text as a typed string cell."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.isoformat()  # Excel has no time zones
    elif isinstance(value, dt.date | dt.datetime):
        return value
    from openpyxl.cell.cell import Cell

    text = xml_text(str(value))[:XLSX_CELL_LIMIT]
    cell = Cell(sheet, row=1, column=1)  # placed by `append`
    cell._value = text  # set directly: assigning `.value` would type "=…" as a formula
    cell.data_type = "s"
    return cell


# Money columns (yuan, DESIGN §2: Decimal, 2 places): shown with two decimals and grouping
# in every workbook the tool writes, not as General (52000.5).
MONEY_KEYS = frozenset({"amount"})
MONEY_FORMAT = "#,##0.00"


def xlsx_row(sheet: Any, values: Any, money: Collection[int] = ()) -> list[Any]:
    """A row for `sheet.append`; the cells at the indexes in `money` as amounts of money."""
    cells = [xlsx_cell(sheet, v) for v in values]
    for index in money:
        if isinstance(cells[index], int | float | Decimal) and not isinstance(cells[index], bool):
            from openpyxl.cell.cell import Cell

            cell = Cell(sheet, row=1, column=1, value=cells[index])
            cell.number_format = MONEY_FORMAT
            cells[index] = cell
    return cells


def money_columns(keys: Sequence[str]) -> list[int]:
    """The indexes of the money columns among a row's keys."""
    return [i for i, key in enumerate(keys) if key in MONEY_KEYS]


def stamp_workbook(book: Any, title: str) -> None:
    """A workbook's properties as the tool's (title, author mediate, created now by
    `mediate.clock`), not openpyxl's defaults (creator "openpyxl")."""
    from mediate import clock

    moment = clock.now().astimezone(dt.UTC).replace(tzinfo=None)  # openpyxl writes it as UTC
    props = book.properties
    props.title, props.creator, props.lastModifiedBy = title, "mediate", "mediate"
    props.created = props.modified = moment
