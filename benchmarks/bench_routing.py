"""Routing: µs per case with the default Jiaozuo rules against a root-only rule set.

Both rule sets are compiled by the routing loader against the bundled network and 案由
taxonomy; the cases are generated referrals as `CaseInput`s (what intake hands the router).
Each router first routes a warm-up slice (its per-cause caches fill as they would over a
real batch), then the best of three passes over every case counts.

Figure: µs per case on the default rules. Baseline: the same cases through a rule set with
only the root (one target, no matching at all). Goal: ≤ 5 µs per case.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from benchmarks.core import Measure, Missing, Size, at_most, bound, timed
from benchmarks.generate import Generator, GenParty, Referral

GOAL_US = 5.0
PASSES = 3


def case_input(referral: Referral) -> Any:
    from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole, Source

    def party(p: GenParty, role: PartyRole) -> Party:
        return Party(
            role=role,
            kind=PartyKind(p.kind),
            name=p.name,
            id_number=p.id_number,
            address=p.address,
            phone=p.phone,
            industry=p.industry,
        )

    return CaseInput(
        cause=referral.cause,
        parties=[party(p, PartyRole.APPLICANT) for p in referral.applicants]
        + [party(p, PartyRole.RESPONDENT) for p in referral.respondents],
        amount=referral.amount,
        source=Source(referral.source),
        court_case_no=referral.case_no,
        referring_court=referral.court,
        received_on=referral.received_on,
        location=referral.location,
        facts=referral.facts,
    )


def root_only_rules(target: str) -> str:
    return f"name: root only\nroute:\n  name: root\n  target: {target}\n"


def microseconds_per_case(router: Any, cases: list[Any]) -> float:
    """Best pass, with the cyclic garbage collector paused as `timeit` does: the benchmark
    holds every case in memory at once, which an import (streaming in chunks) never does,
    and collections scanning them would be charged to the router."""
    route = router.route

    def route_all() -> None:
        for case in cases:
            route(case)

    for case in cases[:1000]:
        route(case)
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(PASSES):
            cpu, wall, _ = timed(route_all)
            best = min(best, bound(cpu, wall))
    finally:
        if enabled:
            gc.enable()
    return best / len(cases) * 1e6


def run(size: Size, work: Path) -> list[Measure]:
    try:
        from mediate.resources import default_rules_file
        from mediate.routing.causes import bundled_taxonomy
        from mediate.routing.engine import Router
        from mediate.routing.loader import compile_text, load_rules_file
        from mediate.routing.network import bundled_network
    except ImportError as exc:
        raise Missing(f"the routing engine is not available: {exc}") from exc
    rules_file = default_rules_file()
    if not rules_file.exists():
        raise Missing(f"no default rules at {rules_file}")
    network = bundled_network()
    taxonomy = bundled_taxonomy()
    rules = load_rules_file(rules_file, network, taxonomy)
    target = network.of_kind("county_center")[0].id
    empty = compile_text(root_only_rules(target).encode(), "<root only>", network, taxonomy)
    cases = [case_input(r) for r in Generator().referrals(size.routing_cases)]
    ours = microseconds_per_case(Router(rules), cases)
    bare = microseconds_per_case(Router(empty), cases)
    return [
        Measure(
            f"routing {len(cases):,} cases, default rules",
            figure=ours,
            unit="µs/case",
            baseline=bare,
            baseline_label="root-only rules",
            ratio=ours / bare,
            goal=f"≤ {GOAL_US:g} µs/case",
            passed=at_most(ours, GOAL_US),
            extra={"rules_version": rules.version},
        )
    ]
