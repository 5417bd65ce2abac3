"""Closed sets of values: stored as codes, shown as labels, and accepted back as either.

What the tool prints, it accepts: each `Vocabulary` turns a word a clerk types — the stored
code (`routed`), its label in Chinese (`已分流`) or English (`routed`), or a usual synonym
(`已分流`, `分流`) — into the code, whatever the interface language; an unknown word is an
`UnknownChoice` that lists what is allowed. Commands use them through
`mediate.commands.common.choice_option`, so every command parses a status, a source… the
same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property

from mediate.domain import pauses
from mediate.domain.divisions import CITY_CODE, CITY_NAME, COUNTIES
from mediate.domain.kinds import (
    ClerkRole,
    Level,
    MediatorType,
    OrgKind,
    PartyKind,
    PartyRole,
    Source,
    enum_label,
)
from mediate.domain.performance import REPORTED_KINDS, performance_label
from mediate.domain.status import (
    ConfirmationStatus,
    FollowUp,
    Status,
    follow_up_label,
    status_label,
)
from mediate.errors import BadOptionValue, MediateError, shown
from mediate.i18n import LANGUAGES, _, current_language, in_language, pgettext


class UnknownChoice(MediateError):
    """A word that is not in a closed set of values: a usage error (exit 2)."""

    exit_code = 2

    def __init__(self, vocabulary: Vocabulary, text: str) -> None:
        self.vocabulary = vocabulary
        self.text = text
        super().__init__(
            _("'{value}' is not a valid {what}; use one of: {allowed}.").format(
                value=shown(text), what=vocabulary.what(), allowed=vocabulary.allowed()
            )
        )


class ChoiceElsewhere(UnknownChoice):
    """A word of a code the set knows but does not take (`Vocabulary.elsewhere`): a usage
    error (exit 2) saying where it is done and what the set takes."""

    def __init__(self, vocabulary: Vocabulary, text: str, code: str) -> None:
        MediateError.__init__(
            self,
            _("'{value}' is {label}: {where} Use one of: {allowed}.").format(
                value=shown(text),
                label=vocabulary.label(code),
                where=vocabulary.elsewhere[code](),
                allowed=vocabulary.allowed(),
            ),
        )
        self.vocabulary = vocabulary
        self.text = text


def normalise(text: str) -> str:
    """The form words are compared in: full-width folded, case and separators ignored."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s_\-]+", "_", folded)


# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_LABEL_HEAD = r"(.+?)\(.*\)"  # in normalised form: full-width brackets folded
_PRINTED = r"(.+)\(([^()]+)\)"  # `label (code)`, the code in the last bracket


@dataclass(frozen=True, eq=False)
class Vocabulary:
    what: Callable[[], str]
    """The name of the set, in the interface language ("status")."""
    codes: tuple[str, ...]
    label: Callable[[str], str]
    """A code's label in the current interface language."""
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Other words clerks use for a code (e.g. the short Chinese form)."""
    elsewhere: Mapping[str, Callable[[], str]] = field(default_factory=dict)
    """Codes of the set that its option does not take, each with where it is done instead
    (a credit report is `mediate credit report`, not an outcome's follow-up): their words
    are known and labelled, so a clerk who types one is told where it goes, and they are
    left out of the values an error lists."""

    @cached_property
    def _words(self) -> dict[str, str]:
        words: dict[str, str] = {}
        for code in self.codes:
            names = [code, *self.aliases.get(code, ())]
            for language in LANGUAGES:
                with in_language(language):
                    names.append(self.label(code))
            for name in names:
                words.setdefault(normalise(name), code)
        # A label's head before its bracket (法院委派 of 法院委派（立案前）) names its code
        # too, unless it is a word of another code or the head of two labels.
        heads: dict[str, set[str]] = {}
        for code in self.codes:
            for language in LANGUAGES:
                with in_language(language):
                    head = re.fullmatch(_LABEL_HEAD, normalise(self.label(code)))
                if head is not None:
                    heads.setdefault(head[1].strip("_"), set()).add(code)
        for head_word, owners in heads.items():
            if len(owners) == 1 and head_word:
                words.setdefault(head_word, owners.pop())
        return words

    def find(self, text: str) -> str | None:
        """The code `text` names, or None. A value as `allowed` prints it, `label（code）`
        or `label (code)`, names its code when label and code agree: what an error lists is
        accepted back as typed."""
        word = normalise(text)
        code = self._words.get(word)
        if code is None and (printed := re.fullmatch(_PRINTED, word)) is not None:
            label, named = printed[1].strip("_"), self._words.get(printed[2].strip("_"))
            if named is not None and self._words.get(label) == named:
                code = named
        return code

    def parse(self, text: str) -> str:
        """The code `text` names; UnknownChoice listing the allowed words if none."""
        code = self.find(text)
        if code is None:
            raise UnknownChoice(self, text)
        if code in self.elsewhere:
            raise ChoiceElsewhere(self, text, code)
        return code

    def parse_option(self, text: str, option: str) -> str:
        """The code `text` names, given to `option` (`--type`): a word not in the set is a
        usage error (exit 2) naming the option and listing the allowed words."""
        code = self.find(text)
        if code is None:
            raise BadOptionValue(option, str(UnknownChoice(self, text)))
        return code

    def parse_all(self, texts: Iterable[str]) -> list[str]:
        return [self.parse(text) for text in texts]

    def allowed(self) -> str:
        """Every value as `label (code)`, in the interface language."""
        return _(", ").join(
            _("{label} ({code})").format(label=self.label(code), code=code)
            if self.label(code) != code
            else code
            for code in self.codes
            if code not in self.elsewhere
        )


def _codes(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _enum_label(enum: type[StrEnum]) -> Callable[[str], str]:
    return lambda code: enum_label(enum, code)


def _table(labels: Callable[[], Mapping[str, str]]) -> Callable[[str], str]:
    """A code's label from `labels`, built in the interface language when first asked in
    it and kept (a table of 261 bodies asks once a row: building the dict each time was a
    tenth of `org list`); a StrEnum member is its code as a key; a code without a label
    shows as stored."""
    built: dict[str, Mapping[str, str]] = {}

    def label(code: str) -> str:
        language = current_language()
        found = built.get(language)
        if found is None:
            found = built[language] = labels()
        return found.get(code, code)

    return label


org_kind_label = _table(
    lambda: {
        OrgKind.COUNTY_CENTER: _("county court mediation centre"),
        OrgKind.TOWNSHIP_CENTER: _("township dispute centre"),
        OrgKind.VILLAGE_ROOM: _("village mediation room"),
        OrgKind.PROFESSIONAL: _("professional mediation body"),
        OrgKind.NON_LITIGATION_CENTER: _("non-litigation service centre"),
        OrgKind.FINANCE_COMMITTEE: _("financial disputes committee"),
        OrgKind.CREDIT_COMMITTEE: _("enterprise credit disputes committee"),
        OrgKind.IP_COMMITTEE: _("intellectual property disputes committee"),
        OrgKind.PRICE_MEDIATION: _("price dispute mediation"),
        OrgKind.ADMIN_DISPUTE_CENTER: _("administrative dispute centre"),
        OrgKind.INDUSTRY_MEDIATION: _("industry mediation"),
        OrgKind.COURT: _("court"),
    }
)

level_label = _table(
    lambda: {
        Level.CITY: _("city"),
        Level.COUNTY: _("county"),
        Level.TOWNSHIP: _("township"),
        Level.VILLAGE: _("village"),
    }
)

mediator_type_label = _table(
    lambda: {
        MediatorType.INVITED: _("invited mediator"),
        MediatorType.LAWYER: _("lawyer mediator"),
        MediatorType.EXPERT: _("expert mediator"),
        MediatorType.PEOPLE: _("people's mediator"),
        MediatorType.ARBITRATOR: _("arbitrator"),
        MediatorType.NOTARY: _("notary"),
    }
)

# A professional body's field. The network may name others: they show as stored.
field_label = _table(
    lambda: {
        "traffic": _("road traffic"),
        "medical": _("medical"),
        "labour": _("labour and personnel"),
        "property": _("property management"),
        "family": _("marriage and family"),
        "consumer": _("consumer"),
    }
)

clerk_role_label = _table(
    lambda: {
        ClerkRole.CLERK: _("clerk"),
        ClerkRole.SUPERVISOR: _("supervisor"),
        ClerkRole.ADMIN: _("administrator"),
    }
)


OUTCOMES = ("settled", "failed", "withdrawn")

CASE_STATUS = Vocabulary(
    lambda: _("case status"),
    _codes(Status),
    status_label,
    {
        "registered": ("登记", "已登记", "新收"),
        "routed": ("分流", "已分流"),
        "assigned": ("已指派调解员", "指派", "已分派"),
        "in_mediation": ("调解中", "正在调解"),
        "settled": ("调解成功", "已调解成功", "成功", "已成功", "达成协议", "已达成协议"),
        "failed": ("调解不成", "调解失败", "失败", "不成", "调解未成功", "未达成协议"),
        "withdrawn": ("撤回", "已撤回", "撤销"),
        "transferred": ("移送", "已移送", "已移送其他调解组织"),
    },
)

CONFIRMATION_STATUS = Vocabulary(
    lambda: _("confirmation state"),
    _codes(ConfirmationStatus),
    status_label,
    {
        "drafted": ("申请书已生成", "已起草", "起草"),
        "filed": ("已提交", "提交", "已递交", "已向法院提交"),
        "confirmed": ("已确认", "确认", "确认有效", "裁定有效"),
        "dismissed": ("驳回", "已驳回", "裁定驳回"),
        "not_accepted": ("不予受理", "未受理"),
    },
)

CONFIRMATION_RESULT = replace(
    CONFIRMATION_STATUS,
    # `confirm record` takes what the court did; the application is drafted by `request`
    elsewhere={
        "drafted": lambda: _(
            "the application is drafted by `mediate confirm request`; `confirm record` "
            "records what the court did."
        )
    },
)
"""What `confirm record` takes: a confirmation's states but the drafted application."""

OUTCOME = Vocabulary(
    lambda: _("outcome"),
    OUTCOMES,
    status_label,
    {
        "settled": ("success", "成功", "调解成功", "已调解成功", "达成协议", "已达成协议"),
        "failed": ("failure", "失败", "调解不成", "调解失败", "不成", "调解未成功", "未达成协议"),
        "withdrawn": ("withdraw", "撤回", "已撤回"),
    },
)

FOLLOW_UP = Vocabulary(
    lambda: _("follow-up"),
    _codes(FollowUp),
    follow_up_label,
    {
        "returned_to_court": ("退回法院立案", "退回法院审理", "退回", "回法院"),
        "credit_report": ("报送征信", "征信", "信用报送"),
        "parties_informed": ("告知当事人", "告知", "告知其他途径"),
    },
    # 征信业管理条例 arts. 23, 25: a report to the credit agencies is its own decision, with
    # its legal basis, never a by-product of closing a case (domain/status.follow_ups_for).
    elsewhere={
        FollowUp.CREDIT_REPORT.value: lambda: _(
            "a credit report is its own decision, with its legal basis: after the outcome, "
            "run `mediate credit report CASE --basis …`."
        )
    },
)
"""Every follow-up (the history labels them); `outcome --follow-up` takes all but a credit
report."""

SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    # Court systems call a pre-filing referral 诉前调解 (the audit of 2026-12 found the
    # word refused); since 2025 a court files first and entrusts (诉中, 立案后), DOMAIN.md §3.
    "court_delegated": ("委派", "委派调解", "诉前委派", "诉前委派调解", "诉前调解", "诉前调"),
    "court_entrusted": (
        "委托",
        "委托调解",
        "诉中委托",
        "诉中委托调解",
        "诉中调解",
        "立案后委托",
        "立案后委托调解",
    ),
    "self_accepted": ("自行受理", "自受", "当事人申请", "申请", "主动受理", "群众来访"),
    "petition": ("信访", "信访转办", "信访移送"),
    # DOMAIN.md §3: pre-filing referrals from 综治中心 and 12345 hotlines.
    "transferred": ("移送", "移交", "转办", "12345", "12345热线", "综治中心移送", "综治中心"),
}
"""How clerks and court spreadsheets name a source (also read by the import)."""

SOURCE = Vocabulary(lambda: _("source"), _codes(Source), _enum_label(Source), SOURCE_WORDS)

DEFAULT_DEADLINE = "default"
"""The key of a rules file's `deadlines` for every source it does not name."""


def _deadline_source_label(code: str) -> str:
    return _("any other source") if code == DEFAULT_DEADLINE else SOURCE.label(code)


DEADLINE_SOURCE = Vocabulary(
    lambda: _("source"),
    (*_codes(Source), DEFAULT_DEADLINE),
    _deadline_source_label,
    SOURCE_WORDS,
)
"""The keys of a rules file's `deadlines`: a source, or `default`. `rules show` prints them
by label, and the rules loader takes the label back as the key."""


def condition_value_label(op: str, code: str) -> str:
    """A tag, a source or a procedure a rule's condition names, as the clerk reads it (and
    types it back: the rules loader takes the label for the code)."""
    if op == "tags":
        return tag_label(code)
    table = SOURCE if op == "source" else PROCEDURE
    return table.label(code) if code in table.codes else code


PARTY_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "person": ("自然人", "个人", "公民"),
    # 个体工商户 (and 个体户, as clerks write it) is stored as enterprise with its 经营者:
    # domain/parties.py OPERATOR (民诉法解释 art. 59)
    "enterprise": ("企业", "公司", "法人", "个体工商户", "个体户", "其他组织"),
    "institution": ("事业单位", "社会组织", "社会团体"),
    "government": ("行政机关", "机关", "政府"),
}
"""How clerks and court spreadsheets name a kind of party (also read by the import)."""

PARTY_KIND = Vocabulary(
    lambda: _("kind of party"), _codes(PartyKind), _enum_label(PartyKind), PARTY_KIND_WORDS
)

PARTY_ROLE = Vocabulary(
    lambda: _("party role"),
    _codes(PartyRole),
    _enum_label(PartyRole),
    {"applicant": ("申请方",), "respondent": ("被申请方", "对方"), "third_party": ("第三方",)},
)

ORG_KIND = Vocabulary(lambda: _("kind of body"), _codes(OrgKind), org_kind_label)

# 小额诉讼 is a form of the summary procedure: 民事诉讼法 (2023) art. 165 stands in ch. 13
# 简易程序 (read in LawRefBook), so an entrusted small-claims case has the summary
# procedure's 7 days (特邀调解规定 art. 27). Court sheets write it in its own words (the
# second audit, 2026-12-02, found a row with 小额诉讼程序 rejected).
SMALL_CLAIMS_WORDS = (
    "小额诉讼程序",
    "小额诉讼的程序",
    "小额诉讼",
    "小额程序",
    "简易程序（小额诉讼）",
)

PROCEDURE = Vocabulary(
    lambda: _("procedure"),
    ("ordinary", "summary"),
    _table(lambda: {"ordinary": _("ordinary procedure"), "summary": _("summary procedure")}),
    {"ordinary": ("普通", "普通程序"), "summary": ("简易", "简易程序", *SMALL_CLAIMS_WORDS)},
)
"""The procedure of a court-entrusted case (its deadline: domain/deadlines.policy_for), as
an import, `case add` and `case edit` read it (intake/validate.parse_procedure)."""

DEADLINE_UNIT = Vocabulary(
    lambda: _("time limit counted in"),
    ("days", "workdays"),
    _table(lambda: {"days": _("calendar days"), "workdays": _("working days")}),
    {"days": ("日", "天"), "workdays": ("工作日",)},
)
"""The unit a case's time limit is counted in (domain/deadlines.due_date), as history and
exports print a case's `deadline_unit`."""

PAUSE_REASON = Vocabulary(
    lambda: _("reason for a pause"),
    pauses.REASONS,
    pauses.reason_label,
    {pauses.APPRAISAL: ("鉴定", "医疗损害鉴定", "assessment", "expert assessment")},
)
"""Why a case's time limit stops running (`case pause --reason`; domain/pauses.py: 鉴定,
医疗纠纷预防和处理条例 art. 38), as the option takes it and history prints it."""

FIELD = Vocabulary(
    lambda: _("professional field"),
    ("traffic", "medical", "labour", "property", "family", "consumer"),
    field_label,
    {"traffic": ("交通", "交通事故"), "medical": ("医疗", "医患"), "labour": ("劳动", "劳动争议")},
)
"""The fields of the bundled network's professional bodies (an open set: `find` first)."""

# A party's industry (Party.industry; a rule's `party: {industry: …}`): the industries the
# rules and the tool test, stored as codes. Others are kept as written and show as stored.
# finance: a financial institution party (routing/causes.financial_party; 民间借贷规定
# art. 1 leaves loans by financial institutions out of 民间借贷, rules/jiaozuo.yaml).
industry_label = _table(lambda: {"finance": pgettext("industry", "finance")})

INDUSTRY = Vocabulary(
    lambda: _("industry"),
    ("finance",),
    industry_label,
    {"finance": ("金融业", "金融机构")},
)
"""Industries by code, label or usual word (an open set: `find` first, `industry_code`)."""


def industry_code(text: str | None) -> str | None:
    """A party's industry as stored: a known one by its code, whatever word names it (金融,
    as `case show` and `rules explain` print it); any other as written."""
    if text is None:
        return None
    return INDUSTRY.find(text) or text


LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "city": ("市",),
    "county": ("县", "区", "县(区)", "县区", "县(区)级"),
    "township": ("乡镇", "乡", "镇", "街道", "乡镇级", "街道级", "乡镇(街道)"),
    "village": ("村", "社区", "村级", "社区级", "村(社区)"),
}
"""A level as clerks write it short (层级=村 in an org file: review of 2026-12-03)."""

LEVEL = Vocabulary(lambda: _("level"), _codes(Level), level_label, LEVEL_WORDS)

MEDIATOR_TYPE = Vocabulary(
    lambda: _("mediator type"),
    _codes(MediatorType),
    mediator_type_label,
    {
        "invited": ("特邀", "特邀调解员"),
        "lawyer": ("律师", "律师调解员"),
        "expert": ("专家", "专家调解员"),
        "people": ("人民", "人民调解员", "人民调解"),
        "arbitrator": ("仲裁",),
        "notary": ("公证",),
    },
)

CLERK_ROLE = Vocabulary(lambda: _("clerk role"), _codes(ClerkRole), clerk_role_label)

PERFORMANCE_REPORT = Vocabulary(
    lambda: _("performance report"),
    tuple(kind.value for kind in REPORTED_KINDS),
    performance_label,
    {
        "done": ("已履行", "履行完毕"),
        "partial": ("partly", "部分履行"),
        "none": ("not", "未履行"),
        "enforcement": ("enforce", "申请执行", "强制执行", "申请强制执行"),
    },
)
"""What `mediate performance KIND` records, by code, label or the usual Chinese word."""

# The clerk's tags the tool acts on (an open set: any other word is kept as typed). The
# routing rules test not_mediable, administrative, price_dispute, the credit tags (seed item
# 18: 恶意逃废债务、合同欺诈、拖欠货款或服务费; domain/credit.py CREDIT_TAGS) and
# cross_village (rules/jiaozuo.yaml); judicial confirmation tests the dispute classes and
# the listings of domain/confirmation.py (dispute_class, securities_court_for).
tag_label = _table(
    lambda: {
        "not_mediable": _("not mediable"),
        "administrative": _("administrative dispute"),
        "price_dispute": _("price dispute"),
        "debt_evasion": _("malicious evasion of debts"),
        "contract_fraud": _("contract fraud"),
        "unpaid_debt": _("unpaid price of goods or services"),
        "cross_village": _("dispute across villages"),
        "ip_technical": _("technical intellectual property"),
        "ip_design": _("design patent or well-known mark"),
        "ip_other": _("other intellectual property"),
        "maritime": _("maritime dispute"),
        "foreign_related": _("foreign-related dispute"),
        "securities_misstatement": _("securities misstatement"),
        "star_market": _("listed on the STAR market"),
        "neeq_select": _("quoted on the NEEQ select tier"),
    }
)

TAG = Vocabulary(
    lambda: _("tag"),
    (
        "not_mediable",
        "administrative",
        "price_dispute",
        "debt_evasion",
        "contract_fraud",
        "unpaid_debt",
        "cross_village",
        "ip_technical",
        "ip_design",
        "ip_other",
        "maritime",
        "foreign_related",
        "securities_misstatement",
        "star_market",
        "neeq_select",
    ),
    tag_label,
    {
        "not_mediable": ("不得调解",),
        "price_dispute": ("价格纠纷",),
        # 逃废债 is the usual short form of 逃废债务 (seed item 18's 恶意逃废债务); no other
        # tag is about evading debts, so it names this one alone
        "debt_evasion": ("逃废债务", "逃废债", "恶意逃废债"),
        "unpaid_debt": ("拖欠货款", "拖欠服务费"),
        "cross_village": ("跨村",),
        "foreign_related": ("涉港澳台",),
        "star_market": ("科创板",),
        "neeq_select": ("精选层", "新三板精选层"),
    },
)
"""The tags the tool knows, by code, label or the usual Chinese word (`tag_codes`)."""


def tag_codes(words: Iterable[str]) -> list[str]:
    """The tags a clerk typed, stored as codes: a known tag by its code, its label (as
    `rules explain` and `case show` print it) or a usual word; any other word as typed."""
    return [TAG.find(word) or word for word in words]


ALL: dict[str, Vocabulary] = {
    "case_status": CASE_STATUS,
    "confirmation_status": CONFIRMATION_STATUS,
    "outcome": OUTCOME,
    "follow_up": FOLLOW_UP,
    "source": SOURCE,
    "party_kind": PARTY_KIND,
    "party_role": PARTY_ROLE,
    "org_kind": ORG_KIND,
    "level": LEVEL,
    "procedure": PROCEDURE,
    "mediator_type": MEDIATOR_TYPE,
    "clerk_role": CLERK_ROLE,
    "performance_report": PERFORMANCE_REPORT,
    "tag": TAG,
    "industry": INDUSTRY,
}
"""Every closed set, by name (tests check each accepts back every label it prints)."""


def _county_label(code: str) -> str:
    return COUNTIES.get(code, CITY_NAME)


def _county_aliases() -> dict[str, tuple[str, ...]]:
    """Every form a county is printed or typed in: its short name (解放), and its full
    name under the city (焦作市解放区, as `org show` and the division table print it), so
    a label the tool prints is accepted back by every --county option."""
    forms: dict[str, tuple[str, ...]] = {}
    for code, name in COUNTIES.items():
        short = (name[:-1],) if len(name) > 2 and name[-1] in "区县市" else ()
        full = () if name.startswith(CITY_NAME[:2]) else (CITY_NAME + name,)
        forms[code] = (*short, *full)
    return {**forms, CITY_CODE: ("市本级", "焦作市(市本级)", "焦作")}


COUNTY = Vocabulary(
    lambda: _("county or district"), (*COUNTIES, CITY_CODE), _county_label, _county_aliases()
)
"""A county-level division of Jiaozuo (or the city itself), by code or name."""

ALL["county"] = COUNTY
