"""mediate.namecache: small name tables derived from a file, kept by its bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mediate.namecache import derived


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIATE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def counting(calls: list[Path]):
    def derive(path: Path) -> dict[str, str]:
        calls.append(path)
        return {"name": path.read_text(encoding="utf-8").strip()}

    return derive


def test_a_table_is_derived_once_and_again_when_the_file_changes(home, tmp_path):
    source, calls = tmp_path / "rules.yaml", []
    source.write_text("一", encoding="utf-8")
    assert derived(source, "t 1", counting(calls)) == {"name": "一"}
    assert derived(source, "t 1", counting(calls)) == {"name": "一"}
    assert len(calls) == 1
    source.write_text("二", encoding="utf-8")
    assert derived(source, "t 1", counting(calls)) == {"name": "二"}
    assert derived(source, "t 2", counting(calls)) == {"name": "二"}  # another kind
    assert len(calls) == 3


@pytest.mark.parametrize(
    "planted",
    ['["x"]', '{"name": 1}', '{"name": ["一"]}', "{not json", "", "[" * 200000, '{"a":' * 200000],
)
def test_a_copy_that_is_not_an_object_of_strings_is_ignored(home, tmp_path, planted):
    source, calls = tmp_path / "rules.yaml", []
    source.write_text("一", encoding="utf-8")
    derived(source, "t 1", counting(calls))
    (copy,) = (home / "cache" / "names").iterdir()
    copy.write_text(planted, encoding="utf-8")
    assert derived(source, "t 1", counting(calls)) == {"name": "一"}
    assert len(calls) == 2
    assert json.loads(copy.read_text(encoding="utf-8")) == {"name": "一"}  # made again


def test_a_home_that_cannot_be_written_derives_every_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("MEDIATE_HOME", str(blocked / "home"))  # under a file: no folder
    source, calls = tmp_path / "rules.yaml", []
    source.write_text("一", encoding="utf-8")
    assert derived(source, "t 1", counting(calls)) == {"name": "一"}
    assert derived(source, "t 1", counting(calls)) == {"name": "一"}
    assert len(calls) == 2
