"""`mediate causes search|show|import`: the 案由 taxonomy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mediate.commands import summaries
from mediate.commands.common import JsonOption, app_context, screened, wants_json
from mediate.i18n import _

app = typer.Typer(help=summaries.CAUSES, no_args_is_help=True)

RevisionOption = Annotated[
    str | None,
    typer.Option(
        "--revision",
        "--version",
        help=_("Which revision, e.g. 2020 or 2025 (default: every loaded revision, newest first)."),
    ),
]


@app.command("search", help=_("Find causes whose name contains the text."))
def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", callback=screened(blank=False), help=_("Part of a cause's name.")
        ),
    ],
    revision: RevisionOption = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=10_000, help=_("At most this many."))
    ] = 50,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.causes import search as find

    with app_context(ctx).uow() as uow:
        found = find(uow, text, revision, limit)
    if wants_json(ctx, json_):
        console.print_json(found)
        return
    console.table(
        [_("Revision"), _("Code"), _("Cause"), _("Level"), _("Under")],
        [
            (c["version"], c["code"], _cause_shown(c), c["level"], " > ".join(c["path"][:-1]))
            for c in found
        ],
        caption=_("{n} found").format(n=len(found)),
    )


@app.command(
    "show",
    help=_(
        "Show a cause: where it sits in the taxonomy, what is under it and what it "
        "corresponds to in the other revision (default: the revision in force today, "
        "else any loaded one)."
    ),
)
def show(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME|CODE", callback=screened(blank=False), help=_("The cause's name or code.")
        ),
    ],
    revision: RevisionOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.errors import BadOptionValue
    from mediate.services.casestore import today
    from mediate.services.causes import show as describe

    if not name.strip():
        raise BadOptionValue(_("Cause"), _("give the cause's name or code"))
    with app_context(ctx).uow() as uow:
        data = describe(uow, name, revision, today())
    if wants_json(ctx, json_):
        console.print_json(data)
        return
    console.key_values(
        [
            (_("Cause"), _cause_shown(data)),
            (_("Code"), data["code"]),
            (_("Revision"), data["version"]),
            (_("Path"), " > ".join(data["path"])),
            (_("Below it"), "、".join(data["children"]) or "-"),
            (_("In the other revision"), _counterparts_shown(data)),
        ]
    )


def _counterparts_shown(data: dict[str, Any]) -> str:
    """The other revision's names for the cause; "the same in both revisions" when it keeps
    the name, the code and the sub-causes (the mapping lists only the names that changed);
    "name kept" with what changed otherwise."""
    names = [n for n in data["counterparts"] if n != data["name"]]
    if names:
        return "、".join(names)
    if data.get("name_kept_in_other"):
        codes = [c.split(": ", 1)[1] for c in data["changed_in_other"]]
        return _("name kept; code {code} there, and its sub-causes changed").format(
            code="、".join(codes)
        )
    return _("the same in both revisions") if data.get("same_in_other") else "-"


def _cause_shown(data: dict[str, Any]) -> str:
    """A cause's name; for a word that is no official name, the word and the official cause
    it resolves to (借钱不还 → 民间借贷纠纷), with the parties it needs if any."""
    from mediate.services.causes import condition_label

    written = data.get("written")
    if not written:
        return str(data["name"])
    shown = f"{written} → {data['name']}"
    when = condition_label(data.get("only_when"))
    return _("{cause} ({condition})").format(cause=shown, condition=when) if when else shown


@app.command(
    "import",
    help=_(
        "Load a revision of the taxonomy (YAML, nested like data/causes-2020.yaml or a flat "
        "list of code/name/level/parent_code) under a version label."
    ),
)
def import_causes(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help=_("The taxonomy file."))],
    version: Annotated[
        str | None,
        typer.Option("--version", help=_("Store it under this label (default: the file's own).")),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.causes import import_taxonomy

    with app_context(ctx).uow() as uow:
        result = import_taxonomy(uow, file, version)
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(result.as_json())
        return
    console.success(
        _(
            "案由 taxonomy {version}: {created} created, {updated} updated, {unchanged} unchanged."
        ).format(
            version=result.version,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        )
    )
