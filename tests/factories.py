"""Rows for tests, written straight to the store (no services involved).

Use these where a test needs cases in some state without going through intake.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, ConfirmationRow, OrgRow, OutcomeRow, PartyRow


def org(session: Session, id: str = "jz-jfq-court-center", **kw: Any) -> OrgRow:
    row = session.get(OrgRow, id)
    if row is not None:
        return row
    values: dict[str, Any] = {
        "name": "焦作市解放区人民法院诉调对接中心",
        "kind": "county_center",
        "level": "county",
        "division_code": "410802",
    }
    values.update(kw)
    row = OrgRow(id=id, **values)
    session.add(row)
    session.flush()
    return row


def credit_committee(session: Session, id: str = "jz-credit") -> OrgRow:
    """A city's enterprise-credit mediation committee (the credit notice's body)."""
    return org(
        session,
        id,
        name="焦作市企业信用纠纷人民调解委员会",
        kind="credit_committee",
        level="city",
        division_code="410800",
    )


def person(role: str = "applicant", name: str = "张三", **kw: Any) -> dict[str, Any]:
    values = {
        "role": role,
        "kind": "person",
        "name": name,
        "id_number": "410802199001011237",
        "phone": "13800000000",
        "address": "河南省焦作市解放区民主南路1号",
        "sex": "男",
        "birth_date": dt.date(1990, 1, 1),
        "ethnicity": "汉族",
    }
    values.update(kw)
    return values


def enterprise(
    role: str = "applicant", name: str = "焦作市某某商贸有限公司", **kw: Any
) -> dict[str, Any]:
    values = {
        "role": role,
        "kind": "enterprise",
        "name": name,
        "id_number": "91410800MA44XXXX1Y",
        "address": "焦作市山阳区人民路100号",
        "legal_rep": "李四",
        "legal_rep_title": "总经理",
    }
    values.update(kw)
    return values


def case(
    session: Session,
    parties: list[dict[str, Any]] | None = None,
    org_id: str | None = "jz-jfq-court-center",
    **kw: Any,
) -> CaseRow:
    if org_id is not None:
        org(session, org_id)
    values: dict[str, Any] = {
        "cause": "民间借贷纠纷",
        "amount": Decimal("52000.50"),
        "source": "self_accepted",
        "received_on": dt.date(2026, 11, 2),
        "location": "410802",
        "county_code": "410802",
        "status": "routed",
        "org_id": org_id,
        "deadline_days": 30,
        "deadline": dt.date(2026, 12, 2),
        "created_by": "测试书记员",
    }
    values.update(kw)
    row = CaseRow(**values)
    session.add(row)
    session.flush()
    for position, party in enumerate(parties or [person(), person("respondent", "王五")]):
        session.add(PartyRow(case_id=row.id, position=position, **party))
    session.flush()
    return row


def settle(session: Session, case_id: int, confirm: bool = True) -> None:
    """A settled outcome for the case (the agreement of 2026-11-10), and unless not
    `confirm` a drafted application for judicial confirmation."""
    session.add(
        OutcomeRow(
            case_id=case_id,
            result="settled",
            decided_on=dt.date(2026, 11, 10),
            effective_on=dt.date(2026, 11, 10),
            terms="王五于2026年12月31日前归还借款52,000.50元\n张三放弃利息",
            amount=Decimal("52000.50"),
            recorded_by="测试书记员",
        )
    )
    if confirm:
        session.add(
            ConfirmationRow(
                case_id=case_id,
                court="焦作市解放区人民法院",
                status="drafted",
                apply_by=dt.date(2026, 12, 10),
            )
        )


def with_causes(url: str) -> Engine:
    """An engine on the upgraded database at `url` with both bundled 案由 revisions stored."""
    from mediate.services.causes import load_bundled_taxonomy
    from mediate.store.migrate import upgrade
    from mediate.store.uow import UnitOfWork

    engine = make_engine(url)
    upgrade(engine)
    with UnitOfWork(engine, "测试书记员") as uow:
        load_bundled_taxonomy(uow)
        uow.commit()
    return engine


def causes_report(
    url: str, cases: list[tuple[str, dict[str, Any], str | None, str | None]]
) -> dict[str, dict[str, Any]]:
    """The causes report of December 2026 over `cases` on the database at `url` (both
    bundled 案由 revisions stored), its groups by name: each case is (written cause, its
    respondent, its claim, closed as — None for one still routed), an applicant person
    against that respondent, received 2026-12-01 and closed that day when closed."""
    from mediate.services.reports import make_filters, report_causes
    from mediate.store.uow import UnitOfWork

    day = dt.date(2026, 12, 1)
    engine = with_causes(url)
    with Session(engine) as session:
        for cause, respondent, claim, closed in cases:
            case(
                session,
                parties=[person(), respondent],
                cause=cause,
                claim=claim,
                received_on=day,
                status=closed or "routed",
                closed_on=day if closed else None,
            )
        session.commit()
    with UnitOfWork(engine, "测试书记员") as uow:
        report = report_causes(uow, make_filters(period="2026-12"))
    engine.dispose()
    return {g.name: g.as_json() for g in report.groups}


def seed(url: str, build: Any) -> list[int]:
    """Run `build(session)` on the database at `url`, commit; the ids it returns."""
    engine = make_engine(url)
    with Session(engine) as session:
        ids = build(session)
        session.commit()
    engine.dispose()
    return ids


def one_settled_case(session: Session) -> list[int]:
    """One settled case with its outcome and a drafted confirmation: [its id]."""
    found = case(session, status="settled", facts="借款到期未还。")
    settle(session, found.id)
    return [found.id]
