"""Judicial confirmation (司法确认) and the hand-off to court: which path a closed case
takes, which courts are competent, by when, and what a court refuses or dismisses.

The path depends on how the case came (DOMAIN.md §4.1):

- 委托 (entrusted by a court after filing, 民初/民终 numbers): never confirmed. The court
  closes its own case — a 调解书, a withdrawal (撤诉) or another closing (特邀调解规定
  art. 20; SPC opinion on filing and mediation, in force 2025-01-01, item 4). The body sends
  back a report on the mediation (调解情况报告 / 委托调解结案报告); a failure goes to trial
  (特邀调解规定 art. 21(2)).
- 委派 (referred before filing): settled → confirmation at the court that invited the
  mediation (Civil Procedure Law 2023 art. 205(1)); failed → a return letter and the
  materials back to the court (退回函 / 调解终结报告, 特邀调解规定 art. 21(1)).
- Self-accepted: art. 205(2) — the basic courts where a party is domiciled, where the
  subject matter is, or where the mediation body is; the intermediate court when the
  dispute is of its level (法发〔2021〕27号; IP by 法释〔2022〕13号; foreign-related by
  法释〔2022〕18号; maritime cases belong to maritime courts).

SPC interpretation (2022) art. 355 lists what a court does not accept (we warn before an
application is produced); art. 358 the grounds on which it dismisses one (a checklist the
clerk sees before filing and records against when the court rules). Pure: no store, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from mediate.domain.deadlines import (  # the window is deadline arithmetic: read light
    APPLICATION_WINDOW_DAYS as APPLICATION_WINDOW_DAYS,
)
from mediate.domain.deadlines import (
    application_deadline as application_deadline,
)
from mediate.domain.divisions import CITY_CODE, COUNTIES
from mediate.domain.entrusted import filed_case_no
from mediate.domain.entrusted import is_entrusted as is_entrusted  # with the closing paths
from mediate.i18n import _

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

HOME_PROVINCE = "41"  # 河南省 (GB/T 2260): the province of every Jiaozuo court
# 法〔2015〕137号 arts. 4, 5 (domain/court_codes.py): a high court's code is its province's
# 简称 (河南: 豫), an intermediate court's adds two digits, a basic court's four. The digits
# Jiaozuo's courts use are their division code's (豫08 焦作中院, 豫0802 解放区法院 …: DOMAIN.md
# §5, and the courts' own numbers such as （2026）豫0802民初123号).
HOME_PROVINCE_CODE = "豫"


def court_code_for(court: str | None) -> str | None:
    """The court code (法院代字) of a Jiaozuo court by its full name, or None when it is
    not one of `BASIC_COURTS` or the intermediate court (a deployment's own court: unknown)."""
    if not court:
        return None
    name = court.strip()
    if name == INTERMEDIATE_COURT:
        return HOME_PROVINCE_CODE + CITY_CODE[2:4]
    division = next((code for code, full in BASIC_COURTS.items() if full == name), None)
    return HOME_PROVINCE_CODE + division[2:6] if division else None


@dataclass(frozen=True)
class Jurisdiction:
    """Level thresholds and designated courts (configuration; the defaults are verified
    against the sources named, except where a field says *unconfirmed*)."""

    intermediate_court: str = INTERMEDIATE_COURT
    home_province: str = HOME_PROVINCE
    # 法发〔2021〕27号 item 1: all parties domiciled in (or all outside) the court's province.
    all_in_province_from: Decimal = Decimal("500000000")
    # 法发〔2021〕27号 item 2: a party domiciled outside the court's province.
    party_outside_from: Decimal = Decimal("100000000")
    # 法释〔2022〕18号 art. 2(1): foreign-related cases at Henan's intermediate courts.
    foreign_related_from: Decimal = Decimal("20000000")
    # 法释〔2022〕13号 art. 1 (LawRefBook/Laws, read 2026-12-02): invention and utility-model
    # patents, plant varieties, layout designs, technical secrets, software, monopoly: IP
    # courts, "省、自治区、直辖市人民政府所在地的中级人民法院" (Henan: 郑州 — verified) and
    # intermediate courts the SPC designates. That no other designated court covers Jiaozuo
    # is *unconfirmed*; a Xinhua report (2018-03, on 郑州知识产权法庭, the Zhengzhou court's
    # IP tribunal) gives it these cases from all of Henan. Configure it if that changed.
    ip_technical_courts: tuple[str, ...] = ("郑州市中级人民法院",)
    # 法释〔2022〕13号 art. 3: other IP cases at basic courts the SPC designates. The list was
    # 法〔2022〕109号, repealed by 法〔2025〕167号 (SPC notice of 2025-09-23, in force
    # 2025-10-01, court.gov.cn/zixun/xiangqing/477601.html as reprinted); its annex of courts
    # and areas was not readable here, so which court takes Jiaozuo's other IP cases is
    # *unconfirmed*: empty means "ask the clerk". The annex's Henan rows would settle it.
    ip_basic_courts: tuple[str, ...] = ()
    # Maritime cases belong to maritime courts (海事诉讼特别程序法 art. 4); which one is
    # left to configuration.
    maritime_court: str | None = None
    # 法释〔2022〕2号 art. 3 (LawRefBook/Laws, read 2026-12): "证券虚假陈述侵权民事赔偿案件，
    # 由发行人住所地的省、自治区、直辖市人民政府所在的市、计划单列市和经济特区中级人民法院或者
    # 专门人民法院管辖"; art. 3(2) (read): "省、自治区、直辖市高级人民法院可以根据本辖区的实际
    # 情况，确定管辖第一审证券虚假陈述侵权民事赔偿案件的其他中级人民法院，报最高人民法院备案".
    # Which ones Henan's high court has designated is UNCONFIRMED: no Henan notice was found
    # (searched 2026-12-02; other provinces published theirs, e.g. 浙江's adding 温州、湖州、
    # 绍兴、金华, as a law firm's survey reports). The Henan High Court's notice filed with
    # the SPC would settle it. This is the court for an issuer domiciled in Henan (its
    # government sits in 郑州); see SECURITIES_FINANCE_COURTS and `securities_court_for`.
    securities_courts: tuple[str, ...] = ("郑州市中级人民法院",)
    # 最高人民法院关于上海金融法院案件管辖的规定 (2018, as amended 2021) art. 3: the 证券欺诈
    # 责任纠纷 (which includes 证券虚假陈述责任纠纷) of companies listed on the SSE's STAR
    # market (科创板) go to 上海金融法院, wherever the issuer is domiciled. Tag `star_market`.
    securities_star_market_court: str | None = "上海金融法院"
    # 最高人民法院关于北京金融法院案件管辖的规定 (2021-03-16) art. 3: companies that issued to
    # unspecified qualified investors and are quoted on the NEEQ select tier (精选层): their
    # 证券欺诈责任纠纷 go to 北京金融法院 (text read in LawRefBook, 2021 version; no later
    # amendment there). The select tier became the Beijing Stock Exchange in 2021. The SPC's
    # 《关于为深化新三板改革、设立北京证券交易所提供司法保障的若干意见》 (published 2022-06-24)
    # is REPORTED (券中社 news of 2022-06-25; the SPC's release as mirrored) to put BSE-listed
    # companies' 证券发行/承销/上市保荐/上市/交易合同 and 证券欺诈责任纠纷 at 北京金融法院 on a
    # trial basis, "参照" art. 3; its text was not read, so the tag stays `neeq_select` and
    # the clerk decides a BSE issuer. UNCONFIRMED until that opinion's text is checked (a
    # mirror of the SPC's release confirms the opinion, not its jurisdiction item:
    # data/PROVENANCE.md, "Facts the project carried as unverified").
    securities_neeq_select_court: str | None = "北京金融法院"


class Ground(StrEnum):
    """Why a court is competent (art. 205, and the level rules)."""

    REFERRING_COURT = "referring_court"  # 邀请调解的法院 (art. 205(1))
    PARTY_DOMICILE = "party_domicile"  # 当事人住所地
    SUBJECT_MATTER = "subject_matter"  # 标的物所在地
    BODY_LOCATION = "body_location"  # 调解组织所在地
    DESIGNATED_IP = "designated_ip"  # 法释〔2022〕13号 art. 1 / art. 3
    DESIGNATED = "designated"  # another class's designated court (法释〔2022〕2号 art. 3)
    MARITIME = "maritime"  # 海事法院


def ground_label(ground: str) -> str:
    labels = {
        Ground.REFERRING_COURT: _("the court that referred the mediation"),
        Ground.PARTY_DOMICILE: _("where a party is domiciled"),
        Ground.SUBJECT_MATTER: _("where the subject matter is"),
        Ground.BODY_LOCATION: _("where the mediation body is"),
        Ground.DESIGNATED_IP: _("court designated for IP cases"),
        Ground.DESIGNATED: _("court designated for this kind of case"),
        Ground.MARITIME: _("maritime court"),
    }
    return next((label for key, label in labels.items() if key.value == ground), ground)


class DisputeClass(StrEnum):
    """Disputes whose court level follows rules of their own (法发〔2021〕27号 item 5)."""

    ORDINARY = "ordinary"
    IP_TECHNICAL = "ip_technical"  # 法释〔2022〕13号 art. 1
    # art. 2(1): design patents, well-known marks, "由知识产权法院和中级人民法院管辖"; that
    # 焦作市中级人民法院 hears them (rather than 郑州's IP tribunal) is *unconfirmed*.
    IP_DESIGN = "ip_design"
    IP_OTHER = "ip_other"  # art. 3: other IP, designated basic courts
    MARITIME = "maritime"
    FOREIGN_RELATED = "foreign_related"  # 涉外、涉港澳台 (法释〔2022〕18号)
    SECURITIES_MISSTATEMENT = "securities_misstatement"  # 法释〔2022〕2号 art. 3


_IP_TECHNICAL = re.compile(
    r"发明专利|实用新型|植物新品种|集成电路布图设计|技术秘密|计算机软件|垄断"
)
_IP_DESIGN = re.compile(r"外观设计|驰名商标")
_IP_ANY = re.compile(
    r"知识产权|专利|商标|著作权|版权|不正当竞争|商业秘密|特许经营|技术合同|技术转让|"
    r"技术许可|技术服务|域名|地理标志|企业名称|网络传播权"
)
_MARITIME = re.compile(r"海事|海商|船舶|船员|海上|通海水域|港口作业|海难|共同海损|提单")
FOREIGN_REGIONS = ("71", "81", "82")  # 台湾, 香港, 澳门 (GB/T 2260)


def dispute_class(
    cause: str, tags: Iterable[str] = (), party_provinces: Iterable[str | None] = ()
) -> DisputeClass:
    """The class that decides the court level, from the clerk's tag first, then the 案由.

    Tags: `ip_technical`, `ip_design`, `ip_other`, `maritime`, `foreign_related`. A party
    in Hong Kong, Macao or Taiwan makes a case foreign-related (法释〔2022〕18号 covers
    涉港澳台 cases). A generic patent cause without the kind of patent counts as technical
    (the stricter rule: art. 1 courts) — the clerk tags `ip_design` to say otherwise.
    """
    labels = set(tags)
    for klass in DisputeClass:
        if klass.value in labels and klass is not DisputeClass.ORDINARY:
            return klass
    text = f"{cause} {' '.join(labels)}"
    if _MARITIME.search(text):
        return DisputeClass.MARITIME
    if "虚假陈述" in text:  # 2020 and 2025: 证券虚假陈述责任纠纷
        return DisputeClass.SECURITIES_MISSTATEMENT
    if any(p in FOREIGN_REGIONS for p in party_provinces if p):
        return DisputeClass.FOREIGN_RELATED
    if _IP_DESIGN.search(text):
        return DisputeClass.IP_DESIGN
    if _IP_TECHNICAL.search(text) or ("专利" in text and "外观" not in text):
        return DisputeClass.IP_TECHNICAL
    if _IP_ANY.search(text):
        return DisputeClass.IP_OTHER
    return DisputeClass.ORDINARY


# Issuers domiciled where a financial court takes the intermediate courts' first-instance
# financial cases (securities among them, art. 1(1) of each SPC rule, read in LawRefBook):
# 北京 (北京金融法院, 2021-03-16), 上海 (上海金融法院, as amended 2021), 重庆 (成渝金融法院,
# 法释〔2022〕20号 art. 1, read: all of 重庆市, and the part of 四川 "属于成渝地区双城经济圈范围内",
# which the rule does not list by city (the 成渝地区双城经济圈建设规划纲要 would; not read
# here), so an issuer in 四川 is left to the clerk). Any other province: the intermediate
# court of its capital, or of a 计划单列市 / 经济特区 (深圳, 厦门…) — not listed here: the
# clerk names it. 深圳金融法院: no SPC rule on its jurisdiction was found (not in
# LawRefBook/Laws; pages searched 2026-12-02 found 2021 proposals to create one and, in
# 2025-05, Shenzhen's securities cases still at 深圳中院's 深圳金融法庭), so whether it
# exists and takes SZSE issuers' cases is UNCONFIRMED; a 广东 issuer is named by the clerk
# either way.
SECURITIES_FINANCE_COURTS: dict[str, str] = {
    "11": "北京金融法院",
    "31": "上海金融法院",
    "50": "成渝金融法院",
}


class ProvinceBasis(StrEnum):
    """How a party's province was found: only an address or the clerk is sure."""

    ADDRESS = "address"
    CREDIT_CODE = "credit_code"  # chars 3-8: the registering authority's division
    ID_NUMBER = "id_number"  # where the ID was issued, not necessarily the domicile
    CLERK = "clerk"


@dataclass(frozen=True)
class Place:
    """Something located: a party's domicile, the subject matter, the body."""

    what: str  # e.g. the party's name, or "标的物" / the body's name
    county_code: str | None  # a Jiaozuo county; CITY_CODE: in Jiaozuo, county unknown
    province: str | None = None  # two-digit GB/T 2260 code; None: unknown
    province_basis: str | None = None  # ProvinceBasis value
    province_name: str = ""


@dataclass(frozen=True)
class VenueFacts:
    """What art. 205 looks at, already reduced to places."""

    referring_court: str | None = None
    domiciles: tuple[Place, ...] = ()
    subject_matter: Place | None = None
    body: Place | None = None
    body_court: str | None = None  # the basic court the body docks with, if the network says
    amount: Decimal | None = None
    dispute_class: DisputeClass = DisputeClass.ORDINARY
    # The clerk's word on 法发〔2021〕27号: True = a party is domiciled outside the province,
    # False = all inside; None = infer from the places.
    party_outside: bool | None = None
    # Securities misstatement: the respondent entities, one of which is the issuer whose
    # domicile decides the court (法释〔2022〕2号 art. 3), and the case's tags
    # (`star_market`, `neeq_select`: where the issuer's shares are listed or quoted).
    respondents: tuple[Place, ...] = ()
    person_respondents: tuple[str, ...] = ()  # natural persons sued: never the issuer
    tags: tuple[str, ...] = ()


@dataclass
class CourtCandidate:
    name: str
    grounds: list[str] = field(default_factory=list)  # Ground values
    reasons: list[str] = field(default_factory=list)  # e.g. "张三: 住所地 (解放区)"
    intermediate: bool = False
    basis: list[str] = field(default_factory=list)  # the rules that make it competent

    def as_json(self) -> dict[str, object]:
        return {
            "court": self.name,
            "grounds": list(self.grounds),
            "reasons": list(self.reasons),
            "intermediate": self.intermediate,
            "basis": list(self.basis),
        }


@dataclass
class CourtChoice:
    """The competent courts for an application, best first, and what the clerk must know:
    places that could not be placed, facts to confirm, courts ruled out and why."""

    candidates: list[CourtCandidate]
    intermediate: bool = False
    unplaced: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    dispute_class: str = DisputeClass.ORDINARY.value

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.candidates]

    def as_json(self) -> dict[str, object]:
        return {
            "candidates": [c.as_json() for c in self.candidates],
            "intermediate": self.intermediate,
            "unplaced": list(self.unplaced),
            "notes": list(self.notes),
            "excluded": list(self.excluded),
            "dispute_class": self.dispute_class,
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


BASIS_205_1 = "民事诉讼法第二百零五条第（一）项"
BASIS_205_2 = "民事诉讼法第二百零五条第（二）项"
BASIS_LEVEL_ALL_IN = "法发〔2021〕27号第一条"
BASIS_LEVEL_OUTSIDE = "法发〔2021〕27号第二条"
BASIS_FOREIGN = "法释〔2022〕18号第二条"
BASIS_IP_TECHNICAL = "法释〔2022〕13号第一条"
BASIS_IP_DESIGN = "法释〔2022〕13号第二条"
BASIS_IP_OTHER = "法释〔2022〕13号第三条"
BASIS_SECURITIES = "法释〔2022〕2号第三条"


@dataclass
class _Level:
    intermediate: bool
    basis: str = ""
    certain: bool = True
    why: str = ""


def competent_courts(
    facts: VenueFacts,
    basic_court: CourtNamer | None = None,
    jurisdiction: Jurisdiction | None = None,
) -> CourtChoice:
    """Art. 205: every court the parties may apply to, each with its grounds and basis.

    `basic_court(county_code)` names a county's basic court (default: `BASIC_COURTS`).
    A court referral leaves only the inviting court (art. 205(1)). Otherwise the basic
    courts of the parties' domiciles, of the subject matter and of the body (art. 205(2)),
    unless the dispute is of the intermediate court's level or of a class with its own
    courts (IP, maritime). When the level rests on an inference the clerk must confirm
    (a domicile read from an ID number, an unknown domicile), the basic courts stay listed
    after the intermediate court and `notes` says what to confirm.
    """
    rules = jurisdiction or Jurisdiction()
    namer = basic_court or BASIC_COURTS.get
    klass = facts.dispute_class
    if facts.referring_court:
        return CourtChoice(
            [
                CourtCandidate(
                    facts.referring_court, [Ground.REFERRING_COURT], [], basis=[BASIS_205_1]
                )
            ],
            dispute_class=klass.value,
        )
    basic, unplaced = _basic_candidates(facts, namer)
    choice = CourtChoice([], unplaced=unplaced, dispute_class=klass.value)
    if klass is DisputeClass.MARITIME:
        return _maritime(choice, basic, rules)
    if klass is DisputeClass.IP_TECHNICAL:
        return _designated(
            choice,
            basic,
            rules.ip_technical_courts,
            BASIS_IP_TECHNICAL,
            _(
                "Technical IP disputes (invention or utility-model patents, plant varieties, "
                "layout designs, technical secrets, software, monopoly) go to designated "
                "intermediate courts ({basis}); check which one covers Jiaozuo."
            ).format(basis=BASIS_IP_TECHNICAL),
        )
    if klass is DisputeClass.SECURITIES_MISSTATEMENT:
        courts, basis, note = securities_court_for(facts, rules)
        return _designated(choice, basic, courts, basis, note, Ground.DESIGNATED)
    level = _level(facts, rules)
    if klass is DisputeClass.IP_OTHER and not level.intermediate:
        return _ip_other(choice, basic, rules)
    if not level.intermediate:
        choice.candidates = basic
        return choice
    choice.intermediate = True
    upper = _intermediate_candidate(facts, rules, level)
    choice.candidates = [upper]
    if level.certain:
        choice.excluded += [
            _("{court}: the dispute is of the intermediate court's level ({why})").format(
                court=c.name, why=level.why
            )
            for c in basic
        ]
    else:
        choice.candidates += basic
        choice.notes.append(
            _(
                "Confirm the parties' domiciles: {why}. If every party is domiciled in the "
                "province, the basic courts are competent instead (法发〔2021〕27号)."
            ).format(why=level.why)
        )
    return choice


# Respondents that a misstatement suit names beside the issuer (法释〔2022〕2号 makes
# underwriters and sponsors, accountants, lawyers, valuers, rating agencies answerable;
# article numbers not checked here), told by their names (review of 660888a): art. 3 looks
# only at the issuer's domicile, presumed among the other respondents and confirmed by the
# clerk.
# The intermediaries sued beside an issuer, never the issuer (LawRefBook/Laws, read
# 2026-12): 法释〔2022〕2号 art. 17 保荐机构、承销机构 (securities firms: 证券法 art. 10 makes
# the sponsor a 证券公司) and art. 18 "会计师事务所、律师事务所、资信评级机构、资产评估机构、
# 财务顾问等证券服务机构"; 证券法 (2019) arts. 160, 163 add 证券投资咨询 (and 信息技术系统服务,
# not matched: an issuer may well be an IT company).
_INTERMEDIARY = re.compile(
    r"会计师事务所|律师事务所|证券(公司|股份|有限|投资咨询|$)|资产评估|评级|财务顾问"
)


def is_intermediary(name: str) -> bool:
    return _INTERMEDIARY.search(name.strip()) is not None


BASIS_STAR_MARKET = "最高人民法院关于上海金融法院案件管辖的规定第三条"
BASIS_NEEQ_SELECT = "最高人民法院关于北京金融法院案件管辖的规定第三条"


def securities_court_for(
    facts: VenueFacts, rules: Jurisdiction
) -> tuple[tuple[str, ...], str, str]:
    """The courts of a securities misstatement case, the rule that names them, and what the
    clerk must know (法释〔2022〕2号 art. 3: the issuer's domicile decides; the financial
    courts' own designations by where the shares are listed come first).

    The issuer is taken to be the respondent entities' domicile when they all lie in one
    province (from an address, or a credit code's registering authority); when they lie in
    several or none is known, the clerk is told to check."""
    tags = set(facts.tags)
    listed = (
        ("star_market", rules.securities_star_market_court, BASIS_STAR_MARKET),
        ("neeq_select", rules.securities_neeq_select_court, BASIS_NEEQ_SELECT),
    )
    for tag, court, basis in listed:
        if tag in tags and court:
            return (
                (court,),
                basis,
                _(
                    "The issuer's shares are listed where a specialised court takes its "
                    "securities fraud cases ({basis}): {court}, wherever the issuer is "
                    "domiciled."
                ).format(basis=basis, court=court),
            )
    if not facts.respondents and facts.person_respondents:
        return (
            (),
            BASIS_SECURITIES,
            _(
                "Only natural persons are respondents ({names}): none of them is the issuer "
                "whose domicile decides the court ({basis}). Name the court with --court."
            ).format(names="、".join(facts.person_respondents), basis=BASIS_SECURITIES),
        )
    issuers = [p for p in facts.respondents if not is_intermediary(p.what)]
    # Only intermediaries sued: none of them is the issuer, whose domicile is then unknown.
    presumed = issuers or list(facts.respondents)
    placed = issuers
    known: dict[str, Place] = {}
    named: dict[str, list[str]] = {}
    for p in placed:
        if p.province:
            known.setdefault(p.province, p)
            named.setdefault(p.province, []).append(p.what)
    unknown = [p.what for p in placed if not p.province]
    names = "、".join(p.what for p in presumed)
    confirm = (
        _(
            " The issuer's province was presumed from the respondents {names}: confirm "
            "which respondent is the issuer."
        )
        if issuers
        else _(
            " The respondents {names} look like intermediaries (securities firm, "
            "accountants, lawyers, valuers, rating agency, financial adviser, securities "
            "consultant), not the issuer: confirm who the issuer is and where it is domiciled."
        )
    ).format(names=names)
    star = confirm + _(
        " An issuer listed on the STAR market (科创板) or quoted on the NEEQ select tier "
        "(精选层) goes to 上海金融法院 or 北京金融法院: tag the case star_market or neeq_select."
    )
    if len(known) == 1 and not unknown:
        province, place = next(iter(known.items()))
        where = place.province_name or province
        place = replace(place, what="、".join(named[province]))
        if province == rules.home_province:
            return (
                rules.securities_courts,
                BASIS_SECURITIES,
                _(
                    "Securities misstatement damages go to the intermediate court of the city "
                    "where the government of the issuer's province sits ({basis}); the issuer "
                    "({name}) is domiciled in {province}. Whether the high court has "
                    "designated other intermediate courts (art. 3(2)) is not known here."
                ).format(basis=BASIS_SECURITIES, name=place.what, province=where)
                + star,
            )
        court = SECURITIES_FINANCE_COURTS.get(province)
        if court:
            return (
                (court,),
                BASIS_SECURITIES,
                _(
                    "The issuer ({name}) is domiciled in {province}, where {court} takes the "
                    "intermediate courts' first-instance securities cases ({basis})."
                ).format(name=place.what, province=where, court=court, basis=BASIS_SECURITIES)
                + star,
            )
        return (
            (),
            BASIS_SECURITIES,
            _(
                "The issuer ({name}) is domiciled in {province}: its case goes to the "
                "intermediate court of that province's capital, or of a city specifically "
                "designated in the state plan or a special economic zone, or a specialised "
                "court ({basis}). The tool does not list those courts: name the court with "
                "--court."
            ).format(name=place.what, province=where, basis=BASIS_SECURITIES)
            + star,
        )
    if len(known) > 1:
        return (
            (),
            BASIS_SECURITIES,
            _(
                "The respondents are domiciled in different provinces ({provinces}); the "
                "issuer's domicile decides the court ({basis}): name the court with --court."
            ).format(
                provinces="、".join(p.province_name or c for c, p in sorted(known.items())),
                basis=BASIS_SECURITIES,
            )
            + star,
        )
    return (
        rules.securities_courts,
        BASIS_SECURITIES,
        _(
            "Securities misstatement damages go to the intermediate court of the city where "
            "the government of the issuer's province sits, or a specialised court ({basis}). "
            "The issuer's domicile is not recorded: the court listed is for an issuer "
            "domiciled in Henan; for another issuer name the court with --court."
        ).format(basis=BASIS_SECURITIES)
        + star,
    )


def _basic_candidates(
    facts: VenueFacts, namer: CourtNamer
) -> tuple[list[CourtCandidate], list[str]]:
    found: dict[str, CourtCandidate] = {}
    unplaced: list[str] = []

    def add(name: str | None, ground: Ground, place: Place) -> None:
        reason = _reason(place, ground)
        if name is None:
            unplaced.append(reason)
            return
        candidate = found.setdefault(name, CourtCandidate(name, basis=[BASIS_205_2]))
        if ground not in candidate.grounds:
            candidate.grounds.append(ground)
        candidate.reasons.append(reason)

    for ground, place in _grounded_places(facts):
        court = facts.body_court if ground is Ground.BODY_LOCATION else None
        add(court or _court_of(place, namer), ground, place)
    return list(found.values()), unplaced


def _level(facts: VenueFacts, rules: Jurisdiction) -> _Level:
    """Is the dispute of the intermediate court's level, on what basis, and how sure?"""
    klass = facts.dispute_class
    if klass is DisputeClass.IP_DESIGN:  # whatever the amount
        return _Level(True, BASIS_IP_DESIGN, True, BASIS_IP_DESIGN)
    amount = facts.amount
    if amount is None or klass is DisputeClass.IP_OTHER:
        # 法发〔2021〕27号 item 5: its thresholds do not apply to IP cases; the SPC's own
        # amounts for them (法释〔2022〕13号 art. 2(2)) are not configured (unconfirmed).
        return _Level(False)
    if klass is DisputeClass.FOREIGN_RELATED:
        hit = amount >= rules.foreign_related_from
        return _Level(hit, BASIS_FOREIGN, True, _amount_why(amount, rules.foreign_related_from))
    if amount >= rules.all_in_province_from:
        return _Level(
            True, BASIS_LEVEL_ALL_IN, True, _amount_why(amount, rules.all_in_province_from)
        )
    if amount < rules.party_outside_from:
        return _Level(False)
    if facts.party_outside is not None:
        why = _amount_why(amount, rules.party_outside_from)
        return _Level(facts.party_outside, BASIS_LEVEL_OUTSIDE, True, why)
    outside = [p for p in facts.domiciles if p.province and p.province != rules.home_province]
    unknown = [p for p in facts.domiciles if not p.province]
    if outside and len(outside) < len(facts.domiciles):
        sure = not unknown and all(
            p.province_basis in (ProvinceBasis.ADDRESS, ProvinceBasis.CLERK) for p in outside
        )
        why = _("; ").join(_outside_why(p) for p in outside)
        why = _("; ").join((why, _amount_why(amount, rules.party_outside_from)))
        return _Level(True, BASIS_LEVEL_OUTSIDE, sure, why)
    if unknown:
        why = _("the domicile of {names} is unknown and the amount reaches {threshold}").format(
            names="、".join(p.what for p in unknown), threshold=_yuan(rules.party_outside_from)
        )
        return _Level(True, BASIS_LEVEL_OUTSIDE, False, why)
    return _Level(False)


def _outside_why(place: Place) -> str:
    labels = {
        ProvinceBasis.ADDRESS: _("from the address"),
        ProvinceBasis.CREDIT_CODE: _("from the credit code"),
        ProvinceBasis.ID_NUMBER: _("from the ID number, where it was issued"),
        ProvinceBasis.CLERK: _("as the clerk said"),
    }
    how = next((v for k, v in labels.items() if k.value == place.province_basis), "")
    return _("{name} is domiciled in {province} ({how})").format(
        name=place.what, province=place.province_name or place.province, how=how
    )


def _yuan(amount: Decimal) -> str:
    """An amount as the level rules write theirs: 1.5亿元 from 1亿 on (法发〔2021〕27号 writes
    "5亿元以上", "1亿元以上"), 万元 for whole ten-thousands below."""
    if amount >= 100_000_000:
        yi = (amount / 100_000_000).normalize()
        return f"{yi:f}亿元"
    if amount >= 10_000 and amount % 10_000 == 0:
        return f"{amount // 10_000}万元"
    return f"{amount}元"


def _amount_why(amount: Decimal, threshold: Decimal) -> str:
    return _("the amount {amount} reaches {threshold}").format(
        amount=_yuan(amount), threshold=_yuan(threshold)
    )


def _intermediate_candidate(
    facts: VenueFacts, rules: Jurisdiction, level: _Level
) -> CourtCandidate:
    """The intermediate court over every Jiaozuo place (a county, or the city itself for a
    city-level body whose county is not known) that grounds competence under art. 205(2)."""
    upper = CourtCandidate(rules.intermediate_court, intermediate=True, basis=[BASIS_205_2])
    for ground, place in _grounded_places(facts):
        if place.county_code and place.county_code.startswith(CITY_CODE[:4]):
            if ground not in upper.grounds:
                upper.grounds.append(ground)
            upper.reasons.append(_reason(place, ground))
    upper.basis.append(level.basis)
    upper.reasons.append(level.why)
    return upper


def _grounded_places(facts: VenueFacts) -> list[tuple[Ground, Place]]:
    places = [(Ground.PARTY_DOMICILE, p) for p in facts.domiciles]
    if facts.subject_matter is not None:
        places.append((Ground.SUBJECT_MATTER, facts.subject_matter))
    if facts.body is not None:
        places.append((Ground.BODY_LOCATION, facts.body))
    return places


def _designated(
    choice: CourtChoice,
    basic: list[CourtCandidate],
    courts: Sequence[str],
    basis: str,
    note: str,
    ground: Ground = Ground.DESIGNATED_IP,
) -> CourtChoice:
    """Only the intermediate courts a judicial interpretation designates for this class."""
    choice.candidates = [
        CourtCandidate(name, [ground], intermediate=True, basis=[BASIS_205_2, basis])
        for name in courts
    ]
    # Art. 1's courts are intermediate courts (or IP courts of that level): the choice is
    # of the intermediate level like any other (the audit of 2026-12 found it marked basic).
    choice.intermediate = bool(courts)
    choice.excluded += [
        _("{court}: only courts designated for this kind of case ({basis})").format(
            court=c.name, basis=basis
        )
        for c in basic
    ]
    choice.notes.append(note)
    return choice


def _ip_other(choice: CourtChoice, basic: list[CourtCandidate], rules: Jurisdiction) -> CourtChoice:
    if rules.ip_basic_courts:
        choice.candidates = [c for c in basic if c.name in rules.ip_basic_courts]
        choice.candidates += [
            CourtCandidate(name, [Ground.DESIGNATED_IP], basis=[BASIS_205_2, BASIS_IP_OTHER])
            for name in rules.ip_basic_courts
            if name not in choice.names
        ]
        choice.excluded += [
            _("{court}: not designated for IP cases ({basis})").format(
                court=c.name, basis=BASIS_IP_OTHER
            )
            for c in basic
            if c.name not in rules.ip_basic_courts
        ]
        return choice
    choice.candidates = basic
    choice.notes.append(
        _(
            "IP disputes go to basic courts the Supreme People's Court designated for them "
            "({basis}); none is configured: check that the court chosen is one."
        ).format(basis=BASIS_IP_OTHER)
    )
    return choice


def _maritime(choice: CourtChoice, basic: list[CourtCandidate], rules: Jurisdiction) -> CourtChoice:
    if rules.maritime_court:
        choice.candidates = [CourtCandidate(rules.maritime_court, [Ground.MARITIME])]
    choice.excluded += [
        _("{court}: maritime disputes belong to a maritime court").format(court=c.name)
        for c in basic
    ]
    choice.notes.append(
        _(
            "A maritime dispute is confirmed by a maritime court, not by a local court "
            "(法发〔2021〕27号 item 5 leaves it to its own rules); name the court with --court."
        )
    )
    return choice


def _court_of(place: Place, namer: CourtNamer) -> str | None:
    return namer(place.county_code) if place.county_code else None


def _reason(place: Place, ground: Ground) -> str:
    if place.county_code == CITY_CODE:
        where = _("in Jiaozuo, county not known: record the real address")
    else:
        where = COUNTIES.get(place.county_code or "", _("not placed in Jiaozuo"))
    return _("{who}: {ground} ({where})").format(
        who=place.what, ground=ground_label(ground), where=where
    )


# 劳动争议解释（一） (最高人民法院关于审理劳动争议案件适用法律问题的解释（一）, adopted
# 2020-12-25, in force 2021-01-01; LawRefBook/Laws, file dated 2020-12-29) art. 52, in full:
# "当事人在人民调解委员会主持下仅就给付义务达成的调解协议，双方认为有必要的，可以共同向
# 人民调解委员会所在地的基层人民法院申请司法确认。" Art. 51(1): an agreement "具有劳动权利义务
# 内容" reached before an art. 10 body "具有劳动合同的约束力".
# Which causes: the interpretation is on 劳动争议 (its art. 1: disputes between 劳动者 and
# 用人单位), so the note goes with the 案由 categories 劳动争议 and (2025) 新就业形态用工纠纷,
# by group, so 社会保险纠纷, 福利待遇纠纷, 竞业限制纠纷, 劳务派遣合同纠纷 count too; the words
# only for a cause the taxonomy does not know. Not 劳务 contracts between persons, and not
# 人事争议: the 2025 案由 (法〔2025〕227号, shared/data/causes-2025.csv) keeps it a category of
# its own (二十 人事争议: 聘用合同, 聘任合同, 辞职, 辞退纠纷) beside 十九 劳动争议, and the
# interpretation names no personnel dispute. 劳动争议调解仲裁法 art. 52 ("事业单位实行聘用制的
# 工作人员与本单位发生劳动争议的，依照本法执行；法律、行政法规或者国务院另有规定的，依照其规定")
# brings 事业单位 staff under that Law's mediation and arbitration (the routing rule, where
# 人事争议 stays with labour), not under this interpretation; 聘任制公务员 follow 公务员法
# art. 105 (人事争议仲裁委员会). A personnel agreement is confirmed under CPL art. 205(2) alone.
LABOUR_GROUPS = frozenset({"劳动争议", "新就业形态用工纠纷"})
PERSONNEL_GROUP = "人事争议"
_LABOUR_CAUSE = re.compile(r"(?<!船员)劳动(?!者劳务)|用工纠纷|新就业形态")
# Wage words (工资, 欠薪, 工伤) name a labour dispute only against an employer (用人单位:
# 劳动争议调解仲裁法 art. 2, 劳动法 art. 2 — 企业、个体经济组织、国家机关、事业单位、社会团体;
# 保障农民工工资支付条例 art. 2, all read in LawRefBook/Laws at 2f4c5c2), whatever the trade
# (a decoration company's worker too). Words naming a civil relation keep it civil: 劳务 (not
# 劳务派遣, labour: 劳动合同法 ch. 5), 雇佣, 帮工, 学徒 (劳动争议解释（一） (2020) art. 2(5),
# art. 32) — rules/jiaozuo.yaml, route labour, the same words.
WAGE_WORDS = re.compile(r"工资|欠薪|工伤(?!认定)")
PRIVATE_HIRE_WORDS = re.compile(r"劳务(?!派遣)|雇佣|帮工|学徒")


def wage_dispute_with_employer(cause: str, employer: bool) -> bool:
    """A cause in wage words (工资, 欠薪, 工伤) against an employer, not private hiring."""
    if not employer or PRIVATE_HIRE_WORDS.search(cause):
        return False
    return WAGE_WORDS.search(cause) is not None


def cause_notes(
    cause: str, groups: Iterable[str] = (), labour_parties: bool | None = None
) -> list[str]:
    """What the clerk must know about confirming an agreement of this cause.

    `groups`: the cause and the 案由 groups above it (`Taxonomy.groups`), when known.
    Labour: 劳动争议解释（一） art. 52 (above) — an agreement reached before a 人民调解委员会
    only on payment obligations may be confirmed on both parties' joint application at the
    committee's basic court. The later Civil Procedure Law art. 205(2) names the parties'
    courts too; which governs a labour agreement is not settled here
    (docs/routing-policy.md), so the courts are listed and the clerk is told.
    `labour_parties` (`domain.parties.labour_parties`), when known: labour words in a cause
    the taxonomy does not hold name a labour dispute only between a worker and an employer
    (劳动争议调解仲裁法 art. 2), as routing reads them."""
    above = set(groups)
    if PERSONNEL_GROUP in above:
        return []
    unofficial = not (above - {cause, cause.strip()})
    by_words = unofficial and _LABOUR_CAUSE.search(cause) is not None
    if labour_parties is not None:
        by_words = by_words and labour_parties
    elif above:
        by_words = False  # the earlier reading: words only when no groups were given
    if above & LABOUR_GROUPS or by_words:
        return [
            _(
                "An agreement reached before a people's mediation committee only on payment "
                "obligations may, if both parties think it necessary, be confirmed on their "
                "joint application at the basic court where the committee sits (劳动争议解释"
                "（一）第五十二条); an agreement on other labour rights and obligations binds as "
                "a labour contract (第五十一条)."
            )
        ]
    return []


# --- Which path a closed case takes (DOMAIN.md §4.1) --------------------------------------


class Path(StrEnum):
    """Where a closed case goes next."""

    COURT_CLOSES = "court_closes"  # 委托: the court closes its own case; report back
    INVITING_COURT = "inviting_court"  # 委派 settled: confirmation at that court (205(1))
    RETURN_TO_COURT = "return_to_court"  # 委派 failed: return letter and materials
    COMPETENT_COURTS = "competent_courts"  # self-accepted settled: art. 205(2)
    PARTIES_INFORMED = "parties_informed"  # self-accepted failed: 人民调解法 art. 26


def reconcile_source(source: str, court_case_no: str | None) -> tuple[str, str | None]:
    """The source a case is registered under, and a notice when it differs from the one given.

    A court number of a filed case (民初/民终, 法〔2015〕137号) means the court filed before it
    referred the dispute, so the mediation is 委托, whatever the referral sheet says: its time
    limit is 委托's (domain/deadlines.policy_for), its papers say 委托,
    and it is not judicially confirmed (特邀调解规定 art. 20; SPC opinion on filing and
    mediation, 2025, item 4). Registering it as 委派 would give it 委派's 30 days and papers
    that the confirmation step then refuses, so intake registers it as 委托 and says so."""
    if source == "court_delegated" and filed_case_no(court_case_no):
        return "court_entrusted", _(
            "The source says court-delegated (委派, before filing), but {number} is the "
            "number of a case the court has filed: registered as court-entrusted (委托): its "
            "time limit, papers and closing follow 委托, and it is not judicially confirmed. "
            "If the number is wrong, correct it and the source with `mediate case edit`."
        ).format(number=court_case_no)
    return source, None


def closing_path(source: str, court_case_no: str | None, settled: bool) -> Path:
    if is_entrusted(source, court_case_no):
        return Path.COURT_CLOSES
    if source == "court_delegated":
        return Path.INVITING_COURT if settled else Path.RETURN_TO_COURT
    return Path.COMPETENT_COURTS if settled else Path.PARTIES_INFORMED


def entrusted_refusal(case_id: int, court: str | None, court_case_no: str | None) -> str:
    """Why `confirm request` refuses an entrusted case, and what happens instead."""
    return _(
        "Case {id} was entrusted by {court} after filing ({number}): it is not confirmed. "
        "The court closes its own case with a mediation statement (调解书), a withdrawal "
        "(撤诉) or another closing (特邀调解规定 art. 20; SPC opinion on filing and "
        "mediation, 2025, item 4). Send the court the mediation report with the agreement: "
        "`mediate doc render court_report {id}`, then record the day it went back: "
        "`mediate confirm handback {id}`."
    ).format(
        id=case_id,
        court=court or _("the court"),
        number=court_case_no or _("no case number recorded"),
    )


def arbitration_first(
    cause: str,
    groups: Iterable[str] = (),
    employer: bool = False,
    claim: str = "",
    facts: str = "",
) -> bool:
    """Whether a court hears this dispute only after arbitration: a labour dispute (the 案由
    categories 劳动争议 and 新就业形态用工纠纷, by group; by wording for a cause the taxonomy
    does not know — wage words, in the cause or, for a cause naming only a debt (欠款纠纷),
    in the `claim` (not beside a loan or goods), only when `employer`: the parties are a
    worker against an employer, `domain.parties.labour_parties` — not a company claiming
    wages from a company; rules/jiaozuo.yaml, route labour),
    or a 事业单位 personnel dispute (人事争议: 劳动争议调解仲裁法 art. 52, 事业单位人事管理条例
    art. 37). Decided by the cause and the parties, never by the body that mediated: a labour
    body may have taken a 劳务 dispute between two persons, which goes to court.

    劳动争议调解仲裁法 (read in LawRefBook/Laws, 2026-12-02) art. 2: disputes "用人单位与劳动者
    发生的"; art. 5: "不愿调解、调解不成或者达成调解协议后不履行的，可以向劳动争议仲裁委员会申请
    仲裁；对仲裁裁决不服的，除本法另有规定的外，可以向人民法院提起诉讼"; art. 50: the suit comes
    within 15 days of the award. The one exception a court takes directly, a worker's claim
    on a wage IOU (劳动争议解释（一） art. 15, read), the message names; the tool does not tell
    it apart. The employer's deduction, arrears or dismissal named in the `claim` or the
    `facts` (`employer_pay_act`) makes labour too, under a cause the taxonomy does not know."""
    above = set(groups)
    if PERSONNEL_GROUP in above or above & LABOUR_GROUPS:
        return True
    if above - {cause, cause.strip()}:  # a known cause of another group (groups name the cause)
        return False
    # labour words in a cause the taxonomy does not hold, like wage words, need the parties
    # (劳动争议调解仲裁法 art. 2: 用人单位与劳动者; rules/jiaozuo.yaml labour_words_parties)
    if employer and _LABOUR_CAUSE.search(cause) is not None:
        return True
    if wage_dispute_with_employer(cause, employer):
        return True
    if employer and employer_pay_act(claim, facts) and not PRIVATE_HIRE_WORDS.search(cause):
        return not _NOT_WAGE_CLAIM.search(claim)
    return wage_claim_against_employer(cause, claim, employer)


# rules/jiaozuo.yaml, set employer-pay-act, the same lists: what an employer does to a
# worker's pay (工资支付暂行规定 (1994) art. 15 "用人单位不得克扣劳动者工资", art. 16 deductions
# for damages, at most 20 % a month, art. 18(1) "克扣或者无故拖欠劳动者工资" — read in
# LawRefBook/Laws at 2f4c5c2), in the claim or the facts; the claim also by the words of a
# labour claim (劳动报酬, 加班费, 辞退: 劳动争议调解仲裁法 art. 2(3), (5)). Never 工资 alone:
# 误工工资 is an item of a tort's damages.
EMPLOYER_PAY_ACT_WORDS: tuple[str, ...] = (
    "扣工资", "扣发工资", "克扣工资", "扣除工资", "扣减工资", "罚扣工资",
    "扣罚工资", "工资中扣", "工资里扣", "拖欠工资", "欠发工资", "欠薪",
)  # fmt: skip
EMPLOYER_ACT_CLAIM_WORDS: tuple[str, ...] = ("劳动报酬", "加班费", "解除劳动合同", "辞退")


def employer_pay_act(claim: str, facts: str = "") -> bool:
    """The claim or the facts name the employer's deduction from or arrears of the wages,
    or the claim a labour claim's pay or dismissal (rules/jiaozuo.yaml, employer-pay-act)."""
    if any(word in claim for word in (*EMPLOYER_PAY_ACT_WORDS, *EMPLOYER_ACT_CLAIM_WORDS)):
        return True
    return any(word in facts for word in EMPLOYER_PAY_ACT_WORDS)


# The claim words of rules/jiaozuo.yaml's wage claim (route labour): wages claimed under a
# cause that names only a debt, unless the claim names 劳务 pay, a helper or apprentice, a loan,
# goods, a contractor's price or rent (劳动争议调解仲裁法 art. 2(5); 劳动争议解释（一） art. 2(5),
# art. 32; 民法典 arts. 703, 770, 788).
# The claim's words are plain words (no pattern), so the causes report's SQL reads them as
# the same test (reports.queries, `wage_claim`: LIKE each word): one list for both.
_DEBT_CAUSE = re.compile(r"欠款|欠账|账款|欠钱|债务")
WAGE_CLAIM_WORDS: tuple[str, ...] = ("工资", "欠薪", "劳动报酬", "加班费")
NOT_WAGE_CLAIM_WORDS: tuple[str, ...] = (
    "劳务费", "帮工", "学徒", "借款", "货款", "工程款", "承包", "租金", "房租",
)  # fmt: skip
_WAGE_CLAIM = re.compile("|".join(map(re.escape, WAGE_CLAIM_WORDS)))
_NOT_WAGE_CLAIM = re.compile("|".join(map(re.escape, NOT_WAGE_CLAIM_WORDS)))


def wage_claim_against_employer(cause: str, claim: str, employer: bool) -> bool:
    """A cause the taxonomy does not know that names only a debt (欠款纠纷), with a claim for
    wages against an employer."""
    return bool(employer and claim) and debt_cause_of_wages(cause, is_wage_claim(claim), employer)


def debt_cause_of_wages(cause: str, wage_claim: bool, employer: bool) -> bool:
    """`wage_claim_against_employer` for a reader that knows only whether the claim is one
    for wages (`wage_claim`: `is_wage_claim`, or the causes report's SQL flag)."""
    if not wage_claim or not employer or PRIVATE_HIRE_WORDS.search(cause):
        return False
    return _DEBT_CAUSE.search(cause) is not None


def is_wage_claim(claim: str) -> bool:
    """A claim for wages (WAGE_CLAIM_WORDS) that names no other debt (NOT_WAGE_CLAIM_WORDS):
    劳动争议调解仲裁法 art. 2(5). reports.queries builds the same test in SQL."""
    return _WAGE_CLAIM.search(claim) is not None and not _NOT_WAGE_CLAIM.search(claim)


def handback_step(
    path: Path, case_id: int, labour: bool = False, settled: bool = True
) -> str | None:
    """What the clerk sends back to the court on this path, or None when nothing goes back.

    `labour` (`arbitration_first`): a delegated labour dispute that failed still goes back
    to the court with its materials (特邀调解规定 art. 21: "委派调解未达成调解协议的，特邀调解员
    应当将当事人的起诉状等材料移送人民法院"), but the next step is arbitration, not a suit
    (劳动争议调解仲裁法 arts. 5, 50; time limit one year, art. 27): the step says so, and the
    clerk records it (`--follow-up labour_arbitration`). Whether and how a court refers
    labour disputes before filing is local practice: the 人社部/最高人民法院 opinions on
    linking labour arbitration and litigation are not in LawRefBook/Laws (searched
    2026-12-02), so nothing here rests on them."""
    if path is Path.RETURN_TO_COURT and labour:
        return _(
            "Return the delegated case to the court with the return letter and the materials "
            "(mediate doc render return_letter {id}; 特邀调解规定 art. 21), then record the day "
            "(mediate confirm handback {id}). It is a labour dispute: a court hears it only "
            "after labour arbitration (劳动争议调解仲裁法 arts. 5, 50), save a worker's claim on "
            "a wage IOU (劳动争议解释（一） art. 15). Tell the parties to apply to the labour "
            "dispute arbitration committee first (within one year: art. 27), and record it "
            "with --follow-up labour_arbitration."
        ).format(id=case_id)
    if path is Path.COURT_CLOSES and not settled:
        # 特邀调解规定 art. 21(2): an entrusted mediation that reaches no agreement goes on to
        # trial — no 调解书, no 撤诉 (those close a settled one, art. 20).
        return _(
            "Mediation of this entrusted case failed: the court goes on to try it (特邀调解规定 "
            "art. 21). Send it the mediation report with the reasons (mediate doc render "
            "court_report {id}), then record the day it went back (mediate confirm handback "
            "{id})."
        ).format(id=case_id)
    if path is Path.COURT_CLOSES:
        return _(
            "The court closes this entrusted case itself (调解书, 撤诉 or another closing): send "
            "it the mediation report (mediate doc render court_report {id}), then record the "
            "day it went back (mediate confirm handback {id})."
        ).format(id=case_id)
    if path is Path.RETURN_TO_COURT:
        return _(
            "Return the delegated case to the court with the return letter and the materials "
            "(mediate doc render return_letter {id}; 特邀调解规定 art. 21), then record the day "
            "(mediate confirm handback {id})."
        ).format(id=case_id)
    return None


# --- Art. 355: applications a court does not accept ---------------------------------------


class NotAccepted(StrEnum):
    """SPC interpretation art. 355: applications a court does not accept."""

    OUTSIDE_REMIT = "outside_remit"  # 355(1) 不属于人民法院受理范围
    OUTSIDE_JURISDICTION = "outside_jurisdiction"  # 355(2) 不属于收到申请的人民法院管辖
    STATUS_RELATION = "status_relation"  # 355(3)
    SPECIAL_PROCEDURE = "special_procedure"  # 355(4)
    TITLE_CONFIRMATION = "title_confirmation"  # 355(5)
    # Not art. 355: 民事诉讼法 art. 205 (and 人民调解法 art. 33) give the parties thirty days
    # from the agreement's effect; a court may refuse a later application on that ground.
    WINDOW_PASSED = "window_passed"


@dataclass(frozen=True)
class ConfirmationWarning:
    code: str  # NotAccepted value
    message: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


# Art. 355(3): status relations — marriage, parentage, adoption. Cohabitation is no status
# relation: 同居关系析产纠纷 / 同居关系子女抚养纠纷 are property and maintenance disputes.
# 离婚 as a clerk writes it (离婚, 协议离婚, 离婚案件, 离婚纠纷（诉前）: the second audit,
# 2026-12-02) as well as 离婚纠纷 — but not 离婚后财产纠纷 or 离婚后损害责任纠纷 (the only
# other causes naming 离婚, 2020 and 2025), which dissolve nothing. Nor a dispute about what
# follows a divorce (离婚财产分割, 离婚协议履行, 离婚损害赔偿, 离婚抚养费, 离婚补偿: the third
# review, 2026-12-02): art. 355(3) (民诉法解释 (2022), read in LawRefBook at 2f4c5c2) bars
# only confirming that a status relation is 无效, 有效 or 解除 — the marriage's dissolution
# must be the subject.
_STATUS_CAUSE = re.compile(
    r"离婚(?!后)(?!.*(财产|分割|履行|损害|赔偿|抚养|抚育|扶养|补偿|探望|债务|房产|析产))|"
    r"婚姻无效|撤销婚姻|亲子关系|收养关系"
)
_STATUS_TERMS = re.compile(
    r"解除婚姻关系|自愿离婚|同意离婚|确认.{0,12}(亲子|父子|母子|父女|母女)关系|"
    r"(解除|确认|成立).{0,6}收养关系|婚姻(关系)?无效"
)
# Art. 355(4) "涉及适用…破产程序审理的": words that show the bankruptcy proceedings
# themselves (企业破产法 art. 21: after a court accepts the petition; art. 7: 重整、和解、
# 破产清算; art. 13: the administrator; art. 72: 重整期间; art. 107: 宣告破产), as in the
# rules' `bankruptcy` route — not 破产 or 重整 alone (濒临破产, 资产重整, a petition not
# yet accepted).
BANKRUPTCY_WORDS = (
    r"受理(了)?破产申请|破产(清算|重整|和解|程序|管理人|债权|财产|撤销|抵销|取回)|"
    r"宣告(债务人)?破产|重整(期间|计划)"
)
_SPECIAL_WORDS = re.compile(
    r"宣告失踪|宣告死亡|无民事行为能力|限制民事行为能力|财产无主|选民资格|公示催告|"
    rf"支付令|督促程序|{BANKRUPTCY_WORDS}|强制清算|实现担保物权|人身安全保护令|撤销仲裁裁决"
)
# Art. 355(5): "调解协议内容涉及物权、知识产权确权的" — ownership, co-ownership, usufructs
# such as 土地承包经营权 and 宅基地使用权, security rights, and IP title.
_TITLE_CAUSE = re.compile(
    r"物权确认|所有权确认|共有权确认|用益物权确认|担保物权确认|"
    r"(土地)?承包经营权确认|宅基地使用权确认|权属纠纷|确权"
)
_TITLE_OBJECTS = (
    r"所有权|使用权|物权|产权|共有权|共有份额|共有|承包经营权|宅基地使用权|"
    r"专利权|商标权|著作权|知识产权"
)
_TITLE_TERMS = re.compile(
    rf"(确认|确定).{{0,20}}({_TITLE_OBJECTS})|"
    rf"({_TITLE_OBJECTS}).{{0,6}}(归|属于)|"
    r"(归|属于).{0,12}(共同共有|按份共有|共有)"
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
                    "The agreement confirms title to property (ownership, co-ownership, land "
                    "contractual management rights and other real rights) or to intellectual "
                    "property: courts do not accept it for confirmation (SPC interpretation "
                    "art. 355(5))."
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
            NotAccepted.OUTSIDE_REMIT,
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


# --- Art. 358: grounds on which a court dismisses an application ---------------------------


class DismissalGround(StrEnum):
    """SPC interpretation art. 358: the court dismisses the application when the agreement…"""

    MANDATORY_LAW = "mandatory_law"  # (一) 违反法律强制性规定
    HARMS_INTERESTS = "harms_interests"  # (二) 损害国家利益、社会公共利益、他人合法权益
    PUBLIC_ORDER = "public_order"  # (三) 违背公序良俗
    NOT_VOLUNTARY = "not_voluntary"  # (四) 违反自愿原则
    UNCLEAR = "unclear"  # (五) 内容不明确
    OTHER = "other"  # (六) 其他不能进行司法确认的情形


def dismissal_checklist() -> list[tuple[str, str]]:
    """Art. 358 as questions the clerk answers before filing: (code, question)."""
    return [
        (
            DismissalGround.MANDATORY_LAW,
            _("Does no term violate a mandatory provision of law (e.g. usurious interest)?"),
        ),
        (
            DismissalGround.HARMS_INTERESTS,
            _("Does it harm no state, public or third-party interest (no collusion)?"),
        ),
        (DismissalGround.PUBLIC_ORDER, _("Is it consistent with public order and good morals?")),
        (
            DismissalGround.NOT_VOLUNTARY,
            _("Did every party agree voluntarily, and sign or seal it themselves?"),
        ),
        (
            DismissalGround.UNCLEAR,
            _("Is every term definite: who pays or does what, how much, where and by when?"),
        ),
        (DismissalGround.OTHER, _("Is there no other reason it cannot be confirmed?")),
    ]


def ruling_ground_label(ground: str) -> str:
    """A ground of a ruling as the clerk reads and types it (民诉法解释 art. 358 (一)-(六)
    for a dismissal, art. 355 (二)-(五) and 民事诉讼法 art. 205's window for a refusal to
    accept); an unknown code as stored."""
    labels = {
        DismissalGround.MANDATORY_LAW: _("violates a mandatory provision of law"),
        DismissalGround.HARMS_INTERESTS: _("harms state, public or third-party interests"),
        DismissalGround.PUBLIC_ORDER: _("contrary to public order and good morals"),
        DismissalGround.NOT_VOLUNTARY: _("not voluntary"),
        DismissalGround.UNCLEAR: _("terms not definite"),
        DismissalGround.OTHER: _("other reason it cannot be confirmed"),
        NotAccepted.OUTSIDE_REMIT: _("not within the courts' remit"),
        NotAccepted.OUTSIDE_JURISDICTION: _("outside the court's jurisdiction"),
        NotAccepted.STATUS_RELATION: _("a status relation"),
        NotAccepted.SPECIAL_PROCEDURE: _("another special procedure"),
        NotAccepted.TITLE_CONFIRMATION: _("confirms title to property or IP"),
        NotAccepted.WINDOW_PASSED: _("filed after the 30-day window"),
    }
    return next((label for key, label in labels.items() if key.value == ground), ground)


# Where each ground is written (民诉法解释 (2022) arts. 355, 358 and 民事诉讼法 (2023) art. 205,
# read in LawRefBook/Laws): printed beside its label, never typed back.
RULING_GROUND_SOURCES: dict[str, str] = {
    DismissalGround.MANDATORY_LAW: "民诉法解释第三百五十八条第（一）项",
    DismissalGround.HARMS_INTERESTS: "民诉法解释第三百五十八条第（二）项",
    DismissalGround.PUBLIC_ORDER: "民诉法解释第三百五十八条第（三）项",
    DismissalGround.NOT_VOLUNTARY: "民诉法解释第三百五十八条第（四）项",
    DismissalGround.UNCLEAR: "民诉法解释第三百五十八条第（五）项",
    DismissalGround.OTHER: "民诉法解释第三百五十八条第（六）项",
    NotAccepted.OUTSIDE_REMIT: "民诉法解释第三百五十五条第（一）项",
    NotAccepted.OUTSIDE_JURISDICTION: "民诉法解释第三百五十五条第（二）项",
    NotAccepted.STATUS_RELATION: "民诉法解释第三百五十五条第（三）项",
    NotAccepted.SPECIAL_PROCEDURE: "民诉法解释第三百五十五条第（四）项",
    NotAccepted.TITLE_CONFIRMATION: "民诉法解释第三百五十五条第（五）项",
    NotAccepted.WINDOW_PASSED: "民事诉讼法第二百零五条",
}


def ruling_ground_source(ground: str) -> str:
    """A ground's label with where it is written: 不属于人民法院受理范围（民诉法解释第三百五十五
    条第（一）项）; an unknown code as stored."""
    source = RULING_GROUND_SOURCES.get(ground)
    label = ruling_ground_label(ground)
    return _("{label} ({source})").format(label=label, source=source) if source else label


def ruling_grounds_known(result: str) -> tuple[str, ...]:
    """The grounds a ruling may be recorded against: art. 358 for a dismissal, art. 355
    for a refusal to accept (or a dismissal on an art. 355 ground found after acceptance,
    art. 355 last paragraph)."""
    art_355 = tuple(g.value for g in NotAccepted if g is not NotAccepted.WINDOW_PASSED)
    if result == "dismissed":
        return tuple(g.value for g in DismissalGround) + art_355
    if result == "not_accepted":
        return (*art_355, NotAccepted.WINDOW_PASSED.value)
    return ()
