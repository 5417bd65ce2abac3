"""The vocabulary of the tool: disputes, parties, bodies, decisions.

Plain dataclasses and enums, shared by routing, intake, services and documents. A batch
import makes a dispute, its parties and its decision for every row: those classes have
slots (no instance dictionary; their fields are all there is to them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

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


@dataclass(slots=True)
class Party:
    role: PartyRole
    kind: PartyKind
    name: str
    id_number: str | None = None  # 身份证号 or 统一社会信用代码
    sex: str | None = None
    birth_date: dt.date | None = None
    ethnicity: str | None = None
    occupation: str | None = None
    address: str | None = None  # 住所 / registered address
    phone: str | None = None
    email: str | None = None  # electronic service address (seed item 24)
    service_address: str | None = None  # 送达地址
    backup_address: str | None = None  # 备用送达地址
    legal_rep: str | None = None  # 法定代表人
    legal_rep_title: str | None = None
    industry: str | None = None  # e.g. finance
    agent: str | None = None  # 委托代理人
    guardian: str | None = None  # 法定代理人 of a minor or a person without full capacity
    guardian_relation: str | None = None  # e.g. 父子, 母女, 监护人
    guardian_id_number: str | None = None
    # a 个体工商户's 经营者's own 住所, not the business's `address` (市场主体登记管理条例 art. 8
    # para. 2(四); domain/parties.py OPERATOR)
    operator_address: str | None = None


@dataclass(slots=True)
class CaseInput:
    """A dispute as it is taken in (DESIGN.md §3.1), before it is stored."""

    cause: str
    parties: list[Party]
    amount: Decimal | None = None
    source: Source = Source.SELF_ACCEPTED
    court_case_no: str | None = None
    referring_court: str | None = None
    received_on: dt.date | None = None
    location: str | None = None  # where the dispute arose
    subject_matter_location: str | None = None  # where the subject matter is (CPL art. 205)
    tags: list[str] = field(default_factory=list)
    facts: str | None = None
    procedure: str | None = None  # ordinary | summary, for 委托 cases
    claim: str | None = None  # 请求事项: what the applicant asks for (支付货款, 退货退款…)
    # What intake decided on the clerk's behalf and must tell them (not stored).
    notices: list[str] = field(default_factory=list)
    # The fields intake filled in for a blank cell (not stored): "source" (委派 or 自行受理;
    # not `--source`, which the clerk states: intake/rows._source_stated) and "received_on"
    # (the import's day). `import --update` compares the stored case with what the row (or
    # the command line) gives, never with a default (services/reimport).
    defaulted: tuple[str, ...] = ()

    def parties_with(self, role: PartyRole) -> list[Party]:
        return [p for p in self.parties if p.role is role]


@dataclass(frozen=True)
class Org:
    """A body of the mediation network, or a court."""

    id: str
    name: str
    kind: OrgKind
    level: Level
    division_code: str
    field: str | None = None  # for professional bodies: traffic, medical, labour…
    parent_id: str | None = None
    capacity: int | None = None  # open cases it can hold; None = no limit
    court_id: str | None = None  # the basic court it docks with
    address: str | None = None
    phone: str | None = None
    sample: bool = False
    active: bool = True

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "division_code": self.division_code,
            "level": self.level.value,
        }


@dataclass(frozen=True, slots=True)
class TraceStep:
    rule: str
    matched: bool
    why: str

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "matched": self.matched, "why": self.why}


@dataclass(slots=True)
class Decision:
    """Where a dispute goes, and why (DESIGN.md §3.2)."""

    org: Org
    rule: str
    path: list[str]
    deadline_days: int
    rules_version: str
    trace: list[TraceStep] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # "days" (calendar days, CPL art. 85) or "workdays" (工作日): domain/deadlines.due_date
    deadline_unit: str = "days"

    def as_json(self) -> dict[str, Any]:
        return {
            "decision": {
                "org": self.org.as_json(),
                "rule": self.rule,
                "path": list(self.path),
                "deadline_days": self.deadline_days,
                "deadline_unit": self.deadline_unit,
                "rules_version": self.rules_version,
            },
            "trace": [s.as_json() for s in self.trace],
            "warnings": list(self.warnings),
        }
