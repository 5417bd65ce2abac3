"""Who speaks for a party: 法定代理人 of a minor, 负责人 of a branch, 法定代表人 otherwise.

- 民法典 art. 17: a person of eighteen is an adult; art. 23: the guardian of a person
  without or with limited civil capacity is their 法定代理人, who acts for them in the
  application and signs the agreement (民事诉讼法 art. 60).
- A branch (分公司, 分行, 支行, 支公司) is not a legal person (民法典 art. 74; 公司法 art. 13):
  it appears through its 负责人, not a 法定代表人 (民诉法解释 art. 50(1) names both).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from mediate.domain.model import PartyKind
from mediate.i18n import _

ADULT_AGE = 18  # 民法典 art. 17
BRANCH_SUFFIXES = ("分公司", "分行", "支行", "支公司")
LEGAL_REPRESENTATIVE = "法定代表人"
PRINCIPAL = "负责人"


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
# LawRefBook/Laws at 2f4c5c2). Entered as a person, its name says so (张三（个体工商户）):
# rules/jiaozuo.yaml, set employer-respondent, the same words.
# 个体经营户/个体经营者: the same registered trader in the words clerks and court exports
# also write (the fifth review, 2026-12-02). A 字号 written as the party (民诉法解释 art. 59)
# is not told from an ordinary name here: the clerk records the kind (个体工商户).
SOLE_TRADER_WORDS: tuple[str, ...] = ("个体工商户", "个体户", "个体经营户", "个体经营者")


def is_employer(kind: object, name: str) -> bool:
    """Whether a party can be an employer (用人单位: 劳动法 art. 2, 劳动合同法 art. 2,
    劳动争议调解仲裁法 art. 2): an organisation, or a 个体工商户 entered as a person. Any other
    natural person is none (劳动争议解释（一） (2020) art. 2(4)-(6))."""
    return is_organisation(kind) or any(word in name for word in SOLE_TRADER_WORDS)


# A guarantor sued beside another respondent answers for the debt (民法典 arts. 681, 688), it
# is not the employer: rules/jiaozuo.yaml employer-respondent, the same words.
GUARANTOR_WORDS: tuple[str, ...] = ("担保",)


def employer_respondent(parties: Iterable[Any]) -> bool:
    """Whether a respondent among `parties` can be the employer a wage dispute needs: a
    个体工商户 by name, or an organisation — unless a guarantor (担保公司) is sued beside
    another respondent, whose surety it is."""
    respondents = [p for p in parties if p.role == "respondent"]
    if any(is_sole_trader(p.kind, p.name) for p in respondents):
        return True
    guarantor = any(word in p.name for p in respondents for word in GUARANTOR_WORDS)
    return (not guarantor or len(respondents) <= 1) and any(
        is_organisation(p.kind) for p in respondents
    )


def is_sole_trader(kind: object, name: str) -> bool:
    """A natural person entered with a name that says he trades (张三（个体工商户）)."""
    return str(getattr(kind, "value", kind)) == "person" and any(
        word in name for word in SOLE_TRADER_WORDS
    )


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
    """法定代表人, or 负责人 for a branch or when the clerk said so (DESIGN §3.1)."""
    if (legal_rep_title or "").strip() == PRINCIPAL or is_branch(name):
        return PRINCIPAL
    return LEGAL_REPRESENTATIVE


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
