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


# Each phrase of PyYAML's pure-Python scanner, parser and constructor that `problem`
# says in Chinese, with a file that makes it (libyaml's own phrases never reach the
# clerk: `load` reports its errors through the pure-Python loader).
@pytest.mark.parametrize(
    ("text", "said"),
    [
        # expected the node content, but found …
        ("cause: [\n", "此处缺少内容（遇到了文件结尾）"),
        # mapping values are not allowed here
        ("a: b: c\n", "此处不能写“键: 值”（请检查缩进；含“: ”的文字请加引号）"),
        # could not find expected ':' (while scanning a simple key)
        ("a:\n  b\nc\n", "键后缺少冒号“:”"),
        # found character '\t' / '%' that cannot start any token
        ("a:\n\t- b\n", "此处不能用制表符（缩进请用空格）"),
        ("a: %\n", "值不能以“%”开头（请给这段文字加引号）"),
        # found unexpected end of stream (while scanning a quoted scalar)
        ('a: "x\n', "文件在引号内结束（缺少结尾的引号）"),
        # found unexpected document separator (while scanning a quoted scalar)
        ('a: "x\n---\ny"\n', "引号内出现了“---”或“...”一行（上面缺少结尾的引号）"),
        # expected ',' or ']' / '}', but got …
        ("a: [1, 2\nb: 3\n", "[ ] 中的列表缺少“,”或“]”（遇到了“:”）"),
        ("a: {x: 1\n", "{ } 中的映射缺少“,”或“}”（遇到了文件结尾）"),
        # expected <block end>, but found …
        ("a:\n  b: 1\n c: 2\n", "缩进没有对齐（遇到了新的键）"),
        ("- a\nb: 1\n", "缩进没有对齐（遇到了新的键）"),
        # expected <block end>, but found '<scalar>' after a closing quote: no indentation
        # at fault (review of 2026-12-03)
        ("name: 'a'b'\n", "右引号后面还有文字（请给整个值加引号；在‘…’中，单引号要写成两个）"),
        ('a: "x" y\n', "右引号后面还有文字（请给整个值加引号；在‘…’中，单引号要写成两个）"),
        ("a: 1\nb: >-5\n x\n", "缩进没有对齐（遇到了一个值）"),
        # mapping keys are not allowed here
        ("name: ? \n", "值不能以“?”开头（请给这段文字加引号）"),
        # expected escape sequence of 2/4 hexadecimal numbers, but found …
        (
            'name: "\\x4"\n',
            '双引号文字中的转义 \\x、\\u 或 \\U 后面要有 2 位十六进制数字（遇到了“"”；'
            "反斜杠请写成 \\\\，或改用单引号）",
        ),
        # found incompatible YAML document (version 1.* is required)
        ("%YAML 2.0\n---\na: 1\n", "文件要求的 YAML 版本不是 1（“%YAML”行）；请删掉这一行"),
        # found duplicate YAML directive; duplicate tag handle
        ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "以“%”开头的行（YAML 指令）重复出现；请删掉一行"),
        (
            "%TAG !e! tag:x,2000:\n%TAG !e! tag:y,2000:\n---\na: 1\n",
            "以“%”开头的行（YAML 指令）重复出现；请删掉一行",
        ),
        # expected a digit (while scanning a directive)
        ("%YAML 1.x\n---\na: 1\n", "值不能以“%”开头（请给这段文字加引号）"),
        # found undefined tag handle
        ("name: !e!x a\n", "值不能以“!”开头（请给这段文字加引号）"),
        # expected '<document start>', but found …
        ("{a: 1}}\n", "文档结束后还有内容（遇到了“}”；是否多了一个括号，或有一行“...”？）"),
        # expected a scalar / sequence / mapping node (a tag of another kind)
        ("a: !!int [1]\n", "这个值前面的标签“!!…”与它不符（请删掉标签）"),
        ("a: !!map x\n", "这个值前面的标签“!!…”与它不符（请删掉标签）"),
        ("a: !!map x\n", "这个值前面的标签“!!…”与它不符（请删掉标签）"),
        # sequence entries are not allowed here
        ("a: - b\n", "此处不能出现列表项“-”（请检查缩进）"),
        # found undefined alias; found duplicate anchor
        ("a: *nowhere\n", "别名“nowhere”没有对应的锚点"),
        ("a: &x 1\nb: &x 2\n", "锚点“x”已在前面定义过"),
        # expected alphabetic or numeric character (while scanning an alias / an anchor)
        ("a: *重要\n", "别名“*”的名称不能以“重”开头（以“*”开头的文字请加引号）"),
        ("a: &\n", "锚点“&”的名称不能以行尾开头（以“&”开头的文字请加引号）"),
        # found unknown escape character
        ('a: "\\q"\n', "双引号文字中有未知的转义“q”"),
        # but found another document (expected a single document in the stream)
        ("a: 1\n---\nb: 2\n", "文件中有不止一个文档（“---”）"),
        # expected URI (while parsing a tag); could not determine a constructor for the tag
        ("a: !重要\n", "值不能以“!”开头（请给这段文字加引号）"),
        ("a: !foo x\n", "值不能以“!”开头（请给这段文字加引号）"),
        # expected chomping or indentation indicators / a comment or a line break
        # (while scanning a block scalar)
        (
            "a: |x\n  b\n",
            "“|”或“>”之后，文字应从下一行开始（遇到了“x”；以“|”或“>”开头的文字请加引号）",
        ),
        (
            "a: > 重要\n",
            "“|”或“>”之后，文字应从下一行开始（遇到了“重”；以“|”或“>”开头的文字请加引号）",
        ),
        # found unhashable key (while constructing a mapping)
        ("{a: 1}: 2\n", "键不能是列表或映射"),
        # unacceptable character: special characters are not allowed (the reader's)
        ("a: 1\n\x07\n", "文件含有 YAML 不允许的控制字符 U+0007，请删除"),
    ],
)
def test_common_problems_are_chinese(text: str, said: str) -> None:
    assert _problem(text) == said


def test_an_unknown_problem_is_a_chinese_error_with_the_original_as_a_technical_detail() -> None:
    with in_language("zh_CN"):
        said = safeyaml.problem(yaml.MarkedYAMLError(problem="found something odd"))
    assert said == "YAML 语法错误（技术细节：found something odd）"


def cannot_read(value: str, tag: str) -> str:
    """What a tag on a value it cannot read says."""
    return f"“{value}”不能按标签 {tag} 读取（请改正这个值，或删掉标签）"


def refused(tag: str) -> str:
    """What a tag whose value no file takes says."""
    return f"此处不能用标签 {tag}：只写文字、数字、日期、列表和映射（请删掉标签）"


# A tag on a value it cannot read was a ValueError, KeyError or AttributeError from inside
# PyYAML: exit 3 from `rules check`, `org import`, `causes import` (review of 2026-12-03).
# A tag whose value no file takes was read: `name: !!binary "5byg5LiJ"` in a dispute file
# stored the name b'\xe5\xbc\xa0…' and `!!set {a}` an address "{'a'}", exit 0 (the same
# review). Each is a located Chinese error, where it is written.
@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ("name: !!int abc\n", "f.yaml:1:7", cannot_read("abc", "!!int")),
        ("a: !!float x\n", "f.yaml:1:4", cannot_read("x", "!!float")),
        ("a: !!bool x\n", "f.yaml:1:4", cannot_read("x", "!!bool")),
        ("a: !!timestamp x\n", "f.yaml:1:4", cannot_read("x", "!!timestamp")),
        ("a:\n  - {id: !!int abc}\n", "f.yaml:2:10", cannot_read("abc", "!!int")),
        ("{!!int x: 1}\n", "f.yaml:1:2", cannot_read("x", "!!int")),
        ('name: !!binary "5byg5LiJ"\n', "f.yaml:1:7", refused("!!binary")),
        ("address: !!set {a}\n", "f.yaml:1:10", refused("!!set")),
        ("a: !!omap [{b: 1}]\n", "f.yaml:1:4", refused("!!omap")),
        ("a: !!pairs [{b: 1}]\n", "f.yaml:1:4", refused("!!pairs")),
    ],
    ids=[
        *("int", "float", "bool", "timestamp", "int-in-a-list", "int-key"),
        *("binary", "set", "omap", "pairs"),  # refused
    ],
)
@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_a_tag_it_cannot_read_or_no_file_takes_is_a_located_chinese_error(
    monkeypatch: pytest.MonkeyPatch, text: str, where: str, said: str, libyaml: bool
) -> None:
    if libyaml and not safeyaml.libyaml_usable():
        pytest.skip("no usable libyaml")
    monkeypatch.setattr(safeyaml, "libyaml_usable", lambda: libyaml)
    with in_language("zh_CN"):
        try:
            safeyaml.load(text)
        except yaml.YAMLError as exc:
            located = safeyaml.error(exc, "f.yaml")
        else:
            raise AssertionError("no error")
    assert str(located) == f"{where}：{said}"


def test_a_rules_file_with_a_tag_on_a_value_it_cannot_read_is_located() -> None:
    with in_language("zh_CN"), pytest.raises(SourceError) as caught:
        load_located("route:\n  name: !!int abc\n", "r.yaml")
    assert str(caught.value) == (
        "r.yaml:2:9: 不是有效的 YAML：“abc”不能按标签 !!int 读取（请改正这个值，或删掉标签）"
    )


def test_a_located_problem_keeps_file_line_and_column_under_zh() -> None:
    with in_language("zh_CN"):
        try:
            safeyaml.load("a: 1\nb: c: d\n")
        except yaml.YAMLError as exc:
            located = safeyaml.error(exc, "m.yaml")
    assert str(located) == "m.yaml:2:5：此处不能写“键: 值”（请检查缩进；含“: ”的文字请加引号）"


def test_a_rules_file_with_a_control_character_says_so_in_chinese() -> None:
    from mediate.routing.causes import bundled_taxonomy
    from mediate.routing.loader import check_text
    from mediate.routing.network import bundled_network

    with in_language("zh_CN"):
        spec, errors = check_text("a: 1\n\x07\n", "r.yaml", bundled_network(), bundled_taxonomy())
        said = [error.message for error in errors]
    assert spec is None
    assert said == ["不是 YAML 文本文件：文件含有 YAML 不允许的控制字符 U+0007，请删除"]


def test_own_problems_stay_as_they_are() -> None:
    assert _problem("d: 2026-02-30\n") == "“2026-02-30”不是真实存在的日期或时间"


def test_rules_files_say_it_in_chinese_too() -> None:
    with in_language("zh_CN"), pytest.raises(SourceError) as caught:
        load_located("cause: [\n", "bad.yaml")
    assert "bad.yaml:2:1" in str(caught.value)
    assert "此处缺少内容（遇到了文件结尾）" in str(caught.value)
