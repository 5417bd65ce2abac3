"""`mediate import FILE`: a court-referral spreadsheet (CSV or XLSX, DESIGN.md §3.3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.common import JsonOption, app_context, output_file, wants_json
from mediate.i18n import _

SHOWN_ERRORS = 30


def register(app: typer.Typer) -> None:
    app.command(
        "import",
        help=summaries.IMPORT,
    )(import_file)


def import_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=_("The CSV or XLSX file."), metavar="FILE")],
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help=_("YAML mapping the file's headers to fields.")),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help=_("Source of rows that do not say (court_delegated, court_entrusted, …)."),
        ),
    ] = None,
    court: Annotated[
        str | None,
        typer.Option("--court", help=_("Referring court of rows that do not say.")),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help=_("The XLSX sheet (default: the first)."))
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=_("Validate and route every row, but write nothing.")),
    ] = False,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            metavar="OUT",
            help=_("Write the rejected rows, with a reason column, to fix and import again."),
            callback=output_file,
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.errors import ValidationError
    from mediate.intake.values import BadValue, parse_source
    from mediate.services.intake import ImportOptions, import_referrals

    try:
        chosen_source = parse_source(source) if source else None
    except BadValue as exc:
        raise ValidationError(str(exc), where="--source") from exc
    context = app_context(ctx)
    options = ImportOptions(
        mapping=mapping,
        source=chosen_source,
        court=court,
        dry_run=dry_run,
        errors_to=errors,
        sheet=sheet,
    )
    with (
        context.uow() as uow,
        console.progress(_("Importing {file}").format(file=file.name), None) as bar,
    ):
        report = import_referrals(
            uow, file, options, progress=bar.advance, say=console.warn, total=bar.set_total
        )
    if wants_json(ctx, json_):
        console.print_json(report.as_json())
    else:
        _render(report)
    if report.rejected:
        raise typer.Exit(1)


def _render(report: object) -> None:
    from mediate import console
    from mediate.services.intake import ImportReport, summary_line

    assert isinstance(report, ImportReport)
    if report.ignored_columns:
        console.warn(
            _("Columns not used: {columns}").format(columns=", ".join(report.ignored_columns))
        )
    for e in report.errors[:SHOWN_ERRORS]:
        if e.field:
            console.error(_("row {row}, {field}: {message}").format(**e.as_json()))
        else:
            console.error(_("row {row}: {message}").format(**e.as_json()))
    if len(report.errors) > SHOWN_ERRORS:
        console.message(
            _("… and {n} more problems (see --json or --errors).").format(
                n=len(report.errors) - SHOWN_ERRORS
            )
        )
    if report.by_org:
        console.table(
            [_("Body"), console.Column(_("Cases"), justify="right")],
            sorted(report.by_org.items(), key=lambda kv: (-kv[1], kv[0])),
            title=_("Where the cases went") if not report.dry_run else _("Where they would go"),
        )
    if report.dry_run:
        console.info(_("Dry run: nothing was written."))
    if report.errors_file:
        console.info(_("Rejected rows written to {file}.").format(file=report.errors_file))
    line = summary_line(report)
    (console.warn if report.rejected else console.success)(line)
