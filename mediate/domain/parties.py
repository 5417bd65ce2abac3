"""Who speaks for a party: 法定代理人 of a minor, 负责人 of a branch, 法定代表人 otherwise.

- 民法典 art. 17: a person of eighteen is an adult; art. 23: the guardian of a person
  without or with limited civil capacity is their 法定代理人, who acts for them in the
  application and signs the agreement (民事诉讼法 art. 60).
- A branch (分公司, 分行, 支行, 支公司) is not a legal person (民法典 art. 74; 公司法 art. 13):
  it appears through its 负责人, not a 法定代表人 (民诉法解释 art. 50(1) names both).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from mediate.domain.kinds import PartyKind
from mediate.i18n import _

ADULT_AGE = 18  # 民法典 art. 17
BRANCH_SUFFIXES = ("分公司", "分行", "支行", "支公司")
LEGAL_REPRESENTATIVE = "法定代表人"
PRINCIPAL = "负责人"
# 民诉法解释 (2022) art. 59 (read in LawRefBook/Laws at 2f4c5c2): "个体工商户以营业执照上登记
# 的经营者为当事人。有字号的，以营业执照上登记的字号为当事人，但应同时注明该字号经营者的基本
# 信息". A 个体工商户 is stored as kind enterprise (domain/vocabulary.py PARTY_KIND_WORDS)
# with OPERATOR as its representative's title: legal_rep holds the 经营者's name, and its
# id_number is its credit code or, when it has none on record, the operator's resident ID.
OPERATOR = "经营者"


ORGANISATION_KINDS: tuple[str, ...] = tuple(k.value for k in PartyKind if k.is_entity)
"""The party kinds that are organisations (企业, 事业单位、社会组织, 行政机关): every kind of the
vocabulary but a natural person. Python (`is_organisation`) and SQL (`reports.queries`)
both read this one list, so an unknown or missing kind is no organisation in either."""


def is_organisation(kind: object) -> bool:
    """Whether a party of this kind (a `PartyKind` or its stored code) is an organisation."""
    return str(getattr(kind, "value", kind)) in ORGANISATION_KINDS


def organisation_respondent(parties: Iterable[Any]) -> bool:
    """Whether a respondent among `parties` is an organisation: the issuer a credit report
    names."""
    return any(p.role == "respondent" and is_organisation(p.kind) for p in parties)


# A 个体工商户 is in law a natural person trading under registration (民法典 art. 54), sued as
# its registered operator or its 字号 (民诉法解释 (2022) art. 59); with employees it is the
# 个体经济组织 that 劳动法 art. 2 and 劳动合同法 art. 2 name as 用人单位 (all read in
# LawRefBook/Laws at 2f4c5c2). That the 个体经济组织 is the 个体工商户 is 劳部发〔1995〕309号
# item 1, read in reprints of the opinion's text (m.lawtime.cn, a traditional-character 法规库
# copy; not the 劳动部's own publication): "劳动法第二条中的'个体经济组织'是指一般雇工在七人以下
# 的个体工商户", and item 2: between 企业、个体经济组织 and the worker, "只要形成劳动关系……适用
# 劳动法". No head count is used here: "一般" sets no ceiling, and 劳动合同法 art. 2 names the
# 个体经济组织 without one (data/PROVENANCE.md, "The sixth check").
# Entered as a person, its name says so (张三（个体工商户）):
# rules/jiaozuo.yaml reads these words through its party test `trade_name` (set
# employer-respondent), the causes report's SQL through reports.queries — one list.
# 个体经营户/个体经营者: the same registered trader in the words clerks and court exports
# also write (the fifth review, 2026-12-02).
SOLE_TRADER_WORDS: tuple[str, ...] = ("个体工商户", "个体户", "个体经营户", "个体经营者")

# A 字号 written as the party (民诉法解释 (2022) art. 59 "有字号的，以营业执照上登记的字号为当事
# 人，但应同时注明该字号经营者的基本信息", read in LawRefBook/Laws at 2f4c5c2): a person's
# name that reads as a trading name, 焦作市解放区老钱烧烤店 entered as 自然人. A registered
# name is 行政区划、字号、行业或者经营特点、组织形式 and its 字号 has two characters or more
# (企业名称登记管理规定 (2020) arts. 6, 8, read there, which its art. 25 applies to 个体工商户
# "参照"; the 个体工商户's own name measures are not in LawRefBook: data/PROVENANCE.md, 字号 as
# a party). So a trading name ends in its
# 组织形式 or a trade's word with at least two characters before it:
# - TRADE_NAME_FORMS end it at any such length: no Han personal name ends in 超市 or 经营部
#   (老王面馆, 阿强车行 have four characters); 中心 does only after a compound surname
#   (欧阳中心: NAME_LIKE_FORMS below);
# - TRADE_NAME_SHORT_FORMS are single characters that given names do use (李德行, 王金店, 张铺):
#   they count only in a name of TRADE_NAME_SHORT_MIN characters or more — a Han name has
#   at most four (欧阳志行), and a name with the separator · (a transliterated name) never
#   counts. What is missed is told to no one: the clerk records the kind.
TRADE_NAME_FORMS: tuple[str, ...] = (
    "超市",
    "商行",
    "车行",
    "商店",
    "饭店",
    "酒店",
    "药店",
    "便利店",
    "面馆",
    "饭馆",
    "餐馆",
    "酒馆",
    "茶馆",
    "宾馆",
    "旅馆",
    "经营部",
    "门市部",
    "服务部",
    "批发部",
    "小卖部",
    "门诊部",
    "门市",
    "诊所",
    "药房",
    "卫生室",
    "工作室",
    "中心",
    "作坊",
    "商铺",
    "店铺",
    "加工厂",
    "修理厂",
    "农家乐",
    # rural trades (the review of 2026-12-02: 红星养殖场, 李庄砖厂, 老李粮店, 兴旺米店,
    # 大众美容院, 张记烩面, 老王烧烤 were missed); no Han given name ends in one of these
    "养殖场",
    "养殖户",
    "砖厂",
    "砖瓦厂",
    "粮店",
    "米店",
    "面店",
    "美容院",
    "理发店",
    "烧烤",
    "烩面",
)
# 场 (养猪场, 农场) and 院 (美容院, 照相院) only in a name longer than a Han personal name
TRADE_NAME_SHORT_FORMS: tuple[str, ...] = ("店", "馆", "厂", "行", "坊", "铺", "部", "场", "院")
TRADE_NAME_SHORT_MIN = 5
TRADE_NAME_STEM = 2  # 企业名称登记管理规定 art. 8: 字号应当由两个以上汉字组成
# A compound surname (复姓) and a two-character given name make a four-character name that
# is also a two-character 字号 and a form: the "字号" is then the whole surname and the
# "form" the whole given name. That is ambiguous only when the form could itself be a given
# name (NAME_LIKE_FORMS: 欧阳中心 reads as a person); 超市, 商店, 饭店, 酒店, 商行, 药房, 门市…
# are never given names, so 东方超市, 西门饭店, 百里商行 stay 字号 (the review of 2026-12-02
# found them read as people). A single surname cannot make the ambiguity (张中心 has a stem
# of one character). Such a name is a person's unless another signal says it trades (the
# words of SOLE_TRADER_WORDS, a kind, a longer name with a 行政区划): the clerk records the
# kind, and what is missed is told to no one, as with the short forms. The compound
# surnames of 《百家姓》 (its closing section, from 万俟 to 第五), as the text reads at
# daichangya/chinese-poetry-md@7c606eb `poems/yi-ming/bai-jia-xing.md`, split into surnames
# where independent public surname lists agree (data/PROVENANCE.md, 字号 as a party).
COMPOUND_SURNAMES: tuple[str, ...] = (
    "万俟", "司马", "上官", "欧阳", "夏侯", "诸葛", "闻人", "东方", "赫连", "皇甫",
    "尉迟", "公羊", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠",
    "公孙", "仲孙", "轩辕", "令狐", "钟离", "宇文", "长孙", "慕容", "鲜于", "闾丘",
    "司徒", "司空", "亓官", "司寇", "子车", "颛孙", "端木", "巫马", "公西", "漆雕",
    "乐正", "壤驷", "公良", "拓跋", "夹谷", "宰父", "谷梁", "段干", "百里", "东郭",
    "南门", "呼延", "羊舌", "微生", "梁丘", "左丘", "东门", "西门", "南宫", "第五",
)  # fmt: skip
COMPOUND_SURNAME_NAME = 4  # a compound surname and a given name of two characters
# The TRADE_NAME_FORMS that are also ordinary given names (the project's reading, not a
# statute's: data/PROVENANCE.md): only after a compound surname do they make a person's name.
NAME_LIKE_FORMS: tuple[str, ...] = ("中心",)
TRANSLITERATION_DOT = "·"
_TRADE_NAME_LAST = frozenset(form[-1] for form in (*TRADE_NAME_FORMS, *TRADE_NAME_SHORT_FORMS))


def is_compound_surname_name(name: str) -> bool:
    """Whether a name is a compound surname and a given name that is also a form (欧阳中心:
    COMPOUND_SURNAMES, NAME_LIKE_FORMS) — a person's, not 东方超市."""
    return (
        len(name) == COMPOUND_SURNAME_NAME
        and name[:2] in COMPOUND_SURNAMES
        and name.endswith(NAME_LIKE_FORMS)
    )


def is_trade_name(name: str) -> bool:
    """Whether a name reads as a trading name (民诉法解释 art. 59 字号): 焦作市解放区老钱烧烤店,
    老王面馆, 红星超市, 东方超市 — not 李德行, 王金店, 欧阳志行, 欧阳中心. reports.queries builds
    the same test in SQL from the same lists."""
    name = name.strip()
    if name[-1:] not in _TRADE_NAME_LAST or TRANSLITERATION_DOT in name:
        return False  # nearly every name: one look-up (an import checks each person)
    if is_compound_surname_name(name):
        return False  # 欧阳中心: a compound surname and a given name (NAME_LIKE_FORMS)
    if any(name.endswith(f) and len(name) >= len(f) + TRADE_NAME_STEM for f in TRADE_NAME_FORMS):
        return True
    return len(name) >= TRADE_NAME_SHORT_MIN and name.endswith(TRADE_NAME_SHORT_FORMS)


def trades_by_name(name: str) -> bool:
    """A person's name that says he trades: 张三（个体工商户）, or a 字号 (`is_trade_name`)."""
    return any(word in name for word in SOLE_TRADER_WORDS) or is_trade_name(name)


def is_employer(kind: object, name: str) -> bool:
    """Whether a party can be an employer (用人单位: 劳动法 art. 2, 劳动合同法 art. 2,
    劳动争议调解仲裁法 art. 2): an organisation, or a 个体工商户 entered as a person (by the
    words or a 字号). Any other natural person is none (劳动争议解释（一） (2020) art.
    2(4)-(6))."""
    return is_organisation(kind) or trades_by_name(name)


def employer_respondent(parties: Iterable[Any]) -> bool:
    """Whether a respondent among `parties` can be the employer a wage dispute needs: a
    个体工商户 by name (the words or a 字号), or an organisation (`is_employer`). A guarantor
    (担保公司) sued beside a respondent that can be the employer is its surety (民法典 arts.
    681, 688), and that other one is the employer; beside none (alone, or with a private
    person such as a 包工头) the guarantee company is the only one that can be the worker's
    employer, and is not dropped (the review of 2026-12-02 reversed the fifth review, which
    had dropped it whenever two were sued). Either way an employer is there exactly when
    some respondent can be one: rules/jiaozuo.yaml employer-respondent, the same test."""
    return any(is_employer(p.kind, p.name) for p in parties if p.role == "respondent")


def is_sole_trader(kind: object, name: str) -> bool:
    """A natural person entered with a name that says he trades (张三（个体工商户）, or a
    字号 such as 焦作市解放区老钱烧烤店: 民诉法解释 art. 59)."""
    return str(getattr(kind, "value", kind)) == "person" and trades_by_name(name)


def trade_name_warnings(parties: Iterable[Any]) -> list[str]:
    """A warning for each natural person whose name reads as a 字号 (`is_trade_name`): such a
    party is a 个体工商户, recorded with that kind and its operator's particulars (民诉法解释
    (2022) art. 59: the 字号 is the party, "但应同时注明该字号经营者的基本信息")."""
    return [
        _(
            "{name} is entered as a natural person but its name reads as a trade name "
            "(字号): if it is a 个体工商户, record its kind as 个体工商户 and the operator's "
            "name, ID number and address (民诉法解释 art. 59)"
        ).format(name=p.name)
        for p in parties
        if str(getattr(p.kind, "value", p.kind)) == "person" and is_trade_name(p.name)
    ]


def labour_parties(parties: Iterable[Any]) -> bool:
    """Whether the parties are those of a labour dispute: a worker (劳动者) claims from an
    employer (用人单位). 劳动争议调解仲裁法 art. 2 "用人单位与劳动者发生的下列劳动争议"; 劳动法
    art. 2 and 劳动合同法 art. 2 name the 用人单位 and the 劳动者 who works for it (read in
    LawRefBook/Laws at 2f4c5c2). The worker is a natural person who is not himself a trader
    (a company, or a 个体工商户, claiming wages it advanced is no 劳动者); the employer is an
    organisation or a 个体工商户 (`is_employer`). One reading for every use: rules/jiaozuo.yaml
    (sets worker-applicant and employer-respondent: some applicant is a person, no applicant
    is a person trading by name, some respondent is an employer — this test, word for word),
    the arbitration advice (domain.confirmation.arbitration_first), the papers' cause
    (routing.causes.official_cause) and the causes report's SQL (reports.queries)."""
    parties = list(parties)
    applicants = [p for p in parties if p.role == "applicant"]
    worker = any(str(getattr(p.kind, "value", p.kind)) == "person" for p in applicants)
    trader = any(is_sole_trader(p.kind, p.name) for p in applicants)
    return worker and not trader and employer_respondent(parties)


def is_branch(name: str) -> bool:
    """A branch by its registered name: 某银行焦作分行, 某保险公司焦作中心支公司."""
    stem = name.strip().rstrip("）)")
    return any(stem.endswith(suffix) for suffix in BRANCH_SUFFIXES)


def representative_title(name: str, legal_rep_title: str | None) -> str:
    """法定代表人, or 负责人 for a branch or when the clerk said so (DESIGN §3.1), or 经营者
    for a 个体工商户 (民诉法解释 art. 59: `is_registered_trader`)."""
    title = (legal_rep_title or "").strip()
    if title == OPERATOR:
        return OPERATOR
    if title == PRINCIPAL or is_branch(name):
        return PRINCIPAL
    return LEGAL_REPRESENTATIVE


def kind_label(kind: object, legal_rep_title: str | None) -> str | None:
    """个体工商户 for a party recorded as one (`is_registered_trader`), else None (the kind's
    own label): how case show names it, and what the clerk may type back as its kind."""
    return _("sole trader") if is_registered_trader(kind, legal_rep_title) else None


def kind_text(kind: object, legal_rep_title: object) -> str:
    """A party's kind as the clerk reads it (case edit's change table, case history): 个体工
    商户 for one recorded with its 经营者 (`kind_label`), else the kind's own label; "" for
    no kind."""
    from mediate.domain.events import value_label

    if kind is None:
        return ""
    title = legal_rep_title if isinstance(legal_rep_title, str) else None
    return kind_label(kind, title) or value_label("kind", kind)


@dataclass(frozen=True)
class TraderFlip:
    """A party made (or unmade) a 个体工商户 by a change of its stored title to (or from)
    经营者 (`OPERATOR`, 民诉法解释 art. 59): its kind and title before and after. The clerk
    reads it as a change of kind, 类型 企业 → 个体工商户, never of 法定代表人职务."""

    old_kind: object
    new_kind: object
    old_title: object
    new_title: object
    kind_changed: bool  # the kind has a change of its own (else it is the stored one)

    def labels(self) -> tuple[str, str]:
        """The kind before and after, as `kind_text` reads them."""
        return kind_text(self.old_kind, self.old_title), kind_text(self.new_kind, self.new_title)


#: A party as changes name it: its number (`case edit`) or its name (`import --update`).
_Party = TypeVar("_Party", bound=Hashable)


def trader_flips(
    changes: Iterable[tuple[_Party | None, str, object, object]], kinds: Mapping[_Party, object]
) -> dict[_Party, TraderFlip]:
    """The parties whose title `changes` (party number or name, field, old, new) set to or
    from 经营者, by party, each with its kind: its own change's, else the stored one (`kinds`,
    by party; an enterprise, as a 个体工商户 is stored, when not known). The one place
    case edit's change table (commands/case_desk), the event it records (services/editing)
    and case history (domain/events.describe, one side of an event read as unchanged
    values) fold a 个体工商户's kind and title into one."""
    edits = list(changes)
    titles = {
        party: (old, new)
        for party, field, old, new in edits
        if party is not None and field == "legal_rep_title" and OPERATOR in (old, new)
    }
    own = {party: (old, new) for party, field, old, new in edits if field == "kind"}
    flips: dict[_Party, TraderFlip] = {}
    for party, (old_title, new_title) in titles.items():
        stored = kinds.get(party, PartyKind.ENTERPRISE.value)
        old_kind, new_kind = own.get(party, (stored, stored))
        flips[party] = TraderFlip(old_kind, new_kind, old_title, new_title, party in own)
    return flips


def operator_line(kind: object, legal_rep: str | None, legal_rep_title: str | None) -> str:
    """经营者：钱某 beside a 个体工商户's 字号 (民诉法解释 art. 59), else nothing."""
    if not legal_rep or not is_registered_trader(kind, legal_rep_title):
        return ""
    return _("operator: {name}").format(name=legal_rep)


def representative_line(
    kind: object, name: str, legal_rep: str | None, legal_rep_title: str | None
) -> str:
    """法定代表人：赵六 (负责人：… for a branch; a job title such as 执行董事 in brackets)
    beside an organisation's name (民事诉讼法 art. 51; 民诉法解释 art. 50), as the papers
    name it (documents/context); a 个体工商户's is its `operator_line`; else nothing."""
    if not legal_rep or not is_organisation(kind) or is_registered_trader(kind, legal_rep_title):
        return ""
    title = representative_title(name, legal_rep_title)
    label = _("principal") if title == PRINCIPAL else _("legal representative")
    line = _("{field}: {value}").format(field=label, value=legal_rep)
    position = (legal_rep_title or "").strip()
    if position and position not in (LEGAL_REPRESENTATIVE, PRINCIPAL):
        line = _("{name} ({relation})").format(name=line, relation=position)
    return line


def operator_address_line(address: str | None) -> str:
    """经营者住所：… below a 个体工商户's own 住所 (市场主体登记管理条例 (2021) art. 8 para.
    2(四) registers the operator's 住所 apart from the 经营场所); the label is the key
    `case edit --set` takes. Printed whenever one is stored, so none is kept unseen."""
    if not address:
        return ""
    return _("operator's domicile: {address}").format(address=address)


# A resident ID's shape (GB 11643: 17 digits and a digit or X): on a 个体工商户 it is its
# operator's, as intake took it (intake/values.py parse_id_for), never a credit code
# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_RESIDENT_ID = r"[0-9]{17}[0-9X]"


def holds_operator_id(kind: object, legal_rep_title: str | None, id_number: str | None) -> bool:
    """Whether a 个体工商户's number is its 经营者's resident ID (民诉法解释 art. 59), not its
    credit code: what it says of a place is an ID's (where issued), not a registrar's."""
    return is_registered_trader(kind, legal_rep_title) and bool(
        re.fullmatch(_RESIDENT_ID, (id_number or "").strip().upper())
    )


def is_registered_trader(kind: object, legal_rep_title: str | None) -> bool:
    """A 个体工商户 recorded as such (民诉法解释 art. 59): an organisation kind whose
    representative is its 经营者 (`OPERATOR`; intake sets it for the kind 个体工商户)."""
    return is_organisation(kind) and (legal_rep_title or "").strip() == OPERATOR


def adult_on(born: dt.date, on: dt.date) -> dt.date:
    """The day a person born on `born` turns eighteen (29 February → 1 March)."""
    try:
        return born.replace(year=born.year + ADULT_AGE)
    except ValueError:
        return dt.date(born.year + ADULT_AGE, 3, 1)


def is_minor(born: dt.date | None, on: dt.date) -> bool:
    return born is not None and on < adult_on(born, on)


def guardian_warnings(parties: Iterable[Any], on: dt.date) -> list[str]:
    """A warning for each person under eighteen on `on` who has no 法定代理人."""
    return [
        _(
            "{name} is under 18 on {date} and has no legal guardian (法定代理人): add "
            "guardian and guardian_relation before the agreement is signed"
        ).format(name=p.name, date=on.isoformat())
        for p in parties
        # the birth year first: it rules out nearly every party of an import at once
        if p.birth_date is not None
        and on.year - p.birth_date.year <= ADULT_AGE
        and str(getattr(p.kind, "value", p.kind)) == "person"
        and not getattr(p, "guardian", None)
        and is_minor(p.birth_date, on)
    ]
