"""Start-up of the everyday commands against a bare `python -c pass` (issue 19).

On a small SQLite database (`mediate init` and one generated case), each command runs as a
fresh process in pairs with `python -c pass`, one right after the other; the figure is the
median of the per-pair ratios of the children's CPU time (user + system, from `wait4`), so
a loaded machine slows both halves of a pair alike. Goals: `--help` within 5×, the reads
(`case show`, `case list`, `case find`, `today`, `org list`) within 10×.

Three sets of rows:

- output to a pipe (`NO_COLOR`, English), the rows above;
- **at a terminal**: the reads again with stdin, stdout and stderr a pseudo-terminal of
  80 × 24 (`TERM=xterm-256color`, colours on, no COLUMNS), as a clerk types them; the
  `python -c pass` of each pair runs at such a terminal too;
- **on PostgreSQL**, with `--pg URL` (MEDIATE_BENCH_PG): `case show` and `case list` on a
  database of the same one case, created for the run (marked as the benchmark's) and
  dropped after it, and `python -c 'import psycopg'` for reference: the driver's import
  is the floor of any command on PostgreSQL. Connecting goes over the URL's host (TCP on
  127.0.0.1 for the project's test server), so the server's own work is not counted: only
  the command's CPU.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import uuid
from pathlib import Path

from benchmarks.core import (
    ChildRun,
    Measure,
    Missing,
    Size,
    at_most,
    bench_env,
    mediate_argv,
    python,
    run_child,
    run_child_at_terminal,
)
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


# The reads again at a terminal: (label, arguments) of COMMANDS.
AT_TERMINAL = [(label, args, goal) for label, args, goal in COMMANDS if goal == GOAL]
TERMINAL = {"TERM": "xterm-256color"}  # colours on: no NO_COLOR, no COLUMNS
TERMINAL_SIZE = (80, 24)


def _at_terminal(argv: list[str], env: dict[str, str]) -> ChildRun:
    columns, lines = TERMINAL_SIZE
    return run_child_at_terminal(argv, env, columns=columns, lines=lines)


def paired(
    argv: list[str], pairs: int, env: dict[str, str], terminal: bool = False
) -> tuple[float, float, float]:
    """(median of the per-pair CPU ratios, median command CPU s, median bare CPU s): each
    pair runs `python -c pass` and the command one after the other, so the neighbours'
    load hits both halves of a pair alike; with `terminal`, both at a pseudo-terminal."""
    child = _at_terminal if terminal else run_child
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
        measures.append(_paired_measure(f"startup: {label}", argv, pairs, env, goal, False))
    at_terminal = {k: v for k, v in env.items() if k != "NO_COLOR"} | TERMINAL
    for label, args, goal in AT_TERMINAL:
        argv = [*mediate_argv(), *(a.format(case=case_id, name=name) for a in args)]
        row = f"startup at a terminal ({TERMINAL_SIZE[0]}×{TERMINAL_SIZE[1]}): {label}"
        measures.append(_paired_measure(row, argv, pairs, at_terminal, goal, terminal=True))
    server = os.environ.get("MEDIATE_BENCH_PG")
    if server:
        measures += postgresql_rows(server, pairs, env)
    return measures


def _paired_measure(
    name: str, argv: list[str], pairs: int, env: dict[str, str], goal: float, terminal: bool
) -> Measure:
    try:
        ratio, own, bare = paired(argv, pairs, env, terminal)
    except Missing as exc:
        return Measure(name, goal=f"≤ {goal:g}× baseline", status="missing", note=str(exc))
    return _measure(name, own, bare, ratio, goal, pairs, terminal)


def postgresql_rows(server: str, pairs: int, env: dict[str, str]) -> list[Measure]:
    """`case show` and `case list` on a PostgreSQL database of one case (created for this
    run, marked as the benchmark's, dropped after it), and `import psycopg` alone."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from benchmarks.bench_reports import CREATED_MARK

    admin_url = make_url(server)
    name = f"mediate_bench_startup_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    measures = []
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            mark = CREATED_MARK.replace("'", "''")
            conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{mark}'"))
        try:
            url = admin_url.set(database=name).render_as_string(hide_password=False)
            case_id, _name = seed_one_case(url)
            pg_env = {**env, "MEDIATE_DB": url}
            for label, args in (
                ("mediate case show", ["case", "show", str(case_id)]),
                ("mediate case list", ["case", "list"]),
            ):
                measures.append(
                    _paired_measure(f"startup on PostgreSQL: {label}", [*mediate_argv(), *args],
                                    pairs, pg_env, GOAL, terminal=False)
                )  # fmt: skip
            floor = [python(), "-c", "import psycopg"]
            ratio, own, bare = paired(floor, pairs, env)
            measures.append(
                Measure("python -c 'import psycopg' (floor of any command on PostgreSQL)",
                        figure=own * 1000, unit="ms CPU", baseline=bare * 1000,
                        baseline_label="python -c pass", ratio=ratio, goal="— (for reference)",
                        note=f"median of {pairs} paired runs (CPU of each child)")
            )  # fmt: skip
        finally:
            with admin.connect() as conn:  # ours alone (a new name): FORCE ends any session
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
    return measures


def _measure(
    name: str,
    seconds: float,
    bare: float,
    ratio: float,
    goal: float,
    pairs: int,
    terminal: bool = False,
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
        note=f"median of {pairs} paired runs (CPU of each child"
        + (", both at a pseudo-terminal)" if terminal else ")"),
    )
