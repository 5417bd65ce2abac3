"""Lists in Chinese output are joined by 、 (and clauses by ；), not by an English comma:
click's suggestions, the routing trace, the demo's follow-ups. English keeps ", "."""

from __future__ import annotations

from tests.conftest import squash

ZH = {"MEDIATE_LANG": "zh"}

DISPUTE = """\
cause: 金融借款合同纠纷
parties:
  - {role: applicant, kind: enterprise, name: 某银行焦作分行, industry: finance}
  - {role: respondent, kind: person, name: 张三}
"""


def test_a_mistyped_option_or_command_suggests_names_joined_by_the_chinese_comma(cli) -> None:  # type: ignore[no-untyped-def]
    option = cli(["report", "funnel", "--sorce", "x"], env=ZH)
    assert option.exit_code == 2
    assert "您是否要用 --force、--json、--source？" in option.stderr
    command = cli(["cas"], env=ZH)
    assert command.exit_code == 2
    assert "“case”、“causes”" in command.stderr
    english = cli(["report", "funnel", "--sorce", "x"], env={"MEDIATE_LANG": "en"})
    assert "Did you mean --force, --json, --source?" in english.stderr


def test_the_routing_trace_joins_its_reasons_the_chinese_way(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(DISPUTE, encoding="utf-8")
    shown = cli(["rules", "explain", "--case", str(case)], env=ZH)
    assert shown.exit_code == 0, shown.output
    assert "; " not in shown.stdout and "；" in shown.stdout
    english = cli(["rules", "explain", "--case", str(case)], env={"MEDIATE_LANG": "en"})
    assert "; " in english.stdout


def test_the_demo_lists_files_and_follow_ups_with_the_chinese_comma(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = cli(["demo", "--dir", str(tmp_path / "demo")], env=ZH)
    assert result.exit_code == 0, result.output
    said = squash(result.output)
    assert squash("告知当事人其他救济途径、报送征信机构") in said
    assert squash("referrals-jiefang-gbk.csv、referrals-shanyang.xlsx") in said
