"""`mediate clerk`: the registry of clerks (who works for which body, in which role)."""

from __future__ import annotations

from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.common import JsonOption, app_context, choice, screened, wants_json
from mediate.domain import vocabulary
from mediate.i18n import _

app = typer.Typer(help=summaries.CLERK, no_args_is_help=True)

RoleOption = Annotated[
    str,
    typer.Option(
        "--role",
        help=_(
            "clerk (own body), supervisor (own body and below) or admin; the Chinese "
            "name works too."
        ),
        callback=choice(vocabulary.CLERK_ROLE),
    ),
]


@app.command("add", help=_("Register a clerk for a body. The first clerk must be an admin."))
def add(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help=_("The clerk's name, as given with --clerk."),
            callback=screened("clerks.name", blank=False),
        ),
    ],
    org: Annotated[
        str | None,
        typer.Option("--org", callback=screened(), help=_("Id of the body the clerk works for.")),
    ] = None,
    role: RoleOption = "clerk",
    db_role: Annotated[
        str | None,
        typer.Option(
            "--db-role",
            help=_("PostgreSQL only: also create this database login for the clerk."),
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.clerks import add_clerk, grant_login

    context = app_context(ctx)
    from mediate.services.bodies import resolve_org

    with context.uow() as uow:
        info = add_clerk(uow, name, resolve_org(uow, org) if org else None, role)
        if db_role:
            info = grant_login(uow, name, db_role).clerk
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(info.as_dict())
        return
    console.success(
        _("Registered {name} ({role}) for {org}.").format(
            name=info.name,
            role=vocabulary.clerk_role_label(info.role),
            org=info.org_name or info.org_id or _("every body"),
        )
    )
    if info.db_role:
        console.message(_("Database login: {role}").format(role=info.db_role))


@app.command("list", help=_("List the registered clerks."))
def list_(
    ctx: typer.Context,
    active: Annotated[
        bool, typer.Option("--active", help=_("Only clerks who are not disabled."))
    ] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.clerks import list_clerks

    with app_context(ctx).uow() as uow:
        clerks = list_clerks(uow, include_disabled=not active)
    if wants_json(ctx, json_):
        console.print_json([c.as_dict() for c in clerks])
        return
    if not clerks:
        console.message(
            _("No clerks are registered: everybody may use this database (a single desk).")
        )
        return
    console.table(
        [_("Name"), _("Role"), _("Body"), _("Database login"), _("Active")],
        [
            (
                c.name,
                vocabulary.clerk_role_label(c.role),
                c.org_name or c.org_id or "-",
                c.db_role or "-",
                _("yes") if c.active else _("no"),
            )
            for c in clerks
        ],
    )


@app.command(
    "disable", help=_("Disable a clerk: they (and their database login) may no longer work.")
)
def disable(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help=_("The clerk's name."), callback=screened("clerks.name")
        ),
    ],
) -> None:
    from mediate import console
    from mediate.services.clerks import disable_clerk

    with app_context(ctx).uow() as uow:
        info = disable_clerk(uow, name)
        uow.commit()
    console.success(_("Disabled {name}.").format(name=info.name))
