"""The kinds the tool names: how a dispute came in, a party's role and kind, a body's kind
and level, a mediator's type, a clerk's role; masking an ID or a phone, money to the fen.

`domain/model.py` exports these with its dataclasses; they live here so that the light
reads (`mediate/quick.py`, issue 19) label a case, a party and a body without building the
dataclasses an import and routing use.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from mediate.i18n import _


class Source(StrEnum):
    """How the dispute reached the body (收案来源)."""

    COURT_DELEGATED = "court_delegated"  # 委派: court refers before filing
    COURT_ENTRUSTED = "court_entrusted"  # 委托: court refers after filing
    SELF_ACCEPTED = "self_accepted"  # 自行受理
    PETITION = "petition"  # 信访
    TRANSFERRED = "transferred"  # 移送

    @property
    def court_referred(self) -> bool:
        return self in (Source.COURT_DELEGATED, Source.COURT_ENTRUSTED)

    @property
    def label(self) -> str:
        """The source as a clerk says it, in the interface language."""
        return {
            Source.COURT_DELEGATED: _("court-delegated (before filing)"),
            Source.COURT_ENTRUSTED: _("court-entrusted (after filing)"),
            Source.SELF_ACCEPTED: _("self-accepted"),
            Source.PETITION: _("petition"),
            Source.TRANSFERRED: _("transferred"),
        }[self]


class PartyRole(StrEnum):
    APPLICANT = "applicant"  # 申请人
    RESPONDENT = "respondent"  # 被申请人
    THIRD_PARTY = "third_party"  # 第三人

    @property
    def label(self) -> str:
        return {
            PartyRole.APPLICANT: _("applicant"),
            PartyRole.RESPONDENT: _("respondent"),
            PartyRole.THIRD_PARTY: _("third party"),
        }[self]


class PartyKind(StrEnum):
    PERSON = "person"  # 自然人
    ENTERPRISE = "enterprise"  # 企业
    INSTITUTION = "institution"  # 事业单位、社会组织
    GOVERNMENT = "government"  # 行政机关

    @property
    def is_entity(self) -> bool:
        return self is not PartyKind.PERSON

    @property
    def label(self) -> str:
        return {
            PartyKind.PERSON: _("person"),
            PartyKind.ENTERPRISE: _("enterprise"),
            PartyKind.INSTITUTION: _("institution"),
            PartyKind.GOVERNMENT: _("government body"),
        }[self]


def enum_label(enum: type[StrEnum], value: str | None) -> str:
    """`value`'s label when it is a member of `enum` with one; else the value as stored."""
    if value is None:
        return ""
    try:
        member = enum(value)
    except ValueError:
        return value
    return str(getattr(member, "label", value))


class OrgKind(StrEnum):
    """Kinds of body a dispute can be routed to (DOMAIN.md §2)."""

    COUNTY_CENTER = "county_center"  # 县(区)法院诉调对接中心
    TOWNSHIP_CENTER = "township_center"  # 街道(乡镇)矛盾纠纷调处中心
    VILLAGE_ROOM = "village_room"  # 村(社区)调解室
    PROFESSIONAL = "professional"  # 专业调解组织
    NON_LITIGATION_CENTER = "non_litigation_center"  # 非诉讼服务中心
    FINANCE_COMMITTEE = "finance_committee"  # 金融纠纷调解委员会
    CREDIT_COMMITTEE = "credit_committee"  # 市企业信用纠纷人民调解委员会
    IP_COMMITTEE = "ip_committee"  # 知识产权纠纷调解委员会
    PRICE_MEDIATION = "price_mediation"  # 价格争议纠纷调解
    ADMIN_DISPUTE_CENTER = "admin_dispute_center"  # 行政争议实质性化解中心
    INDUSTRY_MEDIATION = "industry_mediation"  # 商会/行业调解
    COURT = "court"  # 法院: not for mediation, adjudication

    @property
    def outside_court_door(self) -> bool:
        """Counted in the 70 % 'outside the court's door' share."""
        return self not in (OrgKind.COUNTY_CENTER, OrgKind.COURT)


class Level(StrEnum):
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


LEVEL_ORDER = (Level.VILLAGE, Level.TOWNSHIP, Level.COUNTY, Level.CITY)


class MediatorType(StrEnum):
    INVITED = "invited"  # 特邀调解员
    LAWYER = "lawyer"  # 律师调解员
    EXPERT = "expert"  # 专家调解员
    PEOPLE = "people"  # 人民调解员
    ARBITRATOR = "arbitrator"  # 仲裁员
    NOTARY = "notary"  # 公证员


class ClerkRole(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    """Yuan, quantized to two places (分)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def mask_id(number: str | None) -> str:
    """Mask an identity number or credit code for screens and logs: 4108**********123X."""
    if not number:
        return ""
    if len(number) <= 8:
        return number[:1] + "*" * (len(number) - 1)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
