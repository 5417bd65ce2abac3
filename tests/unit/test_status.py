"""The status machines: every transition, allowed and refused."""

import itertools

import pytest

from mediate.domain.status import (
    ConfirmationStatus,
    FollowUp,
    Status,
    allowed_next,
    check_confirmation,
    check_transition,
    court_bound,
    follow_ups_for,
)
from mediate.errors import TransitionError

ALLOWED = {
    ("registered", "routed"),
    ("registered", "transferred"),
    ("registered", "withdrawn"),
    ("routed", "routed"),
    ("routed", "assigned"),
    ("routed", "transferred"),
    ("routed", "withdrawn"),
    ("assigned", "assigned"),
    ("assigned", "in_mediation"),
    ("assigned", "settled"),
    ("assigned", "failed"),
    ("assigned", "withdrawn"),
    ("assigned", "transferred"),
    ("in_mediation", "in_mediation"),
    ("in_mediation", "settled"),
    ("in_mediation", "failed"),
    ("in_mediation", "withdrawn"),
    ("in_mediation", "transferred"),
    ("transferred", "assigned"),
    ("transferred", "transferred"),
    ("transferred", "withdrawn"),
}
PAIRS = list(itertools.product([s.value for s in Status], repeat=2))


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p in ALLOWED])
def test_an_allowed_transition_returns_the_target(current, target):
    assert check_transition(current, target) is Status(target)


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p not in ALLOWED])
def test_a_refused_transition_raises_and_names_what_is_allowed_next(current, target):
    with pytest.raises(TransitionError) as caught:
        check_transition(current, target, case_id=7)
    message = str(caught.value)
    assert message.startswith("Case 7 is ")
    if current in ("settled", "failed", "withdrawn"):
        assert "which is final" in message
    else:
        assert "allowed next:" in message


def test_the_refusal_sentence_lists_the_next_statuses_in_words():
    with pytest.raises(TransitionError) as caught:
        check_transition("routed", "settled", case_id=3)
    assert str(caught.value) == (
        "Case 3 is routed and cannot become settled; allowed next: assigned, transferred, "
        "withdrawn."
    )


def test_a_final_status_says_it_is_final():
    with pytest.raises(TransitionError) as caught:
        check_transition("settled", "failed", case_id=4)
    assert str(caught.value) == "Case 4 is settled, which is final: it cannot become failed."


def test_an_unknown_status_is_named():
    with pytest.raises(TransitionError, match="Unknown status 'closed'"):
        check_transition("routed", "closed")


def test_allowed_next_of_a_new_case():
    assert allowed_next("registered") == (Status.ROUTED, Status.TRANSFERRED, Status.WITHDRAWN)


CONFIRMATION_ALLOWED = {
    ("drafted", "drafted"),
    ("drafted", "filed"),
    ("drafted", "not_accepted"),
    ("filed", "confirmed"),
    ("filed", "dismissed"),
    ("filed", "not_accepted"),
}
CONFIRMATION_PAIRS = list(itertools.product([s.value for s in ConfirmationStatus], repeat=2))


@pytest.mark.parametrize(("current", "target"), CONFIRMATION_PAIRS)
def test_every_confirmation_transition(current, target):
    if (current, target) in CONFIRMATION_ALLOWED:
        assert check_confirmation(current, target) is ConfirmationStatus(target)
    else:
        with pytest.raises(TransitionError):
            check_confirmation(current, target)


def test_a_ruling_before_filing_is_refused_with_the_next_step():
    with pytest.raises(TransitionError) as caught:
        check_confirmation("drafted", "confirmed", case_id=9)
    assert str(caught.value) == (
        "Case 9 is application drafted and cannot become confirmed by the court; "
        "allowed next: filed with the court, not accepted by the court."
    )


@pytest.mark.parametrize(
    ("kind", "source", "expected"),
    [
        # Never a credit report by default (issue 14; 征信业管理条例 arts. 23, 25, 44).
        ("credit_committee", "self_accepted", (FollowUp.PARTIES_INFORMED,)),
        ("credit_committee", "court_delegated", (FollowUp.RETURNED_TO_COURT,)),
        ("finance_committee", "self_accepted", (FollowUp.RETURNED_TO_COURT,)),
        ("county_center", "court_entrusted", (FollowUp.RETURNED_TO_COURT,)),
        ("village_room", "self_accepted", (FollowUp.PARTIES_INFORMED,)),
        ("village_room", "petition", (FollowUp.PARTIES_INFORMED,)),
    ],
)
def test_the_follow_up_of_a_failure_depends_on_the_body_and_the_source(kind, source, expected):
    assert follow_ups_for(kind, source) == expected


def test_court_bound_is_when_the_follow_up_goes_back_to_the_court_or_a_court_is_named():
    # 特邀调解规定 (a referring court); seed item 6 (the finance committee). One rule:
    # `outcome --follow-up returned_to_court` is refused exactly where it is not the default,
    # unless the clerk named a referring court (review of 2026-12-02: outcomes re-derived it).
    from mediate.domain.model import OrgKind, Source

    for kind, source in itertools.product([None, *OrgKind], Source):
        default = follow_ups_for(kind, source) == (FollowUp.RETURNED_TO_COURT,)
        assert court_bound(kind, source) is default, (kind, source)
        assert court_bound(kind, source, "焦作市解放区人民法院") is True
    assert court_bound("county_center", "self_accepted") is False
    assert court_bound("finance_committee", "self_accepted") is True
    assert court_bound("county_center", "court_delegated") is True


def test_a_failed_labour_mediation_goes_to_arbitration_unless_a_court_referred_it():
    # 劳动争议调解仲裁法 arts. 5, 14.
    assert follow_ups_for("professional", "self_accepted", "labour") == (
        FollowUp.LABOUR_ARBITRATION,
    )
    assert follow_ups_for("professional", "court_entrusted", "labour") == (
        FollowUp.RETURNED_TO_COURT,
    )
    assert follow_ups_for("professional", "self_accepted", "traffic") == (
        FollowUp.PARTIES_INFORMED,
    )
