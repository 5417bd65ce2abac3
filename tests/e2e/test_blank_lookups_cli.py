"""A lookup of an empty text matched everything or nothing (`case find ''` exit 0 "没有与
“”相符的案件", `causes search ''` the whole taxonomy): it is a usage error (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import squash

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}


@pytest.mark.parametrize(
    "args",
    [
        ["case", "find", ""],
        ["case", "show", " "],
        ["causes", "search", ""],
        ["causes", "show", ""],
    ],
    ids=lambda a: " ".join(a).strip(),
)
def test_a_blank_lookup_is_a_usage_error(initialised, args):
    # a subprocess: case find and case show are answered by the light entry (mediate.quick)
    env = {**os.environ, **ZH}
    result = subprocess.run(
        [sys.executable, "-m", "mediate", "--db", initialised.url, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "不能为空" in squash(result.stderr)
    assert result.stdout == ""
