"""The aggregate queries behind every report. Each one is a GROUP BY in SQL over an index
designed for it (see the `ix_case_report_*` indexes in `store/tables.py`); no case row is
ever loaded into Python, only aggregates and the small `orgs` and `causes` tables.

Dates: `received_on` / `closed_on` are local calendar dates; a routing decision's
`decided_at` is an aware UTC timestamp, compared with the period's local-midnight bounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    Table,
    and_,
    case,
    exists,
    func,
    literal,
    select,
)
from sqlalchemy import cast as sql_cast

from mediate.domain.model import OrgKind, Source
from mediate.reports.periods import Period
from mediate.store.tables import (
    CaseRow,
    CauseRow,
    ConfirmationRow,
    DecisionRow,
    OrgRow,
    OutcomeRow,
)

LOCAL = ZoneInfo("Asia/Shanghai")


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


CASES = _table(CaseRow)
ORGS = _table(OrgRow)
OUTCOMES = _table(OutcomeRow)
CONFIRMATIONS = _table(ConfirmationRow)
DECISIONS = _table(DecisionRow)
CAUSES = _table(CauseRow)

# `transferred` (移送) is open: the case waits at its new body for a mediator.
OPEN_STATUSES = ("registered", "routed", "assigned", "in_mediation", "transferred")
CLOSED_STATUSES = ("settled", "failed", "withdrawn")
RETURNED_TO_COURT = "returned_to_court"

# Funnel buckets, in display order.
OUTSIDE = "outside_court_door"
AT_DOOR = "at_court_door"
ADJUDICATION = "adjudication"
UNRESOLVED = "unresolved"
WITHDRAWN = "withdrawn"
BUCKETS = (OUTSIDE, AT_DOOR, ADJUDICATION, UNRESOLVED)


@dataclass(frozen=True)
class Filters:
    period: Period
    county: str | None = None
    source: Source | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "period": self.period.as_json(),
            "county": self.county,
            "source": self.source.value if self.source else None,
        }


def _case_filters(f: Filters) -> list[ColumnElement[bool]]:
    c = CASES.c
    where: list[ColumnElement[bool]] = []
    if f.county:
        where.append(c.county_code == f.county)
    if f.source:
        where.append(c.source == f.source.value)
    return where


def _closed_in(f: Filters) -> list[ColumnElement[bool]]:
    return [CASES.c.closed_on.between(f.period.start, f.period.end), *_case_filters(f)]


def _received_in(f: Filters) -> list[ColumnElement[bool]]:
    return [CASES.c.received_on.between(f.period.start, f.period.end), *_case_filters(f)]


def _grouped(inner: Select[Any], *keys: str) -> Select[Any]:
    """Count the rows of `inner` per key columns. The keys are computed in a subquery so
    PostgreSQL sees the same GROUP BY expression as the SELECT (bound CASE constants)."""
    sub = inner.subquery()
    columns = [sub.c[k] for k in keys]
    return select(*columns, func.count().label("n")).group_by(*columns)


# --- funnel ---------------------------------------------------------------------------


def _bucket() -> ColumnElement[str]:
    c, o = CASES.c, ORGS.c
    returned = exists().where(OUTCOMES.c.case_id == c.id, OUTCOMES.c.follow_up == RETURNED_TO_COURT)
    return case(
        (c.status == WITHDRAWN, literal(WITHDRAWN)),
        (o.kind == OrgKind.COURT.value, literal(ADJUDICATION)),
        (and_(c.status == "settled", o.kind == OrgKind.COUNTY_CENTER.value), literal(AT_DOOR)),
        (and_(c.status == "settled", o.kind.is_not(None)), literal(OUTSIDE)),
        (and_(c.status == "failed", returned), literal(ADJUDICATION)),
        else_=literal(UNRESOLVED),
    )


def funnel_counts(conn: Connection, f: Filters) -> list[tuple[str | None, str, int]]:
    """(county_code, bucket, count) of the disputes closed in the period.

    Closed = `closed_on` in the period; plus disputes routed to a court (not mediable)
    that carry no `closed_on`, counted in the period they were received.
    """
    c, o = CASES.c, ORGS.c
    joined = CASES.outerjoin(ORGS, o.id == c.org_id)
    closed = select(c.county_code, _bucket().label("bucket")).select_from(joined)
    court_open = select(c.county_code, literal(ADJUDICATION).label("bucket")).select_from(
        CASES.join(ORGS, o.id == c.org_id)
    )
    queries = [
        closed.where(*_closed_in(f)),
        court_open.where(c.closed_on.is_(None), o.kind == OrgKind.COURT.value, *_received_in(f)),
    ]
    counts: dict[tuple[str | None, str], int] = {}
    for query in queries:
        for county, bucket, n in conn.execute(_grouped(query, "county_code", "bucket")):
            counts[(county, bucket)] = counts.get((county, bucket), 0) + int(n)
    return [(county, bucket, n) for (county, bucket), n in counts.items()]


# --- bodies ---------------------------------------------------------------------------


def local_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the period as aware datetimes (local midnights)."""
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=LOCAL)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=LOCAL)
    return start, end


def received_by_org(conn: Connection, f: Filters) -> dict[str, int]:
    """Distinct disputes routed to each body during the period (any decision, so a dispute
    re-routed from one level to another counts once at each body that received it)."""
    d = DECISIONS.c
    start, end = local_bounds(f.period)
    query = select(d.org_id, func.count(func.distinct(d.case_id))).where(
        d.decided_at >= start, d.decided_at < end
    )
    extra = _case_filters(f)
    if extra:
        query = query.join(CASES, CASES.c.id == d.case_id).where(*extra)
    return {org: int(n) for org, n in conn.execute(query.group_by(d.org_id))}


def closed_by_org(conn: Connection, f: Filters) -> dict[tuple[str, str], int]:
    """(org_id, status) → disputes the body closed in the period."""
    c = CASES.c
    query = (
        select(c.org_id, c.status, func.count())
        .where(*_closed_in(f), c.org_id.is_not(None))
        .group_by(c.org_id, c.status)
    )
    return {(org, status): int(n) for org, status, n in conn.execute(query)}


def confirmed_by_org(conn: Connection, f: Filters) -> dict[str, int]:
    """Settled disputes closed in the period whose agreement a court has confirmed."""
    c, k = CASES.c, CONFIRMATIONS.c
    query = (
        select(c.org_id, func.count())
        .select_from(CASES.join(CONFIRMATIONS, k.case_id == c.id))
        .where(*_closed_in(f), c.status == "settled", k.status == "confirmed")
        .group_by(c.org_id)
    )
    return {org: int(n) for org, n in conn.execute(query)}


def open_by_org(conn: Connection, f: Filters, as_of: dt.date) -> dict[str | None, tuple[int, int]]:
    """org_id → (open now, overdue now: deadline before `as_of`)."""
    c = CASES.c
    overdue = func.sum(case((c.deadline < as_of, 1), else_=0))
    query = (
        select(c.org_id, func.count(), overdue)
        .where(c.status.in_(OPEN_STATUSES), *_case_filters(f))
        .group_by(c.org_id)
    )
    return {org: (int(n), int(late or 0)) for org, n, late in conn.execute(query)}


def _days(conn: Connection) -> ColumnElement[Any]:
    c = CASES.c
    if conn.dialect.name == "postgresql":
        return c.closed_on - c.received_on
    return func.julianday(c.closed_on) - func.julianday(c.received_on)


def _interpolate(low: float | None, high: float | None, position: float) -> float | None:
    if low is None:
        return None
    fraction = position - int(position)
    if high is None or fraction == 0:
        return float(low)
    return float(low) + fraction * (float(high) - float(low))


def day_percentiles(
    conn: Connection, f: Filters, by: str
) -> dict[str | None, tuple[float | None, float | None]]:
    """Median and 90th percentile of days from receipt to outcome (settled or failed,
    closed in the period), per `by` = "org" | "level" | "all".

    Linear interpolation between closest ranks (PostgreSQL's percentile_cont): in SQL on
    both backends, with percentile_cont on PostgreSQL and row_number() windows on SQLite.
    """
    c, o = CASES.c, ORGS.c
    key: ColumnElement[Any] = {"org": c.org_id, "level": o.level, "all": literal("all")}[by]
    days = _days(conn)
    where = [*_closed_in(f), c.status.in_(("settled", "failed")), o.kind != OrgKind.COURT.value]
    source = CASES.join(ORGS, o.id == c.org_id)
    result: dict[str | None, tuple[float | None, float | None]] = {}
    if conn.dialect.name == "postgresql":
        sub = select(key.label("k"), days.label("d")).select_from(source).where(*where).subquery()
        query = select(
            sub.c.k,
            func.percentile_cont(0.5).within_group(sub.c.d),
            func.percentile_cont(0.9).within_group(sub.c.d),
        ).group_by(sub.c.k)
        for k, p50, p90 in conn.execute(query):
            result[None if by == "all" else k] = (_round(p50), _round(p90))
        return result
    ranked = (
        select(
            key.label("k"),
            days.label("d"),
            (func.row_number().over(partition_by=key, order_by=days) - 1).label("rn"),
            func.count().over(partition_by=key).label("n"),
        )
        .select_from(source)
        .where(*where)
        .subquery()
    )
    r = ranked.c

    def at(p: float, offset: int) -> ColumnElement[Any]:
        rank = sql_cast(p * (r.n - 1), Integer) + offset
        return func.max(case((r.rn == rank, r.d)))

    query = select(r.k, func.max(r.n), at(0.5, 0), at(0.5, 1), at(0.9, 0), at(0.9, 1))
    for row in conn.execute(query.group_by(r.k)):
        values: tuple[Any, ...] = tuple(row)
        k, n, lo50, hi50, lo90, hi90 = values
        p50 = _interpolate(lo50, hi50, 0.5 * (n - 1))
        p90 = _interpolate(lo90, hi90, 0.9 * (n - 1))
        result[None if by == "all" else k] = (_round(p50), _round(p90))
    return result


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def bodies(conn: Connection) -> list[dict[str, Any]]:
    """Every mediation body (all kinds but `court`), the dimension of the orgs report."""
    o = ORGS.c
    query = (
        select(o.id, o.name, o.kind, o.level, o.division_code)
        .where(o.kind != OrgKind.COURT.value)
        .order_by(o.level, o.division_code, o.id)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


# --- overdue --------------------------------------------------------------------------


def overdue_groups(conn: Connection, f: Filters, as_of: dt.date) -> list[tuple[Any, ...]]:
    """(org_id, org name, clerk, count, oldest deadline) of open disputes past deadline."""
    c, o = CASES.c, ORGS.c
    query = (
        select(c.org_id, o.name, c.created_by, func.count(), func.min(c.deadline))
        .select_from(CASES.outerjoin(ORGS, o.id == c.org_id))
        .where(c.status.in_(OPEN_STATUSES), c.deadline < as_of, *_case_filters(f))
        .group_by(c.org_id, o.name, c.created_by)
        .order_by(func.count().desc(), c.org_id, c.created_by)
    )
    return [tuple(row) for row in conn.execute(query)]


def overdue_cases(
    conn: Connection, f: Filters, as_of: dt.date, limit: int | None
) -> list[dict[str, Any]]:
    """The urging list itself, oldest deadline first within each body and clerk."""
    c, o = CASES.c, ORGS.c
    query = (
        select(
            c.org_id,
            o.name.label("org"),
            c.created_by.label("clerk"),
            c.id.label("case_id"),
            c.court_case_no,
            c.cause,
            c.received_on,
            c.deadline,
            c.status,
        )
        .select_from(CASES.outerjoin(ORGS, o.id == c.org_id))
        .where(c.status.in_(OPEN_STATUSES), c.deadline < as_of, *_case_filters(f))
        .order_by(c.deadline, c.org_id, c.created_by, c.id)
    )
    if limit:
        query = query.limit(limit)
    return [dict(row._mapping) for row in conn.execute(query)]


# --- causes and months ----------------------------------------------------------------


def cause_roots(conn: Connection) -> dict[str, str]:
    """案由 name → the name of its top-level part, by the newest taxonomy version."""
    k = CAUSES.c
    rows = conn.execute(select(k.version, k.code, k.name, k.parent_code)).all()
    by_code = {(v, code): (name, parent) for v, code, name, parent in rows}
    roots: dict[str, tuple[str, str]] = {}
    for version, code, name, _parent in rows:
        node, seen = (version, code), 0
        while by_code[node][1] is not None and (version, by_code[node][1]) in by_code:
            node = (version, by_code[node][1])
            seen += 1
            if seen > 20:  # a cycle in imported data: stop at this node
                break
        root = by_code[node][0]
        if name not in roots or version > roots[name][0]:
            roots[name] = (version, root)
    return {name: root for name, (_v, root) in roots.items()}


def received_by_cause(conn: Connection, f: Filters) -> dict[str, int]:
    c = CASES.c
    query = select(c.cause, func.count()).where(*_received_in(f)).group_by(c.cause)
    return {cause: int(n) for cause, n in conn.execute(query)}


def closed_by_cause(conn: Connection, f: Filters) -> dict[tuple[str, str], int]:
    c = CASES.c
    query = (
        select(c.cause, c.status, func.count()).where(*_closed_in(f)).group_by(c.cause, c.status)
    )
    return {(cause, status): int(n) for cause, status, n in conn.execute(query)}


def _month(conn: Connection, column: Any) -> ColumnElement[str]:
    if conn.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.substr(column, 1, 7)


def received_by_month(conn: Connection, f: Filters) -> dict[str, int]:
    c = CASES.c
    inner = select(_month(conn, c.received_on).label("month")).where(*_received_in(f))
    return {m: int(n) for m, n in conn.execute(_grouped(inner, "month"))}


def closed_by_month(conn: Connection, f: Filters) -> dict[tuple[str, str], int]:
    c = CASES.c
    inner = select(_month(conn, c.closed_on).label("month"), c.status).where(*_closed_in(f))
    return {(m, s): int(n) for m, s, n in conn.execute(_grouped(inner, "month", "status"))}


def data_span(conn: Connection) -> tuple[dt.date | None, dt.date | None]:
    """The first day a case was received and the last day one closed (or was received)."""
    c = CASES.c
    first, last_received, last_closed = conn.execute(
        select(func.min(c.received_on), func.max(c.received_on), func.max(c.closed_on))
    ).one()
    last = max((d for d in (last_received, last_closed) if d is not None), default=None)
    return first, last
