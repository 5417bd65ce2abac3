"""A referral file's rows as what each one is: blank, no case, rejected, a repeat, or a case.

Everything an import decides about a row from the file alone: the header row found
(`find_header`), blank rows, totals and notes (`not_a_case`), the validation
(`read_row`), the natural key and fingerprint, and a row that repeats an earlier row of the
same file. What needs the database (a case already stored, routing, courts' full names,
writes) is the importing process's (`services/intake.py`). The same code runs in the
importing process or, for a big file, in a reader process of its own
(`mediate.intake.worker`), so both give the same outcomes in the same order.

An outcome is a tuple whose first item says what it is (one per row read, in file order):

    (BLANK, row)
    (SKIPPED, row, why)                        no case: "total", "note", "header"
    (REJECTED, row, cells, problems)           cells as read, for the --errors file
    (REPEATED, row, label)                     the same referral as an earlier row
    (CASE, row, case, key, intake_key, notes, warnings, legacy_key)
                                               notes: tuple of Problem, usually empty;
                                               warnings: `intake_warnings`, usually empty;
                                               legacy_key: `keys.legacy_key`, usually None
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import Any

from mediate import clock
from mediate.domain.model import CaseInput, Source
from mediate.domain.parties import guardian_warnings, trade_name_warnings
from mediate.errors import ValidationError
from mediate.i18n import _
from mediate.intake.columns import ColumnMap, build_column_map, looks_like_header, not_a_case
from mediate.intake.keys import describe, legacy_key, natural_key
from mediate.intake.readers import Sheet, UnreadableRow, is_blank
from mediate.intake.rows import RowDefaults, read_row
from mediate.intake.validate import Problem

BLANK, SKIPPED, REJECTED, REPEATED, CASE = range(5)
HEADER_ROWS = 10  # the header is looked for in the first rows only
_MASK64 = (1 << 64) - 1

Outcome = tuple[Any, ...]


def find_header(
    sheet: Sheet, mapping: dict[str, str] | None
) -> tuple[int, list[object], ColumnMap]:
    """The header row (its number and cells) and the columns it names, read off the
    front of `sheet.rows` (the rows after it are left to read)."""
    for number, cells in sheet.rows:
        if is_blank(cells):
            continue
        if looks_like_header(cells, mapping):
            try:
                return number, cells, build_column_map(number, cells, mapping)
            except ValidationError as exc:  # name the file as well as the row
                raise ValidationError(
                    exc.reason,
                    where=_("{file}, row {row}").format(file=sheet.path.name, row=number),
                ) from None
        if number >= HEADER_ROWS:
            break
    raise ValidationError(
        _("no header row found in the first rows (expected 案号, 案由, 申请人…)"),
        where=str(sheet.path),
    )


class RowStream:
    """The outcomes of a file's data rows (see the module's docstring)."""

    def __init__(
        self, columns: ColumnMap, mapping: dict[str, str] | None, defaults: RowDefaults
    ) -> None:
        self.columns = columns
        self.mapping = mapping
        self.defaults = defaults
        # hash of a case number -> (row << 64) | fingerprint: one small int per row, so memory
        # stays nearly flat over a 100k-row file (two numbers sharing a 64-bit hash: ~1e-9)
        self.seen: dict[int, int] = {}

    def outcomes(self, rows: Iterable[tuple[int, list[object]]]) -> Iterator[Outcome]:
        columns, mapping = self.columns, self.mapping
        read = frozenset(columns.index.values())
        for number, cells in rows:
            if isinstance(cells, UnreadableRow):
                if cells.columns is None or cells.columns & read:
                    yield (REJECTED, number, cells, [Problem("", cells.reason)])
                    continue
                cells = list(cells)  # unreadable only in columns the import ignores
            if is_blank(cells):
                yield (BLANK, number)
            else:
                why = not_a_case(cells, columns, mapping)
                if why is not None:
                    yield (SKIPPED, number, why)
                else:
                    yield self._take(number, cells)

    def _take(self, number: int, cells: list[object]) -> Outcome:
        """The row's case, or why it is none: rejected, or the same as an earlier row."""
        columns = self.columns
        result = read_row(number, cells, columns, self.defaults)
        if result.case is None:
            return (REJECTED, number, cells, result.problems)
        case = result.case
        case_no = case.court_case_no
        intake_key = None if case_no else natural_key(case)
        key_text = case_no or intake_key or ""
        key, fingerprint = hash(key_text), fingerprint_of(case) & _MASK64
        earlier = self.seen.get(key)
        if earlier is not None:
            if earlier & _MASK64 == fingerprint:
                return (REPEATED, number, case_no or describe(case))
            if case_no:
                message = _("the case number {no} is used in row {row} with different data")
                problem = Problem(
                    columns.label("case_no"), message.format(no=case_no, row=earlier >> 64)
                )
            else:
                message = _(
                    "row {row} has the same referral (court, date received, cause, parties) "
                    "with different data"
                )
                problem = Problem("", message.format(row=earlier >> 64))
            return (REJECTED, number, cells, [problem])
        self.seen[key] = (number << 64) | fingerprint
        notes: tuple[Problem, ...] = ()  # nearly every row has none: no list made for it
        if case_no is None and case.source is Source.COURT_ENTRUSTED:
            notes = (
                Problem(
                    columns.label("case_no"),
                    _(
                        "a court-entrusted case (委托, after filing) has a case number; "
                        "imported without one, recognised by court, date, cause and parties"
                    ),
                ),
            )
        if result.notes:
            notes += tuple(result.notes)
        # a blank 收案日期's key before 2026-12-03, with the court as written (intake/keys.py)
        legacy = None if case_no else legacy_key(case)
        return (CASE, number, case, key_text, intake_key, notes, intake_warnings(case), legacy)


def intake_warnings(case: CaseInput) -> tuple[str, ...]:
    """What the clerk should fix before the papers are drawn up, added to the case's routing
    decision: a minor with no 法定代理人 (checked on the day received; the agreement comes
    later), and what intake decided for them (a 委派 source with a filed case's number is
    委托), and a natural person whose name reads as a 字号 (民诉法解释 art. 59: record it as a
    个体工商户 with its operator). From the case alone, so a reader process works it out for
    the importing one."""
    on = case.received_on or clock.today()
    parties = case.parties
    return (*case.notices, *guardian_warnings(parties, on), *trade_name_warnings(parties))


def fingerprint_of(case: CaseInput) -> int:
    """The same dispute however it was written (5.2万元 or 52,000; full-width or not): its
    cause, amount, source, date received and place, and its parties' role, kind, name, ID
    number and phone, in one flat tuple (five values a party) built in C. The amount by its
    text: intake quantizes every amount to the fen (`values.parse_amount`, the lean path
    alike), so equal amounts read alike, and a fresh Decimal's own hash costs some 4 µs,
    more than the rest of the row's fingerprint; the enums by their values (Enum's hash is
    a Python call). Python's salted `hash`: compared only within one process's run."""
    amount = case.amount
    return hash((*_WHAT(case), None if amount is None else str(amount), *map(_WHO, case.parties)))


_WHAT = attrgetter("cause", "source._value_", "received_on", "location")  # for `fingerprint_of`
_WHO = attrgetter("role._value_", "kind._value_", "name", "id_number", "phone")  # of a party
