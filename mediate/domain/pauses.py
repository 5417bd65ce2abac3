"""A time limit that stops running: which reasons may pause which cases, and how long a
pause lasted in the limit's own unit (`case pause` / `case resume`, services/lifecycle).

The one source: 医疗纠纷预防和处理条例 (2018) art. 38, read in LawRefBook/Laws at 6ef77b0 —
"医疗纠纷人民调解委员会应当自受理之日起30个工作日内完成调解。需要鉴定的，鉴定时间不计入调解
期限。因特殊情况需要延长调解期限的，医疗纠纷人民调解委员会和医患双方可以约定延长调解期限。超过
调解期限未达成调解协议的，视为调解不成。" The 鉴定 is the 医疗损害鉴定 of art. 34 (by a 医学会 or
a 司法鉴定机构). So 鉴定 pauses the limit of a medical dispute mediated by the medical mediation
committee under art. 38: a case at a professional body of the medical field that the body
accepted itself (not a court referral, whose limit is the court's: 特邀调解规定 art. 27, read
in LawRefBook, which excludes no time and is moved only by the parties' consent, `case
extend`). No other reason and no other kind of case pauses: 人民调解法 and the practice norm
of "一般一个月" set no pause (domain/deadlines.policy_for); art. 40's identical rule is for the
health department's own mediation, which is no body of this network.

Counting (CPL 2023 art. 85: a period starts on the day after the event): the days after
the pause began, up to and including the day it ended, do not count; the limit goes on
from the day after. The span is counted in the case's unit — working days by the same
work calendar for a limit in working days (art. 38's 30 个工作日), calendar days otherwise —
and added to the days the limit counts, so the deadline is the same whether it is counted
around the pause or moved after it (`due_date(start, days + extension + paused)`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mediate.domain.deadlines import WORKDAYS, WorkCalendar
from mediate.domain.kinds import OrgKind, Source
from mediate.i18n import _

APPRAISAL = "appraisal"  # 鉴定 (医疗损害鉴定, art. 34)
REASONS = (APPRAISAL,)


def reason_label(code: str) -> str:
    """A pause's reason in the interface language (a code nobody named, as stored)."""
    return {APPRAISAL: _("expert assessment (鉴定)")}.get(code, code)


@dataclass(frozen=True)
class PauseRule:
    """Which cases a reason pauses, and the rule that says so."""

    reason: str
    field: str  # the professional body's field whose limit the rule stops
    basis: str  # the statute, as messages and history name it


RULES = {
    APPRAISAL: PauseRule(APPRAISAL, "medical", "医疗纠纷预防和处理条例第三十八条"),
}


class NotPausable(Exception):
    """The reason does not pause this case: the message says why and what the rule is."""


def pause_rule(reason: str, source: str, org_kind: str | None, org_field: str | None) -> PauseRule:
    """The rule by which `reason` pauses a case from `source` at a body of `org_kind` and
    `org_field`; NotPausable (with the clerk's message) when none does."""
    rule = RULES.get(reason)
    if rule is None:
        raise NotPausable(
            _("Only an expert assessment (鉴定) pauses a time limit ({basis}).").format(
                basis=RULES[APPRAISAL].basis
            )
        )
    if org_kind != OrgKind.PROFESSIONAL.value or org_field != rule.field:
        raise NotPausable(
            _(
                "{reason} pauses only a medical dispute's time limit at the medical mediation "
                "committee ({basis}); no rule pauses the time limit of a case at another body."
            ).format(reason=reason_label(reason), basis=rule.basis)
        )
    if Source(source).court_referred:
        raise NotPausable(
            _(
                "A court-referred case's time limit is the court's (特邀调解规定第二十七条): "
                "no time is left out of it; only both parties' consent extends it (case extend)."
            )
        )
    return rule


def counted_days(
    after: dt.date, through: dt.date, unit: str | None, calendar: WorkCalendar | None = None
) -> int:
    """The days of a limit counted in `unit` from the day after `after` up to and including
    `through`: working days by `calendar` for WORKDAYS, calendar days otherwise; 0 when
    `through` is not after `after`."""
    if through <= after:
        return 0
    if unit != WORKDAYS:
        return (through - after).days
    calendar = calendar or WorkCalendar()
    return sum(
        calendar.is_workday(after + dt.timedelta(days=n))
        for n in range(1, (through - after).days + 1)
    )
