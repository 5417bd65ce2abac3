"""Judicial confirmation against the store: courts, warnings, the court's result."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from mediate.errors import BadOptionValue, TransitionError, ValidationError
from mediate.services import confirmation, outcomes
from mediate.services.outcomes import Agreement
from mediate.store.engine import make_engine
from mediate.store.tables import ConfirmationRow, EventRow
from mediate.store.uow import UnitOfWork
from tests import factories

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def engine(store):
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
            division_code="410811003",
        )
        factories.org(
            session, "jz-4108-city", name="焦作市非诉讼服务中心", level="city", division_code="4108"
        )
        kw.setdefault("subject_matter_location", "410802009")
        kw.setdefault("org_id", "jz-410811-people")
        kw.setdefault("location", "410802009")
        row = factories.case(session, **kw)
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


COURT_CASE_NO = "（2026）豫0802民特123号"


def confirmed(engine, case_id: int, on: dt.date, number: str = COURT_CASE_NO):
    """The court's ruling confirming the agreement, recorded as of `on`."""
    return call(engine, confirmation.record_result, case_id, "confirmed", on, number)


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
    # --court is required here: leaving it out is a usage error (exit 2), as is a number
    # past the list.
    with pytest.raises(BadOptionValue) as caught:
        call(engine, confirmation.request_confirmation, case_id, on=TODAY)
    assert caught.value.exit_code == 2
    assert "1. 焦作市解放区人民法院; 2. 修武县人民法院; 3. 焦作市山阳区人民法院" in str(
        caught.value
    )
    with pytest.raises(BadOptionValue, match="choose 1 to 3"):
        call(engine, confirmation.request_confirmation, case_id, court="4", on=TODAY)
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


def test_art_205_with_no_competent_court_a_number_is_refused_and_the_court_must_be_named(
    engine,
):
    # CPL art. 205: no party domicile, subject matter or body in a known county gives no
    # list to pick a number from; the clerk is told to name the court (exit 2).
    case_id = settled_case(
        engine,
        parties=[
            factories.person(address="北京市朝阳区建国路1号"),
            factories.person("respondent", "王五", address="上海市浦东新区世纪大道1号"),
        ],
        subject_matter_location=None,
        org_id="jz-4108-city",
        location=None,
    )
    assert call(engine, confirmation.competent_courts, case_id).names == []
    for court in ("1", None):
        with pytest.raises(BadOptionValue) as caught:
            call(engine, confirmation.request_confirmation, case_id, court=court, on=TODAY)
        assert caught.value.exit_code == 2
        assert "no competent court was found" in str(caught.value)
        assert "name the court with --court NAME" in str(caught.value)
        assert "choose 1 to 0" not in str(caught.value)


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
    assert {w.code for w in plan.warnings} == {"outside_jurisdiction"}  # + "not in the list"


def test_a_court_the_network_does_not_know_must_be_accepted_as_a_warning(engine):
    """`confirm request --court 不存在法院`: a typo is not drafted unless the clerk accepts
    the warnings, which say the name is unknown."""
    case_id = settled_case(engine)
    plan = call(engine, confirmation.plan_confirmation, case_id, court="不存在法院", on=TODAY)
    assert any("不存在法院" in w.message and "list of courts" in w.message for w in plan.warnings)
    with pytest.raises(ValidationError):
        call(engine, confirmation.request_confirmation, case_id, court="不存在法院", on=TODAY)
    known = call(
        engine, confirmation.plan_confirmation, case_id, court="焦作市解放区人民法院", on=TODAY
    )
    assert not any("list of courts" in w.message for w in known.warnings)


def test_the_court_result_is_recorded_after_filing(engine):
    case_id = settled_case(engine)
    call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    with pytest.raises(TransitionError, match="allowed next: filed with the court"):
        confirmed(engine, case_id, dt.date(2026, 11, 20))
    call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 11, 12))
    with pytest.raises(ValidationError, match="needs the court's case number"):
        call(engine, confirmation.record_result, case_id, "confirmed", dt.date(2026, 11, 20))
    with pytest.raises(BadOptionValue, match="is not a court case number"):
        confirmed(engine, case_id, dt.date(2026, 11, 20), "2026-123")
    row = confirmed(engine, case_id, dt.date(2026, 11, 20))
    assert (row.status, row.filed_on, row.decided_on, row.court_case_no, row.version) == (
        "confirmed",
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 20),
        "（2026）豫0802民特123号",
        3,
    )
    with Session(engine) as session:
        actions = session.exec(
            select(EventRow.action).where(EventRow.case_id == case_id).order_by(EventRow.id)
        ).all()
    assert actions == ["outcome", "confirm_request", "confirm_filed", "confirm_confirmed"]


def test_art_33_an_application_is_filed_and_ruled_on_only_after_the_agreement_took_effect(
    engine,
):
    """人民调解法 art. 33, 民事诉讼法 art. 205: the parties apply within thirty days of the
    agreement taking effect (here 2026-11-10), so a filing day before it is a typing
    error; the court rules on a filed application, so not before its filing day."""
    case_id = settled_case(engine)
    call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    with pytest.raises(ValidationError, match=r"before the agreement took effect \(2026-11-10\)"):
        call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 11, 9))
    call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 11, 12))
    with pytest.raises(ValidationError, match=r"before the application was filed \(2026-11-12\)"):
        confirmed(engine, case_id, dt.date(2026, 11, 11))
    row = confirmed(engine, case_id, dt.date(2026, 11, 12))
    assert (row.filed_on, row.decided_on) == (dt.date(2026, 11, 12), dt.date(2026, 11, 12))


def test_only_a_settled_case_goes_to_confirmation(engine):
    with Session(engine) as session:
        case_id = factories.case(session, status="failed").id
        session.commit()
    with pytest.raises(TransitionError, match="only a settled case"):
        call(engine, confirmation.plan_confirmation, case_id)
    with pytest.raises(TransitionError, match="no application"):
        call(engine, confirmation.record_result, case_id, "filed")


def test_a_court_referral_without_its_court_is_pointed_out(engine):
    case_id = settled_case(engine, source="court_delegated")
    choice = call(engine, confirmation.competent_courts, case_id)
    assert choice.unplaced == [
        "a court referred this case but the referring court is not recorded: "
        "it alone would be competent"
    ]
    assert choice.names == ["焦作市解放区人民法院", "修武县人民法院", "焦作市山阳区人民法院"]


def test_a_self_accepted_2_yi_dispute_with_a_respondent_in_beijing_offers_jiaozuo_intermediate(
    engine,
):
    """The issue's check (法发〔2021〕27号 item 2; CPL 2023 art. 205(2)): a party domiciled
    outside Henan brings the intermediate court's threshold down to 1亿."""
    case_id = settled_case(
        engine,
        amount=Decimal("200000000"),
        parties=[
            factories.enterprise(address="焦作市山阳区人民路100号"),
            factories.enterprise(
                "respondent",
                "北京某某科技有限公司",
                id_number="91110105MA00XXXX1Y",
                address="北京市朝阳区建国路1号",
            ),
        ],
    )
    choice = call(engine, confirmation.competent_courts, case_id)
    assert "焦作市中级人民法院" in choice.names
    top = choice.candidates[0]
    assert top.name == "焦作市中级人民法院" and top.intermediate
    assert "法发〔2021〕27号第二条" in top.basis
    # the clerk says every party is in Henan after all: the basic courts again
    inside = call(engine, confirmation.competent_courts, case_id, party_outside=False)
    assert "焦作市中级人民法院" not in inside.names


def test_a_settled_entrusted_case_is_refused_and_names_the_courts_closing_path(engine):
    """特邀调解规定 art. 20; SPC opinion on filing and mediation (2025) item 4."""
    case_id = settled_case(
        engine,
        source="court_delegated",  # the 民初 number shows it was filed: entrusted
        referring_court="焦作市解放区人民法院",
        court_case_no="（2026）豫0802民初123号",
    )
    with pytest.raises(TransitionError) as caught:
        call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    message = str(caught.value)
    assert "调解书" in message and "撤诉" in message and "art. 20" in message
    with Session(engine) as session:
        assert session.exec(select(ConfirmationRow)).first() is None


def test_the_hand_back_of_an_entrusted_case_is_recorded_with_its_day(engine):
    case_id = settled_case(engine, source="court_entrusted", referring_court="焦作市解放区人民法院")
    with pytest.raises(ValidationError, match="before the outcome"):
        call(engine, confirmation.record_handback, case_id, dt.date(2026, 11, 9))
    outcome, path = call(engine, confirmation.record_handback, case_id, dt.date(2026, 11, 12))
    assert (outcome.handed_back_on, path) == (dt.date(2026, 11, 12), "court_closes")
    with Session(engine) as session:
        event = session.exec(select(EventRow).where(EventRow.action == "handback")).one()
    assert event.after == {
        "handed_back_on": "2026-11-12",
        "court": "焦作市解放区人民法院",
        "path": "court_closes",
    }


def test_a_self_accepted_case_is_not_handed_back(engine):
    case_id = settled_case(engine)
    with pytest.raises(TransitionError, match="does not go back to a court"):
        call(engine, confirmation.record_handback, case_id, dt.date(2026, 11, 12))


def test_a_dismissal_is_recorded_against_art_358_grounds(engine):
    case_id = settled_case(engine)
    call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 11, 12))
    with pytest.raises(BadOptionValue, match="'vague' is not a valid ground of the ruling"):
        call(
            engine,
            confirmation.record_result,
            case_id,
            "dismissed",
            dt.date(2026, 11, 20),
            "(2026)豫0802民特123号",
            grounds=["vague"],
        )
    row = call(
        engine,
        confirmation.record_result,
        case_id,
        "dismissed",
        dt.date(2026, 11, 20),
        "(2026)豫0802民特123号",
        grounds=["not_voluntary", "违反自愿原则", "terms not definite"],
    )
    assert row.ruling_grounds == ["not_voluntary", "unclear"]  # by code or label, once


def test_the_plan_shows_the_art_358_checklist(engine):
    case_id = settled_case(engine)
    plan = call(engine, confirmation.plan_confirmation, case_id, court="1", on=TODAY)
    assert [code for code, _q in plan.checklist] == [
        "mandatory_law",
        "harms_interests",
        "public_order",
        "not_voluntary",
        "unclear",
        "other",
    ]


def test_the_jurisdiction_file_overrides_the_defaults_and_names_unknown_keys(tmp_path):
    from mediate.errors import ConfigError

    good = tmp_path / "jurisdiction.yaml"
    good.write_text("party_outside_from: 50000000\nip_basic_courts: [修武县人民法院]\n", "utf-8")
    rules = confirmation.load_jurisdiction(good)
    assert rules.party_outside_from == Decimal("50000000")
    assert rules.ip_basic_courts == ("修武县人民法院",)
    assert rules.all_in_province_from == Decimal("500000000")
    bad = tmp_path / "bad.yaml"
    bad.write_text("threshold: 1\n", "utf-8")
    with pytest.raises(ConfigError, match="unknown key 'threshold'"):
        confirmation.load_jurisdiction(bad)


def test_the_example_jurisdiction_file_states_the_defaults():
    from mediate.domain.confirmation import Jurisdiction
    from mediate.resources import data_dir

    assert confirmation.load_jurisdiction(data_dir() / "jurisdiction.example.yaml") == (
        Jurisdiction()
    )


def test_a_broken_jurisdiction_file_is_located(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("party_outside_from: [1\n", "utf-8")
    with pytest.raises(ValidationError) as caught:
        confirmation.load_jurisdiction(bad)
    assert str(caught.value).startswith(f"{bad}:2:")


def test_art_205_an_enterprise_without_a_jiaozuo_address_is_placed_by_its_credit_code(engine):
    # CPL art. 205(2): the court where a party is domiciled. An entity's unified social
    # credit code carries its registration authority's division in characters 3-8
    # (GB 32100-2015): 410821 is 修武县, so 修武县人民法院 is competent.
    case_id = settled_case(
        engine,
        parties=[
            factories.person(address="河南省焦作市解放区民主南路1号"),
            factories.enterprise(
                "respondent", id_number="91410821MA44XXXX1Y", address="（住所不详）"
            ),
        ],
    )
    choice = call(engine, confirmation.competent_courts, case_id)
    assert "修武县人民法院" in choice.names
    grounds = {c.name: c.grounds for c in choice.candidates}
    assert "party_domicile" in grounds["修武县人民法院"]


def test_two_clerks_recording_the_court_result_at_once_do_not_both_win(engine):
    # The confirmation row is version-checked like a case: a writer holding the row as it
    # was before another clerk's committed change gets a ConflictError, not a silent
    # overwrite (the status check alone would pass on the stale row).
    from mediate.errors import ConflictError

    case_id = settled_case(engine)
    call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    with UnitOfWork(engine, "甲") as first, UnitOfWork(engine, "乙") as second:
        stale = confirmation._confirmation(second, case_id)
        assert stale is not None and stale.status == "drafted"
        confirmation.record_result(first, case_id, "filed", dt.date(2026, 11, 12))
        first.commit()
        with pytest.raises(ConflictError, match="was changed by 甲"):
            confirmation._update_confirmation(second, stale, {"status": "filed"})


def _filed(engine, case_id: int) -> None:
    """The application drafted for 焦作市解放区人民法院 (candidate 1, code 豫0802) and filed."""
    call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 11, 12))


def test_fa_2015_137_one_case_number_names_one_case_a_number_of_another_case_is_refused(engine):
    first, second = settled_case(engine), settled_case(engine)
    _filed(engine, first)
    _filed(engine, second)
    confirmed(engine, first, dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match=f"ruling of case {first}") as refused:
        confirmed(engine, second, dt.date(2026, 11, 20))
    # a well-formed number that conflicts with the stored data: exit 1, located
    assert (refused.value.where, refused.value.exit_code) == ("--case-no", 1)
    assert confirmed(engine, second, dt.date(2026, 11, 20), "（2026）豫0802民特124号").status == (
        "confirmed"
    )


def test_fa_2015_137_art_5_the_ruling_carries_the_code_of_the_court_applied_to(engine):
    case_id = settled_case(engine)
    _filed(engine, case_id)
    for other in ("（2026）豫0811民特9号", "（2026）豫08民特9号"):
        with pytest.raises(ValidationError, match="whose code is 豫0802") as refused:
            confirmed(engine, case_id, dt.date(2026, 11, 20), other)
        assert (refused.value.where, refused.value.exit_code) == ("--case-no", 1)


def test_a_court_whose_code_is_unknown_is_warned_not_refused(engine):
    case_id = settled_case(engine)
    call(engine, confirmation.request_confirmation, case_id, court="某市某区人民法院", **{
        "on": TODAY, "accept_warnings": True})  # fmt: skip
    call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 11, 12))
    row = confirmed(engine, case_id, dt.date(2026, 11, 20), "（2026）鲁0102民特9号")
    assert any("某市某区人民法院" in w for w in confirmation.ruling_number_warnings(row))


def test_a_final_ruling_number_is_corrected_with_correct_and_the_old_one_kept(engine):
    case_id = settled_case(engine)
    _filed(engine, case_id)
    confirmed(engine, case_id, dt.date(2026, 11, 20))
    with pytest.raises(TransitionError):  # without --correct a final result stays final
        confirmed(engine, case_id, dt.date(2026, 11, 20), "（2026）豫0802民特125号")
    with pytest.raises(BadOptionValue, match="--correct"):
        call(engine, confirmation.record_result, case_id, "dismissed", None, None, correct=True)
    row = call(
        engine,
        confirmation.record_result,
        case_id,
        "confirmed",
        None,
        "（2026）豫0802民特125号",
        correct=True,
    )
    assert (row.status, row.court_case_no, row.decided_on) == (
        "confirmed",
        "（2026）豫0802民特125号",
        dt.date(2026, 11, 20),
    )
    with Session(engine) as session:
        event = session.exec(select(EventRow).where(EventRow.action == "confirm_correction")).one()
    assert event.before == {"court_case_no": COURT_CASE_NO}


def test_a_filed_or_ruled_application_is_refused_before_its_plan_is_shown(engine):
    """confirm request printed the whole art. 358 checklist, then refused: the plan is now
    refused first (domain/status CONFIRMATION_TRANSITIONS: a ruling is final)."""
    case_id = settled_case(engine)
    _filed(engine, case_id)
    confirmed(engine, case_id, dt.date(2026, 11, 20))
    with pytest.raises(TransitionError, match="final"):
        call(engine, confirmation.plan_confirmation, case_id, on=TODAY)


def test_cpl_art_205_an_application_filed_after_the_30_days_carries_a_note(engine):
    case_id = settled_case(engine)  # effective 2026-11-10: apply by 2026-12-10
    call(engine, confirmation.request_confirmation, case_id, court="1", on=TODAY)
    row = call(engine, confirmation.record_result, case_id, "filed", dt.date(2026, 12, 1))
    assert confirmation.ruling_number_warnings(row) == []
    row.filed_on = dt.date(2026, 12, 11)  # as if filed late (the clock stands at 12-01)
    assert any("2026-12-10" in w for w in confirmation.ruling_number_warnings(row))
