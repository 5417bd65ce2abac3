"""What the audit of 2026-12 found a new clerk meeting at the terminal: wrong input for
`import` named without its file, a status printed as its code."""

from __future__ import annotations

from tests.conftest import squash

ZH = {"MEDIATE_LANG": "zh"}


def test_import_errors_name_the_file_row_and_column(cli, db, tmp_path):
    missing = tmp_path / "缺案由.csv"
    missing.write_text("案号,标的额,原告,被告\n,3000,张三,李四\n", encoding="utf-8")
    result = cli(["--db", db, "import", str(missing)], env=ZH)
    assert result.exit_code == 1
    assert squash("缺案由.csv 第 1 行") in squash(result.stderr)
    assert "案由" in result.stderr

    bad = tmp_path / "一月.csv"
    bad.write_text(
        "案由,立案日期,原告,原告证件号码,被告\n"
        "民间借贷纠纷,2026-13-45,张三,410802198003124317,李四\n",
        encoding="utf-8",
    )
    result = cli(["--db", db, "import", str(bad)], env=ZH)
    assert result.exit_code == 1
    text = squash(result.stderr)
    assert squash("一月.csv 第 2 行，立案日期：2026-13-45 不是真实存在的日期") in text
    assert squash("一月.csv 第 2 行，原告证件号码：") in text and "校验位" in text


def test_a_refusal_names_the_case_status_by_its_label(cli, db, imported_csv):
    imported_csv(
        "委派.csv",
        "案由,案件来源,委派法院,原告,被告\n民间借贷纠纷,诉前调解,焦作市中站区人民法院,张三,李四\n",
    )
    result = cli(["--db", db, "confirm", "request", "1"], env=ZH)
    assert result.exit_code == 1
    assert "已分流" in result.stderr and "routed" not in result.stderr
