"""PyYAML's problems in the interface language (mediate.safeyaml.problem)."""

import pytest
import yaml

from mediate import safeyaml
from mediate.i18n import in_language
from mediate.routing.source import SourceError, load_located


def _problem(text: str) -> str:
    with in_language("zh_CN"):
        try:
            safeyaml.load(text)
        except yaml.YAMLError as exc:
            return safeyaml.problem(exc)
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("cause: [\n", "此处缺少内容（遇到了文件结尾）"),
        ("a: b: c\n", "此处不能写“键: 值”（请检查缩进；含“: ”的文字请加引号）"),
        ("a:\n\t- b\n", "此处不能用制表符（缩进请用空格）"),
        ("a: %\n", "值不能以“%”开头（请给这段文字加引号）"),
        ('a: "x\n', "文件在引号内结束（缺少结尾的引号）"),
        ("a: [1, 2\nb: 3\n", "[ ] 中的列表缺少“,”或“]”（遇到了“:”）"),
        ("a: {x: 1\n", "{ } 中的映射缺少“,”或“}”（遇到了文件结尾）"),
        ("a: *nowhere\n", "别名 'nowhere' 没有对应的锚点"),
        ("a: &x 1\nb: &x 2\n", "锚点 'x' 已在前面定义过"),
    ],
)
def test_common_problems_are_chinese(text: str, said: str) -> None:
    assert _problem(text) == said


def test_an_unknown_problem_is_a_generic_chinese_error_with_the_original() -> None:
    assert _problem("%YAML 2.0\n---\na: 1\n").startswith(
        "YAML 语法错误（found incompatible YAML document"
    )


def test_own_problems_stay_as_they_are() -> None:
    assert _problem("d: 2026-02-30\n") == "“2026-02-30”不是真实存在的日期或时间"


def test_rules_files_say_it_in_chinese_too() -> None:
    with in_language("zh_CN"), pytest.raises(SourceError) as caught:
        load_located("cause: [\n", "bad.yaml")
    assert "bad.yaml:2:1" in str(caught.value)
    assert "此处缺少内容（遇到了文件结尾）" in str(caught.value)
