"""Whether the respondent can be an employer is one rule (domain/parties.ORGANISATION_KINDS and
SOLE_TRADER_WORDS) read in Python (`employer_respondent`: the papers' cause, the labour
arbitration step) and in SQL (`reports.queries`: the causes report): for every party kind the
two answers agree, on each backend (review of 2026-12-02: three copies of the rule); a
个体工商户 entered as a person counts by its name (劳动法 art. 2 个体经济组织; 民法典 art. 54)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from mediate.domain.model import PartyKind
from mediate.domain.parties import ORGANISATION_KINDS, labour_parties
from mediate.reports.queries import CASES, _party_flags
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import PartyRow
from tests import factories

# every kind of the vocabulary, and a code no vocabulary has (a hand-edited database)
KINDS = [*(k.value for k in PartyKind), "association"]


def test_the_organisation_kinds_are_written_out():
    assert ORGANISATION_KINDS == ("enterprise", "institution", "government")


def test_python_and_sql_agree_whether_the_parties_are_a_worker_against_an_employer(database):
    engine = make_engine(database.url)
    upgrade(engine)
    cases: dict[int, tuple[str, str]] = {}
    with Session(engine) as session:
        for kind in KINDS:
            for role in ("respondent", "applicant"):
                other = "applicant" if role == "respondent" else "respondent"
                party = factories.enterprise(role, kind=kind)
                row = factories.case(session, parties=[factories.person(other), party])
                assert row.id is not None
                cases[row.id] = (kind, role)
        trader = factories.person("respondent", name="钱海涛（个体工商户）")
        row = factories.case(session, parties=[factories.person("applicant"), trader])
        assert row.id is not None
        cases[row.id] = ("person-trader", "respondent")
        # labour_parties, shape by shape (the fifth review, 2026-12-02): a trader or a company
        # claims (no worker); a 包工头 sued with a 担保公司 (no other can be the employer, so
        # the guarantor is kept: the review of 2026-12-02); a guarantee company alone
        company = factories.enterprise("respondent", name="焦作乙建筑有限公司")
        surety = factories.enterprise("respondent", name="焦作市某融资担保有限公司")
        shapes = {
            "company-applicant": [factories.enterprise("applicant"), company],
            "trader-applicant": [factories.person("applicant", name="钱海涛（个体户）"), company],
            "person-and-guarantor": [
                factories.person("applicant"),
                factories.person("respondent", name="李四"),
                surety,
            ],
            "guarantor-alone": [factories.person("applicant"), surety],
            # 2026-12-02: the employer is the respondent that is not the guarantor (民法典
            # art. 681), in either order; a 字号 entered as a person is a 个体工商户 (民诉法解释
            # art. 59), a person's own name ending in 行 or 店 is not
            "company-then-guarantor": [factories.person("applicant"), company, surety],
            "guarantor-then-company": [factories.person("applicant"), surety, company],
            "trade-name-applicant": [
                factories.person("applicant", name="焦作市山阳区小李烟酒商行"),
                company,
            ],
        }
        for shape, name in (
            ("trade-name-respondent", "焦作市解放区老钱烧烤店"),
            ("short-trade-name", "老王面馆"),
            ("rural-trade-name", "李庄砖厂"),
            ("long-name-ending-in-yuan", "大众美容院"),
            ("person-named-like-a-shop", "欧阳志行"),
            ("transliterated-name", "爱新觉罗·德行"),
        ):
            shapes[shape] = [factories.person("applicant"), factories.person("respondent", name)]
        for shape, parties in shapes.items():
            row = factories.case(session, parties=parties)
            assert row.id is not None
            cases[row.id] = (shape, "respondent")
        session.commit()
        parties = session.exec(select(PartyRow)).scalars().all()  # type: ignore[call-overload]
        python = {
            case_id: labour_parties(p for p in parties if p.case_id == case_id) for case_id in cases
        }
    employer, _lender = _party_flags()
    with engine.connect() as conn:
        sql = {i: bool(e) for i, e in conn.execute(select(CASES.c.id, employer.label("e")))}
    engine.dispose()
    assert sql == python
    organisations = {i for i, (kind, role) in cases.items() if python[i]}
    assert organisations == {
        i
        for i, (kind, role) in cases.items()
        if role == "respondent"
        and kind
        in (
            "enterprise",
            "institution",
            "government",
            "person-trader",
            "guarantor-alone",
            "person-and-guarantor",
            "company-then-guarantor",
            "guarantor-then-company",
            "trade-name-respondent",
            "short-trade-name",
            "rural-trade-name",
            "long-name-ending-in-yuan",
        )
    }
