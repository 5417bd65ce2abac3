"""`mediate report funnel|orgs|overdue|causes|whitepaper`: what supervisors read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mediate.commands import report_views, summaries
from mediate.commands.common import (
    DATE_FORMS,
    BodiesCountyOption,
    CountyOption,
    ForceOption,
    FromOption,
    JsonOption,
    PeriodOption,
    RawOption,
    SourceOption,
    ToOption,
    app_context,
    output_file_in,
    refuse_existing,
    wants_json,
)
from mediate.commands.report_views import pct, period_caption
from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.reports.filters import Filters
    from mediate.reports.model import (
        CausesReport,
        OrgsReport,
        OverdueReport,
        Table,
    )

app = typer.Typer(
    help=summaries.REPORT,
    no_args_is_help=True,
)

CsvOption = Annotated[bool, typer.Option("--csv", help=_("Print the data as CSV on stdout."))]
XlsxOption = Annotated[
    Path | None,
    typer.Option(
        "--xlsx",
        metavar="FILE",
        help=_("Write the data to an XLSX file."),
        callback=output_file_in({".xlsx": "xlsx"}),
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=_("Count open and overdue cases as of this day, {forms} (default: today).").format(
            forms=DATE_FORMS
        ),
    ),
]


def _filters(
    period: str | None,
    date_from: str | None,
    date_to: str | None,
    county: str | None,
    source: str | None,
) -> Filters:
    from mediate.services.funnel import make_filters

    return make_filters(period, date_from, date_to, county, source)


def _as_of(value: str | None) -> dt.date | None:
    from mediate.intake.values import option_date

    return option_date(value, "--as-of")


def _emit(
    ctx: typer.Context,
    data: Any,
    table: Table,
    json_: bool,
    csv_: bool,
    xlsx: Path | None,
    raw: bool = False,
) -> bool:
    return report_views.emit(data, table, wants_json(ctx, json_), csv_, xlsx, raw)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


@app.command(
    "funnel", help=_("Where the disputes closed in a period were resolved, against 70/20/10.")
)
def funnel(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: CountyOption = None,
    source: SourceOption = None,
    json_: JsonOption = False,
    csv_: CsvOption = False,
    raw: RawOption = False,
    xlsx: XlsxOption = None,
    force: ForceOption = False,
) -> None:
    filters = _filters(period, date_from, date_to, county, source)
    report_views.funnel(app_context(ctx), filters, wants_json(ctx, json_), csv_, xlsx, raw)


@app.command("orgs", help=_("Each body's and each level's figures for a period."))
def orgs(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: BodiesCountyOption = None,
    source: SourceOption = None,
    as_of: AsOfOption = None,
    json_: JsonOption = False,
    csv_: CsvOption = False,
    raw: RawOption = False,
    xlsx: XlsxOption = None,
    force: ForceOption = False,
) -> None:
    from mediate.services.reports import report_orgs

    filters = _filters(period, date_from, date_to, county, source)
    with app_context(ctx).uow() as uow:
        report = report_orgs(uow, filters, _as_of(as_of))
    if not _emit(ctx, report.as_json(), report.table(), json_, csv_, xlsx, raw):
        render_orgs(report)


def render_orgs(report: OrgsReport) -> None:
    """Two tables, so each fits a narrow terminal: the work, then how well it went."""
    from mediate import console
    from mediate.reports.model import level_label

    bodies = [(b, level_label(b.level or "")) for b in report.orgs]
    bodies += [(b, "") for b in [*report.levels, report.total]]
    right = "right"

    def columns(*names: str) -> list[str | console.Column]:
        return [_("Body"), _("Level"), *(console.Column(n, right) for n in names)]

    console.table(
        columns(
            _("Cases received"), _("Open"), _("Settled"), _("Failed"), _("Withdrawn"), _("Overdue")
        ),
        [
            [
                b.name,
                level,
                str(b.received),
                str(b.open),
                str(b.settled),
                str(b.failed),
                str(b.withdrawn),
                str(b.overdue),
            ]
            for b, level in bodies
        ],
        title=_("Bodies' performance: {period}").format(period=period_caption(report.filters)),
        caption=_("Open and overdue as of {day}.").format(day=report.as_of.isoformat()),
    )
    console.table(
        columns(
            _("Success rate"),
            _("Median days"),
            _("P90 days"),
            _("Confirmation rate"),
            _("Performance rate"),
        ),
        [
            [
                b.name,
                level,
                pct(b.success_rate),
                _num(b.median_days),
                _num(b.p90_days),
                pct(b.confirmation_rate),
                pct(b.performance_rate),
            ]
            for b, level in bodies
        ],
        caption=_(
            "Confirmation rate: confirmed of the settled cases that may apply for judicial "
            "confirmation; cases a court entrusted after filing (委托) are not counted, as "
            "the court closes them itself."
        ),
    )


@app.command(
    "overdue", help=_("The urging list: open cases past their deadline, by body and clerk.")
)
def overdue(
    ctx: typer.Context,
    county: CountyOption = None,
    source: SourceOption = None,
    as_of: AsOfOption = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", min=0, max=1_000_000_000, help=_("List at most this many cases (0: all).")
        ),
    ] = 200,
    json_: JsonOption = False,
    csv_: CsvOption = False,
    raw: RawOption = False,
    xlsx: XlsxOption = None,
    force: ForceOption = False,
) -> None:
    from mediate.services.reports import report_overdue

    filters = _filters(None, None, None, county, source)
    with app_context(ctx).uow() as uow:
        report = report_overdue(uow, filters, _as_of(as_of), limit or None)
    if not _emit(ctx, report.as_json(), report.table(), json_, csv_, xlsx, raw):
        render_overdue(report)


def render_overdue(report: OverdueReport) -> None:
    from mediate import console

    if not report.groups:
        console.success(
            _("No open case is past its deadline as of {day}.").format(day=report.as_of)
        )
        return
    console.table(
        [_("Body"), _("Clerk"), console.Column(_("Overdue"), "right"), _("Oldest deadline")],
        [[g.org, g.clerk, str(g.count), g.oldest_deadline.isoformat()] for g in report.groups],
        title=_("Overdue as of {day}: {n} cases").format(day=report.as_of, n=report.total),
    )
    table = report.table()
    keep = ["case_id", "court_case_no", "org", "clerk", "cause", "deadline", "days_overdue"]
    index = [table.keys.index(k) for k in keep]
    console.table(
        [table.labels[i] for i in index],
        [[r[i] for i in index] for r in table.rows],
        caption=_("{shown} of {total} listed.").format(shown=len(table.rows), total=report.total),
    )


@app.command("causes", help=_("Volume and success by 案由 group."))
def causes(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: CountyOption = None,
    source: SourceOption = None,
    json_: JsonOption = False,
    csv_: CsvOption = False,
    raw: RawOption = False,
    xlsx: XlsxOption = None,
    force: ForceOption = False,
) -> None:
    from mediate.services.reports import report_causes

    filters = _filters(period, date_from, date_to, county, source)
    with app_context(ctx).uow() as uow:
        report = report_causes(uow, filters)
    if not _emit(ctx, report.as_json(), report.table(), json_, csv_, xlsx, raw):
        render_causes(report)


def render_causes(report: CausesReport) -> None:
    from mediate import console

    most = max((g.received for g in report.groups), default=0)
    rows = [
        [
            g.name,
            console.bar(g.received / most if most else 0.0, 12),
            str(g.received),
            str(g.settled),
            str(g.failed),
            str(g.withdrawn),
            pct(g.success_rate),
        ]
        for g in report.groups
    ]
    right = "right"
    console.table(
        [
            _("Cause group"),
            "",
            console.Column(_("Cases received"), right),
            console.Column(_("Settled"), right),
            console.Column(_("Failed"), right),
            console.Column(_("Withdrawn"), right),
            console.Column(_("Success rate"), right),
        ],
        rows,
        title=_("Causes: {period}").format(period=period_caption(report.filters)),
    )


@app.command("whitepaper", help=_("The half-year white paper as a Word document, with charts."))
def whitepaper(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: BodiesCountyOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_(
                "Where to write the .docx (default: 白皮书-PERIOD.docx, 白皮书-COUNTY-PERIOD.docx)."
            ),
            callback=output_file_in({".docx": "docx"}),
        ),
    ] = None,
    force: ForceOption = False,
    as_of: AsOfOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.reports import write_whitepaper

    filters = _filters(period, date_from, date_to, county, None)
    from mediate.reports.divisions import county_name

    label = filters.period.label.replace("~", "_")
    if filters.county:
        label = f"{county_name(filters.county)}-{label}"
    target = output or Path(f"白皮书-{label}.docx")
    refuse_existing(ctx, target, "--output")
    context = app_context(ctx)
    with context.uow() as uow:
        written = write_whitepaper(
            uow, filters, target, _as_of(as_of), context.settings.path("templates")
        )
    if wants_json(ctx, json_):
        county = filters.county
        console.print_json(
            {
                "path": str(written),
                "period": filters.period.as_json(),
                "county": {"code": county, "name": county_name(county)} if county else None,
            }
        )
    else:
        console.success(_("Wrote {path}").format(path=written))
