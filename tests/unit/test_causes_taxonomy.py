"""The 2020 案由 taxonomy as data."""

from __future__ import annotations

from collections import Counter

from mediate.routing.causes import bundled_taxonomy, parse_taxonomy


def test_the_2020_revision_has_its_parts_and_second_level_and_is_complete_to_the_third() -> None:
    levels = Counter(c.level for c in bundled_taxonomy().walk())
    assert levels[1] == 11
    assert levels[2] == 54
    assert levels[3] == 473  # as the SPC counts them
    assert levels[4] > 350


def test_a_cause_knows_every_group_above_it() -> None:
    assert bundled_taxonomy().groups("信用卡纠纷") == frozenset(
        {"信用卡纠纷", "银行卡纠纷", "合同纠纷", "合同、准合同纠纷"}
    )
    assert bundled_taxonomy().groups("没有这个纠纷") is None


def test_a_name_used_at_two_levels_means_the_most_specific_one() -> None:
    cause = bundled_taxonomy().find("不当得利纠纷")
    assert cause is not None and cause.level == 3


def test_an_unknown_cause_borrows_the_groups_of_the_causes_named_in_it() -> None:
    groups, hits = bundled_taxonomy().infer("网络购物买卖合同纠纷")
    assert [h.name for h in hits] == ["买卖合同纠纷"]
    assert "合同纠纷" in groups


def test_search_finds_by_part_of_the_name() -> None:
    names = [c.name for c in bundled_taxonomy().search("交通事故")]
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
