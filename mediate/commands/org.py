"""`mediate org list|show|import`: the bodies of the mediation network."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.common import JsonOption, app_context, choice, screened, wants_json
from mediate.domain import vocabulary
from mediate.i18n import _

app = typer.Typer(help=summaries.ORG, no_args_is_help=True)


@app.command("list", help=_("List the bodies, optionally by kind, county, field or name."))
def list_orgs(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help=_("Only this kind of body, e.g. 专业调解组织 or professional."),
            callback=choice(vocabulary.ORG_KIND),
        ),
    ] = None,
    county: Annotated[
        str | None,
        typer.Option(
            "--county",
            callback=screened(),
            help=_("Only bodies in this division (code prefix or place)."),
        ),
    ] = None,
    field: Annotated[
        str | None,
        typer.Option("--field", callback=screened(), help=_("Only this professional field.")),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", callback=screened(), help=_("Name contains this text.")),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate.commands.reads import org_list
    from mediate.services.bodies import OrgFilter
    from mediate.services.routing import bundled

    prefix = county
    if county and not county.isdigit():
        prefix = vocabulary.COUNTY.find(county) or bundled().division_code(county)
        if prefix is None:
            raise typer.BadParameter(
                _("{place!r} is not a division of Jiaozuo: give its code or name.").format(
                    place=county
                ),
                param_hint=["--county"],  # a list: quoted as the interface language quotes
            )
    org_list(
        app_context(ctx),
        OrgFilter(kind=kind, county=prefix, field=field, text=search),
        wants_json(ctx, json_),
    )


@app.command("show", help=_("Show one body: its record and open cases."))
def show(
    ctx: typer.Context,
    org_id: Annotated[
        str,
        typer.Argument(metavar="ID", help=_("The body: its id or name."), callback=screened()),
    ],
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.bodies import resolve_org
    from mediate.services.network import show_org

    with app_context(ctx).uow() as uow:
        record = show_org(uow, resolve_org(uow, org_id, _("ID")))
    if wants_json(ctx, json_):
        console.print_json(record)
        return
    from mediate.domain.events import value_label
    from mediate.routing.network import org_field_label

    console.key_values(
        [
            (
                org_field_label(key),  # as `org import` reads them back
                value_label(key, value) if value is not None else "",
            )
            for key, value in record.items()
        ]
    )


@app.command(
    "import",
    help=_(
        "Load bodies from CSV, XLSX or YAML (the fields of data/network.yaml). "
        "Re-importing updates them by id, never duplicates."
    ),
)
def import_orgs(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help=_("The CSV, XLSX or YAML file."))],
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.network import import_orgs as load

    with app_context(ctx).uow(network=False) as uow:  # how a deployment loads its network
        result = load(uow, file)
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(result.as_json())
        return
    console.success(
        _("{created} bodies created, {updated} updated, {unchanged} unchanged.").format(
            created=len(result.created), updated=len(result.updated), unchanged=result.unchanged
        )
    )
