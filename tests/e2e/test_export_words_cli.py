"""`export` in Chinese says where it wrote in Chinese, and `export credit`'s help gives its
own formats and default (JSON, not the case export's CSV or XLSX): the walk of 2026-12-02."""

import pytest

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}


@pytest.mark.parametrize("what", ["cases", "credit"])
def test_an_export_to_standard_output_says_so_in_chinese(cli, initialised, what):
    result = cli(["--db", initialised.url, "export", what], env=ZH)
    assert result.exit_code == 0, result.output
    assert "标准输出" in result.stderr
    assert "stdout" not in result.stderr


def test_export_credits_help_names_json_as_its_default(cli):
    result = cli(["export", "credit", "--help"], env=ZH)
    assert result.exit_code == 0, result.output
    assert "否则为 json" in result.stdout
    assert "xlsx" not in result.stdout


def test_export_credit_help_says_its_layout_is_the_platforms_fixed_one(cli):
    """Walk of 2026-12-02: the credit file's English headers and codes (settled,
    applicant) are the platform's layout mediate-credit/1 (docs/credit-export.md), kept
    as they are; its help says so."""
    helped = cli(["export", "credit", "--help"], env={"MEDIATE_LANG": "zh", "COLUMNS": "80"})
    assert helped.exit_code == 0, helped.output
    text = "".join(helped.stdout.split())
    assert "固定的交换格式mediate-credit/1" in text
    assert "保留英文" in text
