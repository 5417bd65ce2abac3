"""Shared fixtures: databases (SQLite file; PostgreSQL when reachable) and a CLI runner."""

from __future__ import annotations

import os
import signal
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.clockrun import FIXED_NOW

ROOT = Path(__file__).resolve().parent.parent
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output (those tests then skip, not pass)",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> object:
    """`golden(path, text)`: assert `text` equals the golden file, or rewrite it and skip
    when run with --update-golden (a rewritten file is never compared with itself)."""

    def check(path: Path, text: str) -> None:
        if request.config.getoption("--update-golden"):
            path.write_text(text, encoding="utf-8")
            pytest.skip(f"golden file rewritten: {path.name} (review the diff)")
        assert text == path.read_text(encoding="utf-8")

    return check


def pytest_configure(config: pytest.Config) -> None:
    # Keep the compiled catalogs in step with the .po files during development.
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import i18n as i18n_tool

        i18n_tool.compile_catalogs(ROOT)
    finally:
        sys.path.pop(0)
    from mediate.i18n import translations

    translations.cache_clear()


# Variables the fixture sets itself, and those that configure the test run (kept as given).
_SET_BY_FIXTURE = {"MEDIATE_HOME", "MEDIATE_CONFIG", "MEDIATE_LOG", "MEDIATE_LANG", "MEDIATE_CLERK"}
_TEST_RUN_SETTINGS = {"MEDIATE_TEST_PG", "MEDIATE_REQUIRE_PG"}
# Wide enough that no message a test compares is wrapped; tests of narrow layouts set their own.
TEST_COLUMNS = "200"


@pytest.fixture(scope="session", autouse=True)
def _fixed_clock_for_the_session() -> Iterator[None]:
    """The suite's fixed day from the start, so module- and session-scoped fixtures (a demo
    database made once for a module) run on it too, not on the real date: a demo made on
    the real day and a test run on the fixed one disagreed about what was received when."""
    from mediate import clock

    clock.set_clock(FIXED_NOW)
    yield
    clock.set_clock(None)


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads the developer's own config, database, log, terminal or date."""
    for var in list(os.environ):
        if var.startswith("MEDIATE_") and var not in _TEST_RUN_SETTINGS | _SET_BY_FIXTURE:
            monkeypatch.delenv(var)
    for var in ("UPDATE_GOLDEN", "NO_COLOR", "LINES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", TEST_COLUMNS)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MEDIATE_HOME", str(home / "data"))
    monkeypatch.setenv("MEDIATE_CONFIG", str(home / "config" / "mediate.toml"))
    monkeypatch.setenv("MEDIATE_LOG", str(home / "log" / "mediate.log"))
    monkeypatch.setenv("MEDIATE_LANG", "en")
    monkeypatch.setenv("MEDIATE_CLERK", "测试书记员")
    # Imports read in this process unless a test asks for the reader process: `auto` picks
    # one by file size and the machine's load (intake/worker.py), so a test would otherwise
    # change path with the load, and a monkeypatch of the intake modules (a smaller size
    # limit, say) would not reach a reader process. The reader's tests set it themselves.
    monkeypatch.setenv("MEDIATE_IMPORT_READER", "inline")
    from mediate import clock, console

    console.reset(width=int(TEST_COLUMNS))  # tables at a fixed width, never the terminal's
    clock.set_clock(FIXED_NOW)
    from mediate.routing.places import use_deployment_divisions

    # what intake checks a place against, as a new process starts: a command run in-process
    # by an earlier test told it another database's own divisions
    use_deployment_divisions(())
    yield
    clock.set_clock(FIXED_NOW)  # a test that moved the clock gives the next one back the day


def squash(text: str) -> str:
    """`text` without any whitespace: compare messages, not where a terminal wrapped them
    (Rich breaks Chinese text between characters and drops the space at an English break)."""
    return "".join(text.split())


def pg_url() -> str:
    return os.environ.get("MEDIATE_TEST_PG", PG_DEFAULT)


_pg_reason: str | None = None
_pg_checked = False


def pg_unavailable_reason() -> str | None:
    """None when PostgreSQL answers at MEDIATE_TEST_PG; else why not."""
    global _pg_checked, _pg_reason
    if not _pg_checked:
        _pg_checked = True
        try:
            import psycopg  # noqa: F401
            from sqlalchemy import create_engine, text

            engine = create_engine(pg_url(), connect_args={"connect_timeout": 3})
            with engine.connect() as conn:
                conn.execute(text("select 1"))
            engine.dispose()
        except Exception as exc:  # any failure means: no usable server
            _pg_reason = f"PostgreSQL not reachable at {pg_url()}: {str(exc).splitlines()[0]}"
    if _pg_reason and os.environ.get("MEDIATE_REQUIRE_PG"):
        pytest.fail(f"MEDIATE_REQUIRE_PG is set but {_pg_reason}")
    return _pg_reason


@dataclass
class Database:
    url: str
    backend: str


def pg_name_prefix(default: str) -> str:
    """How the names of the test databases and login roles begin: MEDIATE_TEST_PG_PREFIX
    (e.g. `acc_`, so engineers sharing a server tell their own apart), else `default`."""
    return os.environ.get("MEDIATE_TEST_PG_PREFIX") or default


def _fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test; dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(pg_url())
    name = f"{pg_name_prefix('mediate_t_')}{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database on each backend (PostgreSQL skipped with the reason if absent)."""
    if request.param == "sqlite":
        yield Database(url=f"sqlite:///{tmp_path / 'test.db'}", backend="sqlite")
        return
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    yield from (Database(url=u, backend="postgresql") for u in _fresh_pg_database())


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Database:
    return Database(url=f"sqlite:///{tmp_path / 'test.db'}", backend="sqlite")


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def interruptible() -> None:
    """`preexec_fn` of a process a test interrupts as Ctrl-C does (SIGINT): its SIGINT as at
    a clerk's terminal. A shell's background job without job control (`cmd &` in a script,
    as a detached CI run is started) begins with SIGINT ignored, every child inherits that,
    and Python then installs no KeyboardInterrupt: the import or the interview never saw the
    test's Ctrl-C (CI of 2026-12-03 started with `nohup … &`)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def invoke(args: list[str], input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in-process through its real entry point (error handler included)."""
    from typer.testing import CliRunner

    from mediate.cli import run

    runner = CliRunner()
    with runner.isolation(input=input, env=env) as streams:
        code = run(args)
        out, err = streams[0], streams[1]
        return Result(code, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture
def cli() -> object:
    return invoke


@pytest.fixture
def initialised(database: Database) -> Database:
    result = invoke(["--db", database.url, "init"])
    assert result.exit_code == 0, result.output
    return database


# ---------------------------------------------------------------- upgraded, emptied stores
# SQLite: a fresh file per test. PostgreSQL: one database per test session, upgraded once
# and emptied (TRUNCATE … RESTART IDENTITY) before each test — creating and dropping a
# PostgreSQL database per test costs about two seconds, most of these tests' time.


@pytest.fixture(scope="session")
def lifecycle_pg_url() -> Iterator[str]:
    from mediate.store.engine import make_engine
    from mediate.store.migrate import upgrade

    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    databases = _fresh_pg_database()
    url = next(databases)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    next(databases, None)  # drops the database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """An upgraded, empty database on each backend."""
    from sqlalchemy import text
    from sqlmodel import SQLModel

    from mediate.store import tables  # noqa: F401  (the metadata)
    from mediate.store.engine import make_engine
    from mediate.store.migrate import upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return Database(url=url, backend="sqlite")
    url = request.getfixturevalue("lifecycle_pg_url")
    engine = make_engine(url)
    names = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return Database(url=url, backend="postgresql")


@pytest.fixture
def desk_store(store: Database) -> Database:
    """`store` holding the clerk's desk case: case 1, (2026)豫0802民初7号, an applicant and
    a respondent 王五 with no address (tests/factories.py)."""
    from sqlmodel import Session

    from mediate.store.engine import make_engine
    from tests import factories

    engine = make_engine(store.url)
    with Session(engine) as session:
        factories.case(
            session,
            court_case_no="(2026)豫0802民初7号",
            parties=[factories.person(), factories.person("respondent", "王五", address=None)],
        )
        session.commit()
    engine.dispose()
    return store
