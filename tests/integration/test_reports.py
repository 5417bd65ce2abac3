"""Reports against figures computed by hand on `tests/report_data.py`, on both backends."""

from __future__ import annotations

import pytest

from mediate.services.reports import (
    make_filters,
    report_causes,
    report_funnel,
    report_months,
    report_orgs,
    report_overdue,
)
from mediate.store.engine import make_engine
from mediate.store.uow import UnitOfWork
from tests.conftest import _fresh_pg_database, pg_unavailable_reason
from tests.report_data import AS_OF, seed


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def reports_db(request, tmp_path_factory):
    """The fixed dataset, seeded once per backend: these tests only read it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'reports.db'}"
        databases = None
    else:
        reason = pg_unavailable_reason()
        if reason:
            pytest.skip(reason)
        databases = _fresh_pg_database()
        url = next(databases)
    ids = seed(url)
    engine = make_engine(url)
    yield engine, ids
    engine.dispose()
    if databases is not None:
        next(databases, None)


def run(engine, report, *args, **kw):
    with UnitOfWork(engine, "测试书记员") as uow:
        return report(uow, *args, **kw)


def h1(**kw):
    return make_filters(period="2026H1", **kw)


def test_funnel_counts_each_closed_dispute_once_by_its_final_body(reports_db):
    engine, _ = reports_db
    funnel = run(engine, report_funnel, h1())
    total = funnel.total
    assert total.counts == {
        "outside_court_door": 4,  # A, B (re-routed A counted at the township), F, I
        "at_court_door": 1,  # C
        "adjudication": 2,  # D failed and returned; E routed to the court
        "unresolved": 1,  # G failed, reported to the credit agencies
        "withdrawn": 1,  # H
    }
    assert (total.closed, total.counted) == (9, 8)
    assert [total.share(b) for b in ("outside_court_door", "at_court_door")] == [0.5, 0.125]
    assert [total.share(b) for b in ("adjudication", "unresolved")] == [0.25, 0.125]


def test_funnel_puts_counties_side_by_side(reports_db):
    engine, _ = reports_db
    data = run(engine, report_funnel, h1()).as_json()
    by_code = {c["county_code"]: c for c in data["counties"]}
    assert list(by_code) == ["410802", "410821"]
    jfq, xw = by_code["410802"], by_code["410821"]
    assert (jfq["county"], jfq["closed"], jfq["withdrawn"], jfq["counted"]) == ("解放区", 5, 0, 5)
    assert {b: v["count"] for b, v in jfq["buckets"].items()} == {
        "outside_court_door": 2,
        "at_court_door": 1,
        "adjudication": 2,
        "unresolved": 0,
    }
    assert jfq["buckets"]["adjudication"] == {"count": 2, "share": 0.4, "target": 0.1}
    assert (xw["closed"], xw["withdrawn"], xw["counted"]) == (4, 1, 3)
    assert xw["buckets"]["outside_court_door"]["share"] == 0.6667
    assert xw["buckets"]["unresolved"] == {"count": 1, "share": 0.3333, "target": None}


def test_funnel_filters_by_county_and_source(reports_db):
    engine, _ = reports_db
    xw = run(engine, report_funnel, h1(county="修武县")).total
    assert xw.counts == {"outside_court_door": 2, "unresolved": 1, "withdrawn": 1}
    entrusted = run(engine, report_funnel, h1(source="court_entrusted")).total
    assert entrusted.counts == {"at_court_door": 1}


def test_an_empty_period_gives_zero_counts_and_no_shares(reports_db):
    engine, _ = reports_db
    funnel = run(engine, report_funnel, make_filters(period="2025Q1"))
    assert funnel.total.closed == 0
    assert funnel.counties == []
    assert funnel.total.as_json()["buckets"]["outside_court_door"] == {
        "count": 0,
        "share": None,
        "target": 0.7,
    }


def figures(report):
    return {o.key: o for o in report.orgs}


def test_bodies_received_follow_the_routing_history_in_local_time(reports_db):
    engine, _ = reports_db
    orgs = figures(run(engine, report_orgs, h1(), AS_OF))
    received = {k: v.received for k, v in orgs.items()}
    # A and P re-routed from the village room count at both bodies; B's decision at
    # 00:30 on 1 January local time counts, M's at 00:30 on 1 July does not.
    assert received == {
        "city-credit": 1,
        "city-finance": 1,
        "jfq-door": 3,
        "xw-idle": 0,
        "jfq-town": 2,
        "xw-town": 4,
        "jfq-village": 3,
    }
    assert "jfq-court" not in orgs  # a court is not a mediation body


def test_bodies_outcomes_rates_and_open_work(reports_db):
    engine, _ = reports_db
    orgs = figures(run(engine, report_orgs, h1(), AS_OF))
    row = {
        k: (v.open, v.settled, v.failed, v.withdrawn, v.overdue, v.confirmed)
        for k, v in orgs.items()
    }
    assert row == {
        "city-credit": (0, 0, 1, 0, 0, 0),
        "city-finance": (0, 1, 0, 0, 0, 0),
        "jfq-door": (1, 1, 1, 0, 1, 0),  # C is entrusted: its confirmation is not counted
        "xw-idle": (0, 0, 0, 0, 0, 0),
        "jfq-town": (0, 2, 0, 0, 0, 1),
        "xw-town": (2, 1, 0, 1, 1, 0),  # P transferred here is open, with no deadline
        "jfq-village": (1, 0, 0, 0, 0, 0),
    }
    rates = {k: (v.success_rate, v.confirmation_rate) for k, v in orgs.items()}
    assert rates == {
        "city-credit": (0.0, None),
        "city-finance": (1.0, 0.0),
        "jfq-door": (0.5, None),  # its one settled case, C, was entrusted: none may apply
        "xw-idle": (None, None),
        "jfq-town": (1.0, 0.5),
        "xw-town": (1.0, 0.0),
        "jfq-village": (None, None),
    }


def test_days_to_outcome_percentiles_interpolate_like_percentile_cont(reports_db):
    engine, _ = reports_db
    report = run(engine, report_orgs, h1(), AS_OF)
    orgs = figures(report)
    assert {k: (v.median_days, v.p90_days) for k, v in orgs.items()} == {
        "city-credit": (5.0, 5.0),
        "city-finance": (30.0, 30.0),
        "jfq-door": (20.5, 28.9),  # 10 and 31 days
        "xw-idle": (None, None),
        "jfq-town": (15.0, 19.0),  # 10 and 20 days
        "xw-town": (25.0, 25.0),  # the withdrawn case does not count
        "jfq-village": (None, None),
    }
    levels = {lv.key: (lv.median_days, lv.p90_days) for lv in report.levels}
    assert levels == {
        "city": (17.5, 27.5),
        "county": (20.5, 28.9),
        "township": (20.0, 24.0),  # 10, 20, 25
        "village": (None, None),
    }
    assert (report.total.median_days, report.total.p90_days) == (20.0, 30.4)


def test_levels_and_total_add_up_the_bodies(reports_db):
    engine, _ = reports_db
    data = run(engine, report_orgs, h1(), AS_OF).as_json()
    township = next(lv for lv in data["levels"] if lv["id"] == "township")
    assert (township["received"], township["open"], township["settled"]) == (6, 2, 3)
    total = data["total"]
    assert (total["received"], total["open"], total["settled"], total["failed"]) == (14, 4, 5, 2)
    # confirmation: A of A, B, F, I (C was entrusted)
    assert (total["overdue"], total["success_rate"]) == (2, 0.7143)
    assert (total["eligible"], total["confirmed"], total["confirmation_rate"]) == (4, 1, 0.25)
    assert list(data["orgs"][0]) == [
        "id",
        "name",
        "kind",
        "level",
        "received",
        "open",
        "settled",
        "failed",
        "withdrawn",
        "overdue",
        "eligible",
        "confirmed",
        "performed",
        "success_rate",
        "median_days",
        "p90_days",
        "confirmation_rate",
        "performance_rate",
    ]


def test_an_empty_period_leaves_bodies_with_zeros_and_no_percentiles(reports_db):
    engine, _ = reports_db
    report = run(engine, report_orgs, make_filters(period="2025-06"), AS_OF)
    assert report.total.settled == report.total.received == 0
    assert report.total.median_days is None
    assert report.total.open == 4  # open work is as of today, whatever the period


def test_overdue_lists_open_disputes_past_deadline_by_body_and_clerk(reports_db):
    engine, ids = reports_db
    report = run(engine, report_overdue, h1(), AS_OF)
    assert [(g.org_id, g.clerk, g.count) for g in report.groups] == [
        ("jfq-door", "李书记员", 1),
        ("xw-town", "王书记员", 1),
    ]
    assert [(c["case_id"], c["days_overdue"]) for c in report.cases] == [
        (ids["N"], 19),
        (ids["J"], 10),
    ]
    assert report.total == 2


def test_causes_group_by_the_top_of_the_taxonomy(reports_db):
    engine, _ = reports_db
    report = run(engine, report_causes, h1())
    assert [g.as_json() for g in report.groups] == [
        {
            "group": "合同、准合同纠纷",
            "received": 12,
            "settled": 4,
            "failed": 1,
            "withdrawn": 1,
            "success_rate": 0.8,
        },
        {
            "group": "侵权责任纠纷",
            "received": 1,
            "settled": 1,
            "failed": 0,
            "withdrawn": 0,
            "success_rate": 1.0,
        },
        {
            "group": "未知案由",
            "received": 1,
            "settled": 0,
            "failed": 1,
            "withdrawn": 0,
            "success_rate": 0.0,
        },
    ]


def test_months_trend_covers_every_month_of_the_period(reports_db):
    engine, _ = reports_db
    months = run(engine, report_months, h1())
    assert [(m.month, m.received, m.settled, m.failed, m.withdrawn) for m in months] == [
        ("2026-01", 2, 2, 0, 0),
        ("2026-02", 0, 0, 0, 0),
        ("2026-03", 2, 0, 1, 0),
        ("2026-04", 2, 1, 0, 0),
        ("2026-05", 3, 1, 1, 1),
        ("2026-06", 5, 1, 0, 0),
    ]


def test_orgs_of_a_county_list_its_bodies_and_those_that_handled_its_disputes(reports_db):
    # Issue (review 2026-12-03): report orgs --county listed every body of the city.
    engine, _ = reports_db
    xw = run(engine, report_orgs, h1(county="修武县"), AS_OF)
    # its own bodies, idle or not; the city's committees for F and G and 解放区's village
    # room, where P (a 修武县 dispute) went first; no other body of 解放区
    listed = ["city-credit", "city-finance", "jfq-village", "xw-idle", "xw-town"]
    assert sorted(figures(xw)) == listed
    assert figures(xw)["jfq-village"].received == 1
    assert xw.total.received == 7  # F, G, H, I, J, and P at both bodies
    jfq = run(engine, report_orgs, h1(county="410802"), AS_OF)
    # M, 解放区's dispute at the city's finance committee, came and went after June: the
    # committee has nothing of 解放区's in 2026H1 and is not listed
    assert sorted(figures(jfq)) == ["jfq-door", "jfq-town", "jfq-village"]
