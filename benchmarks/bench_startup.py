"""Startup: `mediate --help` and `mediate case show ID` against a bare `python -c pass`.

Each command runs `repeats` times as a fresh process; the best time counts (the smaller of
the child's CPU and wall time, see `core.bound`), the least disturbed by other work on the
machine. Goal: within 10× the bare interpreter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.core import Measure, Missing, Size, at_most, bench_env, mediate_argv, python
from benchmarks.core import run_child as child
from benchmarks.generate import Generator

GOAL = 10.0


def best_of(argv: list[str], repeats: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeats):
        result = child(argv, env)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            raise Missing(f"`{' '.join(argv[-3:])}` exited {result.returncode}: {detail}")
        times.append(result.bounded_seconds)
    return min(times)


def seed_one_case(url: str) -> int:
    """A database after `mediate init` holding one generated case with its parties."""
    from mediate.services.setup import initialise
    from mediate.store.engine import make_engine
    from mediate.store.tables import CaseRow, PartyRow
    from mediate.store.uow import UnitOfWork

    engine = make_engine(url)
    try:
        initialise(engine, "基准测试")
        referral = next(Generator().referrals(1))
        with UnitOfWork(engine, "基准测试") as uow:
            case = CaseRow(
                court_case_no=referral.case_no,
                cause=referral.cause,
                amount=referral.amount,
                source=referral.source,
                referring_court=referral.court,
                received_on=referral.received_on,
                location=referral.location,
                county_code=referral.county,
                facts=referral.facts,
                status="registered",
                created_by="基准测试",
                created_at=dt.datetime.now(dt.UTC),
            )
            uow.session.add(case)
            uow.session.flush()
            assert case.id is not None
            sides = (("applicant", referral.applicants), ("respondent", referral.respondents))
            position = 0
            for role, parties in sides:
                for party in parties:
                    uow.session.add(
                        PartyRow(
                            case_id=case.id,
                            position=position,
                            role=role,
                            kind=party.kind,
                            name=party.name,
                            id_number=party.id_number,
                            address=party.address,
                            phone=party.phone,
                        )
                    )
                    position += 1
            uow.commit()
            return case.id
    finally:
        engine.dispose()


def run(size: Size, work: Path) -> list[Measure]:
    env = bench_env(work / "home")
    repeats = size.startup_repeats
    bare = best_of([python(), "-c", "pass"], repeats, env)
    label = "python -c pass"
    measures = []
    help_s = best_of([*mediate_argv(), "--help"], repeats, env)
    measures.append(_measure("startup: mediate --help", help_s, bare, label))
    floors = (("typer", "any command"), ("sqlmodel", "any database command"))
    for module, what in floors:
        floor_s = best_of([python(), "-c", f"import {module}"], repeats, env)
        floor = _measure(f"python -c 'import {module}' (floor of {what})", floor_s, bare, label)
        floor.goal, floor.passed = "— (for reference)", None
        measures.append(floor)
    url = f"sqlite:///{work / 'startup.db'}"
    case_id = seed_one_case(url)
    try:
        show_s = best_of([*mediate_argv(), "--db", url, "case", "show", str(case_id)], repeats, env)
    except Missing as exc:
        measures.append(
            Measure(
                "startup: mediate case show",
                goal=f"≤ {GOAL:g}× baseline",
                status="missing",
                note=str(exc),
            )
        )
    else:
        measures.append(_measure("startup: mediate case show", show_s, bare, label))
    return measures


def _measure(name: str, seconds: float, bare: float, label: str) -> Measure:
    ratio = seconds / bare
    return Measure(
        name,
        figure=seconds * 1000,
        unit="ms",
        baseline=bare * 1000,
        baseline_label=label,
        ratio=ratio,
        goal=f"≤ {GOAL:g}× baseline",
        passed=at_most(ratio, GOAL),
    )
