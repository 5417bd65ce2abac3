"""The libyaml path of `mediate.safeyaml.load` holds the same limits as the pure-Python one.

Issue 19 item 3: `load` parses with PyYAML's C loader for speed; the limits (issue 12)
must hold on hostile input there too, and errors must read as before (file:line:column).
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from mediate import safeyaml

pytestmark = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="this PyYAML was built without libyaml"
)

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
)  # 10^7 values once expanded, a few hundred bytes
HOSTILE = {
    "alias bomb": BOMB,
    "deep flow nesting": "a: 1\nb: " + "[" * 100 + "]" * 100,
    "nesting as deep as libyaml allows": "[" * 999 + "]" * 999,
    "deep through aliases": "a: &a [[[[[[[[1]]]]]]]]\n"
    + "".join(f"l{i}: &l{i} [[[[[[[[*{'a' if i == 0 else f'l{i - 1}'}]]]]]]]]\n" for i in range(9)),
    "recursive alias": "a: &a\n  b: *a\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_c_loader_enforces_the_limits(text):
    with pytest.raises(safeyaml.LimitError):
        yaml.load(text, Loader=safeyaml._CLoader)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_load_reports_a_limit_where_the_pure_python_loader_does(text):
    with pytest.raises(yaml.MarkedYAMLError) as pure:
        yaml.load(text, Loader=safeyaml.Loader)
    with pytest.raises(yaml.MarkedYAMLError) as fast:
        safeyaml.load(text)
    assert type(fast.value) is type(pure.value)
    assert str(fast.value) == str(pure.value)


def test_a_syntax_error_keeps_the_pure_python_wording_and_place():
    text = "network:\n  - name: a\n   bad: [1, 2\n"
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.load(text, Loader=safeyaml.Loader)
    with pytest.raises(yaml.YAMLError) as fast:
        safeyaml.load(text)
    assert str(fast.value) == str(pure.value)
    assert safeyaml.error(fast.value, "rules.yaml").where.startswith("rules.yaml:")


def test_load_parses_with_libyaml_and_gives_the_same_values(monkeypatch):
    text = "base: &b {x: 1, when: 2026-12-01}\nchild:\n  <<: *b\n  y: 2\nlist: [*b, *b]\n"
    used = []
    original = safeyaml._CLoader.get_single_node

    def spy(self):
        used.append(True)
        return original(self)

    monkeypatch.setattr(safeyaml._CLoader, "get_single_node", spy)
    assert safeyaml.load(text) == yaml.load(text, Loader=safeyaml.Loader)
    assert used


@pytest.mark.parametrize("text", ["a: 2026-02-30", "a: 2026-13-01", "a: 2026-01-01 25:00:00"])
def test_a_date_that_is_no_real_day_is_a_located_yaml_error_on_both_loaders(text):
    """PyYAML's timestamp constructor lets a ValueError out for 2026-02-30: a user's rules
    or jurisdiction file made that exit 3."""
    with pytest.raises(yaml.MarkedYAMLError, match="is not a real date or time") as caught:
        safeyaml.load(text)
    assert (caught.value.problem_mark.line, caught.value.problem_mark.column) == (0, 3)
    with pytest.raises(yaml.MarkedYAMLError):
        yaml.load(text, Loader=safeyaml.Loader)
    assert safeyaml.load("a: 2026-02-28") == {"a": dt.date(2026, 2, 28)}


@pytest.fixture
def libyaml_version(monkeypatch):
    """Pretend the installed libyaml is another version; `load` decides afresh."""
    import yaml._yaml

    def pretend(version):
        monkeypatch.setattr(yaml._yaml, "get_version", lambda: version)
        safeyaml.libyaml_usable.cache_clear()

    yield pretend
    safeyaml.libyaml_usable.cache_clear()


def _loaders_used(monkeypatch, text):
    used = []
    for name, loader in (("c", safeyaml._CLoader), ("python", safeyaml.Loader)):
        original = loader.get_single_node

        def spy(self, original=original, name=name):
            used.append(name)
            return original(self)

        monkeypatch.setattr(loader, "get_single_node", spy)
    assert safeyaml.load(text) == {"a": [1, 2]}
    return used


@pytest.mark.parametrize("version", [(0, 1, 7), (0, 2, 2), (0, 2, 4)])
def test_a_libyaml_older_than_0_2_5_is_not_used(monkeypatch, libyaml_version, version):
    """libyaml before 0.2.5 accepts other documents than the pure-Python parser (what the
    limits and error messages were checked against): the pure-Python loader reads them."""
    libyaml_version(version)
    assert not safeyaml.libyaml_usable()
    assert _loaders_used(monkeypatch, "a: [1, 2]\n") == ["python"]


@pytest.mark.parametrize("version", [(0, 2, 5), (0, 2, 6), (0, 3, 0), (1, 0, 0)])
def test_libyaml_0_2_5_or_later_is_used(monkeypatch, libyaml_version, version):
    libyaml_version(version)
    assert safeyaml.libyaml_usable()
    assert _loaders_used(monkeypatch, "a: [1, 2]\n") == ["c"]


def test_a_pyyaml_without_libyaml_uses_the_pure_python_loader(monkeypatch, libyaml_version):
    libyaml_version((0, 2, 5))
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert not safeyaml.libyaml_usable()
    assert _loaders_used(monkeypatch, "a: [1, 2]\n") == ["python"]


def test_a_libyaml_whose_version_cannot_be_read_is_not_used(monkeypatch, libyaml_version):
    import yaml._yaml

    libyaml_version((0, 2, 5))
    monkeypatch.delattr(yaml._yaml, "get_version")
    assert not safeyaml.libyaml_usable()
