"""Rules as the clerk reads them: a route's title (金融纠纷) in `rules explain`, `case show`,
`case history` and the demo, its name in brackets for the expert; what is printed is
accepted back in rule tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediate.resources import data_dir
from tests.conftest import squash

ZH = {"MEDIATE_LANG": "zh"}

TRAFFIC = """\
cause: 机动车交通事故责任纠纷
location: "410802"
parties:
  - {role: applicant, kind: person, name: 李四}
  - {role: respondent, kind: person, name: 张三}
"""


def test_explain_names_the_route_and_the_kind_of_body_in_chinese(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(TRAFFIC, encoding="utf-8")
    result = cli(["rules", "explain", "--case", str(case)], env=ZH)
    assert result.exit_code == 0, result.output
    shown = squash(result.stdout)
    assert squash("类型 专业调解组织") in shown and squash("类型 professional") not in shown
    assert squash("规则 专业调解领域 › 道路交通事故（traffic）") in shown
    assert "root >" not in shown
    assert "不得调解的案件" in shown and "（not-mediable）" in shown  # the trace: title, name
    english = cli(["rules", "explain", "--case", str(case)], env={"MEDIATE_LANG": "en"})
    assert squash("Kind professional mediation body") in squash(english.stdout)
    assert squash("Route 专业调解领域 › 道路交通事故 (traffic)") in squash(english.stdout)


def test_case_show_and_history_name_the_rule_by_its_title(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", initialised.url]
    sample = data_dir() / "samples/disputes/finance.yaml"
    assert cli([*db, "case", "add", "--file", str(sample)]).exit_code == 0
    history = cli([*db, "case", "history", "1"], env=ZH)
    assert history.exit_code == 0, history.output
    assert squash("规则：金融纠纷（finance）") in squash(history.stdout)
    shown = cli([*db, "case", "show", "1"], env=ZH)
    assert squash("规则：金融纠纷（finance）（规则版本") in squash(shown.output)
    assert "root ›" not in shown.output


def test_rule_tests_take_a_rule_by_title_or_as_explain_prints_it(rule_tests) -> None:  # type: ignore[no-untyped-def]
    _file, result = rule_tests(
        ("by title", "{rule: 道路交通事故, path: 专业调解领域 > 道路交通事故}", TRAFFIC),
        (
            "as printed",
            "{rule: 道路交通事故（traffic）, path: 专业调解领域 › 道路交通事故（traffic）}",
            TRAFFIC,
        ),
        ("by name", "{rule: traffic, path: root > professional > traffic}", TRAFFIC),
        ("wrong title", "{rule: 金融纠纷}", TRAFFIC),
    )
    assert result.exit_code == 1, result.output
    assert squash("3 passed, 1 failed") in squash(result.stderr)
    assert "wrong title" in result.stderr and "by title" not in result.stderr


def test_a_title_must_be_text_and_name_one_route(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "route:\n"
        "  name: root\n"
        "  title: 兜底\n"
        "  target: jz-410800-nlc\n"
        "  routes:\n"
        "    - name: finance\n"
        "      title: 兜底\n"
        "      match: {cause: 金融借款合同纠纷}\n"
        "      target: jz-410800-finance\n"
        "    - name: credit\n"
        "      title: [企业信用]\n"
        "      match: {cause: 买卖合同纠纷}\n"
        "      target: jz-410800-credit\n"
        "    - name: ip\n"
        "      title: finance\n"
        "      match: {cause: 著作权权属纠纷}\n"
        "      target: jz-410800-ip\n",
        encoding="utf-8",
    )
    result = cli(["rules", "check", str(rules)], env=ZH)
    assert result.exit_code == 1, result.output
    errors = squash(result.stderr)
    assert squash("规则标题“兜底”已用于规则 root") in errors
    assert squash("rules.yaml:11:14：credit：“title”必须是非空文本") in errors
    assert squash("规则标题“finance”已用于规则 finance") in errors


def test_check_locates_an_error_by_the_routes_titles(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`root > professional > traffic: …` was printed in Chinese output: the titles joined
    with ` › ` and the interface's colon, as explain prints a path (review of 2026-12-02)."""
    bundled = (Path(__file__).resolve().parents[2] / "rules" / "jiaozuo.yaml").read_text("utf-8")
    line = "          title: 道路交通事故\n"
    assert line in bundled
    rules = tmp_path / "rules.yaml"
    rules.write_text(bundled.replace(line, line + "          matcher: x\n", 1), encoding="utf-8")
    zh = cli(["rules", "check", str(rules)], env=ZH)
    assert zh.exit_code == 1, zh.output
    said = squash("：专业调解领域 › 道路交通事故（traffic）：未知的键“matcher”")
    assert said in squash(zh.stderr)
    assert "root >" not in zh.stderr
    en = cli(["rules", "check", str(rules)], env={"MEDIATE_LANG": "en"})
    assert squash(": 专业调解领域 › 道路交通事故 (traffic): unknown key 'matcher'") in squash(
        en.stderr
    )


def test_case_add_names_the_rule_by_its_title(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    sample = data_dir() / "samples/disputes/finance.yaml"
    added = cli(["--db", initialised.url, "case", "add", "--file", str(sample)], env=ZH)
    assert added.exit_code == 0, added.output
    assert squash("规则 金融纠纷（finance）") in squash(added.output)


def _forget_names() -> None:
    from mediate.routing import places
    from mediate.services import rulenames

    rulenames._titles.cache_clear()
    places._division_names.cache_clear()


@pytest.mark.parametrize(
    "planted", ["[" * 200000, '{"a":' * 200000, '["finance"]', '{"finance": ["金融纠纷"]}']
)
def test_damaged_name_copies_are_derived_again_for_case_show(cli, initialised, planted) -> None:  # type: ignore[no-untyped-def]
    """A damaged copy of the route titles or the division names (too deeply nested for the
    JSON reader, or of the wrong shape) is ignored and made again: `case show` prints the
    title and the place's name, as with no copy (issue: RecursionError, exit 3)."""
    import json
    import os

    db = ["--db", initialised.url]
    sample = data_dir() / "samples/disputes/finance.yaml"
    assert cli([*db, "case", "add", "--file", str(sample)]).exit_code == 0
    _forget_names()
    good = cli([*db, "case", "show", "1"], env=ZH)
    assert squash("规则：金融纠纷（finance）") in squash(good.output), good.output
    copies = sorted((Path(os.environ["MEDIATE_HOME"]) / "cache" / "names").iterdir())
    assert len(copies) == 2  # route titles and division names
    for copy in copies:
        copy.write_text(planted, encoding="utf-8")
    _forget_names()
    shown = cli([*db, "case", "show", "1"], env=ZH)
    assert shown.exit_code == 0, shown.output
    assert shown.output == good.output
    for copy in copies:
        table = json.loads(copy.read_text(encoding="utf-8"))
        assert isinstance(table, dict) and table  # made again
