"""`mediate case dossier`: the case dossier (卷宗) for archiving (added to `case.app`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mediate.commands.case import app
from mediate.commands.common import (
    ForceOption,
    JsonOption,
    OutDirOption,
    app_context,
    screened,
    wants_json,
)
from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.services.dossier import DossierOptions

RetentionOption = Annotated[
    str | None,
    typer.Option(
        "--retention",
        # line breaks kept: the dossier refuses a period that is not one line, by name
        callback=screened(lines=True),
        help=_(
            "Retention period (保管期限) printed on the cover, e.g. 永久 (default: the "
            "dossier_retention setting; without one the cover leaves it blank to fill in)."
        ),
    ),
]
DossierPdfOption = Annotated[
    bool,
    typer.Option(
        "--pdf",
        help=_("Also a PDF (LibreOffice); the contents' page numbers are then counted from it."),
    ),
]


def dossier_options(
    ctx: typer.Context, retention: str | None, pdf: bool, force: bool
) -> DossierOptions:
    from mediate.services.dossier import DossierOptions, retention_period

    settings = app_context(ctx).settings
    if retention is not None:
        chosen = retention_period(retention, "--retention")
    else:
        chosen = retention_period(settings.get("dossier_retention"), "dossier_retention")
    return DossierOptions(chosen, pdf, settings.path("templates"), overwrite=force)


@app.command(
    "dossier",
    help=_(
        "Write a closed case's dossier (卷宗) for archiving: one Word file with the cover, "
        "the table of contents and every paper in archive order, each paper as a file, and "
        "manifest.json with their sha256."
    ),
)
def dossier(
    ctx: typer.Context,
    case_id: Annotated[int, typer.Argument(metavar="ID", help=_("The case id."))],
    out: OutDirOption = Path("."),
    retention: RetentionOption = None,
    pdf: DossierPdfOption = False,
    force: ForceOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.casestore import today
    from mediate.services.dossier import make_dossier

    options = dossier_options(ctx, retention, pdf, force)
    with app_context(ctx).uow() as uow:
        result = make_dossier(uow, case_id, out, options, today())
    for warning in result.warnings:
        console.warn(warning)
    if wants_json(ctx, json_):
        console.print_json(result.as_json())
        return
    console.success(
        _("Wrote the dossier of case {case} (papers: {n}): {path}").format(
            case=case_id, n=result.documents, path=result.dossier
        )
    )
    console.info(_("Manifest: {path}").format(path=result.manifest))
