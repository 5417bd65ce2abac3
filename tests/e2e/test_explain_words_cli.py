"""`mediate rules explain` in the clerk's words: tags by their Chinese labels, a rule's
regular expression as the words it stands for (the expression itself only with --raw),
condition sets by what they test, and every label it prints taken back where the clerk
types a tag (a dispute file, `case edit --set 标签=…`, a rules file)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mediate.domain.vocabulary import tag_codes
from mediate.resources import data_dir
from mediate.routing.engine import regex_words

PRICE = (data_dir() / "samples" / "disputes" / "price.yaml").read_text(encoding="utf-8")
REGEX = re.compile(r"\(\?<?[!=]|\)\?|\|")  # what a regular expression shows: (?! (?<! )? |


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")


def _explain(cli, text: str, *extra: str) -> tuple[str, str]:
    """The table as printed, and every route's why (as --json gives them), one per line."""
    shown = cli(["rules", "explain", "--case", "-", *extra], input=text)
    assert shown.exit_code == 0, shown.output
    data = cli(["--json", "rules", "explain", "--case", "-", *extra], input=text)
    whys = "\n".join(step["why"] for step in json.loads(data.stdout)["trace"])
    return shown.stdout, whys


def test_explain_shows_tags_by_label_and_no_regular_expression(cli, zh):
    table, whys = _explain(cli, PRICE.replace("- price_dispute", "- 警情"))  # unknown: as typed
    for text in (table, whys):
        assert "price_dispute" not in text and "not_mediable" not in text
        assert not REGEX.search(text), REGEX.search(text)
    assert "没有标签 不得调解的纠纷" in whys and "没有标签 价格争议" in whys
    assert "不含 劳动（前面不是“船员”、后面不是“者劳务”）" in whys  # a look-around in words
    assert "条件集" not in whys  # a set by what it tests
    assert "来源 信访 属于 信访、已移送" in whys  # sources by their labels


def test_raw_shows_the_rules_file_as_written(cli, zh):
    _table, whys = _explain(cli, PRICE.replace("- price_dispute", "- 警情"), "--raw")
    assert "没有标签 not_mediable" in whys
    assert "(?<!船员)劳动(?!者劳务)" in whys


def test_a_tag_label_as_printed_is_taken_back_in_a_dispute_file(cli, zh):
    as_code = json.loads(cli(["--json", "rules", "explain", "--case", "-"], input=PRICE).stdout)
    as_label = PRICE.replace("- price_dispute", "- 价格争议")
    by_label = json.loads(cli(["--json", "rules", "explain", "--case", "-"], input=as_label).stdout)
    assert by_label["decision"]["org"] == as_code["decision"]["org"]
    assert by_label["decision"]["rule"] == "price"
    assert "带有标签 价格争议" in _explain(cli, as_label)[1]


def test_a_tag_label_is_taken_back_in_case_edit(cli, initialised, zh):
    db = initialised.url
    sample = data_dir() / "samples" / "disputes" / "price.yaml"
    assert cli(["--db", db, "--no-input", "case", "add", "--file", str(sample)]).exit_code == 0
    edited = cli(
        ["--db", db, "--no-input", "case", "edit", "1", "--set", "标签=合同欺诈、价格争议"]
    )
    assert edited.exit_code == 0, edited.output
    shown = json.loads(cli(["--db", db, "--json", "case", "show", "1"]).stdout)
    assert shown["tags"] == ["contract_fraud", "price_dispute"]


@pytest.mark.parametrize("width", [60, 80])
def test_case_show_prints_the_tags_by_label_and_case_edit_takes_each_line_back(
    cli, initialised, zh, width
):
    """`case show` prints the case's tags as `rules explain` does (a known tag by its label,
    another word as typed), within the terminal's width and wrapped only between tags, so
    what it prints is taken back by `case edit --set 标签=…` (review of 2026-12-02: case
    show printed no tags at all)."""
    from mediate import console
    from mediate.domain.vocabulary import TAG, tag_label
    from mediate.i18n import in_language
    from mediate.textwidth import cell_width

    db = initialised.url
    sample = data_dir() / "samples" / "disputes" / "price.yaml"
    assert cli(["--db", db, "--no-input", "case", "add", "--file", str(sample)]).exit_code == 0
    codes = [*TAG.codes, "邻里关系敏感"]
    edited = cli(
        ["--db", db, "--no-input", "case", "edit", "1", "--set", f"tags={','.join(codes)}"]
    )
    assert edited.exit_code == 0, edited.output
    console.reset(width=width)
    shown = cli(["--db", db, "case", "show", "1"]).stdout
    lines = shown.splitlines()
    assert max(cell_width(line) for line in lines) <= width
    at = next(i for i, line in enumerate(lines) if line.startswith("标签 "))
    printed = [lines[at].removeprefix("标签").strip()]
    printed += [line.strip() for line in lines[at + 1 :] if line.startswith(" ")][: len(codes)]
    printed = printed[: next(i for i, p in enumerate(printed) if "邻里关系敏感" in p) + 1]
    with in_language("zh_CN"):
        labels = [tag_label(code) for code in codes]
    assert "".join(printed) == "、".join(labels)
    for line in printed:  # each line whole tags: taken back as printed
        assert set(line.rstrip("、").split("、")) <= set(labels), line
    for line in printed:
        again = cli(["--db", db, "--no-input", "case", "edit", "1", "--set", f"标签={line}"])
        assert again.exit_code == 0, again.output
        tags = json.loads(cli(["--db", db, "--json", "case", "show", "1"]).stdout)["tags"]
        assert tags == [codes[labels.index(t)] for t in line.rstrip("、").split("、")]


def test_case_edit_and_history_print_tags_by_label_and_take_the_short_debt_evasion_word(
    cli, initialised, zh
):
    """`case edit`'s change table and `case history` print a tag as `case show` does (价格
    争议, never price_dispute; a free tag as typed), and 逃废债, the usual short form of 逃废
    债务 (seed item 18's 恶意逃废债务), is that tag, not a free word (review of 2026-12-02)."""
    db = initialised.url
    sample = data_dir() / "samples" / "disputes" / "price.yaml"
    assert cli(["--db", db, "--no-input", "case", "add", "--file", str(sample)]).exit_code == 0
    edited = cli(["--db", db, "--no-input", "case", "edit", "1", "--set", "标签=逃废债,警情"])
    assert edited.exit_code == 0, edited.output
    table = "".join(edited.stdout.split())
    assert "price_dispute" not in table and "debt_evasion" not in table, edited.stdout
    assert "价格争议" in table and "恶意逃废债务、警情" in table, edited.stdout
    tags = json.loads(cli(["--db", db, "--json", "case", "show", "1"]).stdout)["tags"]
    assert tags == ["debt_evasion", "警情"]
    history = "".join(cli(["--db", db, "case", "history", "1"]).stdout.split())
    assert "debt_evasion" not in history and "恶意逃废债务" in history, history


def test_every_tag_label_names_its_code_in_both_languages(monkeypatch):
    from mediate.domain.vocabulary import TAG
    from mediate.i18n import in_language

    for code in TAG.codes:
        for language in ("zh_CN", "en"):
            with in_language(language):
                label = TAG.label(code)
            assert label != code
            assert tag_codes([label]) == [code], (language, label)
    assert tag_codes(["警情"]) == ["警情"]  # an open set: any other word as typed


def test_a_rules_file_takes_tag_and_source_labels(cli, tmp_path: Path):
    rules = (Path(__file__).resolve().parents[2] / "rules" / "jiaozuo.yaml").read_text("utf-8")
    edited = rules.replace("tags: [price_dispute]", "tags: [价格争议]").replace(
        "source: [court_entrusted, court_delegated]", "source: [法院委托, 法院委派]"
    )
    assert edited != rules
    path = tmp_path / "rules.yaml"
    path.write_text(edited, encoding="utf-8")
    result = cli(["--json", "rules", "explain", "--rules", str(path), "--case", "-"], input=PRICE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["decision"]["rule"] == "price"


def test_regex_words():
    assert regex_words("婚姻(关系)?(无效|效力)") == [
        "婚姻无效",
        "婚姻效力",
        "婚姻关系无效",
        "婚姻关系效力",
    ]
    assert regex_words("工伤(?!认定)") == ["工伤 (not followed by “认定”)"]
    # one-character alternatives are parsed as a class: spelled out, one word each (review
    # of 2026-12-02: `(借|贷)款` showed only "--raw shows them")
    assert regex_words("(借|贷)款") == ["借款", "贷款"]
    assert regex_words("[甲乙]方") == ["甲方", "乙方"]
    assert regex_words("[^甲]方") is None  # only --raw shows it
    assert regex_words("[a-z]方") is None
    assert regex_words("[一二三四五六七八九]级") is None  # too many to list


def test_the_raw_option_is_explained_in_chinese():
    import os
    import subprocess
    import sys

    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="80")
    page = subprocess.run(
        [sys.executable, "-m", "mediate", "rules", "explain", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = "".join(page.split())
    assert "--raw按规则文件的原样显示条件：标签和来源的代码、正则表达式、条件集名称。" in flat
