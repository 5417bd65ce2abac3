"""`mediate export cases|credit`: data for other tools and for the city credit platform."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer

from mediate import clock
from mediate.commands import summaries
from mediate.commands.common import (
    BodyOption,
    CountyOption,
    DossierPdfOption,
    ForceOption,
    FromOption,
    JsonOption,
    OutDirOption,
    OutputOption,
    PeriodOption,
    RawOption,
    RetentionOption,
    SourceOption,
    StatusesOption,
    ToOption,
    app_context,
    dossier_options,
    wants_json,
)
from mediate.i18n import _

app = typer.Typer(help=summaries.EXPORT, no_args_is_help=True)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help=_("csv, json or xlsx (default: from the file name, else csv).")
    ),
]
CreditFormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", help=_("json or csv (default: from the file name, else json).")),
]
RevealOption = Annotated[
    bool,
    typer.Option(
        "--reveal",
        help=_("Show identity numbers and phones in full (recorded in the audit trail)."),
    ),
]


@app.command(
    "cases",
    help=_(
        "Cases (received in the period, when one is given) with their parties; "
        "identity numbers masked unless --reveal."
    ),
)
def cases(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: CountyOption = None,
    source: SourceOption = None,
    status: StatusesOption = None,
    org: BodyOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    reveal: RevealOption = False,
    raw: RawOption = False,
) -> None:
    from mediate import console
    from mediate.reports.sinks import choose_format, write_rows
    from mediate.services.exports import CASE_COLUMNS, CaseExportFilters, export_cases
    from mediate.services.funnel import make_filters
    from mediate.services.routing import own_divisions

    chosen = choose_format(fmt, output)
    # an empty --from/--to is given, and refused: it does not mean "no period"
    dated = period is not None or date_from is not None or date_to is not None
    period_filters = (
        make_filters(period, date_from, date_to, county, source)
        if dated
        else make_filters(None, None, None, county, source)
    )
    filters = CaseExportFilters(
        period=period_filters.period if dated else None,
        county=period_filters.county,
        source=period_filters.source.value if period_filters.source else None,
        statuses=tuple(status or ()),
        org_id=org,
    )
    target = str(output) if output else "stdout"
    with app_context(ctx).uow() as uow:
        if org:
            from dataclasses import replace

            from mediate.services.bodies import resolve_org

            filters = replace(filters, org_id=resolve_org(uow, org, "--body"))
        places = own_divisions(uow).names  # a place at one, named as case show names it
        rows = export_cases(uow, filters, reveal, target)
        count = write_rows(
            chosen,
            CASE_COLUMNS,
            ([r[k] for k in CASE_COLUMNS] for r in rows),
            output,
            raw,
            places,
            _("Case list"),
        )
    if reveal:
        console.warn(
            _("Identity numbers were revealed; the export is recorded in the audit trail.")
        )
    console.success(_("Exported {n} cases to {target}.").format(n=count, target=_shown(output)))


@app.command(
    "credit",
    help=_(
        "Settled and failed credit-committee cases for the city public credit platform, in "
        "its fixed exchange layout mediate-credit/1: field names and codes (settled, "
        "applicant) stay in English as the platform reads them (docs/credit-export.md); "
        "`export cases` gives the cases in Chinese."
    ),
)
def credit(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: CountyOption = None,
    fmt: CreditFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    reveal: RevealOption = False,
) -> None:

    from mediate import console
    from mediate.errors import BadOptionValue
    from mediate.reports.sinks import choose_format, write_json_document, write_rows
    from mediate.services.exports import (
        CREDIT_CSV_COLUMNS,
        CREDIT_LAYOUT,
        credit_csv_rows,
        export_credit,
    )
    from mediate.services.funnel import make_filters

    chosen = choose_format(fmt or ("json" if output is None else None), output, ("json", "csv"))
    if chosen == "xlsx":
        raise BadOptionValue("--format", _("The credit file is JSON or CSV."))
    filters = make_filters(period, date_from, date_to, county, None)
    target = str(output) if output else "stdout"
    with app_context(ctx).uow() as uow:
        records = export_credit(uow, filters, reveal, target)
        if chosen == "json":
            head = {
                "layout": CREDIT_LAYOUT,
                "generated_at": clock.now().isoformat(timespec="seconds"),
                "period": filters.period.as_json(),
                "county": filters.county,
            }
            count = write_json_document(head, "records", records, output)
        else:
            seen: list[int] = []

            def rows() -> Iterator[list[Any]]:
                for record in records:
                    seen.append(record["case_id"])
                    yield from credit_csv_rows(record)

            write_rows("csv", CREDIT_CSV_COLUMNS, rows(), output, raw=True)  # a fixed layout
            count = len(seen)
    console.success(
        _("Exported {n} credit records to {target}.").format(n=count, target=_shown(output))
    )


def _shown(output: Path | None) -> str:
    """Where an export went, as the clerk reads it (the audit trail keeps `stdout`)."""
    return str(output) if output else _("standard output")


@app.command(
    "dossiers",
    help=_(
        "The dossier (卷宗) of every case closed in the period, each in its own directory, "
        "and an index of them (dossiers-PERIOD.json). A case that fails is reported and "
        "the others are still written (exit 1)."
    ),
)
def dossiers(
    ctx: typer.Context,
    out: OutDirOption,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    retention: RetentionOption = None,
    pdf: DossierPdfOption = False,
    force: ForceOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.errors import MediateError
    from mediate.reports.periods import resolve_period
    from mediate.services.casestore import today
    from mediate.services.dossier import export_dossiers

    options = dossier_options(ctx, retention, pdf, force)
    chosen = resolve_period(period, date_from, date_to, today())
    with ExitStack() as stack:

        def progress(total: int) -> Callable[[int], None]:
            return stack.enter_context(console.progress(_("Dossiers"), total)).advance

        with app_context(ctx).uow() as uow:
            result = export_dossiers(uow, chosen, out, options, today(), progress)
    warnings = [w for one in result.written for w in one.warnings]
    for warning in warnings:
        console.warn(warning)
    if wants_json(ctx, json_):
        console.print_json(
            {
                "period": chosen.label,
                "index": str(result.index) if result.index else None,
                "written": [one.as_json() for one in result.written],
                "failed": [{"case": case, "error": error} for case, error in result.failed],
            }
        )
    else:
        console.success(
            _("Wrote {n} dossiers of {period} to {path}.").format(
                n=len(result.written), period=chosen.label, path=out
            )
        )
    for case_id, error in result.failed:
        console.error(_("case {case}: no dossier: {error}").format(case=case_id, error=error))
    if result.failed:
        raise MediateError(
            _("{n} of the period's cases have no dossier (listed above).").format(
                n=len(result.failed)
            )
        )
