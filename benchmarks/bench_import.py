"""Import: `mediate import` of court-referral files against bare `sqlite3.executemany`.

Figure: rows per second of `mediate import FILE` (a child process of the real CLI, after
`mediate init`; validation, routing and audit events included) — the smaller of the
child's CPU time (user + system) and its wall time (see `core.bound`), for the whole
command, interpreter start included.

Baseline: the same file read with the same plain reader (the `csv` module, or
python-calamine for XLSX) and every row inserted with one `executemany` into a flat
18-column table in a fresh SQLite file with the same pragmas (WAL, synchronous=NORMAL), one
transaction: the floor no import with validation can beat. Goal: ≥ 0.25 × its throughput.

Memory: the child's peak resident set (ru_maxrss) importing the large file vs the small
one. The import streams, so the peak must not grow with the file (goal ≤ 1.25×).
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from benchmarks.core import (
    ChildRun,
    Measure,
    Missing,
    Size,
    at_least,
    at_most,
    bench_env,
    bound,
    mediate_argv,
    run_child,
    timed,
)
from benchmarks.generate import HEADERS, referral_file

THROUGHPUT_GOAL = 0.25
STORED_TABLES = ("cases", "parties", "decisions", "events")
# what the replay writes: the stored rows and the batch row their cases refer to
REPLAY_TABLES = ("import_batches", *STORED_TABLES)
MEMORY_GOAL = 1.25


def read_rows(path: Path) -> Any:
    """The file's data rows as plain lists of cells (the header row skipped)."""
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_index(0).iter_rows()
        next(rows)
        return rows
    handle = path.open(encoding="utf-8-sig", newline="")
    rows = csv.reader(handle)
    next(rows)
    return rows


def bare_executemany(path: Path, database: Path) -> tuple[float, int]:
    """Seconds to read `path` and insert every row with sqlite3.executemany; row count."""
    database.unlink(missing_ok=True)
    columns = ", ".join(f"c{i} TEXT" for i in range(len(HEADERS)))
    marks = ", ".join("?" for _ in HEADERS)
    conn = sqlite3.connect(database)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"CREATE TABLE referrals (id INTEGER PRIMARY KEY, {columns})")

        def load() -> None:
            with conn:
                conn.executemany(
                    f"INSERT INTO referrals VALUES (NULL, {marks})",
                    ([str(v) for v in row] for row in read_rows(path)),
                )

        cpu, wall, _ = timed(load)
        seconds = bound(cpu, wall)
        (count,) = conn.execute("SELECT count(*) FROM referrals").fetchone()
    finally:
        conn.close()
    return seconds, int(count)


def initialised_database(work: Path) -> Path:
    """One database after `mediate init` (schema, network, taxonomy), copied per import."""
    from mediate.services.setup import initialise
    from mediate.store.engine import make_engine

    template = work / "initialised.db"
    if not template.exists():
        engine = make_engine(f"sqlite:///{template}")
        try:
            initialise(engine, "基准测试")
        finally:
            engine.dispose()
        checkpoint = sqlite3.connect(template)
        checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        checkpoint.close()
    return template


def mediate_import(path: Path, database: Path, home: Path) -> tuple[ChildRun, dict[str, Any]]:
    """The timed `mediate --json import FILE` into a fresh initialised database."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(initialised_database(database.parent), database)
    env = bench_env(home)
    url = f"sqlite:///{database}"
    argv = [*mediate_argv(), "--db", url, "--no-input", "--json", "import", str(path)]
    result = run_child(argv, env)
    if result.returncode == 2:
        raise Missing(f"`mediate import` is not available: {result.stderr.strip()[-200:]}")
    try:
        summary = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"mediate import exited {result.returncode} without a JSON summary: "
            f"{result.stderr.strip()[-300:]}"
        ) from exc
    return result, summary


def stored_counts(database: Path) -> dict[str, int]:
    """Rows the import left in each table: a fast import must also be a complete one."""
    conn = sqlite3.connect(database)
    try:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in STORED_TABLES
        }
    finally:
        conn.close()


def import_settings_connection(database: Path) -> sqlite3.Connection:
    """A connection to `database` with the settings `mediate import` writes under: the
    engine's pragmas (`mediate.store.engine`) and the import's page cache
    (`mediate.store.bulk.ImportCache`)."""
    from mediate.store.bulk import IMPORT_CACHE_KIB

    conn = sqlite3.connect(database)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    return conn


def replay_stored(imported: Path, database: Path) -> float:
    """Seconds to executemany, into a fresh initialised database, exactly the rows an import
    stored (its batch, cases, parties, decisions, events): the floor for the import's writes alone,
    with the schema's indexes and constraints and no validation or routing, on a connection
    with the import's own settings (page cache included: index pages cost both the same)."""
    shutil.copyfile(initialised_database(database.parent), database)
    source = sqlite3.connect(imported)
    target = import_settings_connection(database)
    try:
        tables = {}
        for table in REPLAY_TABLES:  # the rows the import added to `mediate init`'s
            (start,) = target.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
            query = f"SELECT * FROM {table} WHERE id > ? ORDER BY id"
            tables[table] = source.execute(query, (start,)).fetchall()

        def write() -> None:
            with target:
                for table, rows in tables.items():
                    if not rows:
                        continue
                    marks = ", ".join("?" for _ in rows[0])
                    target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

        cpu, wall, _ = timed(write)
    finally:
        source.close()
        target.close()
    return bound(cpu, wall)


def _imported(summary: dict[str, Any]) -> int:
    return int(summary.get("imported", 0))


def _note(summary: dict[str, Any], rows: int) -> str:
    rejected = int(summary.get("rejected", 0))
    if rejected:
        first = (summary.get("errors") or [{}])[0]
        return f"{rejected} of {rows} rows rejected, e.g. {first}"
    return ""


def run(size: Size, work: Path) -> list[Measure]:
    measures: list[Measure] = []
    peaks: dict[str, dict[int, float]] = {}
    for fmt in ("csv", "xlsx"):
        label = fmt.upper()
        big = referral_file(size.import_rows, fmt)
        base_seconds, base_rows = bare_executemany(big, work / f"bare-{fmt}.db")
        result, summary = mediate_import(big, work / f"import-{fmt}.db", work / "home")
        imported = _imported(summary)
        ours = imported / result.bounded_seconds
        bare = base_rows / base_seconds
        measures.append(
            Measure(
                f"import {size.import_rows:,} rows {label}",
                figure=ours,
                unit="rows/s",
                baseline=bare,
                baseline_label="sqlite3.executemany",
                ratio=ours / bare,
                goal=f"≥ {THROUGHPUT_GOAL:g}× baseline",
                passed=at_least(ours / bare, THROUGHPUT_GOAL),
                note=_note(summary, size.import_rows),
                extra={
                    "cpu_seconds": result.cpu_seconds,
                    "wall_seconds": result.seconds,
                    "baseline_seconds": base_seconds,
                    "summary": {k: v for k, v in summary.items() if k not in ("errors", "by_org")},
                    "stored": stored_counts(work / f"import-{fmt}.db"),
                },
            )
        )
        if fmt == "csv":
            replay = replay_stored(work / "import-csv.db", work / "replay.db")
            measures.append(
                Measure(
                    "executemany of exactly the rows that import stored",
                    figure=imported / replay,
                    unit="rows/s",
                    baseline=bare,
                    baseline_label="sqlite3.executemany",
                    ratio=imported / replay / bare,
                    goal="— (for reference: the writes alone)",
                )
            )
        peaks[fmt] = {size.import_rows: result.max_rss_kib / 1024}
        small = referral_file(size.import_small_rows, fmt)
        small_run, _ = mediate_import(small, work / f"import-small-{fmt}.db", work / "home")
        peaks[fmt][size.import_small_rows] = small_run.max_rss_kib / 1024
    for fmt, by_rows in peaks.items():
        large, small_peak = by_rows[size.import_rows], by_rows[size.import_small_rows]
        measures.append(
            Measure(
                f"import peak memory {fmt.upper()}, {size.import_rows:,} vs "
                f"{size.import_small_rows:,} rows",
                figure=large,
                unit="MiB",
                baseline=small_peak,
                baseline_label=f"{size.import_small_rows:,} rows",
                ratio=large / small_peak,
                goal=f"≤ {MEMORY_GOAL:g}× (flat)",
                passed=at_most(large / small_peak, MEMORY_GOAL),
            )
        )
    return measures
