"""One spreadsheet row -> a `CaseInput`, or the precise reasons it cannot be one.

A party cell may hold several names separated by 、 ; or ；, with their ID numbers (and
phones, addresses, kinds) in the same order; one address or phone for several names is
shared by all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from mediate.domain.model import CaseInput, Party, PartyRole, Source
from mediate.domain.parties import OPERATOR
from mediate.errors import located
from mediate.i18n import _
from mediate.intake.columns import PARTY_ROLES, PARTY_SUFFIXES, ColumnMap
from mediate.intake.contact import reads_as_address, split_contact
from mediate.intake.readers import UNDECODABLE
from mediate.intake.validate import (
    DEFAULTED,
    Lengths,
    Problem,
    build_case,
    build_party,
    names_operator,
    plain_case,
    plain_party,
    representative_refusal,
    today_in_china,
)
from mediate.intake.values import PARTY_SEPARATORS, cell_text, clean_text, split_cell


@dataclass
class RowResult:
    row: int
    case: CaseInput | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # imported, but the clerk should know


@dataclass(frozen=True)
class RowDefaults:
    """What the command line says for every row (`--source`, `--court`), and the day of the
    import (None: the clock's, per row); an import reads the clock once, when it starts.
    `lengths`: the columns' (None: the table definitions', `validate.table_lengths`)."""

    source: Source | None = None
    court: str | None = None
    today: dt.date | None = None
    lengths: Lengths | None = None


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
    """The row's case, or every reason it cannot be one. A plain row (the common case)
    takes the lean path; anything else, and anything the lean path doubts, the full one."""
    lean = columns.derived.get("lean")
    if not isinstance(lean, _LeanPlan):
        lean = _lean_plan(columns, _plan(columns))
    row = _padded(cells, lean.width)
    case = _lean_case(cells, row, lean, defaults)
    if case is not None:
        if defaults.source:
            _source_stated(case)
        return RowResult(number, case)
    at = _plan(columns).at
    return _full_row(number, cells, row, _case_cells(row, at, defaults), columns, defaults)


def full_row(
    number: int, cells: list[object], columns: ColumnMap, defaults: RowDefaults
) -> RowResult:
    """`read_row` by the full validation alone (what the lean path must agree with)."""
    plan = _plan(columns)
    row = _padded(cells, plan.width)
    return _full_row(number, cells, row, _case_cells(row, plan.at, defaults), columns, defaults)


def _case_cells(row: list[object], at: dict[str, int], defaults: RowDefaults) -> dict[str, object]:
    return {
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


def _fallback_source(court: object, defaults: RowDefaults) -> Source:
    """The source of a row that names none: `--source`, else 委派 when a court referred it."""
    if defaults.source:
        return defaults.source
    known_court = bool(court.strip() if type(court) is str else cell_text(court).strip())
    return Source.COURT_DELEGATED if known_court else Source.SELF_ACCEPTED


def _source_stated(case: CaseInput) -> None:
    """A row whose source cell is blank under `--source`: the clerk stated it for the
    batch, as a cell states it for its row, so `import --update` compares it (reports a
    stored case's other source; import never changes one), which it does not with intake's
    own default (委派 or 自行受理). `--court` is taken as the row's cell alike."""
    if "source" in case.defaulted:
        case.defaulted = DEFAULTED[False, "received_on" in case.defaulted]


def _full_row(
    number: int,
    cells: list[object],
    row: list[object],
    values: dict[str, object],
    columns: ColumnMap,
    defaults: RowDefaults,
) -> RowResult:
    problems: list[Problem] = []
    if _undecodable(cells):
        problems.append(Problem("", _("the row holds bytes that are neither UTF-8 nor GBK text")))
    parties: list[Party] = []
    notes: list[Problem] = []
    kept: list[str] = []  # notes the case keeps too (`_places_of_business`)
    for role, name_at, others in _plan(columns).roles:
        found, role_problems = _parties(
            role, name_at, others, row, columns, (notes, kept), defaults.lengths
        )
        parties.extend(found)
        problems.extend(role_problems)
    case, case_problems = build_case(
        values,
        parties,
        today=defaults.today,
        default_source=_fallback_source(values["referring_court"], defaults),
        check_roles=not problems,
        lengths=defaults.lengths,
    )
    problems.extend(
        Problem(columns.label(_CASE_COLUMNS.get(p.field, p.field)), p.message)
        for p in case_problems
    )
    if problems:
        order = {columns.label(name): i for name, i in columns.index.items()}
        problems.sort(key=lambda p: order.get(p.field, len(order)))  # left to right, as in the file
    elif case is not None and kept:
        case.notices.extend(kept)
    if case is not None and defaults.source:
        _source_stated(case)
    return RowResult(number, None if problems else case, problems, [] if problems else notes)


# ---------------------------------------------------------------- the lean path


_Cells = Callable[[list[object]], tuple[Any, ...]]  # an itemgetter over a padded row
# plain_case's cells, in its order (a row's `_case_cells` under the names of `_plan`)
_LEAN_CASE = (
    *("cause", "amount", "source", "case_no", "referring_court", "received_on"),
    *("location", "subject_matter_location", "facts", "procedure", "claim"),
)
# plain_party's order
_LEAN_PARTY = (
    *("kind", "id_number", "address", "phone", "guardian", "operator_address", "legal_rep"),
    "business_address",
    *("representative", "representative_title"),
)


@dataclass(frozen=True)
class _LeanPlan:
    """Where the lean path finds its cells in a row padded by `_padded` (-1: the padding None)."""

    width: int  # `_Plan.width`
    case: _Cells  # the cells of _LEAN_CASE
    numbers: tuple[int, ...]  # the amount and the date received: a workbook's numbers
    party_cells: _Cells  # every party cell of every role
    roles: tuple[tuple[PartyRole, _Cells], ...]  # per role: its name, then _LEAN_PARTY


def _lean_plan(columns: ColumnMap, plan: _Plan) -> _LeanPlan:
    lean = columns.derived.get("lean")
    if isinstance(lean, _LeanPlan):
        return lean
    roles = []
    for role, name_at, others in plan.roles:
        at = {key: position for key, _suffix, position in others}
        roles.append((PartyRole(role), (name_at, *(at[key] for key in _LEAN_PARTY))))
    lean = _LeanPlan(
        width=plan.width,
        case=itemgetter(*(plan.at[name] for name in _LEAN_CASE)),
        numbers=(plan.at["amount"], plan.at["received_on"]),
        party_cells=itemgetter(*(i for _role, ats in roles for i in ats)),
        roles=tuple((role, itemgetter(*ats)) for role, ats in roles),
    )
    columns.derived["lean"] = lean
    return lean


def _lean_case(
    cells: list[object], row: list[object], lean: _LeanPlan, defaults: RowDefaults
) -> CaseInput | None:
    """`_full_row`'s case when the row is plain and has nothing wrong; else None.

    Plain: every cell is text that `screen_text`, `clean_text` and `split_cell`'s trimming
    leave as it is (printable, no whitespace, no quote) and that decoded, or empty; numbers
    and dates only in the amount and the date received, whose parsers take them as the full
    path does."""
    text = _text_of(cells, lean.numbers)
    if text is None or not _plain(text):
        return None
    (cause, amount, source, case_no, court, received_on, *places_and_words) = lean.case(row)
    if not court:
        court = defaults.court  # `--court`
        if court and not _plain(court):
            return None
    # in the party cells: text or None, as checked; a row whose text has no separator at
    # all (most) has none in them (`in` is a fast scan, a regex search looks at each character)
    lengths = defaults.lengths
    if _has_separator(text) and _has_separator("".join(filter(None, lean.party_cells(row)))):
        parties = _lean_parties(row, lean, lengths)
        if parties is None:
            return None
    else:  # one party, or none, per role: the common row
        parties = []
        for role, party_cells in lean.roles:
            given = party_cells(row)
            if given[0]:
                party = plain_party(role, *given, lengths=lengths)
                if party is None:
                    return None
                parties.append(party)
    return plain_case(
        parties,
        defaults.today or today_in_china(),
        # `_fallback_source`: plain text has no whitespace to strip
        defaults.source or (Source.COURT_DELEGATED if court else Source.SELF_ACCEPTED),
        *(cause, amount, source, case_no, court, received_on, *places_and_words),
        lengths=lengths,
    )


def _text_of(cells: list[object], numbers: tuple[int, ...]) -> str | None:
    """The row's text in one string; None when a cell holds a number or a date, other
    than the amount or the date received (a workbook's)."""
    try:
        return "".join(cells)  # type: ignore[arg-type]
    except TypeError:  # a workbook row: empty cells (None), numbers, dates
        texts = cells.copy()
        for i in numbers:
            if 0 <= i < len(texts) and type(texts[i]) is not str:
                texts[i] = None
        try:
            return "".join([c for c in texts if c is not None])  # type: ignore[misc]
        except TypeError:
            return None


def _plain(text: str) -> bool:
    return text.isprintable() and " " not in text and "'" not in text and UNDECODABLE not in text


def _has_separator(text: str) -> bool:
    """`PARTY_SEPARATORS.search(text)`, by three fast scans."""
    return "、" in text or ";" in text or "；" in text


def _split_plain(value: str | None) -> list[str]:
    """`split_cell` of a plain cell (text without whitespace, or None): `PARTY_SEPARATORS`
    splits, or str.split when 、 is the only separator it can hold (the usual, and faster)."""
    if not value:
        return []
    if ";" in value or "；" in value:
        return PARTY_SEPARATORS.split(value)
    return value.split("、")


# kind, address, phone, place of business: one value for several names is theirs in common
_SHARED = (0, 2, 3, 7)


def _lean_parties(
    row: list[object], lean: _LeanPlan, lengths: Lengths | None
) -> list[Party] | None:
    """`_parties` of a plain row with several names in a cell: None where it finds a
    problem."""
    parties = []
    for role, party_cells in lean.roles:
        name, *others = party_cells(row)
        names = _split_plain(name)
        n = len(names)
        if not n:
            continue
        spread: list[list[str | None]] = []
        for position, value in enumerate(others):
            parts: list[str | None] = _split_plain(value)  # type: ignore[assignment]
            if not parts:
                parts = [None] * n
            elif len(parts) != n:
                if len(parts) != 1 or position not in _SHARED:
                    return None
                parts = parts * n
            spread.append(parts)
        for given in zip(names, *spread, strict=True):
            party = plain_party(role, *given, lengths=lengths)
            if party is None:
                return None
            parties.append(party)
    return parties


def _contacts(spread: dict[str, list[object]], column: str) -> tuple[list[Problem], set[int]]:
    """Phone cells holding more than the phone (联系方式: `焦作市…… 13800000000`) split in
    place: the phone, and the rest as the address when the party has none (see
    `intake.contact`); what is left unstored is said in a note, never dropped silently.
    Also which parties' addresses came from the contact cell (their problems name it)."""
    notes: list[Problem] = []
    taken: set[int] = set()
    phones, addresses = spread["phone"], spread["address"]
    for i, value in enumerate(phones):
        contact = split_contact(value) if isinstance(value, str) else None
        if contact is None:
            continue
        phones[i] = contact.phone
        if contact.extension:
            note = _("{phone} taken as the phone; the extension {extension} was not stored")
            notes.append(
                Problem(column, note.format(phone=contact.phone, extension=contact.extension))
            )
        if contact.unstored:  # after the phone and no address: a name, a run of digits
            note = _("{phone} taken as the phone; '{rest}' was not stored (not an address)")
            notes.append(Problem(column, note.format(phone=contact.phone, rest=contact.unstored)))
        address = clean_text(addresses[i])
        if not contact.rest or contact.rest in address:
            continue
        if not address and reads_as_address(contact.rest):
            addresses[i] = contact.rest
            taken.add(i)
            continue
        note = _("{phone} taken as the phone; '{rest}' was not stored (the address is {address})")
        if not address:
            note = _("{phone} taken as the phone; '{rest}' was not stored (not an address)")
        notes.append(
            Problem(column, note.format(phone=contact.phone, rest=contact.rest, address=address))
        )
    return notes, taken


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
    "legal_rep": "_operator",  # a 个体工商户's 经营者 (民诉法解释 art. 59), titled so below
    "operator_address": "_operator_address",
    "business_address": "_business_address",  # 经营场所: `_places_of_business` places it
    "representative": "_legal_rep",  # an organisation's 法定代表人 (民事诉讼法 art. 51)
    "representative_title": "_legal_rep_title",
}


_SHARED_KEYS = ("address", "phone", "kind", "business_address")  # as `_SHARED`


def _parties(
    role: str,
    name_at: int,
    others: tuple[tuple[str, str, int], ...],
    row: list[object],
    columns: ColumnMap,
    told: tuple[list[Problem], list[str]],
    lengths: Lengths | None,
) -> tuple[list[Party], list[Problem]]:
    """The role's parties from their cells; what the clerk should know goes to `told`'s
    notes (the row's), and what the case should keep too to its second list."""
    notes = told[0]
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
        if key == "phone" and len(parts) > len(names) == 1 and split_contact(str(raw)):
            parts = [raw]  # one party's 联系方式 whose address holds a 、 or ;
        if not parts:
            parts = [None] * len(names)
        elif len(parts) == 1 and key in _SHARED_KEYS and len(names) > 1:
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
    if not problems:
        problems = _places_of_business(role, spread, columns, told)
    if problems:
        return [], problems
    contact_column = columns.label(role + "_phone")
    contact_notes, from_contact = _contacts(spread, contact_column)
    notes.extend(contact_notes)
    parties = []
    for i, name in enumerate(names):
        values = {key: parts[i] for key, parts in spread.items()}
        stated = _representative(values, role, columns)
        if isinstance(stated, Problem):
            problems.append(
                Problem(stated.field, located(name, stated.message)) if len(names) > 1 else stated
            )
            continue
        party, party_problems = build_party(values, role=PartyRole(role), lengths=lengths)
        for p in party_problems:
            column = columns.label(role + stated.get(p.field, _PARTY_COLUMNS.get(p.field, "")))
            if p.field == "address" and i in from_contact:
                column = contact_column  # the address was read from the 联系方式 cell
            message = located(name, p.message) if len(names) > 1 else p.message
            problems.append(Problem(column, message))
        if party is not None:
            parties.append(party)
    return parties, problems


def _places_of_business(
    role: str,
    spread: dict[str, list[object]],
    columns: ColumnMap,
    told: tuple[list[Problem], list[str]],
) -> list[Problem]:
    """The role's 经营场所 cells (`business_address`) placed, per party, in `spread`: the
    party's address, its 经营者's domicile or a note; what cannot be placed is a problem.

    市场主体登记管理条例 (2021) art. 8 registers every market entity's "住所或者主要经营场所"
    (para. 1(四)) and a 个体工商户's "经营者姓名、住所、经营场所" (para. 2(四)), the 住所 there
    being its 经营者's. So a 个体工商户's address is read as its 经营场所, and a 住所 given
    beside a different one as its 经营者's (`operator_address`) — unless the 经营者住所 cell
    holds another, when the row cannot say which is which. Any other party's address is
    read from its 住所 column (an organisation's 住所 or 主要经营场所, para. 1(四), whichever
    the sheet wrote there); a 经营场所 is read only where the 住所 is blank. Beside a
    different 住所 it is not
    stored, and the note says so with its text, on the row and on the case
    (`CaseInput.notices`, kept with the routing decision): rejecting the row would hold
    back a case whose address is sound, and a note told only once would lose the text."""
    places = spread.pop("business_address")
    addresses, homes = spread["address"], spread["operator_address"]
    names, kinds, operators = spread["name"], spread["kind"], spread["legal_rep"]
    label = columns.label
    problems: list[Problem] = []
    for i, place in enumerate(places):
        written = clean_text(place)
        address = clean_text(addresses[i])
        if not written or written == address:
            continue
        if not address:
            addresses[i] = place
            continue
        if names_operator({"kind": kinds[i]}) or clean_text(operators[i]):
            home = clean_text(homes[i])
            if not home or home == address:
                homes[i], addresses[i] = addresses[i], place
                continue
            message = _(
                "a sole trader's (个体工商户) {address} differs from its {place} and {home} is "
                "filled in too: its address is the {place}, and the {address} is read as its "
                "operator's domicile only when {home} is blank; clear {address} or {home}"
            ).format(
                address=label(role + "_address"),
                place=label(role + "_business_address"),
                home=label(role + "_operator_address"),
            )
            if len(names) > 1:
                message = located(str(names[i]), message)
            problems.append(Problem(label(role + "_address"), message))
            continue
        note = _(
            "{place} '{value}' was not stored: {name} is not recorded as a sole trader "
            "(个体工商户), and beside a filled-in {address} only a sole trader's place of "
            "business is read as its address; its address is {address} '{kept}'"
        ).format(
            place=label(role + "_business_address"),
            value=written,
            name=names[i],
            address=label(role + "_address"),
            kept=address,
        )
        told[0].append(Problem(label(role + "_business_address"), note))
        told[1].append(note)
    return problems


def _representative(
    values: dict[str, object], role: str, columns: ColumnMap
) -> Problem | dict[str, str]:
    """Who speaks for the party, from its 经营者 or its 法定代表人 column, into `values` as
    `case new` stores it (legal_rep and its title); the column each came from (field ->
    suffix), or why the row cannot say (`validate.representative_refusal`: the kind the
    row states wins, 民诉法解释 (2022) art. 59, 民事诉讼法 art. 51), naming the columns: the
    refused row, kept whole in the errors sheet, loses nothing. A kind left blank is read
    from the columns (a 经营者 makes a 个体工商户, as before)."""
    operator = clean_text(values.pop("legal_rep", None))
    representative = clean_text(values.pop("representative", None))
    title = clean_text(values.pop("representative_title", None))
    suffixes = {"kind": "_kind", "operator": "_operator", "legal_rep": "_legal_rep"}

    def label(field: str) -> str:
        return columns.label(role + suffixes[field])

    kind = clean_text(values.get("kind"))
    refused = representative_refusal(kind, bool(operator), bool(representative), label)
    if refused is not None:
        return Problem(label(refused[0]), refused[1])
    if operator:
        values["legal_rep"], values["legal_rep_title"] = operator, OPERATOR
        return {"legal_rep": "_operator"}
    if representative:
        values["legal_rep"] = representative
    if title:
        values["legal_rep_title"] = title
    return {"legal_rep": "_legal_rep", "legal_rep_title": "_legal_rep_title"}
