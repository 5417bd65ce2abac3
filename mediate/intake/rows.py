"""One spreadsheet row -> a `CaseInput`, or the precise reasons it cannot be one.

A party cell may hold several names separated by 、 ; or ；, with their ID numbers (and
phones, addresses, kinds) in the same order; one address or phone for several names is
shared by all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mediate.domain.model import CaseInput, Party, PartyRole, Source
from mediate.i18n import _
from mediate.intake.columns import PARTY_ROLES, PARTY_SUFFIXES, ColumnMap
from mediate.intake.readers import UNDECODABLE
from mediate.intake.validate import Problem, build_case, build_party
from mediate.intake.values import cell_text, split_cell


@dataclass
class RowResult:
    row: int
    case: CaseInput | None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class RowDefaults:
    """What the command line says for every row (`--source`, `--court`)."""

    source: Source | None = None
    court: str | None = None
    today: dt.date | None = None


_ID_AS_NUMBER = 1e15  # Excel keeps 15 significant digits: an 18-digit ID typed as a number


@dataclass(frozen=True)
class _Plan:
    """Where each field sits in a row padded by `_padded`: -1 is a column the file lacks."""

    width: int
    at: dict[str, int]
    roles: tuple[tuple[str, int, tuple[tuple[str, str, int], ...]], ...]


def _plan(columns: ColumnMap) -> _Plan:
    plan = columns.derived.get("rows")
    if isinstance(plan, _Plan):
        return plan
    index = columns.index
    at = {name: index.get(name, -1) for name in (*_CASE_FIELDS, *_ROLE_FIELDS)}
    roles = tuple(
        (
            role,
            at[role],
            tuple(
                (key, suffix, at[role + suffix]) for key, suffix in _PARTY_COLUMNS.items() if suffix
            ),
        )
        for role in PARTY_ROLES
    )
    plan = _Plan(width=max(index.values(), default=-1) + 1, at=at, roles=roles)
    columns.derived["rows"] = plan
    return plan


_CASE_FIELDS = (
    "cause",
    "amount",
    "source",
    "case_no",
    "referring_court",
    "received_on",
    "location",
    "subject_matter_location",
    "facts",
    "procedure",
    "claim",
)
_ROLE_FIELDS = tuple(role + suffix for role in PARTY_ROLES for suffix in PARTY_SUFFIXES)


def _padded(cells: list[object], width: int) -> list[object]:
    """The mapped columns of a row, a short row filled with None, then one None (at -1)."""
    row = cells[:width]
    if len(row) < width:
        row.extend([None] * (width - len(row)))
    row.append(None)
    return row


def _undecodable(cells: list[object]) -> bool:
    try:
        return UNDECODABLE in "".join(cells)  # type: ignore[arg-type]
    except TypeError:  # a workbook row: numbers, dates
        return UNDECODABLE in "".join(c for c in cells if isinstance(c, str))


def read_row(
    number: int, cells: list[object], columns: ColumnMap, defaults: RowDefaults
) -> RowResult:
    plan = _plan(columns)
    row = _padded(cells, plan.width)
    at = plan.at
    problems: list[Problem] = []
    if _undecodable(cells):
        problems.append(Problem("", _("the row holds bytes that are neither UTF-8 nor GBK text")))
    parties: list[Party] = []
    for role, name_at, others in plan.roles:
        found, role_problems = _parties(role, name_at, others, row, columns)
        parties.extend(found)
        problems.extend(role_problems)
    values = {
        "cause": row[at["cause"]],
        "amount": row[at["amount"]],
        "source": row[at["source"]],
        "court_case_no": row[at["case_no"]],
        "referring_court": row[at["referring_court"]] or defaults.court,
        "received_on": row[at["received_on"]],
        "location": row[at["location"]],
        "subject_matter_location": row[at["subject_matter_location"]],
        "facts": row[at["facts"]],
        "procedure": row[at["procedure"]],
        "claim": row[at["claim"]],
    }
    known_court = bool(cell_text(values["referring_court"]).strip())
    fallback = defaults.source or (Source.COURT_DELEGATED if known_court else Source.SELF_ACCEPTED)
    case, case_problems = build_case(
        values, parties, today=defaults.today, default_source=fallback, check_roles=not problems
    )
    problems.extend(
        Problem(columns.label(_CASE_COLUMNS.get(p.field, p.field)), p.message)
        for p in case_problems
    )
    if problems:
        order = {columns.label(name): i for name, i in columns.index.items()}
        problems.sort(key=lambda p: order.get(p.field, len(order)))  # left to right, as in the file
    return RowResult(number, None if problems else case, problems)


_CASE_COLUMNS = {
    "court_case_no": "case_no",
    "parties[applicant]": "applicant",
    "parties[respondent]": "respondent",
}
_PARTY_COLUMNS = {
    "name": "",
    "kind": "_kind",
    "id_number": "_id",
    "address": "_address",
    "phone": "_phone",
    "guardian": "_guardian",
}


def _parties(
    role: str,
    name_at: int,
    others: tuple[tuple[str, str, int], ...],
    row: list[object],
    columns: ColumnMap,
) -> tuple[list[Party], list[Problem]]:
    names = split_cell(row[name_at])
    if not names:
        return [], []
    problems: list[Problem] = []
    spread: dict[str, list[object]] = {"name": list(names)}
    for key, suffix, at in others:
        raw = row[at]
        if key == "id_number" and isinstance(raw, float) and raw >= _ID_AS_NUMBER:
            problems.append(
                Problem(
                    columns.label(role + suffix),
                    _(
                        "the ID number was stored as a number and lost its last digits; "
                        "format the column as text"
                    ),
                )
            )
            return [], problems
        parts: list[object] = list(split_cell(raw))
        if not parts:
            parts = [None] * len(names)
        elif len(parts) == 1 and key in ("address", "phone", "kind") and len(names) > 1:
            parts = parts * len(names)
        elif len(parts) != len(names):
            problems.append(
                Problem(
                    columns.label(role + suffix),
                    _(
                        "{n} values for {m} names in {column}; give them in the same order, "
                        "separated by 、"
                    ).format(n=len(parts), m=len(names), column=columns.label(role)),
                )
            )
            continue
        spread[key] = parts
    if problems:
        return [], problems
    parties = []
    for i, name in enumerate(names):
        values = {key: parts[i] for key, parts in spread.items()}
        party, party_problems = build_party(values, role=PartyRole(role))
        for p in party_problems:
            column = columns.label(role + _PARTY_COLUMNS.get(p.field, ""))
            message = f"{name}: {p.message}" if len(names) > 1 else p.message
            problems.append(Problem(column, message))
        if party is not None:
            parties.append(party)
    return parties, problems
