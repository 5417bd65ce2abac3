"""Where a case stands, and where it may go next. Pure and table-driven.

Three small machines:

- the case itself (CaseRow.status): registered → routed → assigned → in_mediation →
  settled | failed | withdrawn | transferred;
- the judicial confirmation track of a settled case (司法确认, ConfirmationRow.status):
  drafted → filed → confirmed | dismissed | not_accepted;
- the follow-up of a failed case (OutcomeRow.follow_up): returned to the court for filing,
  labour arbitration for a labour dispute, or the parties told of their other remedies;
  each chosen one is an audit event, the row keeps the one the statistics count (the
  return to court when it is among them). A credit report (seed item 18) is never a
  default: it is a separate, audited decision with its legal basis (`mediate credit
  report`, mediate/services/credit.py), stored as its own event, never in the outcome row.
"""

from __future__ import annotations

from enum import StrEnum

from mediate.domain.kinds import OrgKind, Source
from mediate.errors import TransitionError
from mediate.i18n import _


class Status(StrEnum):
    REGISTERED = "registered"  # 登记
    ROUTED = "routed"  # 已分流
    ASSIGNED = "assigned"  # 已指派调解员
    IN_MEDIATION = "in_mediation"  # 调解中
    SETTLED = "settled"  # 调解成功
    FAILED = "failed"  # 调解不成
    WITHDRAWN = "withdrawn"  # 撤回
    TRANSFERRED = "transferred"  # 已移送其他调解组织


class ConfirmationStatus(StrEnum):
    DRAFTED = "drafted"  # 申请书已生成
    FILED = "filed"  # 已向法院提交
    CONFIRMED = "confirmed"  # 裁定调解协议有效
    DISMISSED = "dismissed"  # 裁定驳回申请
    NOT_ACCEPTED = "not_accepted"  # 不予受理


class FollowUp(StrEnum):
    RETURNED_TO_COURT = "returned_to_court"  # 退回法院立案/审理
    CREDIT_REPORT = "credit_report"  # 失信行为报送征信机构 (市信调委): only by `credit report`
    LABOUR_ARBITRATION = "labour_arbitration"  # 申请劳动争议仲裁 (劳动争议调解仲裁法 arts. 5, 14)
    PAYMENT_ORDER = "payment_order"  # 持调解协议书申请支付令 (劳动争议调解仲裁法 art. 16)
    PARTIES_INFORMED = "parties_informed"  # 告知当事人通过仲裁、诉讼等途径解决


S = Status
C = ConfirmationStatus

CASE_TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    S.REGISTERED: (S.ROUTED, S.TRANSFERRED, S.WITHDRAWN),
    S.ROUTED: (S.ROUTED, S.ASSIGNED, S.TRANSFERRED, S.WITHDRAWN),
    S.ASSIGNED: (S.ASSIGNED, S.IN_MEDIATION, S.SETTLED, S.FAILED, S.WITHDRAWN, S.TRANSFERRED),
    S.IN_MEDIATION: (S.IN_MEDIATION, S.SETTLED, S.FAILED, S.WITHDRAWN, S.TRANSFERRED),
    S.TRANSFERRED: (S.ASSIGNED, S.TRANSFERRED, S.WITHDRAWN),
    S.SETTLED: (),
    S.FAILED: (),
    S.WITHDRAWN: (),
}
"""Allowed next statuses. A status listed as its own successor is a change that keeps it
(re-routing a routed case, re-assigning a mediator). A case may be settled or fail straight
from `assigned` (a single sitting); `case start` marks a longer mediation as under way."""

CONFIRMATION_TRANSITIONS: dict[ConfirmationStatus, tuple[ConfirmationStatus, ...]] = {
    C.DRAFTED: (C.DRAFTED, C.FILED, C.NOT_ACCEPTED),
    C.FILED: (C.CONFIRMED, C.DISMISSED, C.NOT_ACCEPTED),
    C.CONFIRMED: (),
    C.DISMISSED: (),
    C.NOT_ACCEPTED: (),
}
"""A drafted application may be drafted again (another court, corrected data) or refused
at the court's door; once filed, the court rules."""

OPEN_STATUSES = frozenset({S.REGISTERED, S.ROUTED, S.ASSIGNED, S.IN_MEDIATION, S.TRANSFERRED})
"""Cases still waiting for an outcome: they count against deadlines and mediators' loads."""

CLOSED_STATUSES = frozenset({S.SETTLED, S.FAILED, S.WITHDRAWN})


def status_label(status: str) -> str:
    labels = {
        S.REGISTERED: _("registered"),
        S.ROUTED: _("routed"),
        S.ASSIGNED: _("assigned"),
        S.IN_MEDIATION: _("in mediation"),
        S.SETTLED: _("settled"),
        S.FAILED: _("failed"),
        S.WITHDRAWN: _("withdrawn"),
        S.TRANSFERRED: _("transferred"),
        C.DRAFTED: _("application drafted"),
        C.FILED: _("filed with the court"),
        C.CONFIRMED: _("confirmed by the court"),
        C.DISMISSED: _("dismissed by the court"),
        C.NOT_ACCEPTED: _("not accepted by the court"),
    }
    for key, label in labels.items():
        if key.value == status:
            return label
    return status


def _parse(
    value: str, kind: type[Status] | type[ConfirmationStatus]
) -> Status | ConfirmationStatus:
    try:
        return kind(value)
    except ValueError:
        known = _(", ").join(s.value for s in kind)
        raise TransitionError(
            _("Unknown status {status!r}; known: {known}.").format(status=value, known=known)
        ) from None


def allowed_next(current: str) -> tuple[Status, ...]:
    return CASE_TRANSITIONS[Status(_parse(current, Status))]


def check_transition(current: str, target: str, case_id: int | None = None) -> Status:
    """The target status if a case may move there from `current`; else TransitionError
    with a sentence naming what is allowed next."""
    frm = Status(_parse(current, Status))
    to = Status(_parse(target, Status))
    allowed = CASE_TRANSITIONS[frm]
    if to in allowed:
        return to
    raise TransitionError(_refusal(frm, to, allowed, case_id))


def check_confirmation(current: str, target: str, case_id: int | None = None) -> ConfirmationStatus:
    frm = ConfirmationStatus(_parse(current, ConfirmationStatus))
    to = ConfirmationStatus(_parse(target, ConfirmationStatus))
    allowed = CONFIRMATION_TRANSITIONS[frm]
    if to in allowed:
        return to
    raise TransitionError(_refusal(frm, to, allowed, case_id))


def _refusal(frm: StrEnum, to: StrEnum, allowed: tuple[StrEnum, ...], case_id: int | None) -> str:
    who = _("Case {id}").format(id=case_id) if case_id is not None else _("The case")
    if not allowed:
        return _("{who} is {current}, which is final: it cannot become {target}.").format(
            who=who, current=status_label(frm), target=status_label(to)
        )
    return _("{who} is {current} and cannot become {target}; allowed next: {allowed}.").format(
        who=who,
        current=status_label(frm),
        target=status_label(to),
        allowed=_(", ").join(status_label(s) for s in allowed if s != frm) or status_label(frm),
    )


def court_bound(org_kind: str | None, source: str, referring_court: str | None = None) -> bool:
    """Whether a failed case can go back to a court: a court referred it (委派/委托, or
    a referring court is named: 特邀调解规定), or the finance committee mediated it (its
    failures go to the court for adjudication: seed item 6). Without a named court this is
    when `follow_ups_for` sends it there."""
    court_referred = source in (Source.COURT_DELEGATED, Source.COURT_ENTRUSTED)
    return court_referred or org_kind == OrgKind.FINANCE_COMMITTEE or bool(referring_court)


def follow_ups_for(
    org_kind: str | None, source: str, field: str | None = None
) -> tuple[FollowUp, ...]:
    """What must happen after mediation failed, by who mediated and where the case came from.

    A case a court referred goes back to that court (特邀调解规定; DOMAIN.md §4.1); a failure
    at the finance committee goes back to the court for adjudication (seed item 6). A labour
    dispute taken in by a labour mediation body goes on to labour arbitration, not to a court
    (劳动争议调解仲裁法 art. 5: 调解不成…可以向劳动争议仲裁委员会申请仲裁; art. 14: after 15
    days without agreement). Otherwise the parties are told of their other remedies (人民调解法
    art. 26). Reporting an enterprise to the credit agencies is never automatic (征信业管理条例
    arts. 23, 25; 国办发〔2020〕49号): see `mediate credit report`.
    """
    if court_bound(org_kind, source):
        return (FollowUp.RETURNED_TO_COURT,)
    if field == "labour":
        return (FollowUp.LABOUR_ARBITRATION,)
    return (FollowUp.PARTIES_INFORMED,)


FIELD_FOLLOW_UPS: dict[str, tuple[FollowUp, ...]] = {
    # 劳动争议调解仲裁法 arts. 5, 15 (arbitration); art. 16 (支付令 on an agreement about
    # wages, work-injury costs or compensation that the employer did not perform).
    "labour": (
        FollowUp.LABOUR_ARBITRATION,
        FollowUp.PAYMENT_ORDER,
        FollowUp.RETURNED_TO_COURT,
        FollowUp.PARTIES_INFORMED,
    ),
}
"""Follow-ups that only make sense in one professional field (others are refused there)."""


def allowed_follow_ups(field: str | None) -> tuple[FollowUp, ...]:
    """The follow-ups a clerk may choose for a failed case at a body of this field. A credit
    report is not among them: it has its own audited step."""
    general = (FollowUp.RETURNED_TO_COURT, FollowUp.PARTIES_INFORMED)
    return FIELD_FOLLOW_UPS.get(field or "", general)


def follow_up_label(value: str) -> str:
    labels = {
        FollowUp.RETURNED_TO_COURT: _("returned to the court"),
        FollowUp.CREDIT_REPORT: _("reported to the credit agencies"),
        FollowUp.LABOUR_ARBITRATION: _("labour arbitration"),
        FollowUp.PAYMENT_ORDER: _("payment order (支付令)"),
        FollowUp.PARTIES_INFORMED: _("parties told of other remedies"),
    }
    for key, label in labels.items():
        if key.value == value:
            return label
    return value
