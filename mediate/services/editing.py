"""Correcting and completing a registered case (`case edit`), and undoing an outcome
recorded by mistake (`case reopen`).

An edit is validated exactly like intake: the stored case with the clerk's changes laid
over it is built again by `intake.validate.build_case`/`build_party`, so a bad value is
refused with the same message a spreadsheet row would get, and nothing is changed. The
change itself goes through the case store (`update_case`): version-checked, one audit
event with every field before and after (identity numbers and phones masked, as in
every log).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlmodel import col, select

from mediate.domain.case_numbers import bracket_variants
from mediate.domain.confirmation import reconcile_source
from mediate.domain.deadlines import WorkCalendar
from mediate.domain.events import CONTEXT, trader_context
from mediate.domain.fields import (
    CASE_EDITABLE,
    PARTY_EDITABLE,
    PARTY_FIELDS,
    field_label,
    parse_field,
    party_columns,
    trader_word,
    typed_names,
)
from mediate.domain.model import ClerkRole, PartyKind, PartyRole, Source, mask_id, mask_phone
from mediate.domain.parties import (
    OPERATOR,
    is_organisation,
    is_registered_trader,
    kind_text,
    trader_flips,
)
from mediate.domain.status import CLOSED_STATUSES, ConfirmationStatus, Status, status_label
from mediate.domain.vocabulary import clerk_role_label
from mediate.errors import (
    AccessDenied,
    BadOptionValue,
    BadOptionValues,
    ConflictError,
    ValidationError,
    ValidationErrors,
)
from mediate.i18n import _
from mediate.intake.validate import build_case, build_party, names_operator
from mediate.intake.values import BadValue, parse_kind, parse_source
from mediate.services.access import identity
from mediate.services.casestore import jsonable, load_case, today, update_case
from mediate.store.tables import CaseRow, ConfirmationRow, OutcomeRow, PartyRow
from mediate.store.uow import UnitOfWork

# Changing one of these may send the case elsewhere (routing tests them). The date
# received is one: it picks the 案由 revision in force (routing/causes.official_cause;
# 法〔2025〕226号 took effect 2026-01-01), and an unassigned case's time limit runs from it.
ROUTING_FIELDS = (
    "cause",
    "amount",
    "source",
    "location",
    "tags",
    "referring_court",
    "received_on",
)
ROUTING_PARTY_FIELDS = ("kind", "industry", "role")
REROUTABLE = (Status.REGISTERED.value, Status.ROUTED.value)


@dataclass
class PartyEdit:
    number: int  # 1-based, as `case show` numbers the parties
    sets: dict[str, str]
    typed: dict[str, str] = field(default_factory=dict)  # field -> the word the clerk typed


@dataclass
class Edit:
    sets: dict[str, str] = field(default_factory=dict)  # case field -> value ("" clears)
    parties: list[PartyEdit] = field(default_factory=list)
    add: list[dict[str, str]] = field(default_factory=list)  # new parties (role, name, …)
    remove: list[int] = field(default_factory=list)  # party numbers
    # Typed as options (`--set`, `--add-party`): a bad value is then a usage error (exit 2)
    # naming its option; from the interactive form it is refused as the form's answer.
    typed: bool = False

    def empty(self) -> bool:
        return not (self.sets or self.parties or self.add or self.remove)


@dataclass
class FieldEdit:
    field: str
    old: Any
    new: Any
    party: int | None = None  # the party's number, None for the case's own fields

    def as_json(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "field": self.field,
            "old": _shown(self.field, self.old),
            "new": _shown(self.field, self.new),
        }


@dataclass
class EditResult:
    case_id: int
    version: int
    status: str
    changes: list[FieldEdit]
    reroute: bool  # a field routing tests changed
    reroutable: bool  # ... and the case may still be routed again (not yet assigned)
    from_version: int = 0  # the version the edit was made against
    notices: list[str] = field(default_factory=list)  # what the edit decided for the clerk
    # the parties (stored numbers) a 个体工商户 with its 经营者 after the edit (民诉法解释
    # art. 59): the change table names their kind and representative so
    traders: frozenset[int] = frozenset()
    kinds: dict[int, str] = field(default_factory=dict)  # each stored party's kind before

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "version": self.version,
            "changes": [c.as_json() for c in self.changes],
            "reroute_suggested": self.reroute,
            "reroutable": self.reroutable,
            "notices": self.notices,
        }


def _shown(name: str, value: Any) -> Any:
    if name == "id_number" and value:
        return mask_id(value)
    if name == "phone" and value:
        return mask_phone(value)
    return jsonable(value)


def resolve_field(text: str, party: bool, where: str = "--set") -> str:
    """A field named by the clerk (code, label or Chinese name), or a usage error (exit
    2) naming it."""
    allowed = PARTY_EDITABLE if party else CASE_EDITABLE
    found = parse_field(text, allowed)
    other = CASE_EDITABLE if party else PARTY_EDITABLE
    if found is None and where == "--set" and parse_field(text, other):
        # a party's field set on the case (`--set 经营者住所=…` without --party) listed
        # only the case's fields (review of 2026-12-02): say whose field it is
        message = (
            _("'{field}' is a field of the case, not of a party: set it without --party.")
            if party
            else _(
                "'{field}' is a party's field: say whose with --party N (the party's "
                "number in case show)."
            )
        )
        raise BadOptionValue(where, message.format(field=text))
    if found is None:
        raise BadOptionValue(
            where,
            _("'{field}' is not a field that can be edited ({fields})").format(
                field=text, fields=typed_names(allowed)
            ),
        )
    return found


def editable_values(uow: UnitOfWork, case_id: int) -> dict[str, Any]:
    """What the interactive form shows: the case's fields and each party's, as text."""
    case = load_case(uow, case_id)
    parties = _parties(uow, case_id)
    return {
        "case": {name: _text(getattr(case, name)) for name in CASE_EDITABLE},
        "parties": [{name: _text(getattr(p, name)) for name in PARTY_EDITABLE} for p in parties],
        "version": case.version,
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _parties(uow: UnitOfWork, case_id: int) -> list[PartyRow]:
    return list(
        uow.session.exec(
            select(PartyRow).where(PartyRow.case_id == case_id).order_by(col(PartyRow.position))
        ).all()
    )


def _tags(value: str) -> list[str]:
    for sep in ("、", "，", "；", ";"):
        value = value.replace(sep, ",")
    return [t.strip() for t in value.split(",") if t.strip()]


def edit_case(
    uow: UnitOfWork,
    case_id: int,
    edit: Edit,
    expected_version: int | None = None,
    calendar: WorkCalendar | None = None,
) -> EditResult:
    """Apply the clerk's corrections if they validate; not committed.

    Each value set is checked by intake's own validators (`build_case`, `build_party`)
    with what it depends on (a party's kind for its ID number; an ID number's sex and
    birth date); values not touched are not checked again, so an edit is never refused
    for data it did not change. A new party is checked whole.
    """
    case = load_case(uow, case_id)
    if expected_version is not None and expected_version != case.version:
        from mediate.services.casestore import conflict

        raise conflict(uow, case_id)
    stored = _parties(uow, case_id)
    for asked in [*edit.remove, *(p.number for p in edit.parties)]:
        if not 1 <= asked <= len(stored):
            raise ValidationError(
                _("Case {id} has no party {n} (it has {count}; see case show).").format(
                    id=case_id, n=asked, count=len(stored)
                ),
                where="--party",
            )
    problems: list[ValidationError] = []  # bad values set (--set)
    added: list[ValidationError] = []  # bad values of new parties (--add-party)
    from mediate.services.routing import use_deployment_divisions

    use_deployment_divisions(uow)  # a place at a division of the deployment's own bodies
    case_values = _checked_case(case, edit.sets, problems)
    notices = _full_court(uow, case_values) + _unknown_location(uow, case_values)
    removed = set(edit.remove)
    sets_by_party = {p.number: p.sets for p in edit.parties}
    typed_by_party = {p.number: p.typed for p in edit.parties}
    final: list[tuple[int | None, dict[str, Any]]] = []  # (stored number or None, values)
    for kept, row in enumerate(stored, start=1):
        if kept in removed:
            continue
        values = {name: getattr(row, name) for name in PARTY_FIELDS}
        sets = sets_by_party.get(kept)
        if sets:
            prefix = _("party {n}").format(n=kept)
            typed = typed_by_party.get(kept, {})
            values.update(_checked_party(values, sets, prefix, problems, typed))
        final.append((kept, values))
    for index, spec in enumerate(edit.add, start=1):
        prefix = _("new party {n}").format(n=index)
        party, party_problems = build_party(spec, prefix=prefix + ".")
        added += [ValidationError(p.message, where=_where(p.field)) for p in party_problems]
        if party is not None:
            final.append((None, party_columns(party)))
    summary = _("Case {id} was not changed:").format(id=case_id)
    if edit.typed and (problems or added):
        # A value the option does not take is a usage error (exit 2), as `case new`'s are;
        # an edit refused as a whole (no applicant left, a conflict) stays exit 1.
        raise BadOptionValues(
            [_at("--set", p) for p in problems] + [_at("--add-party", p) for p in added], summary
        )
    problems += added
    if not problems and (edit.add or edit.remove or any("role" in p.sets for p in edit.parties)):
        problems += _role_problems(final)
    if problems:
        raise ValidationErrors(problems, summary)
    notices += _trade_names(final, set(sets_by_party))
    changes = _case_changes(case, case_values)
    if "court_case_no" in changes and changes["court_case_no"].new:
        _check_number_free(uow, case_id, changes["court_case_no"].new)
    party_edits = _party_changes(stored, removed, final)
    all_edits = [*changes.values(), *party_edits]
    seen = case.version
    if not all_edits:
        return EditResult(case_id, seen, case.status, [], False, False, seen, notices)
    before, after = _party_event(party_edits, stored)
    stored_changes = {c.field: c.new for c in changes.values()}
    if "received_on" in changes:
        deadline = _deadline_from(case, changes["received_on"].new, calendar)
        if deadline is not None and deadline != case.deadline:
            stored_changes["deadline"] = deadline  # in the same audited event
            notices.append(
                _("The time limit now runs from the new date received: {old} → {new}.").format(
                    old=case.deadline or "—", new=deadline
                )
            )
    update_case(
        uow,
        case,
        stored_changes,
        "edit",
        expected_version=expected_version,
        extra=after,
        before_extra=before,
    )
    _apply_parties(uow, case_id, stored, removed, final)
    uow.session.flush()
    reroute = any(c.field in ROUTING_FIELDS for c in changes.values()) or any(
        c.field in ROUTING_PARTY_FIELDS or c.field in ("added", "removed") for c in party_edits
    )
    traders = frozenset(
        n
        for n, values in final
        if n is not None and is_registered_trader(values["kind"], values.get("legal_rep_title"))
    )
    return EditResult(
        case_id,
        case.version,
        case.status,
        all_edits,
        reroute,
        case.status in REROUTABLE,
        seen,
        notices,
        traders,
        {number: str(row.kind) for number, row in enumerate(stored, start=1)},
    )


def routed_again(uow: UnitOfWork, case_id: int, result: EditResult | None = None) -> EditResult:
    """The result of `case edit` once the case was routed again (`--reroute`), the same
    shape with or without changes (`result`: the edit's; None, `--reroute` alone): the
    case's version and status after the routing."""
    case = load_case(uow, case_id)
    if result is None:
        return EditResult(
            case_id, case.version, case.status, [], False, case.status in REROUTABLE, case.version
        )
    return replace(result, version=case.version, status=case.status)


def _deadline_from(
    case: CaseRow, received_on: dt.date, calendar: WorkCalendar | None
) -> dt.date | None:
    """An unassigned case's time limit counted again from a corrected date received, by
    the rule routing counted it with: the days allowed (and any extension) from the day
    after (CPL 2023 art. 85; domain/deadlines.due_date; services/routing.route_case). Once
    a mediator has the case the limit runs from the assignment (特邀调解规定 art. 27,
    services/lifecycle.assign): the date received no longer moves it."""
    from mediate.domain.deadlines import due_date

    if case.status not in REROUTABLE or case.assigned_on is not None or not case.deadline_days:
        return None  # a transferred case's limit restarts on its next assignment
    days = case.deadline_days + (case.extension_days or 0)
    return due_date(received_on, days, calendar, case.deadline_unit)


def _trade_names(final: list[tuple[int | None, dict[str, Any]]], edited: set[int]) -> list[str]:
    """Intake's warning on a natural person named by a 字号 (民诉法解释 art. 59;
    domain.parties.trade_name_warnings), for the parties this edit adds or changes."""
    from types import SimpleNamespace

    from mediate.domain.parties import trade_name_warnings

    touched = [
        SimpleNamespace(kind=values.get("kind"), name=values.get("name") or "")
        for number, values in final
        if number is None or number in edited
    ]
    return trade_name_warnings(touched)


def _full_court(uow: UnitOfWork, values: dict[str, Any]) -> list[str]:
    """The referring court set by the clerk, by its full name where it was shortened and
    the network's courts say which one (services/courts.py); the notice saying so."""
    from mediate.services.courts import completed, completed_notice, unknown_notice
    from mediate.services.routing import network

    written = values.get("referring_court")
    courts = network(uow)
    full = completed(courts, written)
    if full is None or not written:
        unknown = unknown_notice(courts, written)
        return [unknown] if unknown else []
    values["referring_court"] = full
    return [completed_notice(written, full)]


def _unknown_location(uow: UnitOfWork, values: dict[str, Any]) -> list[str]:
    """A location code set that the divisions table lacks: the warning `case new` gives
    for the same code (routing/engine.unknown_code_warning); the edit is not routed."""
    from mediate.routing.engine import unknown_code_warning
    from mediate.services.routing import network

    written = values.get("location")
    if not written:
        return []
    courts = network(uow)
    code = courts.division_code(written)
    if code is None or courts.knows(code):
        return []
    return [unknown_code_warning(code, routed=False)]


def _checked_case(
    case: CaseRow, sets: dict[str, str], problems: list[ValidationError]
) -> dict[str, Any]:
    """The case's fields set by the clerk, parsed as intake parses them."""
    if _same_number(sets.get("court_case_no"), case.court_case_no):
        # The stored number typed again is no change: not checked, as a number stored before
        # today's checks (a three-digit court code, …字第…号) must not block the edit.
        sets = {name: value for name, value in sets.items() if name != "court_case_no"}
    if not sets:
        return {}
    values: dict[str, Any] = {
        name: (_tags(value) if name == "tags" else value) for name, value in sets.items()
    }
    values.setdefault("cause", case.cause)
    built, found = build_case(
        values,
        [],
        today=today(),
        default_source=Source(case.source),
        check_roles=False,
    )
    problems += [ValidationError(p.message, where=field_label(p.field)) for p in found]
    if built is None:
        return {}
    if "source" in sets or "court_case_no" in sets:
        # The source asked for (or kept) against the number it goes with, the new one or
        # the stored one (法〔2015〕137号): intake would register the pair otherwise
        # (reconcile_source), so the two halves disagree.
        asked = parse_source(sets["source"]) if sets.get("source") else Source(case.source)
        number = built.court_case_no if "court_case_no" in sets else case.court_case_no
        if asked and reconcile_source(asked.value, number)[0] != asked.value:
            problems.append(_delegated_with_a_filed_number(number))
            return {}
    parsed = {name: getattr(built, name) for name in sets}
    if "source" in parsed:
        parsed["source"] = parsed["source"].value
    if "received_on" in sets and not sets["received_on"].strip():
        problems.append(
            ValidationError(
                _("the date received cannot be blank"), where=field_label("received_on")
            )
        )
    return parsed


def _same_number(typed: str | None, stored: str | None) -> bool:
    """Whether the number typed is the stored one, in either bracket width."""
    if not typed or not stored:
        return False
    return stored in bracket_variants("".join(typed.split()))


def _delegated_with_a_filed_number(number: str | None) -> ValidationError:
    """An edit that would make a case 委派 (before filing) under the number of a case the
    court has filed (民初/民终) is refused: intake registers such a referral as 委托 and says
    so, but a clerk's own correction must make the pair agree (法〔2015〕137号; 特邀调解规定
    art. 20; SPC opinion on filing and mediation, 2025, item 4; DOMAIN §4.1)."""
    return ValidationError(
        _(
            "{number} is the number of a case the court has filed (民初/民终): such a "
            "case is court-entrusted (委托), not court-delegated (委派). Set the source to "
            "委托, or correct the number too."
        ).format(number=number),
        where=field_label("source"),
    )


def _checked_party(
    stored: dict[str, Any],
    sets: dict[str, str],
    prefix: str,
    problems: list[ValidationError],
    typed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A party's fields set by the clerk, parsed with what they depend on; a problem names
    the field by the word the clerk typed for it (`typed`: 经营者, not 法定代表人)."""
    typed = typed or {}
    wrong = _trader_words(stored, typed, prefix)
    if wrong:
        problems += wrong
        return {}
    values: dict[str, Any] = {"name": stored["name"], "role": stored["role"], **sets}
    if "legal_rep" in sets or "legal_rep_title" in sets:
        # whether a party may have a representative is its kind's to say: the stored one
        # (a 个体工商户 without an ID number is no natural person), with its title
        values.setdefault("kind", stored["kind"])
        values.setdefault("legal_rep_title", stored.get("legal_rep_title"))
    if "id_number" in sets or "kind" in sets:
        values.setdefault("kind", stored["kind"])
        values.setdefault("id_number", stored["id_number"])
    if "sex" in sets or "birth_date" in sets:
        values.setdefault("id_number", stored["id_number"])
        values.setdefault("kind", stored["kind"])
    if "operator_address" in sets or "legal_rep_title" in sets:
        # a 经营者住所 is a 个体工商户's only (市场主体登记管理条例 art. 8 para. 2(四)), and a
        # title is a 经营者 only on one: both are read against the stored kind
        values.setdefault("kind", stored["kind"])
    if "operator_address" in sets:
        values.setdefault("legal_rep_title", stored.get("legal_rep_title"))
    # a 个体工商户's 经营者 stays with it (民诉法解释 art. 59) when its number is corrected;
    # a kind typed anew says what it is: 个体工商户 again keeps it, 企业 or a person does not
    if (
        "kind" in values
        and stored.get("legal_rep_title") == OPERATOR
        and ("kind" not in sets or names_operator(sets))
        and stored_kind_of(values["kind"]) is not PartyKind.PERSON
    ):
        values.setdefault("legal_rep_title", OPERATOR)
    party, found = build_party(values, prefix=prefix + ".")
    problems += [ValidationError(p.message, where=_where(p.field, typed)) for p in found]
    if party is None:
        return {}
    parsed = party_columns(party)
    keep = set(sets)
    if "id_number" in sets and party.kind.value == "person" and party.id_number:
        keep |= {"sex", "birth_date"}  # they follow from the new ID number
    if "kind" in sets:
        keep |= {"id_number", "legal_rep_title"}  # a 个体工商户's 经营者 (`build_party`)
    if (
        ("kind" in sets or "legal_rep_title" in sets)
        and stored.get("operator_address")
        and not is_registered_trader(party.kind, party.legal_rep_title)
    ):
        # No longer a 个体工商户 (类型=企业, a person, another title): its 经营者住所 is
        # cleared, not kept unseen. A clerk who retypes the kind is correcting what the party
        # is, and intake refuses the field on any other kind (build_party), so a kept one
        # would be a value no form or import could have given and the papers no longer print
        # (documents/context); the change table and the history show it going (its old value
        # stays readable in the history), as they show the 经营者 title going.
        keep.add("operator_address")
    return {name: parsed[name] for name in keep if name in parsed}


def _trader_words(
    stored: dict[str, Any], typed: dict[str, str], prefix: str
) -> list[ValidationError]:
    """A 个体工商户's own word (经营场所, 经营者: fields.trader_word) typed for a party that
    is no 个体工商户 is refused, not taken as the field it stands for: a natural person's or
    an organisation's address is kept as its 住所 (市场主体登记管理条例 (2021) art. 8
    registers an organisation's "住所或者主要经营场所", para. 1(四), and a 个体工商户's
    经营者's 住所 and its 经营场所, para. 2(四)), and only a 个体工商户 has a 经营者 (民诉法解释
    (2022) art. 59); an organisation's representative is its 法定代表人 or 负责人 (民事诉讼法
    art. 51)."""
    if is_registered_trader(stored["kind"], stored.get("legal_rep_title")):
        return []
    found = []
    for name, word in typed.items():
        label = trader_word(name, word)
        if label is None:
            continue
        message = _(
            "only a sole trader (个体工商户) has a {word}; this party is recorded as {kind}"
        )
        message = message.format(word=label, kind=kind_text(stored["kind"], None))
        if name == "address" or is_organisation(stored["kind"]):
            message = _("{message}: set its {field}").format(
                message=message, field=field_label(name)
            )
        where = _("{party} {field}").format(party=prefix, field=word)
        found.append(ValidationError(message, where=where))
    return found


def stored_kind_of(value: object) -> PartyKind | None:
    """The kind a party's value names, None if it names none."""
    try:
        return parse_kind(value)
    except BadValue:
        return None


def _role_problems(final: list[tuple[int | None, dict[str, Any]]]) -> list[ValidationError]:
    roles = {values["role"] for _n, values in final}
    found = []
    if PartyRole.APPLICANT.value not in roles:
        found.append(ValidationError(_("a dispute needs at least one applicant"), where="--party"))
    if PartyRole.RESPONDENT.value not in roles:
        found.append(ValidationError(_("a dispute needs at least one respondent"), where="--party"))
    return found


def _case_changes(case: CaseRow, parsed: dict[str, Any]) -> dict[str, FieldEdit]:
    changes = {}
    for name, new in parsed.items():
        old = getattr(case, name)
        if name == "tags":
            old, new = list(old or []), list(new or [])
        if old != new:
            changes[name] = FieldEdit(name, old, new)
    return changes


def _check_number_free(uow: UnitOfWork, case_id: int, number: str) -> None:
    variants = bracket_variants(number)
    other = uow.session.exec(
        select(CaseRow.id).where(
            col(CaseRow.court_case_no).in_(sorted(variants)), CaseRow.id != case_id
        )
    ).first()
    if other is not None:
        raise ConflictError(
            _("The case number {no} is already registered (case {id}).").format(no=number, id=other)
        )


def _party_changes(
    stored: list[PartyRow],
    removed: set[int],
    final: list[tuple[int | None, dict[str, Any]]],
) -> list[FieldEdit]:
    edits = [FieldEdit("removed", stored[n - 1].name, None, n) for n in sorted(removed)]
    added = 0
    for number, values in final:
        if number is None:
            added += 1
            edits.append(FieldEdit("added", None, values["name"], len(stored) + added))
            continue
        row = stored[number - 1]
        for name in PARTY_EDITABLE:
            old, new = getattr(row, name), values.get(name)
            if old != new and not (old in (None, "") and new in (None, "")):
                edits.append(FieldEdit(name, old, new, number))
    return edits


def _party_event(
    edits: list[FieldEdit], stored: list[PartyRow]
) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for e in edits:
        key = f"parties[{e.party}].{e.field}"
        before[key], after[key] = _shown(e.field, e.old), _shown(e.field, e.new)
    # a party becoming (or ceasing to be) a 个体工商户 changes its title to or from 经营者
    # (domain/parties.py OPERATOR): its kind goes with it, so history can say
    # 类型：企业 → 个体工商户 (domain/events.py describe), not the stored title
    changes = [(e.party, e.field, e.old, e.new) for e in edits]
    kinds = {number: row.kind for number, row in enumerate(stored, start=1)}
    for party, flip in trader_flips(changes, kinds).items():
        if not flip.kind_changed:
            kind = f"parties[{party}].kind"
            before[kind] = after[kind] = _shown("kind", flip.old_kind)
    context = {k: v for k, v in _trader_context(edits, stored).items() if k not in after}
    if context:
        after[CONTEXT] = context
    return before, after


def _trader_context(edits: list[FieldEdit], stored: list[PartyRow]) -> dict[str, Any]:
    """The kind and title of each 个体工商户 whose address or 经营者 changed, as the party is
    after the edit (events.trader_context)."""
    after: dict[int, dict[str, Any]] = {}
    for e in edits:
        if e.party is not None and e.party <= len(stored):
            after.setdefault(e.party, {})[e.field] = e.new
    return trader_context(
        (
            f"parties[{e.party}]",
            e.field,
            after[e.party].get("kind", stored[e.party - 1].kind),
            after[e.party].get("legal_rep_title", stored[e.party - 1].legal_rep_title),
        )
        for e in edits
        if e.party in after
    )


def _apply_parties(
    uow: UnitOfWork,
    case_id: int,
    stored: list[PartyRow],
    removed: set[int],
    final: list[tuple[int | None, dict[str, Any]]],
) -> None:
    for gone in removed:
        uow.session.delete(stored[gone - 1])
    uow.session.flush()
    for position, (number, values) in enumerate(final):
        if number is None:
            uow.session.add(PartyRow(case_id=case_id, position=position, **values))
            continue
        row = stored[number - 1]
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        row.position = position
        uow.session.add(row)


# ---------------------------------------------------------------- reopen


@dataclass
class Reopened:
    case_id: int
    status: str
    version: int
    outcome: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "status": self.status,
            "version": self.version,
            "undone": self.outcome,
        }


def reopen_case(
    uow: UnitOfWork, case_id: int, reason: str, expected_version: int | None = None
) -> Reopened:
    """Undo an outcome recorded by mistake: a supervisor or admin, with a reason.

    The case goes back to mediation (or to its body, when no mediator had it); the outcome
    row is removed and its content kept in the audit event. A case whose agreement is
    already before a court (filed, ruled) cannot be reopened: the court's file stands.
    """
    who = identity(uow)
    if who.role not in (None, ClerkRole.SUPERVISOR, ClerkRole.ADMIN):
        raise AccessDenied(
            _(
                "Only a supervisor or an admin may reopen a case; the clerk {clerk} is a {role}."
            ).format(clerk=who.clerk, role=clerk_role_label(who.role) if who.role else "")
        )
    if not reason.strip():
        raise ValidationError(_("Reopening a case needs a reason (--reason)."), where="--reason")
    case = load_case(uow, case_id)
    if case.status not in {s.value for s in CLOSED_STATUSES}:
        raise ValidationError(
            _("Case {id} is not closed ({status}); there is nothing to reopen.").format(
                id=case_id, status=status_label(case.status)
            )
        )
    confirmation = uow.session.exec(
        select(ConfirmationRow).where(ConfirmationRow.case_id == case_id)
    ).first()
    if confirmation is not None and confirmation.status != ConfirmationStatus.DRAFTED:
        raise ValidationError(
            _(
                "Case {id}'s agreement is already with the court ({status}); it cannot be "
                "reopened here."
            ).format(id=case_id, status=status_label(confirmation.status))
        )
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case_id)).first()
    undone: dict[str, Any] = {}
    if outcome is not None:
        undone = {
            k: jsonable(getattr(outcome, k))
            for k in ("result", "decided_on", "terms", "amount", "perform_by", "reason")
        }
        uow.session.delete(outcome)
    if confirmation is not None:
        uow.session.delete(confirmation)
    uow.session.flush()
    target = Status.IN_MEDIATION if case.mediator_id is not None else Status.ROUTED
    update_case(
        uow,
        case,
        {"status": target.value, "closed_on": None},
        "reopen",
        note=reason.strip(),
        expected_version=expected_version,
        before_extra={"outcome": undone},
    )
    return Reopened(case_id, case.status, case.version, undone)


def _at(option: str, problem: ValidationError) -> ValidationError:
    """A bad value located at the option that gave it: `--set 适用程序：…`."""
    where = f"{option} {problem.where}" if problem.where else option
    return ValidationError(problem.reason, where=where)


def _where(field: str, typed: dict[str, str] | None = None) -> str:
    """Where a party's value is wrong, in words: 第2个当事人的证件号码, not 当事人 2.id_number;
    a field by the word the clerk typed for it (`typed`), if any."""
    from mediate.domain.fields import field_label

    head, dot, code = field.rpartition(".")
    if not dot or not code.isidentifier():
        return field
    label = (typed or {}).get(code) or field_label(code)
    return _("{party} {field}").format(party=head, field=label)
