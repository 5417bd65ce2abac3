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


def _zh_help(*command: str) -> str:
    """A command's help read from a process that starts in Chinese, as a clerk's does: a
    command's help is translated when its module is imported, and an earlier test in this
    process may have imported it in English."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="80")
    return subprocess.run(
        [sys.executable, "-m", "mediate", *command, "--help"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_export_credits_help_names_json_as_its_default():
    page = _zh_help("export", "credit")
    assert "否则为 json" in page
    assert "xlsx" not in page


def test_export_credit_help_says_its_layout_is_the_platforms_fixed_one(cli):
    """Walk of 2026-12-02: the credit file's English headers and codes (settled,
    applicant) are the platform's layout mediate-credit/1 (docs/credit-export.md), kept
    as they are; its help says so."""
    text = "".join(_zh_help("export", "credit").split())
    assert "固定的交换格式mediate-credit/1" in text
    assert "保留英文" in text
