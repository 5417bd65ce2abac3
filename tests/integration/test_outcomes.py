"""Outcomes: settled with an agreement, failed with its follow-up, withdrawn."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from mediate import clock
from mediate.errors import BadOptionValue, TransitionError, ValidationError
from mediate.services import credit, outcomes
from mediate.services.outcomes import Agreement
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, EventRow, OutcomeRow
from mediate.store.uow import UnitOfWork
from tests import factories


@pytest.fixture
def engine(store):
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


FAILED_ON = dt.date(2026, 11, 6)


def fail(engine, case_id, reason: str | None = "x", **kw):
    """`record` of a failure on FAILED_ON, for a reason."""
    return record(engine, case_id, "failed", FAILED_ON, reason=reason, **kw)


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
    with pytest.raises(BadOptionValue, match="in the future"):  # a bad typed value: exit 2
        record(engine, case_id, "withdrawn", clock.today() + dt.timedelta(days=3))
    assert stored(engine, case_id)[0].status == "in_mediation"


def test_rule_people_mediation_law_art_29_an_agreement_takes_effect_no_earlier_than_reached(
    engine,
):
    # 人民调解法 art. 29: it takes effect once signed and sealed, so never before the day
    # it was reached (--on); the papers say 达成 on one day and 生效 on the other.
    case_id = new_case(engine)
    early = Agreement(terms="还款", effective_on=dt.date(2026, 11, 4))
    with pytest.raises(BadOptionValue, match="before it was reached") as caught:  # exit 2
        record(engine, case_id, "settled", dt.date(2026, 11, 5), agreement=early)
    assert caught.value.option == "--effective-on"
    assert stored(engine, case_id)[0].status == "in_mediation"
    later = Agreement(terms="还款", effective_on=dt.date(2026, 11, 6))
    record(engine, case_id, "settled", dt.date(2026, 11, 5), agreement=later)
    assert stored(engine, case_id)[1].effective_on == dt.date(2026, 11, 6)


def credit_case(engine, **kw):
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
    kw.setdefault("cause", "买卖合同纠纷")
    kw.setdefault("claim", "支付货款52000元")
    kw.setdefault(
        "parties",
        [factories.person(), factories.enterprise("respondent", "焦作市某某商贸有限公司")],
    )
    return new_case(engine, org_id="jz-410800-credit", **kw)


def report(engine, case_id, basis="《征信业管理条例》第四十四条", **kw):
    with UnitOfWork(engine, "李书记员") as uow:
        done = credit.report_credit(uow, case_id, basis, **kw)
        uow.commit()
        return done


def test_a_failure_at_the_credit_committee_is_not_reported_by_itself(engine):
    # Issue 14 item 3: a credit report is a decision with its basis, never a side effect.
    case_id = credit_case(engine)
    result = fail(engine, case_id, reason="被申请人拒不到场")
    case, outcome, events = stored(engine, case_id)
    assert result.follow_ups == ["parties_informed"]
    assert (case.status, outcome.follow_up) == ("failed", "parties_informed")
    assert [e.action for e in events] == ["outcome", "follow_up"]


def test_a_credit_report_is_an_audited_decision_with_its_basis(engine):
    case_id = credit_case(engine)
    fail(engine, case_id, reason="被申请人拒不到场")
    done = report(engine, case_id, on=dt.date(2026, 11, 9), note="经委员会讨论")
    _case, outcome, events = stored(engine, case_id)
    # the decision is its event; the outcome keeps the failure's follow-up (seed item 18)
    assert (done.enterprises, outcome.follow_up) == (["焦作市某某商贸有限公司"], "parties_informed")
    last = events[-1]
    assert (last.action, last.clerk, last.note) == ("credit_report", "李书记员", "经委员会讨论")
    assert last.after == {
        "basis": "《征信业管理条例》第四十四条",
        "enterprises": ["焦作市某某商贸有限公司"],
        "reported_on": "2026-11-09",
    }
    with pytest.raises(TransitionError, match="already reported"):
        report(engine, case_id)


def test_rule_seed_18_an_outcome_marked_credit_report_before_its_own_event_counts_as_reported(
    engine,
):
    # Outcome rows written before 2026-12-03 held `credit_report` in place of the failure's
    # follow-up: such a case was reported (征信业管理条例 art. 44), and is not reported twice.
    case_id = credit_case(engine)
    fail(engine, case_id)
    with Session(engine) as session:
        row = session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case_id)).one()
        row.follow_up = "credit_report"
        session.add(row)
        session.commit()
    with UnitOfWork(engine, "李书记员") as uow:
        assert credit.reported(uow, case_id)
    with pytest.raises(TransitionError, match="already reported"):
        report(engine, case_id)


def test_a_consumer_complaint_is_never_reported_to_the_credit_agencies(engine):
    # 征信业管理条例 art. 44(3): negative information is an unpaid debt, not a refund claim.
    case_id = credit_case(engine, claim="退货退款")
    fail(engine, case_id)
    with pytest.raises(ValidationError, match="not about a debt"):
        report(engine, case_id)
    _, outcome, _ = stored(engine, case_id)
    assert outcome.follow_up == "parties_informed"


def test_rule_credit_regulation_art_23_an_enterprise_without_its_credit_code_is_not_reported(
    engine,
):
    # 征信业管理条例 art. 23: negative information must be accurate — it names the
    # enterprise by its unified social credit code, as the credit notice requires.
    unnamed = factories.enterprise("respondent", "焦作市某商贸有限公司", id_number=None)
    case_id = credit_case(engine, parties=[factories.person(), unnamed])
    fail(engine, case_id)
    with pytest.raises(
        ValidationError, match="焦作市某商贸有限公司 has no unified social"
    ) as caught:
        report(engine, case_id)
    assert caught.value.exit_code == 1 and "--party 2" in str(caught.value)
    _, outcome, _ = stored(engine, case_id)
    assert outcome.follow_up == "parties_informed"


def test_a_credit_tag_makes_a_case_about_a_debt(engine):
    case_id = credit_case(engine, claim=None, tags=["debt_evasion"])
    fail(engine, case_id)
    assert report(engine, case_id).enterprises == ["焦作市某某商贸有限公司"]


def test_a_credit_report_needs_a_failure_at_the_committee_and_a_basis(engine):
    open_case = credit_case(engine)
    with pytest.raises(TransitionError, match="has not failed"):
        report(engine, open_case)
    elsewhere = new_case(engine, claim="支付货款", status="failed")
    with pytest.raises(TransitionError, match="not at the enterprise-credit committee"):
        report(engine, elsewhere)
    fail(engine, open_case)
    with pytest.raises(ValidationError, match="legal basis"):
        report(engine, open_case, basis="  ")


def test_credit_report_is_not_a_follow_up_the_outcome_can_choose(engine):
    case_id = credit_case(engine)
    with pytest.raises(BadOptionValue, match="mediate credit report"):
        fail(engine, case_id, follow_ups=["credit_report"])


def test_a_failed_labour_mediation_goes_on_to_labour_arbitration(engine):
    # 劳动争议调解仲裁法 arts. 5, 14: not back to a court.
    with Session(engine) as session:
        factories.org(session, "jz-410802-labour", kind="professional", field="labour")
        session.commit()
    case_id = new_case(engine, org_id="jz-410802-labour", cause="追索劳动报酬纠纷")
    result = fail(engine, case_id)
    assert result.follow_ups == ["labour_arbitration"]
    other = new_case(engine, org_id="jz-410802-labour", cause="追索劳动报酬纠纷")
    chosen = fail(engine, other, follow_ups=["payment_order"])
    assert chosen.follow_ups == ["payment_order"]
    elsewhere = new_case(engine)
    with pytest.raises(BadOptionValue, match="cannot have the follow-up labour arbitration"):
        fail(engine, elsewhere, follow_ups=["labour_arbitration"])


def test_a_failed_court_referral_goes_back_to_the_court(engine):
    case_id = new_case(
        engine,
        source="court_delegated",
        referring_court="焦作市解放区人民法院",
        court_case_no="（2026）豫0802民初1234号",
    )
    fail(engine, case_id, reason="双方分歧过大")
    _, outcome, events = stored(engine, case_id)
    assert outcome.follow_up == "returned_to_court"
    assert events[1].after == {
        "follow_up": "returned_to_court",
        "court": "焦作市解放区人民法院",
        "court_case_no": "（2026）豫0802民初1234号",
    }


def test_a_return_to_court_among_several_follow_ups_counts_as_adjudication_seed_17(engine):
    """Seed item 17's funnel counts a failure returned to court as adjudication: the outcome
    row keeps the return whatever order the clerk named the follow-ups in."""
    from mediate.services.reports import make_filters, report_funnel

    case_id = new_case(
        engine,
        source="court_delegated",
        referring_court="焦作市解放区人民法院",
    )
    result = fail(engine, case_id, follow_ups=["parties_informed", "returned_to_court"])
    _, outcome, events = stored(engine, case_id)
    assert result.follow_ups == ["parties_informed", "returned_to_court"]
    assert outcome.follow_up == "returned_to_court"
    assert [e.after["follow_up"] for e in events if e.action == "follow_up"] == result.follow_ups
    with UnitOfWork(engine, "李书记员") as uow:
        funnel = report_funnel(uow, make_filters(period="2026-11"))
    assert funnel.total.counts == {"adjudication": 1}


def test_a_failure_needs_a_reason_and_known_follow_ups(engine):
    case_id = new_case(engine)
    with pytest.raises(ValidationError, match="Say why"):
        fail(engine, case_id, reason=None)
    with pytest.raises(BadOptionValue, match="cannot have the follow-up sue"):
        fail(engine, case_id, follow_ups=["sue"])


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
        fail(engine, done)
    with pytest.raises(ValidationError, match="Unknown outcome 'won'"):
        record(engine, case_id, "won")


def test_a_court_referred_failure_at_the_credit_committee_goes_back_to_the_court(engine):
    case_id = credit_case(engine, source="court_delegated", referring_court="焦作市山阳区人民法院")
    result = fail(engine, case_id, reason="拒不到场")
    _, outcome, _events = stored(engine, case_id)
    assert result.follow_ups == ["returned_to_court"]
    assert outcome.follow_up == "returned_to_court"


def test_a_failed_delegated_labour_dispute_is_sent_to_arbitration_before_any_suit(engine):
    """劳动争议调解仲裁法 arts. 5, 50 (read in LawRefBook): a court hears a labour dispute only
    after arbitration. A failed 委派 still goes back to the court with its materials
    (特邀调解规定 art. 21), but the next step says arbitration first and how to record it;
    an ordinary dispute's step does not."""
    case_id = new_case(
        engine,
        cause="追索劳动报酬纠纷",
        source="court_delegated",
        referring_court="焦作市解放区人民法院",
    )
    result = fail(engine, case_id, reason="双方分歧过大")
    assert result.follow_ups == ["returned_to_court"]  # nothing changed silently
    assert "return_letter" in result.next_step
    assert (
        "arts. 5, 50" in result.next_step and "--follow-up labour_arbitration" in result.next_step
    )
    loan = new_case(engine, source="court_delegated", referring_court="焦作市解放区人民法院")
    ordinary = fail(engine, loan, reason="双方分歧过大")
    assert "arbitration" not in ordinary.next_step


def test_a_self_accepted_case_cannot_be_returned_to_a_court(engine):
    """Review of 2026-12-02: a 自行受理 case was closed as 退回法院 with no court to send it
    to; the refusal says why and lists the follow-ups that apply."""
    from mediate.errors import BadOptionValue

    case_id = new_case(engine, source="self_accepted")
    with pytest.raises(BadOptionValue, match="not referred by a court") as refused:
        fail(engine, case_id, follow_ups=["returned_to_court"])
    assert refused.value.exit_code == 2
    assert "parties_informed" in str(refused.value)
    assert "returned_to_court)" not in str(refused.value)
    done = fail(engine, case_id)
    assert done.follow_ups == ["parties_informed"]
