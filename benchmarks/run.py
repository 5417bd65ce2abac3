"""Run every benchmark, each against its baseline measured in the same run.

    python -m benchmarks.run [--size tiny|small|full] [--only NAME ...] [--json FILE]
                             [--pg postgresql+psycopg://USER@HOST/DB [--pg-logins]]

Prints a table (figure, baseline, ratio, goal, pass/fail) as Markdown, so it can be pasted
into RESULTS.md as it is, and writes the same results with the machine's description as
JSON (default `benchmarks/out/results-SIZE.json`). Exit status: 0 when every benchmark ran
(goals met or not: the table says), 1 when one crashed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

from benchmarks.core import ROOT, SIZES, Measure, Missing, Size
from benchmarks.generate import GENERATOR_VERSION, out_dir

# name → module with `run(size, work) -> list[Measure]`, in the order they run.
BENCHMARKS = {
    "routing": "benchmarks.bench_routing",
    "import": "benchmarks.bench_import",
    "documents": "benchmarks.bench_documents",
    "reports": "benchmarks.bench_reports",
    "startup": "benchmarks.bench_startup",
}


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    info: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gib": _ram_gib(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "generator_version": GENERATOR_VERSION,
        "commit": _git_commit(),
        # other work on the machine skews every figure: recorded so a reader can judge
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    if os.environ.get("MEDIATE_BENCH_PG"):
        info["postgresql"] = _pg_version(os.environ["MEDIATE_BENCH_PG"])
    return info


def _pg_version(url: str) -> str | None:
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return str(conn.execute(text("SHOW server_version")).scalar_one())
        finally:
            engine.dispose()
    except Exception:  # the version is a nicety; the benchmark itself reports failures
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def run_one(name: str, size: Size, work: Path) -> list[Measure]:
    """Run one benchmark group; a crash or a missing capability becomes a row, not an abort."""
    directory = work / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    try:
        module = importlib.import_module(BENCHMARKS[name])
        return list(module.run(size, directory))
    except Missing as exc:
        return [Measure(name, status="missing", note=str(exc))]
    except Exception as exc:
        traceback.print_exc()
        return [Measure(name, status="error", note=f"{type(exc).__name__}: {exc}")]


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(measures: list[Measure]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| benchmark | figure | baseline | ratio | goal | result |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for m in measures:
        m.note = " ".join(m.note.split()).replace("|", "/")  # one table cell, one line
        if m.status != "ok":
            result = "MISSING" if m.status == "missing" else "ERROR"
            lines.append(f"| {m.name} | — | — | — | {m.goal or '—'} | {result}: {m.note} |")
            continue
        figure = f"{_fmt(m.figure)} {m.unit}".strip()
        baseline = (
            f"{_fmt(m.baseline)} {m.unit} ({m.baseline_label})" if m.baseline is not None else "—"
        )
        ratio = f"{m.ratio:.2f}×" if m.ratio is not None else "—"
        result = {True: "pass", False: "**FAIL**", None: "—"}[m.passed]
        if m.note:
            result += f" ({m.note})"
        lines.append(f"| {m.name} | {figure} | {baseline} | {ratio} | {m.goal} | {result} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS), default=None)
    parser.add_argument("--json", type=Path, default=None, help="where to write the results")
    parser.add_argument("--work", type=Path, default=None, help="scratch directory")
    parser.add_argument(
        "--pg",
        metavar="URL",
        default=os.environ.get("MEDIATE_BENCH_PG"),
        help="also time the reports on this PostgreSQL server (postgresql+psycopg://…; "
        "benchmark databases are created there), else MEDIATE_BENCH_PG",
    )
    parser.add_argument(
        "--pg-logins",
        action="store_true",
        default=bool(os.environ.get("MEDIATE_BENCH_PG_LOGINS")),
        help="with --pg, also time the reports as an admin's, a supervisor's and a clerk's "
        "own login (row-level security; rows labelled by login), else MEDIATE_BENCH_PG_LOGINS",
    )
    args = parser.parse_args(argv)
    if args.pg:
        os.environ["MEDIATE_BENCH_PG"] = args.pg
    if args.pg_logins:
        os.environ["MEDIATE_BENCH_PG_LOGINS"] = "1"
    size = SIZES[args.size]
    work = args.work or out_dir() / f"work-{size.name}"
    work.mkdir(parents=True, exist_ok=True)
    names = args.only or list(BENCHMARKS)
    measures: list[Measure] = []
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    for name in names:
        print(f"running {name} ({size.name})…", file=sys.stderr, flush=True)
        measures.extend(run_one(name, size, work))
    print(table(measures))
    report = {
        "size": size.name,
        "machine": {**machine(), "load_average_at_start": load_at_start},
        "results": [m.as_json() for m in measures],
    }
    target = args.json or out_dir() / f"results-{size.name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"results written to {target}", file=sys.stderr)
    return 1 if any(m.status == "error" for m in measures) else 0


if __name__ == "__main__":
    sys.exit(main())
