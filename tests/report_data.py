"""A small fixed dataset for the report tests, with every figure computed by hand in the
tests that use it. Period of interest: 2026H1; "today" is 2026-07-20.

Bodies: 解放区 village room → township centre (re-routing), the court docking centre, the
basic court (not mediable), the city finance and credit committees, 修武 township centre,
and a professional body with no cases at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import CauseRow, ConfirmationRow, DecisionRow, OutcomeRow
from tests import factories

LOCAL = ZoneInfo("Asia/Shanghai")
AS_OF = dt.date(2026, 7, 20)

ORGS: dict[str, dict[str, Any]] = {
    "jfq-village": dict(
        name="解放区某村调解室", kind="village_room", level="village", division_code="410802006901"
    ),
    "jfq-town": dict(
        name="解放区某街道调处中心",
        kind="township_center",
        level="township",
        division_code="410802006",
    ),
    "jfq-door": dict(
        name="解放区人民法院诉调对接中心",
        kind="county_center",
        level="county",
        division_code="410802",
    ),
    "jfq-court": dict(
        name="焦作市解放区人民法院", kind="court", level="county", division_code="410802"
    ),
    "city-finance": dict(
        name="焦作市金融纠纷调解委员会",
        kind="finance_committee",
        level="city",
        division_code="410800",
    ),
    "city-credit": dict(
        name="焦作市企业信用纠纷人民调解委员会",
        kind="credit_committee",
        level="city",
        division_code="410800",
    ),
    "xw-town": dict(
        name="修武县某镇调处中心",
        kind="township_center",
        level="township",
        division_code="410821001",
    ),
    "xw-idle": dict(
        name="修武县交通事故调解委员会", kind="professional", level="county", division_code="410821"
    ),
}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(text: str) -> dt.datetime:
    """A local (Asia/Shanghai) time, e.g. '2026-01-01 00:30'."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=LOCAL)


# key: (received, closed, status, final org, county, source, cause, deadline, clerk)
CASES: dict[str, dict[str, Any]] = {
    "A": dict(
        received_on=d("2026-01-05"),
        closed_on=d("2026-01-25"),
        status="settled",
        org_id="jfq-town",
        county_code="410802",
    ),
    "B": dict(
        received_on=d("2026-01-01"),
        closed_on=d("2026-01-11"),
        status="settled",
        org_id="jfq-town",
        county_code="410802",
    ),
    "C": dict(
        received_on=d("2026-03-01"),
        closed_on=d("2026-04-01"),
        status="settled",
        org_id="jfq-door",
        county_code="410802",
        source="court_entrusted",
        court_case_no="（2026）豫0802民初1号",
    ),
    "D": dict(
        received_on=d("2026-03-02"),
        closed_on=d("2026-03-12"),
        status="failed",
        org_id="jfq-door",
        county_code="410802",
        source="court_delegated",
    ),
    "E": dict(
        received_on=d("2026-04-01"),
        closed_on=None,
        status="routed",
        org_id="jfq-court",
        county_code="410802",
        deadline=None,
    ),
    "F": dict(
        received_on=d("2026-04-10"),
        closed_on=d("2026-05-10"),
        status="settled",
        org_id="city-finance",
        county_code="410821",
        cause="金融借款合同纠纷",
    ),
    "G": dict(
        received_on=d("2026-05-01"),
        closed_on=d("2026-05-06"),
        status="failed",
        org_id="city-credit",
        county_code="410821",
        cause="买卖合同纠纷",
    ),
    "H": dict(
        received_on=d("2026-05-02"),
        closed_on=d("2026-05-04"),
        status="withdrawn",
        org_id="xw-town",
        county_code="410821",
    ),
    "I": dict(
        received_on=d("2026-05-27"),
        closed_on=d("2026-06-21"),
        status="settled",
        org_id="xw-town",
        county_code="410821",
        cause="机动车交通事故责任纠纷",
    ),
    "J": dict(
        received_on=d("2026-06-10"),
        closed_on=None,
        status="in_mediation",
        org_id="xw-town",
        county_code="410821",
        deadline=d("2026-07-10"),
        created_by="王书记员",
    ),
    "K": dict(
        received_on=d("2026-06-20"),
        closed_on=None,
        status="routed",
        org_id="jfq-village",
        county_code="410802",
        deadline=d("2026-07-30"),
    ),
    "L": dict(
        received_on=d("2025-12-01"),
        closed_on=d("2025-12-20"),
        status="settled",
        org_id="jfq-town",
        county_code="410802",
    ),
    "M": dict(
        received_on=d("2026-06-25"),
        closed_on=d("2026-07-05"),
        status="settled",
        org_id="city-finance",
        county_code="410802",
        cause="金融借款合同纠纷",
    ),
    "N": dict(
        received_on=d("2026-06-15"),
        closed_on=None,
        status="assigned",
        org_id="jfq-door",
        county_code="410802",
        deadline=d("2026-07-01"),
        created_by="李书记员",
        court_case_no="（2026）豫0802民初9号",
    ),
    "P": dict(
        received_on=d("2026-06-05"),
        closed_on=None,
        status="transferred",
        org_id="xw-town",
        county_code="410821",
        deadline=None,
    ),
}

# Routing decisions (local times): A and P were re-routed from the village room.
DECISIONS: list[tuple[str, str, str]] = [
    ("A", "jfq-village", "2026-01-05 10:00"),
    ("A", "jfq-town", "2026-01-10 10:00"),
    ("B", "jfq-town", "2026-01-01 00:30"),  # 2025-12-31 in UTC: still 2026H1 locally
    ("C", "jfq-door", "2026-03-01 10:00"),
    ("D", "jfq-door", "2026-03-02 10:00"),
    ("E", "jfq-court", "2026-04-01 10:00"),
    ("F", "city-finance", "2026-04-10 10:00"),
    ("G", "city-credit", "2026-05-01 10:00"),
    ("H", "xw-town", "2026-05-02 10:00"),
    ("I", "xw-town", "2026-05-27 10:00"),
    ("J", "xw-town", "2026-06-10 10:00"),
    ("K", "jfq-village", "2026-06-20 10:00"),
    ("L", "jfq-town", "2025-12-31 23:30"),
    ("M", "city-finance", "2026-07-01 00:30"),  # 2026-06-30 in UTC: NOT 2026H1 locally
    ("N", "jfq-door", "2026-06-15 10:00"),
    ("P", "jfq-village", "2026-06-05 10:00"),
    ("P", "xw-town", "2026-06-08 10:00"),
]

OUTCOMES: dict[str, tuple[str, str | None]] = {
    "A": ("settled", None),
    "B": ("settled", None),
    "C": ("settled", None),
    "D": ("failed", "returned_to_court"),
    "F": ("settled", None),
    "G": ("failed", "credit_report"),
    "H": ("withdrawn", None),
    "I": ("settled", None),
    "L": ("settled", None),
    "M": ("settled", None),
}

# C was entrusted (委托): its confirmation, as recorded before `confirm request` refused such
# cases, is not in the bodies' confirmation figures (reports/queries.may_apply_for_confirmation).
CONFIRMATIONS = {"A": "confirmed", "B": "drafted", "C": "confirmed", "F": "filed"}

CAUSES = [
    ("4", "合同、准合同纠纷", 1, None),
    ("4.10", "借款合同纠纷", 2, "4"),
    ("4.10.103", "金融借款合同纠纷", 3, "4.10"),
    ("4.10.104", "民间借贷纠纷", 3, "4.10"),
    ("9", "侵权责任纠纷", 1, None),
    ("9.1", "机动车交通事故责任纠纷类", 2, "9"),
    ("9.1.1", "机动车交通事故责任纠纷", 3, "9.1"),
]


def seed(url: str) -> dict[str, int]:
    """Create the schema and the dataset; return case key → id."""
    engine = make_engine(url)
    upgrade(engine)
    ids: dict[str, int] = {}
    with Session(engine) as session:
        for org_id, values in ORGS.items():
            factories.org(session, org_id, **values)
        for code, name, level, parent in CAUSES:
            session.add(
                CauseRow(version="2020", code=code, name=name, level=level, parent_code=parent)
            )
        for key, values in CASES.items():
            kw = dict(values)
            kw.setdefault("deadline", kw["received_on"] + dt.timedelta(days=30))
            row = factories.case(session, **kw)
            assert row.id is not None
            ids[key] = row.id
        for key, org_id, when in DECISIONS:
            session.add(
                DecisionRow(
                    case_id=ids[key],
                    org_id=org_id,
                    rule="test",
                    path=["root"],
                    deadline_days=30,
                    rules_version="test",
                    decided_by="测试书记员",
                    decided_at=at(when),
                )
            )
        for key, (result, follow_up) in OUTCOMES.items():
            closed = CASES[key]["closed_on"]
            session.add(
                OutcomeRow(
                    case_id=ids[key],
                    result=result,
                    decided_on=closed,
                    follow_up=follow_up,
                    recorded_by="测试书记员",
                )
            )
        for key, status in CONFIRMATIONS.items():
            session.add(
                ConfirmationRow(
                    case_id=ids[key],
                    court="焦作市解放区人民法院",
                    status=status,
                    apply_by=d("2026-12-31"),
                )
            )
        session.commit()
    engine.dispose()
    return ids
