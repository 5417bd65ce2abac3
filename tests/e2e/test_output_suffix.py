"""A file option of one format completes a name without a suffix; an export that needs a
file and names none is a usage error (review of 2026-12-03)."""

from __future__ import annotations

import zipfile

from tests.report_data import seed

ZH = {"MEDIATE_LANG": "zh"}


def test_export_cases_to_xlsx_without_a_file_is_a_usage_error(cli, sqlite_db):
    result = cli(["--db", sqlite_db.url, "export", "cases", "-f", "xlsx"], env=ZH)
    assert result.exit_code == 2, result.output
    assert "--output" in result.stderr and "导出 XLSX 需要指定文件" in result.stderr


def test_a_whitepaper_or_report_xlsx_named_without_a_suffix_gets_its_own(cli, sqlite_db, tmp_path):
    seed(sqlite_db.url)
    out = tmp_path / "out"
    out.mkdir()
    paper, sheet = out / "wp", out / "r"
    result = cli(["--db", sqlite_db.url, "report", "whitepaper", "-o", str(paper)], env=ZH)
    assert result.exit_code == 0, result.output
    result = cli(["--db", sqlite_db.url, "report", "orgs", "--xlsx", str(sheet)], env=ZH)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["r.xlsx", "wp.docx"]
    assert zipfile.is_zipfile(out / "wp.docx") and zipfile.is_zipfile(out / "r.xlsx")
    # the completed name is the one --force is asked for
    result = cli(["--db", sqlite_db.url, "report", "whitepaper", "-o", str(paper)], env=ZH)
    assert result.exit_code == 1 and "wp.docx 已存在" in result.stderr
