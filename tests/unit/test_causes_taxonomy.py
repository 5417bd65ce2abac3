"""The 案由 taxonomy as data: the 2020 and 2025 revisions and their correspondence."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from mediate.routing.causes import (
    bundled_correspondence,
    bundled_revision,
    bundled_taxonomy,
    parse_taxonomy,
)


def test_the_2020_revision_has_its_parts_and_second_level_and_is_complete_to_the_third() -> None:
    levels = Counter(c.level for c in bundled_revision("2020").walk())
    assert levels[1] == 11
    assert levels[2] == 54
    assert levels[3] == 473  # as the SPC counts them (the 2020 revision)
    assert levels[4] == 389  # official 391: two not yet identified (data/PROVENANCE.md)


def test_2020_third_level_234_is_the_maritime_security_contract_cause() -> None:
    # tools/sources/README.md: the 2020 list's #234 is 海事担保合同纠纷 (not 海事担保纠纷).
    third = [c for c in bundled_revision("2020").walk() if c.level == 3]
    assert third[233].name == "海事担保合同纠纷"
    assert "海事担保纠纷" not in bundled_revision("2020")


def test_2020_maritime_claim_preservation_has_its_six_fourth_level_causes() -> None:
    taxonomy = bundled_revision("2020")
    parent = taxonomy.find("申请海事请求保全")
    assert parent is not None
    assert [c.name for c in taxonomy.children(parent)] == [
        "申请扣押船舶",
        "申请拍卖扣押船舶",
        "申请扣押船载货物",
        "申请拍卖扣押船载货物",
        "申请扣押船用燃油及船用物料",
        "申请拍卖扣押船用燃油及船用物料",
    ]


def test_the_2025_revision_has_the_official_counts_and_serial_numbers() -> None:
    # 法〔2025〕226号/227号: 12 parts, 59 second-level, 514 third-level, 470 fourth-level.
    taxonomy = bundled_revision("2025")
    assert Counter(c.level for c in taxonomy.walk()) == {1: 12, 2: 59, 3: 514, 4: 470}
    assert taxonomy.effective == dt.date(2026, 1, 1)
    cause = taxonomy.by_code("144(1)")
    assert cause is not None and cause.name == "超龄劳动者劳务合同纠纷"
    assert [c.code for c in taxonomy.lineage(cause)] == ["144(1)", "144", "十", "第四部分"]
    assert taxonomy.find("滥用优势地位拖欠中小企业账款纠纷").code == "195"  # type: ignore[union-attr]
    assert taxonomy.find("养老服务合同纠纷").code == "142(23)"  # type: ignore[union-attr]


def test_a_dispute_is_classified_by_the_revision_in_force_on_the_day_it_was_received() -> None:
    both = bundled_taxonomy()
    assert both.revision_on(dt.date(2025, 12, 31)).version == "2020"
    assert both.revision_on(dt.date(2026, 1, 1)).version == "2025"
    moved = bundled_taxonomy(dt.date(2026, 3, 1))  # a deployment's own switch-over day
    assert moved.revision_on(dt.date(2026, 2, 1)).version == "2020"


def test_a_2025_cause_sits_under_the_2020_names_of_its_groups_too() -> None:
    # changes-2020-2025.csv: the labour part was renamed; rules naming either match.
    groups = bundled_taxonomy().groups("超龄劳动者用工纠纷")
    assert groups is not None
    assert {"劳动争议", "劳动争议、人事争议", "劳动争议、人事争议、新就业形态用工纠纷"} <= groups


def test_a_2020_cause_renamed_in_2025_carries_the_new_names() -> None:
    groups = bundled_taxonomy().groups("有奖销售纠纷")
    assert groups is not None and "不正当有奖销售纠纷" in groups


def test_the_correspondence_lists_what_it_could_not_map() -> None:
    correspondence = bundled_correspondence()
    assert correspondence.pairs["劳动争议、人事争议"] == ("劳动争议、人事争议、新就业形态用工纠纷",)
    assert "网络侵权责任纠纷" in correspondence.unmapped_old
    assert "滥用优势地位拖欠中小企业账款纠纷" in correspondence.new_only
    assert correspondence.counterparts("劳动争议、人事争议、新就业形态用工纠纷") == {
        "劳动争议、人事争议"
    }


def test_a_cause_knows_every_group_above_it() -> None:
    assert bundled_taxonomy().groups("信用卡纠纷") == frozenset(
        {"信用卡纠纷", "银行卡纠纷", "合同纠纷", "合同、准合同纠纷"}
    )
    assert bundled_taxonomy().groups("没有这个纠纷") is None


def test_a_name_used_at_two_levels_means_the_most_specific_one() -> None:
    cause = bundled_taxonomy().find("不当得利纠纷")
    assert cause is not None and cause.level == 3


def test_an_unknown_cause_borrows_the_groups_of_the_causes_named_in_it() -> None:
    groups, hits = bundled_revision("2020").infer("网络购物买卖合同纠纷")
    assert [h.name for h in hits] == ["买卖合同纠纷"]
    assert "合同纠纷" in groups


def test_search_finds_by_part_of_the_name() -> None:
    names = [c.name for c in bundled_revision("2020").search("交通事故")]
    assert names == ["机动车交通事故责任纠纷", "非机动车交通事故责任纠纷"]


def test_a_flat_list_with_codes_loads_under_its_own_version() -> None:
    taxonomy = parse_taxonomy(
        {
            "causes": [
                {"code": "1", "name": "合同纠纷"},
                {"code": "1.1", "name": "买卖合同纠纷", "parent_code": "1"},
            ]
        },
        "t.yaml",
        version="2026",
    )
    assert taxonomy.version == "2026"
    assert taxonomy.groups("买卖合同纠纷") == frozenset({"买卖合同纠纷", "合同纠纷"})


def test_reports_map_both_revisions_onto_the_2025_parts() -> None:
    taxonomy = bundled_taxonomy()
    assert taxonomy.report_part("劳动争议、人事争议") == "劳动争议、人事争议、新就业形态用工纠纷"
    assert taxonomy.report_part("侵权责任纠纷") == "侵权责任纠纷"
    assert taxonomy.report_part("未知案由") == "未知案由"
