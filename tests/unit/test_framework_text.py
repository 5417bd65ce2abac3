"""Help text laid out for Chinese: by display width, never inside a number or a word."""

from mediate.framework import conversion_error
from mediate.helplayout import translate_help, translate_terms
from mediate.textwidth import cell_width, wrap


def test_a_chinese_character_takes_two_columns():
    assert cell_width("调解中") == 6
    assert cell_width("case 12") == 7


def test_wrapping_keeps_numbers_words_and_punctuation_whole():
    text = "共 12,345 件纠纷，其中 jz-410802-county-center 受理 1,024 件。"
    for width in (24, 30, 40):
        lines = wrap(text, width)
        assert all(cell_width(line) <= width for line in lines)
        assert "12,345" in "".join(line for line in lines if "12,345" in line)
        assert any("jz-410802-county-center" in line for line in lines)
        assert any("1,024" in line for line in lines)
        assert not any(line.startswith(("，", "。")) for line in lines)


def test_wrapping_english_breaks_at_spaces_only():
    lines = wrap("Register a dispute from a YAML or JSON file: cause, amount, source", 30)
    assert lines == ["Register a dispute from a YAML", "or JSON file: cause, amount,", "source"]


def test_type_metavars_and_notes_are_translated(monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    assert translate_terms("--limit <int range>") == "--limit <整数>"
    assert translate_terms("--status <list[str]>") == "--status <文本>..."
    assert translate_help("Rows.  [default: 50; x>=1]") == "Rows.  [默认：50；至少 1]"
    assert translate_help("The reason.  [required]") == "The reason.  [必填]"


def test_pydantic_conversion_errors_get_our_own_words(monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    assert conversion_error({"type": "int_parsing", "input": "abc"}) == "“abc” 不是整数。"
    too_small = {"type": "greater_than_equal", "input": 0, "ctx": {"ge": 1}}
    assert conversion_error(too_small) == "0 太小：至少为 1。"
