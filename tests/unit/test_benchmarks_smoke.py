"""The benchmarks at tiny sizes, so they never rot; and the generator's data is valid.

Timing goals are not asserted here (benchmarks are not timed tests): only that every
benchmark runs to a figure and that what it feeds the tool is what the tool accepts.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from stdnum.cn import ric, uscc

from benchmarks import generate
from benchmarks.core import SIZES, Measure
from benchmarks.generate import HEADERS, Generator
from benchmarks.run import BENCHMARKS, run_one, table
from tests.conftest import Database

TINY = SIZES["tiny"]


@pytest.fixture(autouse=True)
def _bench_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIATE_BENCH_OUT", str(tmp_path / "out"))


def test_generated_identity_numbers_and_credit_codes_pass_python_stdnum() -> None:
    people = companies = 0
    for referral in Generator(seed=7).referrals(2000):
        for party in referral.applicants + referral.respondents:
            if party.kind == "person":
                assert ric.is_valid(party.id_number), party.id_number
                people += 1
            else:
                assert uscc.is_valid(party.id_number), party.id_number
                companies += 1
    assert people > 1000 and companies > 300


def test_check_characters_match_published_examples() -> None:
    # python-stdnum's own documented valid numbers
    assert generate.ric_check_digit("36042619910101007") == "1"
    assert generate.uscc_check_char("91110000600037341") == "L"
    # GB 11714: 60003734 -> check 1 (the organisation code inside the USCC above)
    assert generate.org_code_check("60003734") == "1"


def test_the_same_seed_gives_the_same_rows_and_a_bigger_file_extends_a_smaller_one() -> None:
    first = list(Generator(seed=3).rows(50))
    assert first == list(Generator(seed=3).rows(50))
    assert list(Generator(seed=3).rows(80))[:50] == first
    assert first != list(Generator(seed=4).rows(50))


def test_the_rows_are_the_referrals_formatted() -> None:
    rows = list(Generator(seed=3).rows(30))
    referrals = list(Generator(seed=3).referrals(30))
    assert [r[0] for r in rows] == [r.case_no for r in referrals]
    assert [r[HEADERS.index("申请人")] for r in rows] == [
        "、".join(p.name for p in r.applicants) for r in referrals
    ]


def test_rows_have_every_referral_column_and_two_to_four_parties() -> None:
    counts = set()
    for row in Generator().rows(500):
        assert len(row) == len(HEADERS)
        cells = dict(zip(HEADERS, row, strict=True))
        names = cells["申请人"].split("、") + cells["被申请人"].split("、")
        ids = cells["申请人证件号"].split("、") + cells["被申请人证件号"].split("、")
        assert len(names) == len(ids)
        counts.add(len(names))
        assert cells["纠纷发生地"][:4] == "4108"
        assert cells["来源"] in ("委托调解", "委派调解")
    assert counts == {2, 3, 4}


def test_the_cause_mix_follows_its_weights() -> None:
    causes = [r.cause for r in Generator().referrals(5000)]
    share = causes.count("民间借贷纠纷") / len(causes)
    assert 0.16 < share < 0.22  # weight 190 of 1000


def test_csv_and_xlsx_files_hold_the_header_and_every_row(tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    csv_path = generate.write_csv(tmp_path / "r.csv", 25)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(HEADERS)
    assert rows[1:] == list(Generator().rows(25))
    xlsx_path = generate.write_xlsx(tmp_path / "r.xlsx", 25)
    sheet = CalamineWorkbook.from_path(str(xlsx_path)).get_sheet_by_index(0).to_python()
    assert [str(c) for c in sheet[0]] == list(HEADERS)
    assert len(sheet) == 26


def test_the_table_shows_figures_baselines_ratios_goals_and_missing_rows() -> None:
    measures = [
        Measure("x", 12.0, "ms", 3.0, "bare", 4.0, "≤ 10× baseline", True),
        Measure("y", goal="< 1000 ms", status="missing", note="not landed"),
    ]
    assert table(measures).splitlines()[2:] == [
        "| x | 12.0 ms | 3.00 ms (bare) | 4.00× | ≤ 10× baseline | pass |",
        "| y | — | — | — | < 1000 ms | MISSING: not landed |",
    ]


@pytest.mark.parametrize("name", list(BENCHMARKS))
def test_every_benchmark_runs_at_tiny_size(name: str, tmp_path: Path) -> None:
    measures = run_one(name, TINY, tmp_path / "work")
    assert measures
    for m in measures:
        assert m.status == "ok", f"{m.name}: {m.note}"
        assert m.figure is not None
        # a measured figure is positive; a difference of two timings (at this size noise,
        # and this is no timing test) only has to be a number
        assert m.figure > 0 or m.extra.get("difference"), m.name
        assert m.baseline is not None and m.baseline > 0
        assert m.passed is not None or m.goal.startswith("—")  # reference rows have no goal
        summary = m.extra.get("summary")
        if summary is not None:  # the import: generated rows are all valid referrals
            assert summary["rejected"] == 0, m.note
            assert summary["imported"] == TINY.import_rows
            parties = sum(
                len(r.applicants) + len(r.respondents)
                for r in Generator().referrals(TINY.import_rows)
            )
            stored = m.extra["stored"]
            assert (stored["cases"], stored["parties"]) == (TINY.import_rows, parties)
            assert stored["decisions"] == TINY.import_rows
            assert stored["events"] >= TINY.import_rows  # the audit trail of every case


def test_generated_dates_fall_in_2026() -> None:
    for referral in Generator().referrals(300):
        assert dt.date(2026, 1, 1) <= referral.received_on <= dt.date(2026, 11, 30)


def test_the_executemany_baseline_inserts_every_row_of_csv_and_xlsx(tmp_path: Path) -> None:
    from benchmarks.bench_import import bare_executemany

    for path in (
        generate.write_csv(tmp_path / "r.csv", 40),
        generate.write_xlsx(tmp_path / "r.xlsx", 40),
    ):
        _seconds, count = bare_executemany(path, tmp_path / f"{path.suffix[1:]}.db")
        assert count == 40


def _load_report_database(database: Database, cases: int) -> None:
    from sqlalchemy.engine import make_url

    from benchmarks.bench_reports import build_database, load_postgres

    if database.backend == "sqlite":
        build_database(Path(str(make_url(database.url).database)), cases)
    else:
        load_postgres(database.url, cases)


def test_the_report_database_is_consistent_with_itself_and_the_network(
    database: Database,
) -> None:
    from sqlalchemy import create_engine, text

    _load_report_database(database, 2000)
    engine = create_engine(database.url)
    try:
        with engine.connect() as conn:

            def one(sql: str) -> int:
                return int(conn.execute(text(sql)).scalar_one())

            assert one("SELECT count(*) FROM cases") == 2000
            assert one("SELECT count(*) FROM cases WHERE org_id NOT IN (SELECT id FROM orgs)") == 0
            closed = one("SELECT count(*) FROM cases WHERE closed_on IS NOT NULL")
            assert one("SELECT count(*) FROM outcomes") == closed > 1000
            assert (
                one(
                    "SELECT count(*) FROM outcomes o JOIN cases c ON c.id = o.case_id "
                    "WHERE o.result != c.status"
                )
                == 0
            )
            assert (
                one(
                    "SELECT count(*) FROM confirmations k JOIN cases c ON c.id = k.case_id "
                    "WHERE c.status != 'settled'"
                )
                == 0
            )
            assert one("SELECT count(DISTINCT case_id) FROM decisions") == 2000
            assert one("SELECT count(*) FROM cases WHERE closed_on < received_on") == 0
            if database.backend == "sqlite":
                names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
                assert "ix_case_report_funnel" in names  # indexes rebuilt after the load
                assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
                assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    finally:
        engine.dispose()


def test_every_report_runs_on_the_bulk_loaded_database(database: Database) -> None:
    from benchmarks.bench_reports import time_reports

    _load_report_database(database, 500)
    backend = "SQLite" if database.backend == "sqlite" else "PostgreSQL"
    measures, count, baseline = time_reports(database.url, backend, 0.0)
    assert count == 500 and baseline > 0
    assert [m.name.split(",")[0] for m in measures] == [
        "report funnel",
        "report orgs",
        "report orgs --source court_entrusted",
        "report overdue",
        "report causes",
        "report months",
    ]
    assert all(m.status == "ok" and m.figure and m.figure > 0 for m in measures)


@pytest.mark.pg
def test_the_reports_are_timed_as_each_clerks_own_login_which_is_gone_afterwards() -> None:
    from sqlalchemy import create_engine, text

    from benchmarks.bench_reports import clerk_logins, load_postgres, time_reports
    from tests.conftest import _fresh_pg_database, pg_unavailable_reason

    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    for url in _fresh_pg_database():
        load_postgres(url, 300)
        rows: list[Measure] = []
        with clerk_logins(url) as logins:
            roles = [login.split("//", 1)[1].split("@", 1)[0] for login in logins.values()]
            for label, login in logins.items():
                measures, count, _baseline = time_reports(login, "PostgreSQL", 0.0, login=label)
                rows += measures
                assert 0 < count < 300 if label != "admin" else count == 300
        assert list(logins) == ["admin", "supervisor", "clerk"]
        assert [m.name.split(", ")[-1] for m in rows[::6]] == [
            "admin login (wall)",
            "supervisor login (wall)",
            "clerk login (wall)",
        ]
        assert all(m.status == "ok" and m.figure and m.figure > 0 for m in rows)
        engine = create_engine(url)
        with engine.connect() as conn:
            left = conn.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:r)"), {"r": roles}
            ).scalar_one()
            clerks = conn.execute(text("SELECT count(*) FROM clerks")).scalar_one()
        engine.dispose()
        assert (left, clerks) == (0, 0)


_SETTINGS = ("cache_size", "foreign_keys", "synchronous", "journal_mode")


def test_the_replay_baseline_writes_with_the_import_s_settings_and_page_cache(
    tmp_path: Path,
) -> None:
    from benchmarks.bench_import import import_settings_connection
    from mediate.store.bulk import ImportCache
    from mediate.store.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'import.db'}")
    try:
        with engine.connect() as connection:
            ImportCache().enlarge(connection)  # as the import does before its first chunk
            raw = connection.connection.driver_connection
            imports = [raw.execute(f"PRAGMA {p}").fetchone()[0] for p in _SETTINGS]
    finally:
        engine.dispose()
    replay = import_settings_connection(tmp_path / "replay.db")
    try:
        assert [replay.execute(f"PRAGMA {p}").fetchone()[0] for p in _SETTINGS] == imports
    finally:
        replay.close()


def test_the_import_and_its_replay_are_timed_on_one_clock_and_write_the_same_rows(
    tmp_path: Path,
) -> None:
    import sqlite3

    from benchmarks.bench_import import REPLAY_TABLES, import_against_replay

    paired = import_against_replay(generate.write_csv(tmp_path / "r.csv", 30), "csv", tmp_path, 2)
    assert paired.imported == 30 and len(paired.imports) == len(paired.replays) == 2
    # each pair's ratio on CPU time, the replay's own against its import's
    pairs = zip(paired.replays, paired.imports, strict=True)
    low, high = sorted(r.cpu_seconds / i.cpu_seconds for r, i in pairs)
    assert low <= paired.ratio("cpu") <= high
    assert not (tmp_path / "replay.db-wal").exists()  # closed, checkpointed: as the import
    tables = {}
    for name in ("import-csv.db", "replay.db"):
        conn = sqlite3.connect(tmp_path / name)
        tables[name] = {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in REPLAY_TABLES}
        conn.close()
    assert tables["replay.db"] == tables["import-csv.db"]


def test_the_import_s_memory_is_both_processes_peaks_and_its_cpu_counts_the_reader(
    tmp_path: Path,
) -> None:
    from benchmarks.bench_import import mediate_import

    source = generate.write_csv(tmp_path / "r.csv", 30)
    ran = {}
    for reader in ("inline", "process"):
        env = {"MEDIATE_IMPORT_READER": reader}
        ran[reader], summary = mediate_import(source, tmp_path / "i.db", tmp_path / "home", env)
        assert summary["imported"] == 30
    inline, process = ran["inline"], ran["process"]
    assert inline.reader_peak_kib == 0 and inline.peak_kib == inline.own_peak_kib > 0
    assert process.reader_peak_kib > 0 and process.own_peak_kib > 0
    assert process.peak_kib == process.own_peak_kib + process.reader_peak_kib
    # the reader's CPU is counted (reaped: wait4 adds it), the importing process's apart
    assert process.cpu_seconds > process.own_cpu_seconds > 0


def test_reports_and_their_baseline_are_timed_on_the_same_clock(sqlite_db: Database) -> None:
    from benchmarks.bench_reports import time_reports

    _load_report_database(sqlite_db, 200)
    measures, _count, baseline = time_reports(sqlite_db.url, "SQLite", 0.0)
    for m in measures:
        assert m.extra["clock"] == "cpu"
        assert m.figure == m.extra["cpu_seconds"] * 1000
        assert m.baseline == baseline * 1000


@pytest.fixture
def pg_admin() -> object:
    from sqlalchemy import create_engine

    from tests.conftest import pg_unavailable_reason, pg_url

    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    admin = create_engine(pg_url(), isolation_level="AUTOCOMMIT")
    yield admin
    admin.dispose()


def _pg_databases(conn: object, prefix: str) -> set[str]:
    from sqlalchemy import text

    rows = conn.execute(  # type: ignore[attr-defined]
        text("SELECT datname FROM pg_database WHERE starts_with(datname, :p)"), {"p": prefix}
    )
    return set(rows.scalars())


@pytest.mark.pg
def test_the_benchmark_drops_only_postgresql_databases_it_created(pg_admin: object) -> None:
    import uuid

    from sqlalchemy import text

    from benchmarks.bench_reports import CREATED_MARK, drop_stale_caches

    cases = 7_000_000 + uuid.uuid4().int % 1_000_000  # a size no other run uses
    tag = uuid.uuid4().hex[:8]
    ours, theirs, current = (f"mediate_bench_{tag}{n}_{cases}" for n in ("a", "b", "c"))
    with pg_admin.connect() as conn:  # type: ignore[attr-defined]
        try:
            for name in (ours, theirs, current):
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            for name in (ours, current):
                conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{CREATED_MARK}'"))
            assert drop_stale_caches(conn, cases, keep=current) == [ours]
            # the unmarked one is someone else's, whatever its name; the current cache stays
            assert _pg_databases(conn, f"mediate_bench_{tag}") == {theirs, current}
        finally:
            for name in (ours, theirs, current):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


@pytest.mark.pg
def test_a_failed_postgresql_build_drops_its_own_database_and_nothing_else(
    pg_admin: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uuid

    from sqlalchemy import text

    from benchmarks import bench_reports
    from tests.conftest import pg_url

    cases = 8_000_000 + uuid.uuid4().int % 1_000_000
    name = bench_reports.cache_name(cases)
    bystander = f"{name}_part"  # what an older version dropped by name without asking
    created: list[str] = []

    def failing_load(url: str, count: int) -> None:
        from sqlalchemy.engine import make_url

        created.append(str(make_url(url).database))
        raise RuntimeError("load failed")

    monkeypatch.setattr(bench_reports, "load_postgres", failing_load)
    with pg_admin.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text(f'CREATE DATABASE "{bystander}"'))
        try:
            with pytest.raises(RuntimeError, match="load failed"):
                bench_reports.postgres_report_database(pg_url(), cases)
            assert created and created[0].startswith(f"{name}_part_")
            assert _pg_databases(conn, name) == {bystander}
        finally:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{bystander}"'))


@pytest.mark.pg
def test_a_database_of_the_cache_s_name_the_benchmark_did_not_make_is_neither_used_nor_dropped(
    pg_admin: object,
) -> None:
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from benchmarks import bench_reports
    from benchmarks.core import Missing
    from tests.conftest import pg_url

    cases = 9_000_000 + uuid.uuid4().int % 1_000_000
    name = bench_reports.cache_name(cases)
    with pg_admin.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            theirs = create_engine(make_url(pg_url()).set(database=name))
            try:
                with theirs.begin() as own:
                    own.execute(text("CREATE TABLE keep_me (x int)"))
            finally:
                theirs.dispose()
            with pytest.raises(Missing, match="did not create"):
                bench_reports.postgres_report_database(pg_url(), cases)
            assert _pg_databases(conn, name) == {name}  # survives, and nothing was built
            theirs = create_engine(make_url(pg_url()).set(database=name))
            try:
                with theirs.connect() as own:
                    assert own.execute(text("SELECT count(*) FROM keep_me")).scalar_one() == 0
            finally:
                theirs.dispose()
        finally:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
