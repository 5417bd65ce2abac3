import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import squash


def test_demo_builds_a_database_in_the_directory_given(cli, tmp_path):
    result = cli(["demo", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "mediate.db").exists()
    assert str(tmp_path / "demo") in result.stderr


def test_demo_keeps_what_is_in_its_directory_unless_given_force(cli, tmp_path):
    """The house rule of mediate/files.py: nothing written over without --force. A second
    demo in the same directory is refused before any work, naming the first output found;
    with --force it replaces them all (its dossier too)."""
    directory = tmp_path / "demo"
    assert cli(["demo", "--dir", str(directory)]).exit_code == 0
    database = directory / "mediate.db"
    before = database.read_bytes()
    again = cli(["demo", "--dir", str(directory)])
    assert again.exit_code == 1, again.output
    assert squash(f"--dir: {database} exists; give --force to overwrite it.") in squash(
        again.stderr
    )
    assert database.read_bytes() == before
    forced = cli(["demo", "--dir", str(directory), "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(list((directory / "dossiers").iterdir())) == 1


def test_demo_refuses_a_directory_holding_a_file_of_the_name_of_one_of_its_outputs(cli, tmp_path):
    (tmp_path / "shared.db").write_bytes(b"the clerk's own file\n")
    result = cli(["demo", "--dir", str(tmp_path)])
    assert result.exit_code == 1 and "shared.db" in squash(result.stderr)
    assert (tmp_path / "shared.db").read_bytes() == b"the clerk's own file\n"
    assert not (tmp_path / "mediate.db").exists()


def test_demo_walks_every_stage_and_ends_with_a_funnel_over_what_it_closed(cli, tmp_path):
    import json

    result = cli(["--json", "demo", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert set(summary) >= {"routing", "intake", "lifecycle", "closed", "documents", "funnel"}
    closed = summary["closed"]
    assert closed["settled"] > closed["failed"] > 0 and closed["withdrawn"] > 0
    from mediate.documents.kinds import KINDS

    assert set(summary["documents"]) == set(KINDS)  # every kind, the hand-back papers too
    # issue 20: a session held, performed in part then in full, a return visit; a notice
    settled, extended = summary["lifecycle"]["settled"], summary["lifecycle"]["extended"]
    assert settled["session"]["status"] == "held" and settled["session"]["attended"] == [1, 2]
    performance = settled["performance"]
    assert (performance["partial"]["status"], performance["partial"]["paid"]) == (
        "partial",
        "20000.00",
    )
    assert performance["final"]["status"] == "done"
    assert [e["kind"] for e in performance["final"]["events"]][-3:] == [
        "partial",
        "done",
        "visit",
    ]
    assert summary["documents"]["notice"]["case"] == extended["case"]
    assert extended["session"]["status"] == "scheduled"
    assert all(Path(d["file"]).exists() for d in summary["documents"].values())
    # issue 20 item 3: the settled case's dossier, its manifest listing the agreement
    dossier = summary["dossier"]
    assert dossier["case"] == settled["case"] and Path(dossier["dossier"]).exists()
    manifest = json.loads(Path(dossier["manifest"]).read_text(encoding="utf-8"))
    assert "agreement" in [d["kind"] for d in manifest["documents"]]
    total = summary["funnel"]["total"]
    assert total["withdrawn"] == closed["withdrawn"]
    assert total["counted"] == total["closed"] - total["withdrawn"]
    assert sum(b["count"] for b in total["buckets"].values()) == total["counted"]
    # the closing step's cases plus the lifecycle walk's settled and failed case
    assert total["counted"] >= closed["settled"] + closed["failed"] + 2


@pytest.mark.skipif(shutil.which("mediate") is None, reason="mediate is not installed on PATH")
def test_the_installed_command_runs_the_demo(tmp_path):
    proc = subprocess.run(
        ["mediate", "--json", "demo", "--dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    import json

    data = json.loads(proc.stdout)
    assert Path(data["database"]).exists()


def test_every_action_and_field_of_the_demo_trail_reads_in_chinese(cli, tmp_path, monkeypatch):
    """`case history` has no internal English: each action and changed field the demo
    records (every stage of a case) has a Chinese label."""
    import json
    import sqlite3

    from mediate.domain.events import action_label, field_label

    assert cli(["demo", "--dir", str(tmp_path / "demo")]).exit_code == 0
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    with sqlite3.connect(tmp_path / "demo" / "mediate.db") as db:
        events = db.execute("select action, before, after from events where case_id is not null")
        actions, fields = set(), set()
        for action, *changes in events:
            actions.add(action)
            for change in changes:
                if change and isinstance(json.loads(change), dict):
                    fields.update(json.loads(change))
    assert {"imported", "assign", "outcome", "transfer"} <= actions
    assert [a for a in sorted(actions) if action_label(a).isascii()] == []
    assert [f for f in sorted(fields) if field_label(f).isascii()] == []


def test_demo_warns_of_a_year_missing_from_the_holiday_calendar_once_per_run(tmp_path):
    """chinese-calendar has no 2027: on 2026-12-03 the demo's deadlines reach into it, and
    each case assigned counts them with its own calendar. The clerk is told once per run
    (DemoResult.tell), not once per case; a second run in the same process (a test session,
    a long-lived caller) tells it again — the domain keeps no memory of what was said."""
    import datetime as dt

    from mediate import clock
    from mediate.services.demo import run_demo

    clock.set_clock(dt.datetime(2026, 12, 3, 9, 30, tzinfo=clock.CHINA))
    for run in ("first", "second"):
        said: list[str] = []
        run_demo(tmp_path / run, "demo", said.append)
        missing = [line for line in said if "does not know 2027" in line]
        assert len(missing) == 1, (run, missing)
