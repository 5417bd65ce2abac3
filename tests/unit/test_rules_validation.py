"""Every kind of rules error, each with its bad-rules file and its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediate.errors import ValidationErrors
from mediate.routing.causes import bundled_taxonomy
from mediate.routing.loader import check_text, compile_text
from mediate.routing.network import bundled_network

BAD = Path(__file__).resolve().parent.parent / "data" / "rules"

KINDS = (
    "county_center, township_center, village_room, professional, non_litigation_center, "
    "finance_committee, credit_committee, ip_committee, price_mediation, "
    "admin_dispute_center, industry_mediation, court"
)
EXPECTED = {
    "unknown_key.yaml": [
        "unknown_key.yaml:6:7: root > finance: unknown key 'matcher' (expected one of: "
        "name, title, description, match, continue, target, strategy, deadlines, warn, "
        "yields_to, routes)"
    ],
    "wrong_type.yaml": [
        "wrong_type.yaml:6:23: root > finance: 'amount' takes a range such as "
        "{gte: 1000, lt: 50000}",
        "wrong_type.yaml:7:17: root > finance: 'continue' must be true or false, not 'yes'",
    ],
    "bad_regex.yaml": [
        "bad_regex.yaml:6:28: root > loans: bad regular expression '借款(合同': "
        "missing ), unterminated subpattern at position 2"
    ],
    "undefined_body.yaml": [
        "undefined_body.yaml:7:15: root > finance: undefined body 'jz-410800-bank'"
    ],
    "undefined_kind.yaml": [
        "undefined_kind.yaml:7:22: root > arbitration: unknown kind of body 'tribunal' "
        f"(known kinds: {KINDS})"
    ],
    "root_with_match.yaml": [
        "root_with_match.yaml:3:3: root: the root route takes every case: it cannot have 'match'"
    ],
    "root_without_default.yaml": [
        "root_without_default.yaml:2:3: root: the root route must name a default 'target'"
    ],
    "root_selector_without_fallback.yaml": [
        "root_selector_without_fallback.yaml:3:11: root: the root target is a selector: "
        "give it a 'fallback' body id"
    ],
    "duplicate_name.yaml": [
        "duplicate_name.yaml:11:11: root > ip > finance: duplicate route name 'finance' "
        "(first used at duplicate_name.yaml:5:7)"
    ],
    "shadowed.yaml": [
        "shadowed.yaml:9:7: root > loans: route 'loans' can never match: the earlier sibling "
        "'contracts' (without 'continue') already takes all its cases"
    ],
    "undefined_set.yaml": [
        "undefined_set.yaml:8:20: root > finance: undefined condition set 'banks'"
    ],
    "set_cycle.yaml": [
        "set_cycle.yaml:2:16: sets > banks: condition set 'banks' uses itself "
        "(banks > lenders > banks)"
    ],
    "unknown_cause.yaml": [
        "unknown_cause.yaml:6:22: root > loans: 'cause': '借钱不还纠纷' is not in the "
        "案由 taxonomy 2020+2025"
    ],
    # The rules declare the revision(s) their cause names come from; a 2025 cause in rules
    # declared for 2020 is an error (issue 13).
    "cause_of_another_revision.yaml": [
        "cause_of_another_revision.yaml:7:22: root > elderly-care: 'cause': '养老服务合同纠纷' "
        "is not in the 案由 taxonomy 2020"
    ],
    "unknown_revision.yaml": [
        "unknown_revision.yaml:1:11: the rules use 案由 taxonomy '2030' but '2020, 2025' is loaded"
    ],
    "bad_value.yaml": [
        "bad_value.yaml:4:13: root: 'strategy' must be one of least_open, round_robin, "
        "not 'fastest'",
        "bad_value.yaml:7:23: root > referred: 'source': 'court_ordered' is not one of "
        "court_delegated, court_entrusted, self_accepted, petition, transferred",
    ],
    "duplicate_key.yaml": ["duplicate_key.yaml:4:3: duplicate key 'target'"],
    "not_yaml.yaml": [
        "not_yaml.yaml:4:1: not valid YAML: a list in [ ] lacks ',' or ']' "
        "(found the end of the file)"
    ],
}


def errors_of(name: str) -> list[str]:
    text = (BAD / name).read_text(encoding="utf-8")
    spec, errors = check_text(text, name, bundled_network(), bundled_taxonomy())
    assert spec is None
    return [str(e) for e in errors]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_rules_file_fails_with_its_exact_messages(name: str) -> None:
    assert errors_of(name) == EXPECTED[name]


def test_every_bad_rules_file_has_its_expected_messages() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


def test_compiling_bad_rules_raises_every_error_with_a_summary() -> None:
    data = (BAD / "wrong_type.yaml").read_bytes()
    with pytest.raises(ValidationErrors) as raised:
        compile_text(data, "wrong_type.yaml", bundled_network(), bundled_taxonomy())
    lines = str(raised.value).splitlines()
    assert lines[0] == "wrong_type.yaml: 2 errors in the rules"
    assert len(raised.value.errors) == 2


def test_a_route_after_a_continue_sibling_is_not_shadowed() -> None:
    text = (
        (BAD / "shadowed.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "      target: {kind: county_center, fallback: jz-410800-county-center}",
            "      continue: true\n"
            "      target: {kind: county_center, fallback: jz-410800-county-center}",
        )
    )
    spec, errors = check_text(text, "x.yaml", bundled_network(), bundled_taxonomy())
    assert errors == []
    assert spec is not None


def test_a_route_after_a_sibling_whose_selector_may_find_nobody_is_not_shadowed() -> None:
    text = (
        (BAD / "shadowed.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "{kind: county_center, fallback: jz-410800-county-center}", "{kind: county_center}"
        )
    )
    assert check_text(text, "x.yaml", bundled_network(), bundled_taxonomy())[1] == []


@pytest.mark.parametrize(
    ("earlier", "later", "shadowed"),
    [
        ("{amount: {gte: 1000}}", "{amount: {gte: 5000, lt: 9000}}", True),
        ("{amount: {gte: 1000}}", "{amount: {gte: 500}}", False),
        ("{amount: {lt: 1000}}", "{amount: {lte: 1000}}", False),
        ("{source: [court_entrusted, court_delegated]}", "{source: court_entrusted}", True),
        ("{location: '4108'}", "{location: '410802009'}", True),
        ("{location: '410802'}", "{location: '410803'}", False),
        ("{cause_group: 借款合同纠纷}", "{cause: [民间借贷纠纷, 金融借款合同纠纷]}", True),
        ("{cause_group: 借款合同纠纷}", "{cause: [民间借贷纠纷, 买卖合同纠纷]}", False),
        ("{cause_keyword: 借贷}", "{cause: 民间借贷纠纷}", True),
        ("{party: {kind: [person, enterprise]}}", "{party: {kind: person, role: applicant}}", True),
        ("{party: {kind: person}}", "{all_parties: {kind: person}}", False),
        ("{tags: [a, b]}", "{tags: a, source: petition}", True),
        ("{any: [{tags: a}, {source: petition}]}", "{source: petition}", True),
        ("{tags: a}", "{any: [{tags: a}, {source: petition}]}", False),
        ("{not: {tags: a}}", "{not: {tags: a}, source: petition}", True),
    ],
)
def test_shadowing_is_found_only_when_it_is_certain(
    earlier: str, later: str, shadowed: bool
) -> None:
    text = (
        "route:\n  name: root\n  target: jz-410800-nlc\n  routes:\n"
        f"    - {{name: first, match: {earlier}, target: jz-410800-finance}}\n"
        f"    - {{name: second, match: {later}, target: jz-410800-credit}}\n"
    )
    errors = check_text(text, "x.yaml", bundled_network(), bundled_taxonomy())[1]
    assert [e.path for e in errors] == ([("root", "second")] if shadowed else [])
