"""The funnel's queries (reports/funnel.py) against the funnel computed in Python from every
case row, on random cases: counties that are missing or outside the city, cases no body
ever had, failed cases returned to court or not, cases at a court that never closed, and
the county, source and bodies filters — on both backends."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from sqlmodel import Session

from mediate.reports import funnel
from mediate.reports.filters import ALL_STATUSES, Filters
from mediate.services.reports import make_filters
from mediate.store.dbapi import Reader
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import OutcomeRow
from tests import factories

ORGS = {
    "t-court": "court",
    "t-door": "county_center",
    "t-town": "township_center",
    "t-finance": "finance_committee",
}
COUNTIES = (None, "410802", "410821", "410811", "419999")
STATUSES = (*ALL_STATUSES, "settled", "failed", "failed")  # closed ones more often
SOURCES = ("self_accepted", "court_entrusted", "court_delegated")
FOLLOW_UPS = (None, "returned_to_court", "returned_to_court", "credit_report")


@pytest.fixture
def cases(database):
    """200 random cases: (county, org, status, source, received, closed, follow-up)."""
    engine = make_engine(database.url)
    upgrade(engine)
    rng = random.Random(19)
    rows = []
    with Session(engine) as session:
        for org_id, kind in ORGS.items():
            factories.org(session, org_id, name=org_id, kind=kind)
        for _ in range(200):
            org = rng.choice([*ORGS, None])
            status = rng.choice(STATUSES)
            received = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
            closed = (
                received + dt.timedelta(days=rng.randrange(60))
                if status in ("settled", "failed", "withdrawn") or rng.random() < 0.2
                else None
            )
            row = factories.case(
                session,
                org_id=org,
                status=status,
                county_code=rng.choice(COUNTIES),
                source=rng.choice(SOURCES),
                received_on=received,
                closed_on=closed,
            )
            follow_up = rng.choice(FOLLOW_UPS) if closed else None
            if closed:
                session.add(
                    OutcomeRow(
                        case_id=row.id,
                        result=status if status in ("settled", "failed") else "withdrawn",
                        decided_on=closed,
                        follow_up=follow_up,
                        recorded_by="测试书记员",
                    )
                )
            rows.append((row.county_code, org, status, row.source, received, closed, follow_up))
        session.commit()
    yield engine, rows
    engine.dispose()


def _reader(conn) -> Reader:
    return Reader(conn.connection.driver_connection, conn.dialect.name, owned=False)


def by_hand(rows, f: Filters) -> Counter:
    """The funnel's definition (reports/model.py), case by case."""
    counts: Counter = Counter()
    start, end = f.period.start, f.period.end
    for county, org, status, source, received, closed, follow_up in rows:
        if (f.county and county != f.county) or (f.source and source != f.source.value):
            continue
        if f.orgs is not None and org not in f.orgs:
            continue
        kind = ORGS.get(org) if org else None
        if closed and start <= closed <= end:
            returned = int(status == "failed" and org is not None and follow_up == RETURNED)
            for bucket, n in funnel.classify(kind, status, 1, returned):
                counts[(county, bucket)] += n
        elif closed is None and kind == "court" and start <= received <= end:
            counts[(county, funnel.ADJUDICATION)] += 1
    return +counts


RETURNED = funnel.RETURNED_TO_COURT


@pytest.mark.parametrize(
    "options",
    [
        {"period": "2026"},
        {"period": "2026H1"},
        {"period": "2026", "county": "410821"},
        {"period": "2026", "county": "419999"},
        {"period": "2026Q3", "source": "court_entrusted"},
        {"period": "2026", "orgs": {"t-town", "t-court"}},
        {"period": "2026", "orgs": set()},
    ],
)
def test_the_funnel_queries_count_what_the_rows_say(cases, options):
    engine, rows = cases
    orgs = options.pop("orgs", None)
    f = make_filters(today=dt.date(2026, 12, 1), **options)
    if orgs is not None:
        f = Filters(f.period, f.county, f.source, frozenset(orgs))
    with engine.connect() as conn:
        found = funnel.funnel_counts(_reader(conn), f)
    assert Counter({(county, bucket): n for county, bucket, n in found}) == by_hand(rows, f)
    assert len(found) == len({(county, bucket) for county, bucket, _n in found})


def test_the_counties_are_listed_from_the_index_with_the_missing_ones_apart(cases):
    engine, rows = cases
    f = make_filters(period="2026", today=dt.date(2026, 12, 1))
    with engine.connect() as conn:
        slices = funnel.county_slices(_reader(conn), f)
    if engine.dialect.name != "sqlite":
        assert slices == [("1 = 1", [])]  # PostgreSQL groups by hash: no list needed
        return
    codes = sorted({county for county, *_rest in rows if county})
    assert slices == [
        (f"county_code IN ({', '.join('?' for _ in codes)})", codes),
        ("county_code IS NULL", []),
    ]
