"""Routing semantics: first match, continue, inheritance, selectors, strategies, capacity."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from mediate.domain.model import CaseInput, Level, Org, OrgKind, Party, PartyKind, PartyRole, Source
from mediate.resources import default_rules_file
from mediate.routing.causes import bundled_taxonomy
from mediate.routing.engine import Router
from mediate.routing.loader import compile_text
from mediate.routing.network import Division, Network, bundled_network
from mediate.services.routing import load_rules


def rules(text: str, network: Network | None = None):  # type: ignore[no-untyped-def]
    return compile_text(text.encode(), "t.yaml", network or bundled_network(), bundled_taxonomy())


def dispute(cause: str = "民间借贷纠纷", **kw: object) -> CaseInput:
    parties = kw.pop("parties", None) or [
        Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
        Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四"),
    ]
    return CaseInput(cause=cause, parties=parties, **kw)  # type: ignore[arg-type]


ROOT = "route:\n  name: root\n  target: jz-410800-nlc\n"


def test_the_first_matching_sibling_wins() -> None:
    r = rules(
        ROOT
        + "  routes:\n"
        + "    - {name: a, match: {amount: {gte: 100}}, target: jz-410800-finance}\n"
        + "    - {name: b, match: {amount: {gte: 50}}, target: jz-410800-credit}\n"
    )
    assert Router(r).route(dispute(amount=Decimal(200))).rule == "a"
    assert Router(r).route(dispute(amount=Decimal(60))).rule == "b"
    assert Router(r).route(dispute(amount=Decimal(10))).rule == "root"


def test_a_continue_route_lets_a_later_sibling_decide_and_adds_its_warning() -> None:
    r = rules(
        ROOT
        + "  routes:\n"
        + "    - {name: big, match: {amount: {gte: 100}}, continue: true,"
        + " warn: 大额纠纷, target: jz-410800-credit}\n"
        + "    - {name: loans, match: {cause: 民间借贷纠纷}, target: jz-410800-finance}\n"
    )
    both = Router(r).route(dispute(amount=Decimal(500)))
    assert (both.rule, both.warnings) == ("loans", ["大额纠纷"])
    only_big = Router(r).route(dispute("买卖合同纠纷", amount=Decimal(500)))
    assert (only_big.rule, only_big.org.id) == ("big", "jz-410800-credit")


def test_children_inherit_target_deadlines_and_merge_their_own() -> None:
    r = rules(
        "route:\n  name: root\n  target: jz-410800-nlc\n"
        "  deadlines: {court_entrusted: {ordinary: 15, summary: 7}, default: 30}\n"
        "  routes:\n"
        "    - name: referred\n"
        "      match: {source: [court_entrusted, court_delegated]}\n"
        "      target: jz-410800-finance\n"
        "      deadlines: {court_delegated: 20}\n"
        "      routes:\n"
        "        - {name: summary, match: {procedure: summary}}\n"
    )
    entrusted = Router(r).route(dispute(source=Source.COURT_ENTRUSTED, procedure="summary"))
    assert (entrusted.rule, entrusted.org.id, entrusted.deadline_days) == (
        "summary",
        "jz-410800-finance",
        7,
    )
    delegated = Router(r).route(dispute(source=Source.COURT_DELEGATED))
    assert (delegated.rule, delegated.deadline_days) == ("referred", 20)
    assert Router(r).route(dispute()).deadline_days == 30


def test_a_selector_walks_up_from_the_village_to_the_city() -> None:
    r = rules(
        ROOT
        + "  routes:\n"
        + "    - name: local\n"
        + "      target: {kind: [village_room, township_center, county_center]}\n"
    )
    router = Router(r)
    assert router.route(dispute(location="410802009901")).org.id == "jz-410802009901-village-room"
    assert router.route(dispute(location="410802009")).org.id == "jz-410802009-township-center"
    assert router.route(dispute(location="410802")).org.id == "jz-410802-county-center"
    assert router.route(dispute(location=None)).org.id == "jz-410800-county-center"


def test_a_selector_that_finds_nobody_falls_through_to_the_next_sibling() -> None:
    r = rules(
        ROOT
        + "  routes:\n"
        + "    - {name: village, target: {kind: village_room}}\n"
        + "    - {name: county, target: {kind: county_center}}\n"
    )
    d = Router(r).explain(dispute(location="410803"))
    assert (d.rule, d.org.id) == ("county", "jz-410803-county-center")
    assert [(s.rule, s.matched) for s in d.trace] == [
        ("village", True),
        ("village", False),
        ("county", True),
    ]
    assert "no body village mediation room is near" in d.trace[1].why  # its label


def _network(capacity: int | None) -> Network:
    def org(i: int, kind: OrgKind, level: Level, code: str, cap: int | None = None) -> Org:
        return Org(f"o{i}", f"机构{i}", kind, level, code, capacity=cap)

    return Network(
        [
            org(1, OrgKind.TOWNSHIP_CENTER, Level.TOWNSHIP, "410802006", capacity),
            org(2, OrgKind.TOWNSHIP_CENTER, Level.TOWNSHIP, "410802006", capacity),
            org(3, OrgKind.TOWNSHIP_CENTER, Level.COUNTY, "410802"),
            org(9, OrgKind.NON_LITIGATION_CENTER, Level.CITY, "410800"),
        ],
        [
            Division("410800", "焦作市"),
            Division("410802", "解放区"),
            Division("410802006", "焦北街道"),
        ],
    )


SELECT = (
    "route:\n  name: root\n  target: o9\n  strategy: {s}\n  routes:\n"
    "    - {{name: t, target: {{kind: township_center}}}}\n"
)


def test_least_open_spreads_a_batch_and_round_robin_takes_turns() -> None:
    least = Router(rules(SELECT.format(s="least_open"), _network(None)), {"o1": 2})
    assert [least.route(dispute(location="410802006")).org.id for _ in range(4)] == [
        "o2",
        "o2",
        "o1",
        "o2",
    ]
    turns = Router(rules(SELECT.format(s="round_robin"), _network(None)), {"o1": 5})
    assert [turns.route(dispute(location="410802006")).org.id for _ in range(3)] == [
        "o1",
        "o2",
        "o1",
    ]


def test_full_bodies_are_skipped_for_the_next_level_and_when_all_are_full_a_warning_says_so() -> (
    None
):
    net = _network(1)
    router = Router(rules(SELECT.format(s="least_open"), net))
    got = [router.route(dispute(location="410802006")) for _ in range(3)]
    assert [d.org.id for d in got] == ["o1", "o2", "o3"]
    assert all(not d.warnings for d in got)
    only_level = Network([o for o in net.orgs.values() if o.id != "o3"], net.divisions.values())
    crowded = Router(rules(SELECT.format(s="least_open"), only_level), {"o1": 1, "o2": 1})
    d = crowded.route(dispute(location="410802006"))
    assert d.org.id == "o1"
    assert d.warnings == ["Every body of township_center near the dispute is at capacity."]


def test_an_unknown_cause_is_routed_by_keyword_with_a_warning() -> None:
    # A consumer's online purchase: like 买卖合同纠纷, person against shop -> consumer body
    # (issue 14 item 2: never the enterprise-credit committee).
    r = load_rules(default_rules_file())
    d = Router(r).route(
        dispute(
            "网络购物买卖合同纠纷",
            location="410802",
            parties=[
                Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
                Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "某网店有限公司"),
            ],
        )
    )
    assert (d.rule, d.org.id) == ("consumer-contract", "jz-410802-consumer")
    assert d.warnings == [
        "The cause '网络购物买卖合同纠纷' is not in the 案由 taxonomy 2020+2025; it was routed "
        "by keyword, like 买卖合同纠纷."
    ]


@pytest.mark.parametrize(
    "cause",
    ["超龄劳动者用工纠纷", "新就业形态追索劳动报酬纠纷", "承包人、被挂靠人用工主体责任纠纷"],
)
def test_a_2025_labour_cause_reaches_the_labour_body_without_a_warning(cause: str) -> None:
    # 法〔2025〕226号 added these under 劳动争议、人事争议、新就业形态用工纠纷 (issue 13).
    d = Router(load_rules(default_rules_file())).route(
        dispute(cause, location="410802", received_on=dt.date(2026, 11, 2))
    )
    assert (d.org.kind, d.org.field) == (OrgKind.PROFESSIONAL, "labour")
    assert d.warnings == []


def test_rules_in_2020_group_names_match_2025_causes_and_the_other_way_round() -> None:
    r = rules(
        ROOT
        + "  routes:\n"
        + "    - {name: old, match: {cause_group: 劳动争议、人事争议}, target: jz-410800-credit}\n"
        + "    - {name: new, match: {cause_group: 发明专利合同纠纷}, target: jz-410800-ip}\n"
    )
    assert Router(r).route(dispute("超龄劳动者用工纠纷")).rule == "old"
    assert Router(r).route(dispute("专利合同纠纷")).rule == "new"  # 2020's name, split in 2025


@pytest.mark.parametrize(
    "cause",
    [
        "滥用优势地位拖欠中小企业账款纠纷",
        "养老服务合同纠纷",
        "数据合同纠纷",
        "超龄劳动者劳务合同纠纷",
    ],
)
def test_new_2025_causes_are_known_to_routing(cause: str) -> None:
    d = Router(load_rules(default_rules_file())).route(
        dispute(cause, received_on=dt.date(2026, 3, 1))
    )
    assert d.warnings == []


def test_a_2020_only_name_on_a_dispute_received_in_2026_is_routed_with_a_warning() -> None:
    r = load_rules(default_rules_file())
    old_name = dispute("网络侵权责任纠纷", received_on=dt.date(2026, 2, 1))
    assert Router(r).route(old_name).warnings == [
        "The cause '网络侵权责任纠纷' is not in the 案由 revision 2025 that applies to disputes "
        "received on 2026-02-01; use that revision's name on court papers."
    ]
    in_2025 = dispute("网络侵权责任纠纷", received_on=dt.date(2025, 12, 31))
    assert Router(r).route(in_2025).warnings == []
    assert Router(r).explain(old_name).warnings == Router(r).route(old_name).warnings


def test_a_cause_with_no_known_name_inside_routes_on_its_other_facts() -> None:
    d = Router(load_rules(default_rules_file())).route(
        dispute("乱七八糟", amount=Decimal(100), location="410802009901")
    )
    assert d.rule == "village"
    assert "no known cause is named in it" in d.warnings[0]


def test_every_decision_carries_the_rules_content_hash() -> None:
    text = ROOT
    r = rules(text)
    import hashlib

    assert (
        Router(r).route(dispute()).rules_version
        == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    )


def test_matchers_on_parties_tags_counts_facts_and_regex() -> None:
    r = rules(
        ROOT
        + "  routes:\n"
        + "    - name: many\n"
        + "      match: {party_count: {role: respondent, gte: 2}}\n"
        + "      target: jz-410800-credit\n"
        + "    - name: firm\n"
        + "      match: {all_parties: {kind: enterprise}}\n"
        + "      target: jz-410800-industry\n"
        + "    - {name: named, match: {party: {name_keyword: 银行}}, target: jz-410800-finance}\n"
        + "    - {name: tagged, match: {tags: [urgent]}, target: jz-410800-price}\n"
        + "    - {name: facts, match: {facts_keyword: 拖欠}, target: jz-410800-ip}\n"
        + "    - {name: regex, match: {cause_regex: '^民间'}, target: jz-410800-admin}\n"
    )
    person = Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三")
    firm = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "某银行焦作分行")
    other = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "王五")
    buyer = Party(PartyRole.APPLICANT, PartyKind.ENTERPRISE, "某贸易公司")
    router = Router(r)
    assert router.route(dispute(parties=[person, firm, other])).rule == "many"
    assert router.route(dispute(parties=[buyer, firm])).rule == "firm"
    assert router.route(dispute(parties=[person, firm])).rule == "named"
    assert router.route(dispute(tags=["urgent"])).rule == "tagged"
    assert router.route(dispute("买卖合同纠纷", facts="长期拖欠货款")).rule == "facts"
    assert router.route(dispute()).rule == "regex"
    assert router.route(dispute("买卖合同纠纷")).rule == "root"


def test_the_fast_and_the_explained_routes_agree_on_many_random_disputes() -> None:
    r = load_rules(default_rules_file())
    rng = random.Random(20261125)
    taxonomy = bundled_taxonomy()
    causes = [*[c.name for c in taxonomy.walk() if c.level >= 3][:400], "某种新纠纷"]
    locations = [None, "410802", "410871062901", "温县", "410825101", "火星"]
    kinds = list(PartyKind)
    for _ in range(600):
        parties = [
            Party(
                PartyRole.APPLICANT, rng.choice(kinds), "甲", industry=rng.choice([None, "finance"])
            ),
            Party(PartyRole.RESPONDENT, rng.choice(kinds), "乙"),
        ]
        case = dispute(
            rng.choice(causes),
            parties=parties,
            amount=rng.choice([None, Decimal(500), Decimal(30000), Decimal(900000)]),
            source=rng.choice(list(Source)),
            location=rng.choice(locations),
            tags=rng.choice([[], ["price_dispute"], ["cross_village"], ["administrative"]]),
        )
        fast, slow = Router(r).route(case), Router(r).explain(case)
        assert (fast.org.id, fast.path, fast.deadline_days, fast.warnings) == (
            slow.org.id,
            slow.path,
            slow.deadline_days,
            slow.warnings,
        )


@pytest.mark.parametrize(
    ("location", "county"),
    [
        ("410802009901", "410802"),
        ("解放区", "410802"),
        ("焦作市修武县七贤镇某村", "410821"),
        ("410800", None),
        (None, None),
        ("北京", None),
    ],
)
def test_places_and_codes_resolve_to_their_county(location: str | None, county: str | None) -> None:
    assert bundled_network().county_code(location) == county


def test_an_explanation_names_the_condition_that_failed_and_cuts_long_lists() -> None:
    r = rules(
        ROOT
        + "  routes:\n"
        + "    - name: many\n"
        + "      match:\n"
        + "        cause: [买卖合同纠纷, 赠与合同纠纷, 借款合同纠纷, 保证合同纠纷, 租赁合同纠纷]\n"
        + "      target: jz-410800-credit\n"
        + "    - {name: big, match: {amount: {gte: 1000}}, target: jz-410800-finance}\n"
    )
    d = Router(r).explain(dispute(amount=Decimal(10)))
    assert [s.as_json() for s in d.trace] == [
        {
            "rule": "many",
            "matched": False,
            "why": "cause 民间借贷纠纷 is not one of "
            "买卖合同纠纷、赠与合同纠纷、借款合同纠纷… (5 in all)",
        },
        {"rule": "big", "matched": False, "why": "amount 10 is not ≥ 1000"},
    ]


def test_a_location_code_the_divisions_table_does_not_know_is_routed_with_a_warning() -> None:
    # Issue 13: 410802099 is well formed but no township of 解放区 has it (NBS 2023).
    r = load_rules(default_rules_file())
    d = Router(r).route(dispute(location="410802099", received_on=dt.date(2026, 11, 2)))
    assert d.warnings == [
        "The location code 410802099 is not in the divisions table; the dispute was routed "
        "by the divisions above it. Check the code."
    ]
    assert d.org.division_code.startswith("410802")
    assert Router(r).explain(dispute(location="410802099")).warnings == d.warnings


def test_a_real_township_code_reaches_that_townships_centre() -> None:
    # Issue 13: 410802009 is 王褚街道 (NBS 2023); it used to reach another body.
    r = load_rules(default_rules_file())
    d = Router(r).route(dispute(location="410802009", amount=Decimal(30000)))
    assert (d.org.id, d.org.name) == (
        "jz-410802009-township-center",
        "焦作市解放区王褚街道矛盾纠纷调处中心",
    )
    assert d.warnings == []


SHOP = "焦作市解放区老钱烧烤店"
SHOP_AT = "焦作市解放区民主南路9号"


def _placed_by_a_party(respondent: Party) -> list[str]:
    applicant = Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三")
    decision = Router(load_rules(default_rules_file())).route(
        dispute("买卖合同纠纷", parties=[applicant, respondent])
    )
    return [w for w in decision.warnings if SHOP_AT in w]  # the place it was routed by


def test_rule_art8_para2_4_an_unplaced_sole_trader_is_routed_by_its_place_of_business_so_said() -> (
    None
):
    """市场主体登记管理条例 (2021) art. 8 para. 2(四): a 个体工商户's address is its 经营场所
    (its 住所 is its 经营者's, operator_address); the warning said 住所地 for it."""
    shop = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, SHOP, address=SHOP_AT)
    shop.legal_rep, shop.legal_rep_title = "钱某", "经营者"
    shop.operator_address = "焦作市山阳区焦东路8号"
    said = _placed_by_a_party(shop)
    assert said == [
        f"No place recorded: routed by the place of business recorded for {SHOP} ({SHOP_AT}), "
        "not by its operator's domicile. Record where the dispute arose."
    ]
    from mediate.i18n import in_language

    with in_language("zh_CN"):
        said = _placed_by_a_party(shop)
    assert said[0].startswith(f"未填写纠纷发生地：已按所录 {SHOP} 的经营场所（{SHOP_AT}）分流"), (
        said
    )


def test_rule_art22_an_unplaced_company_or_person_is_routed_by_its_domicile_so_said() -> None:
    company = Party(PartyRole.RESPONDENT, PartyKind.ENTERPRISE, "某某科技有限公司", address=SHOP_AT)
    company.legal_rep, company.legal_rep_title = "王五", "法定代表人"
    person = Party(PartyRole.RESPONDENT, PartyKind.PERSON, "李四", address=SHOP_AT)
    for party in (company, person):
        assert _placed_by_a_party(party) == [
            f"No place recorded: routed by the domicile of {party.name} ({SHOP_AT}). "
            "Record where the dispute arose."
        ]
