"""`mediate report funnel|orgs|overdue|causes|whitepaper`: what supervisors read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mediate.commands import summaries
from mediate.commands.common import (
    CountyOption,
    JsonOption,
    RawOption,
    SourceOption,
    app_context,
    output_file,
    wants_json,
)
from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.console import Column as console_Column
    from mediate.reports.filters import Filters
    from mediate.reports.model import (
        CausesReport,
        FunnelReport,
        OrgsReport,
        OverdueReport,
        Table,
    )

app = typer.Typer(
    help=summaries.REPORT,
    no_args_is_help=True,
)

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help=_("2026, 2026H1, 2026Q3 or 2026-11 (default: this year)."),
    ),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help=_("First day of the period (YYYY-MM-DD)."))
]
ToOption = Annotated[
    str | None, typer.Option("--to", help=_("Last day of the period (YYYY-MM-DD)."))
]
CsvOption = Annotated[bool, typer.Option("--csv", help=_("Print the data as CSV on stdout."))]
XlsxOption = Annotated[
    Path | None,
    typer.Option(
        "--xlsx", metavar="FILE", help=_("Write the data to an XLSX file."), callback=output_file
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help=_("Count open and overdue cases as of this day (default: today).")
    ),
]


def _filters(
    period: str | None,
    date_from: str | None,
    date_to: str | None,
    county: str | None,
    source: str | None,
) -> Filters:
    from mediate.services.reports import make_filters

    return make_filters(period, date_from, date_to, county, source)


def _as_of(value: str | None) -> dt.date | None:
    from mediate.reports.periods import parse_date

    return parse_date(value, "--as-of") if value else None


def _emit(
    ctx: typer.Context,
    data: Any,
    table: Table,
    json_: bool,
    csv_: bool,
    xlsx: Path | None,
    raw: bool = False,
) -> bool:
    """Machine-readable output if asked for; True when the terminal rendering is done with."""
    import sys

    from mediate import console
    from mediate.reports.tabular import write_csv, write_xlsx

    if xlsx is not None:
        written = write_xlsx([table], xlsx)
        console.success(_("Wrote {path}").format(path=written))
    if wants_json(ctx, json_):
        console.print_json(data)
        return True
    if csv_:
        write_csv(table, sys.stdout, raw)
        sys.stdout.flush()
        return True
    return xlsx is not None


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _period_caption(filters: Filters) -> str:
    p = filters.period
    span = f"{p.start.isoformat()} – {p.end.isoformat()}"
    parts = [span if "~" in p.label else f"{p.label} ({span})"]
    if filters.county:
        parts.append(_("county {county}").format(county=filters.county))
    if filters.source:
        parts.append(_("source {source}").format(source=filters.source.value))
    return ", ".join(parts)


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
) -> None:
    from mediate.services.reports import report_funnel

    filters = _filters(period, date_from, date_to, county, source)
    with app_context(ctx).uow() as uow:
        report = report_funnel(uow, filters)
    if not _emit(ctx, report.as_json(), report.table(), json_, csv_, xlsx, raw):
        render_funnel(report)


def _transposed(
    headers: list[str | console_Column], rows: list[list[str]]
) -> tuple[list[str | console_Column], list[list[str]]]:
    from mediate import console

    names = [h.header if isinstance(h, console.Column) else h for h in headers]
    new_headers: list[str | console_Column] = [_("Area")]
    new_headers += [console.Column(row[0], "right") for row in rows]
    new_rows = [[names[i], *(row[i] for row in rows)] for i in range(1, len(names))]
    return new_headers, new_rows


def render_funnel(report: FunnelReport) -> None:
    from mediate import console
    from mediate.reports.funnel import BUCKETS, WITHDRAWN
    from mediate.reports.model import TARGETS, bucket_label

    columns = [report.total, *report.counties]
    headers: list[str | console.Column] = [_("Resolved"), console.Column(_("Target"), "right")]
    headers += [console.Column(c.county, "right") for c in columns]
    rows: list[list[str]] = []
    for bucket in BUCKETS:
        target = TARGETS.get(bucket)
        cells = [f"{c.count(bucket)} ({_pct(c.share(bucket))})" for c in columns]
        rows.append([bucket_label(bucket), _pct(target) if target else "", *cells])
    rows.append([bucket_label(WITHDRAWN), "", *(str(c.count(WITHDRAWN)) for c in columns)])
    rows.append([_("Closed in the period"), "", *(str(c.closed) for c in columns)])
    if not console.fits(headers, rows):  # narrow: one row per area, one column per level
        headers, rows = _transposed(headers, rows)
    console.table(
        headers,
        rows,
        title=_("The 70/20/10 funnel: {period}").format(period=_period_caption(report.filters)),
        caption=_("Shares are of closed disputes less the withdrawn ones."),
    )
    bars = [
        [
            bucket_label(b),
            console.bar(report.total.share(b) or 0.0),
            _pct(report.total.share(b)),
            _pct(TARGETS[b]),
        ]
        for b in TARGETS
    ]
    console.table(
        [
            _("Resolved"),
            "",
            console.Column(_("Share"), "right"),
            console.Column(_("Target"), "right"),
        ],
        bars,
    )


@app.command("orgs", help=_("Each body's and each level's figures for a period."))
def orgs(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: CountyOption = None,
    source: SourceOption = None,
    as_of: AsOfOption = None,
    json_: JsonOption = False,
    csv_: CsvOption = False,
    raw: RawOption = False,
    xlsx: XlsxOption = None,
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
        title=_("Bodies' performance: {period}").format(period=_period_caption(report.filters)),
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
                _pct(b.success_rate),
                _num(b.median_days),
                _num(b.p90_days),
                _pct(b.confirmation_rate),
                _pct(b.performance_rate),
            ]
            for b, level in bodies
        ],
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
        int, typer.Option("--limit", min=0, help=_("List at most this many cases (0: all)."))
    ] = 200,
    json_: JsonOption = False,
    csv_: CsvOption = False,
    raw: RawOption = False,
    xlsx: XlsxOption = None,
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
            _pct(g.success_rate),
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
        title=_("Causes: {period}").format(period=_period_caption(report.filters)),
    )


@app.command("whitepaper", help=_("The half-year white paper as a Word document, with charts."))
def whitepaper(
    ctx: typer.Context,
    period: PeriodOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    county: CountyOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Where to write the .docx (default: 白皮书-PERIOD.docx)."),
            callback=output_file,
        ),
    ] = None,
    as_of: AsOfOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.reports import write_whitepaper

    filters = _filters(period, date_from, date_to, county, None)
    target = output or Path(f"白皮书-{filters.period.label.replace('~', '_')}.docx")
    context = app_context(ctx)
    with context.uow() as uow:
        written = write_whitepaper(
            uow, filters, target, _as_of(as_of), context.settings.path("templates")
        )
    if wants_json(ctx, json_):
        console.print_json({"path": str(written), "period": filters.period.as_json()})
    else:
        console.success(_("Wrote {path}").format(path=written))
