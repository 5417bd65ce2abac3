"""Judicial confirmation (司法确认): where to apply, by when, and what a court will refuse.

Civil Procedure Law (2023) art. 205: the parties apply jointly within 30 days of the
mediation agreement taking effect — to the court that invited the mediation, if one did;
otherwise to the basic court where a party is domiciled, where the subject matter is, or
where the mediation body is; to the intermediate court when the dispute is of its level.
SPC interpretation art. 355 lists what a court does not accept: we warn before an
application is produced. Pure: no store, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from mediate.domain.deadlines import WorkCalendar, due_date
from mediate.domain.divisions import COUNTIES
from mediate.i18n import _

APPLICATION_WINDOW_DAYS = 30

INTERMEDIATE_THRESHOLD = Decimal("500000000")
"""Amount (yuan) from which the intermediate court hears a civil case at first instance:
5亿 when the parties are all in (or all outside) Henan (SPC notice of 2021). *Unconfirmed
locally*: callers may pass their own threshold (`confirm request --intermediate-from`)."""

INTERMEDIATE_COURT = "焦作市中级人民法院"

BASIC_COURTS: dict[str, str] = {
    "410802": "焦作市解放区人民法院",
    "410803": "焦作市中站区人民法院",
    "410804": "焦作市马村区人民法院",
    "410811": "焦作市山阳区人民法院",
    "410821": "修武县人民法院",
    "410822": "博爱县人民法院",
    "410823": "武陟县人民法院",
    "410825": "温县人民法院",
    "410882": "沁阳市人民法院",
    "410883": "孟州市人民法院",
}
"""The basic court of each county. 410871 (示范区) has no court of its own *(unconfirmed)*:
a deployment names it in the network (an org of kind `court` with that division code)."""


class Ground(StrEnum):
    """Why a court is competent (art. 205)."""

    REFERRING_COURT = "referring_court"  # 委派/委托/邀请调解的法院
    PARTY_DOMICILE = "party_domicile"  # 当事人住所地
    SUBJECT_MATTER = "subject_matter"  # 标的物所在地 / 纠纷发生地
    BODY_LOCATION = "body_location"  # 调解组织所在地


def ground_label(ground: str) -> str:
    labels = {
        Ground.REFERRING_COURT: _("the court that referred the mediation"),
        Ground.PARTY_DOMICILE: _("where a party is domiciled"),
        Ground.SUBJECT_MATTER: _("where the subject matter is"),
        Ground.BODY_LOCATION: _("where the mediation body is"),
    }
    return next((label for key, label in labels.items() if key.value == ground), ground)


@dataclass(frozen=True)
class Place:
    """Something located: a party's domicile, the subject matter, the body."""

    what: str  # e.g. the party's name, or "标的物" / the body's name
    county_code: str | None  # None: not placed in a Jiaozuo county


@dataclass(frozen=True)
class VenueFacts:
    """What art. 205 looks at, already reduced to places."""

    referring_court: str | None = None
    domiciles: tuple[Place, ...] = ()
    subject_matter: Place | None = None
    body: Place | None = None
    body_court: str | None = None  # the basic court the body docks with, if the network says
    amount: Decimal | None = None


@dataclass
class CourtCandidate:
    name: str
    grounds: list[str] = field(default_factory=list)  # Ground values
    reasons: list[str] = field(default_factory=list)  # e.g. "张三 住所地 解放区"
    intermediate: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "court": self.name,
            "grounds": list(self.grounds),
            "reasons": list(self.reasons),
            "intermediate": self.intermediate,
        }


@dataclass
class CourtChoice:
    """The competent courts for an application, best first, and what could not be placed."""

    candidates: list[CourtCandidate]
    intermediate: bool = False
    unplaced: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.candidates]

    def as_json(self) -> dict[str, object]:
        return {
            "candidates": [c.as_json() for c in self.candidates],
            "intermediate": self.intermediate,
            "unplaced": list(self.unplaced),
        }


CourtNamer = Callable[[str], str | None]


def county_of_text(text: str | None) -> str | None:
    """The Jiaozuo county a division code or an address names, if any."""
    if not text:
        return None
    text = text.strip()
    if text[:6].isdigit() and len(text) >= 6:
        code = text[:6]
        return code if code in COUNTIES else None
    found = [code for code, name in COUNTIES.items() if name in text]
    return found[0] if len(found) == 1 else None


def competent_courts(
    facts: VenueFacts,
    basic_court: CourtNamer | None = None,
    threshold: Decimal | None = INTERMEDIATE_THRESHOLD,
) -> CourtChoice:
    """Art. 205: the courts the parties may apply to, with the grounds for each.

    `basic_court(county_code)` names a county's basic court (default: `BASIC_COURTS`);
    a `threshold` of None never sends a case to the intermediate court.
    """
    namer = basic_court or BASIC_COURTS.get
    if facts.referring_court:
        return CourtChoice([CourtCandidate(facts.referring_court, [Ground.REFERRING_COURT], [])])
    intermediate = threshold is not None and facts.amount is not None and facts.amount >= threshold
    found: dict[str, CourtCandidate] = {}
    unplaced: list[str] = []

    def add(name: str | None, ground: Ground, reason: str) -> None:
        if name is None:
            unplaced.append(reason)
            return
        if intermediate:
            name = INTERMEDIATE_COURT
        candidate = found.setdefault(name, CourtCandidate(name, intermediate=intermediate))
        if ground not in candidate.grounds:
            candidate.grounds.append(ground)
        candidate.reasons.append(reason)

    for place in facts.domiciles:
        add(_court_of(place, namer), Ground.PARTY_DOMICILE, _reason(place, Ground.PARTY_DOMICILE))
    if facts.subject_matter is not None:
        place = facts.subject_matter
        add(_court_of(place, namer), Ground.SUBJECT_MATTER, _reason(place, Ground.SUBJECT_MATTER))
    if facts.body is not None:
        court = facts.body_court or _court_of(facts.body, namer)
        add(court, Ground.BODY_LOCATION, _reason(facts.body, Ground.BODY_LOCATION))
    return CourtChoice(list(found.values()), intermediate=intermediate, unplaced=unplaced)


def _court_of(place: Place, namer: CourtNamer) -> str | None:
    return namer(place.county_code) if place.county_code else None


def _reason(place: Place, ground: Ground) -> str:
    where = COUNTIES.get(place.county_code or "", _("not placed in Jiaozuo"))
    return f"{place.what}: {ground_label(ground)} ({where})"


def application_deadline(effective_on: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The last day to apply: 30 days from the agreement's effect, art. 85 adjusted."""
    return due_date(effective_on, APPLICATION_WINDOW_DAYS, calendar)


class NotAccepted(StrEnum):
    """SPC interpretation art. 355: applications a court does not accept."""

    OUTSIDE_JURISDICTION = "outside_jurisdiction"
    STATUS_RELATION = "status_relation"
    SPECIAL_PROCEDURE = "special_procedure"
    TITLE_CONFIRMATION = "title_confirmation"
    WINDOW_PASSED = "window_passed"  # art. 205: 30 days from the agreement's effect


@dataclass(frozen=True)
class ConfirmationWarning:
    code: str  # NotAccepted value
    message: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


_STATUS_CAUSE = re.compile(r"离婚纠纷|婚姻无效|撤销婚姻|亲子关系|收养关系|同居关系")
_STATUS_TERMS = re.compile(
    r"解除婚姻关系|自愿离婚|同意离婚|确认.{0,12}(亲子|父子|母子|父女|母女)关系|"
    r"(解除|确认|成立).{0,6}收养关系|婚姻(关系)?无效"
)
_SPECIAL_WORDS = re.compile(
    r"宣告失踪|宣告死亡|无民事行为能力|限制民事行为能力|财产无主|选民资格|公示催告|"
    r"支付令|督促程序|破产|重整|强制清算|实现担保物权|人身安全保护令|撤销仲裁裁决"
)
_TITLE_CAUSE = re.compile(r"物权确认|所有权确认|用益物权确认|权属纠纷|确权")
_TITLE_TERMS = re.compile(
    r"(确认|确定).{0,20}(所有权|使用权|物权|产权|专利权|商标权|著作权|知识产权)|"
    r"(所有权|产权|专利权|商标权|著作权|知识产权).{0,6}(归|属于)"
)


@dataclass(frozen=True)
class AgreementFacts:
    """What the art. 355 checks read: the dispute and the agreed terms."""

    cause: str
    terms: str = ""
    tags: tuple[str, ...] = ()
    org_kind: str | None = None
    court: str | None = None  # the court chosen
    competent: tuple[str, ...] = ()  # the competent courts (art. 205)
    effective_on: dt.date | None = None
    apply_by: dt.date | None = None
    today: dt.date | None = None


def not_accepted_warnings(facts: AgreementFacts) -> list[ConfirmationWarning]:
    """Every art. 355 ground (and a missed art. 205 window) that this application meets."""
    text = f"{facts.cause} {' '.join(facts.tags)}"
    warnings: list[ConfirmationWarning] = []
    if _STATUS_CAUSE.search(facts.cause) or _STATUS_TERMS.search(facts.terms):
        warnings.append(
            ConfirmationWarning(
                NotAccepted.STATUS_RELATION,
                _(
                    "The agreement confirms or dissolves a status relation (marriage, "
                    "parentage, adoption): courts do not accept it for confirmation "
                    "(SPC interpretation art. 355)."
                ),
            )
        )
    if _SPECIAL_WORDS.search(text) or _SPECIAL_WORDS.search(facts.terms):
        warnings.append(
            ConfirmationWarning(
                NotAccepted.SPECIAL_PROCEDURE,
                _(
                    "The matter belongs to a special procedure, public summons or bankruptcy: "
                    "courts do not accept it for confirmation (SPC interpretation art. 355)."
                ),
            )
        )
    if _TITLE_CAUSE.search(facts.cause) or _TITLE_TERMS.search(facts.terms):
        warnings.append(
            ConfirmationWarning(
                NotAccepted.TITLE_CONFIRMATION,
                _(
                    "The agreement confirms title to property or to intellectual property: "
                    "courts do not accept it for confirmation (SPC interpretation art. 355)."
                ),
            )
        )
    warnings.extend(_jurisdiction_warnings(facts))
    if facts.apply_by and facts.today and facts.today > facts.apply_by:
        warnings.append(
            ConfirmationWarning(
                NotAccepted.WINDOW_PASSED,
                _(
                    "The 30 days to apply ended on {date}: the court may refuse an "
                    "application made later (Civil Procedure Law art. 205)."
                ).format(date=facts.apply_by.isoformat()),
            )
        )
    return warnings


def _jurisdiction_warnings(facts: AgreementFacts) -> Iterable[ConfirmationWarning]:
    if facts.org_kind == "admin_dispute_center" or "administrative" in facts.tags:
        yield ConfirmationWarning(
            NotAccepted.OUTSIDE_JURISDICTION,
            _(
                "An administrative dispute is outside the remit of civil judicial "
                "confirmation (SPC interpretation art. 355)."
            ),
        )
    if not facts.competent:
        yield ConfirmationWarning(
            NotAccepted.OUTSIDE_JURISDICTION,
            _(
                "No competent court could be found from the parties' domiciles, the subject "
                "matter or the body's location (Civil Procedure Law art. 205)."
            ),
        )
    elif facts.court and facts.court not in facts.competent:
        yield ConfirmationWarning(
            NotAccepted.OUTSIDE_JURISDICTION,
            _(
                "{court} is not among the competent courts ({competent}): it will not "
                "accept the application (SPC interpretation art. 355)."
            ).format(court=facts.court, competent="、".join(facts.competent)),
        )
