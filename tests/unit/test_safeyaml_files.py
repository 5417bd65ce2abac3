"""safeyaml.read_text / decode / load_file: the one reader of YAML files' bytes. A file
saved in GBK, or one that is missing, is a located error in the interface language, never
a UnicodeDecodeError (exit 3) or the system's English (review of 2026-12-03)."""

from __future__ import annotations

import codecs

import pytest

from mediate import safeyaml
from mediate.errors import ValidationError
from mediate.i18n import in_language

GBK = "2027:\n  holidays:\n    - 2027-01-01..2027-01-03  # 元旦\n".encode("gbk")


@pytest.mark.parametrize("read", [safeyaml.read_text, safeyaml.load_file])
def test_a_gbk_file_is_not_utf8_text_at_its_first_bad_byte(tmp_path, read) -> None:
    path = tmp_path / "hg.yaml"
    path.write_bytes(GBK)
    with in_language("zh_CN"), pytest.raises(ValidationError) as caught:
        read(path)
    assert isinstance(caught.value, safeyaml.FileError)
    assert str(caught.value) == f"{path}:3:34：文件不是 UTF-8 文本"


@pytest.mark.parametrize("read", [safeyaml.read_text, safeyaml.load_file])
def test_a_missing_file_is_said_in_chinese(tmp_path, read) -> None:
    with in_language("zh_CN"), pytest.raises(safeyaml.FileError) as caught:
        read(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}：没有这个文件或目录"


def test_the_file_is_named_as_the_caller_shows_it(tmp_path) -> None:
    path = tmp_path / "hg.yaml"
    path.write_bytes(GBK)
    with in_language("zh_CN"), pytest.raises(safeyaml.FileError) as caught:
        safeyaml.read_text(path, "hg.yaml")
    assert (caught.value.where, caught.value.reason) == ("hg.yaml:3:34", "文件不是 UTF-8 文本")


def test_a_byte_order_mark_is_read_and_dropped(tmp_path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + "a: 元旦\n".encode())
    assert safeyaml.read_text(path) == "a: 元旦\n"
    assert safeyaml.load_file(path) == {"a": "元旦"}


def test_a_bad_byte_on_the_first_line_after_a_byte_order_mark_is_counted_without_it() -> None:
    with pytest.raises(safeyaml.FileError) as caught:
        safeyaml.decode(codecs.BOM_UTF8 + b"ab\xb5", "f.yaml")
    assert caught.value.where == "f.yaml:1:3"
