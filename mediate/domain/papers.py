"""The papers the tool produces, by kind: the kind ids (part of the command-line interface,
`mediate doc render application 12`) and each paper's Chinese title — the name a clerk
knows it by in either interface language, the file-name stem, and how `case show` and the
case history name it. The documents layer (documents/kinds) builds its kinds on these."""

from __future__ import annotations

TITLES: dict[str, str] = {
    "application": "司法确认申请书",
    "agreement": "人民调解协议书",
    "termination": "终止调解告知书",  # 人民调解法 art. 26: 终止调解
    "service_address": "送达地址确认书",
    "credit_notice": "企业信用信息通报函",  # never 失信 for declining mediation (DOMAIN §4.1)
    "court_report": "调解情况报告",
    "return_letter": "退回函",
    "registration": "受理登记表",
    "notice": "调解通知书",
}


def paper_title(kind: str) -> str:
    """A document kind's title (a kind nobody named shows as stored)."""
    return TITLES.get(kind, kind)
