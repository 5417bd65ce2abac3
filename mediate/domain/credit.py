"""Reporting an enterprise's dishonest conduct to the credit agencies (seed item 18).

The seed says that when mediation at 市信调委 fails, the committee "依法依规" reports the
dishonest conduct to the credit-reporting agencies. The law around it makes that a decision,
never a side effect:

- 征信业管理条例 art. 44(3): negative information (不良信息) is a failure to perform a
  contract in lending, sale on credit (赊购), guarantees, leases, insurance or card use, an
  administrative penalty, or a court's judgment or enforcement — a debt, not a complaint;
- art. 23: the information must be accurate; art. 25: the enterprise may object and have
  it corrected (the provider must check within 20 days);
- 国办发〔2020〕49号: recording dishonest conduct needs a basis in law or central policy
  and a document with legal effect; no measure beyond the listed ones.
- 河南省社会信用条例 (2019; LawRefBook/Laws DLC/河南地方法规, read 2026-12-02): the provider
  answers for the legality, truth and accuracy of what it provides (art. 17); the
  失信信息 it lists (art. 20) include "拒不执行判决、裁定和调解书等生效法律文书" — so an
  agreement confirmed by a court's ruling (司法确认裁定) and then not performed — and
  "经依法认定违反法律、法规规定的其他失信信息", but not a mediation that merely failed; the
  enterprise may object and have the entry marked and checked (art. 41).

So a report needs: a failed case at the credit committee, a dispute about a debt (the clerk's
credit tag, or a claim asking an enterprise to pay), an enterprise respondent to report,
and the legal basis written down by the clerk who decides it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from mediate.domain.model import PartyKind

CREDIT_TAGS = frozenset({"debt_evasion", "contract_fraud", "unpaid_debt"})
"""The clerk's tags for seed item 18: 恶意逃废债务, 合同欺诈, 拖欠货款或服务费."""

DEFAULT_BASIS = (
    "《征信业管理条例》第四十四条第（三）项（未按照合同履行义务的信息）、第二十三条、第二十五条；"
    "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）"
)
"""What a clerk usually cites; the clerk still has to give (and may reword) the basis."""

# The same words as the `payment-claim` set of rules/jiaozuo.yaml.
_PAYMENT = re.compile(r"货款|服务费|价款|加工费|报酬|欠款|账款|工程款|租金|借款|本金")
_REFUND = re.compile(r"退货|退款|退还|返还|退费|三包|维修|更换")


def is_debt_dispute(tags: list[str] | tuple[str, ...], claim: str | None) -> bool:
    """Whether the dispute is about a debt owed (a precondition of any credit report)."""
    if not CREDIT_TAGS.isdisjoint(tags):
        return True
    return bool(claim) and bool(_PAYMENT.search(claim or "")) and not _REFUND.search(claim or "")


def credit_subjects(
    parties: Iterable[Mapping[str, Any]], decided: Collection[str] | None = None
) -> list[Mapping[str, Any]]:
    """The parties a credit report names: the enterprise respondents (征信业管理条例 art. 44
    reports an enterprise's failure to pay; seed item 18 names 企业), narrowed to those the
    recorded decision lists (`decided`, the `enterprises` of its `credit_report` event) when
    there is one. Never an applicant, a natural person or a third party (DOMAIN §4.1: only
    the enterprise named in the decision is reported). `parties` are mappings with `role`,
    `kind` and `name`, in the case file's order."""
    names = set(decided or ())
    return [
        p
        for p in parties
        if p.get("role") == "respondent"
        and p.get("kind") == PartyKind.ENTERPRISE.value
        and (not names or p.get("name") in names)
    ]
