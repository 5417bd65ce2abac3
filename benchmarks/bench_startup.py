"""Start-up of the everyday commands against a bare `python -c pass` (issue 19).

On a small SQLite database (`mediate init` and one generated case), each command runs as a
fresh process in pairs with `python -c pass`, one right after the other; the figure is the
median of the per-pair ratios of the children's CPU time (user + system, from `wait4`), so
a loaded machine slows both halves of a pair alike. Goals: `--help` within 5×, the reads
(`case show`, `case list`, `case find`, `today`, `org list`) within 10×.
"""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

from benchmarks.core import Measure, Missing, Size, at_most, bench_env, mediate_argv, python
from benchmarks.core import run_child as child
from benchmarks.generate import Generator

GOAL = 10.0
HELP_GOAL = 5.0


def seed_one_case(url: str) -> tuple[int, str]:
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
            return case.id, referral.respondents[0].name
    finally:
        engine.dispose()


# The everyday commands of issue 19 and their goals (× `python -c pass`, CPU).
COMMANDS: tuple[tuple[str, list[str], float], ...] = (
    ("mediate --help", ["--help"], HELP_GOAL),
    ("mediate case show", ["case", "show", "{case}"], GOAL),
    ("mediate case list", ["case", "list"], GOAL),
    ("mediate case find", ["case", "find", "{name}"], GOAL),
    ("mediate today", ["today"], GOAL),
    ("mediate org list", ["org", "list"], GOAL),
)


def paired(argv: list[str], pairs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """(median of the per-pair CPU ratios, median command CPU s, median bare CPU s): each
    pair runs `python -c pass` and the command one after the other, so the neighbours'
    load hits both halves of a pair alike."""
    ratios, own, bare = [], [], []
    for _ in range(pairs):
        base = child([python(), "-c", "pass"], env)
        result = child(argv, env)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            raise Missing(f"`{' '.join(argv[-3:])}` exited {result.returncode}: {detail}")
        ratios.append(result.cpu_seconds / base.cpu_seconds)
        own.append(result.cpu_seconds)
        bare.append(base.cpu_seconds)
    return statistics.median(ratios), statistics.median(own), statistics.median(bare)


def compile_package() -> None:
    """Bytecode for every module of mediate, as `pip install` leaves it: with
    PYTHONDONTWRITEBYTECODE set (or a stale cache after an edit) every child would compile
    the sources again and measure the compiler."""
    import compileall

    import mediate

    compileall.compile_dir(Path(mediate.__file__).parent, quiet=1)


def run(size: Size, work: Path) -> list[Measure]:
    compile_package()
    env = bench_env(work / "home")
    pairs = max(3, size.startup_repeats * 2 + 1)
    url = f"sqlite:///{work / 'startup.db'}"
    case_id, name = seed_one_case(url)
    env = {**env, "MEDIATE_DB": url}
    measures = []
    for label, args, goal in COMMANDS:
        argv = [*mediate_argv(), *(a.format(case=case_id, name=name) for a in args)]
        try:
            ratio, own, bare = paired(argv, pairs, env)
        except Missing as exc:
            measures.append(
                Measure(f"startup: {label}", goal=f"≤ {goal:g}× baseline", status="missing",
                        note=str(exc))
            )  # fmt: skip
            continue
        measures.append(_measure(f"startup: {label}", own, bare, ratio, goal, pairs))
    return measures


def _measure(
    name: str, seconds: float, bare: float, ratio: float, goal: float, pairs: int
) -> Measure:
    return Measure(
        name,
        figure=seconds * 1000,
        unit="ms CPU",
        baseline=bare * 1000,
        baseline_label="python -c pass",
        ratio=ratio,
        goal=f"≤ {goal:g}× baseline",
        passed=at_most(ratio, goal),
        note=f"median of {pairs} paired runs (CPU of each child)",
    )
