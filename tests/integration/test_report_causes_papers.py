"""The causes report counts a case under the cause its papers name (`routing.causes.
official_cause`, the one rule the application and the notes read), on each backend: a debt
cause (欠款纠纷) with a worker's wage claim against an employer is 追索劳动报酬纠纷 on the papers
(劳动争议调解仲裁法 art. 2(5): "因劳动报酬…发生的争议"; rules/jiaozuo.yaml wage_claim routes it
to labour; read in LawRefBook/Laws at 2f4c5c2), and the report counts it there (the review
of 2026-12-02 found it counted as written). The report's SQL reads the parties and the claim
from the same lists as Python (domain.parties, domain.confirmation)."""

from __future__ import annotations

from tests import factories

LABOUR = "劳动争议、人事争议、新就业形态用工纠纷"
WAGES = "支付拖欠工资12000元"


def test_rule_a_debt_cause_with_a_wage_claim_counts_under_the_papers_labour_cause(database):
    """The papers' cause for each case (services.confirmation.papers_cause reads
    `official_cause` with the parties and the claim) is the one the report counts."""
    company = factories.enterprise("respondent", name="焦作乙建筑有限公司")
    cases = [
        ("欠款纠纷", company, WAGES, "settled"),  # 追索劳动报酬纠纷 on the papers
        ("欠款纠纷", company, "支付拖欠工资及货款12000元", None),  # goods too: the words stay
        ("欠款纠纷", factories.person("respondent", "王五"), WAGES, None),  # no employer
        ("欠款纠纷", company, None, None),  # no claim
    ]
    groups = factories.causes_report(database.url, cases)
    assert groups[LABOUR]["received"] == 1
    assert groups[LABOUR]["settled"] == 1
    assert sum(g["received"] for g in groups.values()) == len(cases)


def test_rule_only_a_compound_surname_and_a_form_that_is_a_given_name_is_no_employer_in_report(
    database,
):
    """欧阳中心 entered as a person is a person's name (domain.parties.NAME_LIKE_FORMS), so
    欠薪 from him stays as written, as the papers leave it; 焦作市老钱烧烤店 is a 字号, and so
    are 东方超市, 西门饭店, 百里商行 (超市, 饭店, 商行 are never given names)."""
    cases = [
        ("欠薪", factories.person("respondent", "欧阳中心"), None, None),
        ("欠薪", factories.person("respondent", "焦作市老钱烧烤店"), None, None),
        ("欠薪", factories.person("respondent", "东方超市"), None, None),
        ("欠薪", factories.person("respondent", "西门饭店"), None, None),
        ("欠薪", factories.person("respondent", "百里商行"), None, None),
    ]
    groups = factories.causes_report(database.url, cases)
    assert groups[LABOUR]["received"] == 4
    assert groups["未知案由"]["received"] == 1
