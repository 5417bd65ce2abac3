"""The CPUs this process may use whole: what decides how many processes a job starts (an
import's reader process, `intake/worker.py`; the documents' pool, `documents/render.py`).

Two limits, the smaller wins: the CPUs the process may run on (its affinity), and a cgroup
v2 CPU quota where there is one (`cpu.max`) — a container given 1.5 CPUs on a 16-CPU host
has one to use whole, not sixteen (found in review, 2026-12-02: the reader process counted
the quota, the documents' pool did not).
"""

from __future__ import annotations

import os
from pathlib import Path

CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


def usable_cpus() -> int:
    """The CPUs this process may run on, and may use whole: its affinity, and its cgroup's
    CPU quota where there is one (floored: 0 under a quota of less than one CPU)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        usable = os.cpu_count() or 1
    quota = cgroup_cpus()
    return usable if quota is None else min(usable, quota)


def cgroup_cpus(path: Path | None = None) -> int | None:
    """The whole CPUs a cgroup v2 quota allows (`cpu.max`: "QUOTA PERIOD", floor of their
    ratio); None without a quota ("max PERIOD") or a file that says one."""
    try:
        quota, period = (path or CPU_MAX).read_text(encoding="ascii").split()[:2]
        return None if quota == "max" else int(quota) // max(int(period), 1)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
