"""The CPUs a reader process (and the documents' pool) may count on: the cgroup v2 quota
(`cpu.max`) as well as the affinity (found in review: a container limited to one CPU on a
16-CPU host started one). One function, `mediate.cpus.usable_cpus`, serves both."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediate import cpus as limits
from mediate.documents import render
from mediate.intake import worker


@pytest.mark.parametrize(
    ("text", "cpus"),
    [
        ("max 100000\n", None),
        ("200000 100000\n", 2),
        ("150000 100000\n", 1),
        ("50000 100000\n", 0),
        ("400000 50000\n", 8),
        ("", None),
        ("garbage\n", None),
        ("max\n", None),
    ],
)
def test_the_cgroup_quota_is_read(tmp_path: Path, text: str, cpus: int | None) -> None:
    path = tmp_path / "cpu.max"
    path.write_text(text)
    assert limits.cgroup_cpus(path) == cpus


def test_no_cgroup_file_is_no_quota(tmp_path: Path) -> None:
    assert limits.cgroup_cpus(tmp_path / "absent") is None


def test_the_quota_caps_the_usable_cpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cpu.max"
    path.write_text("150000 100000\n")
    monkeypatch.setattr(limits, "CPU_MAX", path)
    monkeypatch.setattr(limits.os, "sched_getaffinity", lambda pid: set(range(16)))
    monkeypatch.setattr(worker.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert limits.usable_cpus() == 1 and not worker.a_cpu_to_spare()
    path.write_text("max 100000\n")
    assert limits.usable_cpus() == 16 and worker.a_cpu_to_spare()


def test_the_documents_pool_counts_the_same_cpus_as_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quota of 1.5 CPUs on a 16-CPU host: the documents' pool renders in this process
    (it counted the affinity only, and forked 16 workers), as the import reads inline."""
    path = tmp_path / "cpu.max"
    path.write_text("150000 100000\n")
    monkeypatch.setattr(limits, "CPU_MAX", path)
    monkeypatch.setattr(limits.os, "sched_getaffinity", lambda pid: set(range(16)))
    assert render.usable_cpus is worker.usable_cpus is limits.usable_cpus
    counted = []
    monkeypatch.setattr(render, "pool_workers", lambda *args: counted.append(args[2]) or 1)
    monkeypatch.setattr(render, "prepared", lambda path: None)
    render.render_jobs(tmp_path / "template.docx", [])
    assert counted == [1]
