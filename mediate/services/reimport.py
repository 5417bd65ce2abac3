"""A court re-sends a batch: rows of cases already stored, compared with what is stored.

A re-sent row often carries what the first one lacked (addresses, ID numbers) or corrects
a value. Without `import --update` nothing changes and the summary counts the rows that
differ; with `--update` (mode "fill") blank fields of the stored case are filled in; with
`--update overwrite` changed fields are replaced too. Every change goes through the case
store (`update_case`: version-checked, one audit event per case with before/after).

Every column the import reads (intake/columns.ALIASES) is decided here once, in `COLUMNS`:
updated, reported and never changed (the change table says "not changed by import"), or
the key that finds the stored case and party (test_reimport_columns fails on a column
without a decision). Never changed: the cause (it decides the route: `case edit`
re-routes), the source, the date received and a party's kind (a blank cell defaults
them, so they cannot be told from a correction; one that differs is reported). The
source and the date received are compared as intake reads them (a label or its code,
2026/1/5 or 2026-01-05 or an Excel date: `CaseInput.defaulted`), and only when the row
gives them: a blank cell is intake's default (the import's day, 委派 or 自行受理), no
difference. `--source` states the source of every row whose cell is blank, as the cell
would: it is compared (and, like the cell, never applied).

A party is the stored party of its role and name (`_key`), in the comparison and in
what is applied alike: 申请人 张三 and 被申请人 张三 are two parties. Two parties of one
role and name (in the stored case or in the row) cannot be told apart: the row is
reported (`Comparison.ambiguous`), that party neither compared nor changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlmodel import col, select

from mediate.domain.case_numbers import bracket_variants, canonical_case_no
from mediate.domain.events import CONTEXT, trader_context
from mediate.domain.model import CaseInput, Party, mask_id, mask_phone
from mediate.domain.parties import LEGAL_REPRESENTATIVE, is_registered_trader, kind_text
from mediate.errors import AccessDenied
from mediate.intake.columns import ALIASES, PARTY_ROLES, ColumnMap
from mediate.intake.rows import RowDefaults, read_row
from mediate.intake.validate import Problem
from mediate.intake.values import clean_text, half_width
from mediate.services.access import require_case_access
from mediate.services.casestore import jsonable, update_case
from mediate.store.tables import CaseRow, PartyRow
from mediate.store.uow import UnitOfWork

FILL, OVERWRITE = "fill", "overwrite"
UPDATE_MODES = (FILL, OVERWRITE)
UPDATED, REPORTED, KEY = "updated", "reported", "key"

# What `--update` does with each column of a party role (PARTY_SUFFIXES), by suffix: the
# field it fills and the decision. 经营者 (_operator) is a 个体工商户's legal_rep, titled 经营者.
_PARTY_COLUMNS: dict[str, tuple[str, str]] = {
    "": ("name", KEY),
    "_kind": ("kind", REPORTED),
    "_id": ("id_number", UPDATED),
    "_address": ("address", UPDATED),
    # 经营场所: intake places it as the address (or the 经营者住所: rows._places_of_business)
    "_business_address": ("address", UPDATED),
    "_phone": ("phone", UPDATED),
    "_guardian": ("guardian", UPDATED),
    "_operator": ("legal_rep", UPDATED),
    "_operator_address": ("operator_address", UPDATED),
    # an organisation's 法定代表人 and its title (民事诉讼法 art. 51): intake/rows._representative
    "_legal_rep": ("legal_rep", UPDATED),
    "_legal_rep_title": ("legal_rep_title", UPDATED),
}
# Every column the import reads -> (the field it fills, what `--update` does with it).
COLUMNS: dict[str, tuple[str, str]] = {
    "case_no": ("court_case_no", KEY),
    "cause": ("cause", REPORTED),
    "source": ("source", REPORTED),
    "received_on": ("received_on", REPORTED),  # when the row gives it: module docstring
    "amount": ("amount", UPDATED),
    "referring_court": ("referring_court", UPDATED),
    "location": ("location", UPDATED),
    "subject_matter_location": ("subject_matter_location", UPDATED),
    "procedure": ("procedure", UPDATED),
    "facts": ("facts", UPDATED),
    "claim": ("claim", UPDATED),
    **{role + suffix: d for role in PARTY_ROLES for suffix, d in _PARTY_COLUMNS.items()},
}
_CASE_COLUMNS = [c for c in ALIASES if not c.startswith(PARTY_ROLES)]
CASE_FIELDS = tuple(COLUMNS[c][0] for c in _CASE_COLUMNS if COLUMNS[c][1] == UPDATED)
REPORTED_ONLY = tuple(COLUMNS[c][0] for c in _CASE_COLUMNS if COLUMNS[c][1] == REPORTED)
# a party's, then those derived from them: sex and birth date from a resident ID number,
# the title 经营者 from the 经营者 column (intake/rows.py)
PARTY_FIELDS = tuple(
    dict.fromkeys(
        (
            *(f for f, d in _PARTY_COLUMNS.values() if d == UPDATED),
            *("sex", "birth_date", "legal_rep_title"),
        )
    )
)
PARTY_REPORTED = tuple(f for f, d in _PARTY_COLUMNS.values() if d == REPORTED)
# What the kind 个体工商户 rides on (domain/parties.is_registered_trader: the title 经营者,
# 民诉法解释 (2022) art. 59): a row that would make a stored party one, or unmake it, has a
# kind difference, reported and never applied (the review of 2026-12-03: a company re-sent
# with a 经营者 became a 个体工商户), with the fields that follow the kind.
_KIND_FIELDS = ("kind", "legal_rep", "legal_rep_title", "operator_address")
SHOWN_CHANGES = 1000

# What happened to one field: filled / changed (applied), fillable / differs (not applied:
# no --update, or --update without overwrite), kept (a field import never changes).
FILLED, CHANGED, FILLABLE, DIFFERS, KEPT = "filled", "changed", "fillable", "differs", "kept"


@dataclass
class Incoming:
    row: int
    case: CaseInput
    intake_key: str | None  # the natural key, when the row has no case number


@dataclass
class FieldChange:
    row: int
    case_id: int
    field: str
    old: Any
    new: Any
    action: str
    party: str | None = None
    # the party is a 个体工商户 (parties.is_registered_trader): its address is labelled
    # 经营场所 (fields.party_field_label), as `case show` prints it
    trader: bool = False
    role: str | None = None  # the party's role (PartyRole's code)
    # the stored party's number (1-based, as `case show` and `case edit --party N`
    # number them); None: a party of the row the case does not have
    number: int | None = None
    namesake: bool = False  # another party of the case has its name (in another role)
    # its kind and title beside a change labelled so for a 个体工商户, as the event records
    # them (events.trader_context) and `case history --json` prints them: None for most
    context: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "case": self.case_id,
            "party": self.party,
            "role": self.role,
            "field": self.field,
            "old": _shown(self.field, self.old),
            "new": _shown(self.field, self.new),
            "action": self.action,
            "context": self.context,
        }


def _shown(name: str, value: Any) -> Any:
    """Identity numbers and phones masked, as on every screen."""
    if name == "id_number":
        return mask_id(value) if value else value
    if name == "phone":
        return mask_phone(value) if value else value
    return jsonable(value)


@dataclass(frozen=True)
class Ambiguous:
    """A party of a row whose role and name two parties share (of the stored case, or of
    the row itself): which one it means is not known, so it is neither compared nor
    changed (the clerk does it: `case edit ID --party N`)."""

    row: int
    case_id: int
    role: str  # PartyRole's code
    name: str


@dataclass
class Comparison:
    differing: int = 0
    updated: int = 0
    changes: list[FieldChange] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decide(old: Any, new: Any, mode: str | None, applicable: bool = True) -> str | None:
    if _blank(new) or old == new:
        return None
    if not applicable:
        return KEPT
    if _blank(old):
        return FILLED if mode in UPDATE_MODES else FILLABLE
    return CHANGED if mode == OVERWRITE else DIFFERS


def compare_and_update(uow: UnitOfWork, rows: list[Incoming], mode: str | None) -> Comparison:
    """Compare each row with its stored case; with `mode`, apply what it allows."""
    result = Comparison()
    stored = _stored(uow, rows)
    for incoming in rows:
        key = incoming.case.court_case_no or incoming.intake_key
        found = stored.get(key or "")
        if found is None:  # imported by somebody else in this very moment: nothing to compare
            continue
        case, parties = found
        changes, ambiguous = _row_changes(incoming, case, parties, mode)
        result.ambiguous.extend(ambiguous)
        if not changes:
            continue
        result.differing += 1
        applied = [c for c in changes if c.action in (FILLED, CHANGED)]
        if applied and not _may_change(uow, case):
            for c in applied:
                c.action = FILLABLE if c.action == FILLED else DIFFERS
            applied = []
        if applied:
            _apply(uow, case, parties, applied, incoming.row)
            result.updated += 1
        room = SHOWN_CHANGES - len(result.changes)
        result.changes.extend(changes[: max(room, 0)])
    return result


def stored_number_row(
    uow: UnitOfWork,
    number: int,
    cells: list[object],
    problems: list[Problem],
    columns: ColumnMap,
    defaults: RowDefaults,
) -> CaseInput | None:
    """A row refused for its case number alone, a number today's checks refuse but a
    stored case has: it was stored before those checks (a three-digit court code, a
    …字第…号 of before 2016: domain/case_numbers.py), so the row is that case re-sent,
    compared (`--update`: updated) as any other. Its case as read with the number left
    out, then given the stored number; None for any other row (a number the checks take
    is refused for something else: another row of the file has it)."""
    at = columns.index.get("case_no")
    label = columns.label("case_no")
    if at is None or at >= len(cells) or any(p.field != label for p in problems):
        return None
    written = clean_text(cells[at])
    if not written or canonical_case_no(written) is not None:
        return None
    variants = sorted(bracket_variants("".join(written.split())))
    stored = uow.session.exec(
        select(CaseRow.court_case_no).where(col(CaseRow.court_case_no).in_(variants))
    ).first()
    if stored is None:
        return None
    without = [None if i == at else cell for i, cell in enumerate(cells)]
    case = read_row(number, without, columns, defaults).case
    if case is not None:
        case.court_case_no = stored
    return case


def _stored(uow: UnitOfWork, rows: list[Incoming]) -> dict[str, tuple[CaseRow, list[PartyRow]]]:
    numbers = [r.case.court_case_no for r in rows if r.case.court_case_no]
    keys = [r.intake_key for r in rows if r.intake_key]
    cases: list[CaseRow] = []
    for column, values in ((CaseRow.court_case_no, numbers), (CaseRow.intake_key, keys)):
        for start in range(0, len(values), 500):
            part = values[start : start + 500]
            cases.extend(uow.session.exec(select(CaseRow).where(col(column).in_(part))).all())
    parties: dict[int, list[PartyRow]] = {}
    ids = [c.id for c in cases]
    for start in range(0, len(ids), 500):
        query = (
            select(PartyRow)
            .where(col(PartyRow.case_id).in_(ids[start : start + 500]))
            .order_by(col(PartyRow.case_id), col(PartyRow.position))
        )
        for party in uow.session.exec(query):
            parties.setdefault(party.case_id, []).append(party)
    found: dict[str, tuple[CaseRow, list[PartyRow]]] = {}
    for case in cases:
        entry = (case, parties.get(case.id or 0, []))
        for key in (case.court_case_no, case.intake_key):
            if key:
                found[key] = entry
    return found


def _name(text: str) -> str:
    return half_width(text).upper()


def _key(role: str, name: str) -> tuple[str, str]:
    """What finds a party: its role and its name (half-width, upper case), in the
    comparison and in what is applied alike (module docstring)."""
    return role, _name(name)


def _row_changes(
    incoming: Incoming, case: CaseRow, parties: list[PartyRow], mode: str | None
) -> tuple[list[FieldChange], list[Ambiguous]]:
    """The row's changes, and its parties that cannot be told apart (`Ambiguous`)."""
    assert case.id is not None
    row, case_id = incoming.row, case.id
    changes = []
    new_case = incoming.case
    for name in (*CASE_FIELDS, *REPORTED_ONLY):
        if name in new_case.defaulted:  # intake's default for a blank cell, not the row's
            continue
        old, new = _field(case, name), _field(new_case, name)
        action = _decide(old, new, mode, applicable=name in CASE_FIELDS)
        if action:
            changes.append(FieldChange(row, case_id, name, old, new, action))
    by_key: dict[tuple[str, str], list[int]] = {}
    names: dict[str, int] = {}
    for number, p in enumerate(parties, start=1):
        by_key.setdefault(_key(p.role, p.name), []).append(number)
        names[_name(p.name)] = names.get(_name(p.name), 0) + 1
    given: dict[tuple[str, str], int] = {}
    for party in new_case.parties:
        key = _key(party.role.value, party.name)
        given[key] = given.get(key, 0) + 1
    ambiguous: list[Ambiguous] = []
    told: set[tuple[str, str]] = set()  # the keys reported ambiguous (once a row)
    for party in new_case.parties:
        key = _key(party.role.value, party.name)
        numbers = by_key.get(key, [])
        if not numbers:
            changes.append(
                FieldChange(
                    row, case_id, "name", None, party.name, DIFFERS, party.name, role=key[0]
                )
            )
            continue
        found = [
            _party_changes(row, case_id, party, parties[n - 1], n, names, mode) for n in numbers
        ]
        if len(numbers) == 1 and given[key] == 1:
            changes.extend(found[0])
        elif all(found) and key not in told:
            # it differs from each of them: which one to change is a guess, not made
            told.add(key)
            ambiguous.append(Ambiguous(row, case_id, key[0], party.name))
    return changes, ambiguous


def _party_changes(
    row: int,
    case_id: int,
    party: Any,
    stored: PartyRow,
    number: int,
    names: dict[str, int],
    mode: str | None,
) -> list[FieldChange]:
    """What a party of the row carries that its stored party (number `number`) lacks or
    holds otherwise; `names`: how many parties of the case bear each name."""
    trader = is_registered_trader(stored.kind, stored.legal_rep_title)
    namesake = names[_name(stored.name)] > 1
    key = _event_party(namesake, number, stored.name)

    def change(name: str, old: Any, new: Any, action: str) -> FieldChange:
        said = (key, name, stored.kind, stored.legal_rep_title)
        return FieldChange(
            row,
            case_id,
            name,
            old,
            new,
            action,
            stored.name,
            trader,
            stored.role,
            number,
            namesake,
            trader_context([said]) or None,
        )

    changes = []
    title = _said_title(party)
    flip = not _blank(title) and is_registered_trader(party.kind, title) != trader
    if flip:
        old_kind = kind_text(stored.kind, stored.legal_rep_title)
        changes.append(change("kind", old_kind, kind_text(party.kind, title), KEPT))
    for name in (*PARTY_FIELDS, *PARTY_REPORTED):
        if flip and name in _KIND_FIELDS:
            continue
        old, new = _field(stored, name), _field(party, name)
        action = _decide(old, new, mode, applicable=name in PARTY_FIELDS)
        if action:
            changes.append(change(name, old, new, action))
    return changes


def _said_title(party: Party) -> str | None:
    """The title a row gives its party's representative: its 职务 cell, 经营者 from the
    经营者 column (intake/rows._representative), else 法定代表人 for a name under the 法定
    代表人 column with no 职务 (民事诉讼法 art. 51: an organisation's) — a 个体工商户 re-sent so
    is a kind difference, never its 经营者 renamed (民诉法解释 (2022) art. 59); None when the
    row names nobody."""
    if _blank(party.legal_rep_title) and not _blank(party.legal_rep):
        return LEGAL_REPRESENTATIVE
    return party.legal_rep_title


def _field(record: Any, name: str) -> Any:
    """A field of a stored or a read case or party, a code (source, kind…) as its text: a
    stored one is text, a read one an enum."""
    value = getattr(record, name)
    return value.value if isinstance(value, Enum) else value


def _may_change(uow: UnitOfWork, case: CaseRow) -> bool:
    try:
        require_case_access(uow, case, change=True)
    except AccessDenied:
        return False
    return True


def _apply(
    uow: UnitOfWork, case: CaseRow, parties: list[PartyRow], applied: list[FieldChange], row: int
) -> None:
    """One versioned update and one audit event for the case's applied fields: a party's
    by its number (`FieldChange.number`), the one its role and name found."""
    case_changes = {c.field: c.new for c in applied if c.number is None}
    context = {k: v for c in applied for k, v in (c.context or {}).items()}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for c in applied:
        if c.number is None:
            continue
        label = _event_key(c, c.field)
        before[label], after[label] = _shown(c.field, c.old), _shown(c.field, c.new)
        stored = parties[c.number - 1]
        setattr(stored, c.field, c.new)
        uow.session.add(stored)
    context = {k: v for k, v in context.items() if k not in after}
    if context:
        after[CONTEXT] = context  # apart from the changes (domain/events.py split_context)
    update_case(
        uow,
        case,
        case_changes,
        "import_update",
        note=str(row),
        extra=after,
        before_extra=before,
    )


def _event_key(change: FieldChange, name: str) -> str:
    """The key of a party's field in the audit event (`_event_party`)."""
    return f"{_event_party(change.namesake, change.number, change.party)}.{name}"


def _event_party(namesake: bool, number: int | None, name: str | None) -> str:
    """A party as the audit event keys its fields: by its name (`张三.address`), or by its
    number as `case edit` records it (`parties[2].address`) when another party of the case
    bears its name (张三 申请人 and 张三 被申请人: one key would hold both)."""
    return f"parties[{number}]" if namesake else f"{name}"
