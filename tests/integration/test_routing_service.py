"""route_case and the stored network, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from mediate.errors import ConflictError, NotFound, TransitionError
from mediate.services.routing import route_case, router, stored_network
from mediate.services.setup import initialise
from mediate.store.tables import CaseRow, CauseRow, DecisionRow, EventRow, OrgRow
from mediate.store.uow import UnitOfWork
from tests import factories


def test_init_loads_the_network_and_taxonomy_once(engine) -> None:  # type: ignore[no-untyped-def]
    again = initialise(engine, "测试书记员")
    assert (again.orgs_created, again.orgs_updated, again.causes_created) == (0, 0, 0)
    with UnitOfWork(engine, "x") as uow:
        orgs = uow.session.exec(select(func.count()).select_from(OrgRow)).one()
        causes = uow.session.exec(select(func.count()).select_from(CauseRow)).one()
    # 108 township centres (one per real 乡/镇/街道), 45 sample village rooms; both 案由 revisions
    assert (orgs, causes) == (261, 927 + 1055)


def test_routing_a_stored_case_records_decision_case_fields_and_event(engine) -> None:  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, "书记员甲") as uow:
        case = factories.case(
            uow.session,
            parties=[factories.enterprise(industry="finance"), factories.person("respondent")],
            cause="金融借款合同纠纷",
            source="court_entrusted",
            procedure="summary",
            org_id=None,
            status="registered",
            deadline_days=None,
            deadline=None,
            received_on=dt.date(2026, 9, 29),
        )
        decision = route_case(uow, case.id, reason="首次分流")
        uow.commit()
        case_id = case.id
    assert (decision.org.id, decision.rule, decision.deadline_days) == (
        "jz-410800-finance",
        "finance",
        7,
    )
    with UnitOfWork(engine, "x") as uow:
        row = uow.session.get(CaseRow, case_id)
        assert row is not None
        # 7 days from 2026-09-29 end on 10-06, inside the National Day holiday: moved on.
        assert (row.org_id, row.route_rule, row.deadline_days, row.status, row.version) == (
            "jz-410800-finance",
            "finance",
            7,
            "routed",
            2,
        )
        assert row.deadline is not None and row.deadline > dt.date(2026, 10, 6)
        stored = uow.session.exec(select(DecisionRow).where(DecisionRow.case_id == case_id)).one()
        assert stored.path == ["root", "finance"]
        assert stored.rules_version == decision.rules_version
        assert stored.decided_by == "书记员甲"
        # The trace goes on past the winner: each later sibling says why it was not used.
        assert [step["rule"] for step in stored.trace if step["matched"]][-1] == "finance"
        event = uow.session.exec(
            select(EventRow).where(EventRow.case_id == case_id, EventRow.action == "routed")
        ).one()
        assert event.before is not None and event.before["org_id"] is None
        assert event.after is not None and event.after["org_id"] == "jz-410800-finance"
        assert event.note == "首次分流"


def test_rerouting_keeps_the_earlier_decisions(engine) -> None:  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, "x") as uow:
        case = factories.case(
            uow.session, org_id=None, status="registered", location="410802009901", amount=3000
        )
        route_case(uow, case.id)
        case.tags = ["cross_village"]
        uow.session.add(case)
        route_case(uow, case.id, reason="跨村")
        uow.commit()
        decisions = uow.session.exec(
            select(DecisionRow.org_id)
            .where(DecisionRow.case_id == case.id)
            .order_by(col(DecisionRow.id))
        ).all()
    assert list(decisions) == ["jz-410802009901-village-room", "jz-410802009-township-center"]


def test_a_settled_case_cannot_be_routed_again(engine) -> None:  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, "x") as uow:
        case = factories.case(uow.session, status="settled")
        with pytest.raises(
            TransitionError, match="is settled, which is final: it cannot become routed"
        ):
            route_case(uow, case.id)


def test_routing_a_case_another_clerk_changed_meanwhile_is_a_conflict(engine) -> None:  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, "甲") as uow:
        case = factories.case(uow.session, org_id=None, status="registered")
        uow.commit()
        case_id = case.id
    with UnitOfWork(engine, "甲") as mine:
        held = mine.session.get(CaseRow, case_id)  # read at version 1, kept referenced
        with UnitOfWork(engine, "乙") as theirs:
            route_case(theirs, case_id, reason="乙先分流")
            theirs.commit()
        with pytest.raises(ConflictError, match=f"Case {case_id} was changed by 乙"):
            route_case(mine, case_id)
        assert held is not None and held.version == 1


def test_routing_a_missing_case_is_not_found(engine) -> None:  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, "x") as uow, pytest.raises(NotFound):
        route_case(uow, 999999)


def test_the_router_counts_open_cases_for_least_open(engine) -> None:  # type: ignore[no-untyped-def]
    with UnitOfWork(engine, "x") as uow:
        factories.case(uow.session, org_id="jz-410802009-township-center")
        uow.commit()
        r = router(uow)
        assert r.load["jz-410802009-township-center"] == 1
        assert stored_network(uow.session).get("jz-410802-court") is not None


def test_rules_written_against_an_imported_revision_route_with_it(  # type: ignore[no-untyped-def]
    engine, tmp_path, monkeypatch, cli, initialised
) -> None:
    from mediate.services.causes import import_taxonomy

    revision = tmp_path / "causes-2026.yaml"
    revision.write_text(
        "causes:\n  合同、准合同纠纷:\n    合同纠纷:\n"
        "      - 民间借贷纠纷\n      - 数据交易合同纠纷\n",
        encoding="utf-8",
    )
    rules = tmp_path / "rules-2026.yaml"
    rules.write_text(
        'taxonomy: "2026"\nroute:\n  name: root\n  target: jz-410800-nlc\n  routes:\n'
        "    - {name: data, match: {cause: 数据交易合同纠纷}, target: jz-410800-ip}\n",
        encoding="utf-8",
    )
    bundled_check = cli(["rules", "check", str(rules)])
    assert bundled_check.exit_code == 1
    assert "the rules use 案由 taxonomy '2026' but '2020, 2025' is loaded" in bundled_check.stderr
    with UnitOfWork(engine, "x") as uow:
        import_taxonomy(uow, revision, "2026")
        uow.commit()
    stored_check = cli(["--db", initialised.url, "rules", "check", "--stored", str(rules)])
    assert stored_check.exit_code == 0, stored_check.output
    monkeypatch.setenv("MEDIATE_RULES", str(rules))
    with UnitOfWork(engine, "x") as uow:
        case = factories.case(uow.session, cause="数据交易合同纠纷", org_id=None)
        decision = route_case(uow, case.id)
    assert (decision.rule, decision.org.id, decision.warnings) == ("data", "jz-410800-ip", [])
