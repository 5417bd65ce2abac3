"""Special (non-contentious) procedures: applications a court decides, never mediation.

民诉法解释 (法释〔2022〕11号) art. 143: cases under the special procedure, the procedure for
payment orders (督促程序) and public summons (公示催告程序), and cases confirming status
relations such as marriage, may not be mediated. In the 案由 taxonomy they are the part
非讼程序案件案由 (2020: part 10; 2025: part 11), whose causes are all worded as an
application ("申请宣告自然人失踪", "申请支付令"…). Disputes still arrive under the names of
the 2011 revision ("申请宣告公民失踪", "申请认定公民无民事行为能力") or as free text
("宣告失踪", "财产无主"), so they are recognised by wording as well as by taxonomy.

Such an application has no respondent (DOMAIN.md §4.1): intake must accept it without one.
"""

from __future__ import annotations

import re

SPECIAL_PROCEDURE_GROUPS = ("非讼程序案件案由",)
"""The taxonomy part of non-contentious causes (same name in the 2020 and 2025 revisions)."""

SPECIAL_PROCEDURE_PATTERN = re.compile(
    # Every cause of the 非讼 part starts with 申请 (2011, 2020 and 2025 revisions); no
    # contentious cause does (those about applications start with 因申请…; 申请执行人执行
    # 异议之诉 is a lawsuit).
    r"^申请(?!.*之诉$)"
    # The subject matters of the special procedure and of 督促/公示催告, in any wording:
    # 宣告(公民/自然人)失踪/死亡, 认定(公民)无/限制民事行为能力, 认定财产无主, 选民资格,
    # 指定/变更监护人, 指定遗产管理人, 支付令, 公示催告, 确认调解协议 (司法确认),
    # 实现担保物权, 人身安全保护令.
    r"|宣告(公民|自然人)?(失踪|死亡)(?!.*纠纷$)"
    r"|(认定|宣告)(公民|自然人)?(无|限制)民事行为能力"
    r"|财产无主|选民资格|(指定|变更)监护人|指定遗产管理人"
    r"|支付令|公示催告|司法确认|确认调解协议|实现担保物权|人身安全保护令"
    # The group names of the part: …程序案件, 公司清算案件, 仲裁程序中的…保全, 确认…协议案件.
    r"|非讼程序|程序案件$|公司清算案件|仲裁程序中的|仲裁司法审查|^确认.*协议案件$"
)


def names_special_procedure(cause: str) -> bool:
    """Whether the 案由 as written names a special procedure (by its wording alone)."""
    return SPECIAL_PROCEDURE_PATTERN.search(cause.strip()) is not None


def is_special_procedure(cause: str, groups: frozenset[str] | None = None) -> bool:
    """By taxonomy (the cause or a group above it is 非讼程序案件案由) or by wording.

    `groups` are the cause and its ancestors when the taxonomy knows the cause.
    """
    if groups is not None and not groups.isdisjoint(SPECIAL_PROCEDURE_GROUPS):
        return True
    return names_special_procedure(cause)
