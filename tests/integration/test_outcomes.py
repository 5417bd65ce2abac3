"""Outcomes: settled with an agreement, failed with its follow-up, withdrawn."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from mediate import clock
from mediate.errors import TransitionError, ValidationError
from mediate.services import outcomes
from mediate.services.outcomes import Agreement
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, EventRow, OutcomeRow
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.test_lifecycle_fixtures import lifecycle_pg_url, store  # noqa: F401


@pytest.fixture
def engine(store):  # noqa: F811  (the imported fixture)
    engine = make_engine(store.url)
    yield engine
    engine.dispose()


def new_case(engine, **kw):
    kw.setdefault("status", "in_mediation")
    with Session(engine) as session:
        row = factories.case(session, **kw)
        session.commit()
        return row.id


def record(engine, *args, **kw):
    with UnitOfWork(engine, "李书记员") as uow:
        result = outcomes.record_outcome(uow, *args, **kw)
        uow.commit()
        return result


def stored(engine, case_id):
    with Session(engine) as session:
        case = session.get(CaseRow, case_id)
        outcome = session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case_id)).first()
        events = session.exec(
            select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.id)
        ).all()
        return case, outcome, events


def test_a_settlement_stores_the_agreement_and_closes_the_case(engine):
    case_id = new_case(engine, received_on=dt.date(2026, 9, 1))
    agreement = Agreement(
        terms="王五于2026年12月31日前向张三偿还借款52000元。",
        amount=Decimal("52000"),
        performance="银行转账至张三账户",
        perform_by=dt.date(2026, 12, 31),
        effective_on=dt.date(2026, 9, 5),
    )
    result = record(engine, case_id, "success", dt.date(2026, 9, 5), agreement=agreement)
    case, outcome, events = stored(engine, case_id)
    assert (case.status, case.closed_on, case.version) == ("settled", dt.date(2026, 9, 5), 2)
    assert (outcome.result, outcome.amount, outcome.perform_by, outcome.recorded_by) == (
        "settled",
        Decimal("52000.00"),
        dt.date(2026, 12, 31),
        "李书记员",
    )
    assert outcome.performance == "银行转账至张三账户"
    # 30 days from 09-05 is 10-05, inside National Day: moved to 10-08.
    assert result.apply_by == dt.date(2026, 10, 8)
    [event] = events
    assert event.action == "outcome"
    assert event.before == {"status": "in_mediation", "closed_on": None}
    assert event.after["confirmation_apply_by"] == "2026-10-08"


def test_a_settlement_without_terms_or_with_odd_dates_is_refused(engine):
    case_id = new_case(engine)
    with pytest.raises(ValidationError, match="terms"):
        record(engine, case_id, "settled", dt.date(2026, 11, 5), agreement=Agreement(terms=""))
    with pytest.raises(ValidationError, match="before it took effect"):
        record(
            engine,
            case_id,
            "settled",
            dt.date(2026, 11, 5),
            agreement=Agreement(terms="还款", perform_by=dt.date(2026, 11, 4)),
        )
    with pytest.raises(ValidationError, match="before the case was received"):
        record(engine, case_id, "settled", dt.date(2026, 10, 1), agreement=Agreement(terms="还款"))
    with pytest.raises(ValidationError, match="in the future"):
        record(engine, case_id, "withdrawn", clock.today() + dt.timedelta(days=3))
    assert stored(engine, case_id)[0].status == "in_mediation"


def test_a_failure_at_the_credit_committee_is_reported_to_the_credit_agencies(engine):
    with Session(engine) as session:
        factories.org(
            session,
            "jz-410800-credit",
            name="焦作市企业信用纠纷人民调解委员会",
            kind="credit_committee",
            level="city",
            division_code="410800",
        )
        session.commit()
    case_id = new_case(
        engine,
        org_id="jz-410800-credit",
        cause="买卖合同纠纷",
        parties=[factories.person(), factories.enterprise("respondent", "焦作市某某商贸有限公司")],
    )
    result = record(engine, case_id, "failed", dt.date(2026, 11, 6), reason="被申请人拒不到场")
    case, outcome, events = stored(engine, case_id)
    assert result.follow_ups == ["credit_report"]
    assert (case.status, outcome.follow_up, outcome.reason) == (
        "failed",
        "credit_report",
        "被申请人拒不到场",
    )
    assert [e.action for e in events] == ["outcome", "follow_up"]
    assert events[1].after == {
        "follow_up": "credit_report",
        "enterprises": ["焦作市某某商贸有限公司"],
    }


def test_a_failed_court_referral_goes_back_to_the_court(engine):
    case_id = new_case(
        engine,
        source="court_delegated",
        referring_court="焦作市解放区人民法院",
        court_case_no="(2026)豫0802民初1234号",
    )
    record(engine, case_id, "failed", dt.date(2026, 11, 6), reason="双方分歧过大")
    _, outcome, events = stored(engine, case_id)
    assert outcome.follow_up == "returned_to_court"
    assert events[1].after == {
        "follow_up": "returned_to_court",
        "court": "焦作市解放区人民法院",
        "court_case_no": "(2026)豫0802民初1234号",
    }


def test_a_failure_needs_a_reason_and_known_follow_ups(engine):
    case_id = new_case(engine)
    with pytest.raises(ValidationError, match="Say why"):
        record(engine, case_id, "failed", dt.date(2026, 11, 6))
    with pytest.raises(ValidationError, match="Unknown follow-up 'sue'"):
        record(engine, case_id, "failed", dt.date(2026, 11, 6), reason="x", follow_ups=["sue"])


def test_withdrawal_closes_the_case(engine):
    case_id = new_case(engine, status="routed")
    record(engine, case_id, "withdrawn", dt.date(2026, 11, 6), reason="申请人撤回")
    case, outcome, _ = stored(engine, case_id)
    assert (case.status, outcome.result, outcome.reason) == ("withdrawn", "withdrawn", "申请人撤回")


def test_an_outcome_needs_an_assigned_case_and_only_one_outcome(engine):
    case_id = new_case(engine, status="routed")
    with pytest.raises(TransitionError, match="allowed next: assigned"):
        record(engine, case_id, "settled", dt.date(2026, 11, 6), agreement=Agreement(terms="x"))
    done = new_case(engine, status="settled")
    with pytest.raises(TransitionError, match="final"):
        record(engine, done, "failed", dt.date(2026, 11, 6), reason="x")
    with pytest.raises(ValidationError, match="Unknown outcome 'won'"):
        record(engine, case_id, "won")


def test_a_court_referred_failure_at_the_credit_committee_has_both_follow_ups(engine):
    with Session(engine) as session:
        factories.org(session, "jz-410800-credit", kind="credit_committee", division_code="410800")
        session.commit()
    case_id = new_case(
        engine,
        org_id="jz-410800-credit",
        source="court_delegated",
        referring_court="焦作市山阳区人民法院",
        parties=[factories.person(), factories.enterprise("respondent")],
    )
    result = record(engine, case_id, "failed", dt.date(2026, 11, 6), reason="拒不到场")
    _, outcome, events = stored(engine, case_id)
    assert result.follow_ups == ["returned_to_court", "credit_report"]
    assert outcome.follow_up == "returned_to_court"
    assert [e.after.get("follow_up") for e in events[1:]] == ["returned_to_court", "credit_report"]
