"""Report use cases: one function per report, each taking plain values and a unit of work.

These are also the entry points the benchmarks time on a million cases.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mediate.domain.model import Source
from mediate.errors import ValidationError
from mediate.i18n import _
from mediate.reports import queries
from mediate.reports.divisions import COUNTIES
from mediate.reports.model import (
    CausesReport,
    FunnelReport,
    MonthFigures,
    OrgsReport,
    OverdueReport,
    build_causes,
    build_funnel,
    build_months,
    build_orgs,
    build_overdue,
)
from mediate.reports.periods import resolve_period
from mediate.reports.queries import LOCAL, Filters
from mediate.store.uow import UnitOfWork


def today_local() -> dt.date:
    return dt.datetime.now(LOCAL).date()


def make_filters(
    period: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    county: str | None = None,
    source: str | None = None,
    today: dt.date | None = None,
) -> Filters:
    """Check the options people type and turn them into report filters."""
    resolved = resolve_period(period, date_from, date_to, today or today_local())
    if county is not None:
        county = county.strip()
        by_name = {name: code for code, name in COUNTIES.items()}
        county = by_name.get(county, county)
        if not (len(county) == 6 and county.isdigit()):
            raise ValidationError(
                _(
                    "{county!r} is not a county: give its 6-digit code (e.g. 410802) or name."
                ).format(county=county),
                where="--county",
            )
    chosen: Source | None = None
    if source is not None:
        try:
            chosen = Source(source)
        except ValueError:
            raise ValidationError(
                _("{source!r} is not a source; use one of: {choices}.").format(
                    source=source, choices=", ".join(s.value for s in Source)
                ),
                where="--source",
            ) from None
    return Filters(resolved, county, chosen)


def report_funnel(uow: UnitOfWork, filters: Filters) -> FunnelReport:
    conn = uow.session.connection()
    return build_funnel(filters, queries.funnel_counts(conn, filters))


def report_orgs(uow: UnitOfWork, filters: Filters, as_of: dt.date | None = None) -> OrgsReport:
    conn = uow.session.connection()
    as_of = as_of or today_local()
    percentiles = {by: queries.day_percentiles(conn, filters, by) for by in ("org", "level", "all")}
    return build_orgs(
        filters,
        as_of,
        queries.bodies(conn),
        queries.received_by_org(conn, filters),
        queries.closed_by_org(conn, filters),
        queries.confirmed_by_org(conn, filters),
        queries.open_by_org(conn, filters, as_of),
        percentiles,
    )


def report_overdue(
    uow: UnitOfWork, filters: Filters, as_of: dt.date | None = None, limit: int | None = 200
) -> OverdueReport:
    conn = uow.session.connection()
    as_of = as_of or today_local()
    return build_overdue(
        filters,
        as_of,
        queries.overdue_groups(conn, filters, as_of),
        queries.overdue_cases(conn, filters, as_of, limit),
    )


def report_causes(uow: UnitOfWork, filters: Filters) -> CausesReport:
    conn = uow.session.connection()
    return build_causes(
        filters,
        queries.cause_roots(conn),
        queries.received_by_cause(conn, filters),
        queries.closed_by_cause(conn, filters),
    )


def report_months(uow: UnitOfWork, filters: Filters) -> list[MonthFigures]:
    conn = uow.session.connection()
    return build_months(
        filters.period.months(),
        queries.received_by_month(conn, filters),
        queries.closed_by_month(conn, filters),
    )


def write_whitepaper(
    uow: UnitOfWork, filters: Filters, target: Path, as_of: dt.date | None = None
) -> Path:
    """The half-year white paper (seed item 2) as a Word document at `target`."""
    from mediate.reports.whitepaper import WhitePaperData, render_whitepaper

    data = WhitePaperData(
        funnel=report_funnel(uow, filters),
        orgs=report_orgs(uow, filters, as_of),
        causes=report_causes(uow, filters),
        months=report_months(uow, filters),
    )
    return render_whitepaper(data, target)


def funnel_over_all_data(uow: UnitOfWork) -> FunnelReport:
    """The funnel from the first case received to the last closed (the demo's last word)."""
    first, last = queries.data_span(uow.session.connection())
    today = today_local()
    start, end = first or today, max(last or today, today)
    return report_funnel(uow, make_filters(date_from=start.isoformat(), date_to=end.isoformat()))
