"""`mediate import FILE`: a court-referral spreadsheet (CSV or XLSX, DESIGN.md §3.3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.common import (
    ForceOption,
    JsonOption,
    app_context,
    check_output_file,
    choice,
    output_file_callback,
    screened,
    wants_json,
)
from mediate.domain import vocabulary
from mediate.framework import param_label
from mediate.i18n import _, pgettext

SHOWN_ERRORS = 30


def register(app: typer.Typer) -> None:
    app.command(
        "import",
        help=summaries.IMPORT,
    )(import_file)


@output_file_callback
def errors_file(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> None:
    """`import FILE --errors OUT`: `output_file` in a format the rejected rows are written
    in, except that an OUT a --dry-run of the same FILE wrote, unchanged since, is replaced
    without --force (`mediate/dryrun_mark.py`): not one the clerk edited since, nor one a
    dry run of another file wrote. FILE and --mapping are eager, so known here, whatever
    the order typed: OUT that is one of them is refused, --force or not (review of
    2026-12-02: `import in.csv --dry-run --errors in.csv --force` replaced the input by
    its rejected rows)."""
    from mediate import dryrun_mark
    from mediate.intake.writers import ERRORS_SUFFIXES

    if ctx.params.get("template"):  # eager: --template writes no rejected rows, says so
        return
    source = ctx.params.get("file")

    def dry_run_wrote(path: Path) -> bool:
        return source is not None and dryrun_mark.replaceable(path, "import", "--errors", source)

    check_output_file(
        ctx,
        value,
        param_label(param),
        ERRORS_SUFFIXES,
        replaceable=dry_run_wrote,
        reads=(source, ctx.params.get("mapping")),
    )


#: The options of an import that `import --template FILE` (a blank sheet) does not use.
NOT_FOR_THE_TEMPLATE = {
    "mapping": "--mapping",
    "source": "--source",
    "court": "--court",
    "sheet": "--sheet",
    "dry_run": "--dry-run",
    "errors": "--errors",
    "update": "--update",
    "overwrite": "--overwrite",
}


def refuse_what_the_template_does_not_use(ctx: typer.Context) -> None:
    """`import --template FILE` with an option only an import uses is a usage error naming
    them (review of 2026-12-03: --dry-run and a --mapping that does not exist were ignored
    silently, while an existing --errors file was refused)."""
    from mediate.errors import BadOptionValue

    given = [
        option
        for name, option in NOT_FOR_THE_TEMPLATE.items()
        if ctx.params.get(name) not in (None, False)  # the defaults: not given
    ]
    if given:
        # Two messages rather than ngettext: the catalog tooling checks singular msgids only,
        # and Chinese has one plural form (这个选项 / 这些选项 are two messages, not two forms).
        said = (
            _(
                "it writes a blank import sheet and does not use {options}: leave it out, "
                "or import without --template."
            )
            if len(given) == 1
            else _(
                "it writes a blank import sheet and uses none of {options}: leave them out, "
                "or import without --template."
            )
        )
        raise BadOptionValue("--template", said.format(options=_(", ").join(given)))


def import_file(
    ctx: typer.Context,
    file: Annotated[
        # eager: read before --errors, whose callback asks whether its dry run read FILE
        Path,
        typer.Argument(help=_("The CSV or XLSX file."), metavar="FILE", is_eager=True),
    ],
    mapping: Annotated[
        Path | None,
        # eager: known to --errors' callback, which refuses to write over it
        typer.Option(
            "--mapping", is_eager=True, help=_("YAML mapping the file's headers to fields.")
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            callback=choice(vocabulary.SOURCE),
            help=_("Source of rows that do not say (court_delegated, court_entrusted, …)."),
        ),
    ] = None,
    court: Annotated[
        str | None,
        typer.Option(
            "--court",
            callback=screened("import_batches.referring_court"),
            help=_("Referring court of rows that do not say."),
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", callback=screened(), help=_("The XLSX sheet (default: the first).")
        ),
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
            help=_(
                "Write the rejected rows, with a reason column, to fix and import again. "
                "The file a --dry-run of the same FILE wrote is replaced by the next run "
                "unless edited since; any other existing file needs --force."
            ),
            callback=errors_file,
        ),
    ] = None,
    force: ForceOption = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help=_(
                "Rows of cases already stored fill in their blank fields (audited); "
                "changed fields are only reported."
            ),
        ),
    ] = False,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help=_("With --update: replace changed fields too (audited).")),
    ] = False,
    template: Annotated[
        bool,
        typer.Option(
            "--template",
            # eager: known to --errors' callback, which leaves the refusal to the command
            is_eager=True,
            help=_("Write a blank sheet with the standard headers to FILE (.xlsx or .csv)."),
        ),
    ] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.commands.case_lifecycle import calendar
    from mediate.domain.model import Source
    from mediate.errors import ValidationError
    from mediate.services.intake import ImportOptions, import_referrals, write_template

    if template:
        from mediate.intake.writers import TEMPLATE_SUFFIXES

        refuse_what_the_template_does_not_use(ctx)
        check_output_file(ctx, file, "--template", TEMPLATE_SUFFIXES, "xlsx")
        write_template(file)
        if wants_json(ctx, json_):
            console.print_json({"template": str(file)})
        else:
            console.success(_("Wrote the blank import sheet {file}.").format(file=file))
        return
    if overwrite and not update:
        raise ValidationError(_("--overwrite goes with --update."), where="--overwrite")

    chosen_source = Source(source) if source else None
    context = app_context(ctx)
    options = ImportOptions(
        mapping=mapping,
        source=chosen_source,
        court=court,
        dry_run=dry_run,
        errors_to=errors,
        sheet=sheet,
        update=("overwrite" if overwrite else "fill") if update else None,
        calendar=calendar(context),
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


def _change_party(change: object) -> str:
    """The party a change of a re-imported row is of: its name, with its role when another
    party of the case bears that name (申请人 张三 and 被申请人 张三: services/reimport)."""
    from mediate.domain.model import PartyRole
    from mediate.services.reimport import FieldChange

    assert isinstance(change, FieldChange)
    if change.party is None:
        return ""
    if change.namesake and change.role:
        return pgettext("import change", "{name} ({role})").format(
            name=change.party, role=PartyRole(change.role).label
        )
    return change.party


# the fields whose values are codes of a closed set (the source, the procedure): printed
# by their labels (委托 as 法院委托（立案后）), as `case show` prints them
_CODED = ("source", "procedure")


def _change_value(name: str, value: object) -> str:
    if value is None:
        return ""
    if name in _CODED:
        from mediate.domain.events import value_label

        return value_label(name, value)
    return str(value)


def _render(report: object) -> None:
    from mediate import console
    from mediate.domain.fields import change_label, party_field_label, skip_label
    from mediate.services.intake import ImportReport, summary_line

    assert isinstance(report, ImportReport)
    if report.ignored_columns:
        console.warn(
            _("Columns not used: {columns}").format(columns=_(", ").join(report.ignored_columns))
        )
    # Each line names the file, the row and the column, so a clerk fixing several files
    # knows where to look (the audit of 2026-12 found only the row named).
    name = report.file.name
    for e in report.errors[:SHOWN_ERRORS]:
        if e.field:
            console.error(
                _("{file}, row {row}, {field}: {message}").format(file=name, **e.as_json())
            )
        else:
            console.error(_("{file}, row {row}: {message}").format(file=name, **e.as_json()))
    for w in report.warnings[:SHOWN_ERRORS]:
        console.warn(_("{file}, row {row}, {field}: {message}").format(file=name, **w.as_json()))
    for row, why in report.skipped_rows[:SHOWN_ERRORS]:
        console.info(_("row {row}: skipped ({why})").format(row=row, why=skip_label(why)))
    if report.changes:
        console.table(
            [
                _("Row"),
                _("Case"),
                _("Party"),
                _("Data field"),
                _("Stored"),
                _("In the file"),
                _("Action"),
            ],
            [
                (
                    str(c["row"]),
                    str(c["case"]),
                    _change_party(change),
                    # a 个体工商户's address: its 经营场所 (市场主体登记管理条例 (2021) art. 8
                    # para. 2(四)), as `case show` and `case edit` label it
                    party_field_label(c["field"], change.trader),
                    _change_value(c["field"], c["old"]),
                    _change_value(c["field"], c["new"]),
                    change_label(c["action"]),
                )
                for change in report.changes[:SHOWN_ERRORS]
                for c in (change.as_json(),)
            ],
            title=_("Rows of stored cases that carry different data"),
        )
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
