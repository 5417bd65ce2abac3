"""The funnel report as a read: no SQLAlchemy, so the light entry (mediate/quick.py) answers
`mediate report funnel` with it on a DB-API connection, and the full command and the white
paper with it on a unit of work's. Also the report options people type (`make_filters`),
which every report shares."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mediate import clock
from mediate.domain.model import Source
from mediate.domain.vocabulary import COUNTY
from mediate.errors import BadOptionValue, shown
from mediate.i18n import _
from mediate.reports import funnel
from mediate.reports.filters import Filters
from mediate.reports.model import FunnelReport, build_funnel
from mediate.reports.periods import resolve_period
from mediate.services.reading import Reading, reading

if TYPE_CHECKING:
    from mediate.store.uow import UnitOfWork


def today_local() -> dt.date:
    return clock.today()


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
        county = COUNTY.find(county) or county  # the one resolver of every --county
        if not (len(county) == 6 and county.isdigit()):
            raise BadOptionValue(
                "--county",
                _(
                    "'{county}' is not a county: give its 6-digit code (e.g. 410802) or name."
                ).format(county=shown(county)),
            )
    chosen: Source | None = None
    if source is not None:
        try:
            chosen = Source(source)
        except ValueError:
            raise BadOptionValue(
                "--source",
                _("'{source}' is not a source; use one of: {choices}.").format(
                    source=shown(source), choices=_(", ").join(s.value for s in Source)
                ),
            ) from None
    return Filters(resolved, county, chosen)


def report_funnel(db: Reading | UnitOfWork, filters: Filters) -> FunnelReport:
    read = reading(db)
    filters = filters.seen_by(read.identity().visible)
    return build_funnel(filters, funnel.funnel_counts(read.reader, filters))
