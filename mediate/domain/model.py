"""The vocabulary of the tool: disputes, parties, bodies, decisions.

Plain dataclasses and enums, shared by routing, intake, services and documents. A batch
import makes a dispute, its parties and its decision for every row: those classes have
slots (no instance dictionary; their fields are all there is to them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mediate.domain.kinds import CENT as CENT
from mediate.domain.kinds import LEVEL_ORDER as LEVEL_ORDER
from mediate.domain.kinds import ClerkRole as ClerkRole
from mediate.domain.kinds import Level as Level
from mediate.domain.kinds import MediatorType as MediatorType
from mediate.domain.kinds import OrgKind as OrgKind
from mediate.domain.kinds import PartyKind as PartyKind
from mediate.domain.kinds import PartyRole as PartyRole
from mediate.domain.kinds import Source as Source
from mediate.domain.kinds import enum_label as enum_label
from mediate.domain.kinds import mask_id as mask_id
from mediate.domain.kinds import mask_phone as mask_phone
from mediate.domain.kinds import money as money

# The levels a body of a kind sits at (org import refuses another: a village room filed at a
# county took the county's routing; review of 2026-12-03). Seed item 17, the four-level
# network (四级调解网络): 县(区)法院诉调对接中心 at the county, 街道(乡镇)矛盾纠纷调处中心 at the
# township, 村(社区)调解室 at the village, 专业调解组织 at the county or the city (DOMAIN.md §2).
# The intermediate court's own 诉调对接中心 sits at the city (data/network.yaml,
# jz-410800-county-center) and courts at the county (basic) or the city (intermediate;
# 民事诉讼法 arts. 18, 19). The other kinds (the city committees, 非诉讼服务中心 …): no level
# is given in the seed, so none is imposed.
KIND_LEVELS: dict[OrgKind, tuple[Level, ...]] = {
    OrgKind.COUNTY_CENTER: (Level.COUNTY, Level.CITY),
    OrgKind.TOWNSHIP_CENTER: (Level.TOWNSHIP,),
    OrgKind.VILLAGE_ROOM: (Level.VILLAGE,),
    OrgKind.PROFESSIONAL: (Level.COUNTY, Level.CITY),
    OrgKind.COURT: (Level.COUNTY, Level.CITY),
}


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
