"""Reports over a million cases: each report's service function, timed in process.

The database: `mediate init` (schema + network + taxonomy), then cases, routing decisions,
outcomes and judicial confirmations written straight into the schema with
`sqlite3.executemany` (indexes dropped during the load and rebuilt after it, exactly as
the schema defines them; no ANALYZE, since `mediate` does not run one either). It is cached
under benchmarks/out/ keyed by the generator version, the network and the schema, so a
schema change rebuilds it.

Figure: the median time of three runs of each report (`services.reports.report_*`), period
`2026`, and `report orgs` again with `--source court_entrusted` (the filtered form).
Baseline: one full scan of the case table (`SELECT count(*), sum(amount) FROM cases`), what
a report costs with no index to help it. Goal: under 1 s each. A report and
its baseline are always timed on the same clock, so their ratio compares like with like:
CPU time on SQLite (the queries run in this process; `mediate report funnel` end to end is
the child's CPU time), wall time on PostgreSQL (the work is in the server).

With `--pg URL` (MEDIATE_BENCH_PG) the same rows are also loaded with COPY into a cached
database on that PostgreSQL server (then VACUUM ANALYZE, as autovacuum would) and timed there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import random
import re
import shutil
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.core import (
    Measure,
    Missing,
    Size,
    bench_env,
    mediate_argv,
    run_child,
    timed,
)
from benchmarks.generate import CAUSES, COUNTIES, COUNTY_WEIGHTS, data_key, out_dir

GOAL_SECONDS = 1.0
AS_OF = dt.date(2026, 11, 25)
FIRST_DAY = dt.date(2025, 1, 1)
DAYS = (dt.date(2026, 11, 20) - FIRST_DAY).days
PERIOD = "2026"
CLERK = "基准测试"
SOURCE = "court_entrusted"
CLERKS = tuple(f"书记员{n:02d}" for n in range(1, 41))

# Where disputes go, by kind of body (shares in per mille): the local network takes most,
# the court docking centres about a fifth, adjudication what is not for mediation.
KIND_WEIGHTS = (
    ("village_room", 150),
    ("township_center", 250),
    ("county_center", 220),
    ("professional", 120),
    ("non_litigation_center", 50),
    ("finance_committee", 80),
    ("credit_committee", 20),
    ("ip_committee", 5),
    ("price_mediation", 5),
    ("admin_dispute_center", 10),
    ("industry_mediation", 10),
    ("court", 80),
)
TERMS = "被申请人于协议签订之日起三十日内支付申请人欠款。"
REASON = "双方分歧较大，未能达成协议。"
FINANCE_CAUSES = ("金融借款合同纠纷", "信用卡纠纷")
OPEN_STATUSES = (("registered", 5), ("routed", 30), ("assigned", 30), ("in_mediation", 35))
CONFIRMATION_STATUSES = (("confirmed", 80), ("filed", 12), ("dismissed", 5), ("drafted", 3))


def _weighted(pairs: tuple[tuple[str, int], ...]) -> Callable[[random.Random], str]:
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return lambda rng: rng.choices(values, weights)[0]


def _stamp(day: dt.date, hour: int = 1) -> str:
    """A UTC timestamp as SQLAlchemy stores aware datetimes on SQLite."""
    return f"{day.isoformat()} {hour:02d}:30:00.000000"


class Rows:
    """Seeded rows for cases and their records, one case at a time."""

    def __init__(self, orgs: list[tuple[str, str, str, str]], seed: int) -> None:
        self.rng = random.Random(seed)
        self.by_place: dict[tuple[str, str], list[str]] = {}
        self.by_kind: dict[str, list[str]] = {}
        for org_id, kind, _level, division in orgs:
            self.by_place.setdefault((kind, division[:6]), []).append(org_id)
            self.by_kind.setdefault(kind, []).append(org_id)
        self.kind_of = {org_id: kind for org_id, kind, _l, _d in orgs}
        self.pick_kind = _weighted(KIND_WEIGHTS)
        self.pick_open = _weighted(OPEN_STATUSES)
        self.pick_confirmation = _weighted(CONFIRMATION_STATUSES)
        self.causes = [c.name for c in CAUSES]
        self.cause_weights = [c.weight for c in CAUSES]
        self.counties = [c.code for c in COUNTIES]
        self.courts = {c.code: c.court for c in COUNTIES}

    def org_for(self, kind: str, county: str) -> str:
        choices = self.by_place.get((kind, county)) or self.by_kind.get(kind)
        if not choices:
            choices = self.by_place.get(("county_center", county)) or self.by_kind["county_center"]
        return self.rng.choice(choices)

    def case(self, case_id: int) -> dict[str, Any]:
        rng = self.rng
        county = rng.choices(self.counties, COUNTY_WEIGHTS)[0]
        kind = self.pick_kind(rng)
        org_id = self.org_for(kind, county)
        kind = self.kind_of[org_id]
        cause = (
            rng.choice(FINANCE_CAUSES)
            if kind == "finance_committee"
            else rng.choices(self.causes, self.cause_weights)[0]
        )
        received = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        source = rng.choices(
            ("court_entrusted", "court_delegated", "self_accepted", "petition"), (45, 15, 35, 5)
        )[0]
        days = 15 if source == "court_entrusted" else 30
        row: dict[str, Any] = {
            "id": case_id,
            "court_case_no": (
                f"（2026）豫{county[2:]}民初{case_id}号" if source.startswith("court") else None
            ),
            "cause": cause,
            "amount": rng.randrange(100_000, 50_000_000) if rng.random() < 0.85 else None,
            "source": source,
            "procedure": "summary" if source == "court_entrusted" else None,
            "referring_court": self.courts[county] if source.startswith("court") else None,
            "received_on": received.isoformat(),
            "location": county,
            "county_code": county,
            "tags": "[]",
            "status": "routed",
            "org_id": org_id,
            "route_rule": kind,
            "deadline_days": days,
            "deadline": (received + dt.timedelta(days=days)).isoformat(),
            "assigned_on": None,
            "extension_days": 0,
            "closed_on": None,
            "version": 1,
            "created_by": rng.choice(CLERKS),
            "created_at": _stamp(received),
            "updated_at": _stamp(received),
        }
        if kind == "court":
            row["deadline"] = row["deadline_days"] = None
            return row
        age = (AS_OF - received).days
        if rng.random() < min(0.97, age / 60):
            closed = received + dt.timedelta(days=rng.randint(2, max(2, min(age, 75))))
            row["status"] = rng.choices(("settled", "failed", "withdrawn"), (62, 30, 8))[0]
            row["closed_on"] = closed.isoformat()
            row["updated_at"] = _stamp(closed, 8)
        else:
            row["status"] = self.pick_open(rng)
        if row["status"] != "registered" and row["status"] != "routed":
            row["assigned_on"] = (received + dt.timedelta(days=1)).isoformat()
        return row

    def decision(self, case: dict[str, Any], org_id: str) -> dict[str, Any]:
        return {
            "case_id": case["id"],
            "org_id": org_id,
            "rule": self.kind_of[org_id],
            "path": f'["root", "{self.kind_of[org_id]}"]',
            "deadline_days": case["deadline_days"] or 0,
            "rules_version": "sha256:benchmark",
            "trace": "[]",
            "warnings": "[]",
            "decided_by": case["created_by"],
            "decided_at": case["created_at"],
        }

    def outcome(self, case: dict[str, Any]) -> dict[str, Any]:
        status = case["status"]
        follow_up = None
        if status == "failed":
            credit = self.kind_of[case["org_id"]] == "credit_committee"
            follow_up = (
                "credit_report"
                if credit
                else ("returned_to_court" if self.rng.random() < 0.75 else None)
            )
        closed = case["closed_on"]
        return {
            "case_id": case["id"],
            "result": status,
            "decided_on": closed,
            "terms": TERMS if status == "settled" else None,
            "amount": case["amount"] if status == "settled" else None,
            "effective_on": closed if status == "settled" else None,
            "reason": REASON if status == "failed" else None,
            "follow_up": follow_up,
            "recorded_by": case["created_by"],
            "recorded_at": case["updated_at"],
        }

    def confirmation(self, case: dict[str, Any]) -> dict[str, Any]:
        closed = dt.date.fromisoformat(case["closed_on"])
        status = self.pick_confirmation(self.rng)
        filed = closed + dt.timedelta(days=5)
        decided = filed + dt.timedelta(days=10) if status in ("confirmed", "dismissed") else None
        return {
            "case_id": case["id"],
            "court": self.courts[case["county_code"]],
            "status": status,
            "apply_by": (closed + dt.timedelta(days=30)).isoformat(),
            "filed_on": None if status == "drafted" else filed.isoformat(),
            "decided_on": decided.isoformat() if decided else None,
            "warnings": "[]",
            "version": 1,
            "updated_at": case["updated_at"],
        }

    def records(self, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
        """(table, row) for `count` cases and everything that hangs off them."""
        for case_id in range(1, count + 1):
            case = self.case(case_id)
            yield "cases", case
            if self.rng.random() < 0.04 and self.kind_of[case["org_id"]] != "county_center":
                # re-routed: first sent to the county docking centre, then onwards
                first = self.org_for("county_center", case["county_code"])
                yield "decisions", self.decision(case, first)
            yield "decisions", self.decision(case, case["org_id"])
            if case["closed_on"]:
                yield "outcomes", self.outcome(case)
                if case["status"] == "settled" and self.rng.random() < 0.55:
                    yield "confirmations", self.confirmation(case)


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, bool, bool]]:
    """(name, not null, has default or is the key) for each column of `table`."""
    return [
        (name, bool(notnull), dflt is not None or bool(pk))
        for _cid, name, _type, notnull, dflt, pk in conn.execute(f"PRAGMA table_info({table})")
    ]


class Loader:
    """executemany in chunks into whatever columns the current schema has."""

    TABLES = ("cases", "decisions", "outcomes", "confirmations")

    def __init__(self, conn: sqlite3.Connection, sample: dict[str, dict[str, Any]]) -> None:
        self.conn = conn
        self.sql: dict[str, tuple[str, list[str]]] = {}
        self.pending: dict[str, list[tuple[Any, ...]]] = {t: [] for t in self.TABLES}
        for table in self.TABLES:
            known = sample[table]
            names = []
            for name, notnull, has_default in _columns(conn, table):
                if name in known:
                    names.append(name)
                elif notnull and not has_default:
                    raise RuntimeError(f"the benchmark does not fill {table}.{name} (NOT NULL)")
            marks = ", ".join("?" for _ in names)
            self.sql[table] = (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", names)

    def add(self, table: str, row: dict[str, Any]) -> None:
        names = self.sql[table][1]
        batch = self.pending[table]
        batch.append(tuple(row.get(n) for n in names))
        if len(batch) >= 20_000:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.TABLES):
            if self.pending[name]:
                self.conn.executemany(self.sql[name][0], self.pending[name])
                self.pending[name] = []


def _schema_key(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        sql = [r[0] or "" for r in conn.execute("SELECT sql FROM sqlite_master ORDER BY name")]
    finally:
        conn.close()
    return hashlib.sha256("\n".join(sql).encode()).hexdigest()[:8]


def current_schema_key() -> str:
    """A short hash of the schema `mediate init` creates now and of its revision (cached
    databases key on it; a migration may change PostgreSQL's indexes only)."""
    from mediate.store.migrate import SCHEMA_HEAD

    probe = out_dir() / "schema-probe.db"
    probe.parent.mkdir(parents=True, exist_ok=True)
    try:
        _init(probe)
        return f"{_schema_key(probe)}{SCHEMA_HEAD}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{probe}{suffix}").unlink(missing_ok=True)


def _init(path: Path) -> None:
    from mediate.services.setup import initialise
    from mediate.store.engine import make_engine

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    try:
        initialise(engine, CLERK)
    finally:
        engine.dispose()


def _orgs(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    rows = conn.execute("SELECT id, kind, level, division_code FROM orgs WHERE active").fetchall()
    if not any(kind == "county_center" for _id, kind, _l, _d in rows):
        raise Missing("`mediate init` loaded no mediation network (no county_center bodies)")
    return rows


def build_database(path: Path, cases: int, seed: int = 1) -> Path:
    """A database after `mediate init` holding `cases` generated cases and their records."""
    _init(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA foreign_keys=OFF")
        rows = Rows(_orgs(conn), seed)
        sample: dict[str, dict[str, Any]] = {}
        for table, row in Rows(_orgs(conn), seed).records(200):
            sample.setdefault(table, row)
        tables = "', '".join(Loader.TABLES)
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ('{tables}')"
        ).fetchall()
        conn.execute("BEGIN")
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        loader = Loader(conn, sample)
        for table, row in rows.records(cases):
            loader.add(table, row)
        loader.flush()
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    return path


def report_database(cases: int) -> Path:
    """The cached report database for `cases` cases, built when absent or stale."""
    directory = out_dir()
    directory.mkdir(parents=True, exist_ok=True)
    key = f"{data_key()}-{current_schema_key()}"
    path = directory / f"reports-{key}-{cases}.db"
    if not path.exists():
        for stale in directory.glob(f"reports-*-{cases}.db*"):  # older generator or schema
            stale.unlink()
        building = path.with_name(path.name + ".part")
        build_database(building, cases)
        shutil.move(building, path)
    return path


def _median_seconds(fn: Callable[[], Any], repeats: int = 3) -> tuple[float, float]:
    """Median CPU seconds and median wall seconds of `repeats` runs of `fn()`."""
    runs = [timed(fn)[:2] for _ in range(repeats)]
    return statistics.median(c for c, _ in runs), statistics.median(w for _, w in runs)


def _reports_service() -> Any:
    try:
        from mediate.services import reports
    except ImportError as exc:
        raise Missing(f"mediate.services.reports is not available: {exc}") from exc
    return reports


def _runs(reports: Any) -> dict[str, Callable[[Any], Any]]:
    """Report name → the service call to time on a unit of work."""
    filters = reports.make_filters(period=PERIOD, today=AS_OF)
    # `--source`: the case filter that keeps the most cases (45 %), so the slowest one
    one_source = reports.make_filters(period=PERIOD, today=AS_OF, source=SOURCE)
    return {
        "funnel": lambda uow: reports.report_funnel(uow, filters),
        "orgs": lambda uow: reports.report_orgs(uow, filters, as_of=AS_OF),
        f"orgs --source {SOURCE}": lambda uow: reports.report_orgs(uow, one_source, as_of=AS_OF),
        "overdue": lambda uow: reports.report_overdue(uow, filters, as_of=AS_OF),
        "causes": lambda uow: reports.report_causes(uow, filters),
        "months": lambda uow: reports.report_months(uow, filters),
    }


def time_reports(
    url: str, backend: str, build_seconds: float, login: str | None = None
) -> tuple[list[Measure], int, float]:
    """Each report on the database at `url`; also the case count and the baseline seconds.

    On SQLite the queries run in this process: CPU time, for the reports and the baseline
    alike. On PostgreSQL they run in the server: wall time for both (the row's name says),
    and, when the server runs on this machine, the server's CPU time in a second pass
    (`server_cpu`). `login`: the row label of a clerk's own login (`url` connects as it;
    row-level security applies), None for the tables' owner."""
    from mediate.store.engine import make_engine
    from mediate.store.uow import UnitOfWork

    runs = _runs(_reports_service())
    use_cpu = backend == "SQLite"
    who = f", {login} login" if login else ""
    suffix = "" if use_cpu else f", {backend}{who} (wall)"
    measures = []
    engine = make_engine(url)
    try:
        with UnitOfWork(engine, CLERK) as uow:
            conn = uow.session.connection()
            scan = "SELECT count(*), sum(amount) FROM cases"
            cpu, wall = _median_seconds(lambda: conn.exec_driver_sql(scan).all())
            baseline = cpu if use_cpu else wall
            (count,) = conn.exec_driver_sql("SELECT count(*) FROM cases").one()
            for name, report in runs.items():
                cpu, wall = _median_seconds(lambda report=report: report(uow))
                seconds = cpu if use_cpu else wall
                measures.append(
                    Measure(
                        f"report {name}, {count:,} cases{suffix}",
                        figure=seconds * 1000,
                        unit="ms",
                        baseline=baseline * 1000,
                        baseline_label="full scan",
                        ratio=seconds / baseline,
                        goal=f"< {GOAL_SECONDS * 1000:g} ms",
                        passed=seconds < GOAL_SECONDS,
                        extra={
                            "clock": "cpu" if use_cpu else "wall",
                            "cpu_seconds": cpu,
                            "wall_seconds": wall,
                            "database_build_seconds": build_seconds,
                            "login": login or "owner",
                        },
                    )
                )
    finally:
        engine.dispose()
    if not use_cpu:
        server = server_cpu(url, runs)
        for measure, seconds in zip(measures, server.values(), strict=True):
            if seconds is None:
                measure.note = "server CPU not measured: the server is not on this machine"
                continue
            measure.extra["server_cpu_seconds"] = seconds
            measure.note = f"server CPU {seconds * 1000:,.0f} ms"
    return measures, count, baseline


def _backend_cpu(pid: int) -> float | None:
    """user + system CPU seconds of the local process `pid` if it is a PostgreSQL backend."""
    try:
        if Path(f"/proc/{pid}/comm").read_text().strip() != "postgres":
            return None
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(url: str, runs: dict[str, Callable[[Any], Any]]) -> dict[str, float | None]:
    """The PostgreSQL server's CPU seconds for each report (median of three runs): the
    user + system time, from /proc, of every backend the report's connections use. The
    connections carry an application name of their own and run without parallel workers
    (a worker's time ends with it), so on a loaded machine this is the server's own work,
    which wall time is not. None for each when the server is not on this machine."""
    from sqlalchemy import text

    from mediate.store.engine import make_engine
    from mediate.store.uow import UnitOfWork

    tag = f"mediate_bench_cpu_{uuid.uuid4().hex[:8]}"
    engine = make_engine(
        url,
        connect_args={"application_name": tag, "options": "-c max_parallel_workers_per_gather=0"},
    )
    # The benchmark's own pids are read by the server's owner, whoever `url` logs in as.
    watcher = make_engine(os.environ.get("MEDIATE_BENCH_PG") or url)
    found = text("SELECT pid FROM pg_stat_activity WHERE application_name = :tag")

    def total() -> float | None:
        with watcher.connect() as conn:
            pids = conn.execute(found, {"tag": tag}).scalars().all()
        seconds = [_backend_cpu(pid) for pid in pids]
        return None if not seconds or None in seconds else sum(s for s in seconds if s)

    result: dict[str, float | None] = {}
    try:
        with UnitOfWork(engine, CLERK) as uow:
            for name, report in runs.items():
                report(uow)  # every pooled connection opened before the clock starts
                samples = []
                for _ in range(3):
                    before = total()
                    report(uow)
                    after = total()
                    samples.append(None if before is None or after is None else after - before)
                known = [s for s in samples if s is not None]
                result[name] = statistics.median(known) if len(known) == 3 else None
    finally:
        engine.dispose()
        watcher.dispose()
    return result


def run(size: Size, work: Path) -> list[Measure]:
    _reports_service()
    start = time.perf_counter()
    path = report_database(size.report_cases)
    url = f"sqlite:///{path}"
    measures, count, baseline = time_reports(url, "SQLite", time.perf_counter() - start)
    measures.append(_cli_funnel(url, work, count, baseline))
    server = os.environ.get("MEDIATE_BENCH_PG")
    if server:
        measures += run_postgres(server, size, bool(os.environ.get("MEDIATE_BENCH_PG_LOGINS")))
    return measures


def run_postgres(server: str, size: Size, logins: bool) -> list[Measure]:
    """The reports on the cached database on the PostgreSQL server at `server`, as its
    owner; with `logins` also as each login of `clerk_logins`."""
    start = time.perf_counter()
    pg_url = postgres_report_database(server, size.report_cases)
    built = time.perf_counter() - start
    measures = time_reports(pg_url, "PostgreSQL", built)[0]
    if logins:
        with clerk_logins(pg_url) as urls:
            for label, login_url in urls.items():
                measures += time_reports(login_url, "PostgreSQL", built, login=label)[0]
    return measures


# -- clerks' own logins (row-level security) --------------------------------------------------
@contextlib.contextmanager
def clerk_logins(url: str) -> Iterator[dict[str, str]]:
    """Three clerks' own logins on the database at `url` (its owner's URL), for the run
    only: `admin` (every body), `supervisor` of the county docking centre with the most
    cases (it and every body below it: none in the bundled network, where only township
    centres have bodies below them) and `clerk` of that centre. Row-level security holds
    each to its bodies (`store/rls.py`): the admin sees every case, the other two the same
    3.5 % of them. Label → URL that logs in as it.

    The clerks are registered and their roles made (`CREATE ROLE`, granted as
    `mediate db grant` does) for the run and removed after it, whatever happens: while they
    are registered the registry is in use, so the owner's rows are timed before."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from mediate.store.rls import create_login_role, grant_clerk_privileges, role_exists

    tag = uuid.uuid4().hex[:8]
    owner = create_engine(url)
    made: list[tuple[str, str]] = []  # (clerk, role)
    try:
        with owner.begin() as conn:
            centre = conn.execute(
                text(
                    "SELECT c.org_id FROM cases c JOIN orgs o ON o.id = c.org_id "
                    "WHERE o.kind = 'county_center' GROUP BY c.org_id "
                    "ORDER BY count(*) DESC, c.org_id LIMIT 1"
                )
            ).scalar_one()
            logins = {}
            for label, org in (("admin", None), ("supervisor", centre), ("clerk", centre)):
                clerk, role = f"基准{label}-{tag}", f"mediate_bench_{tag}_{label}"
                create_login_role(conn, role, None)
                made.append((clerk, role))
                conn.execute(
                    text(
                        "INSERT INTO clerks (name, org_id, role, db_role, active, created_at) "
                        "VALUES (:n, :o, :r, :d, true, now())"
                    ),
                    {"n": clerk, "o": org, "r": label, "d": role},
                )
                grant_clerk_privileges(conn, role)
                logins[label] = make_url(url).set(username=role).render_as_string(False)
        yield logins
    finally:
        with owner.begin() as conn:
            for clerk, role in made:
                conn.execute(text("DELETE FROM clerks WHERE name = :n"), {"n": clerk})
                if role_exists(conn, role):  # not when the set-up itself failed
                    conn.execute(text(f"DROP OWNED BY {role}"))
                    conn.execute(text(f"DROP ROLE {role}"))
        owner.dispose()


# -- PostgreSQL -------------------------------------------------------------------------------
def _pg_columns(conn: Any, table: str) -> list[tuple[str, bool, bool]]:
    rows = conn.execute(
        "SELECT column_name, is_nullable = 'NO', column_default IS NOT NULL "
        "FROM information_schema.columns WHERE table_name = %s AND table_schema = current_schema() "
        "ORDER BY ordinal_position",
        (table,),
    ).fetchall()
    return [(name, bool(notnull), bool(has_default)) for name, notnull, has_default in rows]


def load_postgres(url: str, cases: int, seed: int = 1) -> None:
    """`mediate init` on the (empty) PostgreSQL database at `url`, then the same generated
    rows as on SQLite with COPY, in chunks (cases before what refers to them), then VACUUM
    ANALYZE: what autovacuum does to freshly inserted tables on a real server (statistics,
    and the visibility map, without which no index-only scan is worth the planner's while:
    every report would read the heap). The test server runs with autovacuum off."""
    import psycopg
    from sqlalchemy.engine import make_url

    from mediate.services.setup import initialise
    from mediate.store.engine import make_engine

    engine = make_engine(url)
    try:
        initialise(engine, CLERK)
    finally:
        engine.dispose()
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        conn.execute("SET TIME ZONE 'UTC'")
        orgs = conn.execute(
            "SELECT id, kind, level, division_code FROM orgs WHERE active"
        ).fetchall()
        if not any(kind == "county_center" for _id, kind, _l, _d in orgs):
            raise Missing("`mediate init` loaded no mediation network (no county_center bodies)")
        sample: dict[str, dict[str, Any]] = {}
        for table, row in Rows(orgs, seed).records(200):
            sample.setdefault(table, row)
        columns = {}
        for table in Loader.TABLES:
            names = []
            for name, notnull, has_default in _pg_columns(conn, table):
                if name in sample[table]:
                    names.append(name)
                elif notnull and not has_default:
                    raise RuntimeError(f"the benchmark does not fill {table}.{name} (NOT NULL)")
            columns[table] = names
        pending: dict[str, list[tuple[Any, ...]]] = {t: [] for t in Loader.TABLES}

        def flush() -> None:
            with conn.cursor() as cursor:
                for table in Loader.TABLES:
                    names = columns[table]
                    sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
                    with cursor.copy(sql) as copy:
                        for values in pending[table]:
                            copy.write_row(values)
                    pending[table] = []

        for table, row in Rows(orgs, seed).records(cases):
            pending[table].append(tuple(row.get(n) for n in columns[table]))
            if table == "cases" and len(pending["cases"]) >= 50_000:
                flush()
        flush()
        conn.execute("SELECT setval(pg_get_serial_sequence('cases', 'id'), max(id)) FROM cases")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM (ANALYZE)")


# Every database this benchmark creates on a PostgreSQL server carries this comment; it
# drops no other (the server may hold other people's databases, even ones named alike).
CREATED_MARK = "mediate benchmark cache (benchmarks/bench_reports.py); safe to drop"


def drop_stale_caches(conn: Any, cases: int, keep: str) -> list[str]:
    """Drop the cached report databases for `cases` cases that an older generator or schema
    left, those this benchmark created only (marked with `CREATED_MARK`), and only when
    nobody is connected to them (no FORCE: a concurrent run keeps its database).
    The names dropped."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    marked = conn.execute(
        text("SELECT datname FROM pg_database WHERE shobj_description(oid, 'pg_database') = :m"),
        {"m": CREATED_MARK},
    ).scalars()
    stale = [
        n
        for n in marked
        if n.startswith("mediate_bench_") and n.endswith(f"_{cases}") and n != keep
    ]
    dropped = []
    for old in stale:
        try:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{old}"'))
        except DBAPIError:  # in use by another run: left for a later one
            continue
        dropped.append(old)
    return dropped


def cache_name(cases: int) -> str:
    """The name of the cached report database for `cases` cases on a PostgreSQL server."""
    key = f"{data_key()}_{current_schema_key()}"
    return f"mediate_bench_{re.sub(r'[^a-z0-9]', '_', key.lower())}_{cases}"


def postgres_report_database(server: str, cases: int) -> str:
    """The cached report database on the PostgreSQL server at `server` (a URL whose
    database we may connect to in order to create others), built when absent or stale.

    It is built under a name of its own (`..._part_<random>`), marked as the benchmark's,
    and renamed when complete; a failed build drops only that database. A database already
    holding the cache's name that the benchmark did not create (no `CREATED_MARK`) is never
    used nor dropped: the benchmark reports itself missing instead."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = cache_name(cases)
    admin_url = make_url(server)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                    "WHERE datname = :n"
                ),
                {"n": name},
            ).first()
            if found is not None and found[0] != CREATED_MARK:
                # Somebody else's database under our name: neither timed nor dropped.
                raise Missing(
                    f"the PostgreSQL server already holds a database {name!r} that this "
                    "benchmark did not create; it is left alone (rename it, or point --pg "
                    "at another server)"
                )
            if found is None:
                drop_stale_caches(conn, cases, keep=name)
                part = f"{name}_part_{uuid.uuid4().hex[:8]}"
                conn.execute(text(f'CREATE DATABASE "{part}"'))
                try:
                    mark = CREATED_MARK.replace("'", "''")
                    conn.execute(text(f"COMMENT ON DATABASE \"{part}\" IS '{mark}'"))
                    load_postgres(
                        admin_url.set(database=part).render_as_string(hide_password=False),
                        cases,
                    )
                    conn.execute(text(f'ALTER DATABASE "{part}" RENAME TO "{name}"'))
                except BaseException:
                    # ours alone (its name is new): FORCE ends the loader's leftover sessions
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{part}" WITH (FORCE)'))
                    raise
    finally:
        admin.dispose()
    return admin_url.set(database=name).render_as_string(hide_password=False)


def _cli_funnel(url: str, work: Path, count: int, baseline: float) -> Measure:
    """`mediate report funnel` end to end, as a clerk types it (process start included):
    the median of three runs of the child's CPU time, the clock of the in-process SQLite
    baseline it is compared to."""
    name = f"mediate report funnel (CLI, end to end), {count:,} cases"
    argv = [*mediate_argv(), "--db", url, "report", "funnel", "--period", PERIOD]
    runs = []
    for _ in range(3):
        result = run_child(argv, bench_env(work / "home"))
        if result.returncode != 0:
            note = (result.stderr.strip().splitlines() or ["?"])[-1]
            return Measure(name, status="missing", note=f"exit {result.returncode}: {note}")
        runs.append(result)
    cpu = statistics.median(r.cpu_seconds for r in runs)
    return Measure(
        name,
        figure=cpu * 1000,
        unit="ms",
        baseline=baseline * 1000,
        baseline_label="full scan",
        ratio=cpu / baseline,
        goal=f"< {GOAL_SECONDS * 1000:g} ms",
        passed=cpu < GOAL_SECONDS,
        extra={
            "clock": "cpu",
            "cpu_seconds": cpu,
            "wall_seconds": statistics.median(r.seconds for r in runs),
            "cpu_seconds_runs": [r.cpu_seconds for r in runs],
        },
    )
