"""What the reports print, without Typer: `mediate report …` (commands/report.py) and the
light entry (mediate/quick.py, `report funnel`) both call these with the values they
parsed, so the two paths print the same thing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.commands.reads import ReadContext
    from mediate.console import Column as console_Column
    from mediate.reports.filters import Filters
    from mediate.reports.model import FunnelReport, Table


def emit(
    data: Any, table: Table, as_json: bool, csv_: bool, xlsx: Path | None, raw: bool = False
) -> bool:
    """Machine-readable output if asked for; True when the terminal rendering is done with."""
    from mediate import console

    if xlsx is not None:
        from mediate.reports.tabular import write_xlsx

        written = write_xlsx([table], xlsx)
        console.success(_("Wrote {path}").format(path=written))
    if as_json:
        console.print_json(data)
        return True
    if csv_:
        from mediate.reports.tabular import write_csv

        write_csv(table, sys.stdout, raw)
        sys.stdout.flush()
        return True
    return xlsx is not None


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def period_caption(filters: Filters) -> str:
    p = filters.period
    span = f"{p.start.isoformat()} – {p.end.isoformat()}"
    parts = [span if "~" in p.label else _("{period} ({span})").format(period=p.shown(), span=span)]
    if filters.county:
        from mediate.reports.divisions import county_name

        parts.append(_("county {county}").format(county=county_name(filters.county)))
    if filters.source:
        from mediate.domain.model import Source, enum_label

        parts.append(_("source {source}").format(source=enum_label(Source, filters.source)))
    return _(", ").join(parts)


def funnel(
    context: ReadContext,
    filters: Filters,
    as_json: bool,
    csv_: bool = False,
    xlsx: Path | None = None,
    raw: bool = False,
) -> None:
    """`mediate report funnel`."""
    from mediate.services.funnel import report_funnel

    with context.reading() as db:
        report = report_funnel(db, filters)
    if not emit(report.as_json(), report.table(), as_json, csv_, xlsx, raw):
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
        cells = [f"{c.count(bucket)} ({pct(c.share(bucket))})" for c in columns]
        rows.append([bucket_label(bucket), pct(target) if target else "", *cells])
    rows.append([bucket_label(WITHDRAWN), "", *(str(c.count(WITHDRAWN)) for c in columns)])
    rows.append([_("Closed in the period"), "", *(str(c.closed) for c in columns)])
    if not console.fits(headers, rows):  # narrow: one row per area, one column per level
        headers, rows = _transposed(headers, rows)
    console.table(
        headers,
        rows,
        title=_("The 70/20/10 funnel: {period}").format(period=period_caption(report.filters)),
        caption=_("Shares are of closed disputes less the withdrawn ones."),
    )
    bars = [
        [
            bucket_label(b),
            console.bar(report.total.share(b) or 0.0),
            pct(report.total.share(b)),
            pct(TARGETS[b]) if b in TARGETS else "",
        ]
        # every bucket of the denominator, so the shares add up to 100 % (the unresolved
        # failures have no target)
        for b in BUCKETS
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
