"""safeyaml.load_file: a YAML file read back from a JSON copy kept under its content's hash
(the bundled network, 案由 revisions and rules cost 0.1-0.3 s to parse at every command
that routes). Never stale, never wider than YAML's answer, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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


@pytest.mark.parametrize("planted", ["[" * 200000, '{"a":' * 200000])
def test_a_copy_too_deep_for_the_json_reader_is_ignored(tmp_path, planted):
    """A RecursionError from the JSON reader is a damaged copy like any other (the names
    cache learnt it in eb0990b): the YAML is read again, not a bug's exit 3."""
    path = tmp_path / "f.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    safeyaml.load_file(path)
    (copy,) = _cached()
    copy.write_text(planted, encoding="utf-8")
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


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n  x\r\r\n  y\n",
        "a: 'x\r\r\n\r\n y'\n",
        "a: |\r  x\r  y\r",
        "a: |\r\n  x\r\n  y\r\n",
        "a: |\n  x\x85  y\n",
        "a: |\n  x\u2028  y\u2029\n",
        "a: x\r\rb: y\r",
    ],
    ids=["CR CR LF", "CR CR LF quoted", "CR", "CR LF", "NEL", "LS PS", "CR CR"],
)
def test_line_breaks_are_read_as_yaml_reads_them(tmp_path, text):
    """Whatever the line ends, the file means what PyYAML makes of its bytes (CR LF, CR,
    LF and NEL one break each; LS and PS kept), first read and from the copy."""
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8"))
    expected = yaml.load(text.encode("utf-8"), Loader=yaml.SafeLoader)
    assert safeyaml.load_file(path) == expected
    assert safeyaml.load_file(path) == expected


def test_a_copy_made_by_another_reader_is_not_read_back(tmp_path, monkeypatch):
    """libyaml and the pure-Python parser, or two PyYAML releases, may read one file
    differently: a copy is only read back by the reader that made it."""
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    safeyaml.load_file(path)
    parsed: list[str] = []
    real_load = safeyaml.load

    def counting(text):
        parsed.append(text)
        return real_load(text)

    monkeypatch.setattr(safeyaml, "load", counting)
    others = (
        (safeyaml, "libyaml_usable", lambda: False),
        (yaml, "__version__", "0.0-other"),
    )
    for target, name, value in others:
        with monkeypatch.context() as other:
            other.setattr(target, name, value)
            safeyaml._reader.cache_clear()
            before = len(parsed)
            assert safeyaml.load_file(path) == {"a": 1}
            assert len(parsed) == before + 1  # parsed, not read from another's copy
        safeyaml._reader.cache_clear()
    assert safeyaml.load_file(path) == {"a": 1}
    assert len(parsed) == 2  # this reader's own copy again
    assert len(_cached()) == 3


def test_the_cache_keeps_only_the_most_recently_used_copies(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(safeyaml, "_CACHE_KEEP", 4)
    files = []
    for n in range(4):
        path = tmp_path / f"f{n}.yaml"
        path.write_text(f"a: {n}\n", encoding="utf-8")
        safeyaml.load_file(path)
        files.append(path)
    by_file = {n: safeyaml._cache_file(path.read_bytes()) for n, path in enumerate(files)}
    assert set(_cached()) == set(by_file.values())
    # Age them an hour apart, f0 the oldest; then read f0 again: f1 is now the oldest.
    for n, copy in by_file.items():
        os.utime(copy, ns=(0, (n + 1) * 3600 * 10**9))
    assert safeyaml.load_file(files[0]) == {"a": 0}
    fresh = tmp_path / "f4.yaml"
    fresh.write_text("a: 4\n", encoding="utf-8")
    safeyaml.load_file(fresh)
    left = set(_cached())
    assert len(left) == 4
    assert by_file[1] not in left
    assert {by_file[0], by_file[2], by_file[3]} <= left


def test_pruning_leaves_other_files_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(safeyaml, "_CACHE_KEEP", 1)
    folder = data_home() / "cache" / "yaml"
    folder.mkdir(parents=True)
    partial = folder / ".partial-abcd1234.json"
    partial.write_text("{}", encoding="utf-8")
    note = folder / "README.txt"
    note.write_text("mine", encoding="utf-8")
    for n in range(3):
        path = tmp_path / f"f{n}.yaml"
        path.write_text(f"a: {n}\n", encoding="utf-8")
        assert safeyaml.load_file(path) == {"a": n}
    assert partial.exists() and note.exists()
    assert len([p for p in _cached() if not p.name.startswith(".")]) == 1
