"""`mediate case dossier`: the case dossier (卷宗) for archiving (added to `case.app`)."""

from __future__ import annotations

from pathlib import Path

import typer

from mediate.commands.case import app
from mediate.commands.common import (
    CaseId,
    DossierPdfOption,
    ForceOption,
    JsonOption,
    OutDirOption,
    RetentionOption,
    app_context,
    dossier_options,
    wants_json,
)
from mediate.i18n import _


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
    case_id: CaseId,
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
