"""`mediate case edit | reopen | find`: correcting a case, undoing an outcome, finding
cases by what the clerk knows (added to `case.app`)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mediate.commands.case import app
from mediate.commands.case_lifecycle import calendar, is_interactive
from mediate.commands.common import (
    ExpectOption,
    JsonOption,
    app_context,
    screened,
    wants_json,
    whole_number,
)
from mediate.domain.fields import CASE_EDITABLE, PARTY_EDITABLE, typed_names
from mediate.i18n import _

# ---------------------------------------------------------------- case edit


def _pairs(
    values: list[str] | None, party: bool, typed: dict[str, str] | None = None
) -> dict[str, str]:
    """`FIELD=VALUE` options -> {field: value}; the field by code, label or Chinese name,
    `＝` or (after a field's name) `：` as a Chinese keyboard types them (intake/pairs).
    `typed` gets each field's name as typed (a message names it so: 经营者, not 法定代表人)."""
    from mediate.domain.fields import CASE_EDITABLE, PARTY_EDITABLE
    from mediate.errors import BadOptionValue
    from mediate.intake.pairs import field_keys, field_test, pair_of, refuse_repeat, refuse_stray
    from mediate.intake.values import BadValue
    from mediate.services.editing import resolve_field

    is_key = field_test(PARTY_EDITABLE if party else CASE_EDITABLE)
    found: dict[str, str] = {}
    for item in values or []:
        try:
            name, value = pair_of(item, is_key)
        except BadValue as exc:
            raise BadOptionValue("--set", str(exc)) from None
        field = resolve_field(name, party)
        if party:  # a party's value holding `电话=…` was meant as two fields
            try:
                refuse_stray(value, field_keys(PARTY_EDITABLE))
            except BadValue as exc:
                raise BadOptionValue(f"--set {name}", str(exc)) from None
        try:
            refuse_repeat(found, field)
        except BadValue as exc:
            raise BadOptionValue("--set", str(exc)) from None
        found[field] = value
        if typed is not None:
            typed[field] = name
    return found


def _party_spec(spec: str) -> dict[str, str]:
    """`--add-party 'role=respondent,name=张三,id_number=…'` (or `，`, `＝`, `：`)."""
    from mediate.domain.fields import PARTY_EDITABLE
    from mediate.errors import BadOptionValue
    from mediate.intake.pairs import (
        field_keys,
        field_test,
        read_pairs,
        refuse_repeat,
        refuse_stray,
    )
    from mediate.intake.values import BadValue
    from mediate.services.editing import resolve_field

    keys = field_keys(PARTY_EDITABLE)
    try:
        pairs = read_pairs(spec, field_test(PARTY_EDITABLE))
    except BadValue as exc:
        raise BadOptionValue("--add-party", str(exc)) from None
    values: dict[str, str] = {}
    for name, value in pairs:
        try:
            refuse_stray(value, keys)
        except BadValue as exc:
            raise BadOptionValue(f"--add-party {name}", str(exc)) from None
        field = resolve_field(name, party=True, where="--add-party")
        try:
            refuse_repeat(values, field)
        except BadValue as exc:
            raise BadOptionValue("--add-party", str(exc)) from None
        values[field] = value
    return values


@app.command(
    "edit",
    help=_(
        "Correct or complete a case: --set FIELD=VALUE for the case, --party N --set "
        "FIELD=VALUE for its N-th party (as numbered in case show), --add-party, "
        "--remove-party. At a terminal with no option: a form with the current values."
    ),
)
def edit(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ID", help=_("The case id or its case number."), callback=screened()
        ),
    ],
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help=_(
                "A field and its new value. The case's fields: {case}. A party's (with "
                "--party): {party}."
            ).format(case=typed_names(CASE_EDITABLE), party=typed_names(PARTY_EDITABLE)),
        ),
    ] = None,
    party: Annotated[
        int | None,
        typer.Option(
            "--party",
            metavar="PARTY",
            parser=whole_number(),
            help=_("The --set values are for this party (its number)."),
        ),
    ] = None,
    add_party: Annotated[
        list[str] | None,
        typer.Option(
            "--add-party", metavar="SPEC", help=_("Add a party: 'role=respondent,name=…,…'.")
        ),
    ] = None,
    remove_party: Annotated[
        list[int] | None,
        typer.Option("--remove-party", metavar="PARTY", help=_("Remove this party (its number).")),
    ] = None,
    reroute: Annotated[
        bool | None,
        typer.Option(
            "--reroute/--no-reroute",
            help=_("Route the case again after the change (asked at a terminal)."),
        ),
    ] = None,
    expect: ExpectOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask to confirm."))] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.cases import resolve_case
    from mediate.services.editing import Edit, PartyEdit, edit_case, routed_again

    context = app_context(ctx)
    interactive = is_interactive(context.no_input)
    work_calendar = calendar(context)
    with context.uow() as uow:
        case_id = resolve_case(uow, ref)
    change = Edit(
        add=[_party_spec(s) for s in add_party or []],
        remove=list(remove_party or []),
        typed=True,
    )
    typed: dict[str, str] = {}
    values = _pairs(sets, party is not None, typed)
    if party is not None:
        change.parties.append(PartyEdit(party, values, typed))
    else:
        change.sets = values
    if change.empty() and reroute:
        # `case edit N --reroute` alone (the hint after an edit that was not re-routed):
        # route the case again on what is stored
        _reroute_stored(ctx, context, case_id, work_calendar, json_)
        return
    if change.empty():
        if not interactive:
            from mediate.errors import ValidationError

            raise ValidationError(
                _("Nothing to change: give --set FIELD=VALUE (see case edit --help)."),
                where="case edit",
            )
        change = _form(context, case_id)
        if change.empty():
            console.message(_("Nothing changed."))
            return
    # First what the edit would do (validated, nothing kept), then the questions, then the
    # edit and any re-routing in one transaction against the version that was shown.
    with context.uow() as uow:
        preview = edit_case(uow, case_id, change, expect, work_calendar)
        places = _own_places(uow, preview)
        uow.rollback()
    if preview.changes and interactive and not yes:
        _show_edits(preview, places)
        if not console.confirm(_("Save these changes?"), default=True):
            console.message(_("Nothing changed."))
            raise typer.Exit(1)
    again = False
    if preview.reroute and preview.reroutable:
        if reroute is not None:
            again = reroute
        elif interactive:
            again = console.confirm(
                _("The change may send the case elsewhere. Route it again now?"), default=True
            )
    routed = None
    with context.uow() as uow:
        result = edit_case(uow, case_id, change, preview.from_version, work_calendar)
        if again and result.changes:
            from mediate.services.routing import route_case

            routed = route_case(uow, case_id, reason=_("case edited"), calendar=work_calendar)
            result = routed_again(uow, case_id, result)
        places = _own_places(uow, result)
        uow.commit()
    for warning in work_calendar.warnings():  # a deadline counted in a year it does not know
        console.warn(warning)
    if wants_json(ctx, json_):
        data = result.as_json()
        data["rerouted_to"] = routed.org.name if routed else None
        console.print_json(data)
        return
    for notice in result.notices:
        console.warn(notice)
    if not result.changes:
        console.message(_("Nothing changed: the values are the ones stored."))
        return
    if not interactive or yes:
        _show_edits(result, places)
    console.success(
        _("Case {id} changed (version {version}).").format(id=case_id, version=result.version)
    )
    if routed is not None:
        console.message(_("Routed again: {org}.").format(org=routed.org.name))
    elif result.reroute and not result.reroutable:
        console.warn(
            _(
                "The change may send the case elsewhere, but a mediator has it: "
                "use `mediate case transfer {id} --reroute --reason …` if it should move."
            ).format(id=case_id)
        )
    elif result.reroute:
        console.message(
            _("The change may send the case elsewhere: `mediate case edit {id} --reroute`.").format(
                id=case_id
            )
        )


def _reroute_stored(
    ctx: typer.Context, context: Any, case_id: int, work_calendar: Any, json_: bool
) -> None:
    """Route a case again with the rules on its stored data (`case edit N --reroute` with
    nothing to change); a case a mediator has is refused by the status check."""
    from mediate import console
    from mediate.services.editing import routed_again
    from mediate.services.routing import route_case

    with context.uow() as uow:
        routed = route_case(uow, case_id, reason=_("case edited"), calendar=work_calendar)
        result = routed_again(uow, case_id)
        uow.commit()
    for warning in work_calendar.warnings():
        console.warn(warning)
    if wants_json(ctx, json_):  # the shape of an edit's (`EditResult.as_json`)
        console.print_json(result.as_json() | {"rerouted_to": routed.org.name})
        return
    console.message(_("Routed again: {org}.").format(org=routed.org.name))


def _own_places(uow: Any, result: Any) -> dict[str, str]:
    """The names of the deployment's own divisions among the places the edit changes
    (services/cases.own_place_names: as `case show` names them)."""
    from mediate.domain.events import PLACE_KEYS
    from mediate.services.cases import own_place_names

    changes = [e.as_json() for e in result.changes]
    values = [c[side] for c in changes if c["field"] in PLACE_KEYS for side in ("old", "new")]
    return own_place_names(uow, values)


def _show_edits(result: Any, places: dict[str, str]) -> None:
    from mediate import console

    console.table(
        [_("Party"), _("Data field"), _("Before"), _("After")],
        _edit_rows(result, places),
        title=_("Changes to case {id}").format(id=result.case_id),
    )


def _edit_rows(result: Any, places: dict[str, str]) -> list[list[str]]:
    """The change table's rows. A party becoming (or ceasing to be) a 个体工商户 has its
    stored title set to (or from) 经营者 (domain/parties.py OPERATOR: how a 个体工商户 is
    recorded, 民诉法解释 art. 59): the clerk reads that as its kind, 类型 企业 → 个体工商户,
    never as a 法定代表人职务 row. A field emptied (`电话=`, `电话= `, the form's '-') reads
    (cleared) after, not a blank cell (domain/events.cleared)."""
    from mediate.domain.fields import field_label
    from mediate.domain.parties import trader_flips

    changes = [e.as_json() for e in result.changes]
    flips = trader_flips(
        ((c["party"], c["field"], c["old"], c["new"]) for c in changes), result.kinds
    )
    rows = []
    for c in changes:
        party, trader = c["party"], c["party"] in result.traders
        if party in flips and c["field"] in ("kind", "legal_rep_title"):
            if c["field"] == "legal_rep_title" and flips[party].kind_changed:
                continue  # said once, on the kind's row
            rows.append([str(party), field_label("kind"), *flips[party].labels()])
            continue
        rows.append(
            [
                str(party or ""),
                _edit_label(c["field"], trader),
                "" if c["old"] is None else _text(c["field"], c["old"], places=places),
                _new_text(c, trader, places),
            ]
        )
    return rows


def _new_text(change: dict[str, Any], trader: bool, places: dict[str, str]) -> str:
    """A change's new value as the change table prints it: a field emptied (`电话=`, `电话= `,
    the form's '-') as (cleared), not a blank cell (domain/events.cleared); a party removed
    as a whole has none."""
    from mediate.domain.events import cleared, is_empty

    if is_empty(change["new"]) and change["field"] not in ("added", "removed"):
        return cleared()
    return "" if change["new"] is None else _text(change["field"], change["new"], trader, places)


def _edit_label(name: str, trader: bool = False) -> str:
    """A changed field's label; a 个体工商户's representative is its 经营者 (民诉法解释 art. 59),
    its address its 经营场所 (市场主体登记管理条例 (2021) art. 8 para. 2(四))."""
    from mediate.domain.fields import party_field_label

    whole = {"added": _("party added"), "removed": _("party removed")}
    return whole.get(name) or party_field_label(name, trader)


def _text(
    field: str, value: Any, trader: bool = False, places: dict[str, str] | None = None
) -> str:
    """A value as history shows it: a code of a closed set by its label (普通程序); the
    kind of a 个体工商户 as 个体工商户; a place at a division of the deployment's own by
    `places`."""
    from mediate.domain.events import value_label
    from mediate.domain.parties import OPERATOR, kind_text

    if trader and field == "kind":
        return kind_text(value, OPERATOR)
    return value_label(field, value, places=places)


# Identity numbers, masked on screen (DESIGN.md §2) as `case show` masks them
# (services/cases._party); Enter keeps the stored number.
_MASKED = ("id_number", "guardian_id_number")


def _form_value(name: str, value: str, legal_rep_title: str = "") -> str:
    """A stored value as the form shows it, in the clerk's words, which `case edit` takes
    back: a code of a closed set by its label (被申请人, 企业, 自行受理, 普通程序), the kind
    of a 个体工商户 as 个体工商户 (domain/parties.kind_text); an identity number and a phone
    number masked as on every screen (DESIGN.md §2, DOMAIN.md §5: 4108**********0016, as `case show`
    prints it); other text as stored."""
    from mediate.domain.events import value_label
    from mediate.domain.model import mask_id, mask_phone
    from mediate.domain.parties import kind_text
    from mediate.domain.vocabulary import PARTY_ROLE

    if not value:
        return value
    if name in _MASKED:
        return mask_id(value)
    if name == "phone":  # masked as `case show` masks it (services/cases._party)
        return mask_phone(value)
    if name == "kind":
        return kind_text(value, legal_rep_title)
    if name == "role":
        return PARTY_ROLE.label(value) if value in PARTY_ROLE.codes else value
    return value_label(name, value)


def _form(context: Any, case_id: int) -> Any:
    """The interactive form: every field with its current value; Enter keeps it."""
    from mediate import console
    from mediate.domain.fields import field_label, party_field_label
    from mediate.domain.parties import is_registered_trader
    from mediate.services.editing import Edit, PartyEdit, editable_values

    with context.uow() as uow:
        current = editable_values(uow, case_id)
    console.message(_("Case {id}: Enter keeps a value, a single '-' clears it.").format(id=case_id))
    change = Edit()
    for name in CASE_EDITABLE:
        old = _form_value(name, current["case"][name])
        new = console.ask(field_label(name), default=old)
        if new != old:
            change.sets[name] = "" if new.strip() == "-" else new
    for number, values in enumerate(current["parties"], start=1):
        if not console.confirm(
            _("Edit party {n} ({name})?").format(n=number, name=values["name"]), default=False
        ):
            continue
        sets = {}
        trader = is_registered_trader(values["kind"], values["legal_rep_title"])
        for name in PARTY_EDITABLE:
            if trader and name == "legal_rep_title":
                continue  # a 个体工商户's is 经营者 (民诉法解释 (2022) art. 59): not asked
            old = _form_value(name, values[name], values["legal_rep_title"])
            new = console.ask(party_field_label(name, trader), default=old)
            if new != old:  # a masked ID kept by Enter is no change: the stored one stays
                sets[name] = "" if new.strip() == "-" else new
        if sets:
            change.parties.append(PartyEdit(number, sets))
    return change


# ---------------------------------------------------------------- case reopen


@app.command(
    "reopen",
    help=_(
        "Undo an outcome recorded by mistake (supervisor or admin, with a reason): the case "
        "goes back to mediation; the undone outcome stays in the audit trail."
    ),
)
def reopen(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ID", help=_("The case id or its case number."), callback=screened()
        ),
    ],
    reason: Annotated[
        str,
        typer.Option(
            "--reason", callback=screened(lines=True, blank=False), help=_("Why it is reopened.")
        ),
    ],
    expect: ExpectOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask to confirm."))] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.status import status_label
    from mediate.services.cases import resolve_case
    from mediate.services.editing import reopen_case

    context = app_context(ctx)
    with context.uow() as uow:
        case_id = resolve_case(uow, ref)
    question = _("Reopen case {id} and undo its outcome?").format(id=case_id)
    if is_interactive(context.no_input) and not yes and not console.confirm(question, False):
        console.message(_("Nothing changed."))
        raise typer.Exit(1)
    with context.uow() as uow:
        done = reopen_case(uow, case_id, reason, expect)
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(done.as_json())
        return
    console.success(
        _("Case {id} reopened: {status} (version {version}).").format(
            id=case_id, status=status_label(done.status), version=done.version
        )
    )


# ---------------------------------------------------------------- case find


@app.command(
    "find",
    help=_(
        "Find cases by a party's name (or part of it), an ID number (whole or its last 4+ "
        "characters), a phone number, or part of the case number."
    ),
)
def find(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(metavar="TEXT", callback=screened(blank=False), help=_("What you know.")),
    ],
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=1_000_000_000, help=_("At most this many."))
    ] = 50,
    json_: JsonOption = False,
) -> None:
    from mediate.commands.reads import case_find

    case_find(app_context(ctx), text, limit, wants_json(ctx, json_))
