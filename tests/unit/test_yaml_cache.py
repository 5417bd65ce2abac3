"""safeyaml.load_file: a YAML file read back from a JSON copy kept under its content's hash
(the bundled network, 案由 revisions and rules cost 0.1-0.3 s to parse at every command
that routes). Never stale, never wider than YAML's answer, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediate import resources, safeyaml
from mediate.config import data_home


def _cached() -> list[Path]:
    return sorted((data_home() / "cache" / "yaml").glob("*.json"))


@pytest.mark.parametrize(
    "path",
    [
        resources.data_dir() / "network.yaml",
        resources.data_dir() / "causes-2025.yaml",
        resources.default_rules_file(),
    ],
    ids=lambda p: p.name,
)
def test_a_bundled_file_reads_back_the_same_from_its_copy(path, monkeypatch):
    first = safeyaml.load_file(path)
    assert first == safeyaml.load(path.read_text(encoding="utf-8"))
    assert len(_cached()) == 1

    def no_yaml(_text):  # the second read must not parse
        raise AssertionError("parsed again")

    monkeypatch.setattr(safeyaml, "load", no_yaml)
    assert safeyaml.load_file(path) == first


def test_an_edited_file_is_parsed_again(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert safeyaml.load_file(path) == {"a": 1}
    path.write_text("a: 2\n", encoding="utf-8")
    assert safeyaml.load_file(path) == {"a": 2}
    assert len(_cached()) == 2


def test_dates_come_back_as_dates(tmp_path, monkeypatch):
    import datetime as dt

    path = tmp_path / "f.yaml"
    path.write_text("day: 2026-12-01\nat: 2026-12-01 09:30:00+08:00\n", encoding="utf-8")
    first = safeyaml.load_file(path)
    assert isinstance(first["day"], dt.date) and len(_cached()) == 1
    monkeypatch.setattr(safeyaml, "load", lambda _t: pytest.fail("parsed again"))
    assert safeyaml.load_file(path) == first


@pytest.mark.parametrize(
    "text",
    ["1: one\n", "? [a, b]\n: pair\n", '"\\0date": "2026-12-01"\n', "x: .nan\n"],
    ids=["an int key", "a sequence key", "a key like the date tag", "not a number"],
)
def test_what_json_cannot_give_back_is_not_kept(tmp_path, text):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        expected = safeyaml.load(text)
    except Exception as exc:  # an unhashable key: YAML's own error, the same both ways
        with pytest.raises(type(exc)):
            safeyaml.load_file(path)
    else:
        assert safeyaml.load_file(path) == expected
        assert safeyaml.load_file(path) == expected
    assert _cached() == []


def test_a_damaged_copy_is_ignored(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    safeyaml.load_file(path)
    (copy,) = _cached()
    copy.write_text("{not json", encoding="utf-8")
    assert safeyaml.load_file(path) == {"a": [1, 2]}


def test_a_yaml_error_is_raised_as_before_and_nothing_kept(tmp_path):
    import yaml

    path = tmp_path / "f.yaml"
    path.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        safeyaml.load_file(path)
    assert _cached() == []


def test_an_unwritable_home_still_reads(tmp_path, monkeypatch):
    blocked = tmp_path / "home"
    blocked.write_text("a file where the directory would go", encoding="utf-8")
    monkeypatch.setenv("MEDIATE_HOME", str(blocked))
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert safeyaml.load_file(path) == {"a": 1}
