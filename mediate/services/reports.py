"""Report use cases: one function per report, each taking plain values and a unit of work.

These are also the entry points the benchmarks time on a million cases.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.pool import StaticPool

from mediate.reports import queries
from mediate.reports.filters import Filters
from mediate.reports.model import (
    CausesReport,
    FunnelReport,
    MonthFigures,
    OrgsReport,
    OverdueReport,
    build_causes,
    build_months,
    build_orgs,
    build_overdue,
)
from mediate.services.access import scope_filters

# The funnel and the report options live in services/funnel.py (no SQLAlchemy: the light entry).
from mediate.services.funnel import make_filters as make_filters
from mediate.services.funnel import report_funnel as report_funnel
from mediate.services.funnel import today_local as today_local
from mediate.store.uow import UnitOfWork

# Parallel connections per report: the machine's cores, at most 4 (MEDIATE_REPORT_THREADS).
REPORT_THREADS = int(os.environ.get("MEDIATE_REPORT_THREADS", "0")) or min(4, os.cpu_count() or 1)


def _gather(uow: UnitOfWork, jobs: dict[str, Callable[[Connection], Any]]) -> dict[str, Any]:
    """Run independent aggregate queries, on parallel connections when the database
    allows it (a file or a server: both backends run a statement without holding the
    GIL), else one after another on the unit of work's connection."""
    engine = uow.engine
    workers = min(len(jobs), REPORT_THREADS)
    shared = isinstance(engine.pool, StaticPool) or not engine.url.database
    if workers < 2 or (engine.dialect.name == "sqlite" and shared):
        conn = uow.session.connection()
        return {name: job(conn) for name, job in jobs.items()}

    def run(job: Callable[[Connection], Any]) -> Any:
        with engine.connect() as conn:
            return job(conn)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report") as pool:
        futures = {name: pool.submit(run, job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def report_orgs(uow: UnitOfWork, filters: Filters, as_of: dt.date | None = None) -> OrgsReport:
    filters = scope_filters(uow, filters)
    day = as_of or today_local()
    bodies = queries.bodies(uow.session.connection())
    levels = {b["id"]: b["level"] for b in bodies}
    parts = _gather(
        uow,
        {
            "closed_days": lambda conn: queries.closed_days_by_org(conn, filters),
            "confirmations": lambda conn: queries.confirmations_by_org(conn, filters),
            "received": lambda conn: queries.received_by_org(conn, filters),
            "open": lambda conn: queries.open_by_org(conn, filters, day),
            "performed": lambda conn: queries.performed_by_org(conn, filters),
        },
    )
    return build_orgs(
        filters,
        day,
        bodies,
        parts["received"],
        queries.closed_by_org(parts["closed_days"]),
        parts["confirmations"],
        parts["open"],
        parts["performed"],
        queries.day_percentiles(parts["closed_days"], levels),
    )


def report_overdue(
    uow: UnitOfWork, filters: Filters, as_of: dt.date | None = None, limit: int | None = 200
) -> OverdueReport:
    filters = scope_filters(uow, filters)
    conn = uow.session.connection()
    as_of = as_of or today_local()
    return build_overdue(
        filters,
        as_of,
        queries.overdue_groups(conn, filters, as_of),
        queries.overdue_cases(conn, filters, as_of, limit),
    )


def report_causes(uow: UnitOfWork, filters: Filters) -> CausesReport:
    filters = scope_filters(uow, filters)
    parts = _gather(
        uow,
        {
            "roots": queries.cause_roots,
            "received": lambda conn: queries.received_by_cause(conn, filters),
            "closed": lambda conn: queries.closed_by_cause(conn, filters),
        },
    )
    from mediate.services.causes import default_taxonomy

    # Both 案由 revisions onto one set of groups: the 2025 parts (issue 13).
    taxonomy = default_taxonomy()
    roots = {name: taxonomy.report_part(root) for name, root in parts["roots"].items()}
    received, closed = _official_counts(uow, filters, parts["received"], parts["closed"])
    for written in {*received, *(w for w, _s in closed)} - roots.keys():
        # words that name one of several causes of one part (交通事故 without the vehicle
        # kind: UNDECIDED_VARIANTS) count under that part, not as 未知案由
        shared = {roots.get(c.name, "") for c in taxonomy.candidates(written or "")}
        if len(shared) == 1 and "" not in shared:
            roots[written] = shared.pop()
    return build_causes(filters, roots, received, closed)


def _official_counts(
    uow: UnitOfWork,
    filters: Filters,
    received: dict[str, int],
    closed: dict[tuple[str, str], int],
) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """The counts by written cause, counted under the official cause court papers name
    for it (`routing.causes.official_cause`, on the deployment's stored revisions:
    借钱不还 -> 民间借贷纠纷, 物业费 -> 物业服务合同纠纷), so a cause written in everyday words
    is no 未知案由. The report groups by part, which both revisions share
    (`Taxonomies.report_part`), so the day received does not change a group: read in the
    newest revision. Resolved once per distinct written cause; the few whose cause depends
    on the parties or the claim (wage words against an organisation, 车贷/房贷 with a
    financial institution, a debt's words with a worker's wage claim against an employer:
    追索劳动报酬纠纷, as the papers name it) are counted again by those, in SQL."""
    from mediate.routing.causes import official_cause as read
    from mediate.services.routing import case_taxonomy

    taxonomy = case_taxonomy(uow)

    def official_cause(
        written: str, employer: bool = False, lender: bool = False, wage: bool = False
    ) -> str:
        # a wage claim (the SQL's flag: domain.confirmation.is_wage_claim) as the papers
        # read the case's claim: 欠款纠纷 with one against an employer is 追索劳动报酬纠纷
        return read(written, employer, lender, taxonomy, wage_claim=wage)

    written = {w for w in received if w} | {w for w, _s in closed if w}
    plain = {w: official_cause(w) for w in written}
    flags = [(e, le, g) for e in (False, True) for le in (False, True) for g in (False, True)]
    dependent = sorted(
        w for w in written if any(official_cause(w, *flag) != plain[w] for flag in flags[1:])
    )
    by_parties: tuple[
        dict[tuple[str, bool, bool, bool], int], dict[tuple[str, str, bool, bool, bool], int]
    ]
    by_parties = ({}, {})
    if dependent:
        conn = uow.session.connection()
        by_parties = queries.parties_by_cause(conn, filters, dependent)
    skip = set(dependent)
    new_received: dict[str, int] = {}
    new_closed: dict[tuple[str, str], int] = {}
    for w, n in received.items():
        if w not in skip:
            key = plain.get(w, w)
            new_received[key] = new_received.get(key, 0) + n
    for (w, status), n in closed.items():
        if w not in skip:
            ckey = (plain.get(w, w), status)
            new_closed[ckey] = new_closed.get(ckey, 0) + n
    for (w, e, le, g), n in by_parties[0].items():
        key = official_cause(w, e, le, g)
        new_received[key] = new_received.get(key, 0) + n
    for (w, status, e, le, g), n in by_parties[1].items():
        ckey = (official_cause(w, e, le, g), status)
        new_closed[ckey] = new_closed.get(ckey, 0) + n
    return new_received, new_closed


def report_months(uow: UnitOfWork, filters: Filters) -> list[MonthFigures]:
    filters = scope_filters(uow, filters)
    parts = _gather(
        uow,
        {
            "received": lambda conn: queries.received_by_month(conn, filters),
            "closed": lambda conn: queries.closed_by_month(conn, filters),
        },
    )
    return build_months(filters.period.months(), parts["received"], parts["closed"])


def write_whitepaper(
    uow: UnitOfWork,
    filters: Filters,
    target: Path,
    as_of: dt.date | None = None,
    templates_dir: Path | None = None,
) -> Path:
    """The half-year white paper (seed item 2) as a Word document at `target`."""
    from mediate.reports.whitepaper import WhitePaperData, render_whitepaper

    data = WhitePaperData(
        funnel=report_funnel(uow, filters),
        orgs=report_orgs(uow, filters, as_of),
        causes=report_causes(uow, filters),
        months=report_months(uow, filters),
    )
    return render_whitepaper(data, target, templates_dir)


def funnel_over_all_data(uow: UnitOfWork) -> FunnelReport:
    """The funnel from the first case received to the last closed (the demo's last word)."""
    first, last = queries.data_span(uow.session.connection())
    today = today_local()
    start, end = first or today, max(last or today, today)
    return report_funnel(uow, make_filters(date_from=start.isoformat(), date_to=end.isoformat()))
