"""Judicial confirmation against the store: courts, warnings, the court's result."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from mediate.errors import TransitionError, ValidationError
from mediate.services import confirmation, outcomes
from mediate.services.outcomes import Agreement
from mediate.store.engine import make_engine
from mediate.store.tables import ConfirmationRow, EventRow
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.test_lifecycle_fixtures import lifecycle_pg_url, store  # noqa: F401

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def engine(store):  # noqa: F811  (the imported fixture)
    engine = make_engine(store.url)
    yield engine
    engine.dispose()


def settled_case(engine, terms="王五于2026年12月31日前向张三偿还借款52000元。", **kw):
    kw.setdefault("status", "in_mediation")
    kw.setdefault(
        "parties",
        [
            factories.person(address="河南省焦作市解放区民主南路1号"),
            factories.person("respondent", "王五", address="修武县城关镇东关村"),
        ],
    )
    with Session(engine) as session:
        factories.org(
            session,
            "jz-410811-people",
            name="山阳区某人民调解委员会",
            kind="township_center",
            level="township",
            division_code="410811001",
        )
        row = factories.case(session, org_id="jz-410811-people", location="410802003", **kw)
        session.commit()
        case_id = row.id
    with UnitOfWork(engine, "李书记员") as uow:
        outcomes.record_outcome(
            uow,
            case_id,
            "settled",
            dt.date(2026, 11, 10),
            agreement=Agreement(
                terms=terms, amount=Decimal("52000"), effective_on=dt.date(2026, 11, 10)
            ),
        )
        uow.commit()
    return case_id


def call(engine, fn, *args, **kw):
    with UnitOfWork(engine, "李书记员") as uow:
        result = fn(uow, *args, **kw)
        uow.commit()
        return result


def test_the_competent_courts_come_from_domiciles_subject_matter_and_body(engine):
    case_id = settled_case(engine)
    choice = call(engine, confirmation.competent_courts, case_id)
    assert choice.names == ["焦作市解放区人民法院", "修武县人民法院", "焦作市山阳区人民法院"]
    assert choice.candidates[0].grounds == ["party_domicile", "subject_matter"]


def test_a_referred_case_goes_to_its_court(engine):
    case_id = settled_case(engine, source="court_delegated", referring_court="焦作市马村区人民法院")
    assert call(engine, confirmation.competent_courts, case_id).names == ["焦作市马村区人民法院"]


def test_courts_in_the_network_name_the_county_courts(engine):
    case_id = settled_case(engine)
    with Session(engine) as session:
        factories.org(
            session,
            "jz-410821-court",
            name="修武县人民法院（网络）",
            kind="court",
            level="county",
            division_code="410821",
        )
        session.commit()
    assert "修武县人民法院（网络）" in call(engine, confirmation.competent_courts, case_id).names


def test_several_candidates_need_a_choice_then_the_application_is_drafted(engine):
    case_id = settled_case(engine)
    with pytest.raises(ValidationError) as caught:
        call(engine, confirmation.request_confirmation, case_id, on=TODAY)
    assert "1. 焦作市解放区人民法院; 2. 修武县人民法院; 3. 焦作市山阳区人民法院" in str(
        caught.value
    )
    _plan, row = call(engine, confirmation.request_confirmation, case_id, court="2", on=TODAY)
    assert (row.court, row.status, row.apply_by, row.warnings) == (
        "修武县人民法院",
        "drafted",
        dt.date(2026, 12, 10),
        [],
    )
    with Session(engine) as session:
        event = session.exec(select(EventRow).where(EventRow.action == "confirm_request")).one()
    assert event.after["court"] == "修武县人民法院"


def test_art_355_warnings_stop_the_draft_until_the_clerk_accepts_them(engine):
    case_id = settled_case(engine, terms="双方确认争议房屋的所有权归张三。")
    with pytest.raises(ValidationError, match="title to property"):
        call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    with Session(engine) as session:
        assert session.exec(select(ConfirmationRow)).first() is None
    _, row = call(
        engine,
        confirmation.request_confirmation,
        case_id,
        court="1",
        accept_warnings=True,
        on=TODAY,
    )
    assert row.warnings == ["title_confirmation"]


def test_a_court_outside_the_candidates_is_a_jurisdiction_warning(engine):
    case_id = settled_case(engine)
    plan = call(
        engine, confirmation.plan_confirmation, case_id, court="郑州市金水区人民法院", on=TODAY
    )
    assert [w.code for w in plan.warnings] == ["outside_jurisdiction"]


def test_the_court_result_is_recorded_after_filing(engine):
    case_id = settled_case(engine)
    call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    with pytest.raises(TransitionError, match="allowed next: filed with the court"):
        call(
            engine,
            confirmation.record_result,
            case_id,
            "confirmed",
            dt.date(2026, 11, 20),
            "(2026)豫0802民特123号",
        )
    call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 11, 12))
    with pytest.raises(ValidationError, match="needs the court's case number"):
        call(engine, confirmation.record_result, case_id, "confirmed", dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="is not a court case number"):
        call(
            engine,
            confirmation.record_result,
            case_id,
            "confirmed",
            dt.date(2026, 11, 20),
            "2026-123",
        )
    row = call(
        engine,
        confirmation.record_result,
        case_id,
        "confirmed",
        dt.date(2026, 11, 20),
        "(2026)豫0802民特123号",
    )
    assert (row.status, row.filed_on, row.decided_on, row.court_case_no, row.version) == (
        "confirmed",
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 20),
        "(2026)豫0802民特123号",
        3,
    )
    with Session(engine) as session:
        actions = session.exec(
            select(EventRow.action).where(EventRow.case_id == case_id).order_by(EventRow.id)
        ).all()
    assert actions == ["outcome", "confirm_request", "confirm_filed", "confirm_confirmed"]


def test_only_a_settled_case_goes_to_confirmation(engine):
    with Session(engine) as session:
        case_id = factories.case(session, status="failed").id
        session.commit()
    with pytest.raises(TransitionError, match="only a settled case"):
        call(engine, confirmation.plan_confirmation, case_id)
    with pytest.raises(TransitionError, match="no application"):
        call(engine, confirmation.record_result, case_id, "filed")


def test_a_court_referral_without_its_court_is_pointed_out(engine):
    case_id = settled_case(engine, source="court_entrusted")
    choice = call(engine, confirmation.competent_courts, case_id)
    assert choice.unplaced == [
        "a court referred this case but the referring court is not recorded: "
        "it alone would be competent"
    ]
    assert choice.names == ["焦作市解放区人民法院", "修武县人民法院", "焦作市山阳区人民法院"]
