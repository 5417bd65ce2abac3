"""From raw field values (a file, a spreadsheet row, a clerk's answers) to `CaseInput`.

One set of rules for every way in. Problems are collected, not raised one at a time, so
a clerk sees everything wrong with a row or a file at once; the caller says where.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache, partial
from typing import Any

from mediate import clock
from mediate.domain.case_numbers import canonical_case_no
from mediate.domain.confirmation import reconcile_source
from mediate.domain.events import split_named
from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole, Source
from mediate.domain.parties import OPERATOR, SOLE_TRADER_WORDS, is_registered_trader
from mediate.domain.special import names_special_procedure
from mediate.domain.vocabulary import PROCEDURE, industry_code, tag_codes
from mediate.errors import shown
from mediate.i18n import _
from mediate.intake.values import (
    CONTROL_CHARACTERS,
    BadValue,
    clean_text,
    credit_code_of_text,
    guess_kind,
    half_width,
    kind_of_text,
    parse_amount,
    parse_case_no,
    parse_date,
    parse_ethnicity,
    parse_id_for,
    parse_kind,
    parse_phone,
    parse_source,
    phone_of_text,
    resident_id_of_text,
    ric_birth_date,
    ric_sex,
    screen_text,
    source_of_text,
)
from mediate.routing.places import (
    bundled_division_names,
    deployment_divisions,
    is_division_code,
    names_division,
)

CASE_FIELDS = (
    "cause",
    "amount",
    "source",
    "court_case_no",
    "referring_court",
    "received_on",
    "location",
    "subject_matter_location",
    "tags",
    "facts",
    "procedure",
    "claim",
    "parties",
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong: the field (e.g. `parties[1].id_number`) and why."""

    field: str
    message: str


def today_in_china() -> dt.date:
    return clock.today()


_ROLE_WORDS = {
    PartyRole.APPLICANT: ("applicant", "申请人"),
    PartyRole.RESPONDENT: ("respondent", "被申请人"),
    PartyRole.THIRD_PARTY: ("third_party", "第三人"),
}
_SEX_WORDS = {"男": ("男", "m", "male"), "女": ("女", "f", "female")}
_TEXT_FIELDS = (
    "occupation",
    "address",
    "service_address",
    "backup_address",
    "legal_rep",
    "legal_rep_title",
    "industry",
    "agent",
    "guardian",
    "guardian_relation",
    "operator_address",
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_role(value: object) -> PartyRole:
    text = clean_text(value).lower()
    if not text:
        raise BadValue(_("a party needs a role (applicant, respondent or third_party)"))
    for role, words in _ROLE_WORDS.items():
        if text in words:
            return role
    raise BadValue(_("'{value}' is not a role (申请人, 被申请人 or 第三人)").format(value=text))


def parse_sex(value: object) -> str | None:
    text = clean_text(value).lower()
    if not text:
        return None
    for sex, words in _SEX_WORDS.items():
        if text in words:
            return sex
    raise BadValue(_("'{value}' is not a sex (男 or 女)").format(value=text))


def parse_email(value: object) -> str | None:
    text = half_width(clean_text(value))
    if not text:
        return None
    if not _EMAIL.match(text):
        raise BadValue(_("{value} is not an e-mail address").format(value=text))
    return text


def parse_procedure(value: object) -> str | None:
    """ordinary | summary, by any word `vocabulary.PROCEDURE` takes (an import, `case add`,
    `case edit --set procedure=…` all read it here)."""
    text = clean_text(value)
    if not text:
        return None
    code = PROCEDURE.find(text)
    if code is None:
        raise BadValue(
            _("'{value}' is not a procedure ({choices})").format(
                value=shown(text), choices=PROCEDURE.allowed()
            )
        )
    return code


# A party's other checked fields, given (`case add --file`, `case new`) or not (a batch row)
_CHECKED_FIELDS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("ethnicity", parse_ethnicity),
    ("email", parse_email),
    ("guardian_id_number", partial(parse_id_for, PartyKind.PERSON)),
)


def optional_text(value: object) -> str | None:
    return clean_text(value) or None


class _Collector:
    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.problems: list[Problem] = []

    def take(self, field: str, parse: Callable[[Any], Any], value: object) -> Any:
        if value is None or value == "":
            return None
        try:
            return parse(value)
        except BadValue as exc:
            self.problems.append(Problem(self.prefix + field, str(exc)))
            return None

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.prefix + field, message))

    def failed(self, field: str) -> bool:
        return any(p.field == self.prefix + field for p in self.problems)


_NUMBER_FIELDS = frozenset({"id_number", "phone", "guardian_id_number"})


def _screened(values: Mapping[str, object], c: _Collector) -> dict[str, object]:
    """The values through `screen_text` (every way in passes here): a control character
    is a problem of its field; the value goes on without it, so the rest is still checked.
    A number cell (an ID number, a phone) loses the leading apostrophe with which Excel
    users force a cell to text (`'13800000000`): it is no part of the number."""
    result: dict[str, object] = {}
    for key, value in values.items():
        if type(value) is str and value.isprintable() and not value.startswith("'"):
            result[key] = value  # what screen_text returns unchanged, without the call
        elif isinstance(value, list):
            result[key] = [_screened({key: v}, c)[key] for v in value]
        elif isinstance(value, str):
            screened = c.take(key, screen_text, value)
            result[key] = screened if screened is not None else CONTROL_CHARACTERS.sub("", value)
            if key in _NUMBER_FIELDS:
                result[key] = str(result[key]).removeprefix("'")
        else:
            result[key] = value
    return result


@cache
def column_lengths(table: str) -> dict[str, int]:
    """The declared length of every text column of a table (`parties`, `cases`, `orgs`),
    read from the table definitions in `store.tables`, the one source: SQLite stores
    longer text without complaint, PostgreSQL refuses the whole batch, so the same file
    would import on one backend and not on the other (and `db copy` would fail)."""
    from sqlmodel import SQLModel

    import mediate.store.tables  # noqa: F401 - defines the tables on SQLModel.metadata

    lengths = {c.name: getattr(c.type, "length", None) for c in SQLModel.metadata.tables[table].c}
    return {name: n for name, n in lengths.items() if isinstance(n, int) and n > 0}


@dataclass(frozen=True)
class Lengths:
    """The declared lengths of the cases' and parties' text columns (`column_lengths`), as
    the checks of a case and its parties use them. Made from the table definitions
    (`table_lengths`), or from their lengths as given (`of`): a reader process
    (`intake.worker`) is handed them with what to read, instead of importing the tables."""

    cases: tuple[tuple[str, int], ...]  # (field, length) of each limited column
    parties: tuple[tuple[str, int], ...]
    plain_cases: tuple[int, ...]  # the lengths of `_UNBOUNDED["cases"]`, in its order
    plain_parties: tuple[int, ...]

    @classmethod
    def of(cls, lengths: Mapping[str, Mapping[str, int]]) -> Lengths:
        """From `column_lengths` of "cases" and "parties" (no limit: a very large one)."""

        def plain(table: str) -> tuple[int, ...]:
            return tuple(lengths[table].get(name, sys.maxsize) for name in _UNBOUNDED[table])

        return cls(
            tuple(lengths["cases"].items()),
            tuple(lengths["parties"].items()),
            plain("cases"),
            plain("parties"),
        )


@cache
def table_lengths() -> Lengths:
    """`Lengths` as the table definitions declare them."""
    return Lengths.of({table: column_lengths(table) for table in ("cases", "parties")})


def _lengths(obj: object, limits: tuple[tuple[str, int], ...], c: _Collector) -> None:
    """A problem for each field longer than its column."""
    for name, limit in limits:
        value = getattr(obj, name, None)
        if isinstance(value, str) and len(value) > limit:
            c.add(
                name,
                _("{n} characters, longer than the {limit} this field holds").format(
                    n=len(value), limit=limit
                ),
            )


def build_party(
    values: Mapping[str, object],
    prefix: str = "",
    role: PartyRole | None = None,
    lengths: Lengths | None = None,
    *,
    person_named: bool = False,
) -> tuple[Party | None, list[Problem]]:
    """A party from raw values; kind guessed from the ID's shape or the name if absent.
    `lengths`: the columns' (None: `table_lengths`); `person_named`: the name was typed
    under the person's key (姓名=), see `guess_kind`."""
    c = _Collector(prefix)
    values = _screened(values, c)
    get = values.get
    name = clean_text(get("name"))
    if not name:
        c.add("name", _("a party needs a name"))
    if role is None:
        raw_role = get("role")
        if raw_role is None or raw_role == "":
            c.add("role", _("a party needs a role (applicant, respondent or third_party)"))
        else:
            role = c.take("role", parse_role, raw_role)
    kind = c.take("kind", parse_kind, get("kind"))
    raw_id = get("id_number")
    if kind is None and not c.failed("kind"):
        kind = guess_kind(name, clean_text(raw_id) or None, person_named=person_named)
    # 民诉法解释 (2022) art. 59: a 个体工商户 is recorded with its 经营者 (the kind typed as
    # 个体工商户, or the representative's title 经营者) and may carry the operator's resident ID
    operator = kind is not None and kind.is_entity and names_operator(values)
    check_id = partial(parse_id_for, kind, operator=operator)
    id_number = c.take("id_number", check_id, raw_id) if kind else None
    sex = c.take("sex", parse_sex, get("sex"))
    birth = c.take("birth_date", parse_date, get("birth_date"))
    if kind is PartyKind.PERSON and id_number:
        sex, birth = _agree_with_id(c, id_number, sex, birth)
    party = Party(
        role=role or PartyRole.APPLICANT,
        kind=kind or PartyKind.PERSON,
        name=name,
        id_number=id_number,
        sex=sex,
        birth_date=birth,
        phone=c.take("phone", parse_phone, get("phone")),
        **{key: c.take(key, parse, get(key)) for key, parse in _CHECKED_FIELDS if key in values},
        **{key: optional_text(values[key]) for key in _TEXT_FIELDS if key in values},
    )
    party.industry = industry_code(party.industry)  # 金融, as case show prints it: finance
    if operator and not party.legal_rep_title:
        party.legal_rep_title = OPERATOR
    if party.operator_address and not is_registered_trader(party.kind, party.legal_rep_title):
        # 市场主体登记管理条例 (2021) art. 8 para. 2(四): the 经营者's 住所 is a 个体工商户's
        c.add("operator_address", _("only a sole trader (个体工商户) has an operator's domicile"))
    if party.kind is PartyKind.PERSON and (party.legal_rep or party.legal_rep_title):
        c.add("legal_rep", _("a person has no legal representative (is it an enterprise?)"))
    if not guardian_fits(party.kind, party.guardian or party.guardian_relation):
        c.add("guardian", _("only a natural person has a legal guardian (法定代理人)"))
    _lengths(party, (lengths or table_lengths()).parties, c)
    return (None if c.problems else party), c.problems


def names_operator(values: Mapping[str, object]) -> bool:
    """Whether a party's raw values say it is a 个体工商户 recorded with its 经营者: the kind
    typed as 个体工商户 (or 个体户…: domain/parties.py SOLE_TRADER_WORDS), or the
    representative's title 经营者 (民诉法解释 (2022) art. 59)."""
    kind = half_width(clean_text(values.get("kind")))
    title = clean_text(values.get("legal_rep_title"))
    return kind in SOLE_TRADER_WORDS or title == OPERATOR


def representative_refusal(
    kind: str, operator: bool, representative: bool, label: Callable[[str], str]
) -> tuple[str, str] | None:
    """Why a party cannot be stored as typed, as (the field to name: "operator" or
    "legal_rep", the message), or None: the kind stated wins (the review of 2026-12-03: 企业
    with a 经营者 was stored as a 个体工商户 or its 法定代表人). Only a 个体工商户 has a 经营者
    (民诉法解释 (2022) art. 59), and a 个体工商户 none but its 经营者; an organisation's
    representative is its 法定代表人 or 负责人 (民事诉讼法 art. 51). Which one the clerk meant
    is theirs to say. `kind` as typed ("" if none); `label` names "kind", "operator" and
    "legal_rep" as the clerk typed them (an import's columns, an option's keys)."""
    trader = bool(kind) and names_operator({"kind": kind})
    if operator and representative:
        message = _(
            "{operator} and {representative} are both filled in: a sole trader (个体工商户) "
            "has an operator, an organisation a legal representative; clear one"
        )
        return "legal_rep", message.format(
            operator=label("operator"), representative=label("legal_rep")
        )
    if operator and kind and not trader:
        message = _(
            "{kind} says {value}, but only a sole trader (个体工商户) has an operator: "
            "write 个体工商户 in {kind}, or the name under {representative}"
        )
        return "operator", message.format(
            kind=label("kind"), value=kind, representative=label("legal_rep")
        )
    if representative and trader:
        message = _(
            "{kind} says {value}: a sole trader (个体工商户) has an operator, not a legal "
            "representative; write the name under {operator}"
        )
        return "legal_rep", message.format(
            kind=label("kind"), value=kind, operator=label("operator")
        )
    return None


def guardian_fits(kind: PartyKind, guardian: str | None) -> bool:
    """Whether a party of this kind may have this guardian: a 法定代理人 is the guardian of
    a natural person without full capacity (民法典 art. 23), never of an organisation."""
    return not guardian or kind is PartyKind.PERSON


def _agree_with_id(
    c: _Collector, id_number: str, sex: str | None, birth: dt.date | None
) -> tuple[str, dt.date | None]:
    """Sex and birth date follow from a resident ID; a contradiction is a typo somewhere."""
    id_sex, id_birth = ric_sex(id_number), ric_birth_date(id_number)
    if sex and sex != id_sex:
        c.add("sex", _("the ID number says {sex}").format(sex=id_sex))
    if birth and birth != id_birth:
        c.add("birth_date", _("the ID number says born on {date}").format(date=id_birth))
    return id_sex, id_birth


def build_case(
    values: Mapping[str, object],
    parties: list[Party],
    today: dt.date | None = None,
    default_source: Source = Source.SELF_ACCEPTED,
    check_roles: bool = True,
    lengths: Lengths | None = None,
) -> tuple[CaseInput | None, list[Problem]]:
    """The case around its (already built) parties: cause, amount, source, dates…
    `lengths`: the columns' (None: `table_lengths`)."""
    c = _Collector()
    values = _screened(values, c)
    cause = clean_text(values.get("cause"))
    if not cause:
        c.add("cause", _("the cause (案由) is required"))
    given_source = c.take("source", parse_source, values.get("source"))
    source = given_source or default_source
    received = c.take("received_on", parse_date, values.get("received_on"))
    today = today or today_in_china()
    if in_future(received, today):
        c.add("received_on", _("{date} is in the future").format(date=received))
    elif too_early(received, today):
        c.add(
            "received_on",
            _(
                "{date} is more than {years} years ago; the earliest date received "
                "accepted is {earliest}: check the year"
            ).format(
                date=received,
                years=clock.RECEIVED_YEARS_BACK,
                earliest=clock.earliest_received(today),
            ),
        )
    tags = values.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        c.add("tags", _("tags must be a list of words"))
        tags = []
    missing = missing_roles(parties, cause) if check_roles else ()
    if PartyRole.APPLICANT in missing:
        c.add("parties[applicant]", _("a dispute needs at least one applicant"))
    if PartyRole.RESPONDENT in missing:
        c.add("parties[respondent]", _("a dispute needs at least one respondent"))
    court_case_no = c.take("court_case_no", parse_case_no, values.get("court_case_no"))
    registered_as, notices = registered_source(source, court_case_no)
    case = CaseInput(
        cause=cause,
        parties=parties,
        amount=c.take("amount", parse_amount, values.get("amount")),
        source=registered_as,
        court_case_no=court_case_no,
        referring_court=optional_text(values.get("referring_court")),
        received_on=received or today,
        location=c.take("location", _location, values.get("location")),
        subject_matter_location=c.take(
            "subject_matter_location", _location, values.get("subject_matter_location")
        ),
        tags=tag_codes(clean_text(t) for t in tags),  # as printed: a label names its code
        facts=_facts(values.get("facts")),
        procedure=c.take("procedure", parse_procedure, values.get("procedure")),
        claim=optional_text(values.get("claim")),
        notices=notices,
        defaulted=DEFAULTED[given_source is None, received is None],
    )
    _lengths(case, (lengths or table_lengths()).cases, c)
    return (None if c.problems else case), c.problems


# `CaseInput.defaulted` by (the source defaulted, the date received defaulted): made once,
# not for each of a batch's rows
DEFAULTED: dict[tuple[bool, bool], tuple[str, ...]] = {
    (False, False): (),
    (True, False): ("source",),
    (False, True): ("received_on",),
    (True, True): ("source", "received_on"),
}


def in_future(received: dt.date | None, today: dt.date) -> bool:
    """A date received after today (the import's day, for a batch) is a typo."""
    return received is not None and received > today


def too_early(received: dt.date | None, today: dt.date) -> bool:
    """A date received before `clock.earliest_received` (ten years back) is a typo."""
    return received is not None and received < clock.earliest_received(today)


def registered_source(source: Source, court_case_no: str | None) -> tuple[Source, list[str]]:
    """The source a case is registered under and what the clerk is told about it
    (`reconcile_source`: a filed case's number makes a 委派 referral 委托)."""
    registered_as, notice = reconcile_source(source.value, court_case_no)
    registered = source if registered_as == source.value else Source(registered_as)
    return registered, [notice] if notice else []


def missing_roles(parties: list[Party], cause: str) -> tuple[PartyRole, ...]:
    """The roles a dispute lacks: it needs an applicant and a respondent; an application
    under a special procedure (宣告失踪, 认定财产无主…) has no respondent (DOMAIN.md §4.1;
    民事诉讼法 ch. 15): it is taken in and routed to the court."""
    roles = {p.role for p in parties}
    if PartyRole.RESPONDENT in roles or (cause and names_special_procedure(cause)):
        return () if PartyRole.APPLICANT in roles else (PartyRole.APPLICANT,)
    if PartyRole.APPLICANT in roles:
        return (PartyRole.RESPONDENT,)
    return (PartyRole.APPLICANT, PartyRole.RESPONDENT)


def _location(value: object) -> str | None:
    """A place: a division code, a place name, or a division as `case show` prints it,
    焦作市解放区王褚街道（410802009）, taken back as its code. In that printed form the code
    must be a division's the network knows and the name that division's (in full, or
    without the divisions above it: 王褚街道, 解放区王褚街道): a code typed wrong would
    otherwise be stored and route the case by a place nobody named (BadValue)."""
    text = clean_text(value)
    if not text:
        return None
    compact = half_width(text)
    if compact.isdigit():
        return compact
    named = split_named(compact)  # 焦作市解放区王褚街道（410802009）, as case show prints it
    if named is None or not named[1].isdigit() or len(named[1]) < 6:
        return text  # 某小区（3号楼）: a place name with a note, not a code
    given, code = "".join(named[0].split()), named[1]
    divisions: Mapping[str, str] = bundled_division_names()  # what `case show` prints by
    full = divisions.get(code) if is_division_code(code) else None
    own = deployment_divisions()
    if full is None and code in own:
        # a division of the deployment's own bodies (routing.places): checked against the
        # name the deployment declared for it; one imported by its code alone (a CSV
        # without a division_name) has no name to check, and the clerk answers for it
        full = own.names.get(code)
        if full is None:
            return code
        divisions = {**divisions, code: full}  # only for a place at a division of its own
    if full is None:
        raise BadValue(
            _("{code} is not a division code the network knows ({value})").format(
                code=code, value=shown(text)
            )
        )
    if given and not names_division(code, given, divisions):
        raise BadValue(
            _("{code} is {name}, not {given}").format(code=code, name=full, given=shown(given))
        )
    return code


def _facts(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# ---------------------------------------------------------------- the lean path
# `build_party` and `build_case` for a batch row whose values are all plain text (printable,
# no whitespace, no quote: `_screened` and `clean_text` leave such text as it is,
# `rows._lean_case` decides) and which names only the batch's fields: the same parsers
# (their `*_of_text` cores, for text already clean) and the same rules (`guardian_fits`,
# `in_future`, `missing_roles`, `registered_source`) without collecting problems, the
# repeating values parsed once. The answer is None whenever anything is wrong or unusual,
# and the caller then runs the full path, which stays the one place that says what is
# wrong (tests/unit/test_import_lean.py checks that both paths give the same result on
# generated, edge-case and hostile rows).

_AMOUNT_DIGITS = re.compile(r"[0-9]{1,13}(\.[0-9]{1,2})?")  # below MAX_AMOUNT, whole fen
_AMOUNT_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3}){1,3}(\.[0-9]{1,2})?")  # 52,000.50
_CENT = Decimal("0.01")
_credit_code = lru_cache(maxsize=4096)(credit_code_of_text)  # banks and insurers repeat


@lru_cache(maxsize=4096)
def _cached_location(value: str, _known: frozenset[str]) -> str | None:
    return _location(value)


def _plain_location(value: str) -> str | None:
    """`_location`, cached: county codes and places repeat (keyed by the deployment's
    divisions and their names too, which decide what a printed place's code may be)."""
    return _cached_location(value, deployment_divisions())


# What `plain_party` and `plain_case` can set; every other field keeps its default, None
_PLAIN_TEXT = {
    "parties": ("role", "kind", "name", "id_number", "sex", "phone", "address", "guardian"),
    "cases": (
        *("cause", "source", "court_case_no", "referring_court", "location"),
        *("subject_matter_location", "facts", "procedure", "claim"),
    ),
}
# Of those, what a cell's text makes as long as it likes, so the lean path measures it (the
# location after `_location`). The rest their parsers bound (a role, kind, source or
# procedure code, an 18-character ID, a phone of at most 14 digits, a case number's shape)
# well inside their columns; a test holds them to it.
_UNBOUNDED = {
    "parties": ("name", "address", "guardian"),
    "cases": ("cause", "referring_court", "location", "subject_matter_location", "facts", "claim"),
}


def plain_party(
    role: PartyRole,
    name: str,
    kind_text: str | None,
    id_text: str | None,
    address: str | None,
    phone_text: str | None,
    guardian: str | None,
    operator_address: str | None = None,
    operator: str | None = None,
    business_address: str | None = None,
    representative: str | None = None,
    representative_title: str | None = None,
    *,
    lengths: Lengths | None = None,
) -> Party | None:
    """`build_party` of a batch row's party (those fields only, each plain or None); an
    operator or its domicile (a 个体工商户's, checked against its kind), or a legal
    representative and its title, are `build_party`'s (`rows._representative`).
    A 经营场所 (`business_address`) is the address where no 住所 is given, or the same one;
    beside another, `rows._places_of_business` decides."""
    if representative or representative_title:
        return None
    if business_address and business_address != address:
        if address:
            return None
        address = business_address
    name_max, address_max, guardian_max = (lengths or table_lengths()).plain_parties
    if (
        not name
        or len(name) > name_max
        or (address and len(address) > address_max)
        or (guardian and len(guardian) > guardian_max)
    ):
        return None
    if operator or operator_address or (kind_text and half_width(kind_text) in SOLE_TRADER_WORDS):
        return None  # a 个体工商户 and its 经营者: `build_party` (民诉法解释 art. 59)
    try:
        kind = kind_of_text(kind_text) if kind_text else None
        if kind is None:
            kind = guess_kind(name, id_text or None)
        if not id_text:
            id_number = sex = birth = None
        elif kind is PartyKind.PERSON:
            id_number, birth = resident_id_of_text(id_text)
            sex = ric_sex(id_number)
        else:
            id_number, sex, birth = _credit_code(id_text), None, None
        phone = phone_of_text(phone_text) if phone_text else None
    except BadValue:
        return None
    if not guardian_fits(kind, guardian):
        return None
    return Party(
        role=role,
        kind=kind,
        name=name,
        id_number=id_number,
        sex=sex,
        birth_date=birth,
        phone=phone,
        address=address or None,
        guardian=guardian or None,
    )


def plain_case(
    parties: list[Party],
    today: dt.date,
    default_source: Source,
    cause: str | None,
    amount: object,
    source: str | None,
    court_case_no: str | None,
    referring_court: str | None,
    received_on: object,
    location: str | None,
    subject_matter_location: str | None,
    facts: str | None,
    procedure: str | None,
    claim: str | None,
    *,
    lengths: Lengths | None = None,
) -> CaseInput | None:
    """`build_case` of a batch row (roles checked), each value plain text or None; the
    amount and the date received may also be what a workbook cell holds (numbers, dates)."""
    limits = (lengths or table_lengths()).plain_cases
    cause_max, court_max, location_max, subject_max, facts_max, claim_max = limits
    if (
        not cause
        or len(cause) > cause_max
        or (referring_court and len(referring_court) > court_max)
        or (facts and len(facts) > facts_max)
        or (claim and len(claim) > claim_max)
    ):
        return None
    try:
        money = _plain_amount(amount)
        read_source = source_of_text(source) if source else None
        given_source = read_source or default_source
        received = parse_date(received_on)
        how = parse_procedure(procedure) if procedure else None
    except BadValue:
        return None
    number = None
    if court_case_no:
        number = canonical_case_no(court_case_no)  # `case_no_of_text`, without its message
        if number is None:
            return None
    if in_future(received, today) or too_early(received, today) or missing_roles(parties, cause):
        return None
    try:  # a printed place whose code is wrong: the full path says what is wrong
        place = _plain_location(location) if location else None
        subject = _plain_location(subject_matter_location) if subject_matter_location else None
    except BadValue:
        return None
    if len(place or "") > location_max or len(subject or "") > subject_max:
        return None
    # `reconcile_source` registers only a 委派 referral with a case number otherwise
    registered_as, notices = (
        registered_source(given_source, number)
        if given_source is Source.COURT_DELEGATED and number
        else (given_source, [])
    )
    return CaseInput(
        cause=cause,
        parties=parties,
        amount=money,
        source=registered_as,
        court_case_no=number,
        referring_court=referring_court or None,
        received_on=received or today,
        location=place,
        subject_matter_location=subject,
        tags=[],
        facts=facts or None,
        procedure=how,
        claim=claim or None,
        notices=notices,
        defaulted=DEFAULTED[read_source is None, received is None],
    )


def _plain_amount(value: object) -> Decimal | None:
    if type(value) is str:
        if not value:
            return None
        if _AMOUNT_DIGITS.fullmatch(value):
            return Decimal(value).quantize(_CENT)  # what parse_amount makes of plain digits
        if _AMOUNT_GROUPED.fullmatch(value):  # and of digits grouped by commas
            return Decimal(value.replace(",", "")).quantize(_CENT)
    return parse_amount(value)
