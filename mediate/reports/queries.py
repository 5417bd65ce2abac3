"""The aggregate queries behind every report. Each one is a GROUP BY in SQL over an index
designed for it (see the `ix_case_report_*` indexes in `store/tables.py`); no case row is
ever loaded into Python, only aggregates and the small `orgs` and `causes` tables.

Dates: `received_on` / `closed_on` are local calendar dates; a routing decision's
`decided_at` is an aware UTC timestamp, compared with the period's local-midnight bounds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Join,
    Select,
    Table,
    and_,
    case,
    func,
    or_,
    select,
    true,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.compiler import compiles

from mediate.domain.model import OrgKind
from mediate.domain.parties import (
    COMPOUND_SURNAME_NAME,
    COMPOUND_SURNAMES,
    NAME_LIKE_FORMS,
    ORGANISATION_KINDS,
    SOLE_TRADER_WORDS,
    TRADE_NAME_FORMS,
    TRADE_NAME_SHORT_FORMS,
    TRADE_NAME_SHORT_MIN,
    TRADE_NAME_STEM,
    TRANSLITERATION_DOT,
)
from mediate.reports.filters import CLOSED_STATUSES, OPEN_STATUSES, Filters
from mediate.reports.periods import Period
from mediate.store.tables import (
    CaseRow,
    CauseRow,
    ConfirmationRow,
    DecisionRow,
    OrgRow,
    OutcomeRow,
    PartyRow,
    PerformanceEventRow,
)

LOCAL = ZoneInfo("Asia/Shanghai")


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


CASES = _table(CaseRow)
ORGS = _table(OrgRow)
OUTCOMES = _table(OutcomeRow)
CONFIRMATIONS = _table(ConfirmationRow)
DECISIONS = _table(DecisionRow)
PERFORMANCE = _table(PerformanceEventRow)
CAUSES = _table(CauseRow)
PARTIES = _table(PartyRow)


def _case_filters(f: Filters) -> list[ColumnElement[bool]]:
    c = CASES.c
    where: list[ColumnElement[bool]] = []
    if f.county:
        # A residual test on the report indexes (which all carry county_code): through
        # coalesce() SQLite will not pick ix_case_county_closed, which is not covering.
        where.append(func.coalesce(c.county_code, "") == f.county)
    if f.source:
        where.append(c.source == f.source.value)
    if f.orgs is not None:
        where.append(c.org_id.in_(sorted(f.orgs)))
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


# --- bodies ---------------------------------------------------------------------------
#
# The SQLite planner has no statistics (mediate runs no ANALYZE), so the queries are
# shaped for the index they should use: `org_id IN (SELECT id FROM orgs)` and
# `status IN (…)` turn a GROUP BY over (org, status) into one short range seek on
# `ix_case_report_org` per pair, read in index order (tests/integration/test_report_plans.py
# checks the plans).


def _known_orgs(*where: ColumnElement[bool]) -> Select[Any]:
    return select(ORGS.c.id).where(*where)


def local_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the period as aware datetimes (local midnights)."""
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=LOCAL)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=LOCAL)
    return start, end


class _CaseFirstJoin(Join):
    """`left JOIN right ON …` that SQLite runs in that order (its CROSS JOIN)."""

    inherit_cache = True


@compiles(_CaseFirstJoin, "sqlite")
def _case_first_join(join: _CaseFirstJoin, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    assert join.onclause is not None
    return (
        f"{join.left._compiler_dispatch(compiler, **kw)} CROSS JOIN "
        f"{join.right._compiler_dispatch(compiler, **kw)} ON "
        f"{join.onclause._compiler_dispatch(compiler, **kw)}"
    )


def received_by_org(conn: Connection, f: Filters) -> dict[str, int]:
    """Distinct disputes routed to each body during the period (any decision, so a dispute
    re-routed from one level to another counts once at each body that received it)."""
    d = DECISIONS.c
    start, end = local_bounds(f.period)
    in_period = (d.decided_at >= start, d.decided_at < end)
    counted = func.count(func.distinct(d.case_id))
    extra = _case_filters(f)
    if not extra:
        query = select(d.org_id, counted).where(d.org_id.in_(_known_orgs()), *in_period)
    elif conn.dialect.name == "sqlite":
        # Looking each decision's case up (half a million of them a year at 1 M cases, in
        # no order) cost 1 s. Instead the cases kept are listed in id order from
        # ix_case_lookup and their decisions read from ix_decision_case, case after case:
        # the seeks walk both indexes forwards. (LIMIT -1 keeps the ordered list a
        # subquery; the CROSS JOIN keeps it outside.)
        kept = select(CASES.c.id).where(*extra).order_by(CASES.c.id).limit(-1).subquery()
        joined = _CaseFirstJoin(kept, DECISIONS, d.case_id == kept.c.id)
        query = select(d.org_id, counted).select_from(joined).where(*in_period)
    else:
        query = (
            select(d.org_id, counted)
            .join(CASES, CASES.c.id == d.case_id)
            .where(d.org_id.in_(_known_orgs()), *in_period, *extra)
        )
    return {org: int(n) for org, n in conn.execute(query.group_by(d.org_id))}


def may_apply_for_confirmation() -> ColumnElement[bool]:
    """Whether a settled case may go to judicial confirmation: it was not entrusted by a
    court after filing (委托), which the court closes itself (特邀调解规定 art. 20; DOMAIN.md
    §4.1). The rule is `domain.entrusted.is_entrusted`, the one `confirm request`
    refuses by, read from its source half: intake and `case edit` store a referral whose
    number shows a filed case (民初/民终) as entrusted (`reconcile_source`), so the stored
    source carries it. The number itself is in no report index: reading it from every
    settled case's row doubled `report orgs` at a million cases, so a self-accepted case
    given a filed case's number (a state the tool does not store from a referral) counts
    as eligible here while `confirm request` refuses it."""
    from mediate.domain.entrusted import ENTRUSTED_SOURCE

    return CASES.c.source != ENTRUSTED_SOURCE


def confirmations_by_org(conn: Connection, f: Filters) -> dict[str, tuple[int, int]]:
    """org_id → (settled disputes closed in the period that may go to judicial
    confirmation, those of them whose agreement a court has confirmed): one walk of
    `ix_case_report_org`, each case's confirmation looked up in `ix_confirmation_report`."""
    c, k = CASES.c, CONFIRMATIONS.c
    confirmed = and_(k.case_id == c.id, k.status == "confirmed")
    query = (
        select(c.org_id, func.count(), func.count(k.case_id))
        .select_from(CASES.outerjoin(CONFIRMATIONS, confirmed))
        .where(
            c.org_id.in_(_known_orgs()),
            c.status == "settled",
            *_closed_in(f),
            may_apply_for_confirmation(),
        )
        .group_by(c.org_id)
    )
    return {org: (int(n), int(done)) for org, n, done in conn.execute(query)}


def performed_by_org(conn: Connection, f: Filters) -> dict[str, int]:
    """Settled disputes closed in the period whose agreement is performed in full (人民调解法
    art. 31): a `done` report, which the service also records when instalments reach the
    agreed amount (services/performance.py)."""
    c, p = CASES.c, PERFORMANCE.c
    done = select(p.case_id).where(p.case_id == c.id, p.kind == "done").exists()
    query = (
        select(c.org_id, func.count())
        .where(c.org_id.in_(_known_orgs()), c.status == "settled", *_closed_in(f), done)
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


Percentiles = tuple[float | None, float | None]


def percentile(histogram: list[tuple[int, int]], p: float) -> float | None:
    """percentile_cont(p) of the values in `histogram` (sorted (value, count) pairs):
    linear interpolation between the closest ranks, as PostgreSQL computes it."""
    total = sum(n for _v, n in histogram)
    if not total:
        return None
    position = p * (total - 1)
    low_rank = int(position)
    fraction = position - low_rank
    seen, low, high = 0, None, None
    for value, n in histogram:
        if low is None and low_rank < seen + n:
            low = value
        if low_rank + 1 < seen + n:
            high = value
            break
        seen += n
    assert low is not None
    if fraction == 0 or high is None:
        return float(low)
    return float(low) + fraction * (float(high) - float(low))


def _pair(histogram: dict[int, int]) -> Percentiles:
    ordered = sorted(histogram.items())
    return _round(percentile(ordered, 0.5)), _round(percentile(ordered, 0.9))


def closed_days_by_org(conn: Connection, f: Filters) -> dict[tuple[str, str, int], int]:
    """(org_id, status, whole days from receipt to closing) → disputes the body closed in
    the period: the closed counts and the days' percentiles of the bodies' report, from one
    pass over the closed cases on `ix_case_report_org` (a few thousand groups).

    Grouping by the days, which the index does not hold in order, is what costs: SQLite
    sorts every closed case through a temporary B-tree (0.3 s of 0.4 at 1 M cases), and
    PostgreSQL sorts them by body first (0.6 s). So SQLite lists each (body, status)'s
    days as it walks the index (group_concat, in index order) and they are counted here;
    PostgreSQL groups each body's cases by hash, body by body (LATERAL)."""
    c = CASES.c
    where = (c.status.in_(CLOSED_STATUSES), *_closed_in(f))
    if conn.dialect.name == "postgresql":
        whole_days = sql_cast(c.closed_on - c.received_on, Integer).label("d")
        o = ORGS.c
        per_body = (
            select(c.status, whole_days, func.count().label("n"))
            .where(c.org_id == o.id, *where)
            .group_by(c.status, whole_days)
            .lateral()
        )
        query = select(o.id, per_body.c.status, per_body.c.d, per_body.c.n).select_from(
            ORGS.join(per_body, true())
        )
        return {(org, status, int(d)): int(n) for org, status, d, n in conn.execute(query)}
    days = sql_cast(func.julianday(c.closed_on) - func.julianday(c.received_on), Integer)
    listed = (
        select(c.org_id, c.status, func.group_concat(days))
        .where(c.org_id.in_(_known_orgs()), *where)
        .group_by(c.org_id, c.status)
    )
    counts: dict[tuple[str, str, int], int] = {}
    for org, status, values in conn.execute(listed):
        for d, n in Counter(values.split(",")).items():
            counts[(org, status, int(d))] = n
    return counts


def closed_by_org(closed_days: dict[tuple[str, str, int], int]) -> dict[tuple[str, str], int]:
    """(org_id, status) → disputes the body closed in the period."""
    closed: dict[tuple[str, str], int] = {}
    for (org, status, _days), n in closed_days.items():
        closed[(org, status)] = closed.get((org, status), 0) + n
    return closed


def day_percentiles(
    closed_days: dict[tuple[str, str, int], int], levels: dict[str, str]
) -> dict[str, dict[str | None, Percentiles]]:
    """Median and 90th percentile of days from receipt to outcome (settled or failed,
    closed in the period) per body ("org"), per level ("level") and overall ("all"), over
    the mediation bodies (`levels`: body → level; courts are not among them).

    Both backends: computed exactly as percentile_cont interpolates, from the histogram of
    whole days per body. (PostgreSQL's own percentile_cont over grouping sets sorts every
    closed case three times: 0.9 s at 1 M cases against 0.2 s for the histogram.)
    """
    by_org: dict[str, dict[int, int]] = {}
    by_level: dict[str, dict[int, int]] = {}
    overall: dict[int, int] = {}
    for (org, status, d), n in closed_days.items():
        if status not in ("settled", "failed") or org not in levels:
            continue
        for histogram in (
            by_org.setdefault(org, {}),
            by_level.setdefault(levels[org], {}),
            overall,
        ):
            histogram[d] = histogram.get(d, 0) + n
    return {
        "org": {k: _pair(h) for k, h in by_org.items()},
        "level": {k: _pair(h) for k, h in by_level.items()},
        "all": {None: _pair(overall)} if overall else {},
    }


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
    """The urging list itself, oldest deadline first. The cases are chosen on the covering
    index first, so only the listed ones are read from the table."""
    c, o = CASES.c, ORGS.c
    order = (c.deadline, c.org_id, c.created_by, c.id)
    chosen = (
        select(c.id)
        .where(c.status.in_(OPEN_STATUSES), c.deadline < as_of, *_case_filters(f))
        .order_by(*order)
    )
    if limit:
        chosen = chosen.limit(limit)
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
        .where(c.id.in_(chosen.scalar_subquery() if limit else chosen))
        .order_by(*order)
    )
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


def _party_flags() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Whether a case's parties are a worker against an employer (`employer`,
    `domain.parties.labour_parties`) and whether it has a party
    that is a financial institution (`lender`), as `routing.causes.official_cause` and
    `routing.causes.financial_party` read them: what a wage or loan word's cause depends on."""
    from mediate.routing.causes import FINANCIAL_NAME_WORDS

    c, p = CASES.c, PARTIES.c
    # domain.parties.labour_parties: some applicant is a person, none a person trading by
    # name (trades_by_name: the words or a 字号), and some respondent a 个体工商户 entered as
    # a person, or an organisation (employer_respondent: a guarantor is the employer when
    # no other respondent can be, so any organisation counts)
    length = func.length(p.name)
    trade_name = and_(
        ~p.name.contains(TRANSLITERATION_DOT, autoescape=True),
        # 欧阳中心 (not 东方超市): a compound surname and a given name that is also a form
        # (domain.parties.is_compound_surname_name: COMPOUND_SURNAMES, NAME_LIKE_FORMS)
        ~and_(
            length == COMPOUND_SURNAME_NAME,
            func.substr(p.name, 1, 2).in_(COMPOUND_SURNAMES),
            or_(*(p.name.endswith(form, autoescape=True) for form in NAME_LIKE_FORMS)),
        ),
        or_(
            *(
                and_(p.name.endswith(form, autoescape=True), length >= len(form) + TRADE_NAME_STEM)
                for form in TRADE_NAME_FORMS
            ),
            and_(
                length >= TRADE_NAME_SHORT_MIN,
                or_(*(p.name.endswith(f, autoescape=True) for f in TRADE_NAME_SHORT_FORMS)),
            ),
        ),
    )
    words = (p.name.contains(word, autoescape=True) for word in SOLE_TRADER_WORDS)
    trader = or_(*words, trade_name)
    person = p.kind == "person"
    mine = (p.case_id == c.id, p.role == "respondent")
    employer_side = or_(
        select(p.id).where(*mine, person, trader).exists(),
        select(p.id).where(*mine, p.kind.in_(ORGANISATION_KINDS)).exists(),
    )
    employer = and_(
        employer_side,
        select(p.id).where(p.case_id == c.id, p.role == "applicant", person).exists(),
        ~select(p.id).where(p.case_id == c.id, p.role == "applicant", person, trader).exists(),
    )
    named = [p.name.contains(word, autoescape=True) for word in FINANCIAL_NAME_WORDS]
    lender = select(p.id).where(p.case_id == c.id, or_(p.industry == "finance", *named)).exists()
    return employer, lender


def _wage_claim() -> ColumnElement[bool]:
    """Whether a case's claim is one for wages (domain.confirmation.is_wage_claim: a word of
    WAGE_CLAIM_WORDS and none of NOT_WAGE_CLAIM_WORDS), from the same lists."""
    from mediate.domain.confirmation import NOT_WAGE_CLAIM_WORDS, WAGE_CLAIM_WORDS

    claim = func.coalesce(CASES.c.claim, "")
    return and_(
        or_(*(claim.contains(w, autoescape=True) for w in WAGE_CLAIM_WORDS)),
        ~or_(*(claim.contains(w, autoescape=True) for w in NOT_WAGE_CLAIM_WORDS)),
    )


def parties_by_cause(
    conn: Connection, f: Filters, causes: list[str]
) -> tuple[dict[tuple[str, bool, bool, bool], int], dict[tuple[str, str, bool, bool, bool], int]]:
    """For the written causes whose official cause depends on the parties or the claim
    (few: wage and loan words, a debt's words with a wage claim), the cases received and
    closed in the period by (cause, [status,] employer, lender, wage claim)."""
    c = CASES.c
    employer, lender = _party_flags()
    flags = (employer.label("employer"), lender.label("lender"), _wage_claim().label("wage"))
    names = ("employer", "lender", "wage")
    mine = c.cause.in_(causes)
    received = _grouped(select(c.cause, *flags).where(mine, *_received_in(f)), "cause", *names)
    closed = _grouped(
        select(c.cause, c.status, *flags).where(mine, *_closed_in(f)), "cause", "status", *names
    )
    return (
        {(w, bool(e), bool(le), bool(g)): int(n) for w, e, le, g, n in conn.execute(received)},
        {(w, s, bool(e), bool(le), bool(g)): int(n) for w, s, e, le, g, n in conn.execute(closed)},
    )


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
