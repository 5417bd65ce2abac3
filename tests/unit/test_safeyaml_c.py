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
