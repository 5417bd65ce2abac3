"""What every benchmark shares: sizes, the result row, timing and child-process helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Size:
    """How big each benchmark runs. `full` is the size the goals are stated for."""

    name: str
    import_rows: int  # the import benchmark, CSV and XLSX
    import_small_rows: int  # the smaller file for the flat-memory comparison
    routing_cases: int
    documents: int
    report_cases: int
    startup_repeats: int


SIZES = {
    "tiny": Size("tiny", 300, 100, 300, 4, 3_000, 2),
    "small": Size("small", 20_000, 4_000, 20_000, 60, 100_000, 5),
    "full": Size("full", 100_000, 20_000, 100_000, 400, 1_000_000, 10),
}


@dataclass
class Measure:
    """One row of the results table.

    `ratio` is oriented so the goal reads naturally: a throughput ratio (ours / baseline,
    higher is better) or a cost ratio (ours / baseline, lower is better); `goal` says which.
    `status` is `ok`, `missing` (the code under test has not landed: no figure is made up)
    or `error` (the benchmark crashed; `note` says how).
    """

    name: str
    figure: float | None = None
    unit: str = ""
    baseline: float | None = None
    baseline_label: str = ""
    ratio: float | None = None
    goal: str = ""
    passed: bool | None = None
    note: str = ""
    status: str = "ok"
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class Missing(Exception):
    """The capability a benchmark measures is not available (yet): reported, never faked."""


def at_least(value: float | None, goal: float) -> bool | None:
    return None if value is None else value >= goal


def at_most(value: float | None, goal: float) -> bool | None:
    return None if value is None else value <= goal


# On a machine shared with other work, wall time measures the neighbours as much as the
# code; CPU time (this process's, or a child's user + system time) does not, but it adds
# up the threads of parallel work. The work measured is CPU-bound (files and databases sit
# in the page cache), so each is an upper bound of the wall time on an idle machine, and
# a figure is the smaller of the two. Both are kept in each result's `extra`.
cpu_clock = time.process_time


def bound(cpu: float, wall: float) -> float:
    """The figure's seconds: the tighter of two upper bounds of the idle-machine time."""
    return min(cpu, wall)


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """CPU seconds and wall seconds taken by `fn()` in this process, and its result."""
    cpu, wall = cpu_clock(), time.perf_counter()
    result = fn()
    return cpu_clock() - cpu, time.perf_counter() - wall, result


@dataclass
class ChildRun:
    seconds: float  # wall clock
    cpu_seconds: float  # the child's own user + system time
    max_rss_kib: int
    returncode: int
    stdout: str
    stderr: str

    @property
    def bounded_seconds(self) -> float:
        return bound(self.cpu_seconds, self.seconds)


# Runs the command and writes its own wall time and rusage as JSON to argv[1]. The command
# is started from this small, freshly exec'd interpreter, never straight from the benchmark
# process: a forked child's ru_maxrss counts the parent's pages until it execs, so a child
# of a big benchmark process would report the benchmark's memory, not its own.
_REAPER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
report = {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
          "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}
with open(sys.argv[1], "w") as handle:
    json.dump(report, handle)
"""


def run_child(
    argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> ChildRun:
    """Run a command to its end: its wall time, CPU time and own peak resident memory
    (reaped with wait4 by a small intermediate interpreter, see `_REAPER`)."""
    full_env = {**os.environ, **(env or {})}
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        report_path = Path(scratch) / "rusage.json"
        reaper = [sys.executable, "-c", _REAPER, str(report_path), *argv]
        subprocess.run(reaper, stdout=out, stderr=err, env=full_env, cwd=cwd, check=False)
        report = json.loads(report_path.read_text())
        out.seek(0)
        err.seek(0)
        return ChildRun(
            report["wall"],
            report["cpu"],
            int(report["maxrss"]),
            int(report["code"]),
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


TERMINAL_SETTINGS = frozenset(
    ("TERM", "COLORTERM", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")
)


def run_child_at_terminal(
    argv: Sequence[str], env: dict[str, str] | None = None, columns: int = 80, lines: int = 24
) -> ChildRun:
    """`run_child` with the command's stdin, stdout and stderr a pseudo-terminal of
    `columns` × `lines`, as a clerk runs it: what it prints is read off the terminal
    (`stdout`, both streams interleaved, lines ending in CR LF), `stderr` is empty. What
    describes a terminal (TERM, COLUMNS, NO_COLOR…) is taken from `env` only, never from
    the environment the benchmark runs in."""
    import fcntl
    import pty
    import struct
    import termios

    inherited = {k: v for k, v in os.environ.items() if k not in TERMINAL_SETTINGS}
    full_env = {**inherited, **(env or {})}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    shown = bytearray()
    with tempfile.TemporaryDirectory() as scratch:
        report_path = Path(scratch) / "rusage.json"
        reaper = [sys.executable, "-c", _REAPER, str(report_path), *argv]
        try:
            proc = subprocess.Popen(
                reaper, stdin=slave, stdout=slave, stderr=slave, env=full_env,
                start_new_session=True,
            )  # fmt: skip
        finally:
            os.close(slave)
        try:
            while True:  # read as it comes: a full terminal buffer would stop the child
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every end of the terminal's other side is closed
                    break
                if not chunk:
                    break
                shown += chunk
        finally:
            os.close(master)
            proc.wait()
        report = json.loads(report_path.read_text())
    return ChildRun(
        report["wall"],
        report["cpu"],
        int(report["maxrss"]),
        int(report["code"]),
        shown.decode(errors="replace"),
        "",
    )


def python() -> str:
    return sys.executable


def mediate_argv() -> list[str]:
    """The installed `mediate` entry point beside this Python, else `python -m mediate`."""
    script = Path(sys.executable).with_name("mediate")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "mediate"]


def bench_env(home: Path) -> dict[str, str]:
    """Environment for child `mediate` processes: nothing read from the user's own setup."""
    return {
        "MEDIATE_HOME": str(home / "data"),
        "MEDIATE_CONFIG": str(home / "config" / "mediate.toml"),
        "MEDIATE_LOG": str(home / "log" / "mediate.log"),
        "MEDIATE_CLERK": "基准测试",
        "MEDIATE_LANG": "en",
        "NO_COLOR": "1",
    }
