"""The papers read a case's cause against the deployment's revisions and cut-over
(services/routing.case_taxonomy; `causes_2025_from`, default 2026-01-01 as 法〔2025〕227号
says), as routing does, on each backend."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from mediate.documents.context import build_context
from mediate.documents.kinds import KINDS
from mediate.services.documents import load_records
from mediate.store.uow import UnitOfWork
from tests import factories

AUGUST_2025 = dt.date(2025, 8, 1)


def test_papers_name_the_cause_of_the_revision_the_deployments_cut_over_puts_in_force(
    database, monkeypatch
):
    engine = factories.with_causes(database.url)
    with Session(engine) as session:
        case = factories.case(
            session,
            parties=[factories.person(), factories.person("respondent", "王五")],
            cause="有奖销售纠纷",
            received_on=AUGUST_2025,
        )
        session.commit()
        case_id = case.id

    def paper_cause() -> str:
        with UnitOfWork(engine, "测试书记员") as uow:
            records = load_records(uow, [case_id])[case_id]
            return build_context(KINDS["registration"], records, AUGUST_2025)["case"]["cause"]

    assert paper_cause() == "有奖销售纠纷"  # the 2020 revision is in force until 2026
    monkeypatch.setenv("MEDIATE_CAUSES_2025_FROM", "2025-07-01")
    assert paper_cause() == "不正当有奖销售纠纷"
    engine.dispose()
