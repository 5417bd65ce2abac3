"""Special (non-contentious) procedures: applications a court decides, never mediation.

民诉法解释 (法释〔2022〕11号) art. 143: cases under the special procedure, the procedure for
payment orders (督促程序) and public summons (公示催告程序), and cases confirming status
relations such as marriage, may not be mediated. The special procedure proper is 民事诉讼法
(2023) chapter 15, art. 184: 选民资格, 宣告失踪/宣告死亡, 指定遗产管理人, 认定公民无/限制民事
行为能力, 认定财产无主, 确认调解协议 and 实现担保物权 cases. In the 2025 案由 (法〔2025〕227号)
they and the other non-litigation applications (督促, 公示催告, 保全, 破产, 仲裁司法审查…) are
the part 非讼程序案件案由 (part 11; 2020: part 10).

A cause is one of them when it is an official name of that part (`special_procedure_causes`,
read from the bundled 2025 list, data/causes-2025.yaml, never typed here), a clerk's
variant of one (routing.causes.CAUSE_VARIANTS), or names one of their subject matters in
other words: the 2011 names ("申请宣告公民失踪", "申请认定公民无民事行为能力") or free text
("宣告失踪", "财产无主"). Starting with 申请 is not enough: "申请人与被申请人合同纠纷" is a
lawsuit between an applicant and a respondent (audit of 2026-12).

Such an application has no respondent (DOMAIN.md §4.1): intake must accept it without one.
"""

from __future__ import annotations

import re
from functools import lru_cache

SPECIAL_PROCEDURE_GROUPS = ("非讼程序案件案由",)
"""The taxonomy part of non-contentious causes (same name in the 2020 and 2025 revisions)."""

_SECURITY = (
    r"实现(?:抵押权|质权|留置权)"
    r"|(?:申请|请求)(?:拍卖|变卖)[、和及或]?(?:拍卖|变卖)?(?:抵押|质押|留置)(?:物|财产|房产|车辆)(?!.*纠纷)"
)

SPECIAL_PROCEDURE_PATTERN = re.compile(
    # The subject matters of the special procedure and of 督促/公示催告, in any wording:
    # 宣告(公民/自然人)失踪/死亡, 认定(公民)无/限制民事行为能力, 认定财产无主, 选民资格,
    # 指定/变更监护人, 指定遗产管理人, 支付令, 公示催告, 确认调解协议 (司法确认),
    # 实现担保物权, 人身安全保护令.
    r"宣告(公民|自然人)?(失踪|死亡)(?!.*纠纷$)"
    r"|(认定|宣告)(公民|自然人)?(无|限制)民事行为能力"
    r"|财产无主|选民资格|(指定|变更)监护人|指定遗产管理人"
    r"|支付令|公示催告|司法确认|确认调解协议|实现担保物权|人身安全保护令"
    # The group names of the part: …程序案件, 公司清算案件, 仲裁程序中的…保全, 确认…协议案件.
    r"|非讼程序|程序案件$|公司清算案件|仲裁程序中的|仲裁司法审查|^确认.*协议案件$"
    # A clerk's free text for the applications of part 11 that the names above miss (review
    # of 2026-12-02): preservation before or during a suit (民事诉讼法 arts. 103-104: the
    # court rules within 48 hours), confirming a people's mediation agreement (art. 205),
    # a company's compulsory liquidation, and a petition for bankruptcy, reorganisation or
    # composition (企业破产法 art. 7). Never a cause that ends in a dispute: a suit for
    # damage caused by a preservation (因申请诉前财产保全损害责任纠纷) or one about a debt
    # from before a bankruptcy petition (申请破产前的债务纠纷) is mediable.
    r"|(?:申请|诉前|诉中|仲裁前)\S*保全(?!.*纠纷)|^(?:财产|行为|证据)保全$"
    r"|确认(?:人民|行政)?调解协议(?!.*纠纷)|强制清算(?!.*纠纷)|督促程序"
    r"|申请(?:破产|重整|和解)(?!.*纠纷)|^破产(?:清算|重整|和解)?$"
    # 实现担保物权 by the right it enforces (the fifth review, 2026-12-02): a mortgage, a
    # pledge or a lien (民法典 art. 410: the mortgagee "可以请求人民法院拍卖、变卖抵押财产";
    # arts. 436, 453 the pledge and the lien); 民事诉讼法 (2023) art. 207 "申请实现担保物权",
    # read in LawRefBook/Laws at 2f4c5c2. Not 抵押权纠纷 or 质权纠纷 (物权 suits): 实现, or
    # 拍卖/变卖 of the collateral applied for, must be named.
    rf"|{_SECURITY}"
)


@lru_cache(maxsize=1)
def special_procedure_causes() -> frozenset[str]:
    """Every official name in the part 非讼程序案件案由 of the bundled 2025 案由 (the part,
    its groups, causes and sub-causes), and each clerk variant naming one of them."""
    from mediate.routing.causes import CAUSE_VARIANTS, bundled_revision

    taxonomy = bundled_revision("2025")
    names = frozenset(
        c.name for c in taxonomy.walk() if taxonomy.lineage(c)[-1].name in SPECIAL_PROCEDURE_GROUPS
    )
    return names | {variant for variant, name in CAUSE_VARIANTS.items() if name in names}


def names_special_procedure(cause: str) -> bool:
    """Whether the 案由 as written names a special procedure: an official cause of the
    非讼 part or its variant, or the wording of one's subject matter."""
    written = cause.strip()
    return (
        written in special_procedure_causes()
        or SPECIAL_PROCEDURE_PATTERN.search(written) is not None
    )


def is_special_procedure(cause: str, groups: frozenset[str] | None = None) -> bool:
    """By taxonomy (the cause or a group above it is 非讼程序案件案由) or by wording.

    `groups` are the cause and its ancestors when the taxonomy knows the cause.
    """
    if groups is not None and not groups.isdisjoint(SPECIAL_PROCEDURE_GROUPS):
        return True
    return names_special_procedure(cause)


# The court of a special procedure, a payment order or a public summons: always a BASIC
# court, at the place the statute names (民事诉讼法 (2023), read in LawRefBook/Laws,
# 民事诉讼法(2023-09-01).md): art. 188 选民资格 "选区所在地基层人民法院"; art. 190 宣告失踪
# and art. 191 宣告死亡 "下落不明人住所地基层人民法院"; art. 194 指定遗产管理人 "被继承人死亡时
# 住所地或者主要遗产所在地基层人民法院"; art. 198 认定无/限制民事行为能力 "该公民住所地基层
# 人民法院"; art. 202 认定财产无主 "财产所在地基层人民法院"; art. 207 实现担保物权 "担保财产
# 所在地或者担保物权登记地基层人民法院"; art. 225 支付令 "有管辖权的基层人民法院" (民诉法解释
# (2022) art. 23: "由债务人住所地基层人民法院管辖"); art. 229 公示催告 "票据支付地的基层人民
# 法院". Not here, on purpose: 确认调解协议 (art. 205(2) names the intermediate court for a
# dispute of its level), preservation, arbitration review and bankruptcy petitions, whose
# courts are not always basic ones; nor revoking such a judgment (申请撤销宣告…判决: the court
# that gave it, arts. 193, 201).
_VENUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"选民资格"), "electoral"),
    (re.compile(r"(?<!撤销)宣告(公民|自然人)?失踪(?!.*纠纷$)"), "missing"),
    (re.compile(r"(?<!撤销)宣告(公民|自然人)?死亡(?!.*纠纷$)"), "dead"),
    (re.compile(r"指定遗产管理人"), "estate"),
    (re.compile(r"(?<!撤销)(认定|宣告)(公民|自然人)?(无|限制)民事行为能力"), "capacity"),
    (re.compile(r"财产无主"), "ownerless"),
    (re.compile(rf"实现担保物权|{_SECURITY}"), "security"),
    (re.compile(r"支付令|督促程序"), "payment_order"),
    (re.compile(r"公示催告"), "public_summons"),
)


# The procedures whose statute places the court where the property is (arts. 194 主要遗产
# 所在地 — beside the deceased's domicile —, 202 财产所在地, 207 担保财产所在地): the subject
# matter's place, when recorded, decides (routing.engine.Router._by_property).
_BY_PROPERTY = frozenset({"estate", "ownerless", "security"})


# Asked of every routed case (twice: `placed_by_debtor`, `placed_only_by_property`): an
# import routes 100,000 rows over a few dozen causes, and the nine searches cost more than
# the look-up (4.6 % of the importing process under cProfile, 2026-12-03).
@lru_cache(maxsize=4096)
def _venue_key(cause: str) -> str | None:
    written = cause.strip()
    for pattern, key in _VENUES:
        if pattern.search(written):
            return key
    return None


def placed_by_property(cause: str) -> bool:
    """Whether the statute places this special procedure's court where the property is."""
    return _venue_key(cause) in _BY_PROPERTY


# Art. 202 names only 财产所在地, art. 207 only the collateral's place or its registry: no
# other place (where the application was taken in, a party's domicile) stands in for them.
# Art. 194 names the deceased's domicile beside the estate, so an estate elsewhere leaves that.
_ONLY_BY_PROPERTY = frozenset({"ownerless", "security"})


def placed_by_debtor(cause: str) -> bool:
    """Whether the court is the one of the debtor's domicile: a payment order (民事诉讼法
    (2023) art. 225; 民诉法解释 (2022) art. 23 "由债务人住所地基层人民法院管辖", read in
    LawRefBook/Laws at 2f4c5c2). The debtor is the respondent; its recorded address decides,
    never its credit code's or ID's division digits (where it registered, or was issued)."""
    return _venue_key(cause) == "payment_order"


def placed_only_by_property(cause: str) -> bool:
    """Whether the property's place is the only one the statute names (arts. 202, 207)."""
    return _venue_key(cause) in _ONLY_BY_PROPERTY


def basic_court_venue(cause: str) -> str | None:
    """Where the basic court of this special procedure sits, as the statute says (see
    _VENUES), or None when the cause is none of those procedures."""
    from mediate.i18n import _

    places = {
        "electoral": _("where the electoral district is (民事诉讼法 art. 188)"),
        "missing": _("the missing person's domicile (民事诉讼法 art. 190)"),
        "dead": _("the missing person's domicile (民事诉讼法 art. 191)"),
        "estate": _(
            "the deceased's domicile at death or where most of the estate is (民事诉讼法 art. 194)"
        ),
        "capacity": _("the domicile of the person concerned (民事诉讼法 art. 198)"),
        "ownerless": _("where the property is (民事诉讼法 art. 202)"),
        "security": _(
            "where the collateral is or the security interest is registered (民事诉讼法 art. 207)"
        ),
        "payment_order": _("the debtor's domicile (民事诉讼法 art. 225; 民诉法解释 art. 23)"),
        "public_summons": _("where the bill is payable (民事诉讼法 art. 229)"),
    }
    key = _venue_key(cause)
    return None if key is None else places[key]
