import shutil
import subprocess
from pathlib import Path

import pytest


def test_demo_builds_a_database_in_the_directory_given(cli, tmp_path):
    result = cli(["demo", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "mediate.db").exists()
    assert str(tmp_path / "demo") in result.stderr


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
