"""The causes report counts a cause written in everyday words (借钱不还, 欠薪, 物业费) under
the official cause court papers name for it, on each backend (found by review, 2026-12-02:
they were all counted as 未知案由)."""

from __future__ import annotations

from tests import factories

LABOUR = "劳动争议、人事争议、新就业形态用工纠纷"

# (written cause, respondent is an organisation, closed as)
WRITTEN = [
    ("借钱不还", False, "settled"),
    ("民间借贷纠纷（诉前）", False, "failed"),
    ("离婚", False, "settled"),
    ("物业费", True, None),
    ("欠薪", True, "settled"),  # against an employer: 追索劳动报酬纠纷
    ("农民工工资", True, None),
    ("欠薪", False, None),  # between persons: stays as written, no official cause
    ("邻居吵架", False, None),
]


def test_everyday_causes_count_under_their_official_cause(database):
    employer, person = factories.enterprise("respondent"), factories.person("respondent", "王五")
    cases = [(w, employer if e else person, None, closed) for w, e, closed in WRITTEN]
    groups = factories.causes_report(database.url, cases)
    assert groups["合同、准合同纠纷"]["received"] == 3  # 借钱不还, 民间借贷（诉前）, 物业费
    assert groups["合同、准合同纠纷"]["settled"] == 1
    assert groups["合同、准合同纠纷"]["failed"] == 1
    assert groups["婚姻家庭、继承纠纷"]["received"] == 1  # 离婚
    assert groups[LABOUR]["received"] == 2  # 欠薪, 农民工工资 from an employer
    assert groups[LABOUR]["settled"] == 1
    assert groups["未知案由"]["received"] == 2  # 欠薪 between persons, 邻居吵架
    assert sum(g["received"] for g in groups.values()) == len(WRITTEN)


def test_rule_a_traffic_accident_without_its_vehicle_kind_counts_under_its_part(database):
    """交通事故 with no vehicle kind is no one cause (机动车 or 非机动车交通事故责任纠纷: 道路
    交通安全法 art. 119), so papers keep the words; but both causes are under 侵权责任纠纷 in
    the 2020 and 2025 revisions, and the report counts by part: it is counted there, not as
    未知案由 (review, 2026-12-02)."""
    written = [
        "交通事故",
        "车祸",
        "道路交通事故人身损害赔偿纠纷",
        "机动车交通事故责任纠纷",
        "邻居吵架",
    ]
    person = factories.person("respondent", "王五")
    groups = factories.causes_report(database.url, [(c, person, None, None) for c in written])
    assert groups["侵权责任纠纷"]["received"] == 4
    assert groups["未知案由"]["received"] == 1  # 邻居吵架 names no cause at all
