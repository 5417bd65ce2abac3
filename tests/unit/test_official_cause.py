"""`routing.causes.official_cause`: one reading of the 案由 a case is under, beside
`Taxonomy.official`, for routing's warnings, the papers, the causes report and `causes
show`. The revision is the one in force on the day the dispute was received (民事案件案由规定
as revised by 法〔2025〕226号/227号, in force 2026-01-01, or the deployment's cut-over
`causes_2025_from`); a name of the other revision becomes its counterpart in the mapping
(data/causes-2020-2025.yaml, built from /work/shared/data/changes-2020-2025.csv and
causes-2025.csv) when there is exactly one."""

from __future__ import annotations

import datetime as dt

from mediate.documents.context import build_context
from mediate.documents.kinds import KINDS
from mediate.routing.causes import (
    Cause,
    Taxonomies,
    Taxonomy,
    bundled_correspondence,
    bundled_revision,
    bundled_taxonomy,
    official_cause,
)
from tests.golden import samples

IN_2025 = dt.date(2025, 6, 1)  # the 2020 revision in force (in force 2021-01-01)
IN_2026 = dt.date(2026, 3, 1)  # the 2025 revision in force (法〔2025〕227号)


def test_official_cause_is_the_name_of_the_revision_in_force_on_the_day_received() -> None:
    # 有奖销售纠纷 (2020) became 不正当有奖销售纠纷 (2025): data/causes-2020-2025.yaml
    assert official_cause("有奖销售纠纷", received_on=IN_2026) == "不正当有奖销售纠纷"
    assert official_cause("不正当有奖销售纠纷", received_on=IN_2025) == "有奖销售纠纷"
    assert official_cause("有奖销售纠纷", received_on=IN_2025) == "有奖销售纠纷"
    assert official_cause("不正当有奖销售纠纷", received_on=IN_2026) == "不正当有奖销售纠纷"
    # a 2020 name split three ways in 2025 (专利合同纠纷) is no one cause: it stays, and
    # routing tells the clerk to write the current name
    assert official_cause("专利合同纠纷", received_on=IN_2026) == "专利合同纠纷"
    # words still read as before, in either revision
    assert official_cause("借钱不还", received_on=IN_2025) == "民间借贷纠纷"
    assert official_cause("欠薪", employer=True, received_on=IN_2026) == "追索劳动报酬纠纷"


def test_official_cause_honours_the_deployments_cut_over() -> None:
    """A deployment that classifies under 2025 from 2025-07-01 (`causes_2025_from`) names
    2025's cause for a dispute received in August 2025."""
    early = bundled_taxonomy(dt.date(2025, 7, 1))
    august = dt.date(2025, 8, 1)
    assert (
        official_cause("有奖销售纠纷", taxonomy=early, received_on=august) == "不正当有奖销售纠纷"
    )
    assert official_cause("有奖销售纠纷", received_on=august) == "有奖销售纠纷"


def test_official_cause_reads_the_stored_taxonomy() -> None:
    """A deployment's own revision (stored by `causes import`, declared by its rules) is read
    as it is: its own names stay, and words name its causes."""
    own = Taxonomy(
        "2025-jz",
        [
            Cause("1", "合同、准合同纠纷", 1, None),
            Cause("1.1", "民间借贷纠纷", 2, "1"),
            Cause("1.2", "邻里借用纠纷", 2, "1"),
        ],
    )
    joined = Taxonomies([bundled_revision("2020"), own], [bundled_correspondence()])
    assert official_cause("邻里借用纠纷", taxonomy=joined, received_on=IN_2026) == "邻里借用纠纷"
    assert official_cause("借钱不还", taxonomy=joined, received_on=IN_2026) == "民间借贷纠纷"
    assert official_cause("邻里借用", taxonomy=own) == "邻里借用纠纷"


def test_court_papers_name_the_cause_of_the_revision_in_force_on_the_day_received() -> None:
    """The application names the 案由 the court dockets: a 2020 name on a dispute received in
    2026 is written as its 2025 counterpart (法〔2025〕227号)."""
    records = samples.person_person()
    records.case.cause = "有奖销售纠纷"
    records.case.received_on = IN_2026
    context = build_context(KINDS["application"], records, samples.TODAY)
    assert context["case"]["cause"] == "不正当有奖销售纠纷"
    assert context["case"]["cause_written"] == "有奖销售纠纷"
    records.case.received_on = IN_2025
    records.taxonomy = bundled_taxonomy(dt.date(2025, 1, 1))  # the deployment's cut-over
    context = build_context(KINDS["application"], records, samples.TODAY)
    assert context["case"]["cause"] == "不正当有奖销售纠纷"


def _routed(cause: str, respondent_kind: str) -> list[str]:
    from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
    from mediate.services.routing import router

    respondent = "某某建筑有限公司" if respondent_kind != "person" else "李四"
    case = CaseInput(
        cause,
        [
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
            Party(PartyRole.RESPONDENT, PartyKind(respondent_kind), respondent),
        ],
        received_on=IN_2026,
        location="410802",
    )
    return router().route(case).warnings


def test_rule_wage_words_against_an_employer_are_registered_as_追索劳动报酬纠纷() -> None:
    """One story with the papers and the causes report: 欠薪 against an organisation is
    追索劳动报酬纠纷 (劳动争议调解仲裁法 art. 2: disputes between 用人单位 and 劳动者), so
    intake says it is registered and routed as that, not that it is no 案由."""
    from mediate.i18n import in_language

    with in_language("zh_CN"):
        warnings = _routed("欠薪", "enterprise")
        assert (
            "案由“欠薪”按 追索劳动报酬纠纷 登记、分流；向法院提交的文书写 追索劳动报酬纠纷。"
            in (warnings)
        )
        assert not any("不在" in w for w in warnings)
        assert "案由“借钱不还”按 民间借贷纠纷 登记、分流" in _routed("借钱不还", "person")[0]


def test_rule_wage_words_without_an_employer_say_the_employer_is_missing() -> None:
    """Between two persons 欠薪 is a 劳务 debt, no 追索劳动报酬纠纷 (劳动争议调解仲裁法 art. 2):
    intake says the employer is what is missing; 车贷 with no financial institution says
    the lender is (民间借贷规定 (2020) art. 1)."""
    from mediate.i18n import in_language

    with in_language("zh_CN"):
        (wages, *_rest) = _routed("欠薪", "person")
        assert wages.startswith("案由“欠薪”只有在劳动者向用人单位主张时才是 追索劳动报酬纠纷")
        assert "用人单位录为被申请人" in wages
        (loan, *_rest) = _routed("车贷", "person")
        assert loan.startswith("案由“车贷”只有在当事人中有金融机构时才是 金融借款合同纠纷")


def test_traffic_words_have_candidates_but_no_official_cause() -> None:
    """交通事故 names 机动车 or 非机动车交通事故责任纠纷 (道路交通安全法 art. 119): no paper names
    either, and each candidate is a cause of both revisions (CAUSE_VARIANTS' check)."""
    from mediate.routing.causes import UNDECIDED_VARIANTS

    joined = bundled_taxonomy()
    assert official_cause("交通事故") == "交通事故"
    assert [c.name for c in joined.candidates("交通事故")] == [
        "机动车交通事故责任纠纷",
        "非机动车交通事故责任纠纷",
    ]
    assert joined.candidates("邻居吵架") == []
    for names in UNDECIDED_VARIANTS.values():
        for version in ("2020", "2025"):
            assert all(name in bundled_revision(version) for name in names)
