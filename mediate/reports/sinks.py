"""Streaming output for exports: CSV, JSON or XLSX, to a file (written whole or not at
all: a `.partial` file renamed at the end) or to stdout. Cells go through `mediate.cells`
(never a formula)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from mediate.cells import money_columns, stamp_workbook, xlsx_row
from mediate.errors import BadOptionValue, shown
from mediate.files import replacing
from mediate.i18n import _

FORMATS = ("csv", "json", "xlsx")


def choose_format(fmt: str | None, target: Path | None, formats: tuple[str, ...] = FORMATS) -> str:
    """--format, else the file's suffix (`files.format_by_suffix`: one of `formats`, a
    name without one is CSV, any other suffix a usage error), else CSV on stdout."""
    if fmt is None:
        from mediate.files import format_by_suffix

        taken = {f".{name}": name for name in formats}
        fmt = format_by_suffix(target, taken, "csv", "--output", True) if target else "csv"
    fmt = fmt.strip().lower() if fmt.strip().lower() in FORMATS else fmt
    if fmt not in FORMATS:
        raise BadOptionValue(
            "--format",
            _("'{fmt}' is not an export format; use csv, json or xlsx.").format(fmt=shown(fmt)),
        )
    named = {f".{name}": name for name in FORMATS}.get(target.suffix.lower()) if target else None
    if named and named != fmt:  # `-f xlsx -o ex.csv` wrote an XLSX file under a .csv name
        raise BadOptionValue(
            "--format",
            _(
                "{fmt} does not match the file name {name}: end the name in .{fmt}, "
                "or leave out --format."
            ).format(fmt=fmt, name=shown(target.name) if target else ""),
        )
    if fmt == "xlsx" and target is None:
        raise BadOptionValue("--output", _("An XLSX export needs a file: add -o FILE.xlsx."))
    return fmt


@contextmanager
def text_output(target: Path | None) -> Iterator[IO[str]]:
    if target is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with (
        replacing(target.resolve()) as partial,
        partial.open("w", encoding="utf-8", newline="") as fh,
    ):
        yield fh


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is not None and not isinstance(value, str | int | float | bool | dict | list):
        return str(value)
    return value


def write_rows(
    fmt: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    target: Path | None,
    raw: bool = False,
    places: Mapping[str, str] | None = None,
    sheet_title: str = "",
) -> int:
    """Flat rows in CSV or XLSX, or JSON (an array of objects, stored codes). For people, a
    CSV or XLSX has labelled headers and closed-set values by label (a CSV with the UTF-8
    byte-order mark Excel needs), a place at a division of the deployment's own named by
    `places` (code -> name), as `case show` names it; `raw`: column keys and stored codes.
    An XLSX has one sheet, `sheet_title` (also the workbook's title), money as money."""
    from mediate.domain.events import column_header, value_label

    count = 0
    if fmt == "xlsx":
        assert target is not None
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        stamp_workbook(book, sheet_title)
        sheet = book.create_sheet(sheet_title[:31] or None)
        money = money_columns(columns)
        sheet.append(xlsx_row(sheet, list(columns) if raw else [column_header(k) for k in columns]))
        for row in rows:
            cells = [_plain(v) if hasattr(v, "isoformat") else v for v in row]
            if not raw:
                cells = [
                    value_label(k, v, places=places) if isinstance(v, str | list) and v else v
                    for k, v in zip(columns, cells, strict=True)
                ]
            sheet.append(xlsx_row(sheet, cells, money))
            count += 1
        with replacing(target.resolve()) as partial:
            book.save(partial)
        return count
    with text_output(target) as out:
        if fmt == "csv":
            from mediate.reports.tabular import write_rows_csv

            plain = ([_plain(v) for v in row] for row in rows)
            count = write_rows_csv(columns, plain, out, raw, places)
        else:
            out.write("[")
            for row in rows:
                record = {k: _jsonable(v) for k, v in zip(columns, row, strict=True)}
                out.write(
                    ("\n  " if count == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False)
                )
                count += 1
            out.write("\n]\n" if count else "]\n")
    return count


def write_json_document(
    head: dict[str, Any], key: str, records: Iterable[dict[str, Any]], target: Path | None
) -> int:
    """{...head, key: [records…]} written record by record."""
    count = 0
    with text_output(target) as out:
        opening = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
        out.write(opening + (",\n" if head else "\n") + f'  "{key}": [')
        for record in records:
            text = json.dumps(record, ensure_ascii=False)
            out.write(("\n    " if count == 0 else ",\n    ") + text)
            count += 1
        out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count
