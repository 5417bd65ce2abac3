"""The default rules (rules/jiaozuo.yaml) against their named cases in rules/tests/."""

from __future__ import annotations

import pytest

from mediate.domain.model import OrgKind
from mediate.resources import default_rules_file, rules_dir
from mediate.routing.engine import Router
from mediate.routing.testing import RuleCase, check_case, load_rule_tests
from mediate.services.routing import _parse_test_case, load_rules

TEST_FILES = sorted((rules_dir() / "tests").glob("*.yaml"))


def _cases() -> list[RuleCase]:
    cases = []
    for path in TEST_FILES:
        cases.extend(load_rule_tests(path.read_text(encoding="utf-8"), path.name, _parse_test_case))
    return cases


CASES = _cases()


@pytest.mark.parametrize("test", CASES, ids=[c.name for c in CASES])
def test_each_named_case_reaches_its_expected_body(test: RuleCase) -> None:
    rules = load_rules(default_rules_file())
    result = check_case(test, Router(rules).route(test.case))
    assert result.mismatches == []


def test_every_route_of_the_default_rules_is_taken_by_some_named_case() -> None:
    rules = load_rules(default_rules_file())
    taken = set()
    for test in CASES:
        decision = Router(rules).explain(test.case)
        taken.update(decision.path)
        taken.update(s.rule for s in decision.trace if s.matched)  # `continue` routes
    assert {r.name for r in rules.routes()} - taken == set()


def test_every_kind_of_body_is_reached_by_some_named_case() -> None:
    rules = load_rules(default_rules_file())
    reached = {Router(rules).route(c.case).org.kind for c in CASES}
    assert reached == set(OrgKind)


def test_a_large_claim_carries_the_notice_of_the_continue_route() -> None:
    rules = load_rules(default_rules_file())
    large = next(
        c for c in CASES if c.name == "a large claim taken in locally goes to the county centre"
    )
    decision = Router(rules).route(large.case)
    assert decision.rule == "county-door"
    assert decision.warnings == ["标的额在50万元以上，请报分管领导并优先安排调解。"]


def test_the_explained_decision_is_the_fast_one_for_every_named_case() -> None:
    rules = load_rules(default_rules_file())
    for test in CASES:
        fast, slow = Router(rules).route(test.case), Router(rules).explain(test.case)
        assert (fast.org.id, fast.path, fast.deadline_days, fast.warnings) == (
            slow.org.id,
            slow.path,
            slow.deadline_days,
            slow.warnings,
        ), test.name


def test_a_local_dispute_goes_to_a_body_inside_its_own_county() -> None:
    rules = load_rules(default_rules_file())
    local = [c for c in CASES if c.case.location and "local" in Router(rules).route(c.case).path]
    assert len(local) >= 6
    for test in local:
        county = rules.network.county_code(test.case.location)
        decision = Router(rules).route(test.case)
        if county is not None:
            assert decision.org.division_code.startswith(county), test.name


def test_the_rule_test_files_are_the_ones_shipped() -> None:
    assert [p.name for p in TEST_FILES] == ["disputes.yaml", "jiaozuo.yaml"]
