"""Issue #12: random bytes and random cells fed to `mediate import` (CSV and XLSX).

Whatever the file holds, the import ends in exit 0 (all in) or 1 (something refused, said
why) — never 3 ("unexpected", a bug) — and the SQLite database afterwards passes
`PRAGMA integrity_check`. Bounded examples, no deadline: a few seconds in CI.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import invoke
from tests.data.attacks.make import REFERRAL_HEADER, referral_row

FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: CI stays reproducible
)
HEADER = REFERRAL_HEADER.split(",")

# Cells an attacker or a careless export would put in: control characters, formula
# triggers, full-width digits, huge and negative numbers, very long text.
_NASTY = st.sampled_from(
    ["", "\x00", "\x0b", "\r", "\r\n", "=1+1", "@SUM(A1)", "-", "１２３", "9" * 40, "1e17",
     "黄" * 300, "(2026)豫0803民诉前调1号", "2026-02-30", "410803199001018086", "\ufeff"]
)  # fmt: skip
CELL = st.one_of(_NASTY, st.text(max_size=40), st.text(alphabet="0123456789.,-万元", max_size=20))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    url = f"sqlite:///{path}"
    result = invoke(["--db", url, "init"])
    assert result.exit_code == 0, result.output
    return url, path


def _import_and_check(db: tuple[str, Path], file: Path) -> None:
    url, path = db
    result = invoke(["--db", url, "import", str(file), "--errors", str(file) + ".errors.csv"])
    assert result.exit_code in (0, 1), result.output
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@FUZZ
@given(data=st.binary(max_size=3000), with_header=st.booleans())
def test_random_bytes_as_csv_never_end_in_an_unexpected_error(db, tmp_path, data, with_header):
    file = tmp_path / "random.csv"
    file.write_bytes((REFERRAL_HEADER.encode("gb18030") + b"\n" if with_header else b"") + data)
    _import_and_check(db, file)


ROWS = st.lists(
    st.tuples(st.integers(2, 9), st.lists(st.tuples(st.sampled_from(range(18)), CELL), max_size=4)),
    min_size=1,
    max_size=6,
)


def _rows(rows: list[tuple[int, list[tuple[int, str]]]]) -> list[list[str]]:
    """Good referral rows with some cells replaced by random ones."""
    table = []
    for number, changes in rows:
        cells = next(csv.reader(io.StringIO(referral_row(number))))
        for column, value in changes:
            cells[column] = value
        table.append(cells)
    return table


@FUZZ
@given(
    rows=ROWS,
    delimiter=st.sampled_from([",", "\t", ";"]),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_random_cells_in_a_csv_never_end_in_an_unexpected_error(
    db, tmp_path, rows, delimiter, encoding
):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADER, *_rows(rows)])
    file = tmp_path / "cells.csv"
    file.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    _import_and_check(db, file)


XLSX_CELL = st.one_of(
    CELL,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)


@FUZZ
@given(rows=st.lists(st.lists(XLSX_CELL, max_size=20), min_size=1, max_size=6))
def test_random_cells_in_a_workbook_never_end_in_an_unexpected_error(db, tmp_path, rows):
    from openpyxl import Workbook

    from mediate.cells import xlsx_row

    book = Workbook(write_only=True)
    sheet = book.create_sheet("委托调解")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    file = tmp_path / "cells.xlsx"
    book.save(file)
    _import_and_check(db, file)


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_a_damaged_workbook_never_ends_in_an_unexpected_error(db, tmp_path, flips):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("委托调解")
    sheet.append(HEADER)
    sheet.append(next(csv.reader(io.StringIO(referral_row(500)))))
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    for at, value in flips:
        data[at % len(data)] = value
    file = tmp_path / "damaged.xlsx"
    file.write_bytes(bytes(data))
    _import_and_check(db, file)
