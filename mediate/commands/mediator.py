"""`mediate mediator add|list|disable|enable`: the mediators of each body (调解员名册)."""

from __future__ import annotations

from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.common import (
    JsonOption,
    app_context,
    choice,
    screened,
    wants_json,
    whole_number,
)
from mediate.domain import vocabulary
from mediate.i18n import _

app = typer.Typer(
    help=summaries.MEDIATOR,
    no_args_is_help=True,
)
MediatorId = Annotated[
    int, typer.Argument(metavar="ID", parser=whole_number(), help=_("The mediator's id."))
]


@app.command("add", help=_("Add a mediator to a body."))
def add(
    ctx: typer.Context,
    org: Annotated[
        str, typer.Option("--org", callback=screened(), help=_("The body: its id or its name."))
    ],
    name: Annotated[
        str,
        typer.Option(
            "--name",
            callback=screened("mediators.name", blank=False),
            help=_("The mediator's name."),
        ),
    ],
    type_: Annotated[
        str,
        typer.Option(
            "--type",
            help=_(
                "invited (特邀), lawyer (律师), expert (专家), people (人民调解员), "
                "arbitrator (仲裁员) or notary (公证员); the Chinese name works too."
            ),
            callback=choice(vocabulary.MEDIATOR_TYPE),
        ),
    ] = "people",
    phone: Annotated[
        str | None,
        typer.Option("--phone", callback=screened("mediators.phone"), help=_("A contact phone.")),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.errors import BadOptionValue
    from mediate.intake.values import BadValue, parse_phone
    from mediate.services.bodies import resolve_org
    from mediate.services.mediators import add_mediator
    from mediate.store.tables import OrgRow

    try:  # a phone as a party's is read: 138 0000 0000, 0391-1234567; not "abc"
        number = parse_phone(phone)
    except BadValue as exc:
        raise BadOptionValue("--phone", str(exc)) from None
    with app_context(ctx).uow() as uow:
        row = add_mediator(uow, resolve_org(uow, org), name, type_, number)
        body = uow.session.get(OrgRow, row.org_id)
        uow.commit()
        # The body as history prints it, 焦作市解放区人民调解中心（jz-410802-county-center)
        at = _("{name} ({id})").format(name=body.name, id=row.org_id) if body else row.org_id
    if wants_json(ctx, json_):
        console.print_json({"id": row.id, "org": row.org_id, "name": row.name, "type": row.type})
        return
    console.success(
        _("Added mediator {id}: {name} ({type}) at {org}.").format(
            id=row.id, name=row.name, type=vocabulary.mediator_type_label(row.type), org=at
        )
    )


@app.command("list", help=_("List mediators and how many open cases each one holds."))
def list_(
    ctx: typer.Context,
    org: Annotated[
        str | None,
        typer.Option(  # --org: its former name (common.BodyOption)
            "--body",
            "--org",
            callback=screened(),
            help=_("Only the mediators of this body: its id or name."),
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help=_("Include disabled mediators."))] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.model import mask_phone
    from mediate.services.bodies import resolve_org
    from mediate.services.mediators import list_mediators

    with app_context(ctx).uow() as uow:
        views = list_mediators(uow, resolve_org(uow, org, "--body") if org else None, all_)
    if wants_json(ctx, json_):
        console.print_json([v.as_json() for v in views])
        return
    if not views:  # a sentence, not an empty table
        console.message(
            (_("This body has no mediators yet.") if org else _("There are no mediators yet."))
            + ("" if all_ else " " + _("(--all includes disabled ones)"))
        )
        return
    console.table(
        [_("Id"), _("Body"), _("Name"), _("Type"), _("Phone"), _("Open cases"), _("Active")],
        [
            [
                v.id,
                v.org_name,
                v.name,
                vocabulary.mediator_type_label(v.type),
                mask_phone(v.phone),
                v.open_cases,
                _("yes") if v.active else _("no"),
            ]
            for v in views
        ],
        title=_("Mediators"),
    )


@app.command(
    "disable", help=_("Disable a mediator: no new cases; open ones stay until reassigned.")
)
def disable(
    ctx: typer.Context,
    mediator_id: MediatorId,
) -> None:
    from mediate import console
    from mediate.services.mediators import disable_mediator

    with app_context(ctx).uow() as uow:
        row, still_open = disable_mediator(uow, mediator_id)
        uow.commit()
    console.success(_("Mediator {id} ({name}) disabled.").format(id=row.id, name=row.name))
    if still_open:
        console.warn(
            _(
                "{n} open cases are still with this mediator: reassign them with case assign."
            ).format(n=still_open)
        )


@app.command("enable", help=_("Enable a disabled mediator again: they may take new cases."))
def enable(
    ctx: typer.Context,
    mediator_id: MediatorId,
) -> None:
    from mediate import console
    from mediate.services.mediators import enable_mediator

    with app_context(ctx).uow() as uow:
        row = enable_mediator(uow, mediator_id)
        uow.commit()
    console.success(_("Mediator {id} ({name}) enabled again.").format(id=row.id, name=row.name))
